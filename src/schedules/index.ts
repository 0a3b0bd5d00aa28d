export { schedulesPlugin, SHOW_SCHEDULES_COMMAND } from './plugin';
