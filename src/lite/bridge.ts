/**
 * The Jupyter protocol of a "Python (lite)" kernel, answered in the page: each kernel has
 * its own Pyodide worker (the one lite test runs use), so a notebook on it runs cells
 * with no server kernel. Loaded on the first lite kernel's connection.
 */
import { PageConfig, URLExt } from '@jupyterlab/coreutils';
import type { IOutput } from '@jupyterlab/nbformat';
import { UUID } from '@lumino/coreutils';

import { NbScheduleClient } from '../api';
import { answerSql, isSqlCell } from './debugSql';
import { stageDebugCopy } from './debugStaging';
import { LiteKernel } from './kernel';
import { litePathOf, LiteSocket } from './liteKernels';

interface IMessage {
  header: { msg_id: string; msg_type: string; session: string };
  parent_header: unknown;
  metadata: Record<string, unknown>;
  content: Record<string, any>;
  channel: string;
  buffers?: unknown[];
}

const LANGUAGE = {
  name: 'python',
  version: '3',
  mimetype: 'text/x-python',
  file_extension: '.py',
  codemirror_mode: { name: 'ipython', version: 3 },
  pygments_lexer: 'ipython3',
  nbconvert_exporter: 'python'
};

// Replies to requests a lite kernel has no answer for, so no caller waits forever.
const EMPTY_REPLIES: Record<string, (content: any) => Record<string, unknown>> =
  {
    complete_request: content => ({
      status: 'ok',
      matches: [],
      cursor_start: content.cursor_pos,
      cursor_end: content.cursor_pos,
      metadata: {}
    }),
    inspect_request: () => ({
      status: 'ok',
      found: false,
      data: {},
      metadata: {}
    }),
    is_complete_request: () => ({ status: 'unknown' }),
    history_request: () => ({ status: 'ok', history: [] }),
    comm_info_request: () => ({ status: 'ok', comms: {} })
  };

/** The execute_reply of a cell that produced `outputs`; an error output is its failure. */
export function executeReply(
  outputs: IOutput[],
  failed: boolean,
  count: number
): Record<string, unknown> {
  const error = outputs.find(output => output.output_type === 'error');
  return failed && error
    ? {
        status: 'error',
        execution_count: count,
        ename: error.ename,
        evalue: error.evalue,
        traceback: error.traceback
      }
    : {
        status: 'ok',
        execution_count: count,
        user_expressions: {},
        payload: []
      };
}

class LiteSession {
  constructor(
    public socket: LiteSocket,
    private readonly kernel: LiteKernel,
    private readonly id: string
  ) {}

  receive(request: IMessage): void {
    // One request at a time, in order, as a kernel's shell channel is served.
    this.queue = this.queue.then(() => this.answer(request));
  }

  dispose(): void {
    this.kernel.dispose();
  }

  private async answer(request: IMessage): Promise<void> {
    const type = request.header.msg_type;
    this.send(request, 'iopub', 'status', { execution_state: 'busy' });
    if (type === 'kernel_info_request') {
      this.send(request, 'shell', 'kernel_info_reply', {
        status: 'ok',
        protocol_version: '5.3',
        implementation: 'nbschedule-lite',
        implementation_version: '1',
        language_info: LANGUAGE,
        banner: 'Python (lite): Pyodide in a web worker of this page',
        help_links: []
      });
    } else if (type === 'execute_request') {
      await this.execute(request);
    } else if (EMPTY_REPLIES[type]) {
      this.send(
        request,
        'shell',
        type.replace('_request', '_reply'),
        EMPTY_REPLIES[type](request.content)
      );
    }
    this.send(request, 'iopub', 'status', { execution_state: 'idle' });
  }

  private async execute(request: IMessage): Promise<void> {
    const code = String(request.content.code ?? '');
    const count = ++this.count;
    this.send(request, 'iopub', 'execute_input', {
      code,
      execution_count: count
    });
    let outputs: IOutput[];
    let failed: boolean;
    try {
      if (!this.begun) {
        await this.begin();
      }
      const source = answerSql(code, this.answers);
      if (isSqlCell(source)) {
        throw new Error(
          'The server staged no result for this query: a lite kernel answers only the ' +
            "%%sql queries of the debugged run's schedule."
        );
      }
      const reply = await this.kernel.request({ kind: 'run', source, count });
      outputs = reply.kind === 'cell' ? reply.outputs : [];
      failed = reply.kind === 'cell' && reply.status === 'error';
    } catch (error) {
      const evalue = error instanceof Error ? error.message : String(error);
      outputs = [
        {
          output_type: 'error',
          ename: 'LiteKernelError',
          evalue,
          traceback: [evalue]
        }
      ];
      failed = true;
    }
    for (const { output_type, ...content } of outputs) {
      this.send(request, 'iopub', output_type as string, content);
    }
    this.send(
      request,
      'shell',
      'execute_reply',
      executeReply(outputs, failed, count)
    );
  }

  /** A run's debug copy gets that run's `%%sql` inputs, staged by the server. */
  private async begin(): Promise<void> {
    const path = litePathOf(this.id);
    const staging = path
      ? await stageDebugCopy(new NbScheduleClient(), path)
      : null;
    await this.kernel.request({
      kind: 'begin',
      folder: staging?.folder ?? '/tmp',
      files: staging?.files ?? {}
    });
    this.answers = staging?.answers ?? new Map();
    this.begun = true;
  }

  private send(
    parent: IMessage,
    channel: string,
    msg_type: string,
    content: Record<string, unknown>
  ): void {
    const message: IMessage & { header: Record<string, string> } = {
      header: {
        msg_id: UUID.uuid4(),
        msg_type,
        session: parent.header.session,
        username: 'lite',
        date: new Date().toISOString(),
        version: '5.3'
      },
      parent_header: parent.header,
      metadata: {},
      content,
      channel,
      buffers: []
    };
    this.socket.onmessage?.(
      new MessageEvent('message', { data: JSON.stringify(message) })
    );
  }

  private queue: Promise<void> = Promise.resolve();
  private count = 0;
  private begun = false;
  private answers = new Map<string, string>();
}

const live = new Map<string, LiteSession>();

function newKernel(): LiteKernel {
  const base = PageConfig.getBaseUrl();
  return new LiteKernel({
    kind: 'load',
    pyodideUrl: URLExt.join(base, 'nbschedule/lite/pyodide') + '/',
    kernelUrl: URLExt.join(base, 'nbschedule/lite/kernel/nbschedule_lite.py'),
    wheelsUrl: URLExt.join(base, 'nbschedule/lite/wheels') + '/',
    full: false
  });
}

/** The socket of kernel `id` opens; its session (and worker) stays across reconnections. */
export function connect(socket: LiteSocket, id: string): void {
  let session = live.get(id);
  if (!session) {
    session = new LiteSession(socket, newKernel(), id);
    live.set(id, session);
  }
  session.socket = socket;
  const current = session;
  socket.send = data => current.receive(JSON.parse(data) as IMessage);
  socket.readyState = 1;
  socket.onopen?.(new Event('open'));
}

/** A fresh worker: a restart is the only way to stop Python running in one. */
export function restart(id: string): void {
  shutdown(id);
}

export function shutdown(id: string): void {
  live.get(id)?.dispose();
  live.delete(id);
}
