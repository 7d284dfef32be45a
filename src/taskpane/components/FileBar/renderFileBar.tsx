import { Button, Caption1, Spinner, Text } from '@fluentui/react-components';
import type { JSX } from 'react';
import type { FileBarState } from './FileBar.types';
import type { useFileBarStyles } from './useFileBarStyles.styles';

/** Renders the file bar: open button (with its hidden input), the file name, download. */
export function renderFileBar(
  state: FileBarState,
  classes: ReturnType<typeof useFileBarStyles>,
): JSX.Element {
  const { t } = state;
  return (
    <section className={classes.root} aria-label={t.openFileLabel}>
      <div className={classes.row}>
        <Button
          appearance="secondary"
          onClick={state.pick}
          disabled={state.busy || state.opening}
          aria-label={t.openFileLabel}
        >
          {t.openFile}
        </Button>
        <input
          ref={state.inputRef}
          className={classes.hidden}
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={state.onInputChange}
          tabIndex={-1}
          aria-hidden="true"
          data-testid="file-input"
        />
        {state.opening ? (
          <Spinner size="tiny" label={t.opening} />
        ) : state.fileName !== undefined ? (
          <Text className={classes.name} data-testid="file-name">
            {state.fileName}
          </Text>
        ) : (
          <Text className={classes.noFile}>{t.noFile}</Text>
        )}
      </div>
      {state.canDownload ? (
        <div className={classes.row}>
          <Button
            appearance="primary"
            onClick={state.download}
            disabled={state.busy || state.downloading}
          >
            {state.downloading ? t.downloadPreparing : t.download}
          </Button>
        </div>
      ) : null}
      {state.offline ? (
        <Caption1 className={classes.offline} data-testid="offline-note">
          {t.offlineNote}
        </Caption1>
      ) : state.fileName === undefined ? (
        <Caption1 className={classes.hint}>{t.fileModeHint}</Caption1>
      ) : null}
    </section>
  );
}
