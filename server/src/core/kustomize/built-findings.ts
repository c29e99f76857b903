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
import { ParsedDoc, parseChunk, YamlDoc } from '../yaml/parse';
import { nodeRange, pairOf, pathAt, YNode } from '../yaml/nodes';
import type { Build, BuiltObject } from './build';
import { kindOf } from './build';
import { dirOf } from './uri';
import { blockYamlTree, blockYaml } from './built-yaml';

export { blockYaml };

/** Runs rules over a workspace (an Analyzer restricted to the cross-resource rules). */
export interface FindingsRunner {
  fileFindings(uri: string): Finding[];
}

/** Cluster-scoped objects a build may refer to without containing them. */
const OUTSIDE_KINDS = ['StorageClass', 'PersistentVolume'];
/** Their dependency keys (any object of the kind, see Query.named). */
const OUTSIDE_KEYS = OUTSIDE_KINDS.map((k) => `${k}||`);
const VROOT = 'kustomize-build:///objects/';
const OUTSIDE = 'kustomize-build:///cluster/';

interface Located {
  code: string;
  severity: Finding['severity'];
  message: string;
  span: Span;
}

type Path = (string | number)[];

const safeNames = new Map<string, string>();
/** A string as a file name part (memoized: the same names come back with every build). */
const safe = (s: string) => {
  let v = safeNames.get(s);
  if (v === undefined) {
    if (safeNames.size > 20000) safeNames.clear();
    safeNames.set(s, (v = s.replace(/[^A-Za-z0-9._-]/g, '_')));
  }
  return v;
};

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

  /** Trees of texts written together with them (see built-yaml.ts): not parsed again. */
  readonly trees = new Map<string, YamlDoc>();

  constructor(make: (ws: Workspace) => FindingsRunner) {
    this.runner = make(this.ws);
    this.ws.parseChunk = (uri, text) => {
      const y = this.trees.get(text);
      // A tree belongs to one document: a second file with the same text is parsed.
      if (y) {
        this.trees.delete(text);
        this.treesReused++;
      }
      return y ? new ParsedDoc(uri, text, y, false) : parseChunk(uri, text);
    };
  }

  /** The texts last given (the small workspace's files): only the files that differ are touched. */
  private texts = new Map<string, string>();
  /** Files added, changed or removed by syncs (for tests and benchmarks). */
  filesChanged = 0;
  /** Files whose tree was handed over rather than parsed. */
  treesReused = 0;

  /** The text a file was last given. */
  lastText(uri: string): string | undefined {
    return this.texts.get(uri);
  }

  /** Take the outer workspace's settings (when they changed). */
  settings(outer: Workspace): void {
    if (this.settingsRevision !== outer.settingsRevision) {
      this.ws.setSettings(outer.settings);
      this.settingsRevision = outer.settingsRevision;
    }
  }

  /** Make the files exactly `files`. */
  sync(outer: Workspace, files: Map<string, string>): void {
    this.settings(outer);
    for (const u of this.texts.keys())
      if (!files.has(u)) {
        this.ws.deleteDiskFile(u);
        this.filesChanged++;
      }
    for (const [u, t] of files)
      if (this.texts.get(u) !== t) {
        this.ws.setDiskFile(u, t);
        this.filesChanged++;
      }
    this.texts = new Map(files);
  }

  /** Change some files (undefined: remove). */
  apply(outer: Workspace, changes: ReadonlyMap<string, string | undefined>): void {
    this.settings(outer);
    for (const [u, t] of changes) {
      if (this.texts.get(u) === t) continue;
      if (t === undefined) {
        this.ws.deleteDiskFile(u);
        this.texts.delete(u);
      } else {
        this.ws.setDiskFile(u, t);
        this.texts.set(u, t);
      }
      this.filesChanged++;
    }
  }

  findings(uri: string): Finding[] {
    return this.runner.fileFindings(uri);
  }
}

/** One built object (with a source document) as a file of the built side. */
interface Entry {
  o: BuiltObject;
  /** What its virtual file is named after (an object whose are the same keeps its file). */
  kind: string;
  name0: string;
  ns0: string;
  u: string;
  /** Its content when written, and the text written. */
  obj: unknown;
  text: string;
  /** Its findings as last mapped to the sources. */
  located?: LocatedCache;
}

interface Checker {
  build?: Build;
  outsideRev: string;
  built: Side;
  raw: Side;
  result: Located[];
  rawKeys?: Set<string>;
  rawRevision?: number;
  /** The built objects with a source, in build order (an edit changes few of them). */
  entries: Entry[];
  /** The raw side's files: source documents by virtual file, with their ids. */
  rawDocs: Map<string, ParsedDoc>;
  docId: Map<ParsedDoc, number>;
  /** The cluster-scoped objects outside the build, as files of both sides. */
  outside: Map<string, string>;
}

/** The located findings of one built object, valid while everything they were computed from is the same. */
interface LocatedCache {
  found: Finding[];
  origin: Resource;
  /** The patch files' models (a new model whenever a patch file changes). */
  patches: readonly unknown[];
  names: readonly string[];
  rawKeys: Set<string>;
  docId: number | undefined;
  out: Located[];
}

/** Whether two JSON values are equal, with object keys in the same order. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (let i = 0; i < ka.length; i++) {
    if (ka[i] !== kb[i]) return false;
    if (!sameJson((a as Record<string, unknown>)[ka[i]], (b as Record<string, unknown>)[kb[i]])) return false;
  }
  return true;
}

function sameItems(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Whether two lists of builds are builds of the same kustomizations, in the same order. */
function sameUris(a: readonly Build[], b: readonly Build[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && a[i].uri !== b[i].uri) return false;
  return true;
}

/** The shared empty list of findings (never mutated). */
const NO_FINDINGS: readonly Finding[] = Object.freeze([]);
const NONE: readonly never[] = Object.freeze([]);

/** Whether two lists of findings say the same things at the same places. */
function sameLocated(a: readonly Located[], b: readonly Located[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (
      x.code !== y.code ||
      x.severity !== y.severity ||
      x.message !== y.message ||
      x.span.doc !== y.span.doc ||
      x.span.start !== y.span.start ||
      x.span.end !== y.span.end
    )
      return false;
  }
  return true;
}

/** What the cross-resource rules find in each build and not in its untransformed objects. */
export class BuiltFindings {
  private readonly checkers = new Map<string, Checker>();
  private revision = -1;
  private settingsRevision = -1;
  private byUri = new Map<string, Finding[]>();
  private lastBuilds: Build[] = [];
  private lastOutsideRev = '';
  /** Builds checked so far, and the ones the last refresh checked (for tests and benchmarks). */
  buildsChecked = 0;
  lastChecked: string[] = [];

  constructor(
    private readonly ws: Workspace,
    private readonly make: (ws: Workspace) => FindingsRunner,
  ) {}

  /** Files re-added to the small workspaces so far, and how many of them came with their tree. */
  get filesSynced(): { changed: number; treesReused: number } {
    let changed = 0;
    let treesReused = 0;
    for (const c of this.checkers.values())
      for (const side of [c.built, c.raw]) {
        changed += side.filesChanged;
        treesReused += side.treesReused;
      }
    return { changed, treesReused };
  }

  /** Findings of the builds located in a file. */
  findingsFor(uri: string): readonly Finding[] {
    if (this.ws.kustomize.size === 0) return NO_FINDINGS;
    this.refresh();
    return this.byUri.get(uri) ?? NO_FINDINGS;
  }

  private refresh(): void {
    if (this.revision === this.ws.revision && this.settingsRevision === this.ws.settingsRevision) return;
    this.revision = this.ws.revision;
    const settingsChanged = this.settingsRevision !== this.ws.settingsRevision;
    this.settingsRevision = this.ws.settingsRevision;
    const builds = this.ws.kustomize.buildsOf(this.ws.fileAccess);
    const outsideRev = OUTSIDE_KEYS.map((k) => this.ws.keyRevision(k)).join(',');
    let changed = settingsChanged || builds.length !== this.lastBuilds.length;
    // The same builds in the same order (usual after an edit: a few replaced): only those are looked at.
    const same = !changed && outsideRev === this.lastOutsideRev && sameUris(builds, this.lastBuilds);
    // Other builds (or the same ones in another order): the findings are grouped again.
    if (!same) changed = true;
    this.lastOutsideRev = outsideRev;
    const live = new Set<string>();
    this.lastChecked = [];
    for (let i = 0; i < builds.length; i++) {
      const b = builds[i];
      if (same && this.lastBuilds[i] === b) continue;
      live.add(b.uri);
      let c = this.checkers.get(b.uri);
      if (!c) {
        c = {
          outsideRev: '',
          built: new Side(this.make),
          raw: new Side(this.make),
          result: [],
          entries: [],
          rawDocs: new Map(),
          docId: new Map(),
          outside: new Map(),
        };
        this.checkers.set(b.uri, c);
      }
      if (c.build === b && c.outsideRev === outsideRev && !settingsChanged) continue;
      const outsideChanged = c.outsideRev !== outsideRev;
      c.build = b;
      c.outsideRev = outsideRev;
      const before = c.result;
      c.result = this.check(b, c, outsideChanged);
      // A build checked again with the same findings (the usual edit) leaves the grouping as it is.
      if (!sameLocated(before, c.result)) changed = true;
      this.buildsChecked++;
      this.lastChecked.push(b.uri);
    }
    if (!same) for (const u of [...this.checkers.keys()]) if (!live.has(u)) this.checkers.delete(u);
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

  private check(b: Build, c: Checker, outsideChanged: boolean): Located[] {
    c.built.settings(this.ws);
    c.raw.settings(this.ws);
    // A partial build (remote or missing inputs, patches that could not be applied) is not what kustomize prints.
    if (b.incomplete || b.patchUses.some((p) => p.failure)) {
      c.built.sync(this.ws, new Map());
      c.raw.sync(this.ws, new Map());
      c.entries = [];
      c.rawDocs = new Map();
      c.docId = new Map();
      c.outside = new Map();
      return [];
    }
    const objs = b.objects.filter((o) => o.origin);
    const prev = c.entries;
    // The usual edit keeps every object where it was (same source, kind and first name): each
    // keeps its file, and the raw side (the same source documents) stays as it is.
    let aligned = objs.length === prev.length && prev.length > 0;
    for (let i = 0; aligned && i < objs.length; i++) {
      const e = prev[i];
      const o = objs[i];
      aligned =
        e.o.origin === o.origin && e.name0 === o.names[0] && e.ns0 === o.namespaces[0] && e.kind === kindOf(o.obj);
    }
    const builtChanges = new Map<string, string | undefined>();
    const entries: Entry[] = [];
    let byU: Map<string, Entry> | undefined;
    const seen = new Map<string, number>();
    if (!aligned) {
      byU = new Map();
      for (const e of prev) byU.set(e.u, e);
    }
    for (let i = 0; i < objs.length; i++) {
      const o = objs[i];
      let p: Entry | undefined;
      let u: string;
      if (aligned) {
        p = prev[i];
        u = p.u;
      } else {
        const base = `${VROOT}${safe(`${kindOf(o.obj)}.${o.names[0]}.${o.namespaces[0]}`)}`;
        const n = seen.get(base) ?? 0;
        seen.set(base, n + 1);
        u = `${base}.${n}.yaml`;
        p = byU!.get(u);
      }
      // Compared by content (keys in order: they order the text) with what this file held before.
      let text: string;
      if (p && (p.obj === o.obj || sameJson(p.obj, o.obj))) text = p.text;
      else {
        const t = blockYamlTree(o.obj);
        text = t ? t.text : blockYaml(o.obj);
        if (t) c.built.trees.set(text, t.doc);
      }
      if (!p || p.text !== text) builtChanges.set(u, text);
      byU?.delete(u);
      entries.push({
        o,
        kind: kindOf(o.obj),
        name0: o.names[0],
        ns0: o.namespaces[0],
        u,
        obj: o.obj,
        text,
        located: p?.located,
      });
    }
    if (byU) for (const u of byU.keys()) builtChanges.set(u, undefined);
    c.entries = entries;
    // The cluster-scoped objects outside the build: the same while the build's sources and those kinds are.
    const outsideChanges = new Map<string, string | undefined>();
    if (!aligned || outsideChanged) {
      const outside = this.outside(b);
      for (const u of c.outside.keys()) if (!outside.has(u)) outsideChanges.set(u, undefined);
      for (const [u, t] of outside) if (c.outside.get(u) !== t) outsideChanges.set(u, t);
      c.outside = outside;
    }
    for (const [u, t] of outsideChanges) builtChanges.set(u, t);
    c.built.apply(this.ws, builtChanges);
    c.built.trees.clear();
    if (!aligned) {
      // The untransformed objects: their source documents, each once.
      const rawFiles = new Map(c.outside);
      const rawDocs = new Map<string, ParsedDoc>();
      const docId = new Map<ParsedDoc, number>();
      for (const e of entries) {
        const d = e.o.origin!.doc;
        if (docId.has(d)) continue;
        docId.set(d, docId.size);
        const ru = `${VROOT}raw-${docId.get(d)}-${safe(d.uri.slice(-60))}.yaml`;
        rawFiles.set(ru, d.text);
        // The source document's tree, when in memory, is copied rather than parsed again (a copy: a tree belongs to one document).
        if (d.hasTree && !d.templated && c.raw.lastText(ru) !== d.text)
          c.raw.trees.set(d.text, d.yaml.clone() as YamlDoc);
        rawDocs.set(ru, d);
      }
      c.raw.sync(this.ws, rawFiles);
      c.raw.trees.clear();
      c.rawDocs = rawDocs;
      c.docId = docId;
    } else if (outsideChanges.size) c.raw.apply(this.ws, outsideChanges);
    const docId = c.docId;
    // The untransformed objects change less often than the build (a patch edit): their findings are kept.
    if (!c.rawKeys || c.rawRevision !== c.raw.ws.revision) {
      c.rawKeys = new Set<string>();
      for (const [ru, d] of c.rawDocs)
        for (const f of c.raw.findings(ru))
          c.rawKeys.add(`${f.code}|${docId.get(d)}|${findingPath(f.span.doc, f.span).path.join('/')}`);
      c.rawRevision = c.raw.ws.revision;
    }
    const rawKeys = c.rawKeys;
    const out: Located[] = [];
    for (const e of entries) {
      const o = e.o;
      const found = c.built.findings(e.u);
      const origin = o.origin!;
      const patches = o.patchedBy.length ? o.patchedBy.map((t) => this.ws.file(t)) : NONE;
      const id = docId.get(origin.doc);
      // The rules' results are cached per object: when they, the sources and the raw findings are unchanged, so is the mapping.
      const prev = e.located;
      let mine: Located[];
      if (
        prev &&
        prev.origin === origin &&
        prev.rawKeys === rawKeys &&
        prev.docId === id &&
        sameItems(prev.names, o.names) &&
        sameItems(prev.found, found) &&
        sameItems(prev.patches, patches)
      )
        mine = prev.out;
      else {
        mine = [];
        for (const f of found) {
          const { path, onKey } = findingPath(f.span.doc, f.span);
          const full = [...origin.prefix, ...path].join('/');
          if (rawKeys.has(`${f.code}|${id}|${full}`)) continue;
          const span = locate(this.ws, o, path, onKey);
          if (span) mine.push({ code: f.code, severity: f.severity, message: f.message, span });
        }
      }
      e.located = { found, origin, patches, names: o.names, rawKeys, docId: id, out: mine };
      for (const l of mine) out.push(l);
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
    // A file's list stays the same object while its findings are the same (its callers' caches stay valid).
    for (const [u, l] of byUri) {
      const prev = this.byUri.get(u);
      if (prev && sameLocated(prev, l)) byUri.set(u, prev);
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
