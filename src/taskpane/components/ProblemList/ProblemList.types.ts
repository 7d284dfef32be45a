import type { FenjieError, Lang } from '../../../engine';
import type { Strings } from '../../strings';

/** Props of the problem list. */
export interface ProblemListProps {
  readonly t: Strings;
  readonly lang: Lang;
  readonly hostKind: 'excel' | 'file';
  readonly errors: readonly FenjieError[];
  /** Shows the cell in the workbook; false when the host cannot (file mode). */
  readonly onSelect: (sheet: string, cell: string | undefined) => Promise<boolean>;
  readonly onError: (error: unknown) => void;
}

/** One problem as shown. */
export interface ProblemRow {
  readonly key: string;
  /** '基数!B3', '基数', or '' when the problem has no place. */
  readonly place: string;
  readonly message: string;
  readonly sheet?: string;
  readonly cell?: string;
}

/** State of the problem list. */
export interface ProblemListState {
  readonly t: Strings;
  readonly rows: readonly ProblemRow[];
  readonly hint: string;
  /** The row whose "the cell is in the file" note is shown (file mode, after a click). */
  readonly noted?: string;
  readonly activate: (row: ProblemRow) => void;
}
