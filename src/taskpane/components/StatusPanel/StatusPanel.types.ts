import type { Lang } from '../../../engine';
import type { InputSheet } from '../../../workbook/names';
import type { OutputState, WorkbookStatus } from '../../../workbook/status';
import type { Strings } from '../../strings';

/** Props of the status panel. */
export interface StatusPanelProps {
  readonly t: Strings;
  readonly lang: Lang;
  readonly hostKind: 'excel' | 'file';
  /** The workbook's label (file name), if known. */
  readonly label?: string;
  readonly status: WorkbookStatus;
  /** A run or another workbook operation is under way. */
  readonly busy: boolean;
  /** The input sheets are being created. */
  readonly creating: boolean;
  readonly onCreateInputs: () => void;
  readonly onRefresh: () => void;
}

/** One input sheet's line. */
export interface SheetLine {
  readonly key: InputSheet;
  /** Its name in the workbook, or the contract's name when it is missing. */
  readonly name: string;
  readonly found: boolean;
}

/** State of the status panel. */
export interface StatusPanelState {
  readonly t: Strings;
  /** The workbook's name (Excel mode). */
  readonly title?: string;
  readonly sheets: readonly SheetLine[];
  readonly outputs: OutputState;
  /** The live inputs changed since the outputs were written (with 'current': they followed). */
  readonly liveChanged: boolean;
  readonly needsInputs: boolean;
  readonly canRefresh: boolean;
  readonly busy: boolean;
  readonly creating: boolean;
  readonly onCreateInputs: () => void;
  readonly onRefresh: () => void;
}
