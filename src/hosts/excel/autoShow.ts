/**
 * The pane reopens with a workbook it has worked on: Office opens the task pane whose manifest
 * `TaskpaneId` is `Office.AutoShowTaskpaneWithDocument` when the document's setting of that name
 * is true (Office's "automatically open a task pane with a document"). Set after every write.
 */

/** The document setting Office reads, and the manifest's TaskpaneId that it opens. */
export const AUTO_SHOW_SETTING = 'Office.AutoShowTaskpaneWithDocument';

/** The part of `Office.Settings` used here. */
export type SettingsLike = Pick<Office.Settings, 'get' | 'set' | 'saveAsync'>;

/**
 * Marks the document so that the pane opens with it (does nothing when it is marked already).
 * Never fails the run it follows: a host without document settings, or a save that fails, is
 * logged and skipped. Resolves once the setting is saved (or skipped).
 */
export function rememberPane(settings: SettingsLike | undefined): Promise<void> {
  if (!settings || settings.get(AUTO_SHOW_SETTING) === true) return Promise.resolve();
  settings.set(AUTO_SHOW_SETTING, true);
  return new Promise((resolve) => {
    settings.saveAsync((result) => {
      // Office.AsyncResultStatus.Succeeded is 'succeeded' (no Office global needed to compare).
      if (String(result.status) !== 'succeeded')
        console.warn('[fenjie] the pane will not reopen with the workbook', result.error);
      resolve();
    });
  });
}
