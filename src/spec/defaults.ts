import {
  Input,
  LANDED_CHECK_DEFAULTS,
  Output,
  OUTPUT_DEFAULTS,
  RUN_LIMITS_DEFAULTS,
  SCHEDULE_DEFAULTS,
  ScheduleSpec,
  WORKFLOW_NODE_DEFAULTS,
  WorkflowNode
} from './schedule.generated';

/** Spec fields the schema fixes or defaults, so a filled spec always has them. */
export type DefaultedKey = keyof typeof SCHEDULE_DEFAULTS;

/** A spec with every schema default filled in, nested ones included. */
export type FilledScheduleSpec = ScheduleSpec &
  Required<Pick<ScheduleSpec, DefaultedKey>>;

/** What `defaultSpec` returns: defaults filled, required fields as given. */
export type ScheduleSpecDraft = Partial<ScheduleSpec> &
  Required<Pick<ScheduleSpec, DefaultedKey>>;

// A deep copy without undefined fields: the draft shares nothing with its
// inputs, and a field set to undefined counts as left out.
function copied<T>(value: T): T {
  return JSON.parse(JSON.stringify(value));
}

function withInputDefaults(input: Input): Input {
  if (!input.wait_until_landed) {
    return input;
  }
  return {
    ...input,
    wait_until_landed: {
      ...LANDED_CHECK_DEFAULTS,
      ...input.wait_until_landed
    }
  };
}

function withOutputDefaults(output: Output): Output {
  return { ...OUTPUT_DEFAULTS, ...output };
}

function withNodeDefaults(node: WorkflowNode): WorkflowNode {
  const filled = { ...copied(WORKFLOW_NODE_DEFAULTS), ...node };
  return {
    ...filled,
    inputs: filled.inputs!.map(withInputDefaults),
    outputs: filled.outputs!.map(withOutputDefaults)
  };
}

/**
 * A spec draft with the schema's defaults for every field `partial` leaves
 * out, including the defaults of its inputs' landed checks and its outputs.
 */
export function defaultSpec(
  partial: Partial<ScheduleSpec> = {}
): ScheduleSpecDraft {
  const draft: ScheduleSpecDraft = {
    ...copied(SCHEDULE_DEFAULTS),
    ...copied(partial)
  };
  draft.inputs = draft.inputs.map(withInputDefaults);
  draft.outputs = draft.outputs.map(withOutputDefaults);
  if (draft.nodes) {
    draft.nodes = draft.nodes.map(withNodeDefaults) as typeof draft.nodes;
  }
  if (draft.limits) {
    draft.limits = { ...RUN_LIMITS_DEFAULTS, ...draft.limits };
  }
  return draft;
}

/** A complete spec with every default filled in (the Python side's `with_defaults`). */
export function withDefaults(spec: ScheduleSpec): FilledScheduleSpec {
  return defaultSpec(spec) as FilledScheduleSpec;
}
