/**
 * The stdio server on a workspace large enough to be indexed on worker threads: facts from
 * the workers resolve cross-file references like a main-thread parse, requests are answered
 * while indexing, and every new version of an open file gets its diagnostics at once.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToUri } from '../../server/src/host/scan';
import { ROOT } from '../support/fixtures';
import { LspClient } from '../support/lsp-client';
import { NOTIFY_MODEL_CHANGED, REQUEST_IDENTITIES } from '../../server/src/protocol';

const SERVER = path.join(ROOT, 'dist', 'server.js');
const FILES = 80;

function statefulSet(i: number, service: string): string {
  return `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: app-${i}
spec:
  serviceName: ${service}
  replicas: 2
  selector: {matchLabels: {app: app-${i}}}
  template:
    metadata: {labels: {app: app-${i}}}
    spec:
      containers: [{name: c, image: nginx}]
`;
}

function service(i: number): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: svc-${i}
spec:
  clusterIP: None
  selector: {app: app-${i}}
  ports: [{port: 80}]
`;
}

describe('lsp (stdio server) on a workspace indexed by worker threads', function () {
  this.timeout(120000);
  let dir: string;
  let client: LspClient;
  const uri = (i: number) => pathToUri(path.join(dir, `d${i % 7}`, `f${i}.yaml`));

  before(async function () {
    if (!fs.existsSync(path.join(ROOT, 'dist', 'index-worker.js')))
      throw new Error('dist/index-worker.js is missing: build first (node scripts/build.mjs)');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-stateful-lsp-scale-'));
    for (let i = 0; i < FILES; i++) {
      fs.mkdirSync(path.join(dir, `d${i % 7}`), { recursive: true });
      // Each file: a StatefulSet whose Service is in the next file; the last one's is nowhere.
      const text = (i > 0 ? service(i - 1) + '---\n' : '') + statefulSet(i, i === FILES - 1 ? 'nowhere' : `svc-${i}`);
      fs.writeFileSync(path.join(dir, `d${i % 7}`, `f${i}.yaml`), text);
    }
    client = new LspClient(process.execPath, [SERVER, '--stdio'], ROOT);
    client.configuration = { kubeStateful: {} };
    await client.request('initialize', {
      processId: process.pid,
      rootUri: pathToUri(dir),
      workspaceFolders: [{ uri: pathToUri(dir), name: 'ws' }],
      capabilities: {
        workspace: { configuration: true },
        textDocument: { publishDiagnostics: { versionSupport: true } },
      },
    });
  });

  after(() => {
    client?.kill();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('indexes every file; cross-file references resolve; requests are answered meanwhile', async () => {
    const analysed = client.waitForNotification(NOTIFY_MODEL_CHANGED, () => true, 60000);
    client.notify('initialized', {});
    const ids = await client.request(REQUEST_IDENTITIES, { uri: uri(3) });
    assert.ok(Array.isArray(ids), 'answered while indexing');
    await analysed;
    const log = client.notifications
      .filter((n) => n.method === 'window/logMessage')
      .map((n) => n.params.message as string);
    assert.ok(
      log.some((m) => m.includes(`indexed ${FILES} YAML files`)),
      log.join('\n'),
    );
    const missing: number[] = [];
    for (let i = 0; i < FILES; i++) {
      const d = client.diagnostics.get(uri(i));
      assert.ok(d, `diagnostics published for f${i}`);
      if (d.some((x) => x.code === 'sts-service-missing')) missing.push(i);
    }
    assert.deepStrictEqual(missing, [FILES - 1], 'only the StatefulSet whose Service exists nowhere');
    const sts = await client.request(REQUEST_IDENTITIES, { uri: uri(5) });
    assert.strictEqual(sts[0]?.name, 'app-5');
  });

  it('every version of an open file gets diagnostics with that version, changed or not', async () => {
    const u = uri(10);
    const text = fs.readFileSync(path.join(dir, 'd3', 'f10.yaml'), 'utf8');
    client.notify('textDocument/didOpen', { textDocument: { uri: u, languageId: 'yaml', version: 1, text } });
    await client.waitForNotification(
      'textDocument/publishDiagnostics',
      (p: { uri: string; version?: number }) => p.uri === u && p.version === 1,
    );
    // A comment: nothing changes in the findings, the version does.
    const end = { line: 0, character: 0 };
    client.notify('textDocument/didChange', {
      textDocument: { uri: u, version: 2 },
      contentChanges: [{ range: { start: end, end }, text: '# note\n' }],
    });
    const p = await client.waitForNotification(
      'textDocument/publishDiagnostics',
      (x: { uri: string; version?: number; diagnostics: unknown[] }) => x.uri === u && x.version === 2,
    );
    assert.deepStrictEqual(p.diagnostics, []);
    // A hover in the closed file whose Service it names (its tree was dropped after indexing).
    const h = await client.request('textDocument/hover', {
      textDocument: { uri: uri(11) },
      position: { line: 3, character: 10 },
    });
    assert.ok(h && /svc-10/.test(JSON.stringify(h)), `hover on an evicted Service: ${JSON.stringify(h)}`);
  });
});
