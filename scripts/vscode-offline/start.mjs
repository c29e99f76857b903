#!/usr/bin/env node
/**
 * `npm start`: opens examples/ in VS Code with this extension loaded (run after `npm run build`).
 *   - desktop VS Code when `code` is on PATH: `code --extensionDevelopmentPath=<repo> examples`;
 *   - otherwise the VS Code server from the npm registry (installed by ./setup.sh into
 *     .cache/vscode-offline/) on 127.0.0.1, with a URL to open in any browser; Ctrl-C stops it.
 * Args: [folder] (default examples/, else the test fixture workspace) [--browser] (force the
 * browser variant even when `code` exists) [--port <n>].
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const args = process.argv.slice(2);
const forceBrowser = args.includes('--browser');
const portIdx = args.indexOf('--port');
const port = portIdx >= 0 ? args[portIdx + 1] : undefined;
const positional = args.filter((a, i) => !a.startsWith('--') && (portIdx < 0 || i !== portIdx + 1));

let folder = path.resolve(repo, positional[0] ?? 'examples');
if (!positional[0] && !fs.existsSync(folder)) folder = path.join(repo, 'test', 'vscode', 'workspace');
if (!fs.existsSync(folder)) {
  console.error(`[start] folder ${folder} does not exist`);
  process.exit(2);
}
if (!fs.existsSync(path.join(repo, 'dist', 'client.js'))) {
  console.error('[start] dist/client.js missing: run `npm run build` first');
  process.exit(2);
}

function onPath(cmd) {
  const r = spawnSync(process.platform === 'win32' ? 'where' : 'which', [cmd], { stdio: 'ignore' });
  return r.status === 0;
}

if (!forceBrowser && onPath('code')) {
  console.log(`[start] code --extensionDevelopmentPath=${repo} ${path.relative(repo, folder)}`);
  const r = spawnSync('code', [`--extensionDevelopmentPath=${repo}`, folder], { stdio: 'inherit', shell: process.platform === 'win32' });
  process.exit(r.status ?? 1);
}

console.log('[start] `code` is not on PATH: starting VS Code in the browser (VS Code server from the npm registry).');
const setup = spawnSync('bash', [path.join(here, 'setup.sh'), '--no-browser'], { stdio: 'inherit' });
if (setup.status !== 0) process.exit(setup.status ?? 1);
const child = spawn(process.execPath, [path.join(here, 'run.mjs'), '--serve', '--workspace', folder, ...(port ? ['--port', port] : [])], {
  stdio: 'inherit',
});
// Ctrl-C reaches both processes (same terminal process group); run.mjs stops its server.
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
