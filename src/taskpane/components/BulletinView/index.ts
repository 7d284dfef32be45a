export { BulletinView } from './BulletinView';
export type { BulletinViewProps } from './BulletinView';
