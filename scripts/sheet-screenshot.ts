/**
 * Renders one sheet of a workbook to PNG through LibreOffice (every other sheet hidden, then PDF,
 * then pdftoppm): docs/progress-sheet.png is made with
 *   npx tsx scripts/sheet-screenshot.ts examples/township-example-plan.xlsx 序时进度 docs/progress-sheet.png
 * (page 1 as printed: the sheet's own page setup, print area and titles, which the file is
 * left with — only the other sheets are hidden, in workbook.xml).
 */
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pdfToPngs, toPdf } from '../tests/helpers/libreoffice';
import { readParts, setText, text, writeParts } from '../tests/helpers/package';

const [input, sheet, output] = process.argv.slice(2);
if (!input || !sheet || !output)
  throw new Error('usage: sheet-screenshot.ts IN.xlsx SHEET OUT.png');
const dir = await mkdtemp(join(tmpdir(), 'fenjie-shot-'));
try {
  const parts = readParts(new Uint8Array(await readFile(input)));
  const wb = text(parts, 'xl/workbook.xml');
  const names = [...wb.matchAll(/<sheet [^>]*name="([^"]*)"/g)].map((m) => m[1]);
  const at = names.indexOf(sheet);
  if (at < 0) throw new Error(`no sheet ${sheet}`);
  const hidden = wb
    .replace(/<sheet ([^>]*?)\s*state="[^"]*"/g, '<sheet $1')
    .replace(/<sheet ([^>]*?)name="([^"]*)"/g, (whole, before: string, name: string) =>
      name === sheet ? whole : `<sheet ${before}name="${name}" state="hidden"`,
    )
    .replace(/<workbookView([^>]*?)\s*activeTab="\d+"/, '<workbookView$1')
    .replace(/<workbookView/, `<workbookView activeTab="${at}"`);
  // Without a workbook view LibreOffice opens on the first sheet and shows it, hidden or not.
  const viewed = hidden.includes('<bookViews')
    ? hidden
    : hidden.replace(
        '<sheets>',
        `<bookViews><workbookView activeTab="${at}"/></bookViews><sheets>`,
      );
  // Another sheet's print area or titles would make LibreOffice print it, hidden or not.
  const own = viewed.replace(
    /<definedName [^>]*name="_xlnm\.(?:Print_Area|Print_Titles)"[^>]*localSheetId="(\d+)"[^>]*>[^<]*<\/definedName>/g,
    (whole, id: string) => (Number(id) === at ? whole : ''),
  );
  setText(parts, 'xl/workbook.xml', own);
  const only = join(dir, 'sheet.xlsx');
  await writeFile(only, writeParts(parts));
  const pdf = await toPdf(only, dir);
  const [first] = await pdfToPngs(pdf, join(dir, 'page'), 110);
  if (!first) throw new Error('no page rendered');
  await copyFile(first, output);
  console.log(`wrote ${output}`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
