export { ResultView } from './ResultView';
export type { ResultViewProps } from './ResultView.types';
