/** The runs panel's own endpoint (nbschedule/api/debug_handlers.py). */
import { INbScheduleClient } from '../api';

export interface IDebugCopy {
  /** Relative to the server root, ready to open. */
  path: string;
  /** False when an earlier debug copy was found and left as it was. */
  created: boolean;
  failing_cell: { index: number; id: string } | null;
  warnings: string[];
}

export function createDebugCopy(
  client: INbScheduleClient,
  id: number
): Promise<IDebugCopy> {
  return client.requestJson<IDebugCopy>(`runs/${id}/debug`, {
    method: 'POST',
    body: '{}'
  });
}
