/**
 * The task pane's entry. Waits for Office.js when it is there; inside Excel the pane works on the
 * open workbook (the Office.js host, loaded on demand), anywhere else — a plain browser, or when
 * office.js could not load — on an .xlsx file the user opens (the file host, loaded on demand;
 * ExcelJS comes later still, on first use). The clock is read here, in the shell: `?now=…` fixes it.
 */
// First: the built-ins the older web views lack, before any module that uses them runs.
import './polyfills';
import { createRoot } from 'react-dom/client';
import type { Lang } from '../engine';
import type { PaneHost } from '../hosts/host';
import { makeClock, type Clock } from './clock';
import { App, type ThemeName } from './components/App';
import { langOf } from './lang';
import { systemTheme } from './theme';
import { stopOfficeTelemetryFrame } from './officeTelemetry';

/** How long to wait for Office.onReady before carrying on as a plain web page. */
const OFFICE_READY_TIMEOUT_MS = 10_000;

interface OfficeInfo {
  readonly excel: boolean;
  /** office.js was loaded but Office.onReady never answered. */
  readonly timedOut?: boolean;
  readonly displayLanguage?: string;
  readonly dark?: boolean;
}

/** Office's host and display settings, or undefined outside Office (or without office.js). */
async function officeReady(): Promise<OfficeInfo | undefined> {
  if (typeof Office === 'undefined' || typeof Office.onReady !== 'function') return undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => {
      console.warn(
        `[fenjie] Office.onReady did not answer within ${OFFICE_READY_TIMEOUT_MS} ms; using file mode.`,
      );
      resolve(undefined);
    }, OFFICE_READY_TIMEOUT_MS);
  });
  const info = await Promise.race([Office.onReady(), timeout]);
  clearTimeout(timer);
  if (!info) return { excel: false, timedOut: true };
  if (info.host !== Office.HostType.Excel) return { excel: false };
  // Older hosts leave out what the typings promise (no theme before ExcelApi 1.6, say).
  const ctx: Partial<Office.Context> = Office.context;
  return {
    excel: true,
    ...(ctx.displayLanguage ? { displayLanguage: ctx.displayLanguage } : {}),
    ...(ctx.officeTheme ? { dark: ctx.officeTheme.isDarkTheme } : {}),
  };
}

async function createHost(office: OfficeInfo | undefined): Promise<PaneHost> {
  if (office?.excel)
    return (
      await import(/* webpackChunkName: "excelhost" */ '../hosts/excel/excelHost')
    ).createExcelHost();
  const file = await import(/* webpackChunkName: "filehost" */ '../hosts/file');
  return file.createFileHost();
}

/** Fetches ExcelJS once the pane is up, so opening a file is quick. A failure shows on opening. */
function preloadXlsx(): void {
  import(/* webpackChunkName: "filehost" */ '../hosts/file')
    .then((m) => m.loadXlsx())
    .catch((error: unknown) =>
      console.warn(
        '[fenjie] preloading ExcelJS failed; it is retried when a file is opened',
        error,
      ),
    );
}

async function boot(): Promise<void> {
  const container = document.getElementById('root');
  if (!container) throw new Error('The page has no #root element.');
  const root = createRoot(container);
  const fallbackLang: Lang = langOf(navigator.language);
  let clock: Clock = makeClock();
  try {
    clock = makeClock(new URLSearchParams(window.location.search).get('now') ?? undefined);
    const office = await officeReady();
    // In file mode office.js has nothing to report to Microsoft: keep the page off the network.
    if (!office?.excel) stopOfficeTelemetryFrame(window);
    const host = await createHost(office);
    const lang = office?.displayLanguage ? langOf(office.displayLanguage) : fallbackLang;
    const theme: ThemeName =
      office?.dark === undefined ? systemTheme() : office.dark ? 'dark' : 'light';
    root.render(
      <App
        host={host}
        clock={clock}
        initialLang={lang}
        initialTheme={theme}
        officeTimedOut={office?.timedOut ?? false}
      />,
    );
    if (host.kind === 'file') setTimeout(preloadXlsx, 0);
  } catch (error) {
    console.error('[fenjie] start-up failed', error);
    root.render(
      <App
        clock={clock}
        initialLang={fallbackLang}
        initialTheme={systemTheme()}
        bootError={error}
      />,
    );
  }
}

boot().catch((error: unknown) => {
  console.error('[fenjie] start-up failed', error);
  const div = document.createElement('pre');
  div.textContent = String(error);
  document.body.appendChild(div);
});
