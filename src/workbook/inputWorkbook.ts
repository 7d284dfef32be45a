/**
 * A plan input written back as the contract's input sheets (workbook-format.md): what `fenjie
 * issue` hands each unit (its own 参数, 目标, 企业, 基数, 权重, 约束, 时间分布, 实绩 and, when it has
 * units below it, 单位). Headers, widths and value spellings come from the declarations
 * (sheets.ts), so the reader reads back the same input.
 */
import { actualValue, EVEN, isEvenProfileName, type Lang, type PlanInput } from '../engine';
import { periodHeaders } from './names';
import {
  ACTUALS,
  BASE,
  CONSTRAINTS,
  ENTERPRISES,
  ENTERPRISES_WITH_UNIT,
  PROFILES,
  TARGETS,
  UNITS,
  WEIGHTS,
} from './sheets';
import type { SheetSpec, WorkbookSpec } from './spec';
import { dataRow, moreCells, settingsSheet, sheet } from './template';

/** 基数 / Base or 权重 / Weights: a column per indicator that has values, a row per enterprise. */
function byIndicator(
  decl: typeof BASE | typeof WEIGHTS,
  input: PlanInput,
  table: PlanInput['base'],
  lang: Lang,
): SheetSpec {
  const columns = input.indicators
    .map((i) => i.name)
    .filter((name) => Object.keys(table[name] ?? {}).length > 0);
  const rows = input.enterprises.map((e) => [
    ...dataRow(decl, lang, { enterprise: e.name }),
    ...moreCells(
      decl,
      lang,
      columns.map((c) => table[c]?.[e.name]?.value),
    ),
  ]);
  return sheet(decl, lang, rows, columns);
}

export function inputWorkbook(input: PlanInput, lang: Lang): WorkbookSpec {
  const st = input.settings;
  const withUnits = (input.units?.length ?? 0) > 0;
  const sheets: SheetSpec[] = [
    settingsSheet(lang, {
      ...(st.area !== undefined ? { area: st.area } : {}),
      ...(st.year !== undefined ? { year: st.year } : {}),
      ...(st.reportMonth !== undefined ? { reportMonth: st.reportMonth } : {}),
      ...(st.asOf !== undefined ? { asOf: st.asOf } : {}),
      scheduleBasis: st.scheduleBasis,
      behindThreshold: st.behindThreshold,
      seriousThreshold: st.seriousThreshold,
      actualsBasis: st.actualsBasis,
      combineJanFeb: st.combineJanFeb,
      unit: st.unit,
      ...(st.listSize !== undefined ? { listSize: st.listSize } : {}),
      ...(st.escalation !== undefined ? { escalation: st.escalation } : {}),
    }),
    sheet(
      TARGETS,
      lang,
      input.indicators.map((i) =>
        dataRow(
          TARGETS,
          lang,
          {
            indicator: i.name,
            unit: i.unit,
            kind: i.kind,
            direction: i.direction,
            target: i.target,
            ...(i.targetGrowth !== undefined ? { targetGrowth: i.targetGrowth } : {}),
            method: i.method,
            decimals: i.decimals,
            profile: i.profile,
          },
          { target: i.kind === 'rate' ? '0.0%' : undefined, targetGrowth: '0.0%' },
        ),
      ),
    ),
    sheet(
      withUnits ? ENTERPRISES_WITH_UNIT : ENTERPRISES,
      lang,
      input.enterprises.map((e) =>
        dataRow(ENTERPRISES_WITH_UNIT, lang, {
          name: e.name,
          creditCode: e.creditCode,
          group: e.group,
          owner: e.owner,
          profile: e.profile,
          ...(withUnits ? { unit: e.unit } : {}),
        }),
      ),
    ),
    byIndicator(BASE, input, input.base, lang),
    byIndicator(WEIGHTS, input, input.weights, lang),
    sheet(
      CONSTRAINTS,
      lang,
      input.constraints.map((c) =>
        dataRow(CONSTRAINTS, lang, {
          enterprise: c.enterprise,
          indicator: c.indicator,
          type: c.type,
          value: c.value,
        }),
      ),
    ),
  ];
  // 时间分布: one sheet holds one grid; the area's profiles share one (the even profile is built in).
  const profiles = input.profiles.filter((p) => !isEvenProfileName(p.name));
  const grid = profiles[0]?.grid ?? EVEN.grid;
  sheets.push(
    sheet(
      PROFILES,
      lang,
      profiles.map((p) => [
        ...dataRow(PROFILES, lang, { name: p.name }),
        ...moreCells(PROFILES, lang, p.shares),
      ]),
      periodHeaders(grid),
    ),
  );
  const withActuals = input.indicators
    .map((i) => i.name)
    .filter((name) => input.actuals.some((a) => actualValue(a, name) !== undefined));
  sheets.push(
    sheet(
      ACTUALS,
      lang,
      input.actuals.map((a) => [
        ...dataRow(ACTUALS, lang, {
          year: a.year,
          month: a.month,
          enterprise: a.enterprise,
          creditCode: a.creditCode,
        }),
        ...moreCells(
          ACTUALS,
          lang,
          withActuals.map((name) => actualValue(a, name)),
        ),
      ]),
      withActuals,
    ),
  );
  if (withUnits)
    sheets.push(
      sheet(
        UNITS,
        lang,
        (input.units ?? []).map((u) =>
          dataRow(UNITS, lang, { name: u.name, parent: u.parent, group: u.group, owner: u.owner }),
        ),
      ),
    );
  return { sheets };
}
