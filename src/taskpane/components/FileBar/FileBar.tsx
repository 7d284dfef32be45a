import type { JSX } from 'react';
import type { FileBarProps } from './FileBar.types';
import { renderFileBar } from './renderFileBar';
import { useFileBar } from './useFileBar';
import { useFileBarStyles } from './useFileBarStyles.styles';

/** File mode: open an .xlsx file and download the result. */
export function FileBar(props: FileBarProps): JSX.Element {
  const state = useFileBar(props);
  return renderFileBar(state, useFileBarStyles());
}
