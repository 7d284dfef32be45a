/**
 * Just enough XML for reading and editing the parts of an .xlsx package as text: attributes,
 * entities, escaping, and the elements of one kind under a parent. The package writer edits only
 * what it must and keeps every other byte of a part as it was, so nothing here builds a tree.
 * Runs in the browser and in Node.
 */
import { outOfBounds } from '../../engine';

/** The value of attribute `name` (a regular-expression fragment, e.g. `\\w+:id`) in `attrs`, decoded. */
export function attr(attrs: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attrs);
  if (!m) return undefined;
  return xmlDecode(m[1] ?? m[2] ?? '');
}

/** Decode XML character references and the five predefined entities. */
export const xmlDecode = (s: string): string =>
  s.indexOf('&') < 0
    ? s
    : s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
        if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
        if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
        return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[e] ?? '';
      });

/** Escape text for an attribute value in double quotes or for element content. */
export const xmlEscape = (s: string): string =>
  /[&<>"]/.test(s)
    ? s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
    : s;

/**
 * Whether text holds what XML 1.0 cannot (controls other than tab, line feed, carriage return;
 * surrogates, paired or not, are looked at too; U+FFFE, U+FFFF), or text that already looks like
 * OOXML's `_xHHHH_` escape.
 */
function needsOoxmlEscape(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code < 0x20 ? code !== 0x09 && code !== 0x0a && code !== 0x0d : code >= 0xd800) {
      if (code < 0xe000 || code >= 0xfffe) return true;
    }
  }
  return /_x[0-9a-fA-F]{4}_/.test(s);
}

/**
 * Cell text as OOXML element content: XML-escaped, and what XML cannot hold written as
 * `_xHHHH_` (the escape Excel and LibreOffice read back as the character; a literal `_x0041_` in
 * the text is kept literal by escaping its underscore).
 */
export function cellText(s: string): string {
  if (!needsOoxmlEscape(s)) return xmlEscape(s);
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += s.slice(i, i + 2);
        i++;
        continue;
      }
      out += '_xFFFD_';
      continue;
    }
    if (code >= 0xdc00 && code <= 0xdfff) {
      out += '_xFFFD_';
      continue;
    }
    if (
      (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) ||
      code === 0xfffe ||
      code === 0xffff
    ) {
      out += `_x${code.toString(16).toUpperCase().padStart(4, '0')}_`;
      continue;
    }
    if (s[i] === '_' && /^_x[0-9a-fA-F]{4}_/.test(s.slice(i, i + 7))) {
      out += '_x005F_';
      continue;
    }
    out += xmlEscape(s[i] ?? outOfBounds());
  }
  return out;
}

/** One element found in a part's text: where it starts and ends, its attributes and content. */
export interface Found {
  readonly start: number;
  readonly end: number;
  /** The text between the tag name and `>` (or `/>`). */
  readonly attrs: string;
  /** The content between the start and end tags; undefined for an empty element (`<a/>`). */
  readonly body: string | undefined;
  /** The namespace prefix with its colon ('x:'), or ''. */
  readonly prefix: string;
}

/**
 * Every `local` element in `xml` (any prefix), in order. Elements of that name must not nest
 * (true of the package elements this is used on: sheet, definedName, Relationship, Override …).
 */
export function elements(xml: string, local: string, from = 0, to = xml.length): Found[] {
  const out: Found[] = [];
  const open = new RegExp(`<((?:[\\w.-]+:)?)${local}(?=[\\s/>])([^>]*?)(/?)>`, 'g');
  open.lastIndex = from;
  for (let m = open.exec(xml); m && m.index < to; m = open.exec(xml)) {
    const prefix = m[1] ?? '';
    const attrs = m[2] ?? '';
    if (m[3] === '/') {
      out.push({ start: m.index, end: open.lastIndex, attrs, body: undefined, prefix });
      continue;
    }
    const close = `</${prefix}${local}>`;
    const at = xml.indexOf(close, open.lastIndex);
    if (at < 0) break;
    out.push({
      start: m.index,
      end: at + close.length,
      attrs,
      body: xml.slice(open.lastIndex, at),
      prefix,
    });
    open.lastIndex = at + close.length;
  }
  return out;
}

/** The first `local` element in `xml`, or undefined. */
export const element = (xml: string, local: string, from = 0): Found | undefined =>
  elements(xml, local, from)[0];

/** Set (or add) attribute `name` on a start tag's attribute text. */
export function setAttr(attrs: string, name: string, value: string): string {
  const re = new RegExp(`(\\s${name}\\s*=\\s*)(?:"[^"]*"|'[^']*')`);
  const quoted = `"${xmlEscape(value)}"`;
  if (re.test(attrs)) return attrs.replace(re, (_, head: string) => `${head}${quoted}`);
  const selfClosing = /\s*\/$/.exec(attrs);
  if (selfClosing) return `${attrs.slice(0, selfClosing.index)} ${name}=${quoted}/`;
  return `${attrs} ${name}=${quoted}`;
}

/** Remove attribute `name` from a start tag's attribute text. */
export const removeAttr = (attrs: string, name: string): string =>
  attrs.replace(new RegExp(`\\s${name}\\s*=\\s*(?:"[^"]*"|'[^']*')`), '');

/** The prefix (with colon, or '') bound to namespace `uri` by a declaration in `xml`, if any. */
export function prefixOf(xml: string, uri: string): string | undefined {
  for (const m of xml.matchAll(/\sxmlns(?::([\w.-]+))?\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    if ((m[2] ?? m[3]) === uri) return m[1] === undefined ? '' : `${m[1]}:`;
  }
  return undefined;
}
