export { LiteOption } from './LiteOption';
export { ILiteTestRunState, useLiteTestRun } from './useLiteTestRun';
