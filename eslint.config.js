// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Modules the pure engine must never import: hosts, UI, DOM and Node. */
export const ENGINE_FORBIDDEN_IMPORTS = [
  { group: ['node:*'], message: 'src/engine is pure: no Node imports.' },
  {
    group: ['fs', 'path', 'os', 'child_process', 'crypto', 'url', 'util'],
    message: 'src/engine is pure: no Node imports.',
  },
  {
    group: ['react', 'react-dom', 'react/*', 'react-dom/*', '@fluentui/*'],
    message: 'src/engine is pure: no UI imports.',
  },
  {
    group: ['@microsoft/office-js', 'office-js', 'exceljs'],
    message: 'src/engine is pure: no Office or file imports.',
  },
  {
    group: ['**/workbook/**', '**/hosts/**', '**/taskpane/**', '**/cli/**'],
    message: 'src/engine must not depend on outer layers.',
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

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'examples/**', 'coverage/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'CatchClause[body.body.length=0]', message: 'Do not swallow errors.' },
      ],
    },
  },
  {
    // Node scripts in plain JavaScript.
    files: ['bin/**/*.js', 'scripts/**/*.mjs', 'bench/**/*.mjs', '*.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    files: ['src/engine/**/*.ts'],
    ignores: ['src/engine/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ENGINE_FORBIDDEN_IMPORTS }],
      'no-restricted-globals': ['error', ...ENGINE_FORBIDDEN_GLOBALS],
      // "now" is always injected: no Date.now() or new Date() without arguments in the engine.
      'no-restricted-syntax': [
        'error',
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
      ],
    },
  },
);
