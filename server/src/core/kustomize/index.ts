/**
 * Every kustomization in the workspace and what it makes of the files it names: which files
 * are patches (not objects of their own), which kustomizations are top-level builds, and the
 * builds themselves, cached and recomputed only when one of the files they read changed.
 */
import type { ParsedDoc } from '../yaml/parse';
import type { Resource } from '../model/resource';
import {
  Accumulation,
  AccumulationCache,
  Build,
  buildKustomization,
  BuildSource,
  BuiltObject,
  SourceDoc,
  withRendered,
} from './build';
import { KSpec, readKustomization } from './spec';
import { dirOf, isKustomizationUri, KUSTOMIZATION_NAMES, resolveRef } from './uri';

export { isKustomizationUri } from './uri';

/** What the index needs from the workspace. */
export interface FileAccess {
  /** A file's documents (undefined when unknown); `version` changes whenever its text does. */
  file(uri: string): { version: unknown; docs: SourceDoc[] } | undefined;
  /** A file's text (generator inputs that are not YAML: envs, files), when known. */
  text?(uri: string): string | undefined;
  /** Changes whenever any file does (optional): the builds are then checked once per change. */
  revision?(): number;
  /**
   * Every change of a file is reported to the index (`fileChanged`) before the next build is
   * asked for: a cached build that no reported file concerns is current without comparing the
   * version of each file it read.
   */
  notifies?: boolean;
}

const jsCache = new WeakMap<ParsedDoc, unknown>();
const origins = new WeakMap<Build, Set<Resource>>();

function originsOf(b: Build): Set<Resource> {
  let s = origins.get(b);
  if (!s) {
    s = new Set();
    for (const o of b.objects) if (o.origin) s.add(o.origin);
    origins.set(b, s);
  }
  return s;
}

/** A document's content as plain JSON (memoized; undefined when it does not convert). */
export function docJs(doc: ParsedDoc): unknown {
  if (jsCache.has(doc)) return jsCache.get(doc);
  let v: unknown;
  try {
    v = doc.yaml.errors.length ? undefined : doc.yaml.toJS({ maxAliasCount: 100 });
  } catch {
    v = undefined;
  }
  jsCache.set(doc, v);
  return v;
}

interface CachedBuild {
  /** What callers get: the model, or the real kustomize's output for it when rendered. */
  build: Build;
  /** The model of the build. */
  model: Build;
  versions: Map<string, unknown>;
  files: FileAccess;
}

function sameKeys(a: ReadonlyMap<string, unknown>, b: ReadonlyMap<string, unknown>): boolean {
  if (a.size !== b.size) return false;
  for (const k of b.keys()) if (!a.has(k)) return false;
  return true;
}

export class KustomizeIndex {
  private readonly specs = new Map<string, KSpec>();
  private derived:
    | { patchFiles: Set<string>; resourceFiles: Set<string>; roots: KSpec[]; includedBy: Map<string, string[]> }
    | undefined;
  private readonly builds = new Map<string, CachedBuild>();
  /** For each file, the top-level builds (cached ones) that read it or would read it if it existed. */
  private readonly readers = new Map<string, Set<string>>();
  /** The last answer of `buildsOf`, valid while the files' revision and the kustomizations are unchanged. */
  private memo:
    { files: FileAccess; revision: number; derived: unknown; out: Build[]; at: Map<string, number> } | undefined;
  /** How many builds were computed (not served from cache); for tests and benchmarks. */
  buildsComputed = 0;
  /** Accumulations of included kustomizations (bases), shared by the builds that include them. */
  private readonly accumulations = new Map<
    string,
    { spec: KSpec; files: FileAccess; acc: Accumulation; versions: Map<string, unknown> }
  >();
  /** Accumulations of included kustomizations computed, and served from the cache (for tests and benchmarks). */
  readonly accumulationStats = { computed: 0, reused: 0 };
  /** `kustomizationIn` answers (null: none), until a kustomization changes. */
  private readonly dirs = new Map<string, KSpec | null>();
  /** Top-level builds that read a file reported changed since they were last validated (see `FileAccess.notifies`). */
  private readonly stale = new Set<string>();
  /** A kustomization changed since every build was last validated. */
  private allStale = true;

  /** Record a kustomization file's content (undefined: gone or not a kustomization). Returns whether anything changed. */
  setKustomization(uri: string, content: unknown): boolean {
    const spec = content === undefined ? undefined : readKustomization(uri, content);
    const old = this.specs.get(uri);
    if (!spec && !old) return false;
    if (spec && old && JSON.stringify(spec) === JSON.stringify(old)) return false;
    if (spec) this.specs.set(uri, spec);
    else this.specs.delete(uri);
    this.derived = undefined;
    this.dirs.clear();
    this.accumulations.clear();
    this.allStale = true;
    return true;
  }

  get size(): number {
    return this.specs.size;
  }

  spec(uri: string): KSpec | undefined {
    return this.specs.get(uri);
  }

  kustomizations(): IterableIterator<KSpec> {
    return this.specs.values();
  }

  /** The kustomization in a folder (kustomization.yaml, .yml or Kustomization). */
  kustomizationIn(dirUri: string): KSpec | undefined {
    const known = this.dirs.get(dirUri);
    if (known !== undefined) return known ?? undefined;
    const d = dirUri.replace(/\/+$/, '');
    let found: KSpec | undefined;
    for (const n of KUSTOMIZATION_NAMES) {
      found = this.specs.get(resolveRef(d, n) ?? '');
      if (found) break;
    }
    if (this.dirs.size > 10000) this.dirs.clear();
    this.dirs.set(dirUri, found ?? null);
    return found;
  }

  private get d() {
    if (this.derived) return this.derived;
    const patchFiles = new Set<string>();
    const resourceFiles = new Set<string>();
    const included = new Set<string>();
    const includedBy = new Map<string, string[]>();
    for (const s of this.specs.values()) {
      for (const p of s.patches) if (p.uri) patchFiles.add(p.uri);
      for (const r of [...s.resources, ...s.components]) {
        const sub = this.kustomizationIn(r);
        if (sub) {
          included.add(sub.uri);
          const l = includedBy.get(sub.uri);
          if (l) l.push(s.uri);
          else includedBy.set(sub.uri, [s.uri]);
        } else resourceFiles.add(r);
      }
    }
    for (const r of resourceFiles) patchFiles.delete(r);
    const roots = [...this.specs.values()].filter((s) => !included.has(s.uri) && s.kind !== 'Component');
    roots.sort((a, b) => (a.uri < b.uri ? -1 : 1));
    this.derived = { patchFiles, resourceFiles, roots, includedBy };
    return this.derived;
  }

  /** A file named as a patch by some kustomization (and as a resource by none): its documents are patches. */
  isPatchFile(uri: string): boolean {
    return this.specs.size > 0 && this.d.patchFiles.has(uri);
  }

  patchFiles(): ReadonlySet<string> {
    return this.d.patchFiles;
  }

  /** Whether a file is named by some kustomization (resource, patch, or is one). */
  mentions(uri: string): boolean {
    if (this.specs.size === 0) return false;
    return this.specs.has(uri) || this.d.patchFiles.has(uri) || this.d.resourceFiles.has(uri);
  }

  /** Top-level builds: kustomizations that no other kustomization includes (components excluded). */
  roots(): readonly KSpec[] {
    return this.d.roots;
  }

  /** The builds (cached; recomputed when a file they read changed). */
  buildsOf(files: FileAccess): Build[] {
    const rev = files.revision?.();
    const m = this.memo;
    if (rev !== undefined && m && m.files === files && m.derived === this.derived) {
      if (m.revision === rev) return m.out;
      // Same kustomizations, and every change since was reported: only the builds that read a
      // changed file are looked at (an edit to one overlay's patch touches one build of many).
      if (files.notifies && !this.allStale) {
        let out = m.out;
        for (const u of this.stale) {
          const i = m.at.get(u);
          const k = i === undefined ? undefined : this.spec(u);
          if (i === undefined || !k) continue;
          const b = this.build(k, files);
          if (b === out[i]) continue;
          if (out === m.out) out = out.slice();
          out[i] = b;
        }
        this.stale.clear();
        this.memo = { files, revision: rev, derived: m.derived, out, at: m.at };
        return out;
      }
    }
    const out: Build[] = [];
    const at = new Map<string, number>();
    for (const k of this.roots()) {
      at.set(k.uri, out.length);
      out.push(this.build(k, files));
    }
    for (const u of [...this.builds.keys()]) if (!at.has(u)) this.setCached(u, undefined);
    this.allStale = false;
    this.stale.clear();
    this.memo = rev === undefined ? undefined : { files, revision: rev, derived: this.derived, out, at };
    return out;
  }

  /** One kustomization's build (cached). */
  build(k: KSpec, files: FileAccess): Build {
    const c = this.builds.get(k.uri);
    if (c && c.build.uri === k.uri && this.spec(k.uri) === k) {
      // Reported changes (the workspace's files) tell which builds may be out of date; else compare versions.
      if (files.notifies && c.files === files && !this.allStale && !this.stale.has(k.uri)) return c.build;
      if (this.unchanged(c.versions, files)) {
        this.stale.delete(k.uri);
        return c.build;
      }
    }
    this.buildsComputed++;
    const src: BuildSource = {
      kustomizationIn: (d) => this.kustomizationIn(d),
      docs: (u) => files.file(u)?.docs,
      text: (u) => files.text?.(u),
      accumulations: this.accumulationCache(files),
    };
    const build = buildKustomization(k, src);
    this.setCached(k.uri, { build, model: build, versions: this.versionsOf(build.inputs, files), files });
    this.stale.delete(k.uri);
    return build;
  }

  /** Store (or drop) a cached build, keeping the index of which builds read which file. */
  private setCached(root: string, c: CachedBuild | undefined): void {
    const old = this.builds.get(root);
    if (old && c && sameKeys(old.versions, c.versions)) {
      this.builds.set(root, c);
      return;
    }
    if (old)
      for (const u of old.versions.keys()) {
        const s = this.readers.get(u);
        if (s && s.delete(root) && s.size === 0) this.readers.delete(u);
      }
    if (!c) {
      this.builds.delete(root);
      return;
    }
    this.builds.set(root, c);
    for (const u of c.versions.keys()) {
      const s = this.readers.get(u);
      if (s) s.add(root);
      else this.readers.set(u, new Set([root]));
    }
  }

  /** The version of every file (or kustomization) a build read or would read if it existed. */
  private versionsOf(inputs: ReadonlySet<string>, files: FileAccess): Map<string, unknown> {
    const versions = new Map<string, unknown>();
    for (const u of inputs) versions.set(u, this.specs.has(u) ? this.specs.get(u) : files.file(u)?.version);
    // Files that do not exist yet can appear: record the absent ones too.
    for (const u of this.referencedFiles(inputs, files))
      if (!versions.has(u)) versions.set(u, this.specs.has(u) ? this.specs.get(u) : files.file(u)?.version);
    return versions;
  }

  private unchanged(versions: Map<string, unknown>, files: FileAccess): boolean {
    for (const [u, v] of versions)
      if ((this.specs.has(u) ? this.specs.get(u) : files.file(u)?.version) !== v) return false;
    return true;
  }

  /** The accumulations of included kustomizations, valid while nothing they read changed. */
  private accumulationCache(files: FileAccess): AccumulationCache {
    return {
      get: (k) => {
        const e = this.accumulations.get(k.uri);
        if (!e) return undefined;
        if (e.spec !== k || e.files !== files || this.specs.get(k.uri) !== k || !this.unchanged(e.versions, files)) {
          this.accumulations.delete(k.uri);
          return undefined;
        }
        this.accumulationStats.reused++;
        return e.acc;
      },
      set: (k, acc) => {
        this.accumulationStats.computed++;
        this.accumulations.set(k.uri, { spec: k, files, acc, versions: this.versionsOf(acc.inputs, files) });
      },
    };
  }

  /** The model of a top-level build as last computed (undefined before the first). */
  modelOf(rootUri: string): Build | undefined {
    return this.builds.get(rootUri)?.model;
  }

  /**
   * The real kustomize's output for a top-level build, rendered from the files of `model` (the
   * model at the time it was run): used while that model is current; dropped by any change to
   * the build's files. Returns whether it was taken.
   */
  setRendered(rootUri: string, model: Build, printed: unknown[]): boolean {
    const c = this.builds.get(rootUri);
    if (!c || c.model !== model) return false;
    c.build = withRendered(model, printed);
    this.memo = undefined;
    return true;
  }

  private referencedFiles(inputs: ReadonlySet<string>, files: FileAccess): string[] {
    const out: string[] = [];
    for (const u of inputs) {
      const s = this.specs.get(u);
      if (!s) continue;
      for (const r of s.resources) {
        if (this.kustomizationIn(r)) continue;
        out.push(r);
        // Not a file: a folder whose kustomization may appear (or a missing file).
        if (!files.file(r)) for (const n of KUSTOMIZATION_NAMES) out.push(`${r.replace(/\/+$/, '')}/${n}`);
      }
      for (const p of s.patches) if (p.uri) out.push(p.uri);
      for (const g of s.generators) {
        for (const f of g.files ?? []) if (f.uri) out.push(f.uri);
        for (const e of g.envs ?? []) if (e) out.push(e);
      }
    }
    return out;
  }

  /** The builds whose output contains an object made from this resource's document. */
  objectsOf(files: FileAccess, uri: string, docIndex: number): { build: Build; object: BuiltObject }[] {
    const out: { build: Build; object: BuiltObject }[] = [];
    for (const b of this.buildsOf(files))
      for (const o of b.objects)
        if (o.origin && o.origin.uri === uri && o.origin.doc.index === docIndex) out.push({ build: b, object: o });
    return out;
  }

  /** The builds whose objects a patch file patched, with the patched objects. */
  patchedBy(files: FileAccess, patchUri: string): { build: Build; object: BuiltObject }[] {
    const out: { build: Build; object: BuiltObject }[] = [];
    for (const b of this.buildsOf(files))
      for (const o of b.objects) if (o.patchedBy.includes(patchUri)) out.push({ build: b, object: o });
    return out;
  }

  /** The builds that contain an object made from this resource (membership cached per build). */
  buildsContaining(files: FileAccess, res: Resource): Build[] {
    return this.buildsOf(files).filter((b) => originsOf(b).has(res));
  }

  /** Whether a build contains an object made from this resource. */
  static contains(b: Build, res: Resource): boolean {
    return originsOf(b).has(res);
  }

  /** The current builds that read a file, or would read it if it existed (in build order). */
  buildsThatRead(files: FileAccess, uri: string): Build[] {
    const all = this.buildsOf(files);
    const s = this.readers.get(uri);
    if (!s) return [];
    const at = this.memo?.files === files ? this.memo.at : undefined;
    if (!at) return all.filter((b) => s.has(b.uri));
    const idx: number[] = [];
    for (const r of s) {
      const i = at.get(r);
      if (i !== undefined) idx.push(i);
    }
    return idx.sort((a, b) => a - b).map((i) => all[i]);
  }

  /** Top-level builds (cached ones) that read a file, or would read it if it existed. */
  buildsReading(uri: string): string[] {
    const s = this.readers.get(uri);
    return s ? [...s] : [];
  }

  /** A file (not a kustomization) changed: the builds that read it are out of date. Returns them. */
  fileChanged(uri: string): string[] {
    const roots = this.buildsReading(uri);
    for (const r of roots) this.stale.add(r);
    return roots;
  }

  /** The kustomizations that (directly) include a kustomization. */
  includedBy(uri: string): readonly string[] {
    return this.d.includedBy.get(uri) ?? [];
  }

  /** Folder of a kustomization file. */
  static dir(uri: string): string {
    return dirOf(uri);
  }

  static isKustomization(uri: string): boolean {
    return isKustomizationUri(uri);
  }
}
