import { Badge, Button, Caption1, Subtitle2, Text } from '@fluentui/react-components';
import type { JSX } from 'react';
import type { StatusPanelState } from './StatusPanel.types';
import type { useStatusPanelStyles } from './useStatusPanelStyles.styles';

const OUTPUT_COLOR = { missing: 'informative', current: 'success', stale: 'warning' } as const;

/** Renders the workbook's status: input sheets found, outputs, and the create/refresh actions. */
export function renderStatusPanel(
  state: StatusPanelState,
  classes: ReturnType<typeof useStatusPanelStyles>,
): JSX.Element {
  const { t } = state;
  return (
    <section
      className={classes.root}
      aria-labelledby="fj-status-heading"
      data-testid="status-panel"
    >
      <div className={classes.header}>
        <Subtitle2 as="h2" id="fj-status-heading" className={classes.title}>
          {t.workbookHeading}
          {state.title !== undefined ? (
            <Text className={classes.label}> · {state.title}</Text>
          ) : null}
        </Subtitle2>
        {state.canRefresh ? (
          <Button
            size="small"
            appearance="subtle"
            onClick={state.onRefresh}
            disabled={state.busy}
            aria-label={t.refreshLabel}
          >
            {t.refresh}
          </Button>
        ) : null}
      </div>
      <Caption1>{t.inputSheets}</Caption1>
      <ul className={classes.sheets} aria-label={t.inputSheets}>
        {state.sheets.map((s) => (
          <li key={s.key}>
            <Badge
              appearance={s.found ? 'tint' : 'outline'}
              color={s.found ? 'brand' : 'subtle'}
              title={s.found ? t.sheetFound(s.name) : t.sheetMissing(s.name)}
            >
              <span aria-hidden="true">{s.found ? '✓\u00a0' : '✕\u00a0'}</span>
              <span className={classes.srOnly}>
                {s.found ? t.sheetFound(s.name) : t.sheetMissing(s.name)}
              </span>
              <span aria-hidden="true">{s.name}</span>
            </Badge>
          </li>
        ))}
      </ul>
      <div className={classes.line}>
        <Caption1>{t.outputSheets}</Caption1>
        <Badge appearance="tint" color={OUTPUT_COLOR[state.outputs]} data-testid="output-state">
          {t.outputState[state.outputs]}
        </Badge>
      </div>
      {state.outputs === 'current' && state.liveChanged ? (
        <Caption1 data-testid="live-changed">{t.liveChangedHint}</Caption1>
      ) : null}
      {state.needsInputs ? (
        <>
          <Caption1>{t.needsInputsHint}</Caption1>
          <div className={classes.actions}>
            <Button
              appearance="primary"
              onClick={state.onCreateInputs}
              disabled={state.busy || state.creating}
            >
              {state.creating ? t.creatingInputs : t.createInputs}
            </Button>
          </div>
        </>
      ) : null}
    </section>
  );
}
