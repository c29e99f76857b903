/**
 * `npm run bench`: one run, one generated multi-document file (≥ 750 documents: StatefulSets
 * with claim templates, headless Services, Deployments, PVCs, PVs, StorageClasses,
 * ConfigMaps), compared with the raw `yaml` parse of the same text (the floor):
 *
 *   open → diagnostics   new Workspace, setOpenFile, fileFindings (+ ranges, as the server does)
 *   edit → diagnostics   a one-character edit somewhere in the middle, setOpenFile, fileFindings
 *   hover                hoverAt on names, references and random offsets
 *   workspace indexing   scan + read + index a generated folder of ~200 files, then diagnostics
 *   memory               heapUsed retained by the model vs by the parsed documents
 *   kustomize            50 overlays: edit a patch → diagnostics vs parsing its build (bench/kustomize.ts)
 *
 * Targets (issue 2 §7): edit median ≤ 0.1 × one full parse, open ≤ 1.5 ×, hover median ≤ 2 ms.
 *
 *   npm run bench                    print the table
 *   npm run bench -- --write         also write BENCHMARKS.md
 *   npm run bench -- --groups 300    a bigger file (default 130 groups ≈ 800 documents)
 *   npm run bench -- --check         exit 1 when a target is missed
 *   npm run bench -- --no-wire       skip the measures through LSP stdio (bench/wire.ts)
 *   npm run bench -- --server FILE   drive another server bundle (e.g. an older build)
 *   npm run bench -- --workspace-files N   size of the generated workspace (default 5000)
 *   npm run bench -- --workspace-only      only the generated workspace through the wire (RSS, indexing)
 * Run with `node --expose-gc` for exact memory figures (the npm script does).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { Analyzer } from '../server/src/core/analyzer';
import { toLspRange } from '../server/src/core/convert';
import type { Finding } from '../server/src/core/findings';
import { hoverAt } from '../server/src/core/hover';
import { ideBench } from './ide';
import { Workspace } from '../server/src/core/model/workspace';
import { pathToUri, scanYamlFiles } from '../server/src/host/scan';
import { DEFAULT_SETTINGS } from '../server/src/core/settings';
import { Rng } from '../scripts/fuzz';
import { kustomizeBench } from './kustomize';
import { schemaBench } from './schema';
import { wireBench } from './wire';

const ROOT = path.resolve(__dirname, '..', '..');

// ---------------------------------------------------------------------------------------
// Generated manifests

const NAMESPACES = ['default', 'shop', 'data', 'monitoring'];

function group(i: number): string[] {
  const ns = NAMESPACES[i % NAMESPACES.length];
  const app = `app-${i}`;
  const cls = i % 3 === 0 ? 'fast' : i % 3 === 1 ? 'standard' : 'archive';
  const docs: string[] = [];
  docs.push(`apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ${app}-db
  namespace: ${ns}
  labels:
    app.kubernetes.io/name: ${app}-db
    app.kubernetes.io/part-of: ${app}
spec:
  serviceName: ${app}-db-headless
  replicas: ${1 + (i % 5)}
  podManagementPolicy: ${i % 2 ? 'Parallel' : 'OrderedReady'}
  updateStrategy:
    type: RollingUpdate
    rollingUpdate:
      partition: 0
  selector:
    matchLabels:
      app.kubernetes.io/name: ${app}-db
  template:
    metadata:
      labels:
        app.kubernetes.io/name: ${app}-db
        app.kubernetes.io/part-of: ${app}
    spec:
      terminationGracePeriodSeconds: 30
      containers:
        - name: postgres
          image: postgres:16.3
          ports:
            - name: pg
              containerPort: 5432
          env:
            - name: PGDATA
              value: /var/lib/postgresql/data/pgdata
          envFrom:
            - configMapRef:
                name: ${app}-config
          resources:
            requests:
              cpu: 250m
              memory: 512Mi
            limits:
              memory: 1Gi
          volumeMounts:
            - name: data
              mountPath: /var/lib/postgresql/data
            - name: config
              mountPath: /etc/postgresql/conf.d
              readOnly: true
            - name: run
              mountPath: /var/run/postgresql
      volumes:
        - name: config
          configMap:
            name: ${app}-config
        - name: run
          emptyDir:
            medium: Memory
            sizeLimit: 64Mi
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: ["ReadWriteOnce"]
        storageClassName: ${cls}
        resources:
          requests:
            storage: ${10 + (i % 20)}Gi
`);
  docs.push(`apiVersion: v1
kind: Service
metadata:
  name: ${app}-db-headless
  namespace: ${ns}
  labels:
    app.kubernetes.io/name: ${app}-db
spec:
  clusterIP: None
  publishNotReadyAddresses: true
  selector:
    app.kubernetes.io/name: ${app}-db
  ports:
    - name: pg
      port: 5432
      targetPort: pg
`);
  docs.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app}-web
  namespace: ${ns}
spec:
  replicas: 1
  strategy:
    type: Recreate
  selector:
    matchLabels:
      app.kubernetes.io/name: ${app}-web
  template:
    metadata:
      labels:
        app.kubernetes.io/name: ${app}-web
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports:
            - name: http
              containerPort: 8080
          volumeMounts:
            - name: uploads
              mountPath: /srv/uploads
            - name: cache
              mountPath: /var/cache/nginx
            - name: config
              mountPath: /etc/nginx/conf.d
        - name: sidecar
          image: busybox:1.36
          command: ["sh", "-c", "tail -F /var/cache/nginx/access.log"]
          volumeMounts:
            - name: cache
              mountPath: /var/cache/nginx
              readOnly: true
      volumes:
        - name: uploads
          persistentVolumeClaim:
            claimName: ${app}-uploads
        - name: cache
          emptyDir: {}
        - name: config
          configMap:
            name: ${app}-config
`);
  docs.push(`apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${app}-uploads
  namespace: ${ns}
spec:
  accessModes:
    - ReadWriteOnce
  storageClassName: manual
  volumeName: ${app}-uploads-pv
  resources:
    requests:
      storage: 5Gi
`);
  docs.push(`apiVersion: v1
kind: PersistentVolume
metadata:
  name: ${app}-uploads-pv
spec:
  capacity:
    storage: 5Gi
  accessModes:
    - ReadWriteOnce
  persistentVolumeReclaimPolicy: Retain
  storageClassName: manual
  volumeMode: Filesystem
  claimRef:
    namespace: ${ns}
    name: ${app}-uploads
  hostPath:
    path: /mnt/data/${app}
    type: DirectoryOrCreate
`);
  docs.push(`apiVersion: v1
kind: ConfigMap
metadata:
  name: ${app}-config
  namespace: ${ns}
data:
  POSTGRES_DB: ${app.replace(/-/g, '_')}
  LOG_LEVEL: info
  nginx.conf: |
    server {
      listen 8080;
      location / { root /srv/uploads; }
    }
`);
  return docs;
}

const STORAGE_CLASSES = ['fast', 'standard', 'archive', 'manual'].map(
  (n, i) => `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: ${n}
${i === 1 ? '  annotations:\n    storageclass.kubernetes.io/is-default-class: "true"\n' : ''}provisioner: ${n === 'manual' ? 'kubernetes.io/no-provisioner' : 'ebs.csi.aws.com'}
reclaimPolicy: ${n === 'archive' ? 'Retain' : 'Delete'}
volumeBindingMode: WaitForFirstConsumer
allowVolumeExpansion: true
`,
);

export function generate(groups: number, offset = 0): { text: string; docs: number } {
  const docs: string[] = [...STORAGE_CLASSES];
  for (let i = 0; i < groups; i++) docs.push(...group(i + offset));
  return { text: docs.join('---\n'), docs: docs.length };
}

/** One file of the big generated workspace: a group (6 documents) and its Secret (7 documents). */
export function workspaceFile(i: number): string {
  const ns = NAMESPACES[i % NAMESPACES.length];
  const secret = `apiVersion: v1
kind: Secret
metadata:
  name: app-${i + 100000}-credentials
  namespace: ${ns}
type: Opaque
stringData:
  username: app
`;
  return [...group(i + 100000), secret].join('---\n');
}

// ---------------------------------------------------------------------------------------
// Measuring

function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

function stats(xs: number[]): { median: number; p95: number; min: number; max: number; mean: number } {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
  return {
    median: q(0.5),
    p95: q(0.95),
    min: s[0],
    max: s[s.length - 1],
    mean: xs.reduce((a, b) => a + b, 0) / xs.length,
  };
}

const gc = (global as { gc?: () => void }).gc;
function heap(): number {
  if (gc) {
    gc();
    gc();
  }
  return process.memoryUsage().heapUsed;
}

function diagnostics(ws: Workspace, analyzer: Analyzer, uri: string): Finding[] {
  const file = ws.file(uri)!;
  const f = analyzer.fileFindings(uri);
  for (const x of f) toLspRange(file, x.span);
  return f;
}

function fmtMs(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms >= 1 ? ms.toFixed(2) : ms.toFixed(3);
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

interface Row {
  what: string;
  value: string;
  ratio?: string;
  target?: string;
  ok?: boolean;
}

function machine(): Record<string, string> {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try {
    const info = fs.readFileSync('/proc/cpuinfo', 'utf8');
    const m = /model name\s*:\s*(.+)/.exec(info);
    const mhz = /cpu MHz\s*:\s*([\d.]+)/.exec(info);
    if (m) cpu = m[1].trim() + (mhz ? ` @ ${(Number(mhz[1]) / 1000).toFixed(2)} GHz` : '');
  } catch {
    /* not Linux */
  }
  let yamlVersion = '?';
  try {
    yamlVersion = JSON.parse(fs.readFileSync(require.resolve('yaml/package.json'), 'utf8')).version;
  } catch {
    /* ignore */
  }
  return {
    cpu,
    nproc: String(os.cpus().length),
    memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    yaml: yamlVersion,
  };
}

async function main(argv: string[]): Promise<number> {
  const arg = (name: string): string | undefined => {
    const i = argv.findIndex((a) => a === name || a.startsWith(name + '='));
    if (i === -1) return undefined;
    return argv[i].includes('=') ? argv[i].slice(argv[i].indexOf('=') + 1) : argv[i + 1];
  };
  const groups = Number(arg('--groups') ?? 130);
  const edits = Number(arg('--edits') ?? 100);
  const hovers = Number(arg('--hovers') ?? 400);
  const files = Number(arg('--files') ?? 200);
  const runs = Number(arg('--runs') ?? 9);
  const rng = new Rng(42);
  if (argv.includes('--workspace-only')) {
    const server = path.resolve(arg('--server') ?? path.join(ROOT, 'dist', 'server.js'));
    await wireBench({
      texts: [],
      workspaceFile,
      workspaceFiles: Number(arg('--workspace-files') ?? 5000),
      workspaceOnly: true,
      edits: Number(arg('--wire-edits') ?? 50),
      hovers: 0,
      runs: 1,
      server,
      rng,
      log: (s) => process.stderr.write(s + '\n'),
    });
    return 0;
  }
  const { text, docs } = generate(groups);
  const uri = 'file:///bench/generated.yaml';
  const log = (s: string) => process.stderr.write(s + '\n');
  log(
    `generated ${docs} documents, ${(text.length / 1024).toFixed(0)} KiB, ${text.split('\n').length} lines${gc ? '' : ' (no --expose-gc: memory figures are approximate)'}`,
  );

  // Warm up the JIT on both paths (a language server is long-lived).
  for (let i = 0; i < 3; i++) {
    parseAllDocuments(text);
    const w = new Workspace();
    const a = new Analyzer(w);
    w.setOpenFile(uri, text);
    diagnostics(w, a, uri);
  }

  // 1. The floor: yaml's own multi-document parse of the same text.
  const parseTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = now();
    parseAllDocuments(text);
    parseTimes.push(now() - t);
  }
  const parse = stats(parseTimes).median;

  // 2. open -> diagnostics, from nothing.
  const openTimes: number[] = [];
  const openParts = { set: [] as number[], find: [] as number[] };
  let found: Finding[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = now();
    const w = new Workspace();
    const a = new Analyzer(w);
    w.setOpenFile(uri, text);
    const t1 = now();
    found = diagnostics(w, a, uri);
    const t2 = now();
    openTimes.push(t2 - t0);
    openParts.set.push(t1 - t0);
    openParts.find.push(t2 - t1);
  }
  const open = stats(openTimes).median;

  // 3. edit -> diagnostics: one-character edits at different places (insert, then delete it again).
  const ws = new Workspace();
  const analyzer = new Analyzer(ws);
  ws.setOpenFile(uri, text);
  diagnostics(ws, analyzer, uri);
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const editTimes: number[] = [];
  const reparsed: number[] = [];
  const evaluations: number[] = [];
  let cur = text;
  for (let k = 0; k < edits; k++) {
    // A place in the middle half of the file, at the end of a line's value (typing).
    let line: number;
    let off: number;
    do {
      line = Math.floor(lineStarts.length / 4) + rng.int(Math.floor(lineStarts.length / 2));
      off = (lineStarts[line + 1] ?? text.length) - 1;
    } while (text.startsWith('---', lineStarts[line]) || off <= lineStarts[line]);
    for (const next of [cur.slice(0, off) + 'x' + cur.slice(off), cur]) {
      const ev = analyzer.evaluations;
      const t = now();
      const u = ws.setOpenFile(uri, next);
      diagnostics(ws, analyzer, uri);
      editTimes.push(now() - t);
      reparsed.push(u.parsed);
      evaluations.push(analyzer.evaluations - ev);
    }
    cur = text;
  }
  const edit = stats(editTimes);

  // 4. hover latency: on names and references (where hovers have something to say) and random offsets.
  const interesting: number[] = [];
  const re = /^\s*(?:- )?(?:name|serviceName|claimName|storageClassName|volumeName|kind|replicas|mountPath):\s*(\S)/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) interesting.push(m.index + m[0].length - 1);
  const positions: number[] = [];
  for (let i = 0; i < hovers; i++)
    positions.push(i % 2 ? rng.int(text.length) : interesting[rng.int(interesting.length)]);
  const hoverTimes: number[] = [];
  let answered = 0;
  for (const p of positions) {
    const t = now();
    const h = hoverAt(analyzer, uri, p);
    hoverTimes.push(now() - t);
    if (h) answered++;
  }
  const hover = stats(hoverTimes);

  // 4b. references, rename and workspace symbols (issue 8).
  const ide = ideBench(text, uri, Number(arg('--symbol-files') ?? 5000), group);

  // 5. memory: the model of the file vs the parsed documents alone.
  let keep: unknown;
  const h0 = heap();
  keep = parseAllDocuments(text);
  const parseHeap = heap() - h0;
  keep = undefined;
  const h1 = heap();
  const mw = new Workspace();
  const ma = new Analyzer(mw);
  mw.setOpenFile(uri, text);
  diagnostics(mw, ma, uri);
  keep = [mw, ma];
  const modelHeap = heap() - h1;
  void keep;
  keep = undefined;

  // 6. workspace indexing: a folder of generated files, the way the server scans it.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-stateful-bench-'));
  let indexMs = 0;
  let indexDiagMs = 0;
  let wsDocs = 0;
  let wsBytes = 0;
  let wsHeap = 0;
  try {
    fs.writeFileSync(path.join(dir, 'storage-classes.yaml'), STORAGE_CLASSES.join('---\n'));
    for (let i = 0; i < files - 1; i++) {
      const sub = path.join(dir, `team-${i % 10}`, `app-${i}`);
      fs.mkdirSync(sub, { recursive: true });
      const g = group(i + 1000);
      fs.writeFileSync(path.join(sub, i % 2 ? 'all.yaml' : 'manifests.yml'), g.join('---\n'));
      wsDocs += g.length;
    }
    fs.mkdirSync(path.join(dir, 'node_modules', 'x'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'node_modules', 'x', 'ignored.yaml'), 'a: b\n');
    const hb = heap();
    const t0 = now();
    const iw = new Workspace();
    const ia = new Analyzer(iw);
    const scanned = await scanYamlFiles(dir, { include: DEFAULT_SETTINGS.include, exclude: DEFAULT_SETTINGS.exclude });
    for (const f of scanned) {
      const t = await fs.promises.readFile(f, 'utf8');
      wsBytes += t.length;
      iw.setDiskFile(pathToUri(f), t);
    }
    const t1 = now();
    for (const f of iw.files()) diagnostics(iw, ia, f.uri);
    const t2 = now();
    indexMs = t1 - t0;
    indexDiagMs = t2 - t1;
    wsHeap = heap() - hb;
    if (scanned.length !== files) throw new Error(`scanned ${scanned.length} files, expected ${files}`);
    void ia;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const rows: Row[] = [
    {
      what: `raw yaml parseAllDocuments (${docs} docs, ${(text.length / 1024).toFixed(0)} KiB) — the floor`,
      value: `${fmtMs(parse)} ms`,
      ratio: '1.00×',
    },
    {
      what: `open → diagnostics (new model; ${found.length} findings, ${found.filter((f) => f.severity === 'error').length} errors)`,
      value: `${fmtMs(open)} ms`,
      ratio: `${(open / parse).toFixed(2)}×`,
      target: '≤ 1.5×',
      ok: open <= 1.5 * parse,
    },
    {
      what: '  of which setOpenFile (split + parse + index)',
      value: `${fmtMs(stats(openParts.set).median)} ms`,
      ratio: `${(stats(openParts.set).median / parse).toFixed(2)}×`,
    },
    {
      what: '  of which fileFindings (all rules) + ranges',
      value: `${fmtMs(stats(openParts.find).median)} ms`,
      ratio: `${(stats(openParts.find).median / parse).toFixed(2)}×`,
    },
    {
      what: `edit → diagnostics, median (${editTimes.length} one-character edits)`,
      value: `${fmtMs(edit.median)} ms`,
      ratio: `${(edit.median / parse).toFixed(3)}×`,
      target: '≤ 0.1×',
      ok: edit.median <= 0.1 * parse,
    },
    { what: 'edit → diagnostics, p95', value: `${fmtMs(edit.p95)} ms`, ratio: `${(edit.p95 / parse).toFixed(3)}×` },
    {
      what: '  documents re-parsed per edit (median / max)',
      value: `${stats(reparsed).median} / ${stats(reparsed).max}`,
    },
    {
      what: '  rule evaluations per edit (median / max)',
      value: `${stats(evaluations).median} / ${stats(evaluations).max}`,
    },
    {
      what: `hover, median (${hoverTimes.length} positions, ${answered} answered)`,
      value: `${fmtMs(hover.median)} ms`,
      target: '≤ 2 ms',
      ok: hover.median <= 2,
    },
    { what: 'hover, p95 / max', value: `${fmtMs(hover.p95)} / ${fmtMs(hover.max)} ms` },
    ...ide.map((r) => ({ what: r.what, value: `${fmtMs(r.ms)} ms`, target: `≤ ${r.limit} ms`, ok: r.ms <= r.limit })),
    {
      what: `workspace indexing: ${files} files, ${wsDocs + STORAGE_CLASSES.length} docs, ${(wsBytes / 1024).toFixed(0)} KiB (scan + read + parse + index)`,
      value: `${fmtMs(indexMs)} ms`,
    },
    { what: '  then diagnostics for every file', value: `${fmtMs(indexDiagMs)} ms` },
    { what: `memory: parsed documents alone (parseAllDocuments result)`, value: `${mb(parseHeap)} MB` },
    {
      what: `memory: model + analysis of the file (Workspace + Analyzer + findings)`,
      value: `${mb(modelHeap)} MB`,
      ratio: `${(modelHeap / parseHeap).toFixed(2)}×`,
    },
    { what: `memory: the ${files}-file workspace, analysed`, value: `${mb(wsHeap)} MB` },
  ];

  rows.push(...schemaBench(text, uri, parse, runs, edits));
  rows.push(...kustomizeBench(runs));
  if (!argv.includes('--no-wire')) {
    const server = path.resolve(arg('--server') ?? path.join(ROOT, 'dist', 'server.js'));
    if (!fs.existsSync(server)) throw new Error(`${server} is missing: run \`npm run build\` first`);
    log('through the wire (dist/server.js --stdio) ...');
    const wire = await wireBench({
      texts: [0, 1, 2, 3, 4].map((k) => (k === 0 ? text : generate(groups, 10000 * k).text)),
      workspaceFile,
      workspaceFiles: Number(arg('--workspace-files') ?? 5000),
      edits: Number(arg('--wire-edits') ?? 50),
      hovers,
      runs,
      server,
      rng,
      log,
    });
    rows.push(...wire);
  }

  const w1 = Math.max(...rows.map((r) => r.what.length));
  const w2 = Math.max(...rows.map((r) => r.value.length));
  const w3 = Math.max(...rows.map((r) => (r.ratio ?? '').length), 7);
  const lines = [
    `${'measure'.padEnd(w1)}  ${'value'.padStart(w2)}  ${'vs parse'.padStart(w3)}  target`,
    ...rows.map(
      (r) =>
        `${r.what.padEnd(w1)}  ${r.value.padStart(w2)}  ${(r.ratio ?? '').padStart(w3)}  ${r.target ? `${r.target} ${r.ok ? 'PASS' : 'MISS'}` : ''}`,
    ),
  ];
  const m = machine();
  console.log(lines.join('\n'));
  console.log(
    `\nmachine: ${m.cpu}, ${m.nproc} CPUs, ${m.memory}, ${m.os}, node ${m.node}, yaml ${m.yaml}${gc ? '' : ' (run with --expose-gc for exact memory)'}`,
  );

  if (argv.includes('--write')) {
    const md = [
      '| measure | value | vs parse | target |',
      '|---|---:|---:|---|',
      ...rows.map(
        (r) =>
          `| ${r.what.replace(/\|/g, '\\|')} | ${r.value} | ${r.ratio ?? ''} | ${r.target ? `${r.target} ${r.ok ? '**pass**' : '**MISS**'}` : ''} |`,
      ),
    ].join('\n');
    const file = path.join(ROOT, 'BENCHMARKS.md');
    const prev = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    const block = `<!-- bench:start -->\n${md}\n\nMachine: ${m.cpu}; ${m.nproc} CPUs (\`nproc\`); ${m.memory} RAM; ${m.os}; Node ${m.node}; yaml ${m.yaml}. Generated ${new Date().toISOString().slice(0, 10)} by \`npm run bench -- --write\` (${groups} groups, ${edits} edits, ${hovers} hovers, ${runs} runs per median).\n<!-- bench:end -->`;
    const out = /<!-- bench:start -->[\s\S]*<!-- bench:end -->/.test(prev)
      ? prev.replace(/<!-- bench:start -->[\s\S]*<!-- bench:end -->/, block)
      : `${prev}\n${block}\n`;
    fs.writeFileSync(file, out);
    log(`wrote ${file}`);
  }
  const missed = rows.filter((r) => r.ok === false);
  if (missed.length) log(`targets missed: ${missed.map((r) => r.what).join('; ')}`);
  return argv.includes('--check') && missed.length ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (c) => (process.exitCode = c),
    (e) => {
      console.error(e);
      process.exitCode = 2;
    },
  );
}
