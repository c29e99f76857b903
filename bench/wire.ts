/**
 * Benchmarks through the wire: a separate client process (this one) drives the bundled
 * language server (`dist/server.js --stdio`) the way an editor does, and every time is
 * compared with the raw `yaml` parse (`parseAllDocuments`) of the same text in the same run.
 *
 *   open, first      didOpen of the bench file right after the server started → its diagnostics
 *   open, later      didOpen of another file of the same size with 1, 2, 4 files already open
 *   edit             a one-character didChange (a mistake typed, then removed) → diagnostics
 *   hover            textDocument/hover round trips on names, references and random positions
 *   workspace        a generated folder (default 5,000 files, 35,000 documents): initialized →
 *                    the server's "indexed" log, → every file's diagnostics published; the
 *                    server's RSS then; edit → diagnostics in one of its files
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { LspClient } from '../test/support/lsp-client';
import { pathToUri } from '../server/src/host/scan';
import { LineIndex } from '../server/src/core/positions';
import { NOTIFY_MODEL_CHANGED } from '../server/src/protocol';

export interface WireRow {
  what: string;
  value: string;
  ratio?: string;
  target?: string;
  ok?: boolean;
}

export interface WireOptions {
  /** Generated bench-file texts (same size, different names): [0] is the bench file. */
  texts: string[];
  /** One generated workspace file (7 documents) for index i. */
  workspaceFile: (i: number) => string;
  workspaceFiles: number;
  /** Only the generated workspace (skip the bench-file opens, edits and hovers). */
  workspaceOnly?: boolean;
  edits: number;
  hovers: number;
  runs: number;
  server: string;
  rng: { int(n: number): number };
  log: (s: string) => void;
}

function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil(0.5 * s.length) - 1)];
}
function p95(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil(0.95 * s.length) - 1)];
}

function fmt(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms >= 1 ? ms.toFixed(2) : ms.toFixed(3);
}

function rssMiB(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    const m = /VmRSS:\s*(\d+)\s*kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

const CAPS = {
  workspace: { configuration: true, workspaceFolders: true },
  textDocument: {
    synchronization: { dynamicRegistration: false, didSave: false },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    publishDiagnostics: {
      relatedInformation: true,
      codeDescriptionSupport: true,
      dataSupport: true,
      versionSupport: true,
    },
  },
};

async function start(server: string, root: string): Promise<LspClient> {
  const client = new LspClient(process.execPath, [server, '--stdio'], root);
  client.configuration = { kubeStateful: {} };
  await client.request('initialize', {
    processId: process.pid,
    rootUri: pathToUri(root),
    workspaceFolders: [{ uri: pathToUri(root), name: 'bench' }],
    capabilities: CAPS,
  });
  return client;
}

/** Time from sending `send()` to the diagnostics of `uri` for `version` (or any, when the server sends none). */
async function timed(
  client: LspClient,
  uri: string,
  version: number,
  send: () => void,
  timeoutMs = 120000,
): Promise<number> {
  const wait = client.waitForNotification<{ uri: string; version?: number }>(
    'textDocument/publishDiagnostics',
    (p) => p.uri === uri && (p.version === undefined || p.version === version),
    timeoutMs,
  );
  const t = now();
  send();
  await wait;
  return now() - t;
}

function parseTime(texts: string[], runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = now();
    for (const x of texts) parseAllDocuments(x);
    times.push(now() - t);
  }
  return median(times);
}

/** Offsets of StatefulSets' `replicas: N` values: typing a letter after one is a mistake (and removing it clears it). */
function replicaValueEnds(text: string): number[] {
  const out: number[] = [];
  const re = /^ {2}serviceName: .*\n {2}replicas: \d+$/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m.index + m[0].length);
  return out;
}

/** Edits (insert a letter after a replicas value, then delete it) → diagnostics, through the wire. */
async function editTimes(
  client: LspClient,
  uri: string,
  text: string,
  count: number,
  rng: { int(n: number): number },
  version: { v: number },
): Promise<number[]> {
  const lines = new LineIndex(text);
  const ends = replicaValueEnds(text);
  const times: number[] = [];
  for (let k = 0; k < count; k++) {
    const off = ends[Math.floor(ends.length / 4) + rng.int(Math.max(1, Math.floor(ends.length / 2)))];
    const pos = lines.positionAt(off);
    const ins = { range: { start: pos, end: pos }, text: 'x' };
    const del = { range: { start: pos, end: { line: pos.line, character: pos.character + 1 } }, text: '' };
    for (const change of [ins, del]) {
      const v = ++version.v;
      times.push(
        await timed(client, uri, v, () =>
          client.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [change] }),
        ),
      );
    }
  }
  return times;
}

function open(client: LspClient, uri: string, text: string, version = 1, timeoutMs = 120000): Promise<number> {
  return timed(
    client,
    uri,
    version,
    () => client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } }),
    timeoutMs,
  );
}

export async function wireBench(o: WireOptions): Promise<WireRow[]> {
  const rows: WireRow[] = [];
  const push = rows.push.bind(rows);
  rows.push = (...r: WireRow[]) => {
    for (const x of r) o.log(`    ${x.what}: ${x.value}${x.ratio ? ` (${x.ratio})` : ''}`);
    return push(...r);
  };
  const ratio = (ms: number, base: number) => `${(ms / base).toFixed(ms / base < 0.1 ? 3 : 2)}×`;
  const text = o.texts[0];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kube-stateful-wire-'));
  let client: LspClient | undefined;
  try {
    if (!o.workspaceOnly) {
      // Warm the parse (this process), then the floor.
      for (let i = 0; i < 3; i++) parseAllDocuments(text);
      const parse = parseTime([text], o.runs);
      rows.push({
        what: `raw yaml parseAllDocuments of the bench file — the floor (this run)`,
        value: `${fmt(parse)} ms`,
        ratio: '1.00×',
      });
      // The bundled server's parser skips yaml's per-token process.env reads (scripts/build.mjs):
      // the same parse with a plain-object environment shows how much of the margin that is.
      const env = process.env;
      let quiet: number;
      try {
        process.env = { ...env };
        quiet = parseTime([text], o.runs);
      } finally {
        process.env = env;
      }
      rows.push({
        what: `  the same parse without yaml's per-token environment reads (as in the bundle)`,
        value: `${fmt(quiet)} ms`,
        ratio: ratio(quiet, parse),
      });

      // First open sent together with `initialized`, as VS Code does when a YAML file activates
      // the extension: no idle time after start, so the warm-up (core/warmup.ts) cannot help.
      {
        const cold = await start(o.server, dir);
        cold.notify('initialized', {});
        const t = await open(cold, pathToUri(path.join(dir, 'cold.yaml')), text);
        rows.push({
          what: 'LSP: first open sent with initialized (no idle time after start)',
          value: `${fmt(t)} ms`,
          ratio: ratio(t, parse),
        });
        await cold.shutdown();
      }

      // First open after the server started and indexed the (empty) workspace.
      client = await start(o.server, dir);
      client.notify('initialized', {});
      await client.waitForNotification(NOTIFY_MODEL_CHANGED, () => true, 60000).catch(() => undefined);
      const uris = o.texts.map((_, i) => pathToUri(path.join(dir, `open-${i}.yaml`)));
      o.log('  open ...');
      const first = await open(client, uris[0], text);
      rows.push({
        what: 'LSP: first open after start → diagnostics',
        value: `${fmt(first)} ms`,
        ratio: ratio(first, parse),
        target: '≤ 2.5×',
        ok: first <= 2.5 * parse,
      });
      rows.push({
        what: '  the same, against the parse without environment reads',
        value: `${fmt(first)} ms`,
        ratio: ratio(first, quiet),
      });

      // Later opens, with more and more files open.
      const later: number[] = [];
      for (let i = 1; i < o.texts.length; i++) {
        const t = await open(client, uris[i], o.texts[i]);
        later.push(t);
        rows.push({
          what: `LSP: later open with ${i} file${i > 1 ? 's' : ''} open → diagnostics`,
          value: `${fmt(t)} ms`,
          ratio: ratio(t, parse),
        });
      }
      const worst = Math.max(...later);
      rows.push({
        what: 'LSP: later open, worst of the above',
        value: `${fmt(worst)} ms`,
        ratio: ratio(worst, parse),
        target: '≤ 1.5×',
        ok: worst <= 1.5 * parse,
      });
      rows.push({
        what: '  the same, against the parse without environment reads',
        value: `${fmt(worst)} ms`,
        ratio: ratio(worst, quiet),
      });

      // Edits in the bench file (with all those files open).
      o.log('  edits ...');
      const version = { v: 1 };
      const edits = await editTimes(client, uris[0], text, o.edits, o.rng, version);
      rows.push({
        what: `LSP: edit → diagnostics, median (${edits.length} edits)`,
        value: `${fmt(median(edits))} ms`,
        ratio: ratio(median(edits), parse),
        target: '≤ 0.1×',
        ok: median(edits) <= 0.1 * parse,
      });
      rows.push({
        what: 'LSP: edit → diagnostics, p95',
        value: `${fmt(p95(edits))} ms`,
        ratio: ratio(p95(edits), parse),
      });

      // Hover round trips.
      o.log('  hovers ...');
      const lines = new LineIndex(text);
      const interesting: number[] = [];
      const re =
        /^\s*(?:- )?(?:name|serviceName|claimName|storageClassName|volumeName|kind|replicas|mountPath):\s*(\S)/gm;
      for (let m = re.exec(text); m; m = re.exec(text)) interesting.push(m.index + m[0].length - 1);
      const hovers: number[] = [];
      let answered = 0;
      for (let i = 0; i < o.hovers; i++) {
        const off = i % 2 ? o.rng.int(text.length) : interesting[o.rng.int(interesting.length)];
        const t = now();
        const h = await client.request('textDocument/hover', {
          textDocument: { uri: uris[0] },
          position: lines.positionAt(off),
        });
        hovers.push(now() - t);
        if (h) answered++;
      }
      rows.push({
        what: `LSP: hover round trip, median (${hovers.length} positions, ${answered} answered)`,
        value: `${fmt(median(hovers))} ms`,
        target: '≤ 2 ms',
        ok: median(hovers) <= 2,
      });
      rows.push({ what: 'LSP: hover round trip, p95', value: `${fmt(p95(hovers))} ms` });
      rows.push({
        what: `LSP: server RSS with ${o.texts.length} bench-size files open`,
        value: `${rssMiB(client.pid).toFixed(0)} MiB`,
      });
      await client.shutdown().catch(() => client?.kill());
      client = undefined;
    }

    // A big generated workspace.
    if (o.workspaceFiles > 0) {
      const wsDir = path.join(dir, 'workspace');
      const files: string[] = [];
      let docs = 0;
      let bytes = 0;
      for (let i = 0; i < o.workspaceFiles; i++) {
        const sub = path.join(wsDir, `team-${i % 25}`, `app-${i % 500}`);
        fs.mkdirSync(sub, { recursive: true });
        const f = path.join(sub, `svc-${i}.yaml`);
        const t = o.workspaceFile(i);
        fs.writeFileSync(f, t);
        files.push(f);
        bytes += Buffer.byteLength(t);
      }
      // The floor: read + parse every file (warm), in this process.
      let rawParse = Infinity;
      for (let run = 0; run < 2; run++) {
        docs = 0;
        const t = now();
        for (const f of files) docs += parseAllDocuments(fs.readFileSync(f, 'utf8')).length;
        rawParse = Math.min(rawParse, now() - t);
      }
      const label = `${o.workspaceFiles} files, ${docs} docs, ${(bytes / 1024 / 1024).toFixed(1)} MB`;
      rows.push({
        what: `raw read + parseAllDocuments of the workspace (${label}) — the floor`,
        value: `${fmt(rawParse)} ms`,
        ratio: '1.00×',
      });

      o.log(`  workspace of ${label} ...`);
      client = await start(o.server, wsDir);
      const indexed = client.waitForNotification<{ message: string }>(
        'window/logMessage',
        (p) => /indexed \d+ YAML files/.test(p.message),
        600000,
      );
      const analysed = client.waitForNotification(NOTIFY_MODEL_CHANGED, () => true, 600000);
      const t0 = now();
      let peak = 0;
      const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(client?.pid))), 100);
      client.notify('initialized', {});
      await indexed;
      const tIndexed = now() - t0;
      // While indexing/analysing, requests must be answered: time one round trip now.
      const tr = now();
      await client.request('kubeStateful/identities', { uri: pathToUri(files[0]) }, 600000);
      const during = now() - tr;
      await analysed;
      const tAnalysed = now() - t0;
      clearInterval(sampler);
      rows.push({
        what: 'LSP workspace: initialized → indexed (server log)',
        value: `${fmt(tIndexed)} ms`,
        ratio: ratio(tIndexed, rawParse),
        target: '≤ 1.2×',
        ok: tIndexed <= 1.2 * rawParse,
      });
      rows.push({
        what: 'LSP workspace: initialized → every file analysed and published',
        value: `${fmt(tAnalysed)} ms`,
        ratio: ratio(tAnalysed, rawParse),
      });
      rows.push({
        what: 'LSP workspace: a request sent right after indexing, answered in',
        value: `${fmt(during)} ms`,
      });
      if (global.gc) global.gc();
      await new Promise((r) => setTimeout(r, 500));
      const rss = rssMiB(client.pid);
      for (const n of client.notifications) {
        const m = (n.params as { message?: string } | undefined)?.message;
        if (n.method === 'window/logMessage' && m && /memory (after|a moment later)/.test(m))
          o.log(`    (server log) ${m}`);
      }
      rows.push({
        what: 'LSP workspace: server RSS after analysis (peak while indexing)',
        value: `${rss.toFixed(0)} MiB (${peak.toFixed(0)})`,
        target: '≤ 250 MiB',
        ok: rss <= 250,
      });
      // Open one of its files (a typical 7-document file) and edit it.
      const target = files[Math.floor(files.length / 2)];
      const turi = pathToUri(target);
      const ttext = fs.readFileSync(target, 'utf8');
      const to = await open(client, turi, ttext, 1, 20000).catch(() => NaN);
      rows.push({
        what: 'LSP workspace: open one of its files → diagnostics',
        value: Number.isNaN(to) ? 'none sent' : `${fmt(to)} ms`,
      });
      const ev = { v: 1 };
      const we = await editTimes(client, turi, ttext, Math.max(10, Math.floor(o.edits / 4)), o.rng, ev);
      rows.push({
        what: `LSP workspace: edit → diagnostics in that file, median (${we.length} edits)`,
        value: `${fmt(median(we))} ms`,
        target: '≤ 30 ms',
        ok: median(we) <= 30,
      });
      rows.push({ what: 'LSP workspace: edit → diagnostics, p95', value: `${fmt(p95(we))} ms` });
      rows.push({ what: 'LSP workspace: server RSS at the end', value: `${rssMiB(client.pid).toFixed(0)} MiB` });
      await client.shutdown(30000).catch(() => client?.kill());
      client = undefined;
    }
  } finally {
    client?.kill();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
