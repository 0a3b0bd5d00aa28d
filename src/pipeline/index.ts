export {
  assetUri,
  DAG_ID_PREFIX,
  dagId,
  generateDag,
  NOTEBOOK_TASK_ID,
  sensorTaskId
} from './generateDag';
export { pyLiteral, pyString } from './pythonSource';
export { specToJson } from './specJson';
export { IPipelinePreviewProps, PipelinePreview } from './preview';
