/**
 * kustomize through the real bundled server (dist/server.js over stdio): a workspace with a
 * base, a component and three overlays (test/fixtures/kustomize/shop). Hover on the base
 * StatefulSet shows one replica table per overlay; hover on a patch shows the patched result;
 * a patch file gets no required-field diagnostics.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToUri } from '../../server/src/host/scan';
import { FIXTURES, ROOT } from '../support/fixtures';
import { LspClient } from '../support/lsp-client';

const SERVER = path.join(ROOT, 'dist', 'server.js');

function posOf(text: string, needle: string, delta = 0): { line: number; character: number } {
  const i = text.indexOf(needle) + delta;
  const before = text.slice(0, i).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

describe('lsp: kustomize layouts', function () {
  this.timeout(60000);
  let dir: string;
  let client: LspClient;

  before(async () => {
    if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} is missing: build it first with \`node scripts/build.mjs\``);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-stateful-kz-'));
    fs.cpSync(path.join(FIXTURES, 'kustomize', 'shop'), dir, { recursive: true });
    client = new LspClient(process.execPath, [SERVER, '--stdio'], ROOT);
    client.configuration = { kubeStateful: {} };
    await client.request('initialize', {
      processId: process.pid,
      rootUri: pathToUri(dir),
      workspaceFolders: [{ uri: pathToUri(dir), name: 'shop' }],
      capabilities: {
        workspace: { configuration: true, workspaceFolders: true },
        textDocument: { hover: { contentFormat: ['markdown'] } },
      },
    });
    client.notify('initialized', {});
  });

  after(() => {
    if (client) client.kill();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Hover, retried until the workspace scan has indexed the overlays. */
  async function hoverUntil(uri: string, pos: { line: number; character: number }, want: RegExp): Promise<string> {
    let last = '';
    for (let i = 0; i < 250; i++) {
      const h = await client.request<any>('textDocument/hover', { textDocument: { uri }, position: pos });
      last = h?.contents?.value ?? '';
      if (want.test(last)) return last;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.fail(`hover never matched ${want}:\n${last}`);
  }

  it('hover on the base StatefulSet: one replica table per overlay', async () => {
    const file = path.join(dir, 'base', 'db.yaml');
    const text = fs.readFileSync(file, 'utf8');
    const md = await hoverUntil(pathToUri(file), posOf(text, 'name: db', 7), /3 builds include this StatefulSet/);
    assert.match(md, /3 builds include this StatefulSet/);
    assert.match(md, /`overlays\/prod`.*StatefulSet `prod-db` · namespace `shop` · 5 replicas · Service `prod-db-hl`/);
    assert.match(md, /`prod-db-4\.prod-db-hl\.shop\.svc\.cluster\.local` \| `data-prod-db-4`/);
    assert.match(md, /`overlays\/staging`.*StatefulSet `db-stg` · namespace `staging` · 2 replicas/);
    assert.match(md, /`db-stg-1\.db-hl-stg\.staging\.svc\.cluster\.local`/);
    assert.match(md, /`overlays\/dev`.*StatefulSet `db` · namespace `default` · 1 replica/);
  });

  it('hover on a patch: the patched result in the build that applies it', async () => {
    const file = path.join(dir, 'overlays', 'prod', 'db-replicas.yaml');
    const text = fs.readFileSync(file, 'utf8');
    const md = await hoverUntil(
      pathToUri(file),
      posOf(text, 'replicas: 5', 10),
      /kustomize patch[\s\S]*patched result in/,
    );
    assert.match(md, /patched result in 1 build/);
    assert.match(md, /StatefulSet `prod-db` · namespace `shop` · 5 replicas/);
    assert.match(md, /`prod-db-4`/);
    assert.doesNotMatch(md, /overlays\/staging/);
  });

  it('a patch file gets no required-field diagnostics, and an invalid value in it is still reported', async () => {
    const file = path.join(dir, 'overlays', 'prod', 'db-replicas.yaml');
    const uri = pathToUri(file);
    const text = fs.readFileSync(file, 'utf8');
    client.notify('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version: 1, text: text.replace('replicas: 5', 'replicas: -5') },
    });
    const d = await client.diagnosticsFor(uri, (x) => x.some((f) => f.code === 'sts-replicas-invalid'));
    assert.deepStrictEqual(
      d.map((f) => f.code),
      ['sts-replicas-invalid'],
    );
  });

  it('a kustomization file named Kustomization that appears on disk is read (watched files) and becomes a build', async () => {
    const file = path.join(dir, 'base', 'db.yaml');
    const text = fs.readFileSync(file, 'utf8');
    // The first scan is over (it would find the new file by itself).
    await hoverUntil(pathToUri(file), posOf(text, 'name: db', 7), /3 builds include this StatefulSet/);
    const overlay = path.join(dir, 'overlays', 'qa');
    fs.mkdirSync(overlay, { recursive: true });
    const kfile = path.join(overlay, 'Kustomization');
    fs.writeFileSync(
      kfile,
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: qa\nnamePrefix: qa-\nresources:\n  - ../../base\n',
    );
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToUri(kfile), type: 1 }] });
    const md = await hoverUntil(pathToUri(file), posOf(text, 'name: db', 7), /4 builds include this StatefulSet/);
    assert.match(md, /`overlays\/qa`.*StatefulSet `qa-db` · namespace `qa` · 1 replica/);
    assert.match(md, /`qa-db-0\.qa-db-hl\.qa\.svc\.cluster\.local` \| `data-qa-db-0`/);
  });
});
