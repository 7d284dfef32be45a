export { FileBar } from './FileBar';
export type { FileBarProps } from './FileBar.types';
