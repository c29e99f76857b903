import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as path from 'path';
import { ROOT } from '../support/fixtures';
import { parseDocument, isMap, isScalar } from 'yaml';
import { Analyzer } from '../../server/src/core/analyzer';
import { Workspace } from '../../server/src/core/model/workspace';
import { normalizeSettings } from '../../server/src/core/settings';
import {
  allKinds,
  kindType,
  schemaVersion,
  typeSpec,
  listItem,
  mapValue,
  isObjectType,
} from '../../server/src/core/schema/schema';
import { REMOVED_APIS, removedApi } from '../../server/src/core/schema/removed';
import { scalarKind } from '../../server/src/core/schema/validate';
import { schemaCompletionsAt, schemaHoverAt } from '../../server/src/core/schema/assist';

function codes(files: Record<string, string>, settings?: unknown, uri = Object.keys(files)[0]): string[] {
  const ws = new Workspace();
  if (settings) ws.setSettings(normalizeSettings(settings));
  for (const [u, t] of Object.entries(files)) ws.setDiskFile(u, t);
  const an = new Analyzer(ws);
  const out = an.fileFindings(uri).map((f) => f.code);
  assert.deepStrictEqual(an.failures, []);
  return out;
}

describe('schema: bundled data', () => {
  it('is generated from the pinned packages (npm run schema) and up to date', function () {
    this.timeout(60000);
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'gen-schema.mjs'), '--check'], {
      encoding: 'utf8',
    });
    assert.strictEqual(r.status, 0, r.stderr || r.stdout);
  });
  it('records the Kubernetes release and covers the built-in workloads', () => {
    assert.match(schemaVersion(), /^1\.\d+$/);
    for (const [av, k] of [
      ['apps/v1', 'StatefulSet'],
      ['apps/v1', 'Deployment'],
      ['apps/v1', 'DaemonSet'],
      ['batch/v1', 'CronJob'],
      ['v1', 'Service'],
      ['v1', 'PersistentVolumeClaim'],
      ['storage.k8s.io/v1', 'StorageClass'],
      ['networking.k8s.io/v1', 'Ingress'],
      ['policy/v1', 'PodDisruptionBudget'],
    ])
      assert.ok(kindType(av, k), `${av} ${k}`);
  });
  it('every field type refers to a type that exists', () => {
    const seen = new Set<string>();
    const queue = allKinds().map((k) => kindType(k.apiVersion, k.kind)!.name);
    while (queue.length) {
      const n = queue.pop()!;
      if (seen.has(n)) continue;
      seen.add(n);
      const t = typeSpec(n);
      assert.ok(t, `type ${n}`);
      for (const f of t.fields.values()) {
        let base = f.type;
        for (;;) {
          const inner = listItem(base) ?? mapValue(base);
          if (inner === undefined) break;
          base = inner;
        }
        if (isObjectType(base)) queue.push(base);
        else assert.ok(['i', 'n', 's', 'b', 'io', 'q', 't', 'y', 'a'].includes(base), `${n}.${f.name}: ${f.type}`);
      }
    }
    assert.ok(seen.size > 300, `${seen.size} types reachable`);
  });
  it('knows required fields, enums, quantities and int-or-string', () => {
    const sts = typeSpec('V1StatefulSetSpec')!;
    assert.strictEqual(sts.fields.get('selector')?.required, true);
    assert.strictEqual(sts.fields.get('replicas')?.type, 'i');
    assert.deepStrictEqual(sts.fields.get('podManagementPolicy')?.enum, ['OrderedReady', 'Parallel']);
    assert.strictEqual(typeSpec('V1ResourceRequirements')!.fields.get('limits')?.type, '{q}');
    assert.strictEqual(typeSpec('V1EmptyDirVolumeSource')!.fields.get('sizeLimit')?.type, 'q');
    assert.strictEqual(typeSpec('V1HTTPGetAction')!.fields.get('port')?.type, 'io');
    assert.ok(typeSpec('V1Container')!.fields.get('imagePullPolicy')?.enum?.includes('IfNotPresent'));
  });
  it('removed API versions are not in the schema of the release they were removed in', () => {
    for (const r of REMOVED_APIS)
      for (const k of r.kinds)
        if (r.removedIn <= '1.3') assert.strictEqual(kindType(r.apiVersion, k), undefined, `${r.apiVersion} ${k}`);
    for (const r of REMOVED_APIS)
      if (r.replacement)
        assert.ok(
          kindType(r.replacement, r.kinds[0]) || r.kinds[0] === 'PodSecurityPolicy',
          `${r.replacement} ${r.kinds[0]}`,
        );
  });
});

describe('schema: scalars as kubectl decodes them', () => {
  const kindOf = (src: string) => {
    const d = parseDocument(`v: ${src}`, { version: '1.1' });
    const m = d.contents;
    assert.ok(isMap(m));
    const v = m.items[0].value;
    assert.ok(isScalar(v));
    return scalarKind(v);
  };
  // Checked with `kubectl create --dry-run=client` against a string field (labels).
  const cases: [string, string][] = [
    ['yes', 'bool'],
    ['on', 'bool'],
    ['Y', 'bool'],
    ['NO', 'bool'],
    ['true', 'bool'],
    ['1.0', 'float'],
    ['0644', 'int'],
    ['1e3', 'float'],
    ['0x1F', 'int'],
    ['+12', 'int'],
    ['.5', 'float'],
    ['"5"', 'string'],
    ["'yes'", 'string'],
    ['hello', 'string'],
    ['~', 'null'],
    ['', 'null'],
    ['12:30', 'unknown'],
    ['.inf', 'unknown'],
  ];
  for (const [src, want] of cases) it(`${src || '(empty)'} → ${want}`, () => assert.strictEqual(kindOf(src), want));
});

describe('schema: rules in a workspace', () => {
  const sts = (extra: string) =>
    `apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  serviceName: db\n${extra}  selector: {matchLabels: {app: db}}\n  template:\n    metadata: {labels: {app: db}}\n    spec:\n      containers: [{name: db, image: pg}]\n`;
  it('kubeStateful.schema.enable: false turns the schema rules off', () => {
    const t = sts('  replica: 3\n');
    assert.ok(codes({ 'file:///a.yaml': t }).includes('schema-unknown-field'));
    assert.ok(!codes({ 'file:///a.yaml': t }, { schema: { enable: false } }).includes('schema-unknown-field'));
  });
  it('kubeStateful.kubernetesVersion decides what counts as removed', () => {
    const t = 'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: c}\n';
    assert.ok(codes({ 'file:///a.yaml': t }).includes('api-version-removed'));
    assert.ok(codes({ 'file:///a.yaml': t }, { kubernetesVersion: '1.25' }).includes('api-version-removed'));
    assert.ok(!codes({ 'file:///a.yaml': t }, { kubernetesVersion: '1.24' }).includes('api-version-removed'));
    assert.ok(!codes({ 'file:///a.yaml': t }, { kubernetesVersion: 'v1.21.3' }).includes('api-version-removed'));
    assert.strictEqual(removedApi('apps/v1beta1', 'StatefulSet', '1.16')?.replacement, 'apps/v1');
    assert.strictEqual(removedApi('apps/v1beta1', 'StatefulSet', '1.15'), undefined);
  });
  it('a kustomize patch gets unknown-field but no required-field findings', () => {
    const patch = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replica: 3\n';
    const files = {
      'file:///r/overlay/patch.yaml': patch,
      'file:///r/overlay/kustomization.yaml': 'resources: [../base]\npatches:\n  - path: patch.yaml\n',
    };
    const c = codes(files);
    assert.ok(c.includes('schema-unknown-field'), c.join());
    assert.ok(!c.includes('schema-required-missing'), c.join());
    // The same document outside a kustomize tree misses spec.selector and spec.template.
    assert.ok(codes({ 'file:///x/deploy.yaml': patch }).includes('schema-required-missing'));
  });
  it('an overlay copy of an object in a kustomize tree gets no required-field findings', () => {
    const base =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {a: b}}\n  template: {metadata: {labels: {a: b}}, spec: {containers: [{name: c, image: i}]}}\n';
    const copy =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template: {spec: {containers: [{name: c, image: j}]}}\n';
    const files = {
      'file:///r/v/copy.yaml': copy,
      'file:///r/base/deploy.yaml': base,
      'file:///r/v/kustomization.yaml': 'resources: [../base]\n',
    };
    assert.ok(!codes(files).includes('schema-required-missing'));
  });
  it('a specific rule keeps its finding; the schema rule does not repeat it', () => {
    const svc =
      'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  type: Headless\n  selector: {app: s}\n  ports: [{port: 80}]\n';
    const c = codes({ 'file:///s.yaml': svc });
    assert.ok(c.includes('svc-type-invalid'));
    assert.ok(!c.includes('schema-enum-invalid'));
  });
  it('hostile input does not throw: deep nesting, aliases, wrong shapes everywhere', () => {
    const deep =
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: ' +
      '['.repeat(300) +
      ']'.repeat(300) +
      '\n';
    codes({ 'file:///d.yaml': deep });
    const alias = 'apiVersion: v1\nkind: Pod\nmetadata: &m {name: p, labels: *m}\nspec: *m\n';
    codes({ 'file:///e.yaml': alias });
    codes({ 'file:///f.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: 3\nspec: [1, {a: b}]\n' });
  });
  it('custom resources follow their CRD; editing the CRD re-checks them', () => {
    const crd = (max: number) =>
      `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: dbs.example.com}\nspec:\n  group: example.com\n  names: {kind: Db, plural: dbs}\n  scope: Namespaced\n  versions:\n    - name: v1\n      served: true\n      storage: true\n      schema:\n        openAPIV3Schema:\n          type: object\n          properties:\n            spec:\n              type: object\n              properties:\n                size: {type: integer, maximum: ${max}}\n`;
    const cr = 'apiVersion: example.com/v1\nkind: Db\nmetadata: {name: a}\nspec:\n  size: 5\n  sise: 1\n';
    const ws = new Workspace();
    ws.setDiskFile('file:///crd.yaml', crd(3));
    ws.setDiskFile('file:///cr.yaml', cr);
    const an = new Analyzer(ws);
    const now = () =>
      an
        .fileFindings('file:///cr.yaml')
        .map((f) => f.code)
        .sort();
    assert.deepStrictEqual(now(), ['crd-value-invalid', 'schema-unknown-field']);
    ws.setDiskFile('file:///crd.yaml', crd(10));
    assert.deepStrictEqual(now(), ['schema-unknown-field']);
    ws.deleteDiskFile('file:///crd.yaml');
    assert.deepStrictEqual(now(), [], 'no CRD, no findings');
  });
  it('completion and hover work for a custom resource from its CRD', () => {
    const crd = `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: dbs.example.com}\nspec:\n  group: example.com\n  names: {kind: Db, plural: dbs}\n  scope: Namespaced\n  versions:\n    - name: v1\n      served: true\n      storage: true\n      schema:\n        openAPIV3Schema:\n          type: object\n          properties:\n            spec:\n              type: object\n              required: [engine]\n              properties:\n                engine: {type: string, enum: [pg, my], description: The engine. More text.}\n                size: {type: integer}\n                tags: {type: array, items: {type: string}}\n`;
    const cr = 'apiVersion: example.com/v1\nkind: Db\nmetadata: {name: a}\nspec:\n  size: 5\n  \n';
    const ws = new Workspace();
    ws.setDiskFile('file:///crd.yaml', crd);
    ws.setDiskFile('file:///cr.yaml', cr);
    const c = schemaCompletionsAt(ws, 'file:///cr.yaml', cr.indexOf('  \n') + 2);
    assert.deepStrictEqual(
      c?.items.map((i) => i.label),
      ['engine', 'tags'],
      'required first, present keys left out',
    );
    assert.match(c!.items[0].snippet, /^engine: \$\{1\|pg,my\|\}$/);
    const h = schemaHoverAt(ws, 'file:///cr.yaml', cr.indexOf('size') + 1);
    assert.match(h!.markdown, /\*\*size\*\* · integer/);
    assert.match(h!.markdown, /CustomResourceDefinition/);
  });
});

describe('schema: the path in messages', () => {
  it('names map keys, list indices and map values as kubectl does', () => {
    const ws = new Workspace();
    const analyzer = new Analyzer(ws);
    const uri = 'file:///paths.yaml';
    ws.setOpenFile(
      uri,
      `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
  labels:
    tier: {a: b}
spec:
  serviceName: db
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
        - name: a
          image: a
        - name: b
          image: b
          ports:
            - containerport: 80
              protocol: TPC
          resources:
            requests:
              memory: lots
`,
    );
    const messages = analyzer
      .fileFindings(uri)
      .filter((f) => f.code.startsWith('schema-'))
      .map((f) => f.message.split(':')[0]);
    assert.deepStrictEqual(messages.sort(), [
      'metadata.labels.tier must be a string, not an object',
      'spec.template.spec.containers[1].ports[0].containerPort',
      'spec.template.spec.containers[1].ports[0].protocol',
      'spec.template.spec.containers[1].resources.requests.memory',
      'unknown field "spec.template.spec.containers[1].ports[0].containerport"',
    ]);
  });
});
