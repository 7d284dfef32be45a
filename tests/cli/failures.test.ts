/**
 * The command line under bad files, bad paths and bad options: every failure is one line in the
 * user's language with an exit code for its kind, never a stack trace, and nothing is written.
 * Each case makes its own file in a fresh folder (the binary ones from their signatures).
 */
import { link, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT, main } from '../../src/cli/main';
import { describeError } from '../../src/engine';
import { readProblem, writeProblem } from '../../src/hosts/xlsx/file';
import { fixturePath } from '../fixtures/make-fixtures';
import { storedZip } from '../helpers/zip';

const NOW = ['--now', '2025-09-03T10:30'];
/** Stands for a folder in a case's files. */
const DIR = Symbol('folder');
const example = new Uint8Array(readFileSync(fixturePath('example')));

/** OLE2 compound-file signature, then a body (the first sector of an .xls or encrypted file). */
const cfb = (body: string): Uint8Array => {
  const sig = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  const utf16 = [...body].flatMap((c) => [c.charCodeAt(0), 0]);
  return new Uint8Array([...sig, ...new Array<number>(504).fill(0), ...utf16]);
};

interface Run {
  readonly code: number;
  readonly out: string[];
  readonly err: string[];
}

async function run(argv: readonly string[], cwd: string): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const abs = argv.map((a) => (a.startsWith('@') ? `${cwd}/${a.slice(1)}` : a));
  const code = await main(abs, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'fenjie-cli-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

interface Case {
  readonly name: string;
  /** Files to make in the case's folder (`DIR` makes a folder). */
  readonly files: Readonly<Record<string, Uint8Array | string | typeof DIR>>;
  /** Arguments; '@x' is the file x in the case's folder. */
  readonly argv: readonly string[];
  readonly code: number;
  /** The first line on stderr, with '@' standing for the case's folder. */
  readonly zh: string;
}

const xls = cfb('Workbook');
const encrypted = cfb('EncryptedPackage');
const ods = storedZip([
  ['mimetype', 'application/vnd.oasis.opendocument.spreadsheet'],
  ['content.xml', '<office:document-content/>'],
]);
const otherZip = storedZip([['readme.txt', 'not a workbook']]);
const damaged = storedZip([
  ['[Content_Types].xml', '<Types/>'],
  ['xl/workbook.xml', '<<<this is not xml'],
]);

const CASES: Case[] = [
  {
    name: 'a missing input',
    files: {},
    argv: ['plan', '@in.xlsx', '-o', '@out.xlsx'],
    code: EXIT.files,
    zh: '找不到文件 @/in.xlsx：请检查路径和文件名',
  },
  {
    name: 'a folder as input',
    files: { 'in.xlsx': DIR },
    argv: ['plan', '@in.xlsx', '-o', '@out.xlsx'],
    code: EXIT.files,
    zh: '@/in.xlsx 是文件夹，不是工作簿文件',
  },
  {
    name: 'a zero-byte file',
    files: { 'in.xlsx': new Uint8Array() },
    argv: ['plan', '@in.xlsx', '-o', '@out.xlsx'],
    code: EXIT.files,
    zh: '@/in.xlsx 是空文件（0 字节），不是 Excel 工作簿',
  },
  {
    name: 'text renamed .xlsx',
    files: { 'in.xlsx': '年度,目标\n2025,100\n' },
    argv: ['plan', '@in.xlsx', '-o', '@out.xlsx'],
    code: EXIT.files,
    zh: '@/in.xlsx 不是 Excel 工作簿（.xlsx）：请确认选对了文件，且文件完整',
  },
  {
    name: 'an old .xls',
    files: { 'in.xls': xls },
    argv: ['plan', '@in.xls', '-o', '@out.xlsx'],
    code: EXIT.files,
    zh: '@/in.xls 是旧版 Excel 97–2003（.xls）文件：请在 Excel 或 WPS 中另存为 .xlsx 后再试',
  },
  {
    name: 'an encrypted workbook',
    files: { 'in.xlsx': encrypted },
    argv: ['plan', '@in.xlsx', '-o', '@out.xlsx'],
    code: EXIT.files,
    zh: '@/in.xlsx 设有打开密码：请在 Excel 或 WPS 中取消密码后另存，再试',
  },
  {
    name: 'an OpenDocument spreadsheet',
    files: { 'in.ods': ods },
    argv: ['plan', '@in.ods', '-o', '@out.xlsx'],
    code: EXIT.files,
    zh: '@/in.ods 是 OpenDocument（.ods）表格：请另存为 Excel 工作簿（.xlsx）后再试',
  },
  {
    name: 'a zip that is not a workbook',
    files: { 'in.xlsx': otherZip },
    argv: ['plan', '@in.xlsx', '-o', '@out.xlsx'],
    code: EXIT.files,
    zh: '@/in.xlsx 不是 Excel 工作簿（.xlsx）：请确认选对了文件，且文件完整',
  },
  {
    name: 'the output is the input',
    files: { 'in.xlsx': example },
    argv: ['plan', '@in.xlsx', '-o', '@in.xlsx'],
    code: EXIT.files,
    zh: '不能写到 @/in.xlsx：它就是输入文件 @/in.xlsx。请另取一个文件名，输入文件保持不变',
  },
  {
    name: 'the output is the input through ..',
    files: { 'in.xlsx': example, 'sub/': DIR },
    argv: ['plan', '@in.xlsx', '-o', '@sub/../in.xlsx'],
    code: EXIT.files,
    zh: '不能写到 @/sub/../in.xlsx：它就是输入文件 @/in.xlsx。请另取一个文件名，输入文件保持不变',
  },
  {
    name: 'the JSON is the input',
    files: { 'in.xlsx': example },
    argv: ['plan', '@in.xlsx', '-o', '@out.xlsx', '--json', '@in.xlsx'],
    code: EXIT.files,
    zh: '不能写到 @/in.xlsx：它就是输入文件 @/in.xlsx。请另取一个文件名，输入文件保持不变',
  },
  {
    name: 'the JSON is the output',
    files: { 'in.xlsx': example },
    argv: ['plan', '@in.xlsx', '-o', '@out.xlsx', '--json', '@out.xlsx'],
    code: EXIT.files,
    zh: '工作簿和 JSON 不能写到同一个文件 @/out.xlsx',
  },
  {
    name: 'the output folder is missing',
    files: { 'in.xlsx': example },
    argv: ['plan', '@in.xlsx', '-o', '@gone/out.xlsx'],
    code: EXIT.files,
    zh: '无法写出 @/gone/out.xlsx：文件夹 @/gone 不存在，请先建立它或换一个位置',
  },
  {
    name: 'the output is a folder',
    files: { 'in.xlsx': example, 'out/': DIR },
    argv: ['plan', '@in.xlsx', '-o', '@out'],
    code: EXIT.files,
    zh: '无法写出 @/out：这是一个文件夹，请给出文件名（例如 结果.xlsx）',
  },
  {
    name: 'a 300-character output name',
    files: { 'in.xlsx': example },
    argv: ['plan', '@in.xlsx', '-o', `@${'长'.repeat(100)}.xlsx`],
    code: EXIT.files,
    zh: `无法写出 @/${'长'.repeat(100)}.xlsx：文件名或路径太长，请用短一些的名字`,
  },
  {
    name: '--now that is not a date',
    files: { 'in.xlsx': example },
    argv: ['plan', '@in.xlsx', '-o', '@out.xlsx', '--now', 'soon'],
    code: EXIT.usage,
    zh: '选项 --now 的值“soon”无效：应为 YYYY-MM-DD or YYYY-MM-DDTHH:MM',
  },
  {
    name: '--as-of that is not a month',
    files: { 'in.xlsx': example },
    argv: ['plan', '@in.xlsx', '-o', '@out.xlsx', '--as-of', '2025-13'],
    code: EXIT.usage,
    zh: '选项 --as-of 的值“2025-13”无效：应为 YYYY-MM',
  },
  {
    name: 'an unknown language',
    files: { 'in.xlsx': example },
    argv: ['plan', '@in.xlsx', '-o', '@out.xlsx', '--lang', 'fr'],
    code: EXIT.usage,
    zh: '选项 --lang 的值“fr”无效：应为 zh | en',
  },
  {
    name: 'a misspelt option',
    files: { 'in.xlsx': example },
    argv: ['plan', '@in.xlsx', '-o', '@out.xlsx', '--jsn', '@x.json'],
    code: EXIT.usage,
    zh: '未知选项 --jsn：可用的选项有 -o --json --as-of --lang --now --debug',
  },
  {
    name: 'an unknown command',
    files: {},
    argv: ['plna'],
    code: EXIT.usage,
    zh: '未知命令“plna”：可用的命令有 init、plan、demo',
  },
  {
    name: '--json without a value',
    files: { 'in.xlsx': example },
    argv: ['plan', '@in.xlsx', '-o', '@out.xlsx', '--json'],
    code: EXIT.usage,
    zh: '--json 需要 FILE.json',
  },
  {
    name: '--json followed by another option',
    files: { 'in.xlsx': example },
    argv: ['plan', '@in.xlsx', '-o', '@out.xlsx', '--json', '--lang', 'en'],
    code: EXIT.usage,
    zh: '--json needs FILE.json', // in English: --lang en is read all the same
  },
  {
    name: 'a second input (an unquoted name with a space)',
    files: { 'in.xlsx': example },
    argv: ['plan', '@in.xlsx', '@b.xlsx', '-o', '@out.xlsx'],
    code: EXIT.usage,
    zh: 'plan 多了一个参数“@/b.xlsx”：文件名里有空格时请加引号',
  },
  {
    name: '--now on a day that does not exist',
    files: { 'in.xlsx': example },
    argv: ['plan', '@in.xlsx', '-o', '@out.xlsx', '--now', '2025-02-30'],
    code: EXIT.usage,
    zh: '选项 --now 的值“2025-02-30”无效：应为 YYYY-MM-DD or YYYY-MM-DDTHH:MM',
  },
  {
    name: 'demo from a file that is not JSON',
    files: { 'data.json': '{ not json' },
    argv: ['demo', '--from', '@data.json', '--out', '@'],
    code: EXIT.files,
    zh: '@/data.json 不是示例数据（JSON）：',
  },
  {
    name: 'demo from JSON of another shape',
    files: { 'data.json': '{}' },
    argv: ['demo', '--from', '@data.json', '--out', '@'],
    code: EXIT.files,
    zh: '@/data.json 不是示例数据（JSON）：lacks settings, targets, enterprises, constraints, profiles, actuals',
  },
  {
    name: 'plan without an output',
    files: { 'in.xlsx': example },
    argv: ['plan', '@in.xlsx'],
    code: EXIT.usage,
    zh: 'plan 需要 IN.xlsx -o OUT.xlsx',
  },
];

describe('every failure is one line, with its exit code, and nothing is written', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const dir = await mkdtemp(join(root, 'case-'));
    for (const [name, content] of Object.entries(c.files)) {
      if (content === DIR) await mkdir(join(dir, name), { recursive: true });
      else await writeFile(join(dir, name), content);
    }
    const before = (await readdir(dir)).sort();
    const r = await run(c.argv.includes('--now') ? c.argv : [...c.argv, ...NOW], dir);
    expect(r.code).toBe(c.code);
    const first = c.zh.replaceAll('@', dir);
    // A message ending in '：' is followed by a library's own words (JSON.parse's).
    if (first.endsWith('：')) expect(r.err[0]?.startsWith(first)).toBe(true);
    else expect(r.err[0]).toBe(first);
    // One message line (a usage error adds the usage text after a blank line), no stack.
    expect(r.err.join('\n')).not.toMatch(/\n\s+at |Error:/);
    expect((await readdir(dir)).sort()).toEqual(before);
    for (const [name, content] of Object.entries(c.files)) {
      if (content !== DIR) {
        expect(new Uint8Array(await readFile(join(dir, name)))).toEqual(
          typeof content === 'string' ? new TextEncoder().encode(content) : content,
        );
      }
    }
  });

  it('says it in English with --lang en', async () => {
    const dir = await mkdtemp(join(root, 'case-'));
    await writeFile(join(dir, 'in.xls'), xls);
    const r = await run(['plan', '@in.xls', '-o', '@out.xlsx', '--lang', 'en', ...NOW], dir);
    expect(r.err).toEqual([
      `${dir}/in.xls is an old Excel 97–2003 (.xls) file: save it as .xlsx in Excel or WPS and try again`,
    ]);
  });

  it('a damaged .xlsx names the damage as the reading library found it', async () => {
    const dir = await mkdtemp(join(root, 'case-'));
    await writeFile(join(dir, 'in.xlsx'), damaged);
    const r = await run(['plan', '@in.xlsx', '-o', '@out.xlsx', ...NOW], dir);
    expect(r.code).toBe(EXIT.files);
    expect(r.err).toHaveLength(1);
    expect(r.err[0]).toMatch(
      new RegExp(`^${dir}/in\\.xlsx 已损坏，无法读取（.+）：请在 Excel 或 WPS 中打开并另存后再试$`),
    );
    expect(await readdir(dir)).toEqual(['in.xlsx']);
  });

  it('refuses an output that is a link to the input', async () => {
    const dir = await mkdtemp(join(root, 'case-'));
    await writeFile(join(dir, 'in.xlsx'), example);
    await symlink(join(dir, 'in.xlsx'), join(dir, 'link.xlsx'));
    const r = await run(['plan', '@in.xlsx', '-o', '@link.xlsx', ...NOW], dir);
    expect(r.code).toBe(EXIT.files);
    expect(new Uint8Array(await readFile(join(dir, 'in.xlsx')))).toEqual(example);
  });

  it('a workbook with problems: exit 1, the JSON lists them, no workbook', async () => {
    const dir = await mkdtemp(join(root, 'case-'));
    const r = await run(
      ['plan', fixturePath('month-13'), '-o', '@out.xlsx', '--json', '@out.json', ...NOW],
      dir,
    );
    expect(r.code).toBe(EXIT.problems);
    expect(await readdir(dir)).toEqual(['out.json']);
    const json = JSON.parse(await readFile(join(dir, 'out.json'), 'utf8')) as {
      errors: { cell?: string }[];
    };
    expect(json.errors.length).toBeGreaterThan(0);
    expect(json.errors.every((e) => e.cell !== undefined)).toBe(true);
  });

  it('an internal error is one line; --debug adds the stack', async () => {
    const dir = await mkdtemp(join(root, 'case-'));
    await writeFile(join(dir, 'in.xlsx'), example);
    // A bug stands in as an output stream that throws when the summary is printed.
    const run = async (debug: boolean): Promise<{ code: number; err: string[] }> => {
      const err: string[] = [];
      const argv = ['plan', `${dir}/in.xlsx`, '-o', `${dir}/out.xlsx`, ...NOW];
      const code = await main(debug ? [...argv, '--debug'] : argv, {
        out: () => {
          throw new TypeError('stdout is gone');
        },
        err: (l) => err.push(l),
      });
      return { code, err };
    };
    const plain = await run(false);
    expect(plain.code).toBe(EXIT.internal);
    expect(plain.err).toEqual([
      '内部错误（TypeError: stdout is gone）：请加 --debug 重新运行，并把输出发给维护者',
    ]);
    const debug = await run(true);
    expect(debug.code).toBe(EXIT.internal);
    expect(debug.err.join('\n')).toMatch(/\n\s+at /);
  });

  it('refuses an output that is a hard link to the input', async () => {
    const dir = await mkdtemp(join(root, 'case-'));
    await writeFile(join(dir, 'in.xlsx'), example);
    await link(join(dir, 'in.xlsx'), join(dir, 'same.xlsx'));
    const r = await run(['plan', '@in.xlsx', '-o', '@same.xlsx', ...NOW], dir);
    expect(r.code).toBe(EXIT.files);
    expect(r.err[0]).toBe(
      `不能写到 ${dir}/same.xlsx：它就是输入文件 ${dir}/in.xlsx。请另取一个文件名，输入文件保持不变`,
    );
  });
});

describe('file-system errors as messages', () => {
  const error = (code: string): Error => Object.assign(new Error(code), { code });
  it.each<[string, string, string, string]>([
    [
      'EBUSY',
      'linux',
      'write',
      '结果.xlsx 正被其他程序占用（可能在 Excel 或 WPS 中打开着）：请关闭它后再试',
    ],
    [
      'EPERM',
      'win32',
      'write',
      '结果.xlsx 正被其他程序占用（可能在 Excel 或 WPS 中打开着）：请关闭它后再试',
    ],
    [
      'EACCES',
      'win32',
      'read',
      '结果.xlsx 正被其他程序占用（可能在 Excel 或 WPS 中打开着）：请关闭它后再试',
    ],
    ['EACCES', 'linux', 'write', '无法写出 结果.xlsx：没有写入权限（EACCES），请换一个位置'],
    ['EROFS', 'linux', 'write', '无法写出 结果.xlsx：没有写入权限（EROFS），请换一个位置'],
    [
      'ENOSPC',
      'linux',
      'write',
      '无法写出 结果.xlsx：磁盘已满，请腾出空间后再试（原有文件未改动）',
    ],
    ['EIO', 'linux', 'write', '无法写出 结果.xlsx（EIO）：原有文件未改动'],
    [
      'EACCES',
      'linux',
      'read',
      '无法读取 结果.xlsx（EACCES）：请检查文件权限，或先关闭占用它的程序',
    ],
  ])('%s on %s (%s)', (code, platform, op, message) => {
    const e =
      op === 'write'
        ? writeProblem(error(code), '结果.xlsx', platform)
        : readProblem(error(code), '结果.xlsx', platform);
    expect(e && describeError(e, 'zh')).toBe(message);
  });
  it('an error without a code is not a file-system error', () => {
    expect(writeProblem(new Error('bug'), 'x.xlsx')).toBeUndefined();
  });
});
