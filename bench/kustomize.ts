/**
 * The kustomize part of `npm run bench`: a base (StatefulSets, Services, Deployments, PVCs) and
 * 50 overlays, each with namespace, namePrefix and a strategic-merge patch. The edit is a change
 * of `replicas` in one overlay's patch, then the diagnostics of that patch and of every
 * kustomization (the patch-target rule reads every build). Compared with parsing the files of the
 * edited file's build (base files + the overlay's kustomization and patch). Also: an edit of a
 * base file, which every build reads (informational: all 50 builds are rebuilt and re-checked).
 * Measured after the server's warm-up (core/warmup.ts), as the server runs after start.
 */
import { parseAllDocuments } from 'yaml';
import { Analyzer } from '../server/src/core/analyzer';
import { Workspace } from '../server/src/core/model/workspace';
import { DEFAULT_SETTINGS } from '../server/src/core/settings';
import { WarmUp } from '../server/src/core/warmup';

export interface BenchRow {
  what: string;
  value: string;
  ratio?: string;
  target?: string;
  ok?: boolean;
}

const sts = (i: number) => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db${i}
spec:
  serviceName: db${i}-hl
  replicas: 1
  selector:
    matchLabels: {app: db${i}}
  template:
    metadata:
      labels: {app: db${i}}
    spec:
      containers:
        - name: db
          image: postgres:16
          ports: [{containerPort: 5432, name: pg}]
          volumeMounts: [{name: data, mountPath: /data}]
  volumeClaimTemplates:
    - metadata: {name: data}
      spec:
        accessModes: [ReadWriteOnce]
        resources: {requests: {storage: 10Gi}}
---
apiVersion: v1
kind: Service
metadata:
  name: db${i}-hl
spec:
  clusterIP: None
  selector: {app: db${i}}
  ports: [{port: 5432, targetPort: pg}]
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web${i}
spec:
  replicas: 2
  selector:
    matchLabels: {app: web${i}}
  template:
    metadata:
      labels: {app: web${i}}
    spec:
      containers:
        - name: web
          image: nginx
          volumeMounts: [{name: d, mountPath: /d}]
      volumes:
        - name: d
          persistentVolumeClaim: {claimName: web${i}-data}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: web${i}-data
spec:
  accessModes: [ReadWriteMany]
  resources: {requests: {storage: 1Gi}}
`;

export function kustomizeWorkspace(overlays: number, baseFiles = 10): Map<string, string> {
  const files = new Map<string, string>();
  const res: string[] = [];
  for (let i = 0; i < baseFiles; i++) {
    files.set(`file:///kz/base/app${i}.yaml`, sts(i));
    res.push(`  - app${i}.yaml`);
  }
  files.set(
    'file:///kz/base/kustomization.yaml',
    `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n${res.join('\n')}\ncommonLabels:\n  app.kubernetes.io/part-of: bench\n`,
  );
  for (let o = 0; o < overlays; o++) {
    files.set(
      `file:///kz/overlays/o${o}/kustomization.yaml`,
      `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: ns${o}\nnamePrefix: o${o}-\nresources:\n  - ../../base\npatches:\n  - path: replicas.yaml\n`,
    );
    files.set(
      `file:///kz/overlays/o${o}/replicas.yaml`,
      `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db${o % baseFiles}\nspec:\n  replicas: ${(o % 5) + 1}\n`,
    );
  }
  return files;
}

const now = () => Number(process.hrtime.bigint()) / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export function kustomizeBench(runs = 9, edits = 40, overlays = 50): BenchRow[] {
  // As in the server after start: its warm-up (which edits an overlay's patch) has run.
  const warm = new WarmUp(DEFAULT_SETTINGS);
  while (warm.step());
  const files = kustomizeWorkspace(overlays);
  const ws = new Workspace();
  const an = new Analyzer(ws);
  for (const [u, t] of files) ws.setDiskFile(u, t);
  const kustomizations = [...files.keys()].filter((u) => u.endsWith('/kustomization.yaml'));
  const diagnose = (uri: string) => {
    an.fileFindings(uri);
    for (const k of kustomizations) an.fileFindings(k);
  };
  const target = 'file:///kz/overlays/o17/replicas.yaml';
  diagnose(target);
  // The floor: parsing every file the edited patch's build reads.
  const buildFiles = [...files.keys()].filter(
    (u) => u.startsWith('file:///kz/base/') || u.startsWith('file:///kz/overlays/o17/'),
  );
  const parseTimes: number[] = [];
  const parseBuild = () => {
    const t = now();
    for (const u of buildFiles) parseAllDocuments(files.get(u)!);
    parseTimes.push(now() - t);
  };
  for (let r = 0; r < runs; r++) parseBuild();

  const editTimes: number[] = [];
  const builds: number[] = [];
  const checked: number[] = [];
  const readded: number[] = [];
  const accumulated: number[] = [];
  const base = files.get(target)!;
  for (let e = 0; e < edits; e++) {
    const b0 = ws.kustomize.buildsComputed;
    const c0 = an.buildChecks?.buildsChecked ?? 0;
    const f0 = an.buildChecks?.filesSynced.changed ?? 0;
    const a0 = ws.kustomize.accumulationStats.computed;
    const t = now();
    ws.setOpenFile(target, base.replace(/replicas: \d+/, `replicas: ${e + 2}`));
    diagnose(target);
    editTimes.push(now() - t);
    builds.push(ws.kustomize.buildsComputed - b0);
    checked.push((an.buildChecks?.buildsChecked ?? 0) - c0);
    readded.push((an.buildChecks?.filesSynced.changed ?? 0) - f0);
    accumulated.push(ws.kustomize.accumulationStats.computed - a0);
    // The floor is measured between the edits too: both under the same load (a shared machine).
    parseBuild();
  }
  const parse = median(parseTimes);
  const edit = median(editTimes);
  // A base file is read by every build: each is rebuilt and checked again (fewer edits: slower).
  const baseUri = 'file:///kz/base/app3.yaml';
  const baseText = files.get(baseUri)!;
  const baseTimes: number[] = [];
  for (let e = 0; e < Math.max(3, Math.floor(edits / 8)); e++) {
    const t = now();
    ws.setOpenFile(baseUri, baseText.replace('image: nginx', `image: nginx:1.${e}`));
    diagnose(baseUri);
    baseTimes.push(now() - t);
  }
  const baseEdit = median(baseTimes);
  return [
    {
      what: `kustomize: ${overlays} overlays over a 10-file base; parse of the edited patch's build (${buildFiles.length} files)`,
      value: `${parse.toFixed(2)} ms`,
    },
    {
      what: "kustomize: edit a patch → its diagnostics + every kustomization's, median",
      value: `${edit.toFixed(2)} ms`,
      ratio: `${(edit / parse).toFixed(3)}×`,
      target: '≤ 0.1×',
      ok: edit <= 0.1 * parse,
    },
    { what: '  builds recomputed per edit (median / max)', value: `${median(builds)} / ${Math.max(...builds)}` },
    { what: '  builds re-checked per edit (median / max)', value: `${median(checked)} / ${Math.max(...checked)}` },
    {
      what: '  built objects re-added to the build checks per edit (median / max)',
      value: `${median(readded)} / ${Math.max(...readded)}`,
    },
    {
      what: '  the base accumulated again per edit (median / max; else shared by the 50 builds)',
      value: `${median(accumulated)} / ${Math.max(...accumulated)}`,
    },
    {
      what: `kustomize: edit a base file (read by all ${overlays} builds) → diagnostics, median`,
      value: `${baseEdit.toFixed(2)} ms`,
      ratio: `${(baseEdit / parse).toFixed(3)}×`,
    },
  ];
}

if (require.main === module)
  for (const r of kustomizeBench())
    console.log(`${r.what}: ${r.value} ${r.ratio ?? ''} ${r.target ? `${r.target} ${r.ok ? 'PASS' : 'MISS'}` : ''}`);
