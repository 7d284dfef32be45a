import { Button, Caption1, Field, Input, Select, Subtitle2 } from '@fluentui/react-components';
import type { JSX } from 'react';
import type { RunSettingsState } from './RunSettings.types';
import type { useRunSettingsStyles } from './useRunSettingsStyles.styles';

/** One threshold field: a decimal text input with its validation message. */
function renderThreshold(
  state: RunSettingsState,
  classes: ReturnType<typeof useRunSettingsStyles>,
  label: string,
  value: string,
  onChange: RunSettingsState['onBehind'],
  message: string | undefined,
): JSX.Element {
  return (
    <Field label={label} validationState={message ? 'error' : 'none'} validationMessage={message}>
      <Input
        className={classes.input}
        type="text"
        inputMode="decimal"
        value={value}
        onChange={onChange}
        disabled={state.disabled}
      />
    </Field>
  );
}

/** Renders the run settings: report month and the two thresholds, with a reset button. */
export function renderRunSettings(
  state: RunSettingsState,
  classes: ReturnType<typeof useRunSettingsStyles>,
): JSX.Element {
  const { t, value, problems } = state;
  const behindMessage = problems.behind ? t.invalidThreshold : undefined;
  const seriousMessage =
    problems.serious === 'belowBehind'
      ? t.seriousBelowBehind
      : problems.serious
        ? t.invalidThreshold
        : undefined;
  return (
    <fieldset className={classes.root} disabled={state.disabled} data-testid="run-settings">
      <legend className={classes.legend}>
        <Subtitle2 as="h2" className={classes.heading}>
          {t.settingsHeading}
        </Subtitle2>
      </legend>
      <Field label={t.reportMonth}>
        <Select
          value={String(value.reportMonth)}
          onChange={state.onMonth}
          disabled={state.disabled}
        >
          {state.months.map((m) => (
            <option key={m.value} value={m.value}>
              {m.label}
            </option>
          ))}
        </Select>
      </Field>
      <div className={classes.thresholds}>
        {renderThreshold(
          state,
          classes,
          t.behindThreshold,
          value.behind,
          state.onBehind,
          behindMessage,
        )}
        {renderThreshold(
          state,
          classes,
          t.seriousThreshold,
          value.serious,
          state.onSerious,
          seriousMessage,
        )}
      </div>
      <div className={classes.footer}>
        <Caption1 className={classes.hint}>{t.settingsHint}</Caption1>
        {state.modified ? (
          <Button size="small" appearance="subtle" onClick={state.reset} disabled={state.disabled}>
            {t.resetSettings}
          </Button>
        ) : null}
      </div>
    </fieldset>
  );
}
