/**
 * Turning a draft into a workflow and editing its nodes. Pure functions over the
 * draft, so every edit the workflow step makes is what review commits. Nodes are
 * kept minimal (no empty lists, no defaults the user did not choose), so a
 * single-notebook schedule and an untouched field read exactly as before.
 */
import { Parameter, PublishedValue, WorkflowNode } from '../spec';
import { IScheduleDraft, scheduleNameFor } from './draft';

type Nodes = NonNullable<IScheduleDraft['nodes']>;

/** Where a new notebook goes relative to an existing node. */
export interface IPlacement {
  relation: 'after' | 'before';
  node: string;
}

/** How a node's parameter gets its value for each run. */
export type ParameterSource =
  | { kind: 'default' }
  | { kind: 'value'; value: unknown }
  | { kind: 'template'; template: NonNullable<Parameter['template']> }
  | { kind: 'from'; node: string; value: string };

const OPTIONAL_LISTS = [
  'parameters',
  'needs',
  'from',
  'inputs',
  'outputs',
  'foreach'
] as const;

/** The node without undefined fields and empty lists, which mean the same as absent. */
function tidy(node: WorkflowNode): WorkflowNode {
  const tidied: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    const emptyList =
      Array.isArray(value) &&
      value.length === 0 &&
      (OPTIONAL_LISTS as readonly string[]).includes(key);
    if (value !== undefined && !emptyList) {
      tidied[key] = value;
    }
  }
  return tidied as unknown as WorkflowNode;
}

function withNodes(
  draft: IScheduleDraft,
  nodes: WorkflowNode[]
): IScheduleDraft {
  return { ...draft, nodes: nodes.map(tidy) as Nodes };
}

/** A node id the schema accepts, not yet taken by `taken`. */
export function uniqueNodeId(
  notebook: string,
  taken: Iterable<string>
): string {
  const used = new Set(taken);
  const base = scheduleNameFor(notebook);
  let id = base;
  for (let n = 2; used.has(id); n++) {
    id = `${base.slice(0, 60)}_${n}`;
  }
  return id;
}

/** What the user set on the Parameters step, as a node's own parameters. */
function chosenParameters(parameters: Parameter[]): Parameter[] {
  return parameters
    .filter(p => p.value !== undefined || p.template !== undefined)
    .map(({ name, type, value, template }) =>
      template !== undefined ? { name, type, template } : { name, type, value }
    );
}

/** The datasets a notebook's SQL and upload cells name, as the Data step detects them. */
export type NodeDatasets = Pick<WorkflowNode, 'inputs' | 'outputs'>;

/**
 * The opened notebook as the workflow's first node, keeping its chosen parameters
 * and taking its datasets: a node's runs read only the node's own.
 */
function openedNode(draft: IScheduleDraft): WorkflowNode {
  const notebook = draft.notebook ?? '';
  return {
    id: uniqueNodeId(notebook, []),
    notebook,
    parameters: chosenParameters(draft.parameters),
    inputs: draft.inputs,
    outputs: draft.outputs
  };
}

/** The node of the spec's own notebook: it stays while the draft is a workflow. */
export function isOpenedNode(
  draft: IScheduleDraft,
  node: WorkflowNode
): boolean {
  return node.notebook === draft.notebook;
}

/**
 * Adds a notebook as a node; the first one added turns the schedule into a
 * workflow whose first node is the opened notebook.
 */
export function addNode(
  draft: IScheduleDraft,
  notebook: string,
  placement: IPlacement | null,
  detected: NodeDatasets = {}
): IScheduleDraft {
  const nodes: WorkflowNode[] = draft.nodes
    ? [...draft.nodes]
    : [openedNode(draft)];
  const id = uniqueNodeId(
    notebook,
    nodes.map(node => node.id)
  );
  const added: WorkflowNode = { id, notebook, ...detected };
  if (placement?.relation === 'after') {
    added.needs = [placement.node];
  }
  const updated = nodes.map(node =>
    placement?.relation === 'before' && node.id === placement.node
      ? { ...node, needs: [...(node.needs ?? []), id] }
      : node
  );
  // Moved into the opened node, so they are checked and run once, under its zone.
  return withNodes(
    draft.nodes ? draft : { ...draft, inputs: [], outputs: [] },
    [...updated, added]
  );
}

/**
 * Back to a single-notebook spec: what the opened node set for its own runs
 * (parameters, datasets, zone, retries, timeout) becomes the spec's.
 */
function single(draft: IScheduleDraft, opened: WorkflowNode): IScheduleDraft {
  const rest = { ...draft };
  delete rest.nodes;
  rest.inputs = opened.inputs ?? [];
  rest.outputs = opened.outputs ?? [];
  if (opened.zone !== undefined) {
    rest.zone = opened.zone;
  }
  rest.retries = opened.retries ?? draft.retries;
  rest.timeout_seconds = opened.timeout_seconds ?? draft.timeout_seconds;
  const own = new Map((opened.parameters ?? []).map(p => [p.name, p]));
  rest.parameters = draft.parameters.map(parameter => {
    const chosen = own.get(parameter.name);
    const kept = { ...parameter };
    delete kept.value;
    delete kept.template;
    return chosen ? { ...kept, ...chosen } : kept;
  });
  return rest;
}

/** Removes a node and every reference to it; with one node left, the spec is single again. */
export function removeNode(draft: IScheduleDraft, id: string): IScheduleDraft {
  const nodes = (draft.nodes ?? [])
    .filter(node => node.id !== id)
    .map(node => ({
      ...node,
      needs: node.needs?.filter(upstream => upstream !== id),
      from: node.from?.filter(taken => taken.node !== id)
    }));
  if (nodes.length <= 1) {
    return single(draft, nodes[0] ?? openedNode(draft));
  }
  return withNodes(draft, nodes);
}

/** Renames a node where it is defined and wherever it is needed or taken from. */
export function renameNode(
  draft: IScheduleDraft,
  from: string,
  to: string
): IScheduleDraft {
  const renamed = (id: string) => (id === from ? to : id);
  return withNodes(
    draft,
    (draft.nodes ?? []).map(node => ({
      ...node,
      id: renamed(node.id),
      needs: node.needs?.map(renamed),
      from: node.from?.map(taken => ({ ...taken, node: renamed(taken.node) }))
    }))
  );
}

/** Changes one node's own fields; undefined removes a field. */
export function updateNode(
  draft: IScheduleDraft,
  id: string,
  change: Partial<Omit<WorkflowNode, 'id'>>
): IScheduleDraft {
  return withNodes(
    draft,
    (draft.nodes ?? []).map(node =>
      node.id === id ? { ...node, ...change } : node
    )
  );
}

/** Sets what a node needs; values taken from a node no longer needed go with it. */
export function setNeeds(
  draft: IScheduleDraft,
  id: string,
  needs: string[]
): IScheduleDraft {
  const node = draft.nodes?.find(candidate => candidate.id === id);
  return updateNode(draft, id, {
    needs,
    from: node?.from?.filter(taken => needs.includes(taken.node))
  });
}

/** Where a node's parameter comes from, as its parameters and `from` say. */
export function sourceOf(node: WorkflowNode, name: string): ParameterSource {
  const taken = node.from?.find(candidate => candidate.parameter === name);
  if (taken) {
    return { kind: 'from', node: taken.node, value: taken.value };
  }
  const own = node.parameters?.find(candidate => candidate.name === name);
  if (own?.template !== undefined) {
    return { kind: 'template', template: own.template };
  }
  if (own?.value !== undefined) {
    return { kind: 'value', value: own.value };
  }
  return { kind: 'default' };
}

/** Sets where a node's parameter (as its notebook declares it) comes from. */
export function setParameterSource(
  draft: IScheduleDraft,
  id: string,
  parameter: Pick<Parameter, 'name' | 'type'>,
  source: ParameterSource
): IScheduleDraft {
  const node = draft.nodes?.find(candidate => candidate.id === id);
  if (!node) {
    return draft;
  }
  const { name, type } = parameter;
  const parameters = (node.parameters ?? []).filter(p => p.name !== name);
  const from = (node.from ?? []).filter(taken => taken.parameter !== name);
  if (source.kind === 'value') {
    parameters.push({ name, type, value: source.value });
  } else if (source.kind === 'template') {
    parameters.push({ name, type, template: source.template });
  } else if (source.kind === 'from') {
    const taken: PublishedValue = {
      parameter: name,
      node: source.node,
      value: source.value
    };
    from.push(taken);
  }
  return updateNode(draft, id, { parameters, from });
}

/** A value typed in a fan-out list, as the parameter's type reads it. */
function typedItem(text: string, type: Parameter['type']): unknown {
  if (type === 'int' || type === 'float') {
    const number = Number(text);
    return text !== '' && Number.isFinite(number) ? number : text;
  }
  if (type === 'bool' && /^(true|false)$/i.test(text)) {
    return text.toLowerCase() === 'true';
  }
  return text;
}

/** The comma-separated values of a one-parameter fan-out, e.g. "us, eu, apac". */
export function fanOutValues(text: string): string[] {
  return text
    .split(',')
    .map(value => value.trim())
    .filter(value => value !== '');
}

/** Runs the node once per value of one parameter; no values, no fan-out. */
export function setFanOut(
  draft: IScheduleDraft,
  id: string,
  parameter: Pick<Parameter, 'name' | 'type'>,
  values: string[]
): IScheduleDraft {
  const foreach = values.map(value => ({
    [parameter.name]: typedItem(value, parameter.type)
  }));
  return updateNode(draft, id, {
    foreach:
      foreach.length > 0 ? (foreach as WorkflowNode['foreach']) : undefined,
    max_parallel:
      foreach.length > 0
        ? draft.nodes?.find(node => node.id === id)?.max_parallel
        : undefined
  });
}
