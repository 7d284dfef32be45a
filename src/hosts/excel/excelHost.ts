/**
 * The Excel `PaneHost`: this folder's Office.js functions, each run in its own `Excel.run` batch.
 * The task pane loads it with a dynamic import only when it runs inside Excel.
 */
import type { WorkbookGrids } from '../../workbook/grid';
import type { WorkbookSpec } from '../../workbook/spec';
import type { PaneHost, WriteOptions } from '../host';
import {
  createSheets,
  EXCEL_API_FOR_MERGES,
  excelFeatures,
  readGrids,
  selectCell,
  writeSpec,
} from './index';
import { rememberPane } from './autoShow';
import { hostErrorOf } from './guards';
import { statusWindow } from './window';

/** Where each of the writer's stages falls within the whole write (0–1). */
const WRITE_STAGES: Readonly<Record<string, readonly [number, number]>> = {
  probe: [0, 0.05],
  write: [0.05, 0.9],
  replace: [0.9, 1],
};

/** The writer's (stage, fraction of the stage) as a fraction of the whole write. */
export function writeFraction(stage: string, fraction: number): number {
  const [from, to] = WRITE_STAGES[stage] ?? [0, 1];
  return from + (to - from) * Math.min(1, Math.max(0, fraction));
}

/** The open workbook's file name, if Office knows it (not for a new, unsaved workbook). */
function workbookName(): string | undefined {
  // The typings promise a context and a document; before Office is ready, or in a host that
  // has no document (a dialog), there is none.
  const context: Partial<Office.Context> | undefined =
    typeof Office === 'undefined' ? undefined : Office.context;
  const document: Partial<Office.Document> | undefined = context?.document;
  const url = document?.url;
  if (!url) return undefined;
  const name = url.split(/[\\/]/).pop();
  if (!name) return undefined;
  try {
    return decodeURIComponent(name);
  } catch (error) {
    // A local path such as C:\报表\100%.xlsx is not URI-encoded: show it as it is.
    console.debug('[fenjie] workbook name is not URI-encoded', error);
    return name;
  }
}

/**
 * `Excel.run` as the pane uses it: a request made while the user edits a cell waits until the
 * edit ends (`delayForCellEdit`, where the host supports it; elsewhere Excel refuses, and the
 * error says what to do), and an Office.js error the user can act on becomes a catalogue message.
 */
async function run<T>(batch: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> {
  try {
    return await Excel.run({ delayForCellEdit: true }, batch);
  } catch (error) {
    throw hostErrorOf(error);
  }
}

/** Creates the PaneHost over the workbook open in Excel. */
export function createExcelHost(): PaneHost {
  const requirements = Office.context.requirements;
  const merges = requirements.isSetSupported('ExcelApi', EXCEL_API_FOR_MERGES);
  // What the host offers above ExcelApi 1.7, the declared set; the writer does without the rest.
  const features = excelFeatures((name, version) => requirements.isSetSupported(name, version));
  return {
    kind: 'excel',
    label: workbookName,
    readGrids: (): Promise<WorkbookGrids> =>
      run((ctx) => readGrids(ctx, { merges, window: statusWindow })),
    writeOutputs: async (spec: WorkbookSpec, o: WriteOptions): Promise<void> => {
      await run((ctx) =>
        writeSpec(ctx, spec, {
          inputSheetNames: o.inputSheetNames,
          features,
          ...(o.signal ? { signal: o.signal } : {}),
          onProgress: (stage, fraction) =>
            o.onProgress?.({ stage, fraction: writeFraction(stage, fraction) }),
        }),
      );
      // Used once: the pane reopens with this workbook (autoShow.ts).
      // The typings promise a document with settings; a host without them has none.
      const context: Partial<Office.Context> = Office.context;
      const document: Partial<Office.Document> | undefined = context.document;
      await rememberPane(document?.settings);
    },
    createSheets: async (spec: WorkbookSpec): Promise<void> => {
      await run((ctx) => createSheets(ctx, spec, { features }));
    },
    selectCell: async (sheet: string, cell: string | undefined): Promise<boolean> => {
      await run((ctx) => selectCell(ctx, sheet, cell ?? 'A1'));
      return true;
    },
  };
}
