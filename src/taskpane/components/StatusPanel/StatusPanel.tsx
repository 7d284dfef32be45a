import type { JSX } from 'react';
import { renderStatusPanel } from './renderStatusPanel';
import type { StatusPanelProps } from './StatusPanel.types';
import { useStatusPanel } from './useStatusPanel';
import { useStatusPanelStyles } from './useStatusPanelStyles.styles';

/** The workbook's input sheets and the state of its outputs. */
export function StatusPanel(props: StatusPanelProps): JSX.Element {
  const state = useStatusPanel(props);
  return renderStatusPanel(state, useStatusPanelStyles());
}
