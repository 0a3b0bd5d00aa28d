import { ScheduleSpec, WorkflowNode } from '../spec';
import { IScheduleDraft } from './draft';

/** What a node sets for its own runs instead of the workflow's (graph.py's NODE_OWN_FIELDS). */
const NODE_OWN_FIELDS = [
  'notebook',
  'parameters',
  'zone',
  'inputs',
  'outputs',
  'retries',
  'timeout_seconds'
] as const;

/** Lists a node leaves out are empty for its runs, not the workflow's. */
const NODE_OWN_LISTS: ReadonlyArray<string> = [
  'parameters',
  'inputs',
  'outputs'
];

/**
 * The spec a test run runs. A workflow's nodes run one by one, so its test run is
 * the opened notebook's node alone, exactly as the workflow runner runs that node
 * (the workflow's settings, the node's own fields); a single-notebook spec is as is.
 */
export function testedSpec(draft: IScheduleDraft): ScheduleSpec {
  const opened = draft.nodes?.find(node => node.notebook === draft.notebook);
  if (!opened) {
    return draft as ScheduleSpec;
  }
  const single: Record<string, unknown> = { ...draft };
  delete single.nodes;
  for (const field of NODE_OWN_FIELDS) {
    const own = (opened as WorkflowNode)[field];
    if (own !== undefined) {
      single[field] = own;
    } else if (NODE_OWN_LISTS.includes(field)) {
      single[field] = [];
    }
  }
  return single as unknown as ScheduleSpec;
}
