/**
 * Entry point of the suite that runs INSIDE the VS Code extension host, for both runners:
 * `npm run test:vscode` (offline VS Code server + headless Chromium, scripts/vscode-offline/)
 * and `npm run test:electron` (@vscode/test-electron, downloads desktop VS Code).
 * Both load this compiled module (out/test/vscode/index.js) and await `run()`.
 */
import * as fs from 'fs';
import * as path from 'path';
import Mocha = require('mocha');

export function run(): Promise<void> {
  const logFile = process.env.KUBE_STATEFUL_TEST_LOG;
  if (logFile) {
    // The offline runner prints this file: the extension host's stdout goes nowhere it can read.
    fs.mkdirSync(path.dirname(logFile), { recursive: true });
    fs.writeFileSync(logFile, '');
    const original = Mocha.reporters.Base.consoleLog;
    Mocha.reporters.Base.consoleLog = (...args: unknown[]) => {
      original(...args);
      const format = typeof args[0] === 'string' ? args[0] : '';
      let i = 1;
      const text = format.replace(/%[sdif%]/g, (m) => (m === '%%' ? '%' : String(args[i++])));
      fs.appendFileSync(logFile, [text, ...args.slice(i).map(String)].join(' ') + '\n');
    };
  }
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: !logFile,
    timeout: 60_000,
    grep: process.env.KUBE_STATEFUL_TEST_GREP || undefined,
  });
  const dir = __dirname;
  // Screenshots last: they rearrange the workbench.
  const order = (f: string) => (f.startsWith('screenshots') ? 1 : 0);
  // Only compiled files whose source still exists (out/ may hold tests deleted since).
  const src = path.resolve(dir, '..', '..', '..', 'test', 'vscode');
  const files = fs
    .readdirSync(dir)
    .filter(
      (f) =>
        f.endsWith('.test.js') && (!fs.existsSync(src) || fs.existsSync(path.join(src, f.replace(/\.js$/, '.ts')))),
    );
  files.sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  for (const f of files) {
    mocha.addFile(path.join(dir, f));
  }
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
    } catch (e) {
      reject(e);
    }
  });
}
