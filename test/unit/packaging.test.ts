/**
 * The two artifacts users install: the npm package (CLI + language server, `npx kube-stateful`)
 * and the .vsix. Built and installed the way a user or CI would: `npm pack`, then
 * `npm install <tarball>` offline into an empty folder (the package has no runtime
 * dependencies: the bundles contain them), then the installed `kube-stateful` binary is run.
 */
import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from '../support/fixtures';
import { LspClient } from '../support/lsp-client';

/* eslint-disable @typescript-eslint/no-explicit-any */
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as any;
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const MAX_VSIX_BYTES = 1.5 * 1024 * 1024;

describe('packaging', function () {
  this.timeout(180_000);
  let tmp: string;
  let tarball: string;
  let packed: string[];

  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-pack-'));
    // What `prepack` does before `npm publish`: minified bundles without source maps.
    execFileSync(process.execPath, ['scripts/build.mjs', '--production'], { cwd: ROOT });
    const out = execFileSync(NPM, ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const info = JSON.parse(out)[0];
    tarball = path.join(tmp, info.filename);
    packed = (info.files as { path: string }[]).map((f) => f.path).sort();
  });

  after(() => {
    // Back to the development bundles (with source maps) the rest of the suite expects.
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT });
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('package.json describes a publishable npm package', () => {
    assert.strictEqual(pkg.private, undefined, 'not private');
    assert.strictEqual(pkg.bin?.['kube-stateful'], './bin/kube-stateful.js');
    assert.match(pkg.engines?.node ?? '', /^>=\d+/);
    assert.deepStrictEqual(pkg.dependencies ?? {}, {}, 'no runtime dependencies: the bundles contain them');
    assert.match(pkg.scripts?.prepack ?? '', /build\.mjs --production/, 'npm pack / publish build the bundles first');
    assert.match(fs.readFileSync(path.join(ROOT, 'bin', 'kube-stateful.js'), 'utf8'), /^#!\/usr\/bin\/env node\n/);
  });

  it("the bundles drop the yaml parser's per-token debug hooks (an environment lookup per token)", () => {
    // The plugin in scripts/build.mjs rewrites them; if a yaml upgrade changes their shape, this fails.
    const parser = fs.readFileSync(path.join(ROOT, 'node_modules', 'yaml', 'dist', 'parse', 'parser.js'), 'utf8');
    assert.match(parser, /node_process\.env\.LOG_TOKENS/, 'the hook is still where the plugin expects it');
    for (const b of ['server.js', 'cli.js', 'index-worker.js']) {
      const text = fs.readFileSync(path.join(ROOT, 'dist', b), 'utf8');
      assert.ok(!/LOG_TOKENS|LOG_STREAM/.test(text), `${b} still reads the debug hooks`);
    }
  });

  it('the tarball holds the bundles, the binary and the docs, and nothing else', () => {
    assert.deepStrictEqual(packed, [
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'bin/kube-stateful.js',
      'dist/cli.js',
      'dist/index-worker.js',
      'dist/server.js',
      'package.json',
    ]);
    assert.ok(fs.statSync(tarball).size < 1024 * 1024, `tarball is ${fs.statSync(tarball).size} bytes`);
  });

  it('every bundle the build writes is packed, except the VS Code client', () => {
    // The server loads some bundles at run time (the index worker, by path): a bundle added to
    // scripts/build.mjs but not to `files` would be missing from every npm install.
    const built = [...fs.readFileSync(path.join(ROOT, 'scripts', 'build.mjs'), 'utf8').matchAll(/outfile: '([^']+)'/g)]
      .map((m) => m[1])
      .sort();
    assert.ok(built.length >= 3, built.join(', '));
    for (const f of built) {
      if (f === pkg.main.replace(/^\.\//, '')) assert.ok(!packed.includes(f), `${f} (VS Code only) is not packed`);
      else assert.ok(packed.includes(f), `${f} is packed`);
    }
  });

  it('installs offline into an empty folder; `npx kube-stateful lint` and `kube-stateful lsp --stdio` work', async () => {
    const app = path.join(tmp, 'app');
    fs.mkdirSync(app);
    fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
    execFileSync(NPM, ['install', '--offline', '--no-audit', '--no-fund', tarball], { cwd: app, encoding: 'utf8' });
    const installed = path.join(app, 'node_modules', 'kube-stateful');
    for (const f of ['cli.js', 'server.js', 'index-worker.js'])
      assert.ok(fs.existsSync(path.join(installed, 'dist', f)), `dist/${f} installed`);
    assert.deepStrictEqual(
      fs.readdirSync(path.join(app, 'node_modules')).filter((d) => !d.startsWith('.')),
      ['kube-stateful'],
      'nothing else installed',
    );

    // The CLI through npx, on a copy of the examples (outside the repository).
    fs.cpSync(path.join(ROOT, 'examples'), path.join(app, 'k8s'), { recursive: true });
    const lint = spawnSync(NPX, ['--offline', 'kube-stateful', 'lint', 'k8s', '--format', 'json'], {
      cwd: app,
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.strictEqual(lint.status, 1, lint.stderr);
    const rows = JSON.parse(lint.stdout) as { file: string; code: string; severity: string }[];
    assert.ok(
      rows.some(
        (r) =>
          r.file === path.join('k8s', 'mistakes.yaml') && r.code === 'access-mode-invalid' && r.severity === 'error',
      ),
      lint.stdout,
    );
    const clean = spawnSync(NPM, ['exec', '--offline', '--', 'kube-stateful', 'lint', 'k8s/mysql-statefulset.yaml'], {
      cwd: app,
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.strictEqual(clean.status, 0, clean.stdout + clean.stderr);
    assert.match(clean.stdout, /No problems found in 1 file\(s\)\./);

    // The language server through the installed binary (node_modules/.bin), over stdio.
    const bin = path.join(app, 'node_modules', '.bin', 'kube-stateful');
    const lsp = new LspClient(bin, ['lsp', '--stdio'], app);
    try {
      const init = await lsp.request('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
      assert.strictEqual(init.serverInfo.name, 'kube-stateful');
      lsp.notify('initialized', {});
      const uri = 'file://' + path.join(app, 'k8s', 'mistakes.yaml');
      lsp.notify('textDocument/didOpen', {
        textDocument: {
          uri,
          languageId: 'yaml',
          version: 1,
          text: fs.readFileSync(path.join(app, 'k8s', 'mistakes.yaml'), 'utf8'),
        },
      });
      const diags = await lsp.diagnosticsFor(uri, (d) => d.length > 0, 20_000);
      assert.ok(
        diags.some((d) => d.code === 'access-mode-invalid' && d.severity === 1),
        JSON.stringify(diags),
      );
      assert.strictEqual(await lsp.shutdown(), 0);
    } finally {
      lsp.kill();
    }
  });

  it('the .vsix (built from a staging folder with .vscodeignore) stays small', function () {
    const vsix = path.join(tmp, 'kube-stateful.vsix');
    execFileSync(process.execPath, ['scripts/package-vsix.mjs', '-o', vsix], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: 'pipe',
    });
    const size = fs.statSync(vsix).size;
    assert.ok(size <= MAX_VSIX_BYTES, `.vsix is ${size} bytes, more than ${MAX_VSIX_BYTES}`);
    const head = fs.readFileSync(vsix).subarray(0, 2).toString('latin1');
    assert.strictEqual(head, 'PK', 'a zip file');
    const names = fs.readFileSync(vsix).toString('latin1');
    for (const f of ['extension/package.json', 'extension/dist/client.js', 'extension/dist/server.js'])
      assert.ok(names.includes(f), `${f} in the .vsix`);
    for (const f of ['extension/dist/cli.js', 'extension/bin/', '.map', 'extension/server/src'])
      assert.ok(!names.includes(f), `${f} not in the .vsix`);
  });
});
