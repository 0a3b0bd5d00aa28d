export * from './schedule.generated';
export {
  defaultSpec,
  withDefaults,
  DefaultedKey,
  FilledScheduleSpec,
  ScheduleSpecDraft
} from './defaults';
