import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  nodeIo,
  readXlsxFile,
  writeFileAtomic,
  type AtomicWriteIo,
} from '../../src/hosts/xlsx/file';
import { specToNewWorkbook, toXlsxBuffer } from '../../src/hosts/xlsx/write';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('writeFileAtomic', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fenjie-atomic-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a new file and replaces an existing one, leaving no temporary file', async () => {
    const out = join(dir, 'out.xlsx');
    await writeFileAtomic(out, bytes('first'));
    expect(await readFile(out, 'utf8')).toBe('first');
    await writeFileAtomic(out, bytes('second, longer'));
    expect(await readFile(out, 'utf8')).toBe('second, longer');
    expect(await readdir(dir)).toEqual(['out.xlsx']);
  });

  it('leaves neither OUT nor a temporary file when writing fails midway', async () => {
    const out = join(dir, 'out.xlsx');
    const failing: AtomicWriteIo = {
      ...nodeIo,
      async writeNew(path, data) {
        await writeFile(path, data.subarray(0, 3)); // a partial file, then the disk "fills up"
        throw new Error('ENOSPC: no space left on device');
      },
    };
    await expect(writeFileAtomic(out, bytes('whole content'), failing)).rejects.toThrow(/ENOSPC/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('keeps the previous OUT whole when writing the replacement fails', async () => {
    const out = join(dir, 'out.xlsx');
    await writeFile(out, 'previous');
    const failing: AtomicWriteIo = {
      ...nodeIo,
      async writeNew(path, data) {
        await writeFile(path, data.subarray(0, 2));
        throw new Error('EIO');
      },
    };
    await expect(writeFileAtomic(out, bytes('replacement'), failing)).rejects.toThrow('EIO');
    expect(await readdir(dir)).toEqual(['out.xlsx']);
    expect(await readFile(out, 'utf8')).toBe('previous');
  });

  it('removes the temporary file when the rename fails (OUT is a directory)', async () => {
    const out = join(dir, 'out.xlsx');
    await mkdir(out);
    await expect(writeFileAtomic(out, bytes('x'))).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['out.xlsx']);
    expect(await readdir(out)).toEqual([]);
  });

  it('fails without leaving anything when the target directory is gone', async () => {
    const gone = join(dir, 'gone');
    await expect(writeFileAtomic(join(gone, 'out.xlsx'), bytes('x'))).rejects.toThrow(/ENOENT/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('reports both errors when the temporary file cannot be removed either', async () => {
    const failing: AtomicWriteIo = {
      writeNew: () => Promise.reject(new Error('write failed')),
      rename: () => Promise.reject(new Error('unreachable')),
      remove: () => Promise.reject(new Error('remove failed')),
    };
    const error: unknown = await writeFileAtomic(join(dir, 'out.xlsx'), bytes('x'), failing).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AggregateError);
    expect((error as AggregateError).errors.map((e: Error) => e.message)).toEqual([
      'write failed',
      'remove failed',
    ]);
  });

  it('round-trips a workbook through readXlsxFile', async () => {
    const out = join(dir, 'book.xlsx');
    await writeFileAtomic(
      out,
      await toXlsxBuffer(
        specToNewWorkbook({
          sheets: [{ name: '汇总', rows: [[{ v: '合计' }, { v: 3, f: '1+2' }]] }],
        }),
      ),
    );
    const { grids } = await readXlsxFile(out);
    expect(grids.sheets).toEqual([
      {
        name: '汇总',
        cells: [['合计', { formula: '1+2', result: 3 }]],
        merges: [],
        hiddenRows: [],
      },
    ]);
  });
});
