/**
 * 下发 as files: one input workbook per unit of a planned area (engine/issue.ts cuts each unit's
 * input; workbook/inputWorkbook.ts lays it out), the bytes `fenjie issue` writes into its folder
 * and the pane puts in one .zip to download. Browser-safe: no Node imports.
 *
 * @example
 *   for await (const w of issuedWorkbooks(input, plan, 'zh')) await writeFile(w.file, w.bytes);
 *   const zip = await issueZip(input, plan, 'zh', { y: 2025, m: 9, d: 3 });
 */
import { issueInput, type Lang, type Plan, type PlanInput, type YMD } from '../../engine';
import { inputWorkbook } from '../../workbook/inputWorkbook';
import { specToNewWorkbook, toXlsxBuffer } from './write';
import { buildZip, deflateText, type OutEntry } from './zipWrite';

/** A unit's name as a file name: characters no file system takes become _. */
export const unitFileName = (name: string): string =>
  `${[...name].map((c) => (c < ' ' || '\\/:*?"<>|'.includes(c) ? '_' : c)).join('')}.xlsx`;

/** One unit's workbook: its name, its file name and the .xlsx bytes. */
export interface IssuedWorkbook {
  readonly unit: string;
  readonly file: string;
  readonly bytes: Uint8Array;
}

/** Each unit's workbook in the Units sheet's order, made one at a time (a county's may be many). */
export async function* issuedWorkbooks(
  area: PlanInput,
  plan: Plan,
  lang: Lang,
): AsyncGenerator<IssuedWorkbook> {
  for (const u of area.units ?? []) {
    const spec = inputWorkbook(issueInput(area, plan, u.name, lang), lang);
    yield {
      unit: u.name,
      file: unitFileName(u.name),
      bytes: await toXlsxBuffer(specToNewWorkbook(spec)),
    };
  }
}

/** Bit 11 of a zip entry's flags: its name is UTF-8 (the units' names are Chinese). */
const UTF8_NAME = 0x0800;

/**
 * The units' workbooks in one .zip (deflated with the platform's CompressionStream), each entry
 * dated `day` (MS-DOS date, midnight).
 */
export async function issueZip(
  area: PlanInput,
  plan: Plan,
  lang: Lang,
  day: YMD,
): Promise<Uint8Array> {
  const date = (Math.max(0, day.y - 1980) << 9) | (day.m << 5) | day.d;
  const encoder = new TextEncoder();
  const entries: OutEntry[] = [];
  for await (const w of issuedWorkbooks(area, plan, lang)) {
    const d = await deflateText([new Uint8Array(w.bytes)]);
    entries.push({
      rawName: encoder.encode(w.file),
      flags: UTF8_NAME,
      method: 8,
      time: 0,
      date,
      crc: d.crc,
      uncompressedSize: d.uncompressedSize,
      data: d.data,
    });
  }
  return buildZip(entries);
}
