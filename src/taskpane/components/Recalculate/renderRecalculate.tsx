import { Button, Field, ProgressBar } from '@fluentui/react-components';
import type { JSX } from 'react';
import type { RecalculateState } from './Recalculate.types';
import type { useRecalculateStyles } from './useRecalculateStyles.styles';

/** Renders the Recalculate button, Cancel while running, and the progress bar through the stages. */
export function renderRecalculate(
  state: RecalculateState,
  classes: ReturnType<typeof useRecalculateStyles>,
): JSX.Element {
  const { t } = state;
  return (
    <section className={classes.root} aria-label={t.recalculate}>
      <div className={classes.buttons}>
        <Button
          appearance="primary"
          size="large"
          className={classes.primary}
          onClick={state.onRecalculate}
          disabled={state.disabled || state.running}
        >
          {t.recalculate}
        </Button>
        {state.running ? (
          <Button size="large" onClick={state.onCancel} aria-label={t.cancelLabel}>
            {t.cancel}
          </Button>
        ) : null}
      </div>
      {state.showProgress ? (
        <Field
          label={state.label}
          validationState={state.validation}
          validationMessage={state.message}
          aria-live="polite"
          data-testid="run-progress"
        >
          <ProgressBar value={state.value} max={1} thickness="large" aria-label={t.progressLabel} />
        </Field>
      ) : null}
    </section>
  );
}
