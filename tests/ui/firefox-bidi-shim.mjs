/**
 * Debian's firefox-esr for playwright-core's WebDriver BiDi driver (`firefox.launch({ channel:
 * 'moz-firefox', executablePath })`, through a two-line sh wrapper that runs this file).
 *
 * playwright-core drives a stock Firefox over WebDriver BiDi, but it expects a newer Firefox than
 * ESR 153 in two places, and this bridges them:
 * - it sends `emulation.setMediaFeaturesOverride` (a new context's colour scheme), which ESR 153
 *   answers with "unknown command", so no context could be created: answered here, with success;
 * - it follows a download by the `download` id of `browsingContext.downloadWillBegin` and
 *   `downloadEnd` (or their navigation), which ESR 153 leaves out for a download a script starts
 *   (the pane's Blob URL on an `<a download>`), so Playwright ignored it although Firefox saved
 *   the file: an id is added here, one per download URL.
 * Firefox starts with the arguments this was given; a WebSocket proxy (the library playwright-core
 * bundles) stands in front of its BiDi endpoint, announced on stderr the way Firefox announces
 * it. Everything else passes through unchanged.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import process from 'node:process';

const require = createRequire(import.meta.url);
const { ws: WebSocket, wsServer: WebSocketServer } = require('playwright-core/lib/utilsBundle');

const FIREFOX = process.env.FENJIE_FIREFOX ?? '/usr/bin/firefox-esr';
/** Commands answered here with an empty success instead of Firefox's "unknown command". */
const ANSWERED_HERE = new Set(['emulation.setMediaFeaturesOverride']);
const LISTENING = /WebDriver BiDi listening on (ws:\/\/\S+)\s*$/;

const firefox = spawn(FIREFOX, process.argv.slice(2), { stdio: ['ignore', 'inherit', 'pipe'] });
firefox.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
firefox.on('error', (error) => {
  process.stderr.write(`cannot start ${FIREFOX}: ${String(error)}\n`);
  process.exit(1);
});
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'])
  process.on(signal, () => firefox.kill(signal));

const DOWNLOAD_EVENTS = new Set([
  'browsingContext.downloadWillBegin',
  'browsingContext.downloadEnd',
]);
/** Download ids made up here, by the download's URL (a Blob URL is unique). */
const downloadIds = new Map();
let nextDownload = 0;

/** A download event without a download id or navigation, given an id; anything else as it is. */
function withDownloadId(text) {
  if (!text.includes('"browsingContext.download')) return text;
  const message = JSON.parse(text);
  const params = message.params;
  if (!DOWNLOAD_EVENTS.has(message.method) || params.download || params.navigation) return text;
  let id = downloadIds.get(params.url);
  if (id === undefined) {
    id = `fenjie-download-${++nextDownload}`;
    downloadIds.set(params.url, id);
  }
  return JSON.stringify({ ...message, params: { ...params, download: id } });
}

/** A proxy in front of `upstream`, on a free port of 127.0.0.1; resolves to its port. */
function proxy(upstream) {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  server.on('connection', (client, request) => {
    const firefoxSide = new WebSocket(upstream + (request.url ?? ''));
    const queued = [];
    firefoxSide.on('open', () => queued.splice(0).forEach((m) => firefoxSide.send(m)));
    client.on('message', (data) => {
      const text = data.toString();
      const message = JSON.parse(text);
      if (ANSWERED_HERE.has(message.method)) {
        client.send(JSON.stringify({ type: 'success', id: message.id, result: {} }));
      } else if (firefoxSide.readyState === WebSocket.OPEN) firefoxSide.send(text);
      else queued.push(text);
    });
    firefoxSide.on('message', (data) => client.send(withDownloadId(data.toString())));
    firefoxSide.on('close', () => client.close());
    firefoxSide.on('error', () => client.close());
    client.on('close', () => firefoxSide.close());
  });
  return new Promise((resolve) => server.on('listening', () => resolve(server.address().port)));
}

let pending = '';
firefox.stderr.on('data', (chunk) => {
  pending += chunk.toString();
  const lines = pending.split('\n');
  pending = lines.pop() ?? '';
  for (const line of lines) {
    const match = LISTENING.exec(line);
    if (!match) {
      process.stderr.write(`${line}\n`);
      continue;
    }
    proxy(match[1]).then((port) =>
      process.stderr.write(`WebDriver BiDi listening on ws://127.0.0.1:${port}\n`),
    );
  }
});
