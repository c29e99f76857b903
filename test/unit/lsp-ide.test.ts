/**
 * Editor intelligence over stdio with the bundled server (dist/server.js): references,
 * prepareRename/rename (with and without change annotations), document and workspace
 * symbols, inlay hints and the setting that turns them off.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToUri } from '../../server/src/host/scan';
import { FIXTURES, ROOT } from '../support/fixtures';
import { LspClient } from '../support/lsp-client';

const SERVER = path.join(ROOT, 'dist', 'server.js');
const SRC = path.join(FIXTURES, 'ide');

function posOf(text: string, needle: string, delta = 0): { line: number; character: number } {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, needle);
  const before = text.slice(0, i + delta).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

async function start(dir: string, annotations: boolean): Promise<{ client: LspClient; init: any }> {
  const client = new LspClient(process.execPath, [SERVER, '--stdio'], ROOT);
  client.configuration = { kubeStateful: {} };
  const init = await client.request('initialize', {
    processId: process.pid,
    rootUri: pathToUri(dir),
    workspaceFolders: [{ uri: pathToUri(dir), name: 'ws' }],
    capabilities: {
      workspace: {
        configuration: true,
        didChangeConfiguration: { dynamicRegistration: true },
        workspaceEdit: annotations ? { documentChanges: true, changeAnnotationSupport: { groupsOnLabel: true } } : {},
        inlayHint: { refreshSupport: true },
      },
      textDocument: { rename: { prepareSupport: true }, documentSymbol: { hierarchicalDocumentSymbolSupport: true } },
    },
  });
  client.notify('initialized', {});
  return { client, init };
}

describe('lsp (stdio): references, rename, symbols, inlay hints', function () {
  let dir: string;
  let client: LspClient;
  let init: any;
  const text: Record<string, string> = {};
  const uri = (f: string) => pathToUri(path.join(dir, f));

  before(async function () {
    if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} is missing: build it first with \`node scripts/build.mjs\``);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-stateful-ide-'));
    for (const f of fs.readdirSync(SRC)) {
      text[f] = fs.readFileSync(path.join(SRC, f), 'utf8');
      fs.writeFileSync(path.join(dir, f), text[f]);
    }
    ({ client, init } = await start(dir, true));
    // Indexed once the scanned files are published.
    await client.diagnosticsFor(uri('app.yaml'));
    await client.diagnosticsFor(uri('sts.yaml'));
  });

  after(() => {
    client?.kill();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('declares the providers', () => {
    const c = init.capabilities;
    assert.ok(c.referencesProvider);
    assert.deepStrictEqual(c.renameProvider, { prepareProvider: true });
    assert.ok(c.documentSymbolProvider);
    assert.ok(c.workspaceSymbolProvider);
    assert.ok(c.inlayHintProvider);
  });

  it('textDocument/references: a Service from its name, across files, DNS names included', async () => {
    const locs = await client.request<any[]>('textDocument/references', {
      textDocument: { uri: uri('svc.yaml') },
      position: posOf(text['svc.yaml'], 'name: nginx', 7),
      context: { includeDeclaration: true },
    });
    const files = locs.map((l) => `${path.basename(l.uri)}:${l.range.start.line + 1}`);
    assert.strictEqual(files[0], 'svc.yaml:4');
    assert.strictEqual(files.length, 10);
    assert.ok(files.includes('app.yaml:32'), 'ConfigMap data');
    for (const l of locs) {
      const lines = text[path.basename(l.uri)].split('\n');
      assert.strictEqual(lines[l.range.start.line].slice(l.range.start.character, l.range.end.character), 'nginx');
    }
  });

  it('textDocument/prepareRename: the range and placeholder, or an error with the reason', async () => {
    const p = await client.request<any>('textDocument/prepareRename', {
      textDocument: { uri: uri('sts.yaml') },
      position: posOf(text['sts.yaml'], 'serviceName: nginx', 14),
    });
    assert.strictEqual(p.placeholder, 'nginx');
    assert.deepStrictEqual(p.range.start, posOf(text['sts.yaml'], 'serviceName: nginx', 13));
    await assert.rejects(
      client.request('textDocument/prepareRename', {
        textDocument: { uri: uri('sts.yaml') },
        position: posOf(text['sts.yaml'], 'name: web', 7),
      }),
      /not supported/,
    );
  });

  it('textDocument/rename: a WorkspaceEdit over three files with a change annotation', async () => {
    const e = await client.request<any>('textDocument/rename', {
      textDocument: { uri: uri('svc.yaml') },
      position: posOf(text['svc.yaml'], 'name: nginx', 7),
      newName: 'web-hl',
    });
    assert.deepStrictEqual(Object.keys(e.changeAnnotations), ['kubeStateful.renameWarning']);
    assert.strictEqual(e.changeAnnotations['kubeStateful.renameWarning'].needsConfirmation, true);
    const files = e.documentChanges.map((d: any) => path.basename(d.textDocument.uri)).sort();
    assert.deepStrictEqual(files, ['app.yaml', 'sts.yaml', 'svc.yaml']);
    const n = e.documentChanges.reduce((a: number, d: any) => a + d.edits.length, 0);
    assert.strictEqual(n, 10);
    assert.ok(e.documentChanges.every((d: any) => d.edits.every((x: any) => x.newText === 'web-hl' && x.annotationId)));
  });

  it('textDocument/rename: an invalid name is refused with the rule', async () => {
    await assert.rejects(
      client.request('textDocument/rename', {
        textDocument: { uri: uri('svc.yaml') },
        position: posOf(text['svc.yaml'], 'name: nginx', 7),
        newName: 'Bad_Name',
      }),
      /DNS-1035 label/,
    );
  });

  it('textDocument/documentSymbol: the outline', async () => {
    const syms = await client.request<any[]>('textDocument/documentSymbol', { textDocument: { uri: uri('sts.yaml') } });
    assert.strictEqual(syms.length, 1);
    assert.strictEqual(syms[0].name, 'StatefulSet web');
    assert.deepStrictEqual(
      syms[0].children.map((c: any) => c.name),
      ['nginx', 'sidecar', 'scratch', 'conf', 'www'],
    );
    assert.deepStrictEqual(syms[0].selectionRange.start, posOf(text['sts.yaml'], 'name: web', 6));
  });

  it('workspace/symbol: generated pod, PVC and DNS names', async () => {
    const syms = await client.request<any[]>('workspace/symbol', { query: 'web-2' });
    assert.deepStrictEqual(
      syms.map((s) => s.name),
      ['web-2', 'web-2.nginx.shop.svc.cluster.local', 'www-web-2'],
    );
    assert.strictEqual(path.basename(syms[0].location.uri), 'sts.yaml');
  });

  it('workspace/inlayHint/refresh when another file changes what the hints say', async () => {
    const count = () => client.serverRequests.filter((m) => m === 'workspace/inlayHint/refresh').length;
    const before = count();
    const u = uri('another-class.yaml');
    client.notify('textDocument/didOpen', {
      textDocument: {
        uri: u,
        languageId: 'yaml',
        version: 1,
        text: 'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: extra\nprovisioner: ebs.csi.aws.com\n',
      },
    });
    for (let i = 0; i < 100 && count() === before; i++) await new Promise((r) => setTimeout(r, 50));
    assert.ok(count() > before, 'no inlay hint refresh after another file changed');
    client.notify('textDocument/didClose', { textDocument: { uri: u } });
  });

  it('textDocument/inlayHint: labels at the ends of the values; off with the setting', async () => {
    const lines = text['sts.yaml'].split('\n').length;
    const ask = () =>
      client.request<any[]>('textDocument/inlayHint', {
        textDocument: { uri: uri('sts.yaml') },
        range: { start: { line: 0, character: 0 }, end: { line: lines, character: 0 } },
      });
    const hints = await ask();
    assert.deepStrictEqual(
      hints.map((h) => h.label),
      ['web-{0..2}.nginx.shop.svc.cluster.local', 'web-0 … web-2', 'www-web-0 … www-web-2 · class standard (default)'],
    );
    assert.deepStrictEqual(hints[1].position, posOf(text['sts.yaml'], 'replicas: 3', 11));
    client.configuration = { kubeStateful: { inlayHints: { enable: false } } };
    client.notify('workspace/didChangeConfiguration', { settings: null });
    for (let i = 0; i < 50 && (await ask()).length; i++) await new Promise((r) => setTimeout(r, 50));
    assert.deepStrictEqual(await ask(), []);
    assert.ok(client.serverRequests.includes('workspace/inlayHint/refresh'));
  });

  it('codeAction: create the missing headless Service (an insertion at the end of the document)', async () => {
    const u = uri('unsaved-db.yaml');
    const t =
      'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\n  namespace: shop\nspec:\n  serviceName: db-hl\n  selector:\n    matchLabels: {app: db}\n  template:\n    metadata:\n      labels: {app: db}\n    spec:\n      containers: [{name: db, image: postgres}]\n';
    client.notify('textDocument/didOpen', { textDocument: { uri: u, languageId: 'yaml', version: 1, text: t } });
    const d = await client.diagnosticsFor(u, (ds) => ds.some((x) => x.code === 'sts-service-missing'));
    const actions = await client.request<any[]>('textDocument/codeAction', {
      textDocument: { uri: u },
      range: d[0].range,
      context: { diagnostics: d.filter((x) => x.code === 'sts-service-missing') },
    });
    const create = actions.find((a) => /Create headless Service db-hl/.test(a.title));
    assert.ok(create, JSON.stringify(actions.map((a) => a.title)));
    const [edit] = create.edit.changes[u];
    assert.deepStrictEqual(edit.range, { start: { line: 14, character: 0 }, end: { line: 14, character: 0 } });
    assert.match(
      edit.newText,
      /^---\napiVersion: v1\nkind: Service\nmetadata:\n  name: db-hl\n  namespace: shop\nspec:\n  clusterIP: None\n/,
    );
    client.notify('textDocument/didClose', { textDocument: { uri: u } });
  });

  it('rename without change-annotation support: plain changes, the warning as a message', async () => {
    const other = await start(dir, false);
    try {
      await other.client.diagnosticsFor(uri('sts.yaml'));
      const e = await other.client.request<any>('textDocument/rename', {
        textDocument: { uri: uri('sts.yaml') },
        position: posOf(text['sts.yaml'], 'name: www', 7),
        newName: 'content',
      });
      assert.strictEqual(e.changes[uri('sts.yaml')].length, 2);
      const msg =
        other.client.notifications.find((n) => n.method === 'window/showMessage')?.params ??
        (await other.client.waitForNotification<any>('window/showMessage'));
      assert.match(msg.message, /orphan/);
    } finally {
      other.client.kill();
    }
  });
});
