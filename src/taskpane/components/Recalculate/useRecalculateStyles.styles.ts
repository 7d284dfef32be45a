import { makeStyles, tokens } from '@fluentui/react-components';

/** Styles of the recalculate section. */
export const useRecalculateStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  primary: { flexGrow: 1 },
});
