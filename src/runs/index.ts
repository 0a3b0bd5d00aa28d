export {
  describeNotices,
  FailureNoticeWatcher,
  failureNoticesPlugin,
  MAX_SEPARATE_NOTICES
} from './failureNotices';
export {
  runContextPlugin,
  runsPanelPlugin,
  SHOW_RUN_CONTEXT_COMMAND,
  SHOW_RUNS_COMMAND
} from './plugin';
