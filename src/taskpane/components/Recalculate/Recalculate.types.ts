import type { RunStage, Strings } from '../../strings';

/** How the last run ended, for the progress bar's colour and message. */
export type RunOutcomeKind = 'written' | 'problems' | 'cancelled' | 'failed';

/** Props of the recalculate section. */
export interface RecalculateProps {
  readonly t: Strings;
  readonly running: boolean;
  /** The current (or last) stage; undefined before any run. */
  readonly stage?: RunStage;
  /** 0–1 of the whole run. */
  readonly fraction: number;
  readonly outcome?: RunOutcomeKind;
  readonly problemCount: number;
  /** The button cannot start a run (no workbook, invalid settings, busy). */
  readonly disabled: boolean;
  readonly onRecalculate: () => void;
  readonly onCancel: () => void;
}

/** State of the recalculate section. */
export interface RecalculateState {
  readonly t: Strings;
  readonly running: boolean;
  readonly disabled: boolean;
  readonly showProgress: boolean;
  readonly value: number;
  readonly label: string;
  readonly message?: string;
  readonly validation: 'none' | 'success' | 'warning' | 'error';
  readonly onRecalculate: () => void;
  readonly onCancel: () => void;
}
