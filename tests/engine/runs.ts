/**
 * How the property tests run.
 *
 * - By default (`npm test`, CI) every property uses one fixed seed, so a red run means a change
 *   broke something, never that a new random case happened to turn up that day.
 * - `npm run fuzz` explores: a fresh random seed for each property (fast-check prints it with the
 *   counterexample) and FENJIE_FUZZ times as many runs. A case it finds becomes a table-driven
 *   regression test beside the code, named after what it shows.
 */
import type fc from 'fast-check';

/** The seed every property starts from outside fuzzing. Change it only on purpose. */
export const SEED = 20261122;

const fuzz = Number(process.env['FENJIE_FUZZ'] ?? '0');

/** Parameters for `fc.assert`: `n` runs from the fixed seed, or `n × FENJIE_FUZZ` from a random one. */
export function runs(n: number): fc.Parameters<unknown> {
  return Number.isFinite(fuzz) && fuzz > 0
    ? { numRuns: Math.round(n * fuzz) }
    : { numRuns: n, seed: SEED };
}
