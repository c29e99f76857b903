// Bundles the client, the language server and the CLI with esbuild.
import { build } from 'esbuild';
import { readFile } from 'fs/promises';

/**
 * The yaml package's parser and composer read `process.env.LOG_TOKENS` / `LOG_STREAM` (debug
 * output) once per token: a lookup in the process environment (a call into C++), a quarter of
 * the CPU time of parsing the 512 KiB bench file (566 → 418 ms, medians of 10 alternating runs).
 * The bundle drops the two debug hooks (test/unit/packaging.test.ts checks it).
 */
const yamlDebugHooks = {
  name: 'yaml-debug-hooks',
  setup(b) {
    b.onLoad({ filter: /[\\/]yaml[\\/]dist[\\/](parse[\\/]parser|compose[\\/]composer)\.js$/ }, async (args) => {
      const src = await readFile(args.path, 'utf8');
      return { contents: src.replace(/\bnode_process\.env\.LOG_(?:TOKENS|STREAM)\b/g, 'false'), loader: 'js' };
    });
  },
};

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  plugins: [yamlDebugHooks],
};

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['server/src/host/index-worker.ts'], outfile: 'dist/index-worker.js' }),
  build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' }),
]);
