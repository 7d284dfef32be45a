import { Caption1, mergeClasses, Subtitle2 } from '@fluentui/react-components';
import type { JSX } from 'react';
import type { ProblemListState } from './ProblemList.types';
import type { useProblemListStyles } from './useProblemListStyles.styles';

/** Renders the problems: one button per problem (its place and message) that shows the cell. */
export function renderProblemList(
  state: ProblemListState,
  classes: ReturnType<typeof useProblemListStyles>,
): JSX.Element {
  const { t } = state;
  return (
    <section
      className={classes.root}
      aria-labelledby="fj-problems-heading"
      data-testid="problem-list"
    >
      <Subtitle2 as="h2" id="fj-problems-heading" className={classes.heading}>
        {t.problemsHeading(state.rows.length)}
      </Subtitle2>
      <Caption1 className={classes.hint}>{state.hint}</Caption1>
      <ul className={classes.list}>
        {state.rows.map((row) => {
          const place = row.place || t.wholeWorkbook;
          const content = (
            <>
              <span className={classes.place}>{place}</span>
              <span className={classes.message}>{row.message}</span>
              {state.noted === row.key ? (
                <span className={classes.note} role="status">
                  {t.cellInFile(place)}
                </span>
              ) : null}
            </>
          );
          return (
            <li key={row.key}>
              {row.sheet !== undefined ? (
                <button
                  type="button"
                  className={mergeClasses(classes.row, classes.focus)}
                  onClick={() => state.activate(row)}
                  aria-label={t.goToCell(place, row.message)}
                >
                  {content}
                </button>
              ) : (
                <div className={mergeClasses(classes.row, classes.static)}>{content}</div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
