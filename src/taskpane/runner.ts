/**
 * One "Recalculate": read the workbook, run the pipeline, write the outputs, in stages the pane
 * shows on its progress bar. Framework-free, so it is tested without a browser. Cancelling (the
 * signal) stops at the next stage boundary or inside the writer, and the old outputs stay.
 */
import type { FenjieError, Lang, MonthlyRound, Plan } from '../engine';
import type { PaneHost } from '../hosts/host';
import { throwIfAborted } from '../hosts/abort';
import { bulletinOf, type Bulletin } from '../workbook/bulletin';
import type { WorkbookGrids } from '../workbook/grid';
import { inputSheetNames, workbookStatus, type WorkbookStatus } from '../workbook/status';
import type { Now } from './clock';
import { runWithOverrides, type RunOverrides } from './run';
import type { RunStage } from './strings';

/** How a run ended. */
export type RunOutcome =
  | {
      readonly kind: 'written';
      readonly plan: Plan;
      /** The plan's monthly round (last month's markers on the pane's charts). */
      readonly round: MonthlyRound;
      /** The monthly bulletin of the plan, in the run's language (the pane shows and downloads it). */
      readonly bulletin: Bulletin;
      readonly grids: WorkbookGrids;
      readonly status: WorkbookStatus;
    }
  | {
      readonly kind: 'problems';
      readonly errors: readonly FenjieError[];
      readonly grids: WorkbookGrids;
      readonly status: WorkbookStatus;
    }
  | { readonly kind: 'cancelled' };

/** What a run needs. */
export interface RunRequest {
  readonly host: PaneHost;
  /** Language of the output sheets and messages. */
  readonly lang: Lang;
  readonly now: Now;
  readonly overrides: RunOverrides;
  readonly signal: AbortSignal;
  /** Called as the run moves on: the stage and the fraction (0–1) of the whole run. */
  readonly onStage: (stage: RunStage, fraction: number) => void;
}

/** Where each stage starts on the progress bar; writing fills the rest. */
export const STAGE_START: Readonly<Record<RunStage, number>> = {
  read: 0,
  compute: 0.1,
  write: 0.2,
  done: 1,
};
const WRITE_SPAN = 0.78;

/** Lets the browser paint the new stage before synchronous work. */
const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Runs one recalculation.
 * @returns 'written' with the plan, 'problems' with the pipeline's errors (nothing written), or
 *   'cancelled' (nothing written, old outputs kept).
 * @throws what the host throws (read or write failures), unless the run was cancelled.
 */
export async function recalculate(req: RunRequest): Promise<RunOutcome> {
  const { host, signal, onStage } = req;
  try {
    throwIfAborted(signal);
    onStage('read', STAGE_START.read);
    const grids = await host.readGrids();
    throwIfAborted(signal);
    const status = workbookStatus(grids);

    onStage('compute', STAGE_START.compute);
    await pause();
    throwIfAborted(signal);
    const result = runWithOverrides(
      grids,
      {
        today: req.now.today,
        generatedAt: req.now.stamp,
        lang: req.lang,
        fingerprints: status.fingerprints,
      },
      req.overrides,
    );
    if (!result.ok) {
      onStage('done', STAGE_START.done);
      return { kind: 'problems', errors: result.errors, grids, status };
    }

    onStage('write', STAGE_START.write);
    await pause();
    throwIfAborted(signal);
    await host.writeOutputs(result.spec, {
      inputSheetNames: inputSheetNames(status),
      signal,
      onProgress: (p) =>
        onStage('write', STAGE_START.write + WRITE_SPAN * Math.min(1, Math.max(0, p.fraction))),
    });
    // Written: a cancel that arrives now is too late to keep the old outputs, so report the truth.
    onStage('done', STAGE_START.done);
    // The outputs now carry the fingerprints of exactly these inputs.
    return {
      kind: 'written',
      plan: result.plan,
      round: result.round,
      bulletin: bulletinOf(result.plan, result.round, result.read.input, req.lang),
      grids,
      status: { ...status, outputs: 'current', liveChanged: false },
    };
  } catch (error) {
    if (signal.aborted) return { kind: 'cancelled' };
    throw error;
  }
}
