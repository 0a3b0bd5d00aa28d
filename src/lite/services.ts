/**
 * "Python (lite)": an in-browser kernel among the server's, through JupyterLab's
 * pluggable services. The kernel spec, kernel and session managers are the stock ones,
 * given API clients that answer for lite kernels and sessions in the page and hand
 * everything else to the server; a lite kernel's socket talks to the Pyodide worker.
 * Only these thin clients are in the initial bundle: the lite kernels and sessions
 * (`./liteKernels`) load when the first lite kernel starts, the bridge on its first use.
 */
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

type LiteKernels = typeof import('./liteKernels');

/** Null until the first lite kernel starts: every kernel and session is the server's. */
let lite: LiteKernels | null = null;

async function liteKernels(): Promise<LiteKernels> {
  return (lite ??= await import('./liteKernels'));
}

/** A lite kernel's id is answered here, any other goes to the server's WebSocket. */
function socketFor(base: typeof WebSocket): typeof WebSocket {
  return function (url: string, protocols?: string | string[]) {
    return lite?.liteSocketFor(url) ?? new base(url, protocols);
  } as unknown as typeof WebSocket;
}

class HybridKernelAPIClient extends KernelAPI.KernelAPIClient {
  async listRunning(): Promise<Kernel.IModel[]> {
    const running = await super.listRunning();
    return lite ? [...running, ...lite.kernels.values()] : running;
  }
  async getModel(id: string): Promise<Kernel.IModel | undefined> {
    return lite?.kernels.get(id) ?? super.getModel(id);
  }
  async startNew(options?: KernelAPI.IKernelOptions): Promise<Kernel.IModel> {
    if (options?.name !== LITE_KERNEL) {
      return super.startNew(options);
    }
    return (await liteKernels()).startKernel();
  }
  async restart(id: string): Promise<void> {
    return lite?.kernels.has(id) ? lite.restartKernel(id) : super.restart(id);
  }
  async interrupt(id: string): Promise<void> {
    if (!lite?.kernels.has(id)) {
      return super.interrupt(id);
    }
    // Python in the worker cannot be interrupted; a restart stops the worker.
  }
  async shutdown(id: string): Promise<void> {
    return lite?.kernels.has(id) ? lite.shutdownKernel(id) : super.shutdown(id);
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
    const running = await super.listRunning();
    return lite ? [...running, ...lite.sessions.values()] : running;
  }
  async getModel(id: string): Promise<Session.IModel> {
    return lite?.sessions.get(id) ?? super.getModel(id);
  }
  async startNew(options: Session.ISessionOptions): Promise<Session.IModel> {
    if (options.kernel?.name !== LITE_KERNEL) {
      return super.startNew(options);
    }
    const kernel = await this.kernelClient.startNew(options.kernel);
    return (await liteKernels()).startSession(options, kernel);
  }
  async shutdown(id: string): Promise<void> {
    if (!lite?.sessions.has(id)) {
      return super.shutdown(id);
    }
    const kernel = lite.endSession(id);
    if (kernel) {
      await this.kernelClient.shutdown(kernel.id);
    }
  }
  async update(
    model: Parameters<SessionAPI.SessionAPIClient['update']>[0]
  ): Promise<Session.IModel> {
    return lite?.sessions.has(model.id)
      ? lite.updateSession(model)
      : super.update(model);
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
