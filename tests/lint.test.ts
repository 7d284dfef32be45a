/**
 * The engine stays pure: the lint rule in eslint.config.js rejects Office, React, DOM, Node and
 * clock access under src/engine, and the engine as it is passes it.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });
const probe = async (code: string, filePath = 'src/engine/probe.ts'): Promise<string[]> => {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
};

describe('src/engine is pure (lint rule)', () => {
  it.each([
    [
      "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;",
      'no-restricted-imports',
    ],
    ["import fs from 'fs';\nexport const f = fs;", 'no-restricted-imports'],
    ["import React from 'react';\nexport const r = React;", 'no-restricted-imports'],
    [
      "import { Button } from '@fluentui/react-components';\nexport const b = Button;",
      'no-restricted-imports',
    ],
    ["import ExcelJS from 'exceljs';\nexport const x = ExcelJS;", 'no-restricted-imports'],
    [
      "import { readInputs } from '../workbook/read';\nexport const r = readInputs;",
      'no-restricted-imports',
    ],
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

  it('allows the same code outside the engine', async () => {
    expect(
      await probe(
        "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;",
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
