export { ProblemList } from './ProblemList';
export type { ProblemListProps } from './ProblemList.types';
