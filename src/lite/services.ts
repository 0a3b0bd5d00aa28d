/**
 * "Python (lite)": an in-browser kernel among the server's, through JupyterLab's
 * pluggable services. The kernel spec, kernel and session managers are the stock ones,
 * given API clients that answer for lite kernels and sessions in the page and hand
 * everything else to the server; a lite kernel's socket talks to the Pyodide worker.
 * Only these small shims are in the initial bundle: the bridge loads on first use.
 */
import { UUID } from '@lumino/coreutils';
import {
  IConnectionStatus,
  IKernelManager,
  IKernelSpecManager,
  IServerSettings,
  ISessionManager,
  Kernel,
  KernelAPI,
  KernelManager,
  KernelSpec,
  KernelSpecAPI,
  KernelSpecManager,
  ServerConnection,
  ServiceManagerPlugin,
  Session,
  SessionAPI,
  SessionManager
} from '@jupyterlab/services';

export const LITE_KERNEL = 'python-lite';

// Lite kernels and sessions live in this page only.
const kernels = new Map<string, Kernel.IModel>();
const sessions = new Map<string, Session.IModel>();

/** The notebook a lite kernel serves: its session's path. */
export function litePathOf(kernelId: string): string | undefined {
  for (const session of sessions.values()) {
    if (session.kernel?.id === kernelId) {
      return session.path;
    }
  }
  return undefined;
}

/** A lite kernel's channels: the Jupyter protocol, answered by the bridge module. */
export class LiteSocket {
  constructor(url: string) {
    const id = decodeURIComponent(url.split('/api/kernels/')[1].split('/')[0]);
    void import('./bridge').then(bridge => bridge.connect(this, id));
  }
  readonly protocol = '';
  binaryType = 'arraybuffer';
  readyState = 0;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  /** Set by the bridge once connected. */
  send: (data: string) => void = () => undefined;
  close(): void {
    this.readyState = 3;
  }
}

/** A lite kernel's id is answered here, any other goes to the server's WebSocket. */
function socketFor(base: typeof WebSocket): typeof WebSocket {
  return function (url: string, protocols?: string | string[]) {
    const id = url.split('/api/kernels/')[1]?.split('/')[0] ?? '';
    return kernels.has(decodeURIComponent(id))
      ? new LiteSocket(url)
      : new base(url, protocols);
  } as unknown as typeof WebSocket;
}

class HybridKernelAPIClient extends KernelAPI.KernelAPIClient {
  async listRunning(): Promise<Kernel.IModel[]> {
    return [...(await super.listRunning()), ...kernels.values()];
  }
  async getModel(id: string): Promise<Kernel.IModel | undefined> {
    return kernels.get(id) ?? super.getModel(id);
  }
  async startNew(options?: KernelAPI.IKernelOptions): Promise<Kernel.IModel> {
    if (options?.name !== LITE_KERNEL) {
      return super.startNew(options);
    }
    const model = { id: UUID.uuid4(), name: LITE_KERNEL };
    kernels.set(model.id, model);
    return model;
  }
  async restart(id: string): Promise<void> {
    if (!kernels.has(id)) {
      return super.restart(id);
    }
    (await import('./bridge')).restart(id);
  }
  async interrupt(id: string): Promise<void> {
    if (!kernels.has(id)) {
      return super.interrupt(id);
    }
    // Python in the worker cannot be interrupted; a restart stops the worker.
  }
  async shutdown(id: string): Promise<void> {
    if (!kernels.delete(id)) {
      return super.shutdown(id);
    }
    (await import('./bridge')).shutdown(id);
  }
}

class HybridSessionAPIClient extends SessionAPI.SessionAPIClient {
  constructor(
    options: { serverSettings?: ServerConnection.ISettings },
    private readonly kernelClient: HybridKernelAPIClient
  ) {
    super(options);
  }
  async listRunning(): Promise<Session.IModel[]> {
    return [...(await super.listRunning()), ...sessions.values()];
  }
  async getModel(id: string): Promise<Session.IModel> {
    return sessions.get(id) ?? super.getModel(id);
  }
  async startNew(options: Session.ISessionOptions): Promise<Session.IModel> {
    if (options.kernel?.name !== LITE_KERNEL) {
      return super.startNew(options);
    }
    const kernel = await this.kernelClient.startNew(options.kernel);
    const model = { ...options, id: UUID.uuid4(), kernel };
    sessions.set(model.id, model);
    return model;
  }
  async shutdown(id: string): Promise<void> {
    const session = sessions.get(id);
    if (!session) {
      return super.shutdown(id);
    }
    sessions.delete(id);
    if (session.kernel) {
      await this.kernelClient.shutdown(session.kernel.id);
    }
  }
  async update(
    model: Parameters<SessionAPI.SessionAPIClient['update']>[0]
  ): Promise<Session.IModel> {
    const session = sessions.get(model.id);
    if (!session) {
      return super.update(model);
    }
    // Path, name and type change; another kernel is a new session, not an update.
    const updated = {
      ...session,
      ...model,
      kernel: session.kernel
    } as Session.IModel;
    sessions.set(model.id, updated);
    return updated;
  }
}

class HybridKernelSpecAPIClient extends KernelSpecAPI.KernelSpecAPIClient {
  async get(): Promise<KernelSpec.ISpecModels> {
    const specs = await super.get();
    specs.kernelspecs[LITE_KERNEL] = {
      name: LITE_KERNEL,
      display_name: 'Python (lite)',
      language: 'python',
      argv: [],
      resources: {},
      metadata: { nbschedule: 'Pyodide in a web worker of this page' }
    };
    return specs;
  }
}

const ID = 'nbschedule:lite-kernel';

function settingsOf(
  settings: ServerConnection.ISettings | null
): ServerConnection.ISettings {
  return settings ?? ServerConnection.makeSettings();
}

function standbyOf(status: IConnectionStatus | null) {
  return () => !(status?.isConnected ?? true) || 'when-hidden';
}

export const liteKernelPlugins: ServiceManagerPlugin<unknown>[] = [
  {
    id: `${ID}-specs`,
    description:
      'Kernel specs of the server, and Python (lite) in the browser.',
    autoStart: true,
    provides: IKernelSpecManager,
    optional: [IServerSettings, IConnectionStatus],
    activate: (
      _: null,
      settings: ServerConnection.ISettings | null,
      status: IConnectionStatus | null
    ): KernelSpec.IManager => {
      const serverSettings = settingsOf(settings);
      return new KernelSpecManager({
        serverSettings,
        standby: standbyOf(status),
        kernelSpecAPIClient: new HybridKernelSpecAPIClient({ serverSettings })
      });
    }
  },
  {
    id: `${ID}-kernels`,
    description: "The server's kernels, and lite kernels in the browser.",
    autoStart: true,
    provides: IKernelManager,
    optional: [IServerSettings, IConnectionStatus],
    activate: (
      _: null,
      settings: ServerConnection.ISettings | null,
      status: IConnectionStatus | null
    ): Kernel.IManager => {
      const base = settingsOf(settings);
      const serverSettings = { ...base, WebSocket: socketFor(base.WebSocket) };
      return new KernelManager({
        serverSettings,
        standby: standbyOf(status),
        kernelAPIClient: new HybridKernelAPIClient({ serverSettings })
      });
    }
  },
  {
    id: `${ID}-sessions`,
    description: "The server's sessions, and sessions on lite kernels.",
    autoStart: true,
    provides: ISessionManager,
    requires: [IKernelManager],
    optional: [IServerSettings, IConnectionStatus],
    activate: (
      _: null,
      kernelManager: Kernel.IManager,
      settings: ServerConnection.ISettings | null,
      status: IConnectionStatus | null
    ): Session.IManager => {
      const serverSettings = settingsOf(settings);
      const kernelClient = new HybridKernelAPIClient({ serverSettings });
      return new SessionManager({
        serverSettings,
        kernelManager,
        standby: standbyOf(status),
        sessionAPIClient: new HybridSessionAPIClient(
          { serverSettings },
          kernelClient
        )
      });
    }
  }
];
