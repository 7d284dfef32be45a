import type { JSX } from 'react';
import type { ProblemListProps } from './ProblemList.types';
import { renderProblemList } from './renderProblemList';
import { useProblemList } from './useProblemList';
import { useProblemListStyles } from './useProblemListStyles.styles';

/** The pipeline's problems, each with its place; activating one shows its cell. */
export function ProblemList(props: ProblemListProps): JSX.Element {
  const state = useProblemList(props);
  return renderProblemList(state, useProblemListStyles());
}
