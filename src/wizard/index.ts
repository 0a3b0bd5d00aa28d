export {
  EDIT_SCHEDULE_COMMAND,
  OPEN_WIZARD_COMMAND,
  wizardPlugin
} from './plugin';
