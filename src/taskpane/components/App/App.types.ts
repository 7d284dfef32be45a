import type { FenjieError, Lang, MonthlyRound, Plan } from '../../../engine';
import type { PaneHost } from '../../../hosts/host';
import type { Bulletin } from '../../../workbook/bulletin';
import type { WorkbookStatus } from '../../../workbook/status';
import type { Clock } from '../../clock';
import type { SheetSettings } from '../../run';
import type { RunStage, Strings } from '../../strings';
import type { RunOutcomeKind } from '../Recalculate';
import type { RunSettingsValue } from '../RunSettings';

/** The colour theme. */
export type ThemeName = 'light' | 'dark';

/** Props of the pane. */
export interface AppProps {
  /** The workbook host; undefined when the pane could not start (see bootError). */
  readonly host?: PaneHost;
  /** Today and the notes' timestamp for each run. */
  readonly clock: Clock;
  readonly initialLang: Lang;
  readonly initialTheme: ThemeName;
  /** What stopped the pane from starting, if anything. */
  readonly bootError?: unknown;
  /** Office.js was there but never reported ready: the pane fell back to file mode. */
  readonly officeTimedOut?: boolean;
  /** The single offline file (分解.html): the pane says that nothing leaves the computer. */
  readonly offline?: boolean;
}

/** An error shown in the message bar. */
export interface PaneError {
  readonly kind: 'error' | 'open';
  readonly text: string;
}

/** An informational message, rendered in the current language. */
export type PaneNotice =
  { readonly kind: 'cancelled' } | { readonly kind: 'created'; readonly n: number };

/** The workbook as the pane last read it. */
export interface WorkbookView {
  readonly status: WorkbookStatus;
  /** The Settings sheet's values (the run settings start from them). */
  readonly sheet: SheetSettings;
}

/** The progress of the current (or last) run. */
export interface RunView {
  readonly running: boolean;
  readonly stage?: RunStage;
  readonly fraction: number;
  readonly outcome?: RunOutcomeKind;
}

/** Everything the pane renders. */
export interface AppState {
  readonly lang: Lang;
  readonly t: Strings;
  readonly theme: ThemeName;
  readonly toggleLang: () => void;
  readonly toggleTheme: () => void;

  readonly host?: PaneHost;
  readonly bootError?: string;
  readonly officeTimedOut: boolean;
  readonly offline: boolean;
  readonly error?: PaneError;
  readonly dismissError: () => void;
  readonly notice?: PaneNotice;
  readonly dismissNotice: () => void;
  readonly reportError: (error: unknown) => void;

  readonly workbook?: WorkbookView;
  readonly label?: string;
  readonly creating: boolean;
  readonly openFile: (file: File) => Promise<void>;
  readonly createInputs: () => void;
  readonly refresh: () => void;

  readonly settings: RunSettingsValue;
  readonly setSettings: (value: RunSettingsValue) => void;
  readonly settingsValid: boolean;

  readonly run: RunView;
  readonly problems: readonly FenjieError[];
  readonly plan?: Plan;
  /** The last run's monthly round (last month's markers on the charts). */
  readonly round?: MonthlyRound;
  /** The last run's monthly bulletin (shown, and downloadable as Word). */
  readonly bulletin?: Bulletin;
  readonly recalculate: () => void;
  readonly cancel: () => void;
  readonly selectCell: (sheet: string, cell: string | undefined) => Promise<boolean>;

  readonly canDownload: boolean;
  readonly download: () => Promise<{ name: string; bytes: Uint8Array }>;
}
