export { OPEN_WIZARD_COMMAND, wizardPlugin } from './plugin';
