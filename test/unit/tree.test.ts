/**
 * The storage-relationship tree, data-driven: every folder test/fixtures/tree/<case>/ is a
 * workspace (YAML files, optional settings.json) and `tree.txt`, the tree rendered as
 * indented text — what users see. `UPDATE_SNAPSHOTS=1` rewrites the snapshots; a missing
 * snapshot fails.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Analyzer } from '../../server/src/core/analyzer';
import { Workspace } from '../../server/src/core/model/workspace';
import { buildTree, TreeNode } from '../../server/src/core/tree';
import { renderTree } from '../../server/src/core/tree/render';
import { fileUri, FIXTURES, loadFolder } from '../support/fixtures';

const TREE_DIR = path.join(FIXTURES, 'tree');
const UPDATE = process.env.UPDATE_SNAPSHOTS === '1';

const render = (nodes: TreeNode[]) => renderTree(nodes, { file: (u) => u.slice(u.lastIndexOf('/') + 1) });

/** Structural rules every tree must follow, whatever its content. */
function invariants(nodes: TreeNode[], ws: Workspace): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  const walk = (ns: TreeNode[], depth: number) => {
    for (const n of ns) {
      const where = `${n.id} (${n.label})`;
      if (ids.has(n.id)) problems.push(`duplicate id ${n.id}`);
      ids.add(n.id);
      if (!n.id || !n.label) problems.push(`${where}: id and label are required`);
      if (!n.tooltip) problems.push(`${where}: no tooltip`);
      if (!n.icon) problems.push(`${where}: no icon`);
      if (!n.kind) problems.push(`${where}: no kind`);
      if (n.problem && n.icon !== 'warning') problems.push(`${where}: a problem shows the warning icon`);
      if (n.children && n.children.length === 0) problems.push(`${where}: empty children list`);
      if (n.kind === 'pvc' && !n.copy?.pvcName) problems.push(`${where}: a pvc node carries copy.pvcName`);
      if (n.kind === 'pod' && n.copy?.podDns && !n.copy.dnsCheck?.includes(n.copy.podDns))
        problems.push(`${where}: dnsCheck checks podDns`);
      if (
        depth > 0 &&
        [
          'statefulset',
          'workload',
          'pv',
          'pvc',
          'storageclass',
          'volume',
          'container',
          'service',
          'claimtemplate',
          'pod',
        ].includes(n.kind ?? '') &&
        !n.location
      ) {
        problems.push(`${where}: a ${n.kind} node has a location`);
      }
      if (n.location) {
        const file = ws.file(n.location.uri);
        const r = n.location.range;
        if (!file) problems.push(`${where}: location in an unknown file`);
        else if (r.start.line >= file.lines.lineCount || r.end.line < r.start.line)
          problems.push(`${where}: bad range`);
      }
      walk(n.children ?? [], depth + 1);
    }
  };
  walk(nodes, 0);
  return problems;
}

function folders(): string[] {
  return fs.existsSync(TREE_DIR)
    ? fs
        .readdirSync(TREE_DIR)
        .filter((f) => fs.statSync(path.join(TREE_DIR, f)).isDirectory())
        .sort()
    : [];
}

describe('tree (fixtures)', () => {
  for (const name of folders()) {
    it(name, () => {
      const dir = path.join(TREE_DIR, name);
      const fx = loadFolder(dir);
      const nodes = buildTree(fx.analyzer);
      assert.deepStrictEqual(invariants(nodes, fx.ws), []);
      const text = render(nodes);
      const snap = path.join(dir, 'tree.txt');
      if (UPDATE) fs.writeFileSync(snap, text);
      assert.ok(
        fs.existsSync(snap),
        `no snapshot ${path.relative(process.cwd(), snap)}: run with UPDATE_SNAPSHOTS=1 and read it`,
      );
      assert.strictEqual(
        text,
        fs.readFileSync(snap, 'utf8').replace(/\r\n/g, '\n'),
        `tree differs from ${name}/tree.txt`,
      );
      // The same files loaded in the other order give the same tree.
      const ws = new Workspace();
      ws.setSettings(fx.ws.settings);
      for (const f of [...fx.files].reverse()) ws.setDiskFile(fileUri(f), fs.readFileSync(f, 'utf8'));
      assert.strictEqual(render(buildTree(new Analyzer(ws))), text, 'the tree depends on the order files were loaded');
    });
  }
});

/** A generated workspace: per namespace a headless Service, a StatefulSet, a Deployment, claims, volumes, a ConfigMap. */
function generated(namespaces: number): { files: Map<string, string>; resources: number } {
  const files = new Map<string, string>();
  let resources = 3;
  files.set(
    'file:///gen/classes.yaml',
    ['fast', 'slow', 'manual']
      .map(
        (c, i) =>
          `apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: ${c}\n` +
          (i === 0 ? '  annotations:\n    storageclass.kubernetes.io/is-default-class: "true"\n' : '') +
          `provisioner: ${c === 'manual' ? 'kubernetes.io/no-provisioner' : 'ebs.csi.aws.com'}\n`,
      )
      .join('---\n'),
  );
  for (let i = 0; i < namespaces; i++) {
    const ns = `team-${i}`;
    const docs = [
      `apiVersion: v1\nkind: Service\nmetadata:\n  name: db\n  namespace: ${ns}\nspec:\n  clusterIP: None\n  selector: {app: db}\n  ports: [{name: pg, port: 5432}]\n`,
      `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\n  namespace: ${ns}\nspec:\n  serviceName: db\n  replicas: ${(i % 5) + 1}\n  selector: {matchLabels: {app: db}}\n  template:\n    metadata: {labels: {app: db}}\n    spec:\n      containers:\n      - name: pg\n        image: postgres:16\n        volumeMounts: [{name: data, mountPath: /data}, {name: run, mountPath: /run}]\n      volumes: [{name: run, emptyDir: {}}]\n  volumeClaimTemplates:\n  - metadata: {name: data}\n    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}\n`,
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  namespace: ${ns}\nspec:\n  selector: {matchLabels: {app: api}}\n  template:\n    metadata: {labels: {app: api}}\n    spec:\n      containers:\n      - name: api\n        image: example/api\n        volumeMounts: [{name: uploads, mountPath: /up}, {name: cfg, mountPath: /etc/api}, {name: shared, mountPath: /s}]\n      - name: sidecar\n        image: example/sidecar\n        volumeMounts: [{name: shared, mountPath: /s}, {name: static, mountPath: /static}]\n      volumes:\n      - {name: uploads, persistentVolumeClaim: {claimName: uploads}}\n      - {name: static, persistentVolumeClaim: {claimName: static}}\n      - {name: cfg, configMap: {name: api}}\n      - {name: shared, emptyDir: {}}\n`,
      `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: uploads\n  namespace: ${ns}\nspec:\n  storageClassName: ${i % 2 ? 'slow' : 'fast'}\n  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: 5Gi}}\n`,
      `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: static\n  namespace: ${ns}\nspec:\n  storageClassName: manual\n  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: 1Gi}}\n`,
      `apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: pv-${ns}\nspec:\n  storageClassName: manual\n  capacity: {storage: ${(i % 7) + 1}Gi}\n  accessModes: [ReadWriteOnce]\n  hostPath: {path: /mnt/${ns}}\n`,
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: api\n  namespace: ${ns}\ndata: {a: b}\n`,
    ];
    resources += docs.length;
    files.set(`file:///gen/${ns}.yaml`, docs.join('---\n'));
  }
  return { files, resources };
}

/** Wall and CPU milliseconds of `runs` calls: the first, and the median. CPU time is steadier on a busy machine. */
function timeIt(fn: () => void, runs: number): { median: number; first: number; cpuMedian: number } {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const t = process.hrtime.bigint();
    fn();
    wall.push(Number(process.hrtime.bigint() - t) / 1e6);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { median: median(wall), first: wall[0], cpuMedian: median(cpu) };
}

describe('tree', () => {
  it('is empty for an empty workspace, and for one without workloads or storage', () => {
    assert.deepStrictEqual(buildTree(new Analyzer(new Workspace())), []);
    const ws = new Workspace();
    ws.setDiskFile(
      'file:///x/cm.yaml',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\nnot: kubernetes\n',
    );
    assert.deepStrictEqual(buildTree(new Analyzer(ws)), []);
  });

  it('follows edits', () => {
    const ws = new Workspace();
    const uri = 'file:///x/pod.yaml';
    const pod = (vol: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    volumeMounts: [{name: v, mountPath: /v}]\n  volumes: [{name: ${vol}, emptyDir: {}}]\n`;
    ws.setOpenFile(uri, pod('w'));
    const a = new Analyzer(ws);
    assert.match(render(buildTree(a)), /\(warning\) v — no such volume/);
    ws.setOpenFile(uri, pod('v'));
    assert.doesNotMatch(render(buildTree(a)), /warning/);
  });

  it('does not enumerate an absurd replica count', () => {
    const ws = new Workspace();
    ws.setDiskFile(
      'file:///x/sts.yaml',
      'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: big\nspec:\n  replicas: 2000000000\n  serviceName: big\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n    spec:\n      containers: [{name: c, volumeMounts: [{name: d, mountPath: /d}]}]\n  volumeClaimTemplates: [{metadata: {name: d}}]\n',
    );
    const t = Date.now();
    const text = render(buildTree(new Analyzer(ws)));
    assert.ok(Date.now() - t < 2000, 'took too long');
    assert.match(text, /… 1999999950 more — pods/);
    assert.match(text, /… 1999999950 more — claims/);
    assert.match(text, /big-49 — big-49\.big\.default\.svc\.cluster\.local/);
  });

  it('stays fast on a large workspace', function () {
    this.timeout(60000);
    const { files, resources } = generated(120);
    const ws = new Workspace();
    const load = timeIt(() => {
      for (const [uri, text] of files) ws.setDiskFile(uri, text);
    }, 1);
    const analyzer = new Analyzer(ws);
    let nodes: TreeNode[] = [];
    const t = timeIt(() => (nodes = buildTree(analyzer)), 7);
    let count = 0;
    const walk = (ns: TreeNode[]) => ns.forEach((n) => (count++, walk(n.children ?? [])));
    walk(nodes);
    assert.deepStrictEqual(invariants(nodes, ws), []);
    // 120 namespaces + the Cluster group.
    assert.strictEqual(nodes.length, 121);
    console.log(
      `      tree: ${resources} resources in ${files.size} files (parse ${load.median.toFixed(0)} ms): ` +
        `buildTree first ${t.first.toFixed(1)} ms, median ${t.median.toFixed(1)} ms wall / ${t.cpuMedian.toFixed(1)} ms CPU, ` +
        `${count} nodes, ${(JSON.stringify(nodes).length / 1024).toFixed(0)} KiB JSON`,
    );
    assert.ok(resources >= 750);
    // Generous: about 60 ms on an idle machine; the bound catches quadratic behaviour, not noise.
    assert.ok(t.cpuMedian < 1500, `buildTree took ${t.cpuMedian} ms CPU`);
  });
});
