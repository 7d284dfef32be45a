/**
 * The operations a shell needs from whatever holds the workbook: the host interface, in the hosts
 * layer so that hosts implement it without depending on a shell. The task pane's components get
 * a `PaneHost` as a prop: `createExcelHost` (hosts/excel, Office.js, live Excel) or
 * `createFileHost` (hosts/file, an .xlsx file the user picked, in any browser). Everything else —
 * reading, planning, rendering — is shared code.
 */
import { describeError, type FenjieError } from '../engine';
import type { WorkbookGrids } from '../workbook/grid';
import type { WorkbookSpec } from '../workbook/spec';

export interface WriteProgress {
  /** A stage key: 'prepare' | 'write' | 'replace' | 'done'. */
  readonly stage: string;
  /** 0 … 1 within the whole write. */
  readonly fraction: number;
}

export interface WriteOptions {
  /** Sheets the writer must never touch. */
  readonly inputSheetNames: readonly string[];
  readonly onProgress?: (p: WriteProgress) => void;
  readonly signal?: AbortSignal;
}

/**
 * A host operation that failed for a reason the user can act on (a file that is not a workbook,
 * a damaged one …): the messages of the catalogue, which the pane shows in its language.
 */
export class HostError extends Error {
  constructor(readonly errors: readonly FenjieError[]) {
    super(errors.map((e) => describeError(e, 'en')).join('; '));
    this.name = 'HostError';
  }
}

export interface PaneHost {
  readonly kind: 'excel' | 'file';
  /** A short description of the open workbook (file name, or "当前工作簿"). */
  readonly label: () => string | undefined;
  /** Every sheet of the workbook as plain grids. */
  readGrids(): Promise<WorkbookGrids>;
  /** Replaces the output sheets with the spec, atomically (old outputs stay whole on failure). */
  writeOutputs(spec: WorkbookSpec, options: WriteOptions): Promise<void>;
  /** Adds the spec's sheets that are missing, leaving existing sheets alone. */
  createSheets(spec: WorkbookSpec): Promise<void>;
  /** Shows a cell (Excel selects it; the file host has no grid to select in and returns false). */
  selectCell(sheet: string, cell: string | undefined): Promise<boolean>;
  /** File host only: open a picked file. */
  openFile?(file: File): Promise<void>;
  /** File host only: the workbook as .xlsx bytes with its current outputs, for download. */
  download?(): Promise<{ name: string; bytes: Uint8Array }>;
}
