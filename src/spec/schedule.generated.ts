// generated from nbschedule/spec/schedule.schema.json by scripts/generate-spec-types.mjs; do not edit
/* eslint-disable */

/**
 * Named warehouse connection (an SQLAlchemy URL configured on the server). At most 63 characters (Airflow's id limit, see datasetName).
 */
export type ConnectionName = string;
/**
 * Table name, optionally schema-qualified. At most 127 characters, so that the DAG's task waiting for it stays within Airflow's 250-character id limit.
 */
export type DatasetName = string;
export type NotificationTarget =
  | {
      type: 'webhook';
      url: string;
    }
  | {
      type: 'email';
      to: string;
    };

/**
 * One scheduled notebook. Everything (pipeline code, review files, scheduler behaviour) derives from this document.
 */
export interface ScheduleSpec {
  /**
   * Spec format version.
   */
  version: 1;
  /**
   * Stable identifier of the schedule; the DAG id derives from it.
   */
  name: string;
  /**
   * What the schedule produces, for reviewers.
   */
  description?: string;
  /**
   * Notebook path relative to the workspace root.
   */
  notebook: string;
  /**
   * Five-field cron expression, evaluated in the time zone.
   */
  cron: string;
  /**
   * IANA time zone name, e.g. Europe/Berlin.
   */
  timezone: string;
  /**
   * First day the schedule may fire (YYYY-MM-DD, in the time zone).
   */
  start_date: string;
  /**
   * Runs missed while the scheduler was down: none, only the latest, or all of them.
   */
  catchup?: 'none' | 'latest' | 'all';
  /**
   * Purpose policy zone the notebook runs in. At most 95 characters: the DAG is tagged zone:<name>, and an Airflow tag holds 100.
   */
  zone: string;
  /**
   * Datasets the notebook reads.
   */
  inputs?: Input[];
  /**
   * Datasets the notebook writes.
   */
  outputs?: Output[];
  /**
   * Values injected into the notebook for each run.
   */
  parameters?: Parameter[];
  /**
   * Who is responsible for the schedule and told of failures.
   */
  owner: string;
  /**
   * Where failures are reported besides the owner's JupyterLab.
   */
  notify?: NotificationTarget[];
  /**
   * How often a failed run is tried again.
   */
  retries?: number;
  /**
   * Wait between a failure and its retry.
   */
  retry_delay_seconds?: number;
  /**
   * Longest a whole run may take; beyond it the run fails.
   */
  timeout_seconds?: number;
  /**
   * Longest a single cell may take; beyond it the run fails.
   */
  cell_timeout_seconds?: number;
  /**
   * How many runs of this schedule may be under way at once.
   */
  max_active_runs?: number;
  limits?: RunLimits;
  /**
   * A workflow: notebooks run as a graph, each node its own run. Absent, the spec runs its one notebook; present, the spec's notebook must be one of the nodes'.
   *
   * @minItems 1
   * @maxItems 100
   */
  nodes?: [WorkflowNode, ...WorkflowNode[]];
}
export interface Input {
  connection: ConnectionName;
  table: DatasetName;
  /**
   * Index of the SQL cell the input was detected in.
   */
  cell?: number;
  wait_until_landed?: LandedCheck;
}
/**
 * Before a run starts, wait until the table has a row whose date column equals the run's logical date.
 */
export interface LandedCheck {
  date_column: string;
  timeout_seconds?: number;
  poke_interval_seconds?: number;
}
export interface Output {
  connection: ConnectionName;
  table: DatasetName;
  /**
   * Index of the upload cell the output was detected in.
   */
  cell?: number;
  /**
   * Replace the table or append to it.
   */
  mode?: 'replace' | 'append';
}
export interface Parameter {
  name: string;
  type:
    'str' | 'int' | 'float' | 'bool' | 'list' | 'dict' | 'date' | 'datetime';
  /**
   * Value in the notebook's parameters cell.
   */
  default?: unknown;
  /**
   * Value this schedule injects; absent means the default.
   */
  value?: unknown;
  /**
   * Value computed per run instead of a fixed value.
   */
  template?:
    | 'logical_date'
    | 'logical_datetime'
    | 'data_interval_start'
    | 'data_interval_end'
    | 'run_id';
  /**
   * Help text from the parameters cell's comment.
   */
  help?: string;
}
/**
 * What one run may use; hitting a limit fails the run with a reason naming it (memory_limit, process_limit, cpu_limit, disk_limit, output_limit).
 */
export interface RunLimits {
  /**
   * Memory each process of the run may allocate, in MiB.
   */
  memory_mb?: number;
  /**
   * Processes and threads the run may have at once.
   */
  processes?: number;
  /**
   * CPU time each process of the run may use, in seconds.
   */
  cpu_seconds?: number;
  /**
   * Disk the run may fill in its run folder (staged inputs and outputs), in MiB.
   */
  disk_mb?: number;
  /**
   * Size of the run's private /tmp, which also holds its $HOME, in MiB.
   */
  tmp_mb?: number;
  /**
   * Largest output notebook the run may produce, in MiB.
   */
  output_mb?: number;
}
export interface WorkflowNode {
  /**
   * Node id: lowercase letters, digits and _, starting with a letter, at most 63 characters; unique in the workflow, and the Airflow task id.
   */
  id: string;
  /**
   * Notebook path relative to the workspace root.
   */
  notebook: string;
  /**
   * Values injected into this node's notebook for each run.
   */
  parameters?: Parameter[];
  /**
   * Ids of the nodes that run before this one.
   *
   * @maxItems 100
   */
  needs?: string[];
  /**
   * Parameter sets; the node runs once per set, each its own run.
   *
   * @minItems 1
   * @maxItems 1000
   */
  foreach?: [
    {
      [k: string]: unknown | undefined;
    },
    ...{
      [k: string]: unknown | undefined;
    }[]
  ];
  /**
   * How many runs of the fan-out may be under way at once.
   */
  max_parallel?: number;
  /**
   * How often a failed run of this node (each fan-out item on its own) is tried again; absent means the spec's retries.
   */
  retries?: number;
  /**
   * Longest one run of this node may take; absent means the spec's.
   */
  timeout_seconds?: number;
  /**
   * When the node runs: once all upstream runs succeeded, or once they are all done whatever their outcome.
   */
  trigger_rule?: 'all_success' | 'all_done';
  /**
   * Purpose policy zone of this node; absent means the spec's.
   */
  zone?: string;
  /**
   * Datasets this node's notebook reads.
   */
  inputs?: Input[];
  /**
   * Datasets this node's notebook writes.
   */
  outputs?: Output[];
  /**
   * Parameters taken from values an upstream node published with nbschedule.publish(name, value).
   *
   * @maxItems 50
   */
  from?: PublishedValue[];
}
export interface PublishedValue {
  /**
   * Parameter of this node that receives the value.
   */
  parameter: string;
  /**
   * The upstream node (one of needs, without foreach) that published it.
   */
  node: string;
  /**
   * Name the upstream notebook published the value under.
   */
  value: string;
}

/** Values the schema fixes (`const`) or defaults for a schedule spec. */
export const SCHEDULE_DEFAULTS: Readonly<
  Required<
    Pick<
      ScheduleSpec,
      | 'version'
      | 'catchup'
      | 'inputs'
      | 'outputs'
      | 'parameters'
      | 'notify'
      | 'retries'
      | 'retry_delay_seconds'
      | 'timeout_seconds'
      | 'cell_timeout_seconds'
      | 'max_active_runs'
    >
  >
> = {
  version: 1,
  catchup: 'latest',
  inputs: [],
  outputs: [],
  parameters: [],
  notify: [],
  retries: 0,
  retry_delay_seconds: 300,
  timeout_seconds: 3600,
  cell_timeout_seconds: 600,
  max_active_runs: 1
};

/** Defaults of the schema's `landedCheck` definition. */
export const LANDED_CHECK_DEFAULTS: Readonly<
  Required<Pick<LandedCheck, 'timeout_seconds' | 'poke_interval_seconds'>>
> = { timeout_seconds: 3600, poke_interval_seconds: 60 };

/** Defaults of the schema's `output` definition. */
export const OUTPUT_DEFAULTS: Readonly<Required<Pick<Output, 'mode'>>> = {
  mode: 'replace'
};

/** Defaults of the schema's `runLimits` definition. */
export const RUN_LIMITS_DEFAULTS: Readonly<
  Required<
    Pick<
      RunLimits,
      | 'memory_mb'
      | 'processes'
      | 'cpu_seconds'
      | 'disk_mb'
      | 'tmp_mb'
      | 'output_mb'
    >
  >
> = {
  memory_mb: 4096,
  processes: 512,
  cpu_seconds: 7200,
  disk_mb: 4096,
  tmp_mb: 1024,
  output_mb: 64
};

/** Defaults of the schema's `workflowNode` definition. */
export const WORKFLOW_NODE_DEFAULTS: Readonly<
  Required<
    Pick<
      WorkflowNode,
      | 'parameters'
      | 'needs'
      | 'max_parallel'
      | 'trigger_rule'
      | 'inputs'
      | 'outputs'
      | 'from'
    >
  >
> = {
  parameters: [],
  needs: [],
  max_parallel: 4,
  trigger_rule: 'all_success',
  inputs: [],
  outputs: [],
  from: []
};
