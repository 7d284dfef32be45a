import { useMemo } from 'react';
import type { ResultViewProps, ResultViewState } from './ResultView.types';
import { resultModel } from './resultModel';

/** State of the result view: the per-indicator view model of the plan. */
export function useResultView(props: ResultViewProps): ResultViewState {
  const { plan, lang, round } = props;
  const model = useMemo(() => resultModel(plan, lang, round), [plan, lang, round]);
  return { t: props.t, model };
}
