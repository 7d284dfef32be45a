import { useCallback, useRef, useState } from 'react';
import type { Lang } from '../../../engine';
import type { PaneHost } from '../../../hosts/host';
import type { WorkbookGrids } from '../../../workbook/grid';
import { workbookStatus, type WorkbookStatus } from '../../../workbook/status';
import type { Clock } from '../../clock';
import { missingInputsTemplate } from '../../../workbook/inputs';
import { sheetSettings } from '../../run';
import {
  isModified,
  settingsValueFrom,
  type RunSettingsValue,
} from '../RunSettings/runSettingsModel';
import type { PaneNotice, WorkbookView } from './App.types';

/** How new grids treat the run settings: always start over, or only when the user left them alone. */
type SettingsReset = 'always' | 'ifUnmodified';

/** The workbook part of the pane: what was read, opening, creating input sheets, refreshing. */
export function useWorkbook(
  host: PaneHost | undefined,
  lang: Lang,
  clock: Clock,
  reportError: (error: unknown) => void,
  setNotice: (notice: PaneNotice | undefined) => void,
) {
  const [workbook, setWorkbook] = useState<WorkbookView | undefined>(undefined);
  const [settings, setSettings] = useState<RunSettingsValue>(() => settingsValueFrom(undefined));
  const [creating, setCreating] = useState(false);
  const [canDownload, setCanDownload] = useState(false);
  const current = useRef<{ workbook?: WorkbookView; settings: RunSettingsValue }>({ settings });
  current.current = { ...(workbook ? { workbook } : {}), settings };

  /** Takes in newly read grids (and, after a write, the status the writer guarantees). */
  const load = useCallback(
    (grids: WorkbookGrids, reset: SettingsReset, status?: WorkbookStatus) => {
      const sheet = sheetSettings(grids);
      const before = current.current;
      if (reset === 'always' || !isModified(before.settings, before.workbook?.sheet))
        setSettings(settingsValueFrom(sheet));
      setWorkbook({ status: status ?? workbookStatus(grids), sheet });
    },
    [],
  );

  const refresh = useCallback(() => {
    if (!host) return;
    host
      .readGrids()
      .then((grids) => load(grids, 'ifUnmodified'))
      .catch(reportError);
  }, [host, load, reportError]);

  const openFile = useCallback(
    async (file: File) => {
      if (!host?.openFile) throw new Error('This host cannot open files.');
      await host.openFile(file);
      setCanDownload(false);
      load(await host.readGrids(), 'always');
    },
    [host, load],
  );

  const createInputs = useCallback(() => {
    const status = workbook?.status;
    if (!host || !status) return;
    const template = missingInputsTemplate(status, lang, clock().today.y);
    setCreating(true);
    host
      .createSheets(template)
      .then(() => host.readGrids())
      .then((grids) => {
        load(grids, 'always');
        setCanDownload(true);
        setNotice({ kind: 'created', n: template.sheets.length });
      })
      .catch(reportError)
      .finally(() => setCreating(false));
  }, [host, lang, clock, workbook, load, reportError, setNotice]);

  return {
    workbook,
    settings,
    setSettings,
    creating,
    canDownload,
    setCanDownload,
    load,
    refresh,
    openFile,
    createInputs,
  };
}
