/**
 * Schema help over the real bundled server (dist/server.js, stdio): key completion at depth,
 * enum value completion, apiVersion/kind pairs, hover on a key, and an unknown-field
 * diagnostic that appears and clears as the buffer is edited.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToUri } from '../../server/src/host/scan';
import { ROOT } from '../support/fixtures';
import { LspClient } from '../support/lsp-client';

const SERVER = path.join(ROOT, 'dist', 'server.js');

const DOC = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replica: 3
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
        - name: db
          imagePullPolicy: Never
          ima
`;

function posOf(text: string, needle: string, delta = 0) {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(needle);
  const before = text.slice(0, i + delta);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}

describe('lsp: schema completion, hover and diagnostics', function () {
  this.timeout(20000);
  let dir: string;
  let client: LspClient;
  let uri: string;
  let text = DOC;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-stateful-schema-'));
    uri = pathToUri(path.join(dir, 'db.yaml'));
    client = new LspClient(process.execPath, [SERVER, '--stdio'], ROOT);
    await client.request('initialize', {
      processId: process.pid,
      rootUri: pathToUri(dir),
      workspaceFolders: [{ uri: pathToUri(dir), name: 'ws' }],
      capabilities: { textDocument: { completion: { completionItem: { snippetSupport: true } } } },
    });
    client.notify('initialized', {});
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  });

  after(() => {
    client?.kill();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('completes keys of a container, leaving out present ones, with snippets and docs', async () => {
    const pos = posOf(text, '          ima\n', '          ima'.length);
    const r = await client.request<any>('textDocument/completion', { textDocument: { uri }, position: pos });
    const labels: string[] = r.items.map((i: any) => i.label);
    assert.ok(labels.includes('image'), labels.join());
    assert.ok(labels.includes('volumeMounts'));
    assert.ok(!labels.includes('name'), 'name is present');
    assert.ok(!labels.includes('imagePullPolicy'), 'imagePullPolicy is present');
    const vm = r.items.find((i: any) => i.label === 'volumeMounts');
    assert.strictEqual(vm.insertTextFormat, 2, 'snippet');
    assert.match(vm.textEdit.newText, /^volumeMounts:\n {2}- \$0$/);
    assert.deepStrictEqual(vm.textEdit.range.start, { line: pos.line, character: pos.character - 3 });
    assert.match(vm.detail, /list of object/);
    assert.ok(r.items.find((i: any) => i.label === 'image').documentation.value.length > 10);
  });

  it('lists required keys first', async () => {
    const u3 = pathToUri(path.join(dir, 'deploy.yaml'));
    const t3 = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: w}\nspec:\n  replicas: 2\n  \n';
    client.notify('textDocument/didOpen', { textDocument: { uri: u3, languageId: 'yaml', version: 1, text: t3 } });
    const r = await client.request<any>('textDocument/completion', {
      textDocument: { uri: u3 },
      position: { line: 5, character: 2 },
    });
    const labels: string[] = r.items.map((i: any) => i.label);
    assert.deepStrictEqual(labels.slice(0, 2), ['selector', 'template'], 'required fields of DeploymentSpec first');
    assert.ok(!labels.includes('replicas'), 'present key left out');
    assert.ok(labels.includes('strategy'));
    // A typed space (indentation) does not pop up the key list.
    const sp = await client.request<any>('textDocument/completion', {
      textDocument: { uri: u3 },
      position: { line: 5, character: 2 },
      context: { triggerKind: 2, triggerCharacter: ' ' },
    });
    assert.strictEqual(sp, null);
  });

  it('completes enum values', async () => {
    const pos = posOf(text, 'imagePullPolicy: Never', 'imagePullPolicy: '.length);
    const r = await client.request<any>('textDocument/completion', { textDocument: { uri }, position: pos });
    assert.deepStrictEqual(r.items.map((i: any) => i.label).sort(), ['Always', 'IfNotPresent', 'Never']);
  });

  it('hover on a key: type, required, description, API version', async () => {
    const h = await client.request<any>('textDocument/hover', {
      textDocument: { uri },
      position: posOf(text, 'matchLabels', 2),
    });
    assert.match(h.contents.value, /\*\*matchLabels\*\* · map of string/);
    assert.match(h.contents.value, /apps\/v1/);
    const s = await client.request<any>('textDocument/hover', {
      textDocument: { uri },
      position: posOf(text, '  selector:', 4),
    });
    assert.match(s.contents.value, /required/);
  });

  it('an unknown field is reported and clears when it is fixed', async () => {
    // The half-typed `ima` key is a syntax error, and a document that does not parse gets no
    // other findings: finish typing it first.
    text = text.replace('          ima\n', '          image: postgres\n');
    client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text }] });
    const d = await client.diagnosticsFor(uri, (ds) =>
      ds.some((x) => x.code === 'schema-unknown-field' && /spec\.replica"/.test(x.message)),
    );
    const f = d.find((x) => /spec\.replica"/.test(x.message))!;
    assert.match(f.message, /Did you mean "replicas"/);
    const at = posOf(text, 'replica:', 'replica'.length);
    text = text.replace('replica:', 'replicas:');
    client.notify('textDocument/didChange', {
      textDocument: { uri, version: 3 },
      contentChanges: [{ range: { start: at, end: at }, text: 's' }],
    });
    await client.diagnosticsFor(uri, (ds) => !ds.some((x) => /spec\.replica"/.test(x.message)));
  });

  it('apiVersion/kind pairs at the top of an empty document', async () => {
    const u2 = pathToUri(path.join(dir, 'new.yaml'));
    client.notify('textDocument/didOpen', { textDocument: { uri: u2, languageId: 'yaml', version: 1, text: 'Stat' } });
    const r = await client.request<any>('textDocument/completion', {
      textDocument: { uri: u2 },
      position: { line: 0, character: 4 },
    });
    const sts = r.items.find((i: any) => i.label === 'StatefulSet (apps/v1)');
    assert.ok(sts, 'StatefulSet pair');
    assert.match(sts.textEdit.newText, /^apiVersion: apps\/v1\nkind: StatefulSet\n/);
  });
});
