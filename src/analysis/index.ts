export { analyzeNotebook, INotebookAnalysis } from './analyzeNotebook';
export { DEFAULT_CONNECTION } from './magics';
export { analyzeSql, ISqlAnalysis } from './sqlTables';
export {
  AnalysisWarningKind,
  IAnalysisWarning,
  IWarningText,
  WARNING_TEMPLATES,
  WarningTemplate
} from './warnings';
