/**
 * Paths the tests share, computed from this file's place in the repository: no test needs to
 * load the CLI (or ExcelJS, which the CLI imports) to find the bundled example.
 */
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The bundled township example (the CLI's EXAMPLE_JSON: `fenjie demo` builds its workbook from it). */
export const EXAMPLE_JSON = fileURLToPath(
  new URL('../../examples/data/township-example.json', import.meta.url),
);
