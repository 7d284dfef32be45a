/**
 * The pane's ES level (issue 10): every script the production build emits — each chunk, and the
 * inline scripts of taskpane.html and the single offline file — parses at the level the web
 * views of the declared hosts read (ES2017: EdgeHTML 18, Safari 11-13), as acorn parses it. A
 * bundle with object spread, optional chaining, `??`, class fields, BigInt literals, lookbehind
 * or \p{…} in a regular expression fails here.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'acorn';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ES_TARGET } from '../../scripts/es-target-loader.mjs';
import { gzipSize, sharedPaneBuild } from './harness';

const ECMA_VERSION = Number(ES_TARGET.slice(2)) as 2017;

/** The first syntax error of `code` at the pane's level, or undefined. */
function syntaxError(code: string): string | undefined {
  try {
    parse(code, { ecmaVersion: ECMA_VERSION, sourceType: 'script' });
    return undefined;
  } catch (error) {
    const pos = (error as { pos?: number }).pos ?? 0;
    return `${(error as Error).message} near ${JSON.stringify(code.slice(Math.max(0, pos - 40), pos + 40))}`;
  }
}

/** The scripts of an HTML page that the browser runs or that hold a chunk (not src= ones). */
const inlineScripts = (html: string): string[] =>
  [...html.matchAll(/<script(?:\s[^>]*)?>([\s\S]*?)<\/script>/g)]
    .map((m) => m[1] ?? '')
    .filter((s) => s.trim() !== '');

let dist: string;
beforeAll(async () => {
  dist = await sharedPaneBuild(inject('paneBuildDir'));
}, 600_000);

describe(`the pane's scripts parse as ${ES_TARGET}`, () => {
  it('the parser refuses what the older web views cannot parse (the check can fail)', () => {
    for (const modern of [
      'var a = {}; var b = { ...a };',
      'var a = null; a?.b;',
      'var a = null; a ?? 1;',
      'class X { p = 1; }',
      'var n = 1n;',
      'var r = /(?<!x)y/;',
      'var r = /\\p{L}/u;',
      'async function* g() {}',
    ])
      expect(syntaxError(modern), modern).toBeDefined();
    expect(syntaxError('async function f() { await 0; return 2 ** 3; }')).toBeUndefined();
  });

  it('every emitted chunk and every inline script of the pages', async () => {
    const files = (await readdir(dist)).filter((f) => /\.(js|html)$/.test(f));
    const scripts = files.filter((f) => f.endsWith('.js'));
    expect(scripts.length).toBeGreaterThanOrEqual(4); // taskpane, excelhost, filehost, exceljs, docx
    const errors: string[] = [];
    const sizes: string[] = [];
    for (const f of files) {
      const text = await readFile(join(dist, f), 'utf8');
      const codes = f.endsWith('.html') ? inlineScripts(text) : [text];
      codes.forEach((code, i) => {
        const error = syntaxError(code);
        if (error) errors.push(`${f}${f.endsWith('.html') ? ` script ${i + 1}` : ''}: ${error}`);
      });
      if (/^(taskpane|exceljs|docx|excelhost)\..*\.js$|^分解\.html$/.test(f))
        sizes.push(`${f} ${((await gzipSize(join(dist, f))) / 1000).toFixed(0)} kB`);
    }
    console.log(`[es-target] ${ES_TARGET}, gzipped: ${sizes.join('; ')}`);
    expect(errors).toEqual([]);
  });
});
