export {
  describeNotices,
  FailureNoticeWatcher,
  failureNoticesPlugin,
  MAX_SEPARATE_NOTICES,
  OPEN_RUN_COMMAND,
  TOAST_MAX_CHARS
} from './failureNotices';
export {
  runContextPlugin,
  runsPanelPlugin,
  SHOW_RUN_CONTEXT_COMMAND,
  SHOW_RUNS_COMMAND
} from './plugin';
export { openTestRunOutput } from './runActions';
