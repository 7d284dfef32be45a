import { Button } from '@fluentui/react-components';
import { useCallback, useState, type JSX } from 'react';
import type { IssueSource } from '../../runner';
import type { Strings } from '../../strings';
import { saveBytes } from '../FileBar/useFileBar';

/** Props of the 下发 button. */
export interface IssueViewProps {
  readonly t: Strings;
  readonly issue: IssueSource;
  readonly onError: (error: unknown) => void;
}

/**
 * 下发 in the pane: after a recalculation of a workbook with units, the units' own workbooks —
 * the ones `fenjie issue` writes (hosts/xlsx/issue.ts) — in one .zip to download, made here in
 * the pane (nothing leaves the computer). The same in both hosts; the .xlsx writer (the file
 * host's ExcelJS chunk) is loaded on the first click.
 */
export function IssueView({ t, issue, onError }: IssueViewProps): JSX.Element {
  const [busy, setBusy] = useState(false);
  const download = useCallback(() => {
    setBusy(true);
    // The ExcelJS chunk the file host loads (one copy of ExcelJS, also in the single 分解.html).
    import(/* webpackChunkName: "exceljs" */ '../../../hosts/file/xlsx')
      .then((m) => m.issueZip(issue.input, issue.plan, issue.lang, issue.today))
      .then((bytes) =>
        saveBytes(t.issueZipName(issue.input.settings.area ?? ''), bytes, 'application/zip'),
      )
      .catch(onError)
      .finally(() => setBusy(false));
  }, [issue, onError, t]);
  return (
    <Button appearance="secondary" onClick={download} disabled={busy} data-testid="download-issue">
      {busy ? t.downloadPreparing : t.issueUnits}
    </Button>
  );
}
