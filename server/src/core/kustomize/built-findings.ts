/**
 * Cross-resource checks on what each kustomize build produces.
 *
 * The cross-resource rules (a StatefulSet's governing Service, claims, StorageClasses, selectors,
 * …) run on the source files, where an overlay's patches, namespace and name prefixes are not
 * applied. Here each complete top-level build is checked as kustomize would print it: its objects
 * go into a small workspace of their own (`built`), and the same objects untransformed (their
 * source documents) into another (`raw`), both with the cluster-scoped StorageClasses and
 * PersistentVolumes of the workspace that the build does not contain. A finding of the built
 * objects that the raw ones do not have is a problem the kustomization introduced: it is reported
 * on the source node that gave the built value (the last patch that sets that field, else the
 * base document), with the build named in the message, once for every build that has it.
 *
 * Both small workspaces are kept per build and updated file by file, so an edit re-parses only the
 * objects it changed and the rules' cached results are reused for the rest.
 */
import type { Finding, Span } from '../findings';
import { spanOf } from '../findings';
import type { Resource } from '../model/resource';
import { Workspace } from '../model/workspace';
import type { ParsedDoc } from '../yaml/parse';
import { nodeRange, pairOf, pathAt, YNode } from '../yaml/nodes';
import type { Build, BuiltObject } from './build';
import { kindOf } from './build';
import { dirOf } from './uri';

/** Runs rules over a workspace (an Analyzer restricted to the cross-resource rules). */
export interface FindingsRunner {
  fileFindings(uri: string): Finding[];
}

/** Cluster-scoped objects a build may refer to without containing them. */
const OUTSIDE_KINDS = ['StorageClass', 'PersistentVolume'];
const VROOT = 'kustomize-build:///objects/';
const OUTSIDE = 'kustomize-build:///cluster/';

interface Located {
  code: string;
  severity: Finding['severity'];
  message: string;
  span: Span;
}

type Path = (string | number)[];

/** Words YAML 1.1 or 1.2 would read as something other than a string. */
const RESERVED = /^(?:y|yes|n|no|true|false|on|off|null)$/i;

/** A string that reads back as itself when written plain (no quotes). */
const plain = (s: string) => /^[A-Za-z_/][A-Za-z0-9_./-]*$/.test(s) && !RESERVED.test(s);

/**
 * Block YAML for a JSON value (strings plain when that reads back the same, else double-quoted as JSON):
 * parsed faster than the same object as one flow (JSON) line.
 */
export function blockYaml(v: unknown): string {
  const out: string[] = [];
  const scalar = (x: unknown) =>
    typeof x === 'string' ? (plain(x) ? x : JSON.stringify(x)) : x === undefined ? 'null' : JSON.stringify(x);
  const isColl = (x: unknown) =>
    x !== null && typeof x === 'object' && (Array.isArray(x) ? x.length > 0 : Object.keys(x).length > 0);
  const emit = (x: unknown, ind: string, line: string): void => {
    if (Array.isArray(x)) {
      for (const it of x) {
        if (isColl(it) && !Array.isArray(it)) emitMap(it as Record<string, unknown>, ind + '  ', `${ind}- `);
        else if (isColl(it)) {
          out.push(`${ind}-`);
          emit(it, ind + '  ', '');
        } else out.push(`${ind}- ${Array.isArray(it) ? '[]' : it && typeof it === 'object' ? '{}' : scalar(it)}`);
      }
    } else emitMap(x as Record<string, unknown>, ind, line);
  };
  const emitMap = (m: Record<string, unknown>, ind: string, first: string): void => {
    let lead = first;
    for (const [k, val] of Object.entries(m)) {
      const key = `${lead || ind}${plain(k) ? k : JSON.stringify(k)}:`;
      lead = '';
      if (isColl(val)) {
        out.push(key);
        emit(val, ind + '  ', '');
      } else out.push(`${key} ${Array.isArray(val) ? '[]' : val && typeof val === 'object' ? '{}' : scalar(val)}`);
    }
    if (lead) out.push(`${lead}{}`);
  };
  if (isColl(v)) emit(v, '', '');
  else out.push(scalar(v));
  return out.join('\n') + '\n';
}

const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, '_');

/** The path (from the document root) of the node a finding's span starts on, and whether it is the key. */
function findingPath(doc: ParsedDoc, span: Span): { path: Path; onKey: boolean } {
  const { steps } = pathAt(doc.yaml, span.start);
  for (let i = 1; i < steps.length; i++) {
    const s = steps[i];
    const kr = nodeRange(s.keyNode);
    const path = steps.slice(1, i + 1).map((x) => x.key!) as Path;
    if (kr && kr[0] === span.start && kr[1] >= span.end) return { path, onKey: true };
    const vr = nodeRange(s.node);
    if (vr && vr[0] === span.start) return { path, onKey: false };
  }
  return { path: steps.slice(1).map((x) => x.key!) as Path, onKey: false };
}

function valueAt(obj: unknown, path: Path): unknown {
  let cur = obj;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[k];
  }
  return cur;
}

/** Merge keys of lists that strategic merge patches merge by key (containers, volumes, ports, env, …). */
const MERGE_KEYS = ['name', 'containerPort', 'mountPath', 'devicePath', 'port', 'ip', 'topologyKey'];

/**
 * A built object's path as a path in a source document: list indices are matched by merge key
 * (the built list may be a merge of the base's and patches' lists, in another order).
 */
function sourcePath(res: Resource, obj: unknown, path: Path): Path | undefined {
  const out: Path = [];
  for (let i = 0; i < path.length; i++) {
    const k = path[i];
    if (typeof k !== 'number') {
      out.push(k);
      continue;
    }
    const item = valueAt(obj, path.slice(0, i + 1));
    const list = jsOf(res.at(...out));
    if (!Array.isArray(list)) return undefined;
    const key =
      item && typeof item === 'object'
        ? MERGE_KEYS.find((m) => (item as Record<string, unknown>)[m] !== undefined)
        : undefined;
    const j = key
      ? list.findIndex(
          (x) =>
            x &&
            typeof x === 'object' &&
            (x as Record<string, unknown>)[key] === (item as Record<string, unknown>)[key],
        )
      : list.findIndex((x) => JSON.stringify(x) === JSON.stringify(item));
    if (j < 0) return undefined;
    out.push(j);
  }
  return out;
}

function nodeAt(res: Resource, path: Path, onKey: boolean): YNode | undefined {
  const n = res.at(...path);
  if (n === undefined || !onKey || path.length === 0) return n;
  const last = path[path.length - 1];
  if (typeof last !== 'string') return n;
  const p = pairOf(res.yaml, res.at(...path.slice(0, -1)), last);
  return (p?.key as YNode | undefined) ?? n;
}

function jsOf(n: YNode | undefined): unknown {
  try {
    return (n as { toJSON?: () => unknown } | undefined)?.toJSON?.();
  } catch {
    return undefined;
  }
}

/**
 * Where in the sources a built object's field comes from: the last patch file applied to it that
 * sets the field, else the base document's node, else the deepest part of the path the base
 * document has.
 */
function locate(ws: Workspace, o: BuiltObject, path: Path, onKey: boolean): Span | undefined {
  const kind = kindOf(o.obj);
  for (const tag of [...o.patchedBy].reverse()) {
    const f = ws.file(tag);
    if (!f) continue;
    for (const r of f.resources) {
      if (r.kind !== kind || (r.name && !o.names.includes(r.name))) continue;
      const sp = sourcePath(r, o.obj, path);
      const n = sp && nodeAt(r, sp, onKey);
      if (n !== undefined && nodeRange(n)) return spanOf(r.doc, n, r);
    }
  }
  const origin = o.origin;
  if (!origin) return undefined;
  for (let i = path.length; i >= 0; i--) {
    const sp = sourcePath(origin, o.obj, path.slice(0, i));
    const m = sp && (i === path.length ? nodeAt(origin, sp, onKey) : origin.at(...sp));
    if (m !== undefined && nodeRange(m)) return spanOf(origin.doc, i === 0 ? origin.at('kind') : m, origin);
  }
  return undefined;
}

/** One small workspace kept in step with a set of (virtual file → text). */
class Side {
  readonly ws = new Workspace();
  readonly runner: FindingsRunner;
  private settingsRevision = -1;

  constructor(make: (ws: Workspace) => FindingsRunner) {
    this.runner = make(this.ws);
  }

  sync(outer: Workspace, files: Map<string, string>): void {
    if (this.settingsRevision !== outer.settingsRevision) {
      this.ws.setSettings(outer.settings);
      this.settingsRevision = outer.settingsRevision;
    }
    for (const u of this.ws.diskFiles()) if (!files.has(u)) this.ws.deleteDiskFile(u);
    for (const [u, t] of files) this.ws.setDiskFile(u, t);
  }

  findings(uri: string): Finding[] {
    return this.runner.fileFindings(uri);
  }
}

interface Checker {
  build?: Build;
  outsideRev: string;
  built: Side;
  raw: Side;
  result: Located[];
  rawKeys?: Set<string>;
  /** Block YAML of the built objects by their JSON (an edit changes few of them). */
  texts: Map<string, string>;
  rawRevision?: number;
}

/** What the cross-resource rules find in each build and not in its untransformed objects. */
export class BuiltFindings {
  private readonly checkers = new Map<string, Checker>();
  private revision = -1;
  private settingsRevision = -1;
  private byUri = new Map<string, Finding[]>();
  private lastBuilds: Build[] = [];

  constructor(
    private readonly ws: Workspace,
    private readonly make: (ws: Workspace) => FindingsRunner,
  ) {}

  /** Findings of the builds located in a file. */
  findingsFor(uri: string): readonly Finding[] {
    if (this.ws.kustomize.size === 0) return [];
    this.refresh();
    return this.byUri.get(uri) ?? [];
  }

  private refresh(): void {
    if (this.revision === this.ws.revision && this.settingsRevision === this.ws.settingsRevision) return;
    this.revision = this.ws.revision;
    const settingsChanged = this.settingsRevision !== this.ws.settingsRevision;
    this.settingsRevision = this.ws.settingsRevision;
    const builds = this.ws.kustomize.buildsOf(this.ws.fileAccess);
    const outsideRev = OUTSIDE_KINDS.map((k) => this.ws.keyRevision(`${k}||`)).join(',');
    let changed = settingsChanged || builds.length !== this.lastBuilds.length;
    const live = new Set<string>();
    for (let i = 0; i < builds.length; i++) {
      const b = builds[i];
      live.add(b.uri);
      let c = this.checkers.get(b.uri);
      if (!c) {
        c = { outsideRev: '', built: new Side(this.make), raw: new Side(this.make), result: [], texts: new Map() };
        this.checkers.set(b.uri, c);
      }
      if (c.build === b && c.outsideRev === outsideRev && !settingsChanged) continue;
      changed = true;
      c.build = b;
      c.outsideRev = outsideRev;
      c.result = this.check(b, c);
      if (this.lastBuilds[i] !== b) changed = true;
    }
    for (const u of [...this.checkers.keys()]) if (!live.has(u)) this.checkers.delete(u);
    this.lastBuilds = builds;
    if (changed) this.aggregate();
  }

  /** The cluster-scoped objects outside a build, as virtual files. */
  private outside(b: Build): Map<string, string> {
    const inBuild = new Set<Resource>();
    for (const o of b.objects) if (o.origin) inBuild.add(o.origin);
    const files = new Map<string, string>();
    const docs = new Set<ParsedDoc>();
    for (const k of OUTSIDE_KINDS)
      for (const r of this.ws.ofKind(k))
        if (!inBuild.has(r) && !docs.has(r.doc)) {
          docs.add(r.doc);
          files.set(`${OUTSIDE}${files.size}-${safe(r.key)}.yaml`, r.doc.text);
        }
    return files;
  }

  private check(b: Build, c: Checker): Located[] {
    // A partial build (remote or missing inputs, patches that could not be applied) is not what kustomize prints.
    if (b.incomplete || b.patchUses.some((p) => p.failure)) {
      c.built.sync(this.ws, new Map());
      c.raw.sync(this.ws, new Map());
      return [];
    }
    const outside = this.outside(b);
    const builtFiles = new Map(outside);
    const rawFiles = new Map(outside);
    const objectOf = new Map<string, BuiltObject>();
    const originOf = new Map<string, ParsedDoc>();
    const docId = new Map<ParsedDoc, number>();
    const seen = new Map<string, number>();
    const texts = new Map<string, string>();
    for (const o of b.objects) {
      if (!o.origin) continue;
      const base = `${VROOT}${safe(`${kindOf(o.obj)}.${o.names[0]}.${o.namespaces[0]}`)}`;
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      const u = `${base}.${n}.yaml`;
      const json = JSON.stringify(o.obj);
      const text = c.texts.get(json) ?? blockYaml(o.obj);
      texts.set(json, text);
      builtFiles.set(u, text);
      objectOf.set(u, o);
      const d = o.origin.doc;
      if (!docId.has(d)) {
        docId.set(d, docId.size);
        const ru = `${VROOT}raw-${docId.get(d)}-${safe(d.uri.slice(-60))}.yaml`;
        rawFiles.set(ru, d.text);
        originOf.set(ru, d);
      }
    }
    c.texts = texts;
    c.built.sync(this.ws, builtFiles);
    c.raw.sync(this.ws, rawFiles);
    // The untransformed objects change less often than the build (a patch edit): their findings are kept.
    if (!c.rawKeys || c.rawRevision !== c.raw.ws.revision) {
      c.rawKeys = new Set<string>();
      for (const [ru, d] of originOf)
        for (const f of c.raw.findings(ru))
          c.rawKeys.add(`${f.code}|${docId.get(d)}|${findingPath(f.span.doc, f.span).path.join('/')}`);
      c.rawRevision = c.raw.ws.revision;
    }
    const rawKeys = c.rawKeys;
    const out: Located[] = [];
    for (const [u, o] of objectOf) {
      for (const f of c.built.findings(u)) {
        const { path, onKey } = findingPath(f.span.doc, f.span);
        const full = [...o.origin!.prefix, ...path].join('/');
        if (rawKeys.has(`${f.code}|${docId.get(o.origin!.doc)}|${full}`)) continue;
        const span = locate(this.ws, o, path, onKey);
        if (span) out.push({ code: f.code, severity: f.severity, message: f.message, span });
      }
    }
    return out;
  }

  private aggregate(): void {
    const groups = new Map<string, { f: Located; builds: string[] }>();
    for (const [root, c] of this.checkers)
      for (const f of c.result) {
        const key = `${f.code}|${f.span.doc.uri}|${f.span.doc.index}|${f.span.start}|${f.span.end}`;
        const g = groups.get(key);
        if (g) {
          if (!g.builds.includes(root)) g.builds.push(root);
        } else groups.set(key, { f, builds: [root] });
      }
    const byUri = new Map<string, Finding[]>();
    for (const { f, builds } of groups.values()) {
      builds.sort();
      const names = builds.map((u) => `\`${buildLabel(u)}\``);
      const also = names.length > 1 ? ` (also ${names.slice(1).join(', ')})` : '';
      const finding: Finding = {
        code: f.code,
        severity: f.severity,
        message: `In the kustomize build of ${names[0]}${also}: ${f.message}`,
        span: f.span,
      };
      const l = byUri.get(f.span.doc.uri);
      if (l) l.push(finding);
      else byUri.set(f.span.doc.uri, [finding]);
    }
    this.byUri = byUri;
  }
}

/** A build's short name: the last two folders of its kustomization (`overlays/prod`). */
function buildLabel(uri: string): string {
  const parts = dirOf(uri)
    .split('/')
    .filter((p) => p);
  return parts
    .slice(-2)
    .map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        return p;
      }
    })
    .join('/');
}

/** Whether two spans of one document overlap. */
export function overlaps(a: Span, b: Span): boolean {
  return a.doc === b.doc && a.start < Math.max(b.end, b.start + 1) && b.start < Math.max(a.end, a.start + 1);
}
