/**
 * Generators' inputs that are not YAML (host/generator-inputs.ts): the server and the CLI read
 * them from disk, so that generated ConfigMaps and Secrets get the content hash kustomize gives
 * them (the names compared with `kubectl kustomize` in kustomize.test.ts). Files outside the
 * folders, over the size limit or not UTF-8 text are not read: their names show `<hash>`.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { displayName } from '../../server/src/core/kustomize/build';
import { Workspace } from '../../server/src/core/model/workspace';
import { loadGeneratorInputs, MAX_GENERATOR_INPUT } from '../../server/src/host/generator-inputs';
import { realRoots } from '../../server/src/host/files';
import { pathToUri } from '../../server/src/host/scan';
import { loadPaths } from '../../server/src/cli/main';
import { FIXTURES, ROOT } from '../support/fixtures';
import { LspClient } from '../support/lsp-client';
import { loadTree } from '../support/kustomize';

const GEN = path.join(FIXTURES, 'kustomize', 'generators');

/** Generated objects' names per build (`<hash>` where the content is not known). */
function generatedNames(ws: Workspace, root: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const b of ws.kustomize.buildsOf(ws.fileAccess))
    out[path.relative(root, decodeURIComponent(new URL(b.uri).pathname))] = b.objects
      .filter((o) => o.generated)
      .map(displayName)
      .sort();
  return out;
}

function yamlOnly(dir: string): Workspace {
  const ws = new Workspace();
  const walk = (d: string): string[] =>
    fs
      .readdirSync(d, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
  for (const f of walk(dir)) if (/\.ya?ml$/.test(f)) ws.setDiskFile(pathToUri(f), fs.readFileSync(f, 'utf8'));
  return ws;
}

describe('generator inputs read from disk', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-stateful-gen-'));
    fs.cpSync(GEN, path.join(dir, 'generators'), { recursive: true });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('gives the generated names the hash of their content (as with every input known)', async () => {
    const root = path.join(dir, 'generators');
    const want = generatedNames(loadTree(GEN), GEN);
    assert.ok(
      Object.values(want)
        .flat()
        .some((n) => /^app-config-[a-z0-9]{10}$/.test(n)),
      JSON.stringify(want),
    );
    const ws = yamlOnly(root);
    const before = generatedNames(ws, root);
    assert.ok(
      Object.values(before)
        .flat()
        .some((n) => n === 'app-config-<hash>'),
      'without the env and properties files the hash is unknown',
    );
    assert.deepStrictEqual(await loadGeneratorInputs(ws, await realRoots([root])), []);
    assert.deepStrictEqual(generatedNames(ws, root), want);
  });

  it('an edit of an input changes the hash; a removed input makes it unknown again', async () => {
    const root = path.join(dir, 'generators');
    const ws = yamlOnly(root);
    const roots = await realRoots([root]);
    await loadGeneratorInputs(ws, roots);
    const name = () =>
      generatedNames(ws, root)['overlays/nohash/kustomization.yaml'].find((n) => n.startsWith('app-config-'));
    const first = name();
    const env = path.join(root, 'base', 'app.env');
    fs.appendFileSync(env, 'NEW=1\n');
    await loadGeneratorInputs(ws, roots, (u) => u === pathToUri(env));
    const second = name();
    assert.notStrictEqual(second, first);
    assert.match(second!, /^app-config-[a-z0-9]{10}$/);
    fs.rmSync(env);
    assert.strictEqual((await loadGeneratorInputs(ws, roots, (u) => u === pathToUri(env))).length, 1);
    assert.strictEqual(name(), 'app-config-<hash>');
  });

  it('does not read inputs outside the folders, over the limit, or that are not text', async () => {
    const root = path.join(dir, 'generators');
    const base = path.join(root, 'base');
    const outside = path.join(dir, 'outside.env');
    fs.writeFileSync(outside, 'SECRET=1\n');
    fs.rmSync(path.join(base, 'app.env'));
    fs.symlinkSync(outside, path.join(base, 'app.env'));
    fs.writeFileSync(path.join(base, 'app.properties'), Buffer.from([0x66, 0x6f, 0x00, 0xff]));
    fs.writeFileSync(path.join(base, 'nginx.conf'), 'x'.repeat(MAX_GENERATOR_INPUT + 1));
    const ws = yamlOnly(root);
    const problems = await loadGeneratorInputs(ws, await realRoots([root]));
    assert.strictEqual(problems.length, 3, problems.join('\n'));
    assert.match(problems.join('\n'), /outside the workspace folders/);
    assert.match(problems.join('\n'), /not UTF-8 text|binary/);
    assert.match(problems.join('\n'), /over the read limit/);
    assert.ok(!ws.hasGeneratorInput(pathToUri(path.join(base, 'app.env'))));
    assert.ok(ws.hasGeneratorInput(pathToUri(path.join(base, 'tls.crt'))), 'the other inputs are read');
    assert.ok(generatedNames(ws, root)['overlays/nohash/kustomization.yaml'].includes('app-config-<hash>'));
  });

  it('the CLI reads them for the folders it lints', async () => {
    const root = path.join(dir, 'generators');
    const { ws } = await loadPaths([root]);
    assert.deepStrictEqual(generatedNames(ws, root), generatedNames(loadTree(GEN), GEN));
  });
});

describe('lsp: generator inputs', function () {
  this.timeout(60000);

  /** The bundled server on a copy of the generators fixture, with a client that can register file watchers. */
  async function serve(
    t: (client: LspClient, dir: string, logged: (re: RegExp) => Promise<unknown>) => Promise<void>,
    refuse?: string,
  ): Promise<void> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-stateful-gen-lsp-'));
    fs.cpSync(GEN, dir, { recursive: true });
    const client = new LspClient(process.execPath, [path.join(ROOT, 'dist', 'server.js'), '--stdio'], ROOT);
    if (refuse) client.failRequests.add(refuse);
    const logged = (re: RegExp) =>
      client.waitForNotification<{ message: string }>('window/logMessage', (p) => re.test(p.message), 30000);
    try {
      await client.request('initialize', {
        processId: process.pid,
        rootUri: pathToUri(dir),
        workspaceFolders: [{ uri: pathToUri(dir), name: 'gen' }],
        capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
      });
      await t(client, dir, logged);
    } finally {
      client.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  it('a client that refuses to watch them: the server logs it and keeps serving', () =>
    serve(async (client, _dir, logged) => {
      const refused = logged(/cannot watch the generator inputs/);
      client.notify('initialized', {});
      await refused;
      assert.ok(Array.isArray(await client.request('workspace/symbol', { query: 'app' })), 'still serving');
      assert.strictEqual(client.exitCode, undefined, 'still running');
    }, 'client/registerCapability'));

  it('the server reads them after the scan, asks the client to watch them, and reads a changed one again', () =>
    serve(async (client, dir, logged) => {
      const scanned = logged(/generator inputs: read 6 of 6/);
      client.notify('initialized', {});
      await scanned;
      // The registration follows the reading: wait for it.
      for (let i = 0; i < 100 && !client.serverRequests.includes('client/registerCapability'); i++)
        await new Promise((r) => setTimeout(r, 50));
      const reg = client.serverRequestParams.find((r) => r.method === 'client/registerCapability');
      const patterns = JSON.stringify(reg?.params);
      for (const f of ['app.env', 'app.properties', 'nginx.conf', 'tls.crt', 'empty.env', 'secret.env'])
        assert.ok(patterns.includes(`**/${f}`), `${f} is watched: ${patterns}`);
      const env = path.join(dir, 'base', 'app.env');
      fs.appendFileSync(env, 'NEW=1\n');
      const again = logged(/generator inputs: read 1 of 1/);
      client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToUri(env), type: 2 }] });
      await again;
    }));

  it('a kustomization edited in the editor to name a new input: read once typing pauses', () =>
    serve(async (client, dir, logged) => {
      const scanned = logged(/generator inputs: read 6 of 6/);
      client.notify('initialized', {});
      await scanned;
      fs.writeFileSync(path.join(dir, 'base', 'extra.env'), 'X=1\n');
      const k = path.join(dir, 'base', 'kustomization.yaml');
      const text = fs
        .readFileSync(k, 'utf8')
        .replace('    envs:\n      - app.env', '    envs:\n      - app.env\n      - extra.env');
      assert.ok(text.includes('extra.env'));
      const read = logged(/generator inputs: read 1 of 1/);
      client.notify('textDocument/didOpen', {
        textDocument: { uri: pathToUri(k), languageId: 'yaml', version: 1, text },
      });
      await read;
    }));
});
