/**
 * What the task pane shows before any run: which input sheets the workbook has, and whether the
 * output sheets are there and current. Current means their notes record the split fingerprint of
 * the inputs as they are now (`fingerprint.ts`): a change of 实绩 or of the live 参数 keys alone
 * leaves them current, since the live sheets follow those (`liveChanged` tells it happened),
 * unless the outputs hold them as static values, or the live data check (辅助's parameter table,
 * columns A:B) counts something only a re-split mends: rows of 实绩 beyond what the formulas cover,
 * or a figure for an enterprise the plan gave no row in that indicator.
 */
import { scalarOf } from './cells';
import { CHECKS } from './checks';
import { inputFingerprints, type InputFingerprints } from './fingerprint';
import type { WorkbookGrids } from './grid';
import {
  findSheet,
  INPUT_SHEETS,
  OUTPUT_SHEETS,
  REQUIRED_SHEETS,
  type InputSheet,
  type OutputSheet,
} from './names';
import { noteFingerprints } from './note';

/**
 * 'missing': no output sheet; 'current': the outputs need no re-split; 'stale': they do (an input
 * the split depends on changed, an output sheet is gone, its note is of the old format, a live
 * input changed that the outputs hold as static values, or the data check counts rows or figures
 * the formulas cannot place).
 */
export type OutputState = 'missing' | 'current' | 'stale';

export interface WorkbookStatus {
  /** Each input sheet's name in this workbook, or undefined when it is missing. */
  readonly inputs: Readonly<Record<InputSheet, string | undefined>>;
  /** True when the sheets a plan needs (目标, 企业) are missing: offer to create the inputs. */
  readonly needsInputs: boolean;
  readonly outputs: OutputState;
  /**
   * Whether the live inputs (实绩, and 参数's year, report month, as-of date, thresholds and area)
   * changed since the outputs were written: with 'current', the live sheets have followed them.
   * Judged over the output sheets present (false when none is); true when a note does not tell
   * (the old format).
   */
  readonly liveChanged: boolean;
  /** The inputs' fingerprints now (a run passes them on to the notes it writes). */
  readonly fingerprints: InputFingerprints;
}

const RESPLIT_LABELS = new Set(CHECKS.filter((c) => c.resplit).flatMap((c) => [c.zh, c.en]));

/**
 * Whether the helper sheet's data check (label in A, count in B, as last calculated) counts
 * anything that needs a re-split.
 */
function resplitCounted(grids: WorkbookGrids): boolean {
  const helper = findSheet(grids.sheets, 'helper');
  return (helper?.cells ?? []).some((row) => {
    const count = scalarOf(row[1]);
    return (
      typeof row[0] === 'string' &&
      RESPLIT_LABELS.has(row[0]) &&
      typeof count === 'number' &&
      count > 0
    );
  });
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
  const fingerprints = inputFingerprints(grids);
  const notes = OUTPUT_SHEETS.map((k) => noteOf(grids, k));
  const recorded = notes.map((n) => (n === undefined ? undefined : noteFingerprints(n)));
  const missing = notes.every((n) => n === undefined);
  const liveChanged = recorded.some(
    (r, i) => notes[i] !== undefined && r?.live !== fingerprints.live,
  );
  const current =
    recorded.every(
      (r) =>
        r !== undefined &&
        r.split === fingerprints.split &&
        !(r.liveStatic && r.live !== fingerprints.live),
    ) && !resplitCounted(grids);
  return {
    inputs,
    needsInputs: REQUIRED_SHEETS.some((k) => inputs[k] === undefined),
    outputs: missing ? 'missing' : current ? 'current' : 'stale',
    liveChanged,
    fingerprints,
  };
}

/** Names of the input sheets present (the writers must never touch them). */
export const inputSheetNames = (s: WorkbookStatus): string[] =>
  Object.values(s.inputs).filter((n): n is string => n !== undefined);
