/** Number formatting shared by the pane's components. */
import { fixed } from '../workbook/fixed';

const MINUS = '\u2212';

/** A fraction as a percentage with one decimal: 0.6667 → '66.7%'; null → '—'. */
export function pct(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const s = fixed(v * 100, 1);
  return `${s.startsWith('-') ? MINUS + s.slice(1) : s}%`;
}

/** Percentage points with a sign and one decimal: −24.6, +3.0, 0.0. */
export function signedPoints(v: number): string {
  const s = fixed(Math.abs(v), 1);
  if (s === '0.0') return '0.0';
  return v < 0 ? `${MINUS}${s}` : `+${s}`;
}

/** A fraction as a signed percentage: 0.12 → '+12.0%'. */
export function signedPct(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return `${signedPoints(v * 100)}%`;
}
