#!/usr/bin/env node
/**
 * Runs the extension inside a real VS Code without internet access: the VS Code server build
 * shipped by the npm package `code-server` (installed by ./setup.sh) serves the workbench, and
 * Debian's headless Chromium, driven by playwright-core, is the window. The extension runs in
 * the server's Node extension host, exactly as in desktop VS Code.
 *
 * Test mode (default): opens the fixture workspace with the repository as the extension under
 * development and the compiled mocha suite as the extension tests, waits for the workbench to
 * report the test run's exit code, prints the suite's log, saves screenshots the suite asks for,
 * stops every process it started and exits with the suite's code.
 *
 * Serve mode (--serve): starts only the server on localhost and prints a URL that opens a
 * folder (default examples/) with the extension loaded; runs until Ctrl-C.
 *
 * It builds nothing: run `npm run build` (dist/) and `npx tsc -p .` (out/test/vscode/) first.
 *
 * Options:
 *   --workspace <dir>     folder to open (test: test/vscode/workspace, serve: examples)
 *   --tests <path>        compiled test index without .js (default out/test/vscode/index)
 *   --timeout <seconds>   overall limit for the whole run (default 900; env KUBE_STATEFUL_VSCODE_TIMEOUT)
 *   --results <dir>       where logs and screenshots go (default test-results)
 *   --screenshots <dir>   where screenshots go (default <results>/screenshots, emptied first)
 *   --grep <regexp>       only run tests whose full title matches (passed to the suite)
 *   --port <n>            server port (default: a free one)
 *   --serve               serve mode, see above
 *   --verbose             also echo the server's and the browser console's output live
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const cache = process.env.KUBE_STATEFUL_VSCODE_CACHE ?? path.join(repo, '.cache', 'vscode-offline');
const nodeBin = path.join(cache, 'node24', 'node_modules', 'node', 'bin', 'node');
const serverMain = path.join(cache, 'code-server', 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'server-main.js');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// ---- arguments -------------------------------------------------------------------------------
const argv = process.argv.slice(2);
const opt = { serve: false, verbose: false };
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  const val = () => {
    if (i + 1 >= argv.length) fail(`${a} needs a value`);
    return argv[++i];
  };
  if (a === '--serve') opt.serve = true;
  else if (a === '--verbose') opt.verbose = true;
  else if (a === '--workspace') opt.workspace = val();
  else if (a === '--tests') opt.tests = val();
  else if (a === '--timeout') opt.timeout = Number(val());
  else if (a === '--results') opt.results = val();
  else if (a === '--grep') opt.grep = val();
  else if (a === '--screenshots') opt.screenshots = val();
  else if (a === '--port') opt.port = Number(val());
  else fail(`unknown argument ${a}`);
}
const workspace = path.resolve(repo, opt.workspace ?? (opt.serve ? 'examples' : 'test/vscode/workspace'));
const testsPath = path.resolve(repo, opt.tests ?? 'out/test/vscode/index');
const results = path.resolve(repo, opt.results ?? 'test-results');
const shotsDir = opt.screenshots ? path.resolve(repo, opt.screenshots) : path.join(results, 'screenshots');
const timeoutSec = opt.timeout ?? Number(process.env.KUBE_STATEFUL_VSCODE_TIMEOUT ?? 900);

function fail(msg) {
  console.error(`[vscode-offline] ${msg}`);
  process.exit(2);
}
const say = (msg) => console.log(`[vscode-offline] ${msg}`);

if (!fs.existsSync(nodeBin) || !fs.existsSync(serverMain)) fail(`VS Code server not installed in ${cache}: run scripts/vscode-offline/setup.sh`);
if (!fs.existsSync(path.join(repo, 'dist', 'client.js'))) fail('dist/client.js missing: run `npm run build` first');
if (!fs.existsSync(workspace)) fail(`workspace folder ${workspace} does not exist`);
if (!opt.serve && !fs.existsSync(testsPath + '.js')) fail(`${testsPath}.js missing: run \`npx tsc -p .\` first`);
if (!opt.serve && !fs.existsSync(chromiumPath)) fail(`${chromiumPath} missing: run scripts/vscode-offline/setup.sh`);

// ---- process bookkeeping: everything started here is stopped on every exit path ---------------
const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)}s`;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-stateful-vscode-'));
let server; // ChildProcess, leader of its own process group
let watchdog; // kills the server's group if this process dies without cleaning up (SIGKILL)
let browser; // playwright Browser
let cleaning;

function killServerGroup(signal) {
  if (!server || server.exitCode !== null || server.signalCode !== null) return;
  try {
    process.kill(-server.pid, signal); // the extension host and the language server are in this group
  } catch {
    /* already gone */
  }
}

async function cleanup() {
  if (cleaning) return cleaning;
  cleaning = (async () => {
    if (watchdog) {
      try {
        process.kill(watchdog.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    if (browser) await Promise.race([browser.close().catch(() => {}), sleep(10_000)]);
    if (server && server.exitCode === null && server.signalCode === null) {
      killServerGroup('SIGTERM');
      const exited = await Promise.race([new Promise((r) => server.once('exit', () => r(true))), sleep(5_000).then(() => false)]);
      if (!exited) killServerGroup('SIGKILL');
    }
    // The group may still hold children (e.g. a language server) after the leader exited.
    try {
      if (server) process.kill(-server.pid, 'SIGKILL');
    } catch {
      /* none left */
    }
    copyServerLogs();
    fs.rmSync(tmp, { recursive: true, force: true });
  })();
  return cleaning;
}

async function finish(code) {
  await cleanup();
  say(`done in ${elapsed()}, exit code ${code}`);
  process.exit(code);
}

for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    if (cleaning) return;
    say(`${sig}: stopping`);
    void finish(opt.serve ? 0 : 130);
  });
}
process.on('uncaughtException', (e) => {
  console.error(e);
  void finish(1);
});
process.on('unhandledRejection', (e) => {
  console.error(e);
  void finish(1);
});

const overall = setTimeout(async () => {
  say(`TIMEOUT: no result after ${timeoutSec}s`);
  await snapshot('timeout').catch(() => {});
  printSuiteLog();
  await finish(124);
}, timeoutSec * 1000);
if (opt.serve) clearTimeout(overall);

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms).unref?.());
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// ---- logs -----------------------------------------------------------------------------------
fs.mkdirSync(results, { recursive: true });
const suiteLog = path.join(results, 'vscode-suite.log'); // written by test/vscode/index.ts inside the extension host
const serverLog = fs.createWriteStream(path.join(results, 'vscode-server.log'));
const consoleLog = fs.createWriteStream(path.join(results, 'vscode-browser-console.log'));
fs.rmSync(suiteLog, { force: true });
// No stale pictures from an earlier run (only in the default directory, which is ours alone).
if (!opt.serve && !opt.screenshots) fs.rmSync(shotsDir, { recursive: true, force: true });

function printSuiteLog() {
  if (opt.serve) return;
  console.log('---------------- extension host: test log ----------------');
  if (fs.existsSync(suiteLog)) process.stdout.write(fs.readFileSync(suiteLog, 'utf8'));
  else console.log('(no log from the suite: it has not started; see test-results/vscode-*.log)');
  console.log('-----------------------------------------------------------');
}

function copyServerLogs() {
  const src = path.join(tmp, 'user-data', 'logs');
  if (!fs.existsSync(src)) return;
  const dst = path.join(results, 'vscode-logs', 'server');
  fs.rmSync(dst, { recursive: true, force: true });
  fs.cpSync(src, dst, { recursive: true });
}

// ---- the VS Code server ---------------------------------------------------------------------
async function startServer(port) {
  const args = [
    serverMain,
    '--host', '127.0.0.1',
    '--port', String(port),
    '--without-connection-token',
    '--accept-server-license-terms',
    '--enable-smoke-test-driver',
    '--disable-telemetry',
    '--disable-workspace-trust',
    '--user-data-dir', path.join(tmp, 'user-data'),
    '--server-data-dir', path.join(tmp, 'server-data'),
    '--extensions-dir', path.join(tmp, 'extensions'),
    '--log', 'info',
  ];
  const env = {
    ...process.env,
    // Read by test/vscode/index.ts (the extension host inherits the server's environment).
    KUBE_STATEFUL_TEST_LOG: suiteLog,
    KUBE_STATEFUL_SCREENSHOT_DIR: opt.serve ? '' : path.join(tmp, 'shots'),
    KUBE_STATEFUL_TEST_GREP: opt.grep ?? '',
    VSCODE_AGENT_FOLDER: path.join(tmp, 'agent'),
  };
  delete env.ELECTRON_RUN_AS_NODE;
  server = spawn(nodeBin, args, { cwd: repo, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const tee = (stream) => (chunk) => {
    serverLog.write(chunk);
    if (opt.verbose) stream.write(chunk);
  };
  watchdog = spawn('sh', ['-c', `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; kill -KILL -${server.pid} 2>/dev/null; rm -rf '${tmp}'`], {
    detached: true,
    stdio: 'ignore',
  });
  watchdog.unref();
  server.stdout.on('data', tee(process.stdout));
  server.stderr.on('data', tee(process.stderr));
  server.once('exit', (code, signal) => {
    if (!cleaning) {
      say(`VS Code server exited unexpectedly (code ${code}, signal ${signal}); see ${path.relative(repo, results)}/vscode-server.log`);
      void finish(1);
    }
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(base + '/version');
      if (res.status < 500) return base;
    } catch {
      /* not listening yet */
    }
    await sleep(200);
  }
  throw new Error('the VS Code server did not start listening within 60s');
}

function workbenchUrl(base, port, withTests) {
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(repo)],
    ['skipWelcome', 'true'],
  ];
  if (withTests) payload.push(['extensionTestsPath', remote(testsPath)]);
  return `${base}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

// ---- screenshots requested by the suite -----------------------------------------------------
// The suite (inside the extension host) puts the UI in the wanted state, writes
// <dir>/<name>.request and waits for <dir>/<name>.done; we take the picture in between.
let page;
async function snapshot(name, options = {}) {
  if (!page) return;
  fs.mkdirSync(shotsDir, { recursive: true });
  // The request may ask for a JPEG (smaller, for images packaged in the .vsix) and a clip.
  const jpeg = options.type === 'jpeg';
  const file = path.join(shotsDir, `${name}.${jpeg ? 'jpg' : 'png'}`);
  await page.screenshot({ path: file, timeout: 20_000, ...(jpeg ? { type: 'jpeg', quality: options.quality ?? 75 } : {}), ...(options.clip ? { clip: options.clip } : {}) });
  say(`screenshot ${path.relative(repo, file)} (${elapsed()})`);
}

async function serveScreenshotRequests(dir, stopped) {
  fs.mkdirSync(dir, { recursive: true });
  while (!stopped()) {
    for (const f of fs.readdirSync(dir)) {
      if (!f.endsWith('.request')) continue;
      const name = f.slice(0, -'.request'.length).replace(/[^\w.-]/g, '_');
      let options = {};
      try {
        const text = fs.readFileSync(path.join(dir, f), 'utf8').trim();
        if (text) options = JSON.parse(text);
      } catch {
        /* an empty or unreadable request: a plain PNG */
      }
      fs.rmSync(path.join(dir, f), { force: true });
      let err = '';
      try {
        await sleep(250); // let the last frame paint
        await snapshot(name, options);
        // `text: <CSS selector>`: also the rendered text of those workbench elements, for checks
        // the extension API cannot make (what the Welcome page shows).
        if (typeof options.text === 'string' && page)
          fs.writeFileSync(path.join(dir, `${name}.text`), (await page.locator(options.text).allInnerTexts()).join('\n'));
      } catch (e) {
        err = String(e?.message ?? e);
        say(`screenshot ${name} failed: ${err}`);
      }
      fs.writeFileSync(path.join(dir, `${name}.done`), err);
    }
    await sleep(100);
  }
}

// ---- main -----------------------------------------------------------------------------------
const port = opt.port ?? (await freePort());
say(`starting VS Code server (${path.relative(repo, serverMain)}) on 127.0.0.1:${port}`);
const base = await startServer(port);
say(`server up after ${elapsed()}`);

if (opt.serve) {
  console.log('');
  console.log(`  Open this URL in a browser (VS Code with kube-stateful loaded, folder ${path.relative(repo, workspace) || '.'}):`);
  console.log('');
  console.log(`  ${workbenchUrl(base, port, false)}`);
  console.log('');
  console.log('  Ctrl-C stops the server. Edits to the extension need `npm run build` and a window reload.');
  await new Promise(() => {}); // until a signal
}

const { chromium } = await import('playwright-core');
browser = await chromium.launch({
  executablePath: chromiumPath,
  headless: true,
  // Our handlers stop the server too; playwright's would exit before they ran.
  handleSIGINT: false,
  handleSIGTERM: false,
  handleSIGHUP: false,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-dev-shm-usage',
  ],
});
const context = await browser.newContext({ viewport: { width: 1440, height: 1080 }, deviceScaleFactor: 1 });
// vscode.env.clipboard in the extension host is the browser's clipboard.
await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
page = await context.newPage();

let exitCode;
const exited = new Promise((resolve) => {
  void page.exposeFunction('codeAutomationExit', async (code, logs) => {
    exitCode = typeof code === 'number' ? code : 1;
    if (Array.isArray(logs)) {
      const dir = path.join(results, 'vscode-logs', 'browser');
      fs.rmSync(dir, { recursive: true, force: true });
      for (const { relativePath, contents } of logs) {
        const file = path.join(dir, relativePath);
        if (!file.startsWith(dir)) continue;
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, contents);
      }
    }
    resolve(exitCode);
  });
});
await page.exposeFunction('codeAutomationLog', (type, args) => {
  const line = `[${type}] ${(Array.isArray(args) ? args : [args]).map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ')}\n`;
  consoleLog.write(line);
  if (opt.verbose) process.stdout.write(line);
});
page.on('console', (msg) => {
  if (msg.text().startsWith('%c')) return; // the workbench's log lines, already seen via codeAutomationLog
  const line = `[console.${msg.type()}] ${msg.text()}\n`;
  consoleLog.write(line);
  if (opt.verbose) process.stdout.write(line);
});
page.on('pageerror', (e) => consoleLog.write(`[pageerror] ${e.stack ?? e}\n`));
page.on('crash', () => {
  say('the workbench page crashed');
  void finish(1);
});

let stopShots = false;
const shotLoop = serveScreenshotRequests(path.join(tmp, 'shots'), () => stopShots);
say(`opening the workbench on ${path.relative(repo, workspace)} (${elapsed()})`);
await page.goto(workbenchUrl(base, port, true), { waitUntil: 'domcontentloaded', timeout: 60_000 });

const code = await exited;
stopShots = true;
await shotLoop;
clearTimeout(overall);
printSuiteLog();
say(`extension tests finished with code ${code} after ${elapsed()}`);
await finish(code);
