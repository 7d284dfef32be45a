/**
 * A `fenjie plan` killed while it writes: the previous output stays whole, and no temporary file
 * is left — at once when the run is asked to stop (SIGINT, SIGTERM), and after the next run to
 * the same place when it is killed outright (SIGKILL leaves the run no chance to clean up).
 * Each run is frozen at a moment drawn at random (from a fixed seed) while its temporary file is
 * being written, then killed, so the kill is known to land mid-write.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT, main } from '../../src/cli/main';
import { openWorkbook } from '../../src/hosts/xlsx/read';
import { specToNewWorkbook, toXlsxBuffer } from '../../src/hosts/xlsx/write';
import { exampleWorkbook } from '../../src/workbook/template';
import { syntheticData } from '../helpers/synthetic';

const BIN = resolve('bin/fenjie.js');
const NOW = ['--now', '2025-09-03T10:30'];
const quiet = { out: (): void => undefined, err: (): void => undefined };

let dir: string;
let input: string;
let output: string;
let old: Uint8Array;
/** The cells of a complete output. */
let reference: string;

const temps = async (): Promise<string[]> =>
  (await readdir(dir)).filter((n) => n.startsWith('.out.xlsx.') && n.endsWith('.tmp'));

/** A small seeded generator: the kill moments are random but the same on every run. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(20261129);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fenjie-kill-'));
  input = join(dir, 'in.xlsx');
  output = join(dir, 'out.xlsx');
  const data = syntheticData(120);
  await writeFile(input, await toXlsxBuffer(specToNewWorkbook(exampleWorkbook(data, 'zh'))));
  expect(await main(['plan', input, '-o', output, ...NOW], quiet)).toBe(EXIT.ok);
  old = new Uint8Array(await readFile(output));
  const read = await openWorkbook(old, output);
  reference = read.ok ? JSON.stringify(read.value.grids) : '';
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * Runs the real command and, at a random moment after its temporary file appears, freezes it
 * (SIGSTOP) while that file is still there — so the kill is known to land mid-write — then sends
 * `signal`. A run that finished writing before the freeze is run again.
 */
async function killWhileWriting(
  signal: NodeJS.Signals,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; pid: number | undefined }> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const child = spawn(process.execPath, [BIN, 'plan', input, '-o', output, ...NOW], {
      stdio: 'ignore',
    });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
      child.on('exit', (code, sig) => done({ code, signal: sig })),
    );
    const state = { finished: false };
    void exited.then(() => (state.finished = true));
    while (!state.finished && (await temps()).length === 0)
      await new Promise((r) => setTimeout(r, 1));
    await new Promise((r) => setTimeout(r, Math.floor(random() * 4)));
    child.kill('SIGSTOP');
    const during = await temps();
    if (during.length === 0 || state.finished) {
      child.kill('SIGCONT');
      await exited;
      await outputIsWhole(); // a whole new output (its zip times differ)
      continue;
    }
    // Frozen mid-write: the old output is still whole.
    expect(Buffer.compare(new Uint8Array(await readFile(output)), old)).toBe(0);
    child.kill(signal);
    if (signal !== 'SIGKILL') child.kill('SIGCONT');
    return { ...(await exited), pid: child.pid };
  }
  throw new Error('every run finished writing before it could be frozen');
}

/**
 * The output is the old file byte for byte, or — when the signal arrived as the finished file
 * was being renamed into place — a whole new one, cell for cell the same as a complete run's.
 */
async function outputIsWhole(): Promise<void> {
  const now = new Uint8Array(await readFile(output));
  if (Buffer.compare(now, old) === 0) return;
  const read = await openWorkbook(now, output);
  expect(read.ok && JSON.stringify(read.value.grids)).toBe(reference);
  old = now;
}

describe('an interrupted write', () => {
  it.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)(
    '%s: the run removes its temporary file and exits %i',
    async (signal, exit) => {
      const r = await killWhileWriting(signal);
      expect(r).toMatchObject({ code: exit, signal: null });
      expect(await temps()).toEqual([]);
      await outputIsWhole();
    },
    60_000,
  );

  it('SIGKILL: what it leaves is removed by the next run to the same place', async () => {
    const r = await killWhileWriting('SIGKILL');
    expect(r.signal).toBe('SIGKILL');
    await outputIsWhole();
    const left = await temps();
    expect(left).toHaveLength(1);
    // `.out.xlsx.HOST-PID.HEX.tmp`: this computer's tag, and the killed run's process id.
    const m = /^\.out\.xlsx\.([0-9a-f]{8})-(\d+)\.[0-9a-f]{12}\.tmp$/.exec(left[0] ?? '');
    expect(m?.[2]).toBe(String(r.pid));
    const host = m?.[1] ?? '';
    // Left alone: a live process's file on this computer, and another computer's recent one.
    const sleeper = spawn('sleep', ['60'], { stdio: 'ignore' });
    const live = `.out.xlsx.${host}-${sleeper.pid}.0123456789ab.tmp`;
    const foreign = `.out.xlsx.${host === 'ffffffff' ? '00000000' : 'ffffffff'}-1.0123456789ab.tmp`;
    const foreignOld = foreign.replace('-1.', '-2.');
    for (const name of [live, foreign, foreignOld]) await writeFile(join(dir, name), 'in progress');
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    await utimes(join(dir, foreignOld), twoDaysAgo, twoDaysAgo);
    try {
      expect(await main(['plan', input, '-o', output, ...NOW], quiet)).toBe(EXIT.ok);
      expect((await temps()).sort()).toEqual([foreign, live].sort());
    } finally {
      sleeper.kill('SIGKILL');
      for (const name of [live, foreign]) await rm(join(dir, name), { force: true });
    }
  }, 60_000);
});
