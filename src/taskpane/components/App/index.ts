export { App } from './App';
export type { AppProps, ThemeName } from './App.types';
export { FIRST_RENDER_MARK } from './useApp';
