/**
 * The function file of the ribbon's 重新计算 / Recalculate button (manifest.xml `FunctionFile`,
 * `ExecuteFunction` "recalculate"): runs the recalculation without opening the pane. When it did
 * not write (problems in the input, or a failure), it says why in a small Office dialog, this
 * same page opened with `?message=`; on success the outputs speak for themselves. The one reading
 * of the clock, as in index.tsx.
 */
import './polyfills';
import { createExcelHost } from '../hosts/excel/excelHost';
import { makeClock } from './clock';
import { runCommand } from './command';
import { langOf } from './lang';

/** This page opened as the command's message dialog: shows the message. */
function showMessage(message: string): void {
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.textContent = message;
  document.body.appendChild(p);
}

/** Opens this page as a dialog that shows `message` (DialogApi 1.1). */
function tell(message: string): void {
  const url = new URL(window.location.href);
  url.search = `?message=${encodeURIComponent(message)}`;
  Office.context.ui.displayDialogAsync(url.href, { height: 25, width: 30 }, (result) => {
    if (String(result.status) !== 'succeeded')
      console.warn('[fenjie] the message dialog did not open', result.error, message);
  });
}

async function recalculateCommand(event: Office.AddinCommands.Event): Promise<void> {
  try {
    const ctx: Partial<Office.Context> = Office.context;
    const lang = langOf(ctx.displayLanguage ?? navigator.language);
    const report = await runCommand(createExcelHost(), lang, makeClock()());
    if (!report.ok) tell(report.message);
  } catch (error) {
    console.error('[fenjie] the Recalculate command failed', error);
  } finally {
    event.completed();
  }
}

const message = new URLSearchParams(window.location.search).get('message');
if (message !== null) showMessage(message);
else
  void Office.onReady(() => {
    Office.actions.associate('recalculate', (event: Office.AddinCommands.Event) => {
      void recalculateCommand(event);
    });
  });
