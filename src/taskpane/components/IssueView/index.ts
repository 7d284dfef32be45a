export { IssueView } from './IssueView';
export type { IssueViewProps } from './IssueView';
