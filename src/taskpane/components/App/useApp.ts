import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { describeError, type Lang } from '../../../engine';
import { HostError } from '../../../hosts/host';
import type { WorkbookGrids } from '../../../workbook/grid';
import type { WorkbookStatus } from '../../../workbook/status';
import { strings } from '../../strings';
import { overridesOf } from '../RunSettings/runSettingsModel';
import type { AppProps, AppState, PaneError, PaneNotice, ThemeName } from './App.types';
import { useRunner } from './useRunner';
import { useWorkbook } from './useWorkbook';

/** The performance mark set when the pane first commits (time to first render). */
export const FIRST_RENDER_MARK = 'fenjie:first-render';

const messageOf = (error: unknown, lang: Lang): string =>
  error instanceof HostError
    ? error.errors.map((e) => describeError(e, lang)).join('\n')
    : error instanceof Error
      ? error.message || error.name
      : String(error);

/** The pane's state: language, theme, messages, the workbook and the runs. */
export function useApp(props: AppProps): AppState {
  const { host, clock } = props;
  const [lang, setLang] = useState<Lang>(props.initialLang);
  const [theme, setTheme] = useState<ThemeName>(props.initialTheme);
  const [error, setError] = useState<PaneError | undefined>(undefined);
  const [notice, setNotice] = useState<PaneNotice | undefined>(undefined);
  const t = strings(lang);

  useLayoutEffect(() => {
    performance.mark(FIRST_RENDER_MARK);
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);

  // Messages are put in the pane's language when they arrive; the callbacks stay stable.
  const langNow = useRef(lang);
  langNow.current = lang;
  const reportError = useCallback((e: unknown) => {
    console.error('[fenjie]', e);
    setError({ kind: 'error', text: messageOf(e, langNow.current) });
  }, []);

  const wb = useWorkbook(host, lang, clock, reportError, setNotice);
  const { load, setCanDownload } = wb;
  const overrides = useMemo(
    () => overridesOf(wb.settings, wb.workbook?.sheet),
    [wb.settings, wb.workbook],
  );
  const onRead = useCallback(
    (grids: WorkbookGrids, status: WorkbookStatus) => load(grids, 'ifUnmodified', status),
    [load],
  );
  const onWritten = useCallback(() => setCanDownload(true), [setCanDownload]);
  const runner = useRunner({
    host,
    lang,
    clock,
    ...(overrides ? { overrides } : {}),
    reportError,
    setNotice,
    onRead,
    onWritten,
  });
  const { clear } = runner;

  // Inside Excel the workbook is there from the start: read its status once.
  const { refresh, openFile: openWorkbook } = wb;
  useEffect(() => {
    if (host?.kind === 'excel') refresh();
  }, [host, refresh]);

  const openFile = useCallback(
    async (file: File) => {
      setError(undefined);
      setNotice(undefined);
      try {
        await openWorkbook(file);
        clear();
      } catch (e) {
        console.error('[fenjie]', e);
        setError({ kind: 'open', text: messageOf(e, langNow.current) });
      }
    },
    [openWorkbook, clear],
  );

  const download = useCallback(async () => {
    if (!host?.download) throw new Error('This host has no download.');
    return host.download();
  }, [host]);

  const selectCell = useCallback(
    (sheet: string, cell: string | undefined) =>
      host ? host.selectCell(sheet, cell) : Promise.resolve(false),
    [host],
  );

  const label = host?.label();
  return {
    lang,
    t,
    theme,
    toggleLang: () => setLang((l) => (l === 'zh' ? 'en' : 'zh')),
    toggleTheme: () => setTheme((th) => (th === 'light' ? 'dark' : 'light')),
    ...(host ? { host } : {}),
    ...(props.bootError !== undefined ? { bootError: messageOf(props.bootError, lang) } : {}),
    officeTimedOut: props.officeTimedOut ?? false,
    offline: props.offline ?? false,
    ...(error ? { error } : {}),
    dismissError: () => setError(undefined),
    ...(notice ? { notice } : {}),
    dismissNotice: () => setNotice(undefined),
    reportError,
    ...(wb.workbook ? { workbook: wb.workbook } : {}),
    ...(label !== undefined ? { label } : {}),
    creating: wb.creating,
    openFile,
    createInputs: wb.createInputs,
    refresh,
    settings: wb.settings,
    setSettings: wb.setSettings,
    settingsValid: overrides !== undefined,
    run: runner.run,
    problems: runner.problems,
    ...(runner.plan ? { plan: runner.plan } : {}),
    ...(runner.round ? { round: runner.round } : {}),
    ...(runner.bulletin ? { bulletin: runner.bulletin } : {}),
    recalculate: runner.start,
    cancel: runner.cancel,
    selectCell,
    canDownload: wb.canDownload,
    download,
  };
}
