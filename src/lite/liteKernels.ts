/**
 * The lite kernels and sessions of this page, and their channels. Loaded when the first
 * lite kernel starts: until then the service plugins' API clients (`./services`) hand
 * every call to the server.
 */
import { UUID } from '@lumino/coreutils';
import { Kernel, Session, SessionAPI } from '@jupyterlab/services';

import { LITE_KERNEL } from './services';

// Lite kernels and sessions live in this page only.
export const kernels = new Map<string, Kernel.IModel>();
export const sessions = new Map<string, Session.IModel>();

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
  constructor(id: string) {
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

/** The channels of the kernel a WebSocket URL names, when it is a lite kernel. */
export function liteSocketFor(url: string): LiteSocket | null {
  const id = decodeURIComponent(
    url.split('/api/kernels/')[1]?.split('/')[0] ?? ''
  );
  return kernels.has(id) ? new LiteSocket(id) : null;
}

export function startKernel(): Kernel.IModel {
  const model = { id: UUID.uuid4(), name: LITE_KERNEL };
  kernels.set(model.id, model);
  return model;
}

export async function restartKernel(id: string): Promise<void> {
  (await import('./bridge')).restart(id);
}

export async function shutdownKernel(id: string): Promise<void> {
  kernels.delete(id);
  (await import('./bridge')).shutdown(id);
}

export function startSession(
  options: Session.ISessionOptions,
  kernel: Kernel.IModel
): Session.IModel {
  const model = { ...options, id: UUID.uuid4(), kernel };
  sessions.set(model.id, model);
  return model;
}

/** Path, name and type change; another kernel is a new session, not an update. */
export function updateSession(
  model: Parameters<SessionAPI.SessionAPIClient['update']>[0]
): Session.IModel {
  const session = sessions.get(model.id);
  const updated = { ...session, ...model, kernel: session?.kernel };
  sessions.set(model.id, updated as Session.IModel);
  return updated as Session.IModel;
}

/** Forgets a lite session; its kernel, if any, is left to shut down. */
export function endSession(id: string): Kernel.IModel | null {
  const kernel = sessions.get(id)?.kernel ?? null;
  sessions.delete(id);
  return kernel;
}
