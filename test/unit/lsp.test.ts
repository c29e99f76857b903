/**
 * The real bundled language server (dist/server.js) over stdio, driven like an editor:
 * initialize with a workspace folder, open/change/close buffers with incremental range
 * edits, diagnostics, hovers, code actions, custom requests, watched files, shutdown.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToUri } from '../../server/src/host/scan';
import { MUTATION_NAMES, MUTATIONS, Rng } from '../../scripts/fuzz';
import { Analyzer } from '../../server/src/core/analyzer';
import { toLspRange } from '../../server/src/core/convert';
import { Workspace } from '../../server/src/core/model/workspace';
import { ROOT } from '../support/fixtures';
import { Diagnostic, LspClient } from '../support/lsp-client';

const SERVER = path.join(ROOT, 'dist', 'server.js');

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
  labels: {app: web}
spec:
  clusterIP: None
  selector:
    app: web
  ports:
    - name: http
      port: 80
`;

const STATEFULSET = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: web
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: nginx
          image: registry.k8s.io/nginx-slim:0.24
          ports:
            - name: http
              containerPort: 80
          volumeMounts:
            - name: www
              mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
    - metadata:
        name: www
      spec:
        accessModes: ["ReadWriteOnce"]
        resources:
          requests:
            storage: 1Gi
`;

/** A StatefulSet whose governing Service is not in the workspace (yet). */
const DB = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db-hl
  replicas: 2
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
        - name: postgres
          image: postgres:16
`;

const DB_SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: db-hl
spec:
  clusterIP: None
  selector: {app: db}
  ports:
    - name: pg
      port: 5432
`;

/** Mistakes that rules offer quick fixes for (the test uses whichever diagnostic has one). */
const FIXABLE = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: Cache_Server
spec:
  serviceName: cache
  replicas: "2"
  podManagementPolicy: parallel
  selector:
    matchLabels: {app: cache}
  template:
    metadata:
      labels: {app: cache}
    spec:
      containers:
        - name: redis
          image: redis:7
`;

interface Pos {
  line: number;
  character: number;
}

/** Position of the `nth` occurrence (0-based) of `needle` in `text`, plus `delta` characters. */
/** Line start offsets as LSP counts lines: a line ends at `\r\n`, `\n` or a lone `\r`. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    if (c === 13 || c === 10) starts.push(i + 1);
  }
  return starts;
}

/** Position of an offset (UTF-16 code units, LSP line breaks). */
function posAt(text: string, offset: number): Pos {
  const starts = lineStarts(text);
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1] <= offset) line++;
  return { line, character: offset - starts[line] };
}

/** Position of the `nth` occurrence (0-based) of `needle` in `text`, plus `delta` characters. */
function posOf(text: string, needle: string, nth = 0, delta = 0): Pos {
  let i = -1;
  for (let k = 0; k <= nth; k++) {
    i = text.indexOf(needle, i + 1);
    if (i === -1) throw new Error(`${JSON.stringify(needle)} not found`);
  }
  return posAt(text, i + delta);
}

function offsetOf(text: string, p: Pos): number {
  const starts = lineStarts(text);
  return starts[p.line] + p.character;
}

/** Apply one LSP range edit to a text (what the server's TextDocument does too). */
function applyEdit(text: string, range: { start: Pos; end: Pos }, newText: string): string {
  return text.slice(0, offsetOf(text, range.start)) + newText + text.slice(offsetOf(text, range.end));
}

const codes = (d: Diagnostic[]) => d.map((x) => String(x.code));
const has = (code: string) => (d: Diagnostic[]) => codes(d).includes(code);
const lacks = (code: string) => (d: Diagnostic[]) => !codes(d).includes(code);

describe('lsp (stdio server)', function () {
  this.timeout(20000);
  let dir: string;
  let client: LspClient;
  let stsUri: string;
  let svcUri: string;
  let dbUri: string;
  let dbSvcPath: string;
  let dbSvcUri: string;
  let fixUri: string;
  let stsText = STATEFULSET;
  let version = 1;

  before(async function () {
    if (!fs.existsSync(SERVER)) {
      throw new Error(`${SERVER} is missing: build it first with \`node scripts/build.mjs\``);
    }
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-stateful-lsp-'));
    fs.mkdirSync(path.join(dir, 'apps'));
    fs.writeFileSync(path.join(dir, 'apps', 'web.yaml'), STATEFULSET);
    fs.writeFileSync(path.join(dir, 'service.yml'), SERVICE);
    fs.writeFileSync(path.join(dir, 'db.yaml'), DB);
    fs.writeFileSync(path.join(dir, 'README.md'), '# not yaml\n');
    stsUri = pathToUri(path.join(dir, 'apps', 'web.yaml'));
    svcUri = pathToUri(path.join(dir, 'service.yml'));
    dbUri = pathToUri(path.join(dir, 'db.yaml'));
    dbSvcPath = path.join(dir, 'db-service.yaml');
    dbSvcUri = pathToUri(dbSvcPath);
    fixUri = pathToUri(path.join(dir, 'unsaved.yaml'));

    client = new LspClient(process.execPath, [SERVER, '--stdio'], ROOT);
    client.configuration = { kubeStateful: { clusterDomain: 'cluster.test' } };
    const init = await client.request('initialize', {
      processId: process.pid,
      rootUri: pathToUri(dir),
      workspaceFolders: [{ uri: pathToUri(dir), name: 'ws' }],
      capabilities: {
        workspace: {
          configuration: true,
          didChangeConfiguration: { dynamicRegistration: true },
          workspaceFolders: true,
        },
        textDocument: {
          synchronization: { dynamicRegistration: false, didSave: false },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } }, dataSupport: true },
        },
      },
    });
    assert.strictEqual(init.serverInfo?.name, 'kube-stateful');
    const sync = init.capabilities.textDocumentSync;
    assert.strictEqual(typeof sync === 'object' ? sync.change : sync, 2, 'incremental text sync');
    assert.ok(init.capabilities.hoverProvider, 'hover provider');
    assert.ok(init.capabilities.codeActionProvider, 'code action provider');
    client.notify('initialized', {});
  });

  after(async function () {
    if (client) client.kill();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('publishes diagnostics for a file on disk that is not open (workspace scan)', async () => {
    const d = await client.diagnosticsFor(dbUri, has('sts-service-missing'));
    const f = d.find((x) => x.code === 'sts-service-missing')!;
    assert.strictEqual(f.severity, 2, 'warning');
    assert.deepStrictEqual(f.range, { start: posOf(DB, 'db-hl'), end: posOf(DB, 'db-hl', 0, 5) });
    assert.match(f.codeDescription?.href ?? '', /docs\/rules\/sts-service-missing\.md$/);
    assert.strictEqual(f.source, 'kube-stateful');
  });

  it('didOpen: diagnostics resolve serviceName against a Service in a file that is not open', async () => {
    client.notify('textDocument/didOpen', {
      textDocument: { uri: stsUri, languageId: 'yaml', version, text: stsText },
    });
    // The scan and the open race; once the folder is indexed the Service in service.yml is found.
    const d = await client.diagnosticsFor(stsUri, lacks('sts-service-missing'));
    assert.deepStrictEqual(
      d.filter((x) => x.severity === 1 || x.severity === 2).map((x) => `${x.code}: ${x.message}`),
      [],
      'a valid StatefulSet (the Kubernetes docs example) has no errors or warnings',
    );
    // And the scanned Service file (never opened) got its (empty or not) publication too.
    await client.diagnosticsFor(svcUri);
  });

  it('incremental didChange: a range edit updates diagnostics at the right place, and back', async () => {
    // Rename serviceName `web` -> `webx` by inserting one character after it.
    const at = posOf(stsText, 'serviceName: web', 0, 'serviceName: web'.length);
    const range = { start: at, end: at };
    stsText = applyEdit(stsText, range, 'x');
    client.notify('textDocument/didChange', {
      textDocument: { uri: stsUri, version: ++version },
      contentChanges: [{ range, text: 'x' }],
    });
    let d = await client.diagnosticsFor(stsUri, has('sts-service-missing'));
    const f = d.find((x) => x.code === 'sts-service-missing')!;
    assert.deepStrictEqual(f.range, { start: posOf(stsText, 'webx'), end: posOf(stsText, 'webx', 0, 4) });
    assert.match(f.message, /webx/);

    // Delete it again (a one-character range deletion).
    const del = { start: at, end: { line: at.line, character: at.character + 1 } };
    stsText = applyEdit(stsText, del, '');
    client.notify('textDocument/didChange', {
      textDocument: { uri: stsUri, version: ++version },
      contentChanges: [{ range: del, text: '' }],
    });
    d = await client.diagnosticsFor(stsUri, lacks('sts-service-missing'));
    assert.strictEqual(stsText, STATEFULSET);
  });

  it('incremental didChange: several edits in one notification, a syntax error and its repair', async () => {
    // Two edits applied in order: break the indentation of `replicas`, then add a comment line at the top.
    const p = posOf(stsText, '  replicas: 3');
    const e1 = { range: { start: p, end: p }, text: ' ' };
    const e2 = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# edited\n' };
    let t = applyEdit(stsText, e1.range, e1.text);
    t = applyEdit(t, e2.range, e2.text);
    client.notify('textDocument/didChange', {
      textDocument: { uri: stsUri, version: ++version },
      contentChanges: [e1, e2],
    });
    const d = await client.diagnosticsFor(stsUri, has('yaml-syntax'));
    const f = d.find((x) => x.code === 'yaml-syntax')!;
    assert.strictEqual(f.severity, 1);
    // The error sits on or right around the mis-indented line (shifted one line down by the comment).
    assert.ok(
      Math.abs(f.range.start.line - posOf(t, ' replicas').line) <= 1,
      `syntax error at line ${f.range.start.line}: ${f.message}`,
    );

    // Undo both with a full replacement of the whole text (a change without range).
    client.notify('textDocument/didChange', {
      textDocument: { uri: stsUri, version: ++version },
      contentChanges: [{ text: stsText }],
    });
    await client.diagnosticsFor(stsUri, (x) => lacks('yaml-syntax')(x) && lacks('sts-service-missing')(x));
  });

  it('custom request kubeStateful/identities: web-0 … with pod FQDNs and claim names', async () => {
    const ids = await client.request<any[]>('kubeStateful/identities', { uri: stsUri });
    assert.strictEqual(ids.length, 1);
    const web = ids[0];
    assert.strictEqual(web.name, 'web');
    assert.strictEqual(web.namespace, 'default');
    assert.strictEqual(web.serviceName, 'web');
    assert.strictEqual(web.dnsResolves, true, `reason: ${web.reason}`);
    assert.deepStrictEqual(
      web.replicas.map((r: any) => [r.ordinal, r.pod, r.fqdn, r.pvcs]),
      [0, 1, 2].map((i) => [i, `web-${i}`, `web-${i}.web.default.svc.cluster.test`, [`www-web-${i}`]]),
    );
    assert.match(web.replicas[0].dnsCheck, /nslookup web-0\.web\.default\.svc\.cluster\.test/);
    assert.deepStrictEqual(web.range.start, posOf(stsText, 'name: web', 0, 6));

    // A one-character range edit of replicas is reflected at once (no stale model).
    const at = posOf(stsText, 'replicas: 3', 0, 'replicas: '.length);
    const range = { start: at, end: { line: at.line, character: at.character + 1 } };
    stsText = applyEdit(stsText, range, '5');
    client.notify('textDocument/didChange', {
      textDocument: { uri: stsUri, version: ++version },
      contentChanges: [{ range, text: '5' }],
    });
    const ids5 = await client.request<any[]>('kubeStateful/identities', { uri: stsUri });
    assert.deepStrictEqual(
      ids5[0].replicas.map((r: any) => r.pod),
      ['web-0', 'web-1', 'web-2', 'web-3', 'web-4'],
    );

    // Without a uri: every StatefulSet of the workspace, sorted (db from the scanned file too).
    const all = await client.request<any[]>('kubeStateful/identities', {});
    assert.deepStrictEqual(
      all.map((x) => x.name),
      ['db', 'web'],
    );
    const db = all[0];
    assert.strictEqual(db.dnsResolves, false, 'db-hl does not exist');
    assert.ok(db.reason, 'a reason is given when pod DNS will not resolve');
  });

  it('hover on the StatefulSet name: markdown with the pod DNS names', async () => {
    const h = await client.request<any>('textDocument/hover', {
      textDocument: { uri: stsUri },
      position: posOf(stsText, 'name: web', 0, 7),
    });
    assert.ok(h, 'a hover on metadata.name of a StatefulSet');
    assert.strictEqual(h.contents.kind, 'markdown');
    assert.match(h.contents.value, /web-0\.web\.default\.svc\.cluster\.test/);
    assert.match(h.contents.value, /www-web-0/);
    // The settings pulled from the client (clusterDomain) reach the hover; SRV names for named ports; a DNS check.
    assert.match(h.contents.value, /_http\._tcp\.web\.default\.svc\.cluster\.test/);
    assert.match(h.contents.value, /nslookup web-0\.web\.default\.svc\.cluster\.test/);
    assert.doesNotMatch(h.contents.value, /will not resolve/i);
    assert.deepStrictEqual(h.range.start, posOf(stsText, 'name: web', 0, 6));
    // On the claim template name: every replica's PVC.
    const c = await client.request<any>('textDocument/hover', {
      textDocument: { uri: stsUri },
      position: posOf(stsText, 'name: www', 0, 7),
    });
    assert.match(c?.contents?.value ?? '', /www-web-0[\s\S]*www-web-4/);
    // Nothing to say on a blank line, and positions past the end are harmless.
    const blank = await client.request<any>('textDocument/hover', {
      textDocument: { uri: stsUri },
      position: { line: 999, character: 0 },
    });
    assert.ok(blank === null || typeof blank.contents === 'object');
  });

  it('hover on a file the server does not know returns null', async () => {
    const h = await client.request('textDocument/hover', {
      textDocument: { uri: pathToUri(path.join(dir, 'nope.yaml')) },
      position: { line: 0, character: 0 },
    });
    assert.strictEqual(h, null);
  });

  it('codeAction: a quick fix for a diagnostic that has one; applying it clears the diagnostic', async () => {
    let text = FIXABLE;
    client.notify('textDocument/didOpen', { textDocument: { uri: fixUri, languageId: 'yaml', version: 1, text } });
    const d = await client.diagnosticsFor(fixUri, (x) => x.some((y) => (y.data as any)?.fix?.length));
    const target = d.find((y) => (y.data as any)?.fix?.length)!;
    const actions = await client.request<any[]>('textDocument/codeAction', {
      textDocument: { uri: fixUri },
      range: target.range,
      context: { diagnostics: [target], only: ['quickfix'] },
    });
    assert.ok(actions.length >= 1, `no code action for ${target.code}`);
    const a = actions[0];
    assert.strictEqual(a.kind, 'quickfix');
    assert.strictEqual(a.isPreferred, true);
    assert.deepStrictEqual(a.diagnostics, [target]);
    const edits = a.edit.changes[fixUri];
    assert.strictEqual(edits.length, 1);
    assert.deepStrictEqual(edits[0].range, target.range);
    // The editor applies the edit and sends it back as a range change.
    text = applyEdit(text, edits[0].range, edits[0].newText);
    client.notify('textDocument/didChange', {
      textDocument: { uri: fixUri, version: 2 },
      contentChanges: [{ range: edits[0].range, text: edits[0].newText }],
    });
    const after = await client.diagnosticsFor(
      fixUri,
      (x) =>
        !x.some((y) => y.code === target.code && JSON.stringify(y.range.start) === JSON.stringify(target.range.start)),
    );
    assert.ok(
      !after.some((y) => y.code === target.code && y.message === target.message),
      `${target.code} still reported after its fix`,
    );

    // Diagnostics without fixes (or from another source) give no actions.
    const none = await client.request<any[]>('textDocument/codeAction', {
      textDocument: { uri: fixUri },
      range: target.range,
      context: { diagnostics: [{ ...target, source: 'other-linter' }] },
    });
    assert.deepStrictEqual(none, []);
  });

  it('didClose of a buffer that is not on disk clears its diagnostics', async () => {
    client.notify('textDocument/didClose', { textDocument: { uri: fixUri } });
    await client.diagnosticsFor(fixUri, (x) => x.length === 0);
  });

  it('watched files: a created Service file is read and resolves a StatefulSet in another file', async () => {
    fs.writeFileSync(dbSvcPath, DB_SERVICE);
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: dbSvcUri, type: 1 }] });
    await client.diagnosticsFor(dbUri, lacks('sts-service-missing'));
    const all = await client.request<any[]>('kubeStateful/identities', {});
    assert.strictEqual(all.find((x) => x.name === 'db')?.dnsResolves, true);
  });

  it('watched files: a changed file on disk is re-read; an open buffer wins over disk', async () => {
    // Change the Service name on disk: db-hl no longer exists.
    fs.writeFileSync(dbSvcPath, DB_SERVICE.replace('name: db-hl', 'name: db-other'));
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: dbSvcUri, type: 2 }] });
    await client.diagnosticsFor(dbUri, has('sts-service-missing'));

    // The open StatefulSet buffer wins over a disk write of the same file.
    fs.writeFileSync(path.join(dir, 'apps', 'web.yaml'), STATEFULSET.replace('serviceName: web', 'serviceName: gone'));
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: stsUri, type: 2 }] });
    const ids = await client.request<any[]>('kubeStateful/identities', { uri: stsUri });
    assert.strictEqual(ids[0].serviceName, 'web');
  });

  it('watched files: a deleted file disappears from the model', async () => {
    fs.rmSync(path.join(dir, 'service.yml'), { force: true });
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: svcUri, type: 3 }] });
    await client.diagnosticsFor(stsUri, has('sts-service-missing'));
    await client.diagnosticsFor(svcUri, (x) => x.length === 0);
    // The hover now says the per-pod names will not resolve instead of presenting them as working.
    const h = await client.request<any>('textDocument/hover', {
      textDocument: { uri: stsUri },
      position: posOf(stsText, 'name: web', 0, 7),
    });
    assert.match(h.contents.value, /will not resolve/i);
  });

  it('didChangeConfiguration: settings are pulled again (a rule turned off)', async () => {
    client.configuration = { kubeStateful: { clusterDomain: 'cluster.test', rules: { 'sts-service-missing': 'off' } } };
    client.notify('workspace/didChangeConfiguration', { settings: {} });
    await client.diagnosticsFor(stsUri, lacks('sts-service-missing'));
    await client.diagnosticsFor(dbUri, lacks('sts-service-missing'));
    assert.ok(client.serverRequests.filter((m) => m === 'workspace/configuration').length >= 2);
  });

  it('custom request kubeStateful/tree answers', async () => {
    const tree = await client.request<unknown>('kubeStateful/tree', null);
    assert.ok(Array.isArray(tree));
  });

  it('keeps answering after garbage positions and unknown methods', async () => {
    const h = await client.request('textDocument/hover', {
      textDocument: { uri: stsUri },
      position: { line: -1, character: -5 },
    });
    assert.ok(h === null || typeof h === 'object');
    await assert.rejects(client.request('kubeStateful/noSuchRequest', {}), /failed: -32601/);
    const ids = await client.request<any[]>('kubeStateful/identities', { uri: stsUri });
    assert.strictEqual(ids.length, 1);
  });

  it('a burst of mutated edits (junk, NUL, lone surrogates, truncation) sent as minimal range edits: the server keeps answering', async () => {
    const uri = pathToUri(path.join(dir, 'burst.yaml'));
    let text = STATEFULSET + '---\n' + SERVICE + '---\n' + FIXABLE;
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const rng = new Rng(7);
    for (let v = 2; v < 80; v++) {
      const next =
        v % 20 === 0
          ? STATEFULSET
          : MUTATIONS[rng.pick(MUTATION_NAMES.filter((m) => m !== 'longLine' && m !== 'deepFlow'))](
              text,
              rng,
              () => DB,
            );
      // The smallest range edit turning `text` into `next` (common prefix and suffix kept).
      let a = 0;
      while (a < text.length && a < next.length && text[a] === next[a]) a++;
      let b = 0;
      while (b < text.length - a && b < next.length - a && text[text.length - 1 - b] === next[next.length - 1 - b]) b++;
      const range = { start: posAt(text, a), end: posAt(text, text.length - b) };
      client.notify('textDocument/didChange', {
        textDocument: { uri, version: v },
        contentChanges: [{ range, text: next.slice(a, next.length - b) }],
      });
      text = next;
      if (v % 4 === 0) {
        const p = posAt(text, rng.int(text.length + 1));
        await client.request('textDocument/hover', { textDocument: { uri }, position: p });
      }
    }
    const ids = await client.request<any[]>('kubeStateful/identities', { uri });
    assert.ok(Array.isArray(ids));
    await client.request('kubeStateful/tree', null);
    // The server's buffer is our text: its YAML-level findings (which depend on this text alone)
    // are those of an in-process analysis of the same text.
    const w = new Workspace();
    const an = new Analyzer(w);
    w.setOpenFile(uri, text);
    const key = (code: string, r: { start: Pos; end: Pos }) =>
      `${code}@${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
    const expected = an
      .fileFindings(uri)
      .filter((f) => f.code.startsWith('yaml-'))
      .map((f) => key(f.code, toLspRange(w.file(uri)!, f.span)))
      .join(' ');
    const yamlKeys = (d: Diagnostic[]) =>
      d
        .filter((x) => String(x.code).startsWith('yaml-'))
        .map((x) => key(String(x.code), x.range))
        .join(' ');
    await client
      .diagnosticsFor(uri, (d) => yamlKeys(d) === expected)
      .catch(() => {
        throw new Error(
          `server diagnostics differ from an in-process analysis of the same text:\n server: ${yamlKeys(client.diagnostics.get(uri) ?? [])}\n local:  ${expected}`,
        );
      });
    client.notify('textDocument/didClose', { textDocument: { uri } });
    await client.diagnosticsFor(uri, (x) => x.length === 0);
  });

  it('shutdown and exit: exit code 0, nothing uncaught on stderr', async () => {
    const code = await client.shutdown();
    assert.strictEqual(code, 0);
    assert.doesNotMatch(client.stderr, /uncaught|Error:/i, client.stderr);
    // The server logs handler failures (analysis, hover, tree, identities) to the client's output.
    const failed = client.notifications.filter(
      (n) => n.method === 'window/logMessage' && /failed|uncaught/i.test(n.params?.message ?? ''),
    );
    assert.deepStrictEqual(
      failed.map((n) => n.params.message.split('\n')[0]),
      [],
    );
    assert.ok(
      client.notifications.some(
        (n) => n.method === 'window/logMessage' && /indexed \d+ YAML files/.test(n.params?.message),
      ),
      'the workspace scan was logged',
    );
  });
});
