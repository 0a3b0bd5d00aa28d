import {
  answeringServer,
  IAnsweringServer,
  jsonReply
} from './answeringServer';

/** Resolves after `ms` milliseconds, once pending promise callbacks have run. */
export const pause = (ms = 0) =>
  new Promise(resolve => setTimeout(resolve, ms));

interface IHeld {
  url: URL;
  reply: (response: Response) => void;
}

export interface IHeldServer extends IAnsweringServer {
  /**
   * Answers every waiting request `matches` picks with `body` as JSON, then lets the
   * code under test take the answers in; resolves to how many were answered.
   */
  answer(
    matches: (url: URL) => boolean,
    body: unknown,
    status?: number
  ): Promise<number>;
  /** Answers the oldest waiting request, as `answer` does; throws when none waits. */
  answerNext(body: unknown, status?: number): Promise<void>;
  /** The URLs of the waiting requests `matches` picks. */
  pending(matches: (url: URL) => boolean): URL[];
}

/**
 * A server that answers each request only when the test says so, to test what code
 * does while requests are in flight and when their answers come late or out of order.
 * `settleMs` is how long an answer waits for the code to take it in.
 */
export function heldServer(settleMs = 0): IHeldServer {
  let waiting: IHeld[] = [];
  const server = answeringServer(
    request =>
      new Promise<Response>(reply =>
        waiting.push({ url: new URL(request.url), reply })
      )
  );
  return {
    ...server,
    answer: async (matches, body, status = 200) => {
      const picked = waiting.filter(held => matches(held.url));
      waiting = waiting.filter(held => !picked.includes(held));
      for (const held of picked) {
        held.reply(jsonReply(body, status));
      }
      await pause(settleMs);
      return picked.length;
    },
    answerNext: async (body, status = 200) => {
      const held = waiting.shift();
      if (!held) {
        throw new Error('no request is waiting');
      }
      held.reply(jsonReply(body, status));
      await pause(settleMs);
    },
    pending: matches =>
      waiting.filter(held => matches(held.url)).map(held => held.url)
  };
}
