import { makeStyles, tokens } from '@fluentui/react-components';

/** Styles of the file bar. */
export const useFileBarStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  name: {
    flexGrow: 1,
    minWidth: 0,
    overflowWrap: 'anywhere',
    fontWeight: tokens.fontWeightSemibold,
  },
  noFile: { flexGrow: 1, color: tokens.colorNeutralForeground3 },
  hint: { color: tokens.colorNeutralForeground3 },
  offline: { color: tokens.colorPaletteGreenForeground1 },
  hidden: { display: 'none' },
});
