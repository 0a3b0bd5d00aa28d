import { apiPlugin } from './api';
import { liteKernelPlugins } from './lite/services';
import {
  failureNoticesPlugin,
  runContextPlugin,
  runsPanelPlugin
} from './runs';
import { schedulesPlugin } from './schedules';
import { wizardPlugin } from './wizard';

export default [
  apiPlugin,
  wizardPlugin,
  failureNoticesPlugin,
  runsPanelPlugin,
  runContextPlugin,
  schedulesPlugin,
  ...liteKernelPlugins
];
