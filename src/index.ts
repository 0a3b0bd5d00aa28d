import { apiPlugin } from './api';
import { wizardPlugin } from './wizard';

export default [apiPlugin, wizardPlugin];
