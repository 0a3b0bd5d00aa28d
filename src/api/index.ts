export { NbScheduleClient } from './client';
export { ApiError, describeError } from './errors';
export { apiPlugin } from './plugin';
export * from './runRecord';
export * from './runs';
export { INbScheduleClient } from './tokens';
export * from './types';
export * from './spec';
export * from './useLoaded';
