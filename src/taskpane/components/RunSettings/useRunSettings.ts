import { useCallback, useMemo } from 'react';
import type { MonthOption, RunSettingsProps, RunSettingsState } from './RunSettings.types';
import { isModified, settingsProblems, settingsValueFrom } from './runSettingsModel';

/** State of the run settings: options, validation and change handlers. */
export function useRunSettings(props: RunSettingsProps): RunSettingsState {
  const { t, value, sheet, onChange } = props;
  // 'Automatic' only when the sheet leaves the month open: a run cannot unset the sheet's month.
  const auto = sheet?.reportMonth === undefined;
  const months = useMemo<MonthOption[]>(
    () => [
      ...(auto ? [{ value: 'auto', label: t.reportMonthAuto }] : []),
      ...Array.from({ length: 12 }, (_, i) => ({
        value: String(i + 1),
        label: t.monthOption(i + 1),
      })),
    ],
    [t, auto],
  );
  const onMonth = useCallback(
    (event: React.ChangeEvent<HTMLSelectElement>) => {
      const v = event.currentTarget.value;
      onChange({ ...value, reportMonth: v === 'auto' ? 'auto' : Number(v) });
    },
    [value, onChange],
  );
  const onBehind = useCallback(
    (event: React.ChangeEvent<HTMLInputElement>) =>
      onChange({ ...value, behind: event.currentTarget.value }),
    [value, onChange],
  );
  const onSerious = useCallback(
    (event: React.ChangeEvent<HTMLInputElement>) =>
      onChange({ ...value, serious: event.currentTarget.value }),
    [value, onChange],
  );
  const reset = useCallback(() => onChange(settingsValueFrom(sheet)), [sheet, onChange]);
  return {
    t,
    value,
    months,
    problems: settingsProblems(value),
    modified: isModified(value, sheet),
    disabled: props.disabled,
    onMonth,
    onBehind,
    onSerious,
    reset,
  };
}
