import type { RecalculateProps, RecalculateState } from './Recalculate.types';

/** State of the recalculate section: the progress bar's value, label and colour. */
export function useRecalculate(props: RecalculateProps): RecalculateState {
  const { t, stage, outcome } = props;
  const percent = Math.round(Math.min(1, Math.max(0, props.fraction)) * 100);
  const label =
    stage === undefined
      ? ''
      : stage === 'done'
        ? t.stage.done
        : t.stageWithPercent(t.stage[stage], percent);
  const message = props.running
    ? undefined
    : outcome === 'written'
      ? t.doneOk
      : outcome === 'problems'
        ? t.doneWithProblems(props.problemCount)
        : undefined;
  return {
    t,
    running: props.running,
    disabled: props.disabled,
    showProgress:
      stage !== undefined && (props.running || outcome === 'written' || outcome === 'problems'),
    value: props.fraction,
    label,
    ...(message !== undefined ? { message } : {}),
    validation: props.running
      ? 'none'
      : outcome === 'written'
        ? 'success'
        : outcome === 'problems'
          ? 'error'
          : 'none',
    onRecalculate: props.onRecalculate,
    onCancel: props.onCancel,
  };
}
