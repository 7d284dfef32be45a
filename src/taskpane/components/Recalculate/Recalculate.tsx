import type { JSX } from 'react';
import type { RecalculateProps } from './Recalculate.types';
import { renderRecalculate } from './renderRecalculate';
import { useRecalculate } from './useRecalculate';
import { useRecalculateStyles } from './useRecalculateStyles.styles';

/** The Recalculate button with its staged progress bar and Cancel. */
export function Recalculate(props: RecalculateProps): JSX.Element {
  const state = useRecalculate(props);
  return renderRecalculate(state, useRecalculateStyles());
}
