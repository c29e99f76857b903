/**
 * A kustomization file named `Kustomization` (no extension, which kustomize reads like
 * kustomization.yaml) is scanned by the server and the CLI although the default include globs
 * are `*.yaml`/`*.yml`, and modelled as a build: its patches are patches, its objects get the
 * overlay's namespace, prefix and replicas. The shop fixture with the prod overlay's
 * kustomization.yaml renamed to `Kustomization`.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { kindOf, nameOf, namespaceOf } from '../../server/src/core/kustomize/build';
import { Workspace } from '../../server/src/core/model/workspace';
import { DEFAULT_SETTINGS } from '../../server/src/core/settings';
import { pathToUri, scanYamlTree } from '../../server/src/host/scan';
import { FIXTURES, ROOT } from '../support/fixtures';

describe('a kustomization file named Kustomization', function () {
  this.timeout(60000);
  let dir: string;
  const rel = (files: string[]) => files.map((f) => path.relative(dir, f).split(path.sep).join('/'));
  const scan = (exclude = DEFAULT_SETTINGS.exclude) =>
    scanYamlTree(dir, { include: DEFAULT_SETTINGS.include, exclude });

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-stateful-kfile-'));
    fs.cpSync(path.join(FIXTURES, 'kustomize', 'shop'), dir, { recursive: true });
    fs.renameSync(
      path.join(dir, 'overlays', 'prod', 'kustomization.yaml'),
      path.join(dir, 'overlays', 'prod', 'Kustomization'),
    );
    // Files that only look alike are not read.
    fs.writeFileSync(path.join(dir, 'overlays', 'prod', 'Kustomization.orig'), 'not: yaml: [');
    fs.writeFileSync(path.join(dir, 'overlays', 'prod', 'MyKustomization'), 'not: yaml: [');
  });
  after(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the scan finds it with the default include globs, and the excludes still apply', async () => {
    const files = rel((await scan()).files);
    assert.ok(files.includes('overlays/prod/Kustomization'), files.join('\n'));
    assert.ok(!files.some((f) => /Kustomization\.orig$|MyKustomization$/.test(f)), files.join('\n'));
    assert.ok(files.includes('overlays/prod/db-replicas.yaml'));
    const excluded = rel((await scan([...DEFAULT_SETTINGS.exclude, 'overlays/prod/**'])).files);
    assert.ok(!excluded.includes('overlays/prod/Kustomization'), excluded.join('\n'));
  });

  it('is modelled as a build: its patch is a patch, its StatefulSet is prod-db in shop with 5 replicas', async () => {
    const ws = new Workspace();
    for (const f of (await scan()).files) ws.setDiskFile(pathToUri(f), fs.readFileSync(f, 'utf8'));
    const k = ws.kustomize
      .roots()
      .find((r) => r.uri === pathToUri(path.join(dir, 'overlays', 'prod', 'Kustomization')));
    assert.ok(
      k,
      `builds: ${ws.kustomize
        .roots()
        .map((r) => r.uri)
        .join(', ')}`,
    );
    const sts = ws.kustomize
      .build(k, ws.fileAccess)
      .objects.filter((o) => kindOf(o.obj) === 'StatefulSet')
      .map(
        (o) =>
          `${namespaceOf(o.obj)}/${nameOf(o.obj)} replicas=${String((o.obj.spec as { replicas?: unknown } | undefined)?.replicas)}`,
      );
    assert.deepStrictEqual(sts, ['shop/prod-db replicas=5']);
    assert.ok(
      ws.isPatchFile(pathToUri(path.join(dir, 'overlays', 'prod', 'db-replicas.yaml'))),
      'db-replicas.yaml is a patch',
    );
    assert.strictEqual(ws.named('StatefulSet', 'default', 'db').length, 1, 'the patch is not a second StatefulSet db');
  });

  it('the CLI lints the folder with no finding on the patch (it is not analysed as a complete object)', () => {
    const cli = path.join(ROOT, 'bin', 'kube-stateful.js');
    if (!fs.existsSync(path.join(ROOT, 'dist', 'cli.js')))
      throw new Error('dist/cli.js is missing: build it first with `node scripts/build.mjs`');
    const r = spawnSync(process.execPath, [cli, 'lint', dir, '--format', 'json'], { encoding: 'utf8' });
    assert.strictEqual(r.status, 0, r.stdout + r.stderr);
    const out = JSON.parse(r.stdout) as unknown;
    const text = JSON.stringify(out);
    assert.ok(!/db-replicas\.yaml/.test(text), `findings on the patch:\n${text}`);
  });

  it('VS Code opens it as YAML (package.json contributes the file name to the yaml language the client selects)', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const yaml = (pkg.contributes.languages ?? []).filter((l: { id: string }) => l.id === 'yaml');
    assert.ok(
      yaml.some((l: { filenames?: string[] }) => l.filenames?.includes('Kustomization')),
      JSON.stringify(pkg.contributes.languages),
    );
    const client = fs.readFileSync(path.join(ROOT, 'client', 'src', 'extension.ts'), 'utf8');
    assert.ok(
      /documentSelector:[\s\S]*?scheme: 'file', language: 'yaml'/.test(client),
      'the client selects yaml documents',
    );
  });
});
