import { makeStyles, tokens } from '@fluentui/react-components';

/** Styles of the pane's frame. */
export const useAppStyles = makeStyles({
  provider: { minHeight: '100vh' },
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    boxSizing: 'border-box',
    width: '100%',
    maxWidth: '560px',
    minWidth: 0,
    margin: '0 auto',
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM} ${tokens.spacingVerticalXXL}`,
  },
  header: {
    display: 'flex',
    alignItems: 'flex-start',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
  },
  titles: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  title: { margin: 0 },
  subtitle: { color: tokens.colorNeutralForeground3 },
  toggles: { display: 'flex', flexShrink: 0, gap: tokens.spacingHorizontalXS },
  messages: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  messageText: { overflowWrap: 'anywhere' },
});
