/**
 * What the host's Excel offers above the requirement set the add-in declares (ExcelApi 1.7:
 * volume-licensed Office 2019, Excel for Mac 16.9). The writer asks for each feature it uses
 * beyond 1.7 and does without it where it is missing:
 *  - `copyFrom` (ExcelApi 1.9): number formats are sent for every row, copied formulas one by
 *    one, and an output rewritten in place gets its cells sent again instead of copied from its
 *    complete new version;
 *  - `screenUpdating` (1.9, `suspendScreenUpdatingUntilNextSync`): the screen is left to update;
 *  - `autoFilter` and `pageLayout` (1.9): the outputs carry no AutoFilter and no page setup;
 *  - `dataValidation` (1.8): the template's 参数 cells carry no drop-down lists or bounds.
 * The numbers, formulas and formats are the same on every level.
 */

/** The requirement set the manifest declares and the pane's bootstrap checks. */
export const EXCEL_API_REQUIRED = '1.7';

/** The features above ExcelApi 1.7 that the writer uses when the host has them. */
export interface ExcelFeatures {
  /** `Range.copyFrom` (ExcelApi 1.9). */
  readonly copyFrom: boolean;
  /** `Application.suspendScreenUpdatingUntilNextSync` (ExcelApi 1.9). */
  readonly screenUpdating: boolean;
  /** `Worksheet.autoFilter` (ExcelApi 1.9). */
  readonly autoFilter: boolean;
  /** `Worksheet.pageLayout` (ExcelApi 1.9). */
  readonly pageLayout: boolean;
  /** `Range.dataValidation` (ExcelApi 1.8). */
  readonly dataValidation: boolean;
}

/** Every feature: a host with ExcelApi 1.9 or later. */
export const ALL_FEATURES: ExcelFeatures = {
  copyFrom: true,
  screenUpdating: true,
  autoFilter: true,
  pageLayout: true,
  dataValidation: true,
};

/**
 * The features a host has, from its requirement-set check (in the pane,
 * `Office.context.requirements.isSetSupported`).
 */
export function excelFeatures(
  isSetSupported: (name: string, version: string) => boolean,
): ExcelFeatures {
  const v19 = isSetSupported('ExcelApi', '1.9');
  return {
    copyFrom: v19,
    screenUpdating: v19,
    autoFilter: v19,
    pageLayout: v19,
    dataValidation: isSetSupported('ExcelApi', '1.8'),
  };
}
