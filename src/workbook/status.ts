/**
 * What the task pane shows before any run: which input sheets the workbook has, and whether the
 * output sheets are there and current (their note's fingerprint equals the inputs' fingerprint).
 */
import { inputFingerprint } from './fingerprint';
import type { WorkbookGrids } from './grid';
import {
  findSheet,
  INPUT_SHEETS,
  OUTPUT_SHEETS,
  REQUIRED_SHEETS,
  type InputSheet,
  type OutputSheet,
} from './names';
import { noteFingerprint } from './note';

export type OutputState = 'missing' | 'current' | 'stale';

export interface WorkbookStatus {
  /** Each input sheet's name in this workbook, or undefined when it is missing. */
  readonly inputs: Readonly<Record<InputSheet, string | undefined>>;
  /** True when the sheets a plan needs (目标, 企业) are missing: offer to create the inputs. */
  readonly needsInputs: boolean;
  readonly outputs: OutputState;
  readonly fingerprint: string;
}

/** Text of the note cell (A2) of an output sheet, if any. */
function noteOf(grids: WorkbookGrids, key: OutputSheet): string | undefined {
  const sheet = findSheet(grids.sheets, key);
  const cell = sheet?.cells[1]?.[0];
  return typeof cell === 'string' ? cell : undefined;
}

export function workbookStatus(grids: WorkbookGrids): WorkbookStatus {
  const inputs = Object.fromEntries(
    INPUT_SHEETS.map((k) => [k, findSheet(grids.sheets, k)?.name]),
  ) as Record<InputSheet, string | undefined>;
  const fingerprint = inputFingerprint(grids);
  const notes = OUTPUT_SHEETS.map((k) => noteOf(grids, k));
  const outputs: OutputState = notes.every((n) => n === undefined)
    ? 'missing'
    : notes.every((n) => n !== undefined && noteFingerprint(n) === fingerprint)
      ? 'current'
      : 'stale';
  return {
    inputs,
    needsInputs: REQUIRED_SHEETS.some((k) => inputs[k] === undefined),
    outputs,
    fingerprint,
  };
}

/** Names of the input sheets present (the writers must never touch them). */
export const inputSheetNames = (s: WorkbookStatus): string[] =>
  Object.values(s.inputs).filter((n): n is string => n !== undefined);
