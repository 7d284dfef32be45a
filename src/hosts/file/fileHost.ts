/**
 * The browser file host: a `PaneHost` over an .xlsx file the user picked. Everything happens in
 * memory in the page (no network): the file's bytes are read with ExcelJS, outputs are written
 * into a copy of the file's own package (`hosts/xlsx/package.ts`, as the command line does, so
 * charts, pivot tables, macros … of the file are kept) and swapped in only when complete, and the
 * result is offered as a download.
 *
 * ExcelJS is loaded on first use (a separate chunk), not with the pane.
 */
import { throwIfAborted } from '../abort';
import type { Lang } from '../../engine';
import { HostError, type PaneHost, type WriteOptions } from '../host';
import type { WorkbookGrids } from '../../workbook/grid';
import { SHEETS } from '../../workbook/names';
import { sameSheetName as sameName, type WorkbookSpec } from '../../workbook/spec';

type Xlsx = typeof import('./xlsx');

let xlsxModule: Promise<Xlsx> | undefined;

/** The ExcelJS chunk, loaded once (a failed load is retried on the next call). */
export function loadXlsx(): Promise<Xlsx> {
  xlsxModule ??= import(/* webpackChunkName: "exceljs" */ './xlsx').catch((error: unknown) => {
    xlsxModule = undefined;
    throw error;
  });
  return xlsxModule;
}

/** The file host: a PaneHost with the file operations present. */
export interface FileHost extends PaneHost {
  readonly kind: 'file';
  openFile(file: File): Promise<void>;
  download(): Promise<{ name: string; bytes: Uint8Array }>;
}

interface Opened {
  /** The picked file's name. */
  readonly name: string;
  /** The workbook as last accepted (the file, or the file with created input sheets). */
  readonly base: Uint8Array;
  /** The workbook now: the base with the outputs last written. */
  readonly bytes: Uint8Array;
  readonly grids: WorkbookGrids;
  /** Language of the outputs last written, for the download's name. */
  readonly outputLang?: Lang;
}

const ENGLISH_NAMES: readonly string[] = Object.values(SHEETS).map((n) => n.en);

/** The language of a spec's sheet names: English when every sheet has an English contract name. */
export function specLang(spec: WorkbookSpec): Lang {
  return spec.sheets.length > 0 &&
    spec.sheets.every((s) => ENGLISH_NAMES.some((n) => sameName(n, s.name)))
    ? 'en'
    : 'zh';
}

/**
 * 'township.xlsx' → 'township-分解.xlsx' (zh) or 'township-fenjie.xlsx' (en); a macro-enabled
 * package keeps .xlsm (Excel opens a package only under the extension of its type).
 */
export function downloadName(fileName: string, lang: Lang, macros = false): string {
  const stem = fileName.replace(/\.xls[xm]$/i, '') || 'workbook';
  return `${stem}${lang === 'zh' ? '-分解' : '-fenjie'}${macros ? '.xlsm' : '.xlsx'}`;
}

/** Reports a stage of the write. */
const progress = (o: WriteOptions, stage: string, fraction: number): void =>
  o.onProgress?.({ stage, fraction });

/** Creates a file host with no file open. */
export function createFileHost(): FileHost {
  let opened: Opened | undefined;

  const current = (): Opened => {
    if (!opened) throw new Error('No .xlsx file is open.');
    return opened;
  };

  return {
    kind: 'file',
    label: () => opened?.name,

    async openFile(file: File): Promise<void> {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const xlsx = await loadXlsx();
      const read = await xlsx.openWorkbook(bytes, file.name);
      if (!read.ok) throw new HostError(read.errors);
      opened = { name: file.name, base: bytes, bytes, grids: read.value.grids };
    },

    readGrids(): Promise<WorkbookGrids> {
      // A throw in the executor rejects: no file open is a rejection, as from an async method.
      return new Promise((resolve) => resolve(current().grids));
    },

    async writeOutputs(spec: WorkbookSpec, o: WriteOptions): Promise<void> {
      const cur = current();
      for (const name of [...spec.sheets.map((s) => s.name), ...(spec.remove ?? [])]) {
        if (o.inputSheetNames.some((input) => sameName(input, name)))
          throw new Error(`The output sheet ${name} would replace an input sheet.`);
      }
      throwIfAborted(o.signal);
      progress(o, 'prepare', 0);
      const xlsx = await loadXlsx();
      throwIfAborted(o.signal);
      progress(o, 'write', 0.4);
      // A new package from the accepted one: the open workbook changes only when it is complete.
      const bytes = await xlsx.writePackage(cur.base, spec);
      throwIfAborted(o.signal);
      // Read back, so the grids are exactly what opening the downloaded file would give.
      const grids = await xlsx.workbookGrids(bytes);
      throwIfAborted(o.signal);
      progress(o, 'replace', 0.9);
      opened = { ...cur, bytes, grids, outputLang: specLang(spec) };
      progress(o, 'done', 1);
    },

    async createSheets(spec: WorkbookSpec): Promise<void> {
      const cur = current();
      const missing = spec.sheets.filter(
        (s) => !cur.grids.sheets.some((g) => sameName(g.name, s.name)),
      );
      if (missing.length === 0) return;
      const xlsx = await loadXlsx();
      const base = await xlsx.writePackage(cur.bytes, { sheets: missing });
      // Re-read so the grids are exactly what opening the downloaded file would give.
      const grids = await xlsx.workbookGrids(base);
      opened = {
        ...cur,
        base,
        bytes: base,
        grids,
        outputLang: cur.outputLang ?? specLang(spec),
      };
    },

    selectCell(): Promise<boolean> {
      return Promise.resolve(false);
    },

    async download(): Promise<{ name: string; bytes: Uint8Array }> {
      const cur = current();
      const macros = await (await loadXlsx()).isMacroEnabled(cur.bytes);
      return { name: downloadName(cur.name, cur.outputLang ?? 'zh', macros), bytes: cur.bytes };
    },
  };
}
