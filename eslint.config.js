// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** @typedef {'engine' | 'workbook' | 'hosts' | 'taskpane' | 'cli'} Layer */
/** @typedef {'node' | 'ui' | 'office'} PackageKind */

/**
 * The layers of src/, innermost first: each may import only the layers it lists
 * (engine ← workbook ← hosts ← shells; the two shells, taskpane and cli, not each other), and
 * none of the packages it names. Test files beside the code are held to the same rule.
 * @type {Record<Layer, { mayImport: Layer[], packages: PackageKind[], why: string }>}
 */
export const LAYERS = {
  engine: { mayImport: [], packages: ['node', 'ui', 'office'], why: 'is pure' },
  workbook: { mayImport: ['engine'], packages: ['node', 'ui', 'office'], why: 'is pure' },
  hosts: { mayImport: ['engine', 'workbook'], packages: ['ui'], why: 'has no UI' },
  taskpane: {
    mayImport: ['engine', 'workbook', 'hosts'],
    packages: ['node'],
    why: 'runs in a browser',
  },
  cli: { mayImport: ['engine', 'workbook', 'hosts'], packages: ['ui'], why: 'has no UI' },
};

const LAYER_NAMES = /** @type {Layer[]} */ (Object.keys(LAYERS));

/** Node's built-in modules (top level: `fs` also covers `fs/promises`; no internal `_…` ones). */
const NODE_BUILTINS = builtinModules.filter((name) => !name.includes('/') && !name.startsWith('_'));

/**
 * Packages by kind, as regular expressions over the import source. Exact names, not gitignore
 * patterns: the pattern `util` would also match a module of our own called `./util`.
 * @type {Record<PackageKind, { what: string, regex: string }>}
 */
const PACKAGES = {
  node: { what: 'Node built-ins', regex: `^(node:|(${NODE_BUILTINS.join('|')})(/|$))` },
  ui: { what: 'React or Fluent UI', regex: '^(react|react-dom|@fluentui/[^/]+)(/|$)' },
  office: { what: 'Office.js or ExcelJS', regex: '^(office-js|@microsoft/office-js|exceljs)(/|$)' },
};

/**
 * A relative import of `src/<layer>` (its index or any module in it), from anywhere in src/.
 * @param {Layer} layer
 */
const layerRegex = (layer) => `^(\\.\\./)+(src/)?${layer}(/|$)`;

/**
 * Everything `src/<layer>` must not import: `{ regex, message }` for each forbidden layer and
 * package kind, in the form of `no-restricted-imports` patterns.
 * @param {Layer} layer
 */
export function forbiddenImports(layer) {
  const { mayImport, packages, why } = LAYERS[layer];
  const layers = LAYER_NAMES.filter((l) => l !== layer && !mayImport.includes(l));
  return [
    ...layers.map((l) => ({
      regex: layerRegex(l),
      message: `src/${layer} must not import src/${l} (engine ← workbook ← hosts ← shells).`,
    })),
    ...packages.map((p) => ({
      regex: PACKAGES[p].regex,
      message: `src/${layer} ${why}: no ${PACKAGES[p].what}.`,
    })),
  ];
}

/**
 * `no-restricted-imports` sees only static imports and re-exports: the same patterns for
 * `import(…)` and `typeof import(…)`, as `no-restricted-syntax` selectors.
 * @param {Layer} layer
 */
const forbiddenDynamicImports = (layer) =>
  forbiddenImports(layer).map(({ regex, message }) => ({
    selector: `:matches(ImportExpression, TSImportType)[source.value=/${regex.replaceAll('/', '\\/')}/]`,
    message,
  }));

/** Syntax restricted everywhere. */
const RESTRICTED_SYNTAX = [
  { selector: 'CatchClause[body.body.length=0]', message: 'Do not swallow errors.' },
];

/**
 * Syntax restricted in src/ besides: a cast or a non-null assertion on an indexed read (`a[i] as
 * T`, `a[i]!`) hides the `undefined` of a read past the end that noUncheckedIndexedAccess is there
 * to show. Iterate instead, or read `a[i] ?? outOfBounds()` (src/engine/checked.ts), which throws.
 */
const SRC_RESTRICTED_SYNTAX = [
  {
    selector:
      ':matches(TSAsExpression, TSTypeAssertion) > MemberExpression.expression[computed=true]',
    message:
      'No cast on an indexed read: iterate, or read `a[i] ?? outOfBounds()` (src/engine/checked.ts).',
  },
  {
    selector: 'TSNonNullExpression > MemberExpression.expression[computed=true]',
    message:
      'No non-null assertion on an indexed read: iterate, or read `a[i] ?? outOfBounds()` (src/engine/checked.ts).',
  },
];

/** Syntax restricted in the engine besides: "now" is always injected, nothing is random. */
const ENGINE_RESTRICTED_SYNTAX = [
  {
    selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
    message: 'Pass today in; do not read the clock.',
  },
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
    message: 'Pass today in; do not read the clock.',
  },
  {
    selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
    message: 'The engine is deterministic.',
  },
];

/** Browser, Office and Node globals the engine must not touch. */
export const ENGINE_FORBIDDEN_GLOBALS = [
  'window',
  'document',
  'navigator',
  'localStorage',
  'fetch',
  'XMLHttpRequest',
  'Office',
  'Excel',
  'process',
  'require',
  'Buffer',
  '__dirname',
].map((name) => ({ name, message: 'src/engine is pure: pass what you need in.' }));

/**
 * The rules of `src/<layer>`, test files beside the code included.
 * @param {Layer} layer
 * @returns {import('eslint').Linter.Config}
 */
function layerConfig(layer) {
  return {
    files: [`src/${layer}/**/*.ts`, `src/${layer}/**/*.tsx`],
    rules: {
      'no-restricted-imports': ['error', { patterns: forbiddenImports(layer) }],
      'no-restricted-syntax': [
        'error',
        ...RESTRICTED_SYNTAX,
        ...SRC_RESTRICTED_SYNTAX,
        ...forbiddenDynamicImports(layer),
        ...(layer === 'engine' ? ENGINE_RESTRICTED_SYNTAX : []),
      ],
      ...(layer === 'engine'
        ? { 'no-restricted-globals': ['error', ...ENGINE_FORBIDDEN_GLOBALS] }
        : {}),
    },
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'examples/**', 'coverage/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Type-aware lint for TypeScript (the program of tsconfig.json); plain JavaScript is not in it.
  {
    files: ['**/*.ts', '**/*.tsx'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: { '@typescript-eslint/no-unnecessary-condition': 'error' },
  },
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': ['error', ...RESTRICTED_SYNTAX],
    },
  },
  {
    // Node scripts in plain JavaScript.
    files: ['bin/**/*.js', 'scripts/**/*.mjs', 'bench/**/*.mjs', '*.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  // One config object per layer with its complete lists: a later object naming the same rule for
  // the same files would replace these options, not add to them.
  ...LAYER_NAMES.map(layerConfig),
);
