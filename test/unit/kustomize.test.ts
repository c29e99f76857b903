/**
 * kustomize as a layout: the build model against the real `kustomize build` (kubectl's
 * embedded kustomize is the oracle), patch files as patches, and incremental builds.
 *
 * Every kustomization under test/fixtures/kustomize/ that no other one includes is a build;
 * for each, names, namespaces, labels, selectors, template labels, replicas, serviceName,
 * claimNames and images of every object must equal `kubectl kustomize <dir>`.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { displayName, kindOf, namespaceOf } from '../../server/src/core/kustomize/build';
import type { BuiltObject } from '../../server/src/core/kustomize/build';
import { isObj, Obj } from '../../server/src/core/kustomize/spec';
import { Workspace } from '../../server/src/core/model/workspace';
import { Analyzer } from '../../server/src/core/analyzer';
import { buildTree } from '../../server/src/core/tree';
import { fileUri, FIXTURES } from '../support/fixtures';
import { loadTree } from '../support/kustomize';

const KDIR = path.join(FIXTURES, 'kustomize');

const sorted = (o: unknown): unknown =>
  isObj(o)
    ? Object.fromEntries(
        Object.keys(o)
          .sort()
          .map((k) => [k, sorted(o[k])]),
      )
    : Array.isArray(o)
      ? o.map(sorted)
      : o;

function get(o: unknown, ...p: (string | number)[]): unknown {
  let c = o;
  for (const k of p) c = isObj(c) ? c[k as string] : Array.isArray(c) ? c[k as number] : undefined;
  return c;
}

/** The facts compared per object. */
function facts(o: Obj): Record<string, unknown> {
  const kind = kindOf(o);
  const pod =
    kind === 'CronJob' ? get(o, 'spec', 'jobTemplate', 'spec', 'template', 'spec') : get(o, 'spec', 'template', 'spec');
  const containers = [
    ...((get(pod, 'containers') as unknown[]) ?? []),
    ...((get(pod, 'initContainers') as unknown[]) ?? []),
  ];
  const volumes = (get(pod, 'volumes') as unknown[]) ?? [];
  return sorted({
    labels: get(o, 'metadata', 'labels') ?? {},
    annotations: get(o, 'metadata', 'annotations') ?? {},
    selector: kind === 'Service' ? get(o, 'spec', 'selector') : get(o, 'spec', 'selector', 'matchLabels'),
    templateLabels: get(o, 'spec', 'template', 'metadata', 'labels'),
    replicas: get(o, 'spec', 'replicas'),
    serviceName: get(o, 'spec', 'serviceName'),
    type: kind === 'Service' ? get(o, 'spec', 'type') : undefined,
    claimNames: volumes.map((v) => get(v, 'persistentVolumeClaim', 'claimName')).filter((x) => x !== undefined),
    claimTemplateLabels: ((get(o, 'spec', 'volumeClaimTemplates') as unknown[]) ?? []).map((t) =>
      get(t, 'metadata', 'labels'),
    ),
    images: containers.map((c) => `${get(c, 'name')}=${get(c, 'image')}`),
    envFrom: containers.flatMap((c) =>
      ((get(c, 'envFrom') as unknown[]) ?? []).map(
        (e) => get(e, 'configMapRef', 'name') ?? get(e, 'secretRef', 'name'),
      ),
    ),
    volumeRefs: volumes
      .map((v) => get(v, 'configMap', 'name') ?? get(v, 'secret', 'secretName'))
      .filter((x) => x !== undefined),
    data: kind === 'ConfigMap' || kind === 'Secret' ? (get(o, 'data') ?? {}) : undefined,
    secretType: kind === 'Secret' ? get(o, 'type') : undefined,
  }) as Record<string, unknown>;
}

function kubectlBuild(dir: string): Map<string, Record<string, unknown>> | string {
  const r = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8', timeout: 60000 });
  if (r.error || r.status !== 0) return `kubectl kustomize ${dir} failed: ${r.error?.message ?? r.stderr}`;
  const out = new Map<string, Record<string, unknown>>();
  for (const d of parseAllDocuments(r.stdout)) {
    const o = 'toJS' in d ? d.toJS() : undefined;
    if (!isObj(o)) continue;
    const kind = kindOf(o);
    // Generated names carry kustomize's content hash, which the model computes too (kustomize/hash.ts).
    const name = String(get(o, 'metadata', 'name') ?? '');
    out.set(`${kind}/${namespaceOf(o)}/${name}`, facts(o));
  }
  return out;
}

function modelBuild(objects: BuiltObject[]): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const b of objects) out.set(`${kindOf(b.obj)}/${namespaceOf(b.obj)}/${displayName(b)}`, facts(b.obj));
  return out;
}

const hasKubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;

describe('kustomize', function () {
  this.timeout(120000);

  describe('builds equal `kubectl kustomize` (the oracle)', () => {
    const ws = loadTree(KDIR);
    const roots = ws.kustomize.roots();
    it('finds the top-level builds of the fixtures', () => {
      assert.ok(roots.length >= 3, `roots: ${roots.map((r) => r.uri).join(', ')}`);
      assert.ok(
        !roots.some((r) => /\/base\/|\/components\//.test(r.uri)),
        'a base or component is not a top-level build',
      );
    });
    for (const k of roots) {
      const dir = decodeURIComponent(k.dir.replace(/^file:\/\//, ''));
      it(path.relative(KDIR, dir), function () {
        if (!hasKubectl) {
          console.log('      (skipped: kubectl is not on PATH; the kustomize oracle test needs it)');
          this.skip();
        }
        const expected = kubectlBuild(dir);
        assert.ok(typeof expected !== 'string', expected as string);
        const actual = modelBuild(ws.kustomize.build(k, ws.fileAccess).objects);
        assert.deepStrictEqual([...actual.keys()].sort(), [...expected.keys()].sort(), 'objects (kind/namespace/name)');
        for (const [key, f] of expected) assert.deepStrictEqual(actual.get(key), f, key);
      });
    }
  });

  describe('patch files', () => {
    const ws = loadTree(path.join(KDIR, 'shop'));
    const uri = (p: string) => fileUri(path.join(KDIR, 'shop', p));
    it('are not objects: only the base StatefulSet and Services are indexed', () => {
      assert.deepStrictEqual(
        ws.named('StatefulSet', 'default', 'db').map((r) => r.uri),
        [uri('base/db.yaml')],
      );
      assert.ok(ws.isPatchFile(uri('overlays/prod/db-replicas.yaml')));
      assert.ok(ws.isPatchFile(uri('overlays/staging/db-patch.yaml')));
      assert.ok(!ws.isPatchFile(uri('base/db.yaml')));
    });
    it('stop being patches when the kustomization no longer names them, and become patches again', () => {
      const k = uri('overlays/prod/kustomization.yaml');
      const text = ws.file(k)!.text;
      ws.setOpenFile(k, text.replace('  - path: db-replicas.yaml\n', ''));
      assert.ok(!ws.isPatchFile(uri('overlays/prod/db-replicas.yaml')));
      assert.strictEqual(ws.named('StatefulSet', 'default', 'db').length, 2);
      ws.setOpenFile(k, text);
      assert.ok(ws.isPatchFile(uri('overlays/prod/db-replicas.yaml')));
      assert.strictEqual(ws.named('StatefulSet', 'default', 'db').length, 1);
    });
  });

  describe('incremental builds', () => {
    it('an edit to a patch re-evaluates only the builds that include it', () => {
      const ws = loadTree(path.join(KDIR, 'shop'));
      const uri = (p: string) => fileUri(path.join(KDIR, 'shop', p));
      const first = ws.kustomize.buildsOf(ws.fileAccess);
      assert.strictEqual(first.length, 3);
      const n0 = ws.kustomize.buildsComputed;
      ws.kustomize.buildsOf(ws.fileAccess);
      assert.strictEqual(ws.kustomize.buildsComputed, n0, 'nothing changed: every build from cache');
      const p = uri('overlays/prod/db-replicas.yaml');
      ws.setOpenFile(p, ws.file(p)!.text.replace('replicas: 5', 'replicas: 7'));
      const again = ws.kustomize.buildsOf(ws.fileAccess);
      assert.strictEqual(ws.kustomize.buildsComputed, n0 + 1, 'only the prod build is rebuilt');
      const db = again.find((b) => b.uri.includes('/prod/'))!.objects.find((o) => kindOf(o.obj) === 'StatefulSet')!;
      assert.strictEqual(get(db.obj, 'spec', 'replicas'), 7);
      // An edit to the base touches every build.
      const base = uri('base/db.yaml');
      ws.setOpenFile(base, ws.file(base)!.text.replace('image: postgres:16', 'image: postgres:17'));
      ws.kustomize.buildsOf(ws.fileAccess);
      assert.strictEqual(ws.kustomize.buildsComputed, n0 + 4);
    });
  });
});

describe('kustomize-patch-target-missing stays silent when the build is not all here', () => {
  const K = 'file:///w/app/kustomization.yaml';
  const findings = (kustomization: string, extra: Record<string, string> = {}) => {
    const ws = new Workspace();
    ws.setDiskFile(K, 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n' + kustomization);
    ws.setDiskFile(
      'file:///w/app/patch.yaml',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n',
    );
    for (const [u, t] of Object.entries(extra)) ws.setDiskFile(u, t);
    return new Analyzer(ws).fileFindings(K).filter((f) => f.code === 'kustomize-patch-target-missing').length;
  };
  const local = 'file:///w/app/web.yaml';
  const web = { [local]: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: other\n' };
  it('reports a patch that matches nothing when every resource is readable', () => {
    assert.strictEqual(findings('resources: [web.yaml]\npatches: [{path: patch.yaml}]\n', web), 1);
  });
  it('a remote resource (its objects are unknown here)', () => {
    assert.strictEqual(
      findings('resources: [web.yaml, "https://github.com/o/r//base?ref=v1"]\npatches: [{path: patch.yaml}]\n', web),
      0,
    );
  });
  it('a resource file that is not in the workspace', () => {
    assert.strictEqual(findings('resources: [web.yaml, generated.yaml]\npatches: [{path: patch.yaml}]\n', web), 0);
  });
  it('a resource file with no objects (a placeholder that a bootstrap step fills)', () => {
    assert.strictEqual(
      findings('resources: [web.yaml, empty.yaml]\npatches: [{path: patch.yaml}]\n', {
        ...web,
        'file:///w/app/empty.yaml': '# filled by bootstrap\n',
      }),
      0,
    );
  });
  it('a kustomization with Helm charts or KRM generators (objects not modelled here)', () => {
    assert.strictEqual(
      findings(
        'resources: [web.yaml]\nhelmCharts: [{name: web, repo: https://charts.example.com}]\npatches: [{path: patch.yaml}]\n',
        web,
      ),
      0,
    );
    assert.strictEqual(
      findings('resources: [web.yaml]\ngenerators: [gen.yaml]\npatches: [{path: patch.yaml}]\n', web),
      0,
    );
  });
  it('a target without a name (a pattern such as "every Job")', () => {
    assert.strictEqual(findings('resources: [web.yaml]\npatches: [{path: patch.yaml, target: {kind: Job}}]\n', web), 0);
  });
});

describe('kustomize in the tree', () => {
  it('a base StatefulSet lists its overlays with their pods; patches are not StatefulSets of their own', () => {
    const ws = loadTree(path.join(KDIR, 'shop'));
    const nodes = buildTree(new Analyzer(ws));
    const all: { id: string; label: string; description?: string; kind?: string; children?: unknown[] }[] = [];
    const walk = (ns: typeof all) => {
      for (const n of ns) {
        all.push(n);
        walk((n.children ?? []) as typeof all);
      }
    };
    walk(nodes as typeof all);
    assert.strictEqual(
      all.filter((n) => n.kind === 'statefulset').length,
      1,
      'one StatefulSet: the patches are not objects',
    );
    const k = all.find((n) => n.kind === 'kustomize')!;
    assert.ok(k, 'a kustomize builds node');
    const builds = (k.children ?? []) as typeof all;
    assert.deepStrictEqual(
      builds.map((b) => `${b.label}: ${b.description}`),
      [
        'overlays/dev: db · default · 1 replica',
        'overlays/prod: prod-db · shop · 5 replicas',
        'overlays/staging: db-stg · staging · 2 replicas',
      ],
    );
    const pods = (builds[1].children ?? []) as typeof all;
    assert.strictEqual(pods[4].label, 'prod-db-4');
    assert.match(pods[4].description ?? '', /prod-db-4\.prod-db-hl\.shop\.svc\.cluster\.local.*data-prod-db-4/);
  });
});

describe('rwo-claim-shared on a patch: checked on the patched workload of each build', () => {
  const K = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n';
  const base = (strategy: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 1
${strategy}  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
        - name: api
          image: example/api
`;
  const patch = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      containers:
        - name: api
          volumeMounts: [{name: logs, mountPath: /logs}]
      volumes:
        - name: logs
          persistentVolumeClaim:
            claimName: logs
`;
  const pvc =
    'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: logs\nspec:\n  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: 1Gi}}\n';
  const run = (strategy: string) => {
    const ws = new Workspace();
    ws.setDiskFile('file:///r/base/kustomization.yaml', K + 'resources: [api.yaml]\n');
    ws.setDiskFile('file:///r/base/api.yaml', base(strategy));
    ws.setDiskFile(
      'file:///r/prod/kustomization.yaml',
      K + 'namePrefix: prod-\nresources: [../base, pvc.yaml]\npatches: [{path: logs-patch.yaml}]\n',
    );
    ws.setDiskFile('file:///r/prod/pvc.yaml', pvc);
    ws.setDiskFile('file:///r/prod/logs-patch.yaml', patch);
    return new Analyzer(ws).fileFindings('file:///r/prod/logs-patch.yaml');
  };
  it('a RollingUpdate Deployment gets a ReadWriteOnce claim from the patch: reported on the patch, with the built claim name', () => {
    const f = run('');
    assert.deepStrictEqual(
      f.map((x) => x.code),
      ['rwo-claim-shared'],
    );
    assert.match(f[0].message, /PVC `prod-logs` allows ReadWriteOnce only/);
    assert.strictEqual(f[0].span.doc.text.slice(f[0].span.start, f[0].span.end), 'logs');
  });
  it('with strategy Recreate in the base: nothing to report', () => {
    assert.deepStrictEqual(
      run('  strategy: {type: Recreate}\n').map((x) => x.code),
      [],
    );
  });
});
