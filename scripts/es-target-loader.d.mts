/** The ES level of the pane's scripts (es-target-loader.mjs). */
export declare const ES_TARGET: string;
