import { useMemo } from 'react';
import type { ResultViewProps, ResultViewState } from './ResultView.types';
import { resultModel } from './resultModel';

/** State of the result view: the per-indicator view model of the plan. */
export function useResultView(props: ResultViewProps): ResultViewState {
  const { plan, lang } = props;
  const model = useMemo(() => resultModel(plan, lang), [plan, lang]);
  return { t: props.t, model };
}
