/**
 * An example workbook written as an input file and planned through the CLI's own function, as
 * the tests that open the output in another spreadsheet (LibreOffice, Gnumeric) need it.
 */
import { join } from 'node:path';
import { expect } from 'vitest';
import { planFile } from '../../src/cli/main';
import { writeFileAtomic } from '../../src/hosts/xlsx/file';
import { specToNewWorkbook, toXlsxBuffer } from '../../src/hosts/xlsx/write';
import { exampleWorkbook, type ExampleData } from '../../src/workbook/template';

/** Writes `dir/NAME-in.xlsx` from `data`, plans it into `dir/NAME.xlsx` and returns that path. */
export async function planExampleFile(
  dir: string,
  name: string,
  data: ExampleData,
  lang: 'zh' | 'en',
  now: string,
): Promise<string> {
  const input = join(dir, `${name}-in.xlsx`);
  await writeFileAtomic(input, await toXlsxBuffer(specToNewWorkbook(exampleWorkbook(data, lang))));
  const out = join(dir, `${name}.xlsx`);
  const r = await planFile(
    input,
    out,
    { now, lang },
    { out: () => {}, err: (l) => console.error(l) },
  );
  expect(r.code, name).toBe(0);
  return out;
}
