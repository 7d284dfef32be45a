/**
 * `npm run demo:county`: the worked county example (层层分解) — the bundled example's enterprises
 * in two townships and an industrial park with two sub-parks, 腊口镇's claim as a unit lock
 * (tests/helpers/county-example.ts) — written to examples/county-example.xlsx, planned to
 * examples/county-example-plan.xlsx (and .json), and issued to examples/county-issue/, one
 * workbook per unit (`fenjie issue`).
 */
import { join } from 'node:path';
import { EXAMPLE_JSON, main } from '../src/cli/main';
import { writeFileAtomic } from '../src/hosts/xlsx/file';
import { specToNewWorkbook, toXlsxBuffer } from '../src/hosts/xlsx/write';
import { exampleWorkbook } from '../src/workbook/template';
import { addCountyUnits } from '../tests/helpers/county-workbook';
import { EXAMPLE } from '../tests/helpers/variants';

const dir = join(EXAMPLE_JSON, '..', '..');
const input = join(dir, 'county-example.xlsx');
await writeFileAtomic(
  input,
  await toXlsxBuffer(addCountyUnits(specToNewWorkbook(exampleWorkbook(EXAMPLE, 'zh')))),
);
console.log(`示例输入：${input}`);
const io = { out: (l: string) => console.log(l), err: (l: string) => console.error(l) };
const now = process.argv.slice(2);
const out = join(dir, 'county-example-plan.xlsx');
let code = await main(
  ['plan', input, '-o', out, '--json', out.replace(/\.xlsx$/, '.json'), ...now],
  io,
);
if (code === 0) code = await main(['issue', input, '--out', join(dir, 'county-issue'), ...now], io);
process.exitCode = code;
