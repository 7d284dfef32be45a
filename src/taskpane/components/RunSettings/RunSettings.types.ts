import type { SheetSettings } from '../../run';
import type { Strings } from '../../strings';
import type { RunSettingsProblems, RunSettingsValue } from './runSettingsModel';

/** Props of the run settings (a controlled form). */
export interface RunSettingsProps {
  readonly t: Strings;
  readonly value: RunSettingsValue;
  /** The Settings sheet's values, which the form starts from. */
  readonly sheet?: SheetSettings;
  readonly disabled: boolean;
  readonly onChange: (value: RunSettingsValue) => void;
}

/** One option of the report month. */
export interface MonthOption {
  readonly value: string;
  readonly label: string;
}

/** State of the run settings. */
export interface RunSettingsState {
  readonly t: Strings;
  readonly value: RunSettingsValue;
  readonly months: readonly MonthOption[];
  readonly problems: RunSettingsProblems;
  readonly modified: boolean;
  readonly disabled: boolean;
  readonly onMonth: (event: React.ChangeEvent<HTMLSelectElement>) => void;
  readonly onBehind: (event: React.ChangeEvent<HTMLInputElement>) => void;
  readonly onSerious: (event: React.ChangeEvent<HTMLInputElement>) => void;
  readonly reset: () => void;
}
