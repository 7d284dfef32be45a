/**
 * A short fingerprint of the input sheets (FNV-1a, 2 × 32 bits, hex). Output sheets record it in
 * their note, so a host can tell whether they are current or stale without recomputing.
 *
 * @example inputFingerprint(grids) // → '9c1f0e3a5b7d2c44'
 */
import type { WorkbookGrids } from './grid';
import { findSheet, INPUT_SHEETS } from './names';

function fnv1a(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function inputFingerprint(grids: WorkbookGrids): string {
  const parts: string[] = [];
  for (const key of INPUT_SHEETS) {
    const g = findSheet(grids.sheets, key);
    if (g) parts.push(key, JSON.stringify(g.cells), JSON.stringify(g.merges ?? []));
  }
  const text = parts.join('\u0001');
  const hex = (n: number): string => n.toString(16).padStart(8, '0');
  return hex(fnv1a(text, 0x811c9dc5)) + hex(fnv1a(text, 0x01234567));
}
