/**
 * The lite kernel's web worker: Pyodide, loaded on the first lite run from the URL the
 * server gives (its own copy of the core unless an administrator configured a
 * distribution), and nbschedule_lite.py, which runs each cell and returns its outputs.
 */
import type { PyodideInterface } from 'pyodide';

import { IWorkerReply, IWorkerRequest } from './protocol';

declare function importScripts(...urls: string[]): void;
declare function loadPyodide(options: {
  indexURL: string;
}): Promise<PyodideInterface>;

const scope = self as unknown as Worker;
const KERNEL_FOLDER = '/nbschedule';
let pyodide: PyodideInterface | null = null;
let full = false;
// Top-level module → URL of the server's wheel providing it; each installed once.
let wheels = new Map<string, string>();
const installed = new Set<string>();

async function servedWheels(url: string): Promise<Map<string, string>> {
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`The lite wheels list answered ${response.status}.`);
  }
  const { wheels: listed } = (await response.json()) as {
    wheels: { file: string; imports: string[] }[];
  };
  return new Map(
    listed.flatMap(wheel =>
      wheel.imports.map(module => [
        module,
        url + encodeURIComponent(wheel.file)
      ])
    )
  );
}

/** Installs the served wheels `source` imports, from this server (never the internet). */
async function installWheels(source: string): Promise<void> {
  if (!pyodide || wheels.size === 0) {
    return;
  }
  const findImports = pyodide.pyimport('pyodide.code').find_imports;
  const imports = findImports(source);
  const modules: string[] = imports.toJs();
  imports.destroy();
  findImports.destroy();
  const urls = modules
    .map(module => wheels.get(module))
    .filter((url): url is string => !!url && !installed.has(url));
  if (urls.length) {
    await pyodide.loadPackage(urls);
    urls.forEach(url => installed.add(url));
  }
}

async function load(
  request: Extract<IWorkerRequest, { kind: 'load' }>
): Promise<void> {
  importScripts(`${request.pyodideUrl}pyodide.js`);
  pyodide = await loadPyodide({ indexURL: request.pyodideUrl });
  full = request.full;
  const response = await fetch(request.kernelUrl);
  if (!response.ok) {
    throw new Error(`The lite kernel module answered ${response.status}.`);
  }
  pyodide.FS.mkdirTree(KERNEL_FOLDER);
  pyodide.FS.writeFile(
    `${KERNEL_FOLDER}/nbschedule_lite.py`,
    await response.text()
  );
  pyodide.runPython(`import sys; sys.path.insert(0, '${KERNEL_FOLDER}')`);
  wheels = await servedWheels(request.wheelsUrl);
}

async function handle(request: IWorkerRequest): Promise<IWorkerReply> {
  if (request.kind === 'load') {
    if (!pyodide) {
      await load(request);
    }
    return { kind: 'done' };
  }
  if (!pyodide) {
    throw new Error('Pyodide is not loaded.');
  }
  const kernel = pyodide.pyimport('nbschedule_lite');
  try {
    if (request.kind === 'begin') {
      kernel.reset();
      pyodide.FS.mkdirTree(request.folder);
      for (const [name, text] of Object.entries(request.files)) {
        pyodide.FS.writeFile(`${request.folder}/${name}`, text);
      }
      return { kind: 'done' };
    }
    if (full) {
      await pyodide.loadPackagesFromImports(request.source);
    }
    await installWheels(request.source);
    const result = kernel.run_cell(request.source, request.count);
    const converted = result.toJs({ dict_converter: Object.fromEntries });
    result.destroy();
    return { kind: 'cell', ...converted };
  } finally {
    kernel.destroy();
  }
}

scope.onmessage = (event: MessageEvent<IWorkerRequest>) => {
  handle(event.data)
    .then(reply => scope.postMessage(reply))
    .catch(error =>
      scope.postMessage({
        kind: 'failed',
        message: error instanceof Error ? error.message : String(error)
      } satisfies IWorkerReply)
    );
};
