import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import HtmlWebpackPlugin from 'html-webpack-plugin';
import webpack, { type Compilation, type Configuration } from 'webpack';
import { compileCatalogs } from './plugin-ui/src/i18n/compileCatalogs';

/**
 * One build, all ES modules, into `dist/`:
 * - the shared modules a host owns (react, react-dom, react-dom/client, react/jsx-runtime,
 *   single-spa), each its own module named by the portal's import map;
 * - the parcel (`@tenant-sessions/parcel`), leaving those five to the import map;
 * - the demo portal: `index.html` with the import map, and its root config (`console`);
 * - the demo's MSW handlers (`@tenant-sessions/demo`), loaded only when the page says demo.
 */
const root = path.dirname(fileURLToPath(import.meta.url));
const ui = (file: string) => path.join(root, 'plugin-ui', file);

/** Import-map name → entry. The shims re-export the package they are named for. */
const SHARED: Record<string, { entry: string; file: string }> = {
  react: { entry: 'react', file: ui('portal/shared/react.js') },
  'react-dom': { entry: 'react-dom', file: ui('portal/shared/react-dom.js') },
  'react-dom/client': { entry: 'react-dom-client', file: ui('portal/shared/react-dom-client.js') },
  'react/jsx-runtime': { entry: 'react-jsx-runtime', file: ui('portal/shared/react-jsx-runtime.js') },
  'single-spa': { entry: 'single-spa', file: ui('portal/shared/single-spa.js') },
};
const OWN: Record<string, { entry: string; file: string }> = {
  '@tenant-sessions/parcel': { entry: 'tenant-sessions', file: ui('src/index.ts') },
  '@tenant-sessions/demo': { entry: 'demo', file: ui('demo/browser.ts') },
  '@tenant-sessions/console': { entry: 'console', file: ui('portal/console.tsx') },
};
const ALL = { ...SHARED, ...OWN };

const jsOf = (compilation: Compilation, entry: string) => {
  const file = [...(compilation.entrypoints.get(entry)?.getFiles() ?? [])].find((f) => f.endsWith('.js'));
  if (!file) throw new Error(`no JavaScript emitted for entry ${entry}`);
  return `/${file}`;
};

const importMap = (compilation: Compilation) =>
  JSON.stringify(
    {
      imports: Object.fromEntries(
        Object.entries(ALL).map(([name, { entry }]) => [name, jsOf(compilation, entry)]),
      ),
    },
    null,
    2,
  );

/** The portal page: its template with the import map, the preloads and the console's script. */
const portalPage = (compilation: Compilation) => {
  const preload = Object.values(SHARED)
    .map(({ entry }) => `<link rel="modulepreload" href="${jsOf(compilation, entry)}" />`)
    .join('\n    ');
  return readFileSync(ui('portal/index.html'), 'utf8')
    .replace(
      /<!-- import-map:[^>]*-->/,
      `<script type="importmap">${importMap(compilation)}</script>\n    ${preload}`,
    )
    .replace(
      /<!-- console:[^>]*-->/,
      `<script type="module" src="${jsOf(compilation, 'console')}"></script>`,
    );
};

const config: Configuration = {
  context: root,
  entry: Object.fromEntries(Object.values(ALL).map(({ entry, file }) => [entry, file])),
  devtool: 'source-map',
  experiments: { outputModule: true },
  output: {
    path: path.join(root, 'dist'),
    publicPath: '/',
    filename: 'assets/[name].[contenthash:10].js',
    module: true,
    chunkFormat: 'module',
    library: { type: 'module' },
    clean: true,
  },
  externalsType: 'module',
  // A shared name is external everywhere except inside its own shim.
  externals: ({ request, contextInfo }, callback) => {
    const shared = request ? SHARED[request] : undefined;
    if (shared && contextInfo?.issuer !== shared.file) return callback(undefined, request);
    callback();
  },
  resolve: { extensions: ['.ts', '.tsx', '.js', '.mjs'] },
  module: {
    rules: [
      { test: /\.[cm]?tsx?$/, loader: 'esbuild-loader', options: { target: 'es2022', jsx: 'automatic' } },
      // The contracts' modules are pure: the parcel takes LIMITS and the error reasons, not zod.
      { test: /[\\/]contracts[\\/]src[\\/]/, sideEffects: false },
    ],
  },
  optimization: { splitChunks: false, runtimeChunk: false },
  performance: { hints: false },
  plugins: [
    // The catalogs compiled here, once: the parcel carries their compiled messages, not the
    // ICU message parser nor the source strings.
    new webpack.NormalModuleReplacementPlugin(/^\.\/compileCatalogs$/, (resource) => {
      resource.request = `data:text/javascript,${encodeURIComponent(
        `export const compileCatalogs = () => (${JSON.stringify(compileCatalogs())});`,
      )}`;
    }),
    new HtmlWebpackPlugin({
      inject: false,
      // html-webpack-plugin hands the compilation in its template parameters.
      templateContent: (parameters) => portalPage(parameters.compilation as Compilation),
    }),
  ],
};

export default config;
