import type { JSX } from 'react';
import type { AppProps } from './App.types';
import { renderApp } from './renderApp';
import { useApp } from './useApp';
import { useAppStyles } from './useAppStyles.styles';

/** The task pane. */
export function App(props: AppProps): JSX.Element {
  const state = useApp(props);
  return renderApp(state, useAppStyles());
}
