import { useMemo } from 'react';
import { INPUT_SHEETS, SHEETS } from '../../../workbook/names';
import type { SheetLine, StatusPanelProps, StatusPanelState } from './StatusPanel.types';

/** State of the status panel: one line per input sheet, the outputs' state. */
export function useStatusPanel(props: StatusPanelProps): StatusPanelState {
  const { status, lang, t } = props;
  const sheets = useMemo<SheetLine[]>(
    () =>
      INPUT_SHEETS.map((key) => {
        const name = status.inputs[key];
        return { key, name: name ?? SHEETS[key][lang], found: name !== undefined };
      }),
    [status, lang],
  );
  return {
    t,
    // In file mode the file bar shows the name already.
    ...(props.hostKind === 'excel' ? { title: props.label ?? t.currentWorkbook } : {}),
    sheets,
    outputs: status.outputs,
    liveChanged: status.liveChanged,
    needsInputs: status.needsInputs,
    canRefresh: props.hostKind === 'excel',
    busy: props.busy,
    creating: props.creating,
    onCreateInputs: props.onCreateInputs,
    onRefresh: props.onRefresh,
  };
}
