export { analyzeNotebook, INotebookAnalysis } from './analyzeNotebook';
export { DEFAULT_CONNECTION } from './magics';
export { analyzeSql, ISqlAnalysis } from './sqlTables';
export { AnalysisWarningKind, IAnalysisWarning } from './warnings';
