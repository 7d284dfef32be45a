// @ts-check
/**
 * Webpack build of the task pane (dist/taskpane.html + JS) and of the add-in's files.
 *
 * Environment:
 * - FENJIE_URL: the production URL of the add-in (default https://localhost:3000/); replaces the
 *   dev URL in manifest.xml when building with --mode production.
 * - FENJIE_OFFICE_JS=local: copy office.js and the files it loads into dist/office-js/ and load
 *   it from there (an intranet without internet); by default the pane loads Microsoft's CDN copy.
 * - FENJIE_DIST: output directory (default dist/), used by the UI tests.
 *
 * A production build also writes dist/分解.html and its ASCII-named copy dist/fenjie.html: the
 * browser file mode as one self-contained page (entry src/taskpane/offline.tsx, made by
 * SingleFilePlugin below), which opens by double-click from file:// and loads nothing.
 *
 * `webpack serve` uses https on port 3000 with the Office dev certificates; a plain build needs
 * no certificates and no network.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';
import HtmlWebpackPlugin from 'html-webpack-plugin';
import webpack from 'webpack';
import { ES_TARGET } from './scripts/es-target-loader.mjs';

const ROOT = dirname(fileURLToPath(import.meta.url));
const DEV_URL = 'https://localhost:3000/';
const CDN_OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const OFFICE_JS_DIST = resolve(ROOT, 'node_modules/@microsoft/office-js/dist');

/** Office apps other than Excel, whose scripts office.js never loads inside Excel. */
const OTHER_APPS = /^(access|onenote|outlook|powerpoint|project|visio|word)/;

/**
 * The manifest for `url`: every https://localhost:3000/ becomes `url` (with a trailing slash), and
 * the bare dev origin (AppDomain) becomes the URL's origin.
 * @param {string} text
 * @param {string} url
 */
export function productionManifest(text, url) {
  const base = url.endsWith('/') ? url : `${url}/`;
  return text.split(DEV_URL).join(base).split(DEV_URL.slice(0, -1)).join(new URL(base).origin);
}

/**
 * Which files of @microsoft/office-js/dist go into dist/office-js: office.js, the Excel scripts,
 * shared scripts and the locale, telemetry and error folders; no debug builds, no type files and
 * no other Office apps' scripts.
 * @param {string} absolutePath
 */
function officeJsFile(absolutePath) {
  const rel = absolutePath.slice(OFFICE_JS_DIST.length + 1).replace(/\\/g, '/');
  const base = rel.split('/').pop() ?? rel;
  if (/\.debug\.js$|-vsdoc\.js$|\.d\.ts$/.test(base)) return false;
  return rel.includes('/') || !OTHER_APPS.test(base);
}

/**
 * @typedef {object} CopySpec A file or folder to copy into the output (skipped when missing).
 * @property {string} from path from the project root (or absolute)
 * @property {string} to path in the output
 * @property {(absolutePath: string) => boolean} [filter] which files of a folder to copy
 * @property {(text: string) => string} [transform] rewrites a text file
 */

/** Every file under `dir`, recursively. @param {string} dir @returns {string[]} */
function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/**
 * Copies files and folders into the output as webpack assets (a few lines instead of
 * copy-webpack-plugin, whose option validation needs ajv 8, which this install does not resolve).
 */
class CopyFilesPlugin {
  /** @param {CopySpec[]} specs */
  constructor(specs) {
    this.specs = specs;
  }

  /** @param {import('webpack').Compiler} compiler */
  apply(compiler) {
    const { RawSource } = webpack.sources;
    compiler.hooks.thisCompilation.tap('CopyFilesPlugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'CopyFilesPlugin', stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          for (const spec of this.specs) {
            const from = resolve(ROOT, spec.from);
            if (!existsSync(from)) continue;
            const dir = statSync(from).isDirectory();
            const files = dir ? filesUnder(from).filter((f) => spec.filter?.(f) ?? true) : [from];
            if (dir) compilation.contextDependencies.add(from);
            for (const file of files) {
              compilation.fileDependencies.add(file);
              const name = (dir ? join(spec.to, relative(from, file)) : spec.to).replace(
                /\\/g,
                '/',
              );
              const bytes = readFileSync(file);
              const content = spec.transform ? spec.transform(bytes.toString('utf8')) : bytes;
              compilation.emitAsset(name, new RawSource(content), {
                copied: true,
                minimized: true,
              });
            }
          }
        },
      );
    });
  }
}

/** The single offline file's names in the output (the same page twice). */
export const OFFLINE_FILES = ['分解.html', 'fenjie.html'];
/** Where the template puts the scripts. */
const SCRIPTS_PLACEHOLDER = '<!-- fenjie:scripts -->';
/** The type of the script blocks that hold lazy chunks: CHUNK_BLOCK_TYPE in src/taskpane/offline.tsx. */
const CHUNK_BLOCK_TYPE = 'text/x-fenjie-chunk';

/**
 * Script text made safe to stand inside <script>…</script>: the HTML parser would end the
 * element at `</script` and change state at `<!--`, so their `<` becomes `\x3C`, which means
 * `<` in a JavaScript string, template, regular expression or comment, where minified code has
 * them (it has none at present).
 * @param {string} code
 */
export function inlineScript(code) {
  return code.replace(/<(?=\/script|!--)/gi, '\\x3C');
}

/**
 * Writes the single offline file: an entry's page with every script inline. The entry's own
 * chunk goes in as a <script>; each lazy chunk it can load (ExcelJS) as a block of type
 * CHUNK_BLOCK_TYPE with `data-chunk` its id, which the browser does not run and the entry turns
 * into a Blob URL when webpack asks for the chunk's file. Runs after minification and hashing;
 * the entry's own .js (and its source map and licence file) are then removed from the output,
 * and its licence comments are put into the page instead of the pointer to that file. The
 * lazy chunks stay in the output too, for the served pane.
 */
class SingleFilePlugin {
  /** @param {{ entry: string, template: string, filenames: string[] }} options */
  constructor(options) {
    this.options = options;
  }

  /** @param {import('webpack').Compiler} compiler */
  apply(compiler) {
    const { RawSource } = webpack.sources;
    const { entry, filenames } = this.options;
    const template = resolve(ROOT, this.options.template);
    compiler.hooks.thisCompilation.tap('SingleFilePlugin', (compilation) => {
      compilation.hooks.processAssets.tap(
        {
          name: 'SingleFilePlugin',
          stage: webpack.Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_TRANSFER,
        },
        () => {
          compilation.fileDependencies.add(template);
          const entrypoint = compilation.entrypoints.get(entry);
          if (!entrypoint) throw new Error(`SingleFilePlugin: no entry ${entry}`);
          /** @param {import('webpack').Chunk} chunk */
          const scriptOf = (chunk) =>
            [...chunk.files]
              .filter((f) => f.endsWith('.js'))
              .map((f) => {
                const asset = compilation.getAsset(f);
                if (!asset) throw new Error(`SingleFilePlugin: no asset ${f}`);
                const code = asset.source
                  .source()
                  .toString()
                  .replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '')
                  .replace(
                    /^\/\*! For license information please see (\S+) \*\/\n?/,
                    (_, licence) => `${compilation.getAsset(licence)?.source.source() ?? ''}\n`,
                  );
                return inlineScript(code);
              })
              .join('\n');
          const own = entrypoint.chunks;
          const lazy = new Set(own.flatMap((c) => [...c.getAllAsyncChunks()]));
          const blocks = [...lazy].map(
            (c) =>
              `<script type="${CHUNK_BLOCK_TYPE}" data-chunk="${String(c.id).replace(/[^\w.-]/g, '')}">${scriptOf(c)}</script>`,
          );
          const scripts = [...blocks, ...own.map((c) => `<script>${scriptOf(c)}</script>`)];
          const page = readFileSync(template, 'utf8');
          if (!page.includes(SCRIPTS_PLACEHOLDER))
            throw new Error(`SingleFilePlugin: ${template} has no ${SCRIPTS_PLACEHOLDER}`);
          // A function replacement: `$` in the scripts is not a replacement pattern.
          const html = page.replace(SCRIPTS_PLACEHOLDER, () => scripts.join('\n'));
          // Already minified: the minimizers, which also see assets added after their stage, skip it.
          for (const name of filenames)
            compilation.emitAsset(name, new RawSource(html), { minimized: true });
          for (const chunk of own) {
            if ([...chunk.groupsIterable].some((g) => g !== entrypoint)) continue;
            for (const f of [...chunk.files, ...chunk.auxiliaryFiles]) compilation.deleteAsset(f);
          }
        },
      );
    });
  }
}

/**
 * @param {Record<string, unknown>} env
 * @param {{ mode?: string }} argv
 * @returns {Promise<import('webpack').Configuration>}
 */
export default async function config(env, argv) {
  const production = argv.mode === 'production';
  const serving = Boolean(env.WEBPACK_SERVE);
  const localOfficeJs = process.env.FENJIE_OFFICE_JS === 'local';
  const url = process.env.FENJIE_URL ?? DEV_URL;
  const outDir = resolve(ROOT, process.env.FENJIE_DIST ?? 'dist');
  // The single offline file: production builds only (not the dev server).
  const offline = production && !serving;

  /** @type {CopySpec[]} */
  const copies = [
    { from: 'assets', to: 'assets' },
    {
      from: 'manifest.xml',
      to: 'manifest.xml',
      transform: production ? (text) => productionManifest(text, url) : undefined,
    },
  ];
  if (localOfficeJs) copies.push({ from: OFFICE_JS_DIST, to: 'office-js', filter: officeJsFile });

  /** @type {import('webpack').Configuration} */
  const configuration = {
    mode: production ? 'production' : 'development',
    // webpack's own runtime code at the pane's ES level too.
    target: ['web', ES_TARGET],
    context: ROOT,
    entry: {
      taskpane: './src/taskpane/index.tsx',
      // The ribbon's Recalculate button (manifest.xml FunctionFile).
      commands: './src/taskpane/commands.ts',
      // Inline in a file:// page, whose script has no URL to find the chunks from.
      ...(offline ? { offline: { import: './src/taskpane/offline.tsx', publicPath: '' } } : {}),
    },
    output: {
      path: outDir,
      filename: production ? '[name].[contenthash:8].js' : '[name].js',
      chunkFilename: production ? '[name].[contenthash:8].js' : '[name].js',
      publicPath: 'auto',
      clean: true,
    },
    devtool: production ? 'source-map' : 'eval-cheap-module-source-map',
    resolve: { extensions: ['.tsx', '.ts', '.js'] },
    module: {
      // ExcelJS's browser build is already bundled: no need to parse it for imports.
      noParse: /exceljs[\\/]dist[\\/]exceljs(\.min)?\.js$/,
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: {
              transpileOnly: true,
              configFile: resolve(ROOT, 'tsconfig.json'),
              // The pane's ES level (scripts/es-target-loader.mjs), class fields defined as ES2022 does.
              compilerOptions: {
                noEmit: false,
                sourceMap: true,
                target: ES_TARGET,
                useDefineForClassFields: true,
              },
            },
          },
        },
        {
          // The packages' code lowered to the same level (ExcelJS's prebuilt bundle included).
          test: /\.[cm]?js$/,
          include: /node_modules/,
          use: { loader: resolve(ROOT, 'scripts', 'es-target-loader.mjs') },
        },
      ],
    },
    plugins: [
      new HtmlWebpackPlugin({
        template: './src/taskpane/taskpane.html',
        filename: 'taskpane.html',
        chunks: ['taskpane'],
        officeJs: localOfficeJs ? './office-js/office.js' : CDN_OFFICE_JS,
      }),
      new HtmlWebpackPlugin({
        template: './src/taskpane/commands.html',
        filename: 'commands.html',
        chunks: ['commands'],
        officeJs: localOfficeJs ? './office-js/office.js' : CDN_OFFICE_JS,
      }),
      new CopyFilesPlugin(copies),
      ...(offline
        ? [
            new SingleFilePlugin({
              entry: 'offline',
              template: './src/taskpane/offline.html',
              filenames: OFFLINE_FILES,
            }),
          ]
        : []),
    ],
    // Each lazy chunk whole (ExcelJS inside "exceljs"), not split into numbered vendor chunks.
    optimization: { splitChunks: { cacheGroups: { defaultVendors: false, default: false } } },
    performance: { hints: false },
    cache: {
      type: 'filesystem',
      version: `${localOfficeJs ? 'local' : 'cdn'} ${url}`,
      buildDependencies: { config: [fileURLToPath(import.meta.url)] },
    },
  };

  if (serving) {
    const { getHttpsServerOptions } = (await import('office-addin-dev-certs')).default;
    const options = await getHttpsServerOptions();
    configuration.devServer = {
      port: 3000,
      server: { type: 'https', options: { ca: options.ca, cert: options.cert, key: options.key } },
      headers: { 'Access-Control-Allow-Origin': '*' },
    };
  }
  return configuration;
}
