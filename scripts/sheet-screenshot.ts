/**
 * Renders one sheet of a workbook to PNG through LibreOffice (every other sheet hidden, then PDF,
 * then pdftoppm): docs/progress-sheet.png is made with
 *   npx tsx scripts/sheet-screenshot.ts examples/township-example-plan.xlsx 序时进度 docs/progress-sheet.png
 * (the committed picture is the left part of page 1 at 220 dpi: pdftoppm -r 220 -x 140 -y 130 -W 1300 -H 1150).
 */
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { pdfToPngs, toPdf } from '../tests/helpers/libreoffice';

const [input, sheet, output] = process.argv.slice(2);
if (!input || !sheet || !output)
  throw new Error('usage: sheet-screenshot.ts IN.xlsx SHEET OUT.png');
const dir = await mkdtemp(join(tmpdir(), 'fenjie-shot-'));
try {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(input);
  for (const ws of wb.worksheets) ws.state = ws.name === sheet ? 'visible' : 'hidden';
  const target = wb.getWorksheet(sheet);
  if (!target) throw new Error(`no sheet ${sheet}`);
  wb.views = [
    {
      x: 0,
      y: 0,
      width: 10000,
      height: 20000,
      firstSheet: 0,
      activeTab: wb.worksheets.indexOf(target),
      visibility: 'visible',
    },
  ];
  const only = join(dir, 'sheet.xlsx');
  await wb.xlsx.writeFile(only);
  const pdf = await toPdf(only, dir);
  const [first] = await pdfToPngs(pdf, join(dir, 'page'), 110);
  if (!first) throw new Error('no page rendered');
  await copyFile(first, output);
  console.log(`wrote ${output}`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
