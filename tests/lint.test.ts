/**
 * The layers hold (engine ← workbook ← hosts ← shells): the lint rules in eslint.config.js reject,
 * in each layer, an import of every layer it must not depend on and of the packages it must not
 * use — as a static import, a re-export, a dynamic `import()` and a `typeof import()` — and let
 * the imports it may make through. The engine besides stays pure: no DOM, Office, Node or clock
 * access. Nowhere in src/ is an indexed read cast or asserted non-null (`a[i] as T`, `a[i]!`).
 * And the engine as it is passes.
 */
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

// The probes are virtual files, outside the TypeScript program that type-aware lint reads: they
// are linted with the project's rules minus the type-aware ones (none of the layer rules is).
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfig: [tseslint.configs.disableTypeChecked],
});
const probe = async (code: string, filePath = 'src/engine/probe.ts'): Promise<string[]> => {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
};

/** The ways one module can depend on another, and the rule that sees each. */
const FORMS = [
  {
    form: 'import',
    code: (s: string) => `import * as m from '${s}';\nexport const x = m;`,
    rule: 'no-restricted-imports',
  },
  {
    form: 're-export',
    code: (s: string) => `export * from '${s}';`,
    rule: 'no-restricted-imports',
  },
  {
    form: 'import()',
    code: (s: string) => `export const load = () => import('${s}');`,
    rule: 'no-restricted-syntax',
  },
  {
    form: 'typeof import()',
    code: (s: string) => `export type M = typeof import('${s}');`,
    rule: 'no-restricted-syntax',
  },
] as const;

interface LayerCase {
  /** A file in the layer (virtual: only its path matters). */
  readonly file: string;
  /** Imports the layer must not make, each with what the message must name. */
  readonly forbidden: readonly (readonly [source: string, names: string])[];
  /** Imports the layer may make. */
  readonly allowed: readonly string[];
}

const LAYERS: Readonly<Record<string, LayerCase>> = {
  engine: {
    file: 'src/engine/probe.ts',
    forbidden: [
      ['../workbook/read', 'src/workbook'],
      ['../workbook', 'src/workbook'],
      ['../hosts/xlsx/read', 'src/hosts'],
      ['../taskpane/run', 'src/taskpane'],
      ['../cli/main', 'src/cli'],
      ['../cli', 'src/cli'],
      ['node:fs', 'Node'],
      ['fs', 'Node'],
      ['fs/promises', 'Node'],
      ['react', 'React'],
      ['@fluentui/react-components', 'Fluent UI'],
      ['exceljs', 'ExcelJS'],
      ['@microsoft/office-js', 'Office.js'],
    ],
    // `./util` shares its name with a Node module: a module of our own is not one.
    allowed: ['./split', './util', './constants', '.'],
  },
  workbook: {
    file: 'src/workbook/probe.ts',
    forbidden: [
      ['../hosts/xlsx/read', 'src/hosts'],
      ['../hosts/host', 'src/hosts'],
      ['../taskpane/run', 'src/taskpane'],
      ['../cli/main', 'src/cli'],
      ['node:path', 'Node'],
      ['path', 'Node'],
      ['crypto', 'Node'],
      ['exceljs', 'ExcelJS'],
      ['office-js', 'Office.js'],
      ['react', 'React'],
      ['@fluentui/react-components', 'Fluent UI'],
    ],
    allowed: ['../engine', '../engine/profile', './spec'],
  },
  hosts: {
    file: 'src/hosts/excel/probe.ts',
    forbidden: [
      ['../../taskpane/run', 'src/taskpane'],
      ['../../taskpane/components/App', 'src/taskpane'],
      ['../../cli/main', 'src/cli'],
      ['../../cli', 'src/cli'],
      ['react', 'React'],
      ['react-dom/client', 'React'],
      ['@fluentui/react-components', 'Fluent UI'],
    ],
    allowed: [
      '../../engine',
      '../../workbook/spec',
      '../host',
      '../xlsx/read',
      'exceljs',
      'node:fs/promises',
    ],
  },
  taskpane: {
    file: 'src/taskpane/components/App/probe.ts',
    forbidden: [
      ['../../../cli/main', 'src/cli'],
      ['../../../cli', 'src/cli'],
      ['node:fs', 'Node'],
      ['fs/promises', 'Node'],
      ['crypto', 'Node'],
    ],
    allowed: [
      '../../../engine',
      '../../../workbook/status',
      '../../../hosts/host',
      '../../../hosts/file',
      '../../clock',
      'react',
      '@fluentui/react-components',
    ],
  },
  cli: {
    file: 'src/cli/probe.ts',
    forbidden: [
      ['../taskpane/run', 'src/taskpane'],
      ['../taskpane/components/App', 'src/taskpane'],
      ['react', 'React'],
      ['@fluentui/react-components', 'Fluent UI'],
    ],
    allowed: [
      '../engine',
      '../workbook/pipeline',
      '../hosts/xlsx/file',
      './clock',
      'node:fs/promises',
      'exceljs',
    ],
  },
};

describe.each(Object.entries(LAYERS))('src/%s imports (lint rule)', (layer, c) => {
  const forbidden = c.forbidden.flatMap(([source, names]) =>
    FORMS.map((f) => [f.form, source, names, f.code(source), f.rule] as const),
  );
  it.each(forbidden)('rejects %s %s', async (_form, _source, names, code, rule) => {
    const messages = await probe(code, c.file);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(new RegExp(`^${rule}: .*src/${layer}\\b.*${names}`));
  });

  const allowed = c.allowed.flatMap((source) =>
    FORMS.map((f) => [f.form, source, f.code(source)] as const),
  );
  it.each(allowed)('allows %s %s', async (_form, _source, code) => {
    expect(await probe(code, c.file)).toEqual([]);
  });

  // Each layer states its no-restricted-syntax list in full: the rules every file has stay.
  it('still rejects a swallowed error', async () => {
    const code = 'export const f = (g: () => void) => {\n  try { g(); } catch { /* no */ }\n};';
    expect(await probe(code, c.file)).toEqual(['no-restricted-syntax: Do not swallow errors.']);
  });
});

it('holds for .tsx files', async () => {
  const code =
    "import { main } from '../../../cli/main';\nexport const App = () => <p>{String(main)}</p>;";
  const messages = await probe(code, 'src/taskpane/components/App/probe.tsx');
  expect(messages).toEqual([
    expect.stringMatching(/^no-restricted-imports: .*src\/taskpane must not import src\/cli/),
  ]);
});

describe('src/engine is pure (lint rule)', () => {
  it.each([
    ['export const d = () => document.title;', 'no-restricted-globals'],
    ['export const w = () => window.innerWidth;', 'no-restricted-globals'],
    ['export const e = () => Excel.run;', 'no-restricted-globals'],
    ['export const p = () => process.env;', 'no-restricted-globals'],
    ['export const now = () => Date.now();', 'no-restricted-syntax'],
    ['export const today = () => new Date();', 'no-restricted-syntax'],
    ['export const r = () => Math.random();', 'no-restricted-syntax'],
  ])('rejects %s', async (code, rule) => {
    const messages = await probe(code);
    expect(messages.some((m) => m.startsWith(`${rule}:`))).toBe(true);
  });

  it.each(['src/engine/probe.test.ts', 'src/engine/probe.ts'])(
    'holds for %s (tests beside the code too)',
    async (filePath) => {
      expect(await probe('export const now = () => Date.now();', filePath)).toHaveLength(1);
    },
  );

  it('allows the same code outside the engine', async () => {
    expect(
      await probe(
        "import { readFileSync } from 'node:fs';\nexport const f = () => [readFileSync, Date.now(), process.env];",
        'src/cli/probe.ts',
      ),
    ).toEqual([]);
  });

  it('the engine as it is passes', async () => {
    const results = await eslint.lintFiles(['src/engine/**/*.ts']);
    const problems = results.flatMap((r) =>
      r.messages.map((m) => `${r.filePath}:${m.line} ${m.ruleId}`),
    );
    expect(results.length).toBeGreaterThan(10);
    expect(problems).toEqual([]);
  });
});

describe('no cast on an indexed read in src/ (lint rule)', () => {
  const CAST = 'no-restricted-syntax: No cast on an indexed read';
  const ASSERTION = 'no-restricted-syntax: No non-null assertion on an indexed read';
  const bad = [
    ['a cast', 'export const f = (a: number[], i: number): number => a[i] as number;', CAST],
    ['an angle-bracket cast', 'export const f = (a: number[]): number => <number>a[0];', CAST],
    [
      'a cast to another type',
      'export const f = (a: (number | null)[]): number => a[0] as unknown as number;',
      CAST,
    ],
    [
      "a cast of a record's entry",
      'export const f = (r: Record<string, string>, k: string): string => r[k] as string;',
      CAST,
    ],
    [
      'a non-null assertion',
      'export const f = (a: number[], i: number): number => a[i]!;',
      ASSERTION,
    ],
    [
      'a non-null assertion on a nested read',
      'export const f = (a: number[][]): number => (a[0] ?? [])[1]!;',
      ASSERTION,
    ],
    [
      'a non-null assertion before a property',
      'export const f = (a: { x: number }[]): number => a[0]!.x;',
      ASSERTION,
    ],
  ] as const;
  const files = [
    'src/engine/probe.ts',
    'src/engine/probe.test.ts',
    'src/workbook/probe.ts',
    'src/hosts/xlsx/probe.ts',
    'src/taskpane/probe.ts',
    'src/cli/probe.ts',
  ];
  it.each(files.flatMap((file) => bad.map(([what, code, message]) => [what, file, code, message])))(
    'rejects %s in %s',
    async (_what, file, code, message) => {
      const messages = await probe(code, file);
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatch(new RegExp(`^${message}`));
    },
  );

  it('holds for .tsx files', async () => {
    const code = 'export const Cell = (p: { a: string[] }) => <p>{p.a[0]!}</p>;';
    expect(await probe(code, 'src/taskpane/components/App/probe.tsx')).toEqual([
      expect.stringMatching(new RegExp(`^${ASSERTION}`)),
    ]);
  });

  it.each([
    [
      'a checked read',
      "import { outOfBounds } from './checked';\nexport const f = (a: number[], i: number): number => a[i] ?? outOfBounds();",
    ],
    [
      'iteration',
      'export const f = (a: number[]): number => {\n  let s = 0;\n  for (const v of a) s += v;\n  return s;\n};',
    ],
    ['a cast of a property', 'export const f = (o: { a: unknown }): number => o.a as number;'],
    [
      'a cast of a whole table',
      'export const f = (r: object, k: string): number =>\n  (r as Record<string, number>)[k] ?? 0;',
    ],
  ])('allows %s', async (_what, code) => {
    expect(await probe(code, 'src/engine/probe.ts')).toEqual([]);
  });

  it('does not hold outside src/', async () => {
    expect(
      await probe('export const f = (a: number[]): number => a[0]!;', 'tests/probe.test.ts'),
    ).toEqual([]);
  });
});

describe('type-aware lint', () => {
  // A real file of the program, given other text: the type checker sees it.
  const typed = new ESLint({ cwd: process.cwd() });
  it.each([
    [
      'an assertion that changes nothing',
      'export const f = (a: number): number => (a as number) + 1;',
      'no-unnecessary-type-assertion',
    ],
    [
      'a condition that is always true',
      'export const f = (a: number[]): number => a.length ?? 0;',
      'no-unnecessary-condition',
    ],
    [
      'an unchecked any',
      'export const f = (s: string): number[] => JSON.parse(s);',
      'no-unsafe-return',
    ],
  ])('rejects %s', async (_what, code, rule) => {
    const [r] = await typed.lintText(code, { filePath: 'src/engine/number.ts' });
    expect((r?.messages ?? []).map((m) => m.ruleId)).toContain(`@typescript-eslint/${rule}`);
  });
});
