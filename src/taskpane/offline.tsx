/**
 * The entry of the single offline file (dist/分解.html, webpack.config.js's SingleFilePlugin): the
 * file mode's pane, opened by double-click from `file://`, with no office.js and no request to
 * any host. Every script is in the page: this entry inline, the lazy chunks (ExcelJS) as
 * `<script type="text/x-fenjie-chunk" data-chunk="ID">` blocks that the browser does not run.
 * Webpack loads a chunk from a URL, so the chunk's URL is a Blob URL of its block's text, made
 * when the chunk is first needed (script elements may load blob: URLs from `file://` pages, and
 * the page's Content-Security-Policy allows nothing else).
 */
// First: the built-ins the older web views lack, before any module that uses them runs.
import './polyfills';
import { createRoot } from 'react-dom/client';
import type { Lang } from '../engine';
import { createFileHost, loadXlsx } from '../hosts/file';
import { makeClock, type Clock } from './clock';
import { App } from './components/App';
import { langOf } from './lang';
import { systemTheme } from './theme';

/** Webpack's chunk file name function, which a bundle may replace (see webpack's module variables). */
declare let __webpack_get_script_filename__: (chunkId: string | number) => string;

/** The type of the script blocks that hold the lazy chunks. */
export const CHUNK_BLOCK_TYPE = 'text/x-fenjie-chunk';

const chunkUrls = new Map<string, string>();

/** A Blob URL of the lazy chunk `chunkId`'s script block, made once. */
function chunkUrl(chunkId: string | number): string {
  const id = String(chunkId);
  let url = chunkUrls.get(id);
  if (url === undefined) {
    const block = [...document.scripts].find(
      (s) => s.type === CHUNK_BLOCK_TYPE && s.dataset.chunk === id,
    );
    if (!block) throw new Error(`The script of part ${id} is missing from this file.`);
    url = URL.createObjectURL(new Blob([block.text], { type: 'text/javascript' }));
    chunkUrls.set(id, url);
  }
  return url;
}

// eslint-disable-next-line prefer-const -- not a variable: webpack turns this into its runtime's.
__webpack_get_script_filename__ = chunkUrl;

/** Parses ExcelJS once the pane is up, so opening a file is quick. A failure shows on opening. */
function preloadXlsx(): void {
  loadXlsx().catch((error: unknown) =>
    console.warn('[fenjie] preloading ExcelJS failed; it is retried when a file is opened', error),
  );
}

function boot(): void {
  const container = document.getElementById('root');
  if (!container) throw new Error('The page has no #root element.');
  const root = createRoot(container);
  const lang: Lang = langOf(navigator.language);
  let clock: Clock = makeClock();
  try {
    clock = makeClock(new URLSearchParams(window.location.search).get('now') ?? undefined);
    root.render(
      <App
        host={createFileHost()}
        clock={clock}
        initialLang={lang}
        initialTheme={systemTheme()}
        offline
      />,
    );
    setTimeout(preloadXlsx, 0);
  } catch (error) {
    console.error('[fenjie] start-up failed', error);
    root.render(
      <App clock={clock} initialLang={lang} initialTheme={systemTheme()} bootError={error} />,
    );
  }
}

boot();
