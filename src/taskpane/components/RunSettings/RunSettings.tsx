import type { JSX } from 'react';
import { renderRunSettings } from './renderRunSettings';
import type { RunSettingsProps } from './RunSettings.types';
import { useRunSettings } from './useRunSettings';
import { useRunSettingsStyles } from './useRunSettingsStyles.styles';

/** This run's report month and thresholds (overrides; the Settings sheet is never written). */
export function RunSettings(props: RunSettingsProps): JSX.Element {
  const state = useRunSettings(props);
  return renderRunSettings(state, useRunSettingsStyles());
}
