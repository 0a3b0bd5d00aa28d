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
