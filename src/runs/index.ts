export {
  FailureNoticeWatcher,
  failureNoticesPlugin,
  OPEN_RUN_COMMAND
} from './failureNotices';
export {
  describeNotices,
  MAX_SEPARATE_NOTICES,
  TOAST_MAX_CHARS
} from './failureToasts';
export {
  runContextPlugin,
  runsPanelPlugin,
  SHOW_RUN_CONTEXT_COMMAND,
  SHOW_RUNS_COMMAND
} from './plugin';
export { openTestRunOutput } from './testRunOutput';
