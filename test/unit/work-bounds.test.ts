/**
 * Work per edit does not grow with the workspace: an edit in a workspace of thousands of
 * objects re-runs a bounded number of rule evaluations and lists a bounded number of objects
 * (counted, not timed), the same as in a workspace a tenth of its size. And closed files keep
 * one compact result that stays correct when another file changes what it says.
 */
import * as assert from 'assert';
import { Analyzer } from '../../server/src/core/analyzer';
import { Workspace } from '../../server/src/core/model/workspace';
import type { Resource } from '../../server/src/core/model/resource';

const NAMESPACES = ['default', 'shop', 'data', 'monitoring'];

/** One file of a generated workspace: 5 objects that refer to each other (no findings). */
function groupFile(i: number, replicas = 2, label = `app-${i}`): string {
  const ns = NAMESPACES[i % NAMESPACES.length];
  return `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db-${i}
  namespace: ${ns}
spec:
  serviceName: db-${i}-hl
  replicas: ${replicas}
  selector:
    matchLabels:
      app: db-${i}
  template:
    metadata:
      labels:
        app: db-${i}
    spec:
      containers:
        - name: db
          image: postgres:16
          ports:
            - name: pg
              containerPort: 5432
          volumeMounts:
            - name: data
              mountPath: /var/lib/postgresql
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: [ReadWriteOnce]
        resources:
          requests:
            storage: 1Gi
---
apiVersion: v1
kind: Service
metadata:
  name: db-${i}-hl
  namespace: ${ns}
spec:
  clusterIP: None
  selector:
    app: db-${i}
  ports:
    - name: pg
      port: 5432
      targetPort: pg
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-${i}
  namespace: ${ns}
spec:
  selector:
    matchLabels:
      app: ${label}
  template:
    metadata:
      labels:
        app: ${label}
    spec:
      containers:
        - name: web
          image: nginx:1.27
          env:
            - name: DB_HOST
              value: db-${i}-0.db-${i}-hl.${ns}.svc.cluster.local
          ports:
            - name: http
              containerPort: 8080
---
apiVersion: v1
kind: Service
metadata:
  name: web-${i}
  namespace: ${ns}
spec:
  selector:
    app: ${label}
  ports:
    - name: http
      port: 80
      targetPort: http
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: web-${i}-config
  namespace: ${ns}
data:
  primary: db-${i}-0.db-${i}-hl.${ns}.svc.cluster.local:5432
`;
}

const uri = (i: number) => `file:///ws/f${i}.yaml`;

interface Counts {
  evaluations: number;
  listed: number;
}

/** Build a workspace of `files` files, analyse every file as the server does (closed files compacted), then apply `edit`. */
function workAfterEdit(files: number, edit: (ws: Workspace) => void): { counts: Counts; ws: Workspace; an: Analyzer } {
  const ws = new Workspace();
  const an = new Analyzer(ws);
  for (let i = 0; i < files; i++) ws.setDiskFile(uri(i), groupFile(i));
  const target = 7;
  ws.setOpenFile(uri(target), groupFile(target));
  const all = () => {
    for (const f of [...ws.files()]) an.fileFindings(f.uri, !ws.isOpen(f.uri));
  };
  all();
  // Count the objects handed out by namespace / kind listings (the scans an index avoids).
  let listed = 0;
  const count = <T>(it: Iterable<T>): Iterable<T> => {
    const a = [...it];
    listed += a.length;
    return a;
  };
  const inNamespace = ws.inNamespace.bind(ws);
  const ofKind = ws.ofKind.bind(ws);
  ws.inNamespace = (k: string, ns: string): Iterable<Resource> => count(inNamespace(k, ns));
  ws.ofKind = (k: string): Iterable<Resource> => count(ofKind(k));
  const before = an.evaluations;
  edit(ws);
  all();
  return { counts: { evaluations: an.evaluations - before, listed }, ws, an };
}

const EDITS: [string, (ws: Workspace) => void][] = [
  ['replicas of a StatefulSet', (ws) => ws.setOpenFile(uri(7), groupFile(7, 3))],
  [
    'pod labels of a Deployment (its Service no longer selects it)',
    (ws) => ws.setOpenFile(uri(7), groupFile(7, 2, 'other')),
  ],
  ['a new file with a Service', (ws) => ws.setDiskFile('file:///ws/new.yaml', groupFile(100000).split('---\n')[1])],
];

describe('work per edit is bounded by what the edit touches, not by the workspace size', function () {
  this.timeout(240000);
  for (const [what, edit] of EDITS) {
    it(`${what}: 1,000 files (5,000 objects) do the same work as 100`, () => {
      const small = workAfterEdit(100, edit).counts;
      const big = workAfterEdit(1000, edit).counts;
      assert.ok(small.evaluations > 0, 'the edit re-ran something');
      assert.ok(small.evaluations < 200, `evaluations in the small workspace: ${small.evaluations}`);
      assert.deepStrictEqual(big, small, 'same rule evaluations and listed objects in a workspace 10× the size');
    });
  }
});

describe('closed files keep one compact result', () => {
  it('is served while nothing it read changed, and redone when something did', () => {
    const ws = new Workspace();
    const an = new Analyzer(ws);
    const sts = groupFile(1).split('---\n')[0];
    ws.setDiskFile('file:///sts.yaml', sts);
    const codes = () => an.fileFindings('file:///sts.yaml', true).map((f) => f.code);
    assert.deepStrictEqual(codes(), ['sts-service-missing']);
    const before = an.evaluations;
    assert.deepStrictEqual(codes(), ['sts-service-missing']);
    ws.setDiskFile('file:///other.yaml', groupFile(2));
    assert.deepStrictEqual(codes(), ['sts-service-missing']);
    assert.strictEqual(an.evaluations, before, 'served from the compact result: nothing it read changed');
    ws.setDiskFile('file:///svc.yaml', groupFile(1).split('---\n')[1]);
    assert.deepStrictEqual(codes(), [], 'the governing Service in another file is seen');
    assert.ok(an.evaluations > before, 'redone');
    ws.deleteDiskFile('file:///svc.yaml');
    assert.deepStrictEqual(codes(), ['sts-service-missing']);
  });

  it('gives the same findings as a fresh analysis after a series of edits elsewhere', () => {
    const ws = new Workspace();
    const an = new Analyzer(ws);
    for (let i = 0; i < 12; i++) ws.setDiskFile(uri(i), groupFile(i));
    const snapshot = (a: Analyzer, compact: boolean) =>
      [...ws.files()]
        .map((f) => a.fileFindings(f.uri, compact).map((x) => `${f.uri} ${x.code} ${x.span.start}`))
        .flat();
    snapshot(an, true);
    const edits = [
      () => ws.setDiskFile(uri(3), groupFile(3, 1, 'moved')),
      () => ws.deleteDiskFile(uri(5)),
      () => ws.setDiskFile(uri(5), groupFile(5).replace('db-5-hl', 'db-5-headless')),
      () => ws.setDiskFile(uri(9), groupFile(9).split('---\n').slice(2).join('---\n')),
    ];
    for (const e of edits) {
      e();
      assert.deepStrictEqual(snapshot(an, true), snapshot(new Analyzer(ws), false));
    }
  });
});
