export { RunSettings } from './RunSettings';
export type { RunSettingsProps } from './RunSettings.types';
export {
  overridesOf,
  settingsProblems,
  settingsValueFrom,
  type RunSettingsValue,
} from './runSettingsModel';
