import type { JSX } from 'react';
import { renderResultView } from './renderResultView';
import type { ResultViewProps } from './ResultView.types';
import { useResultView } from './useResultView';
import { useResultViewStyles } from './useResultViewStyles.styles';

/** Per indicator: completion against the time schedule, flag counts, the furthest behind. */
export function ResultView(props: ResultViewProps): JSX.Element {
  const state = useResultView(props);
  return renderResultView(state, useResultViewStyles());
}
