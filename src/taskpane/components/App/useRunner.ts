import { useCallback, useRef, useState } from 'react';
import type { FenjieError, Lang, MonthlyRound, Plan } from '../../../engine';
import type { PaneHost } from '../../../hosts/host';
import type { Bulletin } from '../../../workbook/bulletin';
import type { WorkbookGrids } from '../../../workbook/grid';
import type { WorkbookStatus } from '../../../workbook/status';
import type { Clock } from '../../clock';
import type { RunOverrides } from '../../run';
import { recalculate } from '../../runner';
import type { PaneNotice, RunView } from './App.types';

/** What the runner needs from the rest of the pane. */
export interface RunnerDeps {
  readonly host?: PaneHost;
  readonly lang: Lang;
  readonly clock: Clock;
  readonly overrides?: RunOverrides;
  readonly reportError: (error: unknown) => void;
  readonly setNotice: (notice: PaneNotice | undefined) => void;
  /** Takes the grids a run read (and the status after it). */
  readonly onRead: (grids: WorkbookGrids, status: WorkbookStatus) => void;
  readonly onWritten: () => void;
}

/** The run part of the pane: Recalculate, Cancel, progress, problems and the last plan. */
export function useRunner(deps: RunnerDeps) {
  const { host, lang, clock, overrides, reportError, setNotice, onRead, onWritten } = deps;
  const [run, setRun] = useState<RunView>({ running: false, fraction: 0 });
  const [problems, setProblems] = useState<readonly FenjieError[]>([]);
  const [plan, setPlan] = useState<Plan | undefined>(undefined);
  const [bulletin, setBulletin] = useState<Bulletin | undefined>(undefined);
  const [round, setRound] = useState<MonthlyRound | undefined>(undefined);
  const controller = useRef<AbortController | undefined>(undefined);

  const start = useCallback(() => {
    if (!host || !overrides || controller.current) return;
    const c = new AbortController();
    controller.current = c;
    setNotice(undefined);
    setRun({ running: true, stage: 'read', fraction: 0 });
    recalculate({
      host,
      lang,
      now: clock(),
      overrides,
      signal: c.signal,
      onStage: (stage, fraction) => setRun({ running: true, stage, fraction }),
    })
      .then((outcome) => {
        switch (outcome.kind) {
          case 'written':
            setPlan(outcome.plan);
            setRound(outcome.round);
            setBulletin(outcome.bulletin);
            setProblems([]);
            onRead(outcome.grids, outcome.status);
            onWritten();
            setRun({ running: false, stage: 'done', fraction: 1, outcome: 'written' });
            break;
          case 'problems':
            setPlan(undefined);
            setRound(undefined);
            setBulletin(undefined);
            setProblems(outcome.errors);
            onRead(outcome.grids, outcome.status);
            setRun({ running: false, stage: 'done', fraction: 1, outcome: 'problems' });
            break;
          case 'cancelled':
            setRun({ running: false, fraction: 0, outcome: 'cancelled' });
            setNotice({ kind: 'cancelled' });
            break;
        }
      })
      .catch((error: unknown) => {
        setRun({ running: false, fraction: 0, outcome: 'failed' });
        reportError(error);
      })
      .finally(() => {
        controller.current = undefined;
      });
  }, [host, lang, clock, overrides, reportError, setNotice, onRead, onWritten]);

  const cancel = useCallback(() => controller.current?.abort(), []);

  /** Forgets the last run (a new workbook was opened). */
  const clear = useCallback(() => {
    setPlan(undefined);
    setRound(undefined);
    setBulletin(undefined);
    setProblems([]);
    setRun({ running: false, fraction: 0 });
  }, []);

  return { run, problems, plan, round, bulletin, start, cancel, clear };
}
