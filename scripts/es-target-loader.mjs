/**
 * A webpack loader that lowers a module's syntax to the pane's ES level (ES_TARGET) with esbuild:
 * object rest and spread, optional chaining, `??`, logical assignment, class fields, async
 * generators and the like become ES2017, which EdgeHTML 18 and Safari 11-13 parse. It runs on
 * the packages' code (ExcelJS's prebuilt bundle, docx, Fluent UI, React); the TypeScript is
 * lowered by ts-loader itself (its `target`, webpack.config.js). Only syntax: newer built-ins (`Array.prototype.at`,
 * `AbortSignal.throwIfAborted`) are the code's to feature-check (src/hosts/abort.ts).
 */
import { transform } from 'esbuild';

/** The ES level of what the browser gets; tests/ui/es-target.test.ts parses the output at it. */
export const ES_TARGET = 'es2017';

/**
 * @this {import('webpack').LoaderContext<Record<string, never>>}
 * @param {string} source
 */
export default function esTargetLoader(source) {
  const done = this.async();
  transform(source, {
    loader: 'js',
    target: ES_TARGET,
    sourcemap: this.sourceMap ? 'external' : false,
    sourcefile: this.resourcePath,
    // As written: webpack's minifier shortens it later.
    minify: false,
    legalComments: 'inline',
  }).then(
    (result) => done(null, result.code, result.map || undefined),
    (error) => done(error),
  );
}
