/** The pane's colour theme outside Office. */
import type { ThemeName } from './components/App';

/** The system's preference: dark when the browser says so, light otherwise. */
export const systemTheme = (): ThemeName =>
  (window as Partial<Window>).matchMedia?.('(prefers-color-scheme: dark)').matches
    ? 'dark'
    : 'light';
