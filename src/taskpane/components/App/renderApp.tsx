import {
  Button,
  Caption1,
  FluentProvider,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Title3,
  webDarkTheme,
  webLightTheme,
} from '@fluentui/react-components';
import type { JSX } from 'react';
import { FileBar } from '../FileBar';
import { ProblemList } from '../ProblemList';
import { Recalculate } from '../Recalculate';
import { BulletinView } from '../BulletinView';
import { ResultView } from '../ResultView';
import { RunSettings } from '../RunSettings';
import { StatusPanel } from '../StatusPanel';
import type { AppState } from './App.types';
import type { useAppStyles } from './useAppStyles.styles';

/** Renders the messages: start-up error, error, notice. */
/** The Dismiss button of a message. */
function dismissAction(t: AppState['t'], onClick: () => void): JSX.Element {
  return (
    <MessageBarActions
      containerAction={
        <Button appearance="transparent" size="small" onClick={onClick}>
          {t.dismiss}
        </Button>
      }
    />
  );
}

function renderMessages(
  state: AppState,
  classes: ReturnType<typeof useAppStyles>,
): JSX.Element | null {
  const { t, error, notice } = state;
  if (!state.bootError && !state.officeTimedOut && !error && !notice) return null;
  return (
    <div className={classes.messages}>
      {state.bootError ? (
        <MessageBar intent="error" layout="multiline" data-testid="boot-error">
          <MessageBarBody className={classes.messageText}>
            <MessageBarTitle>{t.bootErrorTitle}</MessageBarTitle>
            {state.bootError}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {state.officeTimedOut ? (
        <MessageBar intent="warning" layout="multiline" data-testid="office-timeout">
          <MessageBarBody className={classes.messageText}>{t.officeTimeout}</MessageBarBody>
        </MessageBar>
      ) : null}
      {error ? (
        <MessageBar intent="error" layout="multiline" data-testid="error">
          <MessageBarBody className={classes.messageText}>
            <MessageBarTitle>{error.kind === 'open' ? t.openFailed : t.errorTitle}</MessageBarTitle>
            {error.text}
          </MessageBarBody>
          {dismissAction(t, state.dismissError)}
        </MessageBar>
      ) : null}
      {notice ? (
        <MessageBar
          intent={notice.kind === 'cancelled' ? 'warning' : 'success'}
          data-testid="notice"
        >
          <MessageBarBody className={classes.messageText}>
            {notice.kind === 'cancelled' ? t.cancelledNotice : t.inputsCreated(notice.n)}
          </MessageBarBody>
          {dismissAction(t, state.dismissNotice)}
        </MessageBar>
      ) : null}
    </div>
  );
}

/** Renders the pane: header, messages, file bar, status, settings, recalculate, problems, result. */
export function renderApp(state: AppState, classes: ReturnType<typeof useAppStyles>): JSX.Element {
  const { t, lang, host, workbook, run } = state;
  const busy = run.running || state.creating;
  const ready = workbook !== undefined && !workbook.status.needsInputs;
  return (
    <FluentProvider
      theme={state.theme === 'dark' ? webDarkTheme : webLightTheme}
      className={classes.provider}
    >
      <main className={classes.root} data-testid="app" data-lang={lang}>
        <header className={classes.header}>
          <div className={classes.titles}>
            <Title3 as="h1" className={classes.title}>
              {t.appTitle}
            </Title3>
            <Caption1 className={classes.subtitle}>{t.appSubtitle}</Caption1>
          </div>
          <div className={classes.toggles}>
            <Button
              size="small"
              appearance="subtle"
              onClick={state.toggleLang}
              aria-label={t.switchLanguageLabel}
              lang={lang === 'zh' ? 'en' : 'zh-CN'}
            >
              {t.otherLanguage}
            </Button>
            <Button
              size="small"
              appearance="subtle"
              onClick={state.toggleTheme}
              aria-label={t.switchThemeLabel}
            >
              {state.theme === 'dark' ? t.themeLight : t.themeDark}
            </Button>
          </div>
        </header>
        {renderMessages(state, classes)}
        {host?.kind === 'file' ? (
          <FileBar
            t={t}
            {...(state.label !== undefined ? { fileName: state.label } : {})}
            offline={state.offline}
            busy={busy}
            canDownload={state.canDownload && !busy}
            onOpen={state.openFile}
            onDownload={state.download}
            onError={state.reportError}
          />
        ) : null}
        {host?.kind === 'excel' && !workbook && !state.error ? (
          <Spinner size="small" label={t.readingWorkbook} />
        ) : null}
        {host && workbook ? (
          <StatusPanel
            t={t}
            lang={lang}
            hostKind={host.kind}
            {...(state.label !== undefined ? { label: state.label } : {})}
            status={workbook.status}
            busy={busy}
            creating={state.creating}
            onCreateInputs={state.createInputs}
            onRefresh={state.refresh}
          />
        ) : null}
        {ready ? (
          <RunSettings
            t={t}
            value={state.settings}
            sheet={workbook.sheet}
            disabled={busy}
            onChange={state.setSettings}
          />
        ) : null}
        {ready ? (
          <Recalculate
            t={t}
            running={run.running}
            {...(run.stage !== undefined ? { stage: run.stage } : {})}
            fraction={run.fraction}
            {...(run.outcome !== undefined ? { outcome: run.outcome } : {})}
            problemCount={state.problems.length}
            disabled={!state.settingsValid || state.creating}
            onRecalculate={state.recalculate}
            onCancel={state.cancel}
          />
        ) : null}
        {host && state.problems.length > 0 ? (
          <ProblemList
            t={t}
            lang={lang}
            hostKind={host.kind}
            errors={state.problems}
            onSelect={state.selectCell}
            onError={state.reportError}
          />
        ) : null}
        {state.plan ? (
          <ResultView
            t={t}
            lang={lang}
            plan={state.plan}
            {...(state.round ? { round: state.round } : {})}
          />
        ) : null}
        {state.bulletin ? (
          <BulletinView t={t} bulletin={state.bulletin} onError={state.reportError} />
        ) : null}
      </main>
    </FluentProvider>
  );
}
