import { useCallback, useMemo, useState } from 'react';
import { errorMessage, errorPlace } from '../../../engine';
import type { ProblemListProps, ProblemListState, ProblemRow } from './ProblemList.types';

/** State of the problem list: rows in the interface language, and what a click does. */
export function useProblemList(props: ProblemListProps): ProblemListState {
  const { t, lang, errors, onSelect, onError } = props;
  const [noted, setNoted] = useState<string | undefined>(undefined);
  const rows = useMemo<ProblemRow[]>(
    () =>
      errors.map((e, i) => ({
        key: `${i}:${e.code}:${errorPlace(e)}`,
        place: errorPlace(e),
        message: errorMessage(e, lang),
        ...(e.sheet !== undefined ? { sheet: e.sheet } : {}),
        ...(e.cell !== undefined ? { cell: e.cell } : {}),
      })),
    [errors, lang],
  );
  const activate = useCallback(
    (row: ProblemRow) => {
      if (row.sheet === undefined) return;
      onSelect(row.sheet, row.cell)
        .then((shown) => setNoted(shown ? undefined : row.key))
        .catch(onError);
    },
    [onSelect, onError],
  );
  return {
    t,
    rows,
    hint: props.hostKind === 'file' ? t.problemsHintFile : t.problemsHintExcel,
    ...(noted !== undefined ? { noted } : {}),
    activate,
  };
}
