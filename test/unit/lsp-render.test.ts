/**
 * kubeStateful.kustomize.render through the real bundled server: a fake `kubectl` first on PATH
 * records each call and prints a build that differs from the model (7 replicas where the overlay
 * says 3). In a trusted workspace the hover on the base StatefulSet shows the rendered build; in
 * an untrusted one (the client does not say `trusted: true`) nothing is ever run.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToUri } from '../../server/src/host/scan';
import { ROOT } from '../support/fixtures';
import { LspClient } from '../support/lsp-client';

const SERVER = path.join(ROOT, 'dist', 'server.js');

const STS = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db-hl
  replicas: 1
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
        - name: db
          image: postgres:16
---
apiVersion: v1
kind: Service
metadata:
  name: db-hl
spec:
  clusterIP: None
  selector: {app: db}
  ports: [{port: 5432}]
`;

/** What the fake kubectl prints: the overlay's build, but with 7 replicas. */
const RENDERED = STS.replace('name: db\n', 'name: prod-db\n  namespace: shop\n')
  .replace('serviceName: db-hl', 'serviceName: prod-db-hl')
  .replace('replicas: 1', 'replicas: 7')
  .replace('name: db-hl\n', 'name: prod-db-hl\n  namespace: shop\n');

function workspace(): { dir: string; bin: string; calls: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-stateful-render-'));
  fs.mkdirSync(path.join(dir, 'ws', 'base'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'ws', 'overlays', 'prod'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'ws', 'base', 'db.yaml'), STS);
  fs.writeFileSync(path.join(dir, 'ws', 'base', 'kustomization.yaml'), 'resources:\n  - db.yaml\n');
  fs.writeFileSync(
    path.join(dir, 'ws', 'overlays', 'prod', 'kustomization.yaml'),
    'namespace: shop\nnamePrefix: prod-\nresources:\n  - ../../base\nreplicas:\n  - name: db\n    count: 3\n',
  );
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin);
  const calls = path.join(dir, 'calls.txt');
  fs.writeFileSync(path.join(dir, 'rendered.yaml'), RENDERED);
  const script = `#!/bin/sh\necho "$@" >> '${calls}'\ncat '${path.join(dir, 'rendered.yaml')}'\n`;
  fs.writeFileSync(path.join(bin, 'kubectl'), script, { mode: 0o755 });
  return { dir, bin, calls };
}

async function start(dir: string, bin: string, trusted: boolean | undefined): Promise<LspClient> {
  const env = { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` };
  const client = new LspClient(process.execPath, [SERVER, '--stdio'], ROOT, env);
  const settings = { kustomize: { render: true } };
  client.configuration = { kubeStateful: settings };
  const root = path.join(dir, 'ws');
  await client.request('initialize', {
    processId: process.pid,
    rootUri: pathToUri(root),
    workspaceFolders: [{ uri: pathToUri(root), name: 'ws' }],
    capabilities: {
      workspace: { configuration: true, workspaceFolders: true },
      textDocument: { hover: { contentFormat: ['markdown'] } },
    },
    initializationOptions: trusted === undefined ? { settings } : { settings, trusted },
  });
  client.notify('initialized', {});
  return client;
}

async function hoverUntil(client: LspClient, uri: string, want: RegExp): Promise<string> {
  const pos = { line: STS.split('\n').indexOf('  name: db'), character: 9 };
  let last = '';
  for (let i = 0; i < 300; i++) {
    const h = await client.request<{ contents?: { value?: string } } | null>('textDocument/hover', {
      textDocument: { uri },
      position: pos,
    });
    last = h?.contents?.value ?? '';
    if (want.test(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  return assert.fail(`hover never matched ${want}:\n${last}`);
}

describe('lsp: kubeStateful.kustomize.render', function () {
  this.timeout(90000);
  if (process.platform === 'win32') return;
  const made: { dir: string; client?: LspClient }[] = [];

  before(() => {
    if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} is missing: build it first with \`node scripts/build.mjs\``);
  });
  after(() => {
    for (const m of made) {
      m.client?.kill();
      fs.rmSync(m.dir, { recursive: true, force: true });
    }
  });

  it('trusted: the builds are rendered with kubectl kustomize and the hover shows its output', async () => {
    const { dir, bin, calls } = workspace();
    const m: { dir: string; client?: LspClient } = { dir };
    made.push(m);
    m.client = await start(dir, bin, true);
    const uri = pathToUri(path.join(dir, 'ws', 'base', 'db.yaml'));
    // The model first (3 replicas from the overlay), then the rendered output (7).
    const md = await hoverUntil(m.client, uri, /prod-db-6\.prod-db-hl\.shop\.svc/);
    assert.ok(md.includes('prod-db-6.prod-db-hl.shop.svc.cluster.local'), md);
    const lines = fs.readFileSync(calls, 'utf8').trim().split('\n');
    assert.ok(
      lines.length >= 1 && lines.every((l) => l === `kustomize ${path.join(dir, 'ws', 'overlays', 'prod')}`),
      lines.join('\n'),
    );
  });

  it('untrusted (no `trusted: true` from the client): nothing is run, the model is used', async () => {
    for (const trusted of [undefined, false]) {
      const { dir, bin, calls } = workspace();
      const m: { dir: string; client?: LspClient } = { dir };
      made.push(m);
      m.client = await start(dir, bin, trusted);
      const uri = pathToUri(path.join(dir, 'ws', 'base', 'db.yaml'));
      const md = await hoverUntil(m.client, uri, /prod-db-2\.prod-db-hl\.shop\.svc/);
      assert.ok(!md.includes('prod-db-3.'), md);
      // Long enough for a pass over the workspace and a render, had one been started.
      await new Promise((r) => setTimeout(r, 1500));
      assert.ok(
        !fs.existsSync(calls),
        `kubectl was run in an untrusted workspace (trusted: ${trusted}):\n${fs.existsSync(calls) ? fs.readFileSync(calls, 'utf8') : ''}`,
      );
    }
  });
});
