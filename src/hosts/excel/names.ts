/**
 * Sheet-name rules for the Office.js host: validity, the comparison Excel uses, the guard that
 * keeps the writer off input sheets, and the reserved temporary names used while rebuilding.
 */
import { isLegalSheetName } from '../../workbook/spec';

/** Excel's own comparison of sheet names: case-insensitive. */
export const sameSheet = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** The workbook contract's comparison (trimmed, case- and width-insensitive), used to guard input sheets. */
export const contractKey = (name: string): string => name.normalize('NFKC').trim().toLowerCase();

/** Temporary names are `~fj<n>~…` (new outputs) and `~fjx<n>~` (old outputs being replaced); reserved. */
export const TEMP_PREFIX = /^~fjx?\d+~/;

/** The temporary name a new output is built under (at most 31 characters). */
export const tempName = (index: number, name: string): string => `~fj${index}~${name}`.slice(0, 31);

/** The name an old output is moved to just before it is deleted. */
export const retiredName = (index: number): string => `~fjx${index}~`;

/** Throws unless `name` is a legal Excel sheet name. */
export function assertSheetName(name: string): void {
  if (!isLegalSheetName(name)) {
    throw new Error(`"${name}" is not a valid Excel sheet name`);
  }
  if (name.toLowerCase() === 'history') throw new Error('"History" is reserved by Excel');
  if (TEMP_PREFIX.test(name))
    throw new Error(`"${name}" uses the prefix reserved for temporary sheets`);
}

/**
 * Throws if any output name is repeated, illegal, or names an input sheet (compared the way the
 * workbook contract matches names), before anything is sent to Excel.
 */
export function assertOutputNames(
  outputs: readonly string[],
  inputSheetNames: readonly string[],
): void {
  const inputs = new Set(inputSheetNames.map(contractKey));
  const seen = new Set<string>();
  for (const name of outputs) {
    assertSheetName(name);
    if (inputs.has(contractKey(name))) throw new Error(`refusing to write input sheet "${name}"`);
    const key = name.toLowerCase();
    if (seen.has(key)) throw new Error(`output sheet "${name}" appears twice`);
    seen.add(key);
  }
}
