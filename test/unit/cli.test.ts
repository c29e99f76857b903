/** The bundled CLI (bin/kube-stateful.js → dist/cli.js), run as a user would. */
import * as assert from 'assert';
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from '../support/fixtures';
import { WIDGET, widgetCrd } from '../support/crd';

const BIN = path.join(ROOT, 'bin', 'kube-stateful.js');
const run = (...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30000 });

describe('cli', () => {
  it('lint: text output, exit code 1 when there are errors', () => {
    const r = run('lint', 'examples');
    assert.strictEqual(r.status, 1, r.stderr);
    assert.match(r.stdout, /^examples\/mistakes\.yaml:28:23: error access-mode-invalid: /m);
    assert.match(r.stdout, /Found 3 errors, 3 warnings, 0 information, 0 hints in 4 file\(s\)\./);
    assert.doesNotMatch(
      r.stdout,
      /mysql-statefulset\.yaml|shared-volume-pod\.yaml|storage\.yaml/,
      'the valid examples are clean',
    );
  });

  it('lint: exit code 0 on clean manifests, json and sarif formats', () => {
    const clean = run(
      'lint',
      'examples/mysql-statefulset.yaml',
      'examples/storage.yaml',
      'examples/shared-volume-pod.yaml',
      '--format',
      'json',
    );
    assert.strictEqual(clean.status, 0, clean.stderr);
    assert.deepStrictEqual(JSON.parse(clean.stdout), []);
    const sarif = run('lint', 'examples', '--format', 'sarif');
    assert.strictEqual(sarif.status, 1);
    const doc = JSON.parse(sarif.stdout);
    assert.strictEqual(doc.version, '2.1.0');
    assert.strictEqual(doc.runs[0].columnKind, 'utf16CodeUnits', 'the columns are LSP (UTF-16) columns');
    const results = doc.runs[0].results as {
      ruleId: string;
      level: string;
      locations: { physicalLocation: { region: { startLine: number } } }[];
    }[];
    assert.strictEqual(results.length, 6);
    const rwo = results.find((x) => x.ruleId === 'access-mode-invalid');
    assert.ok(rwo && rwo.level === 'error' && rwo.locations[0].physicalLocation.region.startLine === 28);
    assert.ok(doc.runs[0].tool.driver.rules.every((r: { helpUri: string }) => /docs\/rules\/.+\.md$/.test(r.helpUri)));
  });

  it('lint --platform: the built-in StorageClasses of a platform exist; an unknown platform is bad usage', () => {
    const file = 'test/fixtures/platforms/setting-aks/claims.yaml';
    const codes = (r: ReturnType<typeof run>) =>
      (JSON.parse(r.stdout) as { code: string; line: number }[])
        .filter((f) => f.code === 'storage-class-unknown')
        .map((f) => f.line);
    // Without StorageClass objects and with platform auto, nothing is checked.
    assert.deepStrictEqual(codes(run('lint', file, '--format', 'json')), []);
    assert.deepStrictEqual(codes(run('lint', file, '--format', 'json', '--platform', 'aks')), [17, 27]);
    assert.deepStrictEqual(codes(run('lint', file, '--format', 'json', '--platform', 'gke')), [8, 27]);
    const bad = run('lint', file, '--platform', 'nimbus');
    assert.strictEqual(bad.status, 2);
    assert.match(bad.stderr, /unknown platform nimbus/);
  });

  it('lint --crd-path: custom resources are checked against the CRDs there; a missing path is reported', function () {
    this.timeout(90000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-stateful-cli-crd-'));
    try {
      fs.mkdirSync(path.join(dir, 'crds'));
      fs.mkdirSync(path.join(dir, 'app'));
      fs.writeFileSync(path.join(dir, 'crds', 'widget.yaml'), widgetCrd());
      fs.writeFileSync(path.join(dir, 'app', 'w.yaml'), WIDGET);
      const inDir = (...args: string[]) =>
        spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', timeout: 30000 });
      const codes = (r: ReturnType<typeof run>) =>
        (JSON.parse(r.stdout) as { code: string; file: string; line: number }[]).map(
          (f) => `${f.file}:${f.line} ${f.code}`,
        );
      const without = inDir('lint', 'app', '--format', 'json');
      assert.strictEqual(without.status, 0, without.stderr);
      assert.deepStrictEqual(codes(without), [], 'no CRD: the custom resource gets nothing');
      for (const p of ['crds', 'crds/widget.yaml', 'crds/*.yaml', path.join(dir, 'crds')]) {
        const r = inDir('lint', 'app', '--format', 'json', '--crd-path', p);
        assert.strictEqual(r.status, 1, `${p}: ${r.stderr}`);
        assert.deepStrictEqual(codes(r), ['app/w.yaml:7 schema-unknown-field'], p);
      }
      const missing = inDir('lint', 'app', '--crd-path', 'nope');
      assert.strictEqual(missing.status, 2);
      assert.match(missing.stderr, /crd path "nope": ENOENT/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('explain: the per-replica identity table', () => {
    const r = run('explain', 'examples');
    assert.strictEqual(r.status, 0, r.stderr);
    assert.match(r.stdout, /StatefulSet mysql \(namespace default\)/);
    assert.match(r.stdout, /2\s+mysql-2\s+mysql-2\.mysql\.default\.svc\.cluster\.local\s+data-mysql-2/);
    assert.match(r.stdout, /per-pod DNS will not resolve: No Service kafka-headless/);
    const json = JSON.parse(run('explain', 'examples', '--format', 'json').stdout);
    assert.deepStrictEqual(json.find((s: { name: string }) => s.name === 'mysql').replicas[0].pvcs, ['data-mysql-0']);
  });

  it('bad usage exits 2 with the usage text', () => {
    const r = run('lint');
    assert.strictEqual(r.status, 2);
    assert.match(r.stderr, /Usage:/);
    assert.strictEqual(run('lint', 'no/such/dir').status, 2);
  });

  it('the binary of a clone that was never built says how to build, without a stack trace', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-stateful-nobuild-'));
    try {
      fs.mkdirSync(path.join(dir, 'bin'));
      fs.copyFileSync(BIN, path.join(dir, 'bin', 'kube-stateful.js'));
      const r = spawnSync(process.execPath, [path.join(dir, 'bin', 'kube-stateful.js'), 'lint', '.'], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 30000,
      });
      assert.strictEqual(r.status, 2, r.stderr);
      assert.match(r.stderr, /dist\/cli\.js is missing\. .*npm ci && npm run build/);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
      // With the bundle in place, the same copy runs it.
      fs.mkdirSync(path.join(dir, 'dist'));
      fs.writeFileSync(path.join(dir, 'dist', 'cli.js'), 'exports.main = () => process.stdout.write("ran");\n');
      const ok = spawnSync(process.execPath, [path.join(dir, 'bin', 'kube-stateful.js')], { encoding: 'utf8' });
      assert.strictEqual(ok.stdout, 'ran', ok.stderr);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lsp --stdio answers initialize', async () => {
    const child = spawn(process.execPath, [BIN, 'lsp', '--stdio'], { cwd: ROOT });
    try {
      const body = JSON.stringify({
        jsonrpc: '2.0',
        id: 1,
        method: 'initialize',
        params: { processId: null, rootUri: null, capabilities: {} },
      });
      child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      const reply = await new Promise<string>((resolve, reject) => {
        let buf = '';
        const t = setTimeout(() => reject(new Error(`no reply: ${buf}`)), 10000);
        child.stdout.on('data', (d: Buffer) => {
          buf += d.toString('utf8');
          if (buf.includes('"id":1')) {
            clearTimeout(t);
            resolve(buf);
          }
        });
      });
      const json = JSON.parse(reply.slice(reply.indexOf('{')));
      assert.strictEqual(json.result.serverInfo.name, 'kube-stateful');
      assert.strictEqual(json.result.capabilities.hoverProvider, true);
      assert.strictEqual(json.result.capabilities.definitionProvider, true);
    } finally {
      child.kill();
    }
  });
});
