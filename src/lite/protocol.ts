import { IOutput } from '@jupyterlab/nbformat';

/** Messages to the lite worker; it answers each with one IWorkerReply, in order. */
export type IWorkerRequest =
  | {
      kind: 'load';
      pyodideUrl: string;
      kernelUrl: string;
      /** The server's pure-Python wheels, installed from there when a cell imports one. */
      wheelsUrl: string;
      full: boolean;
    }
  /** A fresh namespace, and the staged inputs written where the cells read them. */
  | { kind: 'begin'; folder: string; files: Record<string, string> }
  | { kind: 'run'; source: string; count: number };

export type IWorkerReply =
  | { kind: 'done' }
  | { kind: 'cell'; outputs: IOutput[]; status: 'ok' | 'error' | 'exit' }
  | { kind: 'failed'; message: string };
