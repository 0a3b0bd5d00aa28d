import { IWorkerReply, IWorkerRequest } from './protocol';

/** Thrown when a request did not answer in time; the worker has been stopped. */
export class WorkerTimeout extends Error {}

/** Thrown into the request under way when the kernel is disposed (a cancelled run). */
export class WorkerStopped extends Error {}

/**
 * The lite kernel's worker, started on first use and kept warm across runs; one
 * request at a time. A request past its time limit stops the worker (Python cannot be
 * interrupted otherwise), and the next request starts a fresh one.
 */
export class LiteKernel {
  constructor(
    private readonly load: Extract<IWorkerRequest, { kind: 'load' }>
  ) {}

  async request(message: IWorkerRequest, timeoutMs = 0): Promise<IWorkerReply> {
    const worker = await this.ready();
    return this.send(worker, message, timeoutMs);
  }

  dispose(): void {
    this.stopPending?.(new WorkerStopped());
    this.stopPending = null;
    this.worker?.terminate();
    this.worker = null;
    this.loading = null;
  }

  private ready(): Promise<Worker> {
    if (!this.loading) {
      // Webpack makes the worker a chunk of its own: none of it is in the initial bundle.
      const worker = new Worker(new URL('./worker.js', import.meta.url));
      this.worker = worker;
      this.loading = this.send(worker, this.load, 0).then(() => worker);
      this.loading.catch(() => this.dispose());
    }
    return this.loading;
  }

  private send(
    worker: Worker,
    message: IWorkerRequest,
    timeoutMs: number
  ): Promise<IWorkerReply> {
    return new Promise((resolve, reject) => {
      this.stopPending = reject;
      const timer =
        timeoutMs > 0
          ? window.setTimeout(() => {
              this.stopPending = null;
              this.dispose();
              reject(new WorkerTimeout());
            }, timeoutMs)
          : 0;
      worker.onmessage = (event: MessageEvent<IWorkerReply>) => {
        window.clearTimeout(timer);
        if (event.data.kind === 'failed') {
          reject(new Error(event.data.message));
        } else {
          resolve(event.data);
        }
      };
      worker.onerror = event => {
        window.clearTimeout(timer);
        reject(new Error(event.message || 'The lite worker failed.'));
      };
      worker.postMessage(message);
    });
  }

  private worker: Worker | null = null;
  private loading: Promise<Worker> | null = null;
  private stopPending: ((error: Error) => void) | null = null;
}
