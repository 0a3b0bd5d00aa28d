import { apiPlugin } from './api';
import { failureNoticesPlugin } from './runs';
import { wizardPlugin } from './wizard';

export default [apiPlugin, wizardPlugin, failureNoticesPlugin];
