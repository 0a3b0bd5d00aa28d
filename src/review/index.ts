export {
  buildReviewFiles,
  mirrorPath,
  reviewBranch,
  reviewPaths
} from './reviewFiles';
export {
  INodeNotebookProblem,
  IReadNodeNotebooks,
  missingNodeNotebooks,
  NodeNotebooks,
  readNodeNotebooks
} from './nodeNotebooks';
export { percentScript } from './percentScript';
export { pullRequestBody, pullRequestTitle } from './prBody';
export { canSubmit, testPlanMarkdown } from './testPlan';
export {
  createGitHubReview,
  IGitHubReview,
  proxiedOctokit
} from './githubReview';
export { gitHubError, GitHubStep, IGitHubErrorContext } from './githubErrors';
export { ReviewError, ReviewErrorKind } from './reviewError';
export { createLocalBranch, fetchReviewConfig } from './localReview';
export {
  cancelTestRun,
  getTestRun,
  isFinished,
  startTestRun
} from './testRuns';
export { ISubmission, submitReview } from './submitReview';
export { ITestRunStepProps, TestRunStep } from './TestRunStep';
export { ISubmitStepProps, SubmitStep } from './SubmitStep';
export * from './types';
export {
  asReviewTarget,
  reviewDestination,
  ReviewTarget,
  scheduleExists
} from './reviewTarget';
