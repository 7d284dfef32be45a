import type { Lang, MonthlyRound, Plan } from '../../../engine';
import type { Strings } from '../../strings';
import type { ResultModel } from './resultModel';

/** Props of the result view. */
export interface ResultViewProps {
  readonly t: Strings;
  readonly lang: Lang;
  readonly plan: Plan;
  /** The plan's monthly round: last month's marker on each chart. */
  readonly round?: MonthlyRound;
}

/** State of the result view. */
export interface ResultViewState {
  readonly t: Strings;
  readonly model: ResultModel;
}
