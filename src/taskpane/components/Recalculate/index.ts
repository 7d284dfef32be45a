export { Recalculate } from './Recalculate';
export type { RecalculateProps, RunOutcomeKind } from './Recalculate.types';
