/**
 * The add-in manifest, checked offline (`npm run validate` asks Microsoft's online service; this
 * needs no network): well-formed, the elements Office requires, Chinese and English names, the
 * permission and requirement set the code really needs, every resource id defined, and in a
 * production build with a real URL every referenced icon and page exists and is https.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { EXCEL_API_REQUIRED } from '../src/hosts/excel';
import { AUTO_SHOW_SETTING } from '../src/hosts/excel/autoShow';
import { PRODUCTION_URL, sharedPaneBuild } from './ui/harness';

const ROOT = process.cwd();
const SOURCE = readFileSync(join(ROOT, 'manifest.xml'), 'utf8');
const PROD_URL = PRODUCTION_URL;

type Node = Record<string, unknown>;
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  isArray: (name) =>
    ['Override', 'Image', 'Url', 'String', 'Set', 'Host', 'AppDomain', 'Control'].includes(name),
});
const parse = (xml: string): Node => (parser.parse(xml) as { OfficeApp: Node }).OfficeApp;

/** Every attribute value anywhere in the tree, with its attribute name. */
function attributes(node: unknown, out: [string, string][] = []): [string, string][] {
  if (Array.isArray(node)) node.forEach((n) => attributes(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k.startsWith('@') && typeof v === 'string') out.push([k.slice(1), v]);
      else attributes(v, out);
    }
  }
  return out;
}

/** Every URL in the manifest: DefaultValue/Value attributes that are URLs, and app domains (not namespaces). */
const urlsOf = (xml: string): string[] => [
  ...[...xml.matchAll(/(?:DefaultValue|Value)="([a-z]+:\/\/[^"]+)"/g)].map((m) => m[1] as string),
  ...[...xml.matchAll(/<AppDomain>([^<]+)<\/AppDomain>/g)].map((m) => m[1] as string),
];

describe('manifest.xml (source)', () => {
  const app = parse(SOURCE);
  it('is well-formed XML', () => {
    expect(XMLValidator.validate(SOURCE)).toBe(true);
  });
  it('is an Excel task-pane add-in with a GUID id and a four-part version', () => {
    expect(app['@type']).toBe('TaskPaneApp');
    expect(String(app.Id)).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    expect(String(app.Version)).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect((app.Hosts as Node).Host).toEqual([{ '@Name': 'Workbook' }]);
    expect(String(app.ProviderName).length).toBeGreaterThan(0);
  });
  it('asks only for ReadWriteDocument', () => {
    expect(app.Permissions).toBe('ReadWriteDocument');
  });
  it('requires exactly the ExcelApi set the Office.js host needs', () => {
    const sets = ((app.Requirements as Node).Sets as Node).Set as Node[];
    expect(sets).toEqual([{ '@Name': 'ExcelApi', '@MinVersion': EXCEL_API_REQUIRED }]);
  });
  it('has Chinese display name and description by default, English overrides', () => {
    expect(app.DefaultLocale).toBe('zh-CN');
    for (const key of ['DisplayName', 'Description'] as const) {
      const n = app[key] as Node;
      expect(String(n['@DefaultValue'])).toMatch(/[\u4e00-\u9fff]/);
      const en = (n.Override as Node[]).find((o) => o['@Locale'] === 'en-US');
      expect(String(en?.['@Value'])).toMatch(/^[\x20-\x7e]+$/);
    }
    expect(String((app.DisplayName as Node)['@DefaultValue']).length).toBeLessThanOrEqual(125);
  });
  it('defines every resource id it refers to, each short string in English too', () => {
    const resids = attributes(app)
      .filter(([k]) => k === 'resid')
      .map(([, v]) => v);
    const resources = (app.VersionOverrides as Node).Resources as Node;
    const defined = new Set(
      ['Images', 'Urls', 'ShortStrings', 'LongStrings'].flatMap((group) => {
        const g = resources[group] as Node;
        const items = (g.Image ?? g.Url ?? g.String) as Node[];
        return items.map((i) => String(i['@id']));
      }),
    );
    expect(resids.length).toBeGreaterThan(5);
    expect(resids.filter((r) => !defined.has(r))).toEqual([]);
    for (const s of [
      ...((resources.ShortStrings as Node).String as Node[]),
      ...((resources.LongStrings as Node).String as Node[]),
    ]) {
      expect((s.Override as Node[] | undefined)?.[0]?.['@Locale'], String(s['@id'])).toBe('en-US');
    }
  });
  it('has the ribbon: the pane button reopening with the document, and a Recalculate function command', () => {
    const host = ((app.VersionOverrides as Node).Hosts as Node).Host as Node[];
    const desktop = host[0]?.DesktopFormFactor as Node;
    expect((desktop.FunctionFile as Node)['@resid']).toBe('Commands.Url');
    const group = ((desktop.ExtensionPoint as Node).OfficeTab as Node).Group as Node;
    const controls = group.Control as Node[];
    const byId = new Map(controls.map((c) => [String(c['@id']), c.Action as Node]));
    // The TaskpaneId Office opens when the document's setting of that name is true (autoShow.ts).
    expect(byId.get('Fenjie.TaskpaneButton')).toMatchObject({
      '@type': 'ShowTaskpane',
      TaskpaneId: AUTO_SHOW_SETTING,
    });
    // The name commands.ts associates.
    expect(byId.get('Fenjie.RecalculateButton')).toEqual({
      '@type': 'ExecuteFunction',
      FunctionName: 'recalculate',
    });
    expect(readFileSync(join(ROOT, 'src/taskpane/commands.ts'), 'utf8')).toContain(
      "Office.actions.associate('recalculate'",
    );
    const strings = ((app.VersionOverrides as Node).Resources as Node).ShortStrings as Node;
    const label = (strings.String as Node[]).find((x) => x['@id'] === 'RecalculateButton.Label');
    expect(label?.['@DefaultValue']).toBe('重新计算');
    expect((label?.Override as Node[])[0]?.['@Value']).toBe('Recalculate');
  });
  it('uses only https URLs on the development origin', () => {
    const urls = urlsOf(SOURCE);
    expect(urls.length).toBeGreaterThan(5);
    expect(urls.filter((u) => !u.startsWith('https://localhost:3000'))).toEqual([]);
  });
});

/** Width and height of a PNG, from its IHDR chunk. */
const pngSize = (file: string): [number, number] => {
  const b = readFileSync(file);
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
};

describe('manifest.xml in a production build', () => {
  let dist = '';
  let built = '';
  beforeAll(async () => {
    dist = await sharedPaneBuild(inject('paneBuildDir'));
    built = readFileSync(join(dist, 'manifest.xml'), 'utf8');
  }, 240_000);

  it('points every URL at the production URL, over https', () => {
    const urls = urlsOf(built);
    expect(urls.length).toBe(urlsOf(SOURCE).length);
    expect(urls.filter((u) => !u.startsWith('https://fenjie.example.gov.cn'))).toEqual([]);
    expect(built).not.toContain('localhost');
    expect(XMLValidator.validate(built)).toBe(true);
  });

  it('every referenced icon and page exists in the build', () => {
    const files = urlsOf(built)
      .filter((u) => u.startsWith(PROD_URL))
      .map((u) => new URL(u).pathname.slice(new URL(PROD_URL).pathname.length));
    expect(files).toContain('taskpane.html');
    expect(files).toContain('commands.html');
    expect(files.filter((f) => !existsSync(join(dist, f)))).toEqual([]);
  });

  it('each icon has the size the manifest says', () => {
    const app = parse(built);
    const images = ((app.VersionOverrides as Node).Resources as Node).Images as Node;
    for (const img of images.Image as Node[]) {
      const size = Number(/icon-(\d+)\.png$/.exec(String(img['@DefaultValue']))?.[1]);
      const file = join(
        dist,
        new URL(String(img['@DefaultValue'])).pathname.slice(new URL(PROD_URL).pathname.length),
      );
      expect(pngSize(file)).toEqual([size, size]);
    }
    for (const [key, size] of [
      ['IconUrl', 32],
      ['HighResolutionIconUrl', 64],
    ] as const) {
      const url = String((app[key] as Node)['@DefaultValue']);
      expect(
        pngSize(join(dist, new URL(url).pathname.slice(new URL(PROD_URL).pathname.length))),
      ).toEqual([size, size]);
    }
  });
});
