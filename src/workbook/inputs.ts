/**
 * The input sheets "Create input sheets" adds: the template's sheets whose contract sheet is
 * missing (matched as the reader matches them, in either language), in the language of the input
 * sheets already there, or else the interface's.
 */
import type { Lang } from '../engine';
import { INPUT_SHEETS, SHEETS, normName } from './names';
import type { WorkbookSpec } from './spec';
import type { WorkbookStatus } from './status';
import { inputTemplate } from './template';

/** The language of the input sheets present: English if they all have English names, else `fallback`. */
export function inputsLang(status: WorkbookStatus, fallback: Lang): Lang {
  const found = INPUT_SHEETS.flatMap((k) => {
    const name = status.inputs[k];
    return name === undefined ? [] : [{ k, name }];
  });
  if (found.length === 0) return fallback;
  return found.every(({ k, name }) => normName(name) === normName(SHEETS[k].en)) ? 'en' : 'zh';
}

/** The template sheets for the input sheets the workbook lacks. */
export function missingInputsTemplate(
  status: WorkbookStatus,
  uiLang: Lang,
  year: number,
): WorkbookSpec {
  const lang = inputsLang(status, uiLang);
  const template = inputTemplate(lang, year);
  const missing = new Set<string>(
    INPUT_SHEETS.filter((k) => status.inputs[k] === undefined).map((k) => SHEETS[k][lang]),
  );
  return { sheets: template.sheets.filter((s) => missing.has(s.name)) };
}
