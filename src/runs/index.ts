export {
  describeNotices,
  FailureNoticeWatcher,
  failureNoticesPlugin,
  MAX_SEPARATE_NOTICES
} from './failureNotices';
