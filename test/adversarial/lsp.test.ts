/**
 * The language server under hostile traffic and a hostile workspace: broken framing, invalid
 * and odd URIs, FIFOs, symlinks and paths outside the workspace in watched-file events, invalid
 * globs from settings, the file limit, and an edit storm compared with a fresh server.
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToUri } from '../../server/src/host/scan';
import { Rng } from '../../scripts/fuzz';
import { ROOT } from '../support/fixtures';
import { Diagnostic, LspClient } from '../support/lsp-client';

const SERVER = path.join(ROOT, 'dist', 'server.js');

const sts = (name: string, service: string) => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ${name}
spec:
  serviceName: ${service}
  replicas: 2
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
      - name: c
        image: nginx
`;
const svc = (name: string, app: string) => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  clusterIP: None
  selector: {app: ${app}}
  ports:
  - port: 80
`;

const CAPS = {
  workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true },
  textDocument: { publishDiagnostics: { relatedInformation: true } },
};

async function start(
  dir: string,
  config: Record<string, unknown> = {},
  env: Record<string, string> = {},
): Promise<LspClient> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  const client = new LspClient(process.execPath, [SERVER, '--stdio'], ROOT);
  process.env = saved;
  client.configuration = { kubeStateful: config };
  await client.request('initialize', {
    processId: process.pid,
    rootUri: pathToUri(dir),
    workspaceFolders: [{ uri: pathToUri(dir), name: 'ws' }],
    capabilities: CAPS,
  });
  client.notify('initialized', {});
  return client;
}

const codes = (d: Diagnostic[] | undefined) => (d ?? []).map((x) => String(x.code));
const missing = (d: Diagnostic[] | undefined) => codes(d).includes('sts-service-missing');
/** A request that answers once everything sent before it has been handled. */
const settle = (c: LspClient) => c.request('kubeStateful/tree', {});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('adversarial: LSP framing', function () {
  this.timeout(30000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-frame-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const body = JSON.stringify({
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { processId: null, rootUri: null, capabilities: {} },
  });
  const cases: [string, string][] = [
    ['a Content-Length shorter than the body', `Content-Length: ${body.length - 10}\r\n\r\n${body}`],
    [
      'a Content-Length longer than the body (the rest never comes)',
      `Content-Length: ${body.length + 10}\r\n\r\n${body}`,
    ],
    ['no Content-Length header', `Content-Type: application/json\r\n\r\n${body}`],
    ['a non-numeric Content-Length', `Content-Length: abc\r\n\r\n${body}`],
  ];
  for (const [what, bytes] of cases) {
    it(`${what}: logged, and the server exits non-zero so that the client restarts it`, async () => {
      const saved = { ...process.env };
      process.env.KUBE_STATEFUL_PARTIAL_MESSAGE_MS = '500';
      const c = new LspClient(process.execPath, [SERVER, '--stdio'], ROOT);
      process.env = saved;
      c.writeRaw(bytes);
      const code = await c.waitForExit(10000);
      c.kill();
      assert.ok(code !== 0 && code !== null, `exit code ${code}`);
      assert.match(c.stderr, /kube-stateful\].*(framing|incomplete|Content-Length)/);
    });
  }
});

describe('adversarial: URIs and workspace faults (LSP)', function () {
  this.timeout(30000);
  let base: string;
  let ws: string;
  let client: LspClient;

  before(async () => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-faults-'));
    ws = path.join(base, 'ws');
    fs.mkdirSync(ws);
    fs.mkdirSync(path.join(base, 'outside'));
    fs.writeFileSync(path.join(ws, 'web.yaml'), sts('web', 'web'));
    fs.writeFileSync(path.join(ws, 'web-svc.yaml'), svc('web', 'web'));
    // A Service that exists only outside the workspace, reachable through a symlink.
    fs.writeFileSync(path.join(base, 'outside', 'secret.yaml'), svc('secret', 'db'));
    fs.symlinkSync(path.join(base, 'outside', 'secret.yaml'), path.join(ws, 'link.yaml'));
    client = await start(ws);
    await client.diagnosticsFor(pathToUri(path.join(ws, 'web.yaml')));
  });
  after(() => {
    client?.kill();
    fs.rmSync(base, { recursive: true, force: true });
  });

  it('watched files: FIFOs, a symlink out of the workspace, a path outside it, UNC and invalid URIs are skipped, and the rest of the batch is applied', async () => {
    const db = pathToUri(path.join(ws, 'db.yaml'));
    client.notify('textDocument/didOpen', {
      textDocument: {
        uri: db,
        languageId: 'yaml',
        version: 1,
        text: sts('db', 'secret') + '---\n' + sts('db2', 'fresh'),
      },
    });
    let d = await client.diagnosticsFor(db, (x) => missing(x));
    assert.strictEqual(d.filter((x) => x.code === 'sts-service-missing').length, 2);
    const fifos = [0, 1, 2, 3, 4, 5].map((i) => path.join(ws, `pipe${i}.yaml`));
    for (const f of fifos) execFileSync('mkfifo', [f]);
    const fresh = path.join(ws, 'fresh.yaml');
    fs.writeFileSync(fresh, svc('fresh', 'db2'));
    fs.writeFileSync(path.join(base, 'outside', 'hosts.yaml'), svc('secret', 'db'));
    client.notify('workspace/didChangeWatchedFiles', {
      changes: [
        ...fifos.map((f) => ({ uri: pathToUri(f), type: 1 })),
        { uri: pathToUri(path.join(ws, 'link.yaml')), type: 1 },
        { uri: pathToUri(path.join(base, 'outside', 'hosts.yaml')), type: 1 },
        { uri: pathToUri(path.join(ws, '..', 'outside', 'hosts.yaml')), type: 2 },
        { uri: 'file://server/share/x.yaml', type: 1 },
        { uri: 'file:///%E0%A4%A.yaml', type: 1 },
        { uri: 'not a uri', type: 1 },
        { uri: 42, type: 1 },
        null,
        { uri: pathToUri(fresh), type: 1 },
      ],
    });
    // The valid event at the end of the batch is applied: db2's Service now exists ...
    d = await client.diagnosticsFor(db, (x) => x.filter((y) => y.code === 'sts-service-missing').length === 1);
    // ... and nothing outside the workspace was read: db's Service `secret` is still missing.
    assert.match(d.find((x) => x.code === 'sts-service-missing')!.message, /secret/);
    // Later events are still processed (FIFOs did not block the thread pool).
    fs.writeFileSync(path.join(ws, 'secret.yaml'), svc('secret', 'db'));
    client.notify('workspace/didChangeWatchedFiles', {
      changes: [{ uri: pathToUri(path.join(ws, 'secret.yaml')), type: 1 }],
    });
    await client.diagnosticsFor(db, (x) => !missing(x));
    assert.match(client.stderr + JSON.stringify(client.notifications), /outside the workspace|not a regular file/);
  });

  it('a URI with a query and fragment gets its diagnostics under that same URI', async () => {
    const uri = pathToUri(path.join(ws, 'q.yaml')) + '?x=1#frag';
    client.notify('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version: 1, text: sts('q', 'nope') },
    });
    const d = await client.diagnosticsFor(uri, (x) => missing(x));
    assert.ok(missing(d));
    assert.ok(
      ![...client.diagnostics.keys()].some((k) => k !== uri && k.includes('q.yaml')),
      [...client.diagnostics.keys()].join(' '),
    );
  });

  it('a percent-encoded alias of an open document does not replace or drop it', async () => {
    const plain = pathToUri(path.join(ws, 'alias.yaml'));
    const alias = plain.replace(/alias\.yaml$/, '%61lias.yaml');
    client.notify('textDocument/didOpen', {
      textDocument: { uri: plain, languageId: 'yaml', version: 1, text: sts('alias', 'nope') },
    });
    await client.diagnosticsFor(plain, (x) => missing(x));
    client.notify('textDocument/didOpen', {
      textDocument: { uri: alias, languageId: 'yaml', version: 1, text: sts('alias', 'nope') },
    });
    await client.diagnosticsFor(alias, (x) => missing(x));
    client.notify('textDocument/didClose', { textDocument: { uri: alias } });
    await settle(client);
    const h = await client.request('textDocument/hover', {
      textDocument: { uri: plain },
      position: { line: 3, character: 9 },
    });
    assert.ok(h && JSON.stringify(h).includes('alias-0'), 'the plain document is still known after its alias closed');
  });

  it('invalid URIs in document notifications and requests are logged and ignored', async () => {
    for (const uri of ['', 'file:///%E0%A4%A.yaml', ':::', 'untitled:', 'x'.repeat(40000)]) {
      client.notify('textDocument/didOpen', {
        textDocument: { uri, languageId: 'yaml', version: 1, text: 'kind: x\n' },
      });
      client.notify('textDocument/didClose', { textDocument: { uri } });
      const h = await client.request('textDocument/hover', {
        textDocument: { uri },
        position: { line: 0, character: 0 },
      });
      assert.strictEqual(h, null);
    }
    assert.ok(Array.isArray(await settle(client)));
  });

  it('an invalid include glob is rejected with a visible message; the index stays', async () => {
    const web = pathToUri(path.join(ws, 'web.yaml'));
    client.notify('textDocument/didOpen', {
      textDocument: { uri: web, languageId: 'yaml', version: 1, text: sts('web', 'web') },
    });
    await client.diagnosticsFor(web, (x) => !missing(x));
    client.configuration = { kubeStateful: { include: ['**/*.{yaml'] } };
    client.notify('workspace/didChangeConfiguration', { settings: {} });
    const msg = await client.waitForNotification('window/showMessage', (p) => /include/.test(p.message));
    assert.match(msg.message, /\*\*\/\*\.\{yaml/);
    await settle(client);
    await sleep(500);
    assert.ok(!missing(client.diagnostics.get(web)), 'the Service is still indexed');
    client.configuration = { kubeStateful: {} };
    client.notify('workspace/didChangeConfiguration', { settings: {} });
    await settle(client);
  });
});

describe('adversarial: file limit (LSP)', function () {
  this.timeout(30000);
  it('reaching maxFiles is reported with one notification', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-max-'));
    let client: LspClient | undefined;
    try {
      for (let i = 0; i < 5; i++) fs.writeFileSync(path.join(dir, `f${i}.yaml`), svc(`s${i}`, 'x'));
      client = await start(dir, { maxFiles: 3 });
      const msg = await client.waitForNotification('window/showMessage', (p) => /maxFiles/.test(p.message));
      assert.match(msg.message, /first 3/);
      client.notify('workspace/didChangeConfiguration', { settings: {} });
      await settle(client);
      await sleep(300);
      assert.strictEqual(client.notifications.filter((n) => n.method === 'window/showMessage').length, 1);
    } finally {
      client?.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('adversarial: edit storm equivalence (LSP)', function () {
  this.timeout(120000);
  it('random edits with interleaved requests end with the diagnostics of a fresh server', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ks-storm-'));
    fs.writeFileSync(path.join(dir, 'svc.yaml'), svc('web', 'web'));
    const uri = pathToUri(path.join(dir, 'storm.yaml'));
    const rng = new Rng(42);
    const snippets = [
      'web',
      ' ',
      '\n',
      ':',
      '-',
      '---\n',
      'serviceName: db\n',
      '"',
      '\t',
      '  ',
      'replicas: 3\n',
      '{',
      '}',
      '\r',
      '\r\n',
      '\ufeff',
      '#',
    ];
    let text = sts('web', 'web') + '---\n' + sts('db', 'db');
    let client: LspClient | undefined;
    let fresh: LspClient | undefined;
    try {
      client = await start(dir);
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
      const lineCol = (t: string, off: number) => {
        const before = t.slice(0, off);
        const lines = before.split(/\r\n|\r|\n/);
        return { line: lines.length - 1, character: lines[lines.length - 1].length };
      };
      const requests: Promise<unknown>[] = [];
      for (let i = 0; i < 300; i++) {
        const at = rng.int(text.length + 1);
        const del = rng.int(4) === 0 ? rng.int(Math.min(12, text.length - at) + 1) : 0;
        const ins = rng.int(3) === 0 ? '' : rng.pick(snippets);
        // Never split a CR LF pair: positions would be ambiguous for the test's own bookkeeping.
        if ((text[at - 1] === '\r' && text[at] === '\n') || (text[at + del - 1] === '\r' && text[at + del] === '\n'))
          continue;
        const range = { start: lineCol(text, at), end: lineCol(text, at + del) };
        text = text.slice(0, at) + ins + text.slice(at + del);
        client.notify('textDocument/didChange', {
          textDocument: { uri, version: i + 2 },
          contentChanges: [{ range, text: ins }],
        });
        if (i % 10 === 0)
          requests.push(
            client.request('textDocument/hover', {
              textDocument: { uri },
              position: lineCol(text, rng.int(text.length + 1)),
            }),
          );
        if (i % 25 === 0) requests.push(client.request('kubeStateful/tree', {}));
        if (i % 30 === 0)
          requests.push(
            client.request('textDocument/completion', {
              textDocument: { uri },
              position: lineCol(text, rng.int(text.length + 1)),
            }),
          );
      }
      await Promise.all(requests);
      await settle(client);
      await sleep(800);
      const final = client.diagnostics.get(uri) ?? [];
      fresh = await start(dir);
      fresh.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
      const expected = await fresh.diagnosticsFor(uri);
      await settle(fresh);
      await sleep(800);
      const norm = (d: Diagnostic[]) => JSON.stringify(d.map((x) => [x.code, x.range, x.message]).sort());
      assert.strictEqual(norm(final), norm(fresh.diagnostics.get(uri) ?? expected));
      assert.deepStrictEqual(
        await client.request('kubeStateful/tree', {}),
        await fresh.request('kubeStateful/tree', {}),
      );
    } finally {
      client?.kill();
      fresh?.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
