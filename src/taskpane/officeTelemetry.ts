/**
 * Outside Office (file mode), office.js's fallback script (o15apptofilemappingtable.js) starts a
 * logger that, three seconds later, loads a hidden iframe from
 * https://telemetryservice.firstpartyapps.oaspapps.com/. Nothing of the pane is ever logged to
 * it, and an intranet without internet should not see the pane knock on a Microsoft server, so
 * in file mode the pending frame is cancelled: its loader is replaced with a no-op.
 * Inside Excel office.js is left exactly as Microsoft ships it.
 */

/** The part of office.js's ULS logger this touches. */
interface UlsEndpoint {
  proxyFrame?: unknown;
  loadProxyFrame?: () => void;
}

interface OfficeLoggers {
  readonly Logger?: { readonly ulsEndpoint?: UlsEndpoint | null };
  readonly OSF?: { readonly Logger?: { readonly ulsEndpoint?: UlsEndpoint | null } };
}

/**
 * Cancels office.js's telemetry frame if it has not been loaded yet.
 * @returns how many loggers were stopped (0 when office.js is absent or has none).
 */
export function stopOfficeTelemetryFrame(win: Window): number {
  const w = win as unknown as OfficeLoggers;
  const endpoints = new Set([w.Logger?.ulsEndpoint, w.OSF?.Logger?.ulsEndpoint]);
  let stopped = 0;
  for (const uls of endpoints) {
    if (
      uls &&
      typeof uls === 'object' &&
      uls.proxyFrame == null &&
      typeof uls.loadProxyFrame === 'function'
    ) {
      uls.loadProxyFrame = () => undefined;
      stopped++;
    }
  }
  return stopped;
}
