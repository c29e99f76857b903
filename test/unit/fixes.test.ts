/**
 * Quick fixes that insert YAML (core): applying the fix removes the finding and adds no
 * syntax error or new finding.
 */
import * as assert from 'assert';
import { Analyzer } from '../../server/src/core/analyzer';
import type { Finding } from '../../server/src/core/findings';
import { Workspace } from '../../server/src/core/model/workspace';

const U = 'file:///w/a.yaml';
const V = 'file:///w/b.yaml';

function findings(files: Record<string, string>): { ws: Workspace; all: Finding[] } {
  const ws = new Workspace();
  for (const [u, t] of Object.entries(files)) ws.setDiskFile(u, t);
  const a = new Analyzer(ws);
  return { ws, all: Object.keys(files).flatMap((u) => a.fileFindings(u)) };
}

/** Apply the fix `title` of the finding `code`; returns the new file texts. */
function applyFix(files: Record<string, string>, code: string, title: RegExp): Record<string, string> {
  const { ws, all } = findings(files);
  const f = all.find((x) => x.code === code);
  assert.ok(f, `${code} not reported: ${all.map((x) => x.code).join(', ')}`);
  const fx = f.fix?.find((x) => title.test(x.title));
  assert.ok(fx, `no fix ${title} in ${JSON.stringify(f.fix?.map((x) => x.title))}`);
  const span = fx.at ?? f.span;
  const uri = span.doc.uri;
  const text = ws.file(uri)!.text;
  const s = span.doc.base + span.start;
  const e = span.doc.base + span.end;
  return { ...files, [uri]: text.slice(0, s) + fx.newText + text.slice(e) };
}

function codes(files: Record<string, string>): string[] {
  return findings(files)
    .all.map((f) => f.code)
    .sort();
}

const STS = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
  namespace: shop
spec:
  serviceName: nginx
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
        tier: "true"
    spec:
      containers:
        - name: nginx
          image: nginx
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
        accessModes: [ReadWriteOnce]
        resources: {requests: {storage: 1Gi}}
`;

describe('quick fixes that insert YAML', () => {
  it('creates the missing headless Service (name, namespace, selector, ports) as a new document', () => {
    const before = { [U]: STS };
    assert.ok(codes(before).includes('sts-service-missing'));
    const after = applyFix(before, 'sts-service-missing', /Create headless Service nginx in namespace shop/);
    assert.match(
      after[U],
      /---\napiVersion: v1\nkind: Service\nmetadata:\n  name: nginx\n  namespace: shop\nspec:\n  clusterIP: None\n  selector:\n    app: web\n  ports:\n    - name: http\n      port: 80\n$/,
    );
    assert.deepStrictEqual(codes(after), []);
  });

  it('makes a Service headless: replaces clusterIP, or adds clusterIP: None (in another file)', () => {
    const svc = (extra: string) =>
      `apiVersion: v1\nkind: Service\nmetadata:\n  name: nginx\n  namespace: shop\nspec:\n${extra}  selector:\n    app: web\n  ports:\n    - name: http\n      port: 80\n`;
    for (const extra of ['', '  clusterIP: 10.0.0.12\n']) {
      const before = { [U]: STS, [V]: svc(extra) };
      assert.ok(codes(before).includes('sts-service-not-headless'), extra);
      const after = applyFix(before, 'sts-service-not-headless', /headless.*re-create/);
      assert.match(after[V], /\n {2}clusterIP: None\n {2}selector:/);
      assert.deepStrictEqual(codes(after), []);
    }
  });

  it('adds an emptyDir volume for a mount that names none; mounts an unmounted claim template', () => {
    const mount = STS.replace(
      '          volumeMounts:\n',
      '          volumeMounts:\n            - name: cache\n              mountPath: /cache\n',
    );
    const svc =
      'apiVersion: v1\nkind: Service\nmetadata: {name: nginx, namespace: shop}\nspec:\n  clusterIP: None\n  selector: {app: web}\n';
    const before = { [U]: mount, [V]: svc };
    assert.deepStrictEqual(codes(before), ['volume-mount-unresolved']);
    const after = applyFix(before, 'volume-mount-unresolved', /Add an emptyDir volume cache/);
    assert.match(after[U], /\n {6}volumes:\n {8}- name: cache\n {10}emptyDir: \{\}\n {6}containers:/);
    assert.deepStrictEqual(codes(after), []);

    const unmounted = STS.replace(/ {10}volumeMounts:\n.*\n.*\n/, '');
    const b2 = { [U]: unmounted, [V]: svc };
    assert.deepStrictEqual(codes(b2), ['sts-claim-template-unmounted']);
    const a2 = applyFix(b2, 'sts-claim-template-unmounted', /Mount www at \/data\/www in container nginx/);
    assert.deepStrictEqual(codes(a2), []);
  });

  it('fixes a pod DNS name to the nearest valid ordinal', () => {
    const svc =
      'apiVersion: v1\nkind: Service\nmetadata: {name: nginx, namespace: shop}\nspec:\n  clusterIP: None\n  selector: {app: web}\n';
    const cm =
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: shop}\ndata:\n  peers: "web-0.nginx:80,web-5.nginx:80"\n';
    const before = { [U]: STS + '---\n' + svc, [V]: cm };
    const after = applyFix(before, 'dns-pod-ordinal-out-of-range', /Change to web-1/);
    assert.match(after[V], /"web-0\.nginx:80,web-1\.nginx:80"/);
    assert.deepStrictEqual(codes(after), []);
  });
});
