/** Editor intelligence (core): references, rename, document/workspace symbols, inlay hints. */
import * as assert from 'assert';
import * as path from 'path';
import { toLspRange } from '../../server/src/core/convert';
import { inlayHints } from '../../server/src/core/ide/inlay';
import { prepareRenameAt, referencesAt, renameAt, RenameEdit } from '../../server/src/core/ide/references';
import { documentSymbols, noteSymbolSources, workspaceSymbols } from '../../server/src/core/ide/symbols';
import { Workspace } from '../../server/src/core/model/workspace';
import { ParsedDoc } from '../../server/src/core/yaml/parse';
import { fileUri, FIXTURES, loadFolder } from '../support/fixtures';

const DIR = path.join(FIXTURES, 'ide');
const uri = (f: string) => fileUri(path.join(DIR, f));

/** File offset of the n-th occurrence of `needle` in a file (plus `delta`). */
function offsetOf(ws: Workspace, file: string, needle: string, n = 0, delta = 1): number {
  const text = ws.file(uri(file))!.text;
  let i = -1;
  for (let k = 0; k <= n; k++) {
    i = text.indexOf(needle, i + 1);
    assert.ok(i >= 0, `${needle} #${n} in ${file}`);
  }
  return i + delta;
}

/** `file:line` plus the text each location covers. */
function show(
  ws: Workspace,
  locs: { uri: string; span: { doc: { base: number }; start: number; end: number } }[],
): string[] {
  return locs.map((l) => {
    const f = ws.file(l.uri)!;
    const r = toLspRange(f, l.span as never);
    return `${path.basename(l.uri)}:${r.start.line + 1} ${f.text.slice(l.span.doc.base + l.span.start, l.span.doc.base + l.span.end)}`;
  });
}

function apply(ws: Workspace, edits: RenameEdit[]): Map<string, string> {
  const out = new Map<string, string>();
  const byUri = new Map<string, RenameEdit[]>();
  for (const e of edits) byUri.set(e.uri, [...(byUri.get(e.uri) ?? []), e]);
  for (const [u, es] of byUri) {
    let text = ws.file(u)!.text;
    const abs = es
      .map((e) => ({ s: e.span.doc.base + e.span.start, e: e.span.doc.base + e.span.end, t: e.newText }))
      .sort((a, b) => b.s - a.s);
    for (const e of abs) text = text.slice(0, e.s) + e.t + text.slice(e.e);
    out.set(path.basename(u), text);
  }
  return out;
}

describe('ide: references', () => {
  const { ws } = loadFolder(DIR);

  it('a Service: its declaration, serviceName, subdomain and every DNS name in values', () => {
    const got = show(ws, referencesAt(ws, uri('svc.yaml'), offsetOf(ws, 'svc.yaml', 'name: nginx', 0, 7)));
    assert.deepStrictEqual(got, [
      'svc.yaml:4 nginx',
      'app.yaml:13 nginx',
      'app.yaml:17 nginx',
      'app.yaml:17 nginx',
      'app.yaml:32 nginx',
      'app.yaml:33 nginx',
      'sts.yaml:7 nginx',
      'sts.yaml:18 nginx',
      'sts.yaml:18 nginx',
      'sts.yaml:21 nginx',
    ]);
  });

  it('the same set from a use (serviceName, a DNS label), without the declaration when asked', () => {
    const fromDecl = referencesAt(ws, uri('svc.yaml'), offsetOf(ws, 'svc.yaml', 'name: nginx', 0, 7), false);
    const fromUse = referencesAt(ws, uri('sts.yaml'), offsetOf(ws, 'sts.yaml', 'serviceName: nginx', 0, 14), false);
    const fromDns = referencesAt(ws, uri('app.yaml'), offsetOf(ws, 'app.yaml', 'web-2.nginx', 0, 7), false);
    assert.strictEqual(fromDecl.length, 9);
    assert.deepStrictEqual(show(ws, fromUse), show(ws, fromDecl));
    assert.deepStrictEqual(show(ws, fromDns), show(ws, fromDecl));
  });

  it('a volume: its mounts in every container; a claim template: its mounts', () => {
    assert.deepStrictEqual(
      show(ws, referencesAt(ws, uri('sts.yaml'), offsetOf(ws, 'sts.yaml', '- name: scratch', 0, 9))),
      ['sts.yaml:36 scratch', 'sts.yaml:28 scratch', 'sts.yaml:33 scratch'],
    );
    assert.deepStrictEqual(show(ws, referencesAt(ws, uri('sts.yaml'), offsetOf(ws, 'sts.yaml', 'name: www', 1, 7))), [
      'sts.yaml:43 www',
      'sts.yaml:26 www',
    ]);
  });

  it('a PVC from claimName; a ConfigMap from its volume source and envFrom', () => {
    assert.deepStrictEqual(
      show(ws, referencesAt(ws, uri('app.yaml'), offsetOf(ws, 'app.yaml', 'claimName: shared', 0, 12))),
      ['app.yaml:39 shared', 'app.yaml:23 shared'],
    );
    assert.deepStrictEqual(
      show(ws, referencesAt(ws, uri('app.yaml'), offsetOf(ws, 'app.yaml', 'name: web-conf', 1, 7))),
      ['app.yaml:28 web-conf', 'app.yaml:19 web-conf', 'sts.yaml:40 web-conf'],
    );
  });

  it('external host names are nobody’s references', () => {
    assert.deepStrictEqual(referencesAt(ws, uri('app.yaml'), offsetOf(ws, 'app.yaml', 'www.example.com', 0, 5)), []);
    assert.deepStrictEqual(referencesAt(ws, uri('sts.yaml'), offsetOf(ws, 'sts.yaml', 'api.github.com', 0, 5)), []);
  });
});

describe('ide: rename', () => {
  const { ws } = loadFolder(DIR);

  it('a Service: every file changes, DNS names included, with the serviceName caveat', () => {
    const r = renameAt(ws, uri('svc.yaml'), offsetOf(ws, 'svc.yaml', 'name: nginx', 0, 7), 'web-hl');
    assert.ok(r && !('error' in r));
    assert.strictEqual(r.edits.length, 10);
    assert.match(r.warning?.label ?? '', /immutable/);
    const after = apply(ws, r.edits);
    assert.match(after.get('sts.yaml')!, /serviceName: web-hl\n/);
    assert.match(after.get('sts.yaml')!, /--peers=web-0\.web-hl:80,web-1\.web-hl:80/);
    assert.match(after.get('sts.yaml')!, /\$\(POD_NAME\)\.web-hl\.shop\.svc/);
    assert.match(after.get('app.yaml')!, /subdomain: web-hl\n/);
    assert.match(
      after.get('app.yaml')!,
      /server web-0\.web-hl\.shop\.svc\.cluster\.local:80;\n {4}server web-1\.web-hl\.shop\.svc:80;/,
    );
    assert.match(after.get('app.yaml')!, /http:\/\/web-hl\.shop:80\//);
    assert.match(after.get('app.yaml')!, /www\.example\.com/);
    // The container named nginx and its image are not the Service.
    assert.match(after.get('sts.yaml')!, /- name: nginx\n {10}image: nginx:1\.27/);
    // The edited workspace still resolves every reference.
    const ws2 = new Workspace();
    for (const f of ['sts.yaml', 'svc.yaml', 'app.yaml'])
      ws2.setDiskFile(uri(f), after.get(f) ?? ws.file(uri(f))!.text);
    assert.strictEqual(referencesAt(ws2, uri('svc.yaml'), offsetOf(ws2, 'svc.yaml', 'name: web-hl', 0, 7)).length, 10);
  });

  it('refuses a name that is not a valid DNS name, saying why', () => {
    const r = renameAt(ws, uri('svc.yaml'), offsetOf(ws, 'svc.yaml', 'name: nginx', 0, 7), 'Web_HL');
    assert.ok(r && 'error' in r);
    assert.match(r.error, /not a valid Service name: it must be a DNS-1035 label/);
    const v = renameAt(ws, uri('sts.yaml'), offsetOf(ws, 'sts.yaml', '- name: scratch', 0, 9), 'a.b');
    assert.ok(v && 'error' in v && /must not contain dots/.test(v.error));
  });

  it('a claim template renames its mounts and warns that existing PVCs are orphaned', () => {
    const r = renameAt(ws, uri('sts.yaml'), offsetOf(ws, 'sts.yaml', 'name: www', 1, 7), 'content');
    assert.ok(r && !('error' in r));
    assert.strictEqual(r.edits.length, 2);
    assert.match(r.warning!.description, /orphans the existing PVCs \(`www-web-0` …\)/);
    assert.match(apply(ws, r.edits).get('sts.yaml')!, /- name: content\n {14}mountPath: \/usr\/share\/nginx\/html/);
  });

  it('a volume renames its mounts; a PVC its claimName', () => {
    const v = renameAt(ws, uri('sts.yaml'), offsetOf(ws, 'sts.yaml', 'name: scratch', 1, 7), 'tmp');
    assert.ok(v && !('error' in v));
    assert.strictEqual(v.edits.length, 3);
    const p = renameAt(ws, uri('app.yaml'), offsetOf(ws, 'app.yaml', 'name: shared', 0, 7), 'shared-data');
    assert.ok(p && !('error' in p));
    assert.match(apply(ws, p.edits).get('app.yaml')!, /claimName: shared-data\n[^]*name: shared-data\n/);
  });

  it('prepareRename: the name range, or why not', () => {
    const p = prepareRenameAt(ws, uri('sts.yaml'), offsetOf(ws, 'sts.yaml', 'web-1.nginx', 0, 8));
    assert.ok(p && !('error' in p));
    assert.strictEqual(p.placeholder, 'nginx');
    const sts = prepareRenameAt(ws, uri('sts.yaml'), offsetOf(ws, 'sts.yaml', 'name: web', 0, 7));
    assert.ok(sts && 'error' in sts && /not supported/.test(sts.error));
    assert.strictEqual(prepareRenameAt(ws, uri('sts.yaml'), offsetOf(ws, 'sts.yaml', 'replicas', 0, 2)), undefined);
  });

  it('refuses a name written with escapes it cannot edit exactly; a folded scalar is fine', () => {
    const w = new Workspace();
    const u = 'file:///x/a.yaml';
    w.setDiskFile(
      u,
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: "d\\x62"\nspec: {clusterIP: None}\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: >-\n    cache\n',
    );
    const folded = prepareRenameAt(w, u, w.file(u)!.text.indexOf('cache') + 1);
    assert.ok(folded && !('error' in folded) && folded.placeholder === 'cache');
    const p = prepareRenameAt(w, u, w.file(u)!.text.indexOf('x62'));
    assert.ok(p && 'error' in p && /cannot be edited safely/.test(p.error));
  });
});

describe('ide: symbols', () => {
  const { ws } = loadFolder(DIR);

  it('document symbols: `Kind name` with containers (ports), volumes and claim templates', () => {
    const syms = documentSymbols(ws, uri('sts.yaml'));
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const shape = (s: { name: string; children: any[] }): unknown =>
      s.children.length ? { [s.name]: s.children.map(shape) } : s.name;
    assert.deepStrictEqual(syms.map(shape), [
      { 'StatefulSet web': [{ nginx: ['http 80'] }, 'sidecar', 'scratch', 'conf', 'www'] },
    ]);
    for (const s of syms) {
      assert.ok(s.selection.start >= s.span.start && s.selection.end <= s.span.end);
      for (const c of s.children) assert.ok(c.span.start >= s.span.start && c.span.end <= s.span.end, c.name);
    }
    assert.deepStrictEqual(documentSymbols(ws, uri('svc.yaml')).map(shape), [
      { 'Service nginx': ['http 80'] },
      'StorageClass standard',
    ]);
  });

  it('workspace symbols: resources plus generated pods, PVCs and DNS names', () => {
    const names = (q: string) => workspaceSymbols(ws, q).map((s) => `${s.name} (${s.role})`);
    assert.deepStrictEqual(names('web-1'), [
      'web-1 (pod)',
      'web-1.nginx.shop.svc.cluster.local (dns)',
      'www-web-1 (pvc)',
    ]);
    assert.ok(names('').includes('nginx.shop.svc.cluster.local (dns)'));
    assert.ok(names('WEB-CONF').includes('web-conf (resource)'));
    assert.strictEqual(workspaceSymbols(ws, '', 3).length, 3);
  });
});

describe('ide: inlay hints', () => {
  it('pod names, PVC names with the default class, the DNS pattern; default class on a PVC', () => {
    const { ws } = loadFolder(DIR);
    const hints = (f: string) =>
      inlayHints(ws, uri(f)).map((h) => {
        const file = ws.file(uri(f))!;
        const line = toLspRange(file, h.at).start.line;
        return `${file.text.split('\n')[line].trim()} → ${h.label}`;
      });
    assert.deepStrictEqual(hints('sts.yaml'), [
      'serviceName: nginx → web-{0..2}.nginx.shop.svc.cluster.local',
      'replicas: 3 → web-0 … web-2',
      'name: www → www-web-0 … www-web-2 · class standard (default)',
    ]);
    assert.deepStrictEqual(hints('app.yaml'), ['name: shared → class standard (default)']);
  });

  it('only within the requested range', () => {
    const { ws } = loadFolder(DIR);
    const text = ws.file(uri('sts.yaml'))!.text;
    assert.strictEqual(inlayHints(ws, uri('sts.yaml'), text.indexOf('replicas'), text.indexOf('selector')).length, 1);
  });
});

describe('ide: scoping and work', () => {
  const sts = (svc: string, ns = 'default') =>
    `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: ${svc}\n  namespace: ${ns}\nspec:\n  serviceName: ${svc}\n  replicas: 2\n  selector: {matchLabels: {app: ${svc}}}\n  template:\n    metadata: {labels: {app: ${svc}}}\n    spec:\n      containers:\n        - name: c\n          image: busybox\n          env:\n            - name: PEER\n              value: "${svc}-1.${svc}:5432"\n`;
  const svc = (name: string, ns = 'default') =>
    `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  clusterIP: None\n  selector: {app: ${name}}\n`;
  /** Two unrelated folders with the same Service and StatefulSet, and a third folder with only a client. */
  function twoApps(): Workspace {
    const ws = new Workspace();
    for (const d of ['a', 'b']) {
      ws.setDiskFile(`file:///w/${d}/svc.yaml`, svc('db'));
      ws.setDiskFile(`file:///w/${d}/sts.yaml`, sts('db'));
    }
    ws.setDiskFile(
      'file:///w/c/client.yaml',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: client\nspec:\n  subdomain: db\n  containers:\n    - name: c\n      image: busybox\n',
    );
    return ws;
  }
  const files = (locs: { uri: string }[]) => locs.map((l) => l.uri.replace('file:///w/', ''));
  const at = (ws: Workspace, u: string, needle: string, delta = 1) => ws.file(u)!.text.indexOf(needle) + delta;

  it('references resolve as the checks do: the same folder first, not an unrelated copy elsewhere', () => {
    const ws = twoApps();
    // From a/'s Service: a/'s serviceName and DNS name, and the client of c/ (whose nearest scope is the workspace).
    const fromA = files(referencesAt(ws, 'file:///w/a/svc.yaml', at(ws, 'file:///w/a/svc.yaml', 'name: db', 7)));
    assert.deepStrictEqual(fromA, ['a/svc.yaml', 'a/sts.yaml', 'a/sts.yaml', 'c/client.yaml']);
    // From b/'s serviceName: b/'s Service and DNS name.
    const fromB = files(
      referencesAt(ws, 'file:///w/b/sts.yaml', at(ws, 'file:///w/b/sts.yaml', 'serviceName: db', 14)),
    );
    assert.deepStrictEqual(fromB, ['b/svc.yaml', 'b/sts.yaml', 'b/sts.yaml', 'c/client.yaml']);
    // From the client: it resolves to both Services.
    const fromC = files(
      referencesAt(ws, 'file:///w/c/client.yaml', at(ws, 'file:///w/c/client.yaml', 'subdomain: db', 12)),
    );
    assert.deepStrictEqual(fromC, [
      'a/svc.yaml',
      'b/svc.yaml',
      'a/sts.yaml',
      'a/sts.yaml',
      'b/sts.yaml',
      'b/sts.yaml',
      'c/client.yaml',
    ]);
  });

  it('rename edits only what resolves to the renamed object', () => {
    const ws = twoApps();
    const r = renameAt(ws, 'file:///w/a/sts.yaml', at(ws, 'file:///w/a/sts.yaml', 'db-1.db', 6), 'pg');
    assert.ok(r && !('error' in r));
    assert.deepStrictEqual(files(r.edits).sort(), ['a/sts.yaml', 'a/sts.yaml', 'a/svc.yaml', 'c/client.yaml']);
    const after = apply(ws, r.edits);
    assert.match(after.get('sts.yaml')!, /serviceName: pg\n[^]*value: "db-1\.pg:5432"/);
  });

  it('a kustomize patch names the object it patches: rename edits it too, so the overlay still builds', () => {
    const ws = new Workspace();
    ws.setDiskFile('file:///k/base/kustomization.yaml', 'resources: [db.yaml]\n');
    ws.setDiskFile('file:///k/base/db.yaml', svc('db') + '---\n' + sts('db'));
    ws.setDiskFile('file:///k/overlay/kustomization.yaml', 'resources: [../base]\npatches:\n  - path: svc.yaml\n');
    ws.setDiskFile(
      'file:///k/overlay/svc.yaml',
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  ports: [{port: 5432}]\n',
    );
    const u = 'file:///k/base/db.yaml';
    const r = renameAt(ws, u, at(ws, u, 'name: db', 7), 'pg');
    assert.ok(r && !('error' in r));
    assert.deepStrictEqual(
      r.edits.map((e) => e.uri.replace('file:///k/', '')),
      ['base/db.yaml', 'base/db.yaml', 'base/db.yaml', 'overlay/svc.yaml'],
    );
    // From the patch: the same edits (it is a use, not a second Service).
    const p = 'file:///k/overlay/svc.yaml';
    assert.strictEqual(referencesAt(ws, p, at(ws, p, 'name: db', 7)).length, 4);
  });

  it('references and rename read only the documents that write the name (closed files keep no trees)', () => {
    const ws = new Workspace();
    for (let i = 0; i < 60; i++) {
      ws.setDiskFile(`file:///w/app${i}/svc.yaml`, svc(`db${i}`));
      ws.setDiskFile(`file:///w/app${i}/sts.yaml`, sts(`db${i}`));
    }
    for (const f of ws.files()) ws.evictTrees(f.uri);
    const u = 'file:///w/app7/svc.yaml';
    const before = ParsedDoc.reparses;
    assert.strictEqual(referencesAt(ws, u, at(ws, u, 'name: db7', 7)).length, 3);
    const r = renameAt(ws, u, at(ws, u, 'name: db7', 7), 'pg7');
    assert.ok(r && !('error' in r) && r.edits.length === 3);
    // app7/ and the two folders whose names contain `db7` (db70 … db79 are beyond 60): 2 documents.
    assert.ok(ParsedDoc.reparses - before <= 2, `parsed ${ParsedDoc.reparses - before} documents`);
  });

  it('workspace symbols: characters in order (`web1` finds `web-1`), best matches first, nothing parsed', () => {
    const ws = new Workspace();
    for (let i = 0; i < 30; i++) ws.setDiskFile(`file:///w/f${i}.yaml`, sts(`web${i}`) + '---\n' + svc(`web${i}`));
    ws.setDiskFile('file:///w/z.yaml', svc('web'));
    for (const f of ws.files()) noteSymbolSources(ws, f.uri);
    for (const f of ws.files()) ws.evictTrees(f.uri);
    const before = ParsedDoc.reparses;
    const names = (q: string, limit?: number) => workspaceSymbols(ws, q, limit).map((s) => s.name);
    const web11 = names('web11');
    // The names themselves, then those starting with the query, then the rest in order.
    assert.deepStrictEqual(web11.slice(0, 2), ['web11', 'web11']);
    assert.ok(
      web11.slice(2, 7).every((n) => n.startsWith('web11')),
      web11.slice(0, 7).join(),
    );
    assert.ok(web11.slice(7).every((n) => !n.startsWith('web11')));
    assert.ok(web11.includes('web1-1') && !web11.includes('web2-1'));
    assert.ok(names('wb3-1').includes('web3-1'));
    // The Service `web` of the last file is the best match, before the many names holding `web`.
    assert.deepStrictEqual(names('web', 1), ['web']);
    assert.strictEqual(workspaceSymbols(ws, 'web', 1)[0].uri, 'file:///w/z.yaml');
    const s = workspaceSymbols(ws, 'web11-1.', 1)[0];
    assert.strictEqual(s.span.doc.text.slice(s.span.start, s.span.end), 'web11');
    assert.strictEqual(ParsedDoc.reparses, before);
  });
});

describe('ide: storage references', () => {
  const u = 'file:///s/storage.yaml';
  const ws = new Workspace();
  ws.setDiskFile(
    u,
    [
      'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: fast\nprovisioner: pd.csi.storage.gke.io\n',
      'apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: pv-1\nspec:\n  storageClassName: fast\n  capacity: {storage: 1Gi}\n  accessModes: [ReadWriteOnce]\n  claimRef: {namespace: db, name: data}\n  hostPath: {path: /x}\n',
      'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\n  namespace: db\nspec:\n  storageClassName: fast\n  volumeName: pv-1\n  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: 1Gi}}\n',
      'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: pg\n  namespace: db\nspec:\n  serviceName: pg\n  selector: {matchLabels: {app: pg}}\n  template:\n    metadata: {labels: {app: pg}}\n    spec:\n      containers: [{name: c, image: postgres}]\n  volumeClaimTemplates:\n    - metadata: {name: pgdata}\n      spec:\n        storageClassName: fast\n        accessModes: [ReadWriteOnce]\n        resources: {requests: {storage: 1Gi}}\n',
    ].join('---\n'),
  );
  const text = ws.file(u)!.text;
  const lines = (needle: string, delta: number) =>
    referencesAt(ws, u, text.indexOf(needle) + delta).map(
      (l) => text.slice(0, l.span.doc.base + l.span.start).split('\n').length,
    );
  const lineOf = (needle: string, n = 0) => {
    let i = -1;
    for (let k = 0; k <= n; k++) i = text.indexOf(needle, i + 1);
    return text.slice(0, i).split('\n').length;
  };

  it('a StorageClass: every storageClassName (PV, PVC, claim template)', () => {
    assert.deepStrictEqual(lines('name: fast', 7), [
      lineOf('name: fast'),
      lineOf('storageClassName: fast', 0),
      lineOf('storageClassName: fast', 1),
      lineOf('storageClassName: fast', 2),
    ]);
  });

  it('a PersistentVolume: the claim volumeName; a PVC: the PV claimRef', () => {
    assert.deepStrictEqual(lines('volumeName: pv-1', 13), [lineOf('name: pv-1'), lineOf('volumeName: pv-1')]);
    assert.deepStrictEqual(lines('name: data\n  namespace', 7), [
      lineOf('name: data\n  namespace'),
      lineOf('claimRef'),
    ]);
  });
});
