/**
 * Short fingerprints of the input sheets (FNV-1a, 2 × 32 bits, hex), two of them. Output sheets
 * record both in their note, so a host can tell without recomputing whether they are current:
 *
 * - the split fingerprint covers what the split depends on: 目标, 企业, 基数, 权重, 约束, 时间分布
 *   and, from 参数, the keys the live sheets do not follow. When it changes the outputs are stale.
 * - the live fingerprint covers what the live output sheets follow: 实绩 and the 参数 keys
 *   year, report month, as-of date, thresholds and area. When only it changes the outputs are
 *   still current (their formulas follow), unless they were written with static actuals.
 *
 * 参数 keys are matched as the reader matches them (`matchChoice` over SETTING_KEYS), and each
 * fingerprint takes a key's value cell only, keyed by the canonical key: the order of the rows,
 * the spelling of a key, unknown keys and rows of the other kind do not change it.
 *
 * @example inputFingerprints(grids) // → { split: '9c1f0e3a5b7d2c44', live: '03ab…' }
 */
import { CellReader } from './cells';
import type { RawCell, SheetGrid, WorkbookGrids } from './grid';
import { findSheet, matchChoice, SETTING_KEYS, type InputSheet, type SettingKey } from './names';
import { SETTINGS_SHEET } from './sheets';
import { declaredTable } from './table';

/** Whether the live output sheets follow a 参数 key (true) or a change of it needs a re-split. */
export const SETTING_IS_LIVE: Readonly<Record<SettingKey, boolean>> = {
  year: true,
  reportMonth: true,
  asOf: true,
  behindThreshold: true,
  seriousThreshold: true,
  area: true,
  listSize: true,
  escalation: true,
  scheduleBasis: false,
  actualsBasis: false,
  combineJanFeb: false,
  unit: false,
};

/** Input sheets whose every cell the split depends on (参数 is taken key by key). */
const SPLIT_SHEETS: readonly InputSheet[] = [
  'targets',
  'enterprises',
  'base',
  'weights',
  'constraints',
  'profiles',
  // Optional (层层分解): absent, it adds nothing, so a workbook without units keeps its fingerprint.
  'units',
];

/** Both fingerprints of a workbook's inputs. */
export interface InputFingerprints {
  /** Of what a change of needs a re-split. */
  readonly split: string;
  /** Of what the live output sheets follow (实绩 and the live 参数 keys). */
  readonly live: string;
}

function fnv1a(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

function hash(parts: readonly string[]): string {
  const text = parts.join('\u0001');
  const hex = (n: number): string => n.toString(16).padStart(8, '0');
  return hex(fnv1a(text, 0x811c9dc5)) + hex(fnv1a(text, 0x01234567));
}

const wholeSheet = (key: string, g: SheetGrid): string[] => [
  key,
  JSON.stringify(g.cells),
  JSON.stringify(g.merges ?? []),
];

/**
 * 参数's value cells of live and of split keys, each in canonical key order (a repeated key's
 * cells in row order). A sheet without its key and value columns is read as no settings at all
 * (the reader reports it), so it counts whole on the split side.
 */
function settingParts(grid: SheetGrid | undefined): { split: string[]; live: string[] } {
  if (!grid) return { split: [], live: [] };
  const t = declaredTable(new CellReader(), grid, SETTINGS_SHEET);
  if (!t.complete) return { split: wholeSheet('settings', grid), live: [] };
  const { key, value } = SETTINGS_SHEET.columns;
  const byKey = new Map<SettingKey, RawCell[]>();
  for (const row of t.rows) {
    const text = row.read(key);
    const k = text === undefined ? undefined : matchChoice(SETTING_KEYS, text);
    if (k === undefined) continue;
    byKey.set(k, [...(byKey.get(k) ?? []), row.cell(value)]);
  }
  const split: string[] = [];
  const live: string[] = [];
  for (const k of (Object.keys(SETTING_KEYS) as SettingKey[]).sort()) {
    const cells = byKey.get(k);
    if (cells) (SETTING_IS_LIVE[k] ? live : split).push(`settings.${k}`, JSON.stringify(cells));
  }
  return { split, live };
}

/** Both fingerprints at once (参数 is read once). */
export function inputFingerprints(grids: WorkbookGrids): InputFingerprints {
  const settings = settingParts(findSheet(grids.sheets, 'settings'));
  const split = [...settings.split];
  for (const key of SPLIT_SHEETS) {
    const g = findSheet(grids.sheets, key);
    if (g) split.push(...wholeSheet(key, g));
  }
  const actuals = findSheet(grids.sheets, 'actuals');
  const live = [...(actuals ? wholeSheet('actuals', actuals) : []), ...settings.live];
  return { split: hash(split), live: hash(live) };
}

/** Fingerprint of what needs a re-split when it changes. */
export const splitFingerprint = (grids: WorkbookGrids): string => inputFingerprints(grids).split;

/** Fingerprint of what the live output sheets follow: 实绩 and the live 参数 keys. */
export const liveFingerprint = (grids: WorkbookGrids): string => inputFingerprints(grids).live;
