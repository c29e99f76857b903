/**
 * The schema part of `npm run bench` (issue 11): the same generated file opened and edited with
 * `kubeStateful.schema.enable` on and off, in alternating runs, and the memory the schema costs.
 *
 * - open: new model + all diagnostics; the schema's added cost is the difference of the medians
 *   (target ≤ 0.3× the raw parse);
 * - edit → diagnostics with the schema on (target ≤ 0.1× the parse), and the same with it off;
 * - memory: the bundled schema fully decoded (every type), measured in a fresh process, plus what
 *   the schema adds to the model of the file (target ≤ 30 MB in all).
 */
import { spawnSync } from 'child_process';
import * as path from 'path';
import { Analyzer } from '../server/src/core/analyzer';
import { toLspRange } from '../server/src/core/convert';
import { Workspace } from '../server/src/core/model/workspace';
import { DEFAULT_SETTINGS, Settings } from '../server/src/core/settings';
import type { BenchRow } from './kustomize';

const now = () => Number(process.hrtime.bigint()) / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
const gc = (global as { gc?: () => void }).gc;
const heap = () => {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
};

function settings(on: boolean): Settings {
  return { ...DEFAULT_SETTINGS, schemaEnable: on };
}

function analyse(ws: Workspace, a: Analyzer, uri: string): number {
  const file = ws.file(uri)!;
  const f = a.fileFindings(uri);
  for (const x of f) toLspRange(file, x.span);
  return f.length;
}

function open(text: string, uri: string, on: boolean): { ms: number; findings: number } {
  const t = now();
  const ws = new Workspace();
  ws.setSettings(settings(on));
  const a = new Analyzer(ws);
  ws.setOpenFile(uri, text);
  const findings = analyse(ws, a, uri);
  return { ms: now() - t, findings };
}

function edits(text: string, uri: string, on: boolean, count: number): number[] {
  const ws = new Workspace();
  ws.setSettings(settings(on));
  const a = new Analyzer(ws);
  ws.setOpenFile(uri, text);
  analyse(ws, a, uri);
  const lines = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines.push(i + 1);
  const out: number[] = [];
  for (let k = 0; k < count; k++) {
    // Deterministic places in the middle half of the file, at the end of a line (typing).
    const line = Math.floor(lines.length / 4) + ((k * 7919) % Math.floor(lines.length / 2));
    const off = (lines[line + 1] ?? text.length) - 1;
    if (text.startsWith('---', lines[line]) || off <= lines[line]) continue;
    for (const next of [text.slice(0, off) + 'x' + text.slice(off), text]) {
      const t = now();
      ws.setOpenFile(uri, next);
      analyse(ws, a, uri);
      out.push(now() - t);
    }
  }
  return out;
}

/** Heap of the bundled schema with every type decoded, in a fresh process (bytes), or undefined. */
function schemaHeap(): number | undefined {
  const mod = path.join(__dirname, '..', 'server', 'src', 'core', 'schema', 'schema.js');
  const script = `
    const h = () => { gc(); gc(); return process.memoryUsage().heapUsed; };
    const h0 = h();
    const s = require(${JSON.stringify(mod)});
    s.schemaVersion();
    const seen = new Set();
    const visit = (type) => {
      for (let t = type, i = 0; t && i < 4; i++) {
        const inner = s.listItem(t) || s.mapValue(t);
        if (!inner) break;
        t = inner; type = t;
      }
      if (seen.has(type)) return;
      seen.add(type);
      const spec = s.typeSpec(type);
      if (spec) for (const f of spec.fields.values()) visit(f.type);
    };
    for (const k of s.allKinds()) { const t = s.kindType(k.apiVersion, k.kind); if (t) visit(t.name); }
    const h1 = h();
    process.stdout.write(JSON.stringify({ bytes: h1 - h0, types: seen.size }));`;
  const r = spawnSync(process.execPath, ['--expose-gc', '-e', script], { encoding: 'utf8', timeout: 60000 });
  if (r.status !== 0) return undefined;
  try {
    return (JSON.parse(r.stdout) as { bytes: number }).bytes;
  } catch {
    return undefined;
  }
}

export function schemaBench(text: string, uri: string, parse: number, runs = 9, editCount = 100): BenchRow[] {
  const on: number[] = [];
  const off: number[] = [];
  let findings = { on: 0, off: 0 };
  for (let i = 0; i < runs; i++) {
    // Alternate so that load on the machine falls on both sides alike.
    const a = open(text, uri, i % 2 === 0);
    const b = open(text, uri, i % 2 !== 0);
    const [x, y] = i % 2 === 0 ? [a, b] : [b, a];
    on.push(x.ms);
    off.push(y.ms);
    findings = { on: x.findings, off: y.findings };
  }
  const added = Math.max(0, median(on) - median(off));
  const editOn = median(edits(text, uri, true, editCount));
  const editOff = median(edits(text, uri, false, editCount));

  // What the schema adds to the model of the file (memoized validation per document).
  let keep: unknown;
  const m0 = heap();
  {
    const ws = new Workspace();
    ws.setSettings(settings(false));
    const a = new Analyzer(ws);
    ws.setOpenFile(uri, text);
    analyse(ws, a, uri);
    keep = [ws, a];
  }
  const offHeap = heap() - m0;
  keep = undefined;
  const m1 = heap();
  {
    const ws = new Workspace();
    ws.setSettings(settings(true));
    const a = new Analyzer(ws);
    ws.setOpenFile(uri, text);
    analyse(ws, a, uri);
    keep = [ws, a];
  }
  const onHeap = heap() - m1;
  void keep;
  keep = undefined;
  const modelAdded = Math.max(0, onHeap - offHeap);
  const tables = schemaHeap();
  const total = (tables ?? 0) + modelAdded;
  const mb = (b: number) => (b / 1024 / 1024).toFixed(1);

  return [
    {
      what: `schema: open → diagnostics, schema on / off (${findings.on} / ${findings.off} findings)`,
      value: `${fmt(median(on))} / ${fmt(median(off))} ms`,
    },
    {
      what: '  schema check added to open (on − off)',
      value: `${fmt(added)} ms`,
      ratio: `${(added / parse).toFixed(3)}×`,
      target: '≤ 0.3×',
      ok: added <= 0.3 * parse,
    },
    {
      what: 'schema: edit → diagnostics, median, schema on',
      value: `${fmt(editOn)} ms`,
      ratio: `${(editOn / parse).toFixed(3)}×`,
      target: '≤ 0.1×',
      ok: editOn <= 0.1 * parse,
    },
    { what: '  the same, schema off', value: `${fmt(editOff)} ms`, ratio: `${(editOff / parse).toFixed(3)}×` },
    {
      what: `schema: memory (bundled tables fully decoded${tables === undefined ? ': not measured' : ` ${mb(tables)} MB`} + per-file caches ${mb(modelAdded)} MB)`,
      value: `${mb(total)} MB`,
      target: '≤ 30 MB',
      ok: tables !== undefined && total <= 30 * 1024 * 1024,
    },
  ];
}
