/**
 * Reach (issue 10): the add-in declares ExcelApi 1.7 and does without what 1.8 and 1.9 add where
 * the host lacks it (src/hosts/excel/features.ts). Run through the real Office.js client with those
 * members made unavailable: a request that names one is refused as an older Excel refuses it
 * (`ApiNotFound`), so a fallback that still calls a 1.9 API fails here.
 */
import { describe, expect, it } from 'vitest';
import {
  ALL_FEATURES,
  createSheets,
  excelFeatures,
  readGrids,
  writeSpec,
  type ExcelFeatures,
} from '../../src/hosts/excel';
import { workbookStatus } from '../../src/workbook/status';
import { inputTemplate } from '../../src/workbook/template';
import { differences, syntheticInFake } from './helpers';
import { FakeExcel } from './fake-excel';
import { RealClient } from './real-client';

/** The members each level lacks, as the real client names them on the wire. */
const ABOVE_1_8 = ['CopyFrom', 'SuspendScreenUpdatingUntilNextSync', 'AutoFilter', 'PageLayout'];
const ABOVE_1_7 = [...ABOVE_1_8, 'DataValidation'];

/** A host that supports ExcelApi up to 1.`minor`. */
const upTo = (minor: number): ExcelFeatures =>
  excelFeatures((name, version) => name === 'ExcelApi' && Number(version.split('.')[1]) <= minor);

const LEVELS: readonly { level: string; features: ExcelFeatures; missing: string[] }[] = [
  { level: 'ExcelApi 1.8', features: upTo(8), missing: ABOVE_1_8 },
  { level: 'ExcelApi 1.7', features: upTo(7), missing: ABOVE_1_7 },
];

describe('the Excel host on a host below ExcelApi 1.9', () => {
  it('reads the levels from isSetSupported', () => {
    expect(upTo(9)).toEqual(ALL_FEATURES);
    expect(upTo(8)).toEqual({
      copyFrom: false,
      screenUpdating: false,
      autoFilter: false,
      pageLayout: false,
      dataValidation: true,
    });
    expect(upTo(7).dataValidation).toBe(false);
  });

  it.each(LEVELS)(
    '$level: first and second recalculation write every cell, a user reference survives, no missing API is called',
    async ({ features, missing }) => {
      const { fake, spec, inputSheetNames } = syntheticInFake(20);
      const client = new RealClient(fake);
      client.missing = new Set(missing);
      client.limit = 150_000; // small requests: the in-place rewrite takes several
      const maxRequestBytes = 100_000;
      await writeSpec(client.context, spec, { inputSheetNames, features, maxRequestBytes });
      const mine = fake.addSheet('我的表', [[{ formula: "'序时进度'!B4" }]]);
      const ids = fake.sheets.map((s) => s.id);
      const before = client.wire.length;
      await writeSpec(client.context, spec, { inputSheetNames, features, maxRequestBytes });
      expect(client.wire.filter((w) => w.error)).toEqual([]);
      expect(fake.sheets.map((s) => s.id)).toEqual(ids);
      expect(mine.get(0, 0)?.formula).toBe("'序时进度'!B4");
      for (const sheet of spec.sheets) expect(differences(fake, sheet)).toEqual([]);
      // No member of the missing sets went over the wire, and the in-place rewrite took more
      // than one request (the fallback's own batching ran).
      expect(client.wire.flatMap((w) => w.names).filter((n) => missing.includes(n))).toEqual([]);
      const second = client.wire.slice(before);
      expect(second.length).toBeGreaterThan(4);
      expect(Math.max(...second.map((w) => w.requestBytes))).toBeLessThanOrEqual(150_000);
      const status = workbookStatus(await readGrids(client.context));
      expect(status.outputs).toBe('current');
    },
  );

  it('ExcelApi 1.8: an in-place rewrite that fails part-way is sent again whole', async () => {
    const features = upTo(8);
    const maxRequestBytes = 100_000;
    const setup = async (): Promise<{ client: RealClient; second: () => Promise<void> }> => {
      const { fake, spec, inputSheetNames } = syntheticInFake(20);
      const client = new RealClient(fake);
      client.missing = new Set(ABOVE_1_8);
      await writeSpec(client.context, spec, { inputSheetNames, features, maxRequestBytes });
      const second = async (): Promise<void> => {
        await writeSpec(client.context, spec, { inputSheetNames, features, maxRequestBytes });
        for (const sheet of spec.sheets) expect(differences(fake, sheet)).toEqual([]);
      };
      return { client, second };
    };
    const clean = await setup();
    const start = clean.client.wire.length;
    await clean.second();
    const requests = clean.client.wire.length - start;
    const { client, second } = await setup();
    // The request before the last: the last batch of the in-place rewrite.
    client.failAt = { index: client.wire.length + requests - 2, code: 'GeneralException' };
    await expect(second()).rejects.toMatchObject({ code: 'GeneralException' });
    expect(client.wire.filter((w) => w.error).length).toBe(1);
    const fake = client.fake;
    expect(fake.sheets.filter((s) => s.name.startsWith('~fj'))).toEqual([]);
    const { spec } = syntheticInFake(20);
    for (const sheet of spec.sheets) expect(differences(fake, sheet)).toEqual([]);
  });

  it('the harness refuses a 1.9 member on a 1.8 host: the full-featured writer fails there', async () => {
    const { fake, spec, inputSheetNames } = syntheticInFake(5);
    const client = new RealClient(fake);
    client.missing = new Set(ABOVE_1_8);
    await expect(
      writeSpec(client.context, spec, { inputSheetNames, features: ALL_FEATURES }),
    ).rejects.toMatchObject({ code: 'ApiNotFound' });
    // …and nothing of it stays: the temporary sheets are gone.
    expect(fake.sheets.filter((s) => s.name.startsWith('~fj'))).toEqual([]);
  });

  it('ExcelApi 1.7: the template is created without its validations, everything else as specified', async () => {
    const fake = new FakeExcel();
    fake.addSheet('我的表', [['x']]);
    const template = inputTemplate('zh', 2025);
    const client = new RealClient(fake);
    client.missing = new Set(ABOVE_1_7);
    const { created } = await createSheets(client.context, template, { features: upTo(7) });
    expect(created).toEqual(template.sheets.map((s) => s.name));
    expect(client.wire.filter((w) => w.error)).toEqual([]);
    for (const sheet of template.sheets)
      expect(differences(fake, { ...sheet, validations: [] })).toEqual([]);
  });
});
