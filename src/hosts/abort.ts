/**
 * `AbortSignal.throwIfAborted` for every web view the add-in runs in: Safari before 15.4 (Excel
 * for Mac on older macOS) and older Windows web views lack it, and calling it threw a TypeError
 * on every Recalculate.
 */

/** Throws the signal's reason (an AbortError when it has none) once it is aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (!signal?.aborted) return;
  const reason: unknown = signal.reason;
  if (reason instanceof Error) throw reason;
  const error = new Error(typeof reason === 'string' ? reason : 'The operation was aborted.');
  error.name = 'AbortError';
  throw error;
}
