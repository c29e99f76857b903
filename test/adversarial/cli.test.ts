/**
 * The CLI against a hostile file system and hostile output: unreadable, vanished and badly
 * named files, devices, FIFOs, standard input, the file limit, a reader that goes away
 * (EPIPE) and a full disk.
 */
import * as assert from 'assert';
import { execFileSync, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from '../support/fixtures';

const CLI = path.join(ROOT, 'bin', 'kube-stateful.js');

const BAD_STS = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec:\n  replicas: 3\n  replicas: 1\n';
const WARN_ONLY =
  'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  clusterIP: None\n  selector: {app: x}\n  ports:\n  - port: 80\n    targetPort: 8080\n';

function run(args: string[], opts: { input?: string | Buffer; timeout?: number } = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    input: opts.input,
    timeout: opts.timeout ?? 30000,
    encoding: 'utf8',
  });
  return { code: r.status, signal: r.signal, out: r.stdout, err: r.stderr };
}

describe('adversarial: CLI', function () {
  this.timeout(60000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-cli-'));
    fs.writeFileSync(path.join(dir, 'bad.yaml'), BAD_STS);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a file that cannot be read is a stderr line; the other files are still checked (exit 2)', () => {
    const d = path.join(dir, 'mixed');
    fs.mkdirSync(d);
    fs.writeFileSync(path.join(d, 'a.yaml'), BAD_STS);
    const name = Buffer.concat([Buffer.from(path.join(d, 'bad')), Buffer.from([0xff]), Buffer.from('.yaml')]);
    fs.writeFileSync(name, BAD_STS);
    execFileSync('mkfifo', [path.join(d, 'fifo.yaml')]);
    const r = run(['lint', d, path.join(d, 'vanished.yaml'), '/dev/null', '--format', 'json']);
    assert.strictEqual(r.code, 2, r.err);
    const rows = JSON.parse(r.out) as { file: string; code: string }[];
    assert.ok(
      rows.some((x) => x.file.endsWith('a.yaml') && x.code === 'yaml-duplicate-key'),
      r.out,
    );
    assert.match(r.err, /vanished\.yaml: ENOENT/);
    assert.match(r.err, /\/dev\/null: not a regular file/);
    assert.match(r.err, /bad.*\.yaml/);
  });

  it('lint /dev/zero does not read forever: a stderr line, exit 2, in bounded time', () => {
    const t0 = Date.now();
    const r = run(['lint', '/dev/zero', path.join(dir, 'bad.yaml')]);
    assert.strictEqual(r.code, 2, r.err);
    assert.match(r.err, /\/dev\/zero: not a regular file/);
    assert.match(r.out, /yaml-duplicate-key/);
    assert.ok(Date.now() - t0 < 20000);
  });

  it('- reads standard input', () => {
    const r = run(['lint', '-', '--format', 'json'], { input: BAD_STS });
    assert.strictEqual(r.code, 1, r.err);
    const rows = JSON.parse(r.out) as { file: string; code: string; line: number }[];
    assert.deepStrictEqual(
      rows.filter((x) => x.code === 'yaml-duplicate-key').map((x) => [x.file, x.line]),
      [['-', 7]],
    );
  });

  it('a UTF-16 file with a BOM is checked like its UTF-8 copy; UTF-32 is reported as kubectl does', () => {
    const u16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(BAD_STS, 'utf16le')]);
    fs.writeFileSync(path.join(dir, 'u16.yaml'), u16);
    const r = run(['lint', path.join(dir, 'u16.yaml'), '--format', 'json']);
    assert.strictEqual(r.code, 1, r.err);
    assert.ok((JSON.parse(r.out) as { code: string }[]).some((x) => x.code === 'yaml-duplicate-key'));
    const be = Buffer.from(BAD_STS, 'utf16le');
    for (let i = 0; i < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1], be[i]];
    fs.writeFileSync(path.join(dir, 'u16be.yaml'), Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
    assert.strictEqual(run(['lint', path.join(dir, 'u16be.yaml')]).code, 1);
    const u32 = Buffer.alloc(4 + BAD_STS.length * 4);
    u32.set([0xff, 0xfe, 0, 0]);
    for (let i = 0; i < BAD_STS.length; i++) u32.writeUInt32LE(BAD_STS.charCodeAt(i), 4 + i * 4);
    fs.writeFileSync(path.join(dir, 'u32.yaml'), u32);
    const r32 = run(['lint', path.join(dir, 'u32.yaml')]);
    assert.strictEqual(r32.code, 2);
    assert.match(r32.err, /UTF-32/);
  });

  it('the file limit is a setting; reaching it is a stderr line and exit 2', () => {
    const d = path.join(dir, 'many');
    fs.mkdirSync(d);
    for (let i = 0; i < 4; i++)
      fs.writeFileSync(path.join(d, `f${i}.yaml`), WARN_ONLY.replace('name: s', `name: s${i}`));
    fs.writeFileSync(path.join(d, 'z-last.yaml'), BAD_STS);
    fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ maxFiles: 3 }));
    const r = run(['lint', d, '--settings', path.join(dir, 'settings.json')]);
    assert.strictEqual(r.code, 2);
    assert.match(r.err, /first 3 YAML files/);
    assert.doesNotMatch(r.out, /^No problems/m);
    fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ maxFiles: 100 }));
    const all = run(['lint', d, '--settings', path.join(dir, 'settings.json')]);
    assert.strictEqual(all.code, 1, all.err);
    assert.match(all.out, /z-last\.yaml.*yaml-duplicate-key/);
  });

  it('an invalid glob in --settings is a usage error (exit 2)', () => {
    fs.writeFileSync(path.join(dir, 'globs.json'), JSON.stringify({ include: ['**/*.{yaml'] }));
    const r = run(['lint', dir, '--settings', path.join(dir, 'globs.json')]);
    assert.strictEqual(r.code, 2);
    assert.match(r.err, /invalid glob/);
  });

  it('a reader that goes away (| head -1): quiet, with the exit code of the result', async () => {
    const d = path.join(dir, 'pipe');
    fs.mkdirSync(d);
    // Enough warnings-only output to fill the pipe after the reader is gone.
    for (let i = 0; i < 400; i++)
      fs.writeFileSync(path.join(d, `s${i}.yaml`), WARN_ONLY.replace('name: s', `name: s${i}`));
    const probe = run(['lint', d]);
    assert.strictEqual(probe.code, 0, 'warnings only');
    assert.ok(probe.out.length > 70000, `output of ${probe.out.length} bytes`);
    const child = spawn(process.execPath, [CLI, 'lint', d], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c) => (err += c));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    assert.strictEqual(code, 0, err);
    assert.doesNotMatch(err, /EPIPE|Error/);
  });

  it('a write error (full disk) is exit 2 with a message', function () {
    if (!fs.existsSync('/dev/full')) this.skip();
    const fd = fs.openSync('/dev/full', 'w');
    try {
      const r = spawnSync(process.execPath, [CLI, 'lint', path.join(dir, 'bad.yaml')], {
        stdio: ['ignore', fd, 'pipe'],
        encoding: 'utf8',
      });
      assert.strictEqual(r.status, 2);
      assert.match(r.stderr, /cannot write the output: ENOSPC/);
    } finally {
      fs.closeSync(fd);
    }
  });
});
