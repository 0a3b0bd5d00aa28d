export {
  assetUri,
  DAG_ID_PREFIX,
  dagId,
  generateDag,
  NOTEBOOK_TASK_ID,
  sensorTaskId
} from './generateDag';
export { pyLiteral, pyString } from './pythonSource';
export { sortedJson, specToJson } from './specJson';
export { IPipelinePreviewProps, PipelinePreview } from './preview';
export { IWorkflowGraphProps, nodeLabel, WorkflowGraph } from './WorkflowGraph';
