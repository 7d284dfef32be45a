/**
 * The one job every shell runs: input grids → model → plan → output sheet description and JSON.
 * The CLI, the task pane and the browser file mode differ only in how they get the grids and what
 * they do with the description.
 */
import {
  compareMonths,
  plan as runEngine,
  roundOf,
  roundRules,
  type FenjieError,
  type Lang,
  type MonthlyRound,
  type Plan,
  type YMD,
} from '../engine';
import { inputFingerprints, type InputFingerprints } from './fingerprint';
import type { WorkbookGrids } from './grid';
import type { SettingKey } from './names';
import { readInputs, type ReadResult } from './read';
import { renderOutputs } from './render';
import { errorsJson, resultJson, type PlanResultJson } from './result';
import type { WorkbookSpec } from './spec';

export const VERSION = '0.1.0';

export interface PipelineOptions {
  /** Today, for the default year. */
  readonly today: YMD;
  /** Timestamp shown in the generated note, e.g. '2026-11-22 10:30'. */
  readonly generatedAt: string;
  readonly lang: Lang;
  /** Overrides of the Settings sheet for this run only (CLI `--as-of YYYY-MM`, the pane's run settings). */
  readonly reportMonth?: number;
  readonly year?: number;
  readonly behindThreshold?: number;
  readonly seriousThreshold?: number;
  /** `inputFingerprints(grids)` when the caller has already computed them (the pane's status). */
  readonly fingerprints?: InputFingerprints;
  /** Check every formula the renderers mark as copied down, throwing on a broken promise (tests). */
  readonly checkCopies?: boolean;
}

export type PipelineResult =
  | {
      readonly ok: true;
      readonly plan: Plan;
      /** The monthly round: changes since last month, red and black lists, escalation. */
      readonly round: MonthlyRound;
      readonly spec: WorkbookSpec;
      readonly json: PlanResultJson;
      readonly read: ReadResult;
      readonly fingerprints: InputFingerprints;
    }
  | { readonly ok: false; readonly errors: readonly FenjieError[]; readonly json: PlanResultJson };

const failed = (errors: readonly FenjieError[], lang: Lang): PipelineResult => ({
  ok: false,
  errors,
  json: {
    allocations: [],
    progress: [],
    areaProgress: [],
    groupProgress: [],
    errors: errorsJson(errors, lang),
  },
});

export function runPipeline(grids: WorkbookGrids, o: PipelineOptions): PipelineResult {
  const read = readInputs(grids);
  if (read.errors.length > 0) return failed(read.errors, o.lang);
  const input = {
    ...read.input,
    settings: {
      ...read.input.settings,
      ...(o.year !== undefined ? { year: o.year } : {}),
      ...(o.reportMonth !== undefined ? { reportMonth: o.reportMonth } : {}),
      ...(o.behindThreshold !== undefined ? { behindThreshold: o.behindThreshold } : {}),
      ...(o.seriousThreshold !== undefined ? { seriousThreshold: o.seriousThreshold } : {}),
    },
  };
  const r = runEngine(input, { today: o.today });
  if (!r.ok) return failed(r.errors, o.lang);
  // Last month's plan is this input's with the month moved back; it plans whenever this one does
  // (nothing validated depends on the report month), but a failure only loses the comparison.
  const past = roundOf(input, { today: o.today }, r.value);
  const round = past.ok ? past.value : compareMonths(r.value, [], roundRules(input), null);
  const fingerprints = o.fingerprints ?? inputFingerprints(grids);
  const overridden = new Set<SettingKey>(
    (['year', 'reportMonth', 'behindThreshold', 'seriousThreshold'] as const).filter(
      (k) => o[k] !== undefined,
    ),
  );
  const spec = renderOutputs(r.value, input, read.layout, {
    lang: o.lang,
    generatedAt: o.generatedAt,
    fingerprints,
    version: VERSION,
    overridden,
    round,
    checkCopies: o.checkCopies,
  });
  // The JSON is made when asked for (`plan --json`): a county's is large, and most runs never
  // want it.
  const plan = r.value;
  let json: PlanResultJson | undefined;
  return {
    ok: true,
    plan,
    round,
    spec,
    get json(): PlanResultJson {
      json ??= resultJson(plan);
      return json;
    },
    read: { ...read, input },
    fingerprints,
  };
}
