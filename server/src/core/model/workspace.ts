import { LineIndex } from '../positions';
import { DEFAULT_SETTINGS, Settings } from '../settings';
import { splitDocuments } from '../yaml/split';
import { ParsedDoc, parseChunk, placeholderDoc } from '../yaml/parse';
import { reparseValueEdit } from '../yaml/reparse';
import { itemOrder, Resource, resourceAt, ResourceHead, resourcesFromHeads, toResources } from './resource';
import type { ChunkFacts } from './facts';
import { docJs, FileAccess, isKustomizationUri, KustomizeIndex } from '../kustomize';
import { DnsNameSets } from './dns-names';
import type { Build, SourceDoc } from '../kustomize/build';

/** One YAML file as currently known (open buffer text wins over disk text). */
export class FileModel {
  private lineIndex: LineIndex | undefined;
  constructor(
    readonly uri: string,
    readonly text: string,
    readonly docs: ParsedDoc[],
    readonly resources: Resource[],
    /** Larger than settings.maxFileSize: not parsed. */
    readonly tooLarge: boolean,
  ) {}

  /** Line starts, computed when first needed (most closed files never convert a position). */
  get lines(): LineIndex {
    return (this.lineIndex ??= new LineIndex(this.text));
  }

  /** The document containing an offset of the file text. */
  docAt(offset: number): ParsedDoc | undefined {
    const docs = this.docs;
    let lo = 0;
    let hi = docs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (docs[mid].base <= offset) lo = mid;
      else hi = mid - 1;
    }
    return docs[lo];
  }

  /** The object at a file offset: the document's, or the `kind: List` item holding it. */
  resourceAt(offset: number): Resource | undefined {
    const doc = this.docAt(offset);
    return doc ? resourceAt(this.resources, doc, offset - doc.base) : undefined;
  }
}

/** Keys a query can depend on; bumped whenever a matching resource appears, changes or goes. */
export function depKeys(kind: string, namespace: string, name: string | undefined): string[] {
  const n = name ?? '';
  return [flatKey(kind, namespace, n), flatKey(kind, namespace, ''), flatKey(kind, '', n), flatKey(kind, '', '')];
}

/**
 * A key joined with `|` as one flat string. Keys kept in long-lived maps are built this way:
 * a template literal makes a tree of string pieces that V8 keeps beside its flattened copy
 * once the key is hashed (about 3 × the memory for keys of a large workspace).
 */
export function flatKey(...parts: string[]): string {
  return parts.join('|');
}

/** Dependency key bumped when a kind gets its first object in a namespace, or loses its last. */
export const existsKey = (kind: string, namespace: string) => flatKey('exists', kind, namespace);
/** Dependency key bumped whenever a workload with pod label `key: value` in a namespace appears, changes or goes. */
export const podLabelKey = (namespace: string, key: string, value?: string) =>
  value === undefined ? flatKey('podlabelkey', namespace, key) : flatKey('podlabel', namespace, key, value);

/** Dependency key bumped whenever a kustomization changes (which builds exist, what they read). */
export const KUSTOMIZE_KEY = 'kustomize|';
/** Dependency key bumped whenever a file some kustomization names changes. */
export const KUSTOMIZE_FILES_KEY = 'kustomize-files|';
/** Dependency key of one file: bumped whenever its text changes (e.g. for line numbers in messages). */
export const fileKey = (uri: string) => flatKey('file', uri);
/** Dependency key of the folder holding a file: bumped whenever a file of that folder changes. */
export const dirKey = (uri: string) => flatKey('dir', uri.slice(0, uri.lastIndexOf('/')));
/** Dependency key of one top-level build: bumped when a file it reads changes. */
export const buildKey = (rootUri: string) => `kustomize-build|${rootUri}`;

export interface UpdateResult {
  /** Documents parsed anew by this update (the rest were reused). */
  parsed: number;
  reused: number;
}

/**
 * The workspace model: every known YAML file, its documents and its Kubernetes resources,
 * indexed by kind / namespace / name. Updates are incremental: a changed file is split
 * into documents and only documents whose text changed are parsed again; the index is
 * patched for the resources that appeared or went away, and `keyRevision` records which
 * lookups those changes can affect.
 */
export class Workspace {
  private settingsValue: Settings = DEFAULT_SETTINGS;
  private readonly diskText = new Map<string, string>();
  private readonly openText = new Map<string, string>();
  private readonly fileModels = new Map<string, FileModel>();
  private readonly byKind = new Map<string, Set<Resource>>();
  private readonly byName = new Map<string, NameGroup>();
  /** Resources of a kind with a name, in any namespace (`kind||name`). */
  private readonly byKindName = new Map<string, NameGroup>();
  /** Bumped on every file rebuild: document positions may have moved, so groups re-sort lazily. */
  private orderEpoch = 0;
  private readonly byKindNs = new Map<string, Set<Resource>>();
  /** Workloads by namespace and one pod label (`ns|key|value`). */
  private readonly byPodLabel = new Map<string, NameGroup>();
  /** Workloads by namespace and pod label key (`ns|key`), whatever the value. */
  private readonly byPodLabelKey = new Map<string, Set<Resource>>();
  private resourceOf = new WeakMap<ParsedDoc, Resource[]>();
  /** Name sets for DNS names in values, kept with the indexes (see {@link DnsNameSets}). */
  readonly dnsNames = new DnsNameSets();
  /** Monotonic revision; bumped once per change. */
  revision = 0;
  /** Revision at which any resource matching a dependency key last changed. */
  private readonly keyRev = new Map<string, number>();
  /** Bumped when settings change: every cached analysis result is stale. */
  settingsRevision = 0;
  /** Kustomizations, which files are patches, and the builds (see core/kustomize). */
  readonly kustomize = new KustomizeIndex();
  /**
   * Parses one document chunk (replaceable: a caller that already has a chunk's tree can hand it
   * over). `prev` is the document that was at the same place before the edit: when the edit only
   * changed one plain scalar value, its tree is copied with that value replaced (see reparse.ts).
   */
  parseChunk: (uri: string, text: string, prev?: ParsedDoc) => ParsedDoc = (uri, text, prev) =>
    (prev && reparseValueEdit(prev, text)) || parseChunk(uri, text);
  private readonly sourceDocs = new WeakMap<FileModel, SourceDoc[]>();
  /** Files' documents as plain JSON, for kustomize builds. */
  readonly fileAccess: FileAccess = {
    file: (uri) => {
      const f = this.fileModels.get(uri);
      if (!f) {
        // A generator's input that is not YAML: its text is its version (equal texts, same build).
        const aux = this.auxText.get(uri);
        return aux === undefined ? undefined : { version: aux, docs: [] };
      }
      let docs = this.sourceDocs.get(f);
      if (!docs) {
        docs = f.docs.map((d) => ({ js: docJs(d), res: f.resources.find((r) => r.doc === d) }));
        this.sourceDocs.set(f, docs);
      }
      return { version: f, docs };
    },
    text: (uri) => this.textOf(uri) ?? this.auxText.get(uri),
    revision: () => this.revision,
    notifies: true,
  };

  get settings(): Settings {
    return this.settingsValue;
  }

  setSettings(s: Settings): void {
    const nsChanged = s.defaultNamespace !== this.settingsValue.defaultNamespace;
    const sizeChanged = s.maxFileSize !== this.settingsValue.maxFileSize;
    this.settingsValue = s;
    this.settingsRevision++;
    this.revision++;
    if (nsChanged || sizeChanged) {
      this.resourceOf = new WeakMap();
      for (const uri of [...this.fileModels.keys()]) this.rebuild(uri, true);
    }
  }

  private readonly revisionMemos = new Map<unknown, { revision: number; value: unknown }>();

  /**
   * A value derived from the whole workspace (or its settings), computed once per revision and
   * shared by everything that asks meanwhile (every claim of a file, say); not to be mutated.
   * `key` identifies the computation (a function or a constant). A caller that needs to be told
   * when the value changes still records its own dependency keys through a Query.
   */
  atRevision<T>(key: unknown, compute: () => T): T {
    const m = this.revisionMemos.get(key);
    if (m && m.revision === this.revision) return m.value as T;
    const value = compute();
    this.revisionMemos.set(key, { revision: this.revision, value });
    return value;
  }

  /** Revision at which a dependency key last changed (0 if never). */
  keyRevision(key: string): number {
    return this.keyRev.get(key) ?? 0;
  }

  file(uri: string): FileModel | undefined {
    return this.fileModels.get(uri);
  }

  files(): IterableIterator<FileModel> {
    return this.fileModels.values();
  }

  isOpen(uri: string): boolean {
    return this.openText.has(uri);
  }

  /** Text read from disk (workspace scan or file watcher). */
  setDiskFile(uri: string, text: string): UpdateResult {
    this.diskText.set(uri, text);
    if (this.openText.has(uri)) return { parsed: 0, reused: 0 };
    return this.rebuild(uri);
  }

  /**
   * Text read from disk with its facts computed elsewhere (a worker thread, by `fileFacts` of
   * the same text): the documents are created without syntax trees; they are parsed when
   * analysis first needs them.
   */
  setDiskFileFacts(uri: string, text: string, facts: readonly ChunkFacts[]): UpdateResult {
    this.diskText.set(uri, text);
    if (this.openText.has(uri)) return { parsed: 0, reused: 0 };
    return this.rebuild(uri, false, facts);
  }

  /** URIs whose disk text is known. */
  diskFiles(): string[] {
    return [...this.diskText.keys()];
  }

  /**
   * The text of a file that kustomize generators read and that is not YAML (`envs`, `files`:
   * .env, .properties, certificates, …; undefined: gone or unreadable): the hash suffix of the
   * generated names is computed over it. Not analysed, not a file of the model.
   */
  setGeneratorInput(uri: string, text: string | undefined): void {
    if (this.auxText.get(uri) === text) return;
    if (text === undefined) this.auxText.delete(uri);
    else this.auxText.set(uri, text);
    this.revision++;
    this.keyRev.set(fileKey(uri), this.revision);
    if (this.kustomize.size > 0)
      for (const root of this.kustomize.fileChanged(uri)) this.keyRev.set(buildKey(root), this.revision);
  }

  /**
   * The inputs that kustomizations' generators name (envs, files) and that are not YAML files of
   * the workspace: what a host reads from disk for {@link setGeneratorInput}.
   */
  generatorInputs(): string[] {
    const out = new Set<string>();
    for (const k of this.kustomize.kustomizations())
      for (const g of k.generators) {
        for (const e of g.envs ?? []) if (e && !this.fileModels.has(e)) out.add(e);
        for (const f of g.files ?? []) if (f.uri && !this.fileModels.has(f.uri)) out.add(f.uri);
      }
    return [...out];
  }

  /** Whether the text of a generator's input is known (see {@link setGeneratorInput}). */
  hasGeneratorInput(uri: string): boolean {
    return this.auxText.has(uri);
  }

  deleteDiskFile(uri: string): void {
    this.diskText.delete(uri);
    if (!this.openText.has(uri)) this.drop(uri);
  }

  /** Text of an open editor buffer; wins over the disk text until closed. */
  setOpenFile(uri: string, text: string): UpdateResult {
    this.openText.set(uri, text);
    return this.rebuild(uri);
  }

  closeFile(uri: string): void {
    this.openText.delete(uri);
    if (this.diskText.has(uri)) this.rebuild(uri);
    else this.drop(uri);
  }

  /**
   * Drop the syntax trees of a file that is not open: it keeps its text, problems and index
   * entries, and trees are parsed again on demand (hover, navigation, a rule that must rerun).
   */
  evictTrees(uri: string): void {
    if (this.openText.has(uri)) return;
    const f = this.fileModels.get(uri);
    if (f) for (const d of f.docs) d.evict();
  }

  /** All resources of a kind (any namespace). */
  ofKind(kind: string): Iterable<Resource> {
    return this.byKind.get(kind) ?? [];
  }

  /** Resources of a kind in one namespace ('' for cluster-scoped kinds). */
  inNamespace(kind: string, namespace: string): Iterable<Resource> {
    return this.byKindNs.get(`${kind}|${namespace}`) ?? [];
  }

  /**
   * Workloads of a namespace whose pod (template) labels include `key: value` (any workload
   * kind; a superset filter: callers still match the full selector).
   */
  withPodLabel(namespace: string, key: string, value: string): Iterable<Resource> {
    return this.byPodLabel.get(`${namespace}|${key}|${value}`)?.unordered() ?? [];
  }

  /** Workloads of a namespace with a pod (template) label `key`, whatever its value. */
  withPodLabelKey(namespace: string, key: string): Iterable<Resource> {
    return this.byPodLabelKey.get(`${namespace}|${key}`) ?? [];
  }

  /** Whether a namespace holds any object of a kind. */
  hasAny(kind: string, namespace: string): boolean {
    return this.byKindNs.has(`${kind}|${namespace}`);
  }

  /** Resources of a kind with a name in a namespace ('' for cluster-scoped kinds). */
  named(kind: string, namespace: string, name: string): readonly Resource[] {
    return this.byName.get(`${kind}|${namespace}|${name}`)?.sorted(this.orderEpoch) ?? [];
  }

  /** Resources of a kind with a name, in any namespace (unordered). */
  namedAnyNamespace(kind: string, name: string): Iterable<Resource> {
    return this.byKindName.get(`${kind}||${name}`)?.unordered() ?? [];
  }

  kinds(): IterableIterator<string> {
    return this.byKind.keys();
  }

  /** Texts of generators' inputs that are not YAML (see {@link setGeneratorInput}). */
  private readonly auxText = new Map<string, string>();

  private textOf(uri: string): string | undefined {
    return this.openText.get(uri) ?? this.diskText.get(uri);
  }

  private drop(uri: string): void {
    const old = this.fileModels.get(uri);
    if (!old) return;
    this.revision++;
    this.keyRev.set(fileKey(uri), this.revision).set(dirKey(uri), this.revision);
    for (const r of old.resources) this.unindex(r);
    this.fileModels.delete(uri);
    this.syncKustomize(uri);
  }

  /** Record the real kustomize's output for a top-level build (see KustomizeIndex.setRendered). */
  setRenderedBuild(rootUri: string, model: Build, printed: unknown[]): boolean {
    if (!this.kustomize.setRendered(rootUri, model, printed)) return false;
    this.revision++;
    this.keyRev.set(buildKey(rootUri), this.revision);
    this.keyRev.set(KUSTOMIZE_KEY, this.revision);
    return true;
  }

  /** Whether a file's documents are kustomize patches (named as a patch, not as a resource). */
  isPatchFile(uri: string): boolean {
    return this.kustomize.isPatchFile(uri);
  }

  /** After a file changed: update the kustomize index; re-index files that became (or stopped being) patches. */
  private syncKustomize(uri: string): void {
    if (isKustomizationUri(uri)) {
      const f = this.fileModels.get(uri);
      const before = new Set(this.kustomize.size ? this.kustomize.patchFiles() : []);
      const first = f?.docs.find((d) => d.yaml.contents);
      if (!this.kustomize.setKustomization(uri, first ? docJs(first) : undefined)) return;
      const after = this.kustomize.patchFiles();
      for (const u of new Set([...before, ...after])) {
        if (before.has(u) === after.has(u)) continue;
        const m = this.fileModels.get(u);
        if (m)
          for (const r of m.resources) {
            this.unindex(r);
            this.indexResource(r);
          }
      }
      this.keyRev.set(KUSTOMIZE_KEY, this.revision);
    } else if (this.kustomize.size > 0) {
      // A file a build reads changed: only results that depend on those builds are stale.
      for (const root of this.kustomize.fileChanged(uri)) this.keyRev.set(buildKey(root), this.revision);
      if (this.kustomize.mentions(uri)) this.keyRev.set(KUSTOMIZE_FILES_KEY, this.revision);
    }
  }

  private rebuild(uri: string, force = false, facts?: readonly ChunkFacts[]): UpdateResult {
    const text = this.textOf(uri);
    if (text === undefined) {
      this.drop(uri);
      return { parsed: 0, reused: 0 };
    }
    const old = this.fileModels.get(uri);
    if (!force && old && old.text === text) return { parsed: 0, reused: old.docs.length };
    this.revision++;
    this.keyRev.set(fileKey(uri), this.revision).set(dirKey(uri), this.revision);
    this.orderEpoch++;
    const tooLarge = text.length > this.settingsValue.maxFileSize;
    // Reuse unchanged documents, matched by their exact text.
    const pool = new Map<string, ParsedDoc[]>();
    if (old && !force) {
      for (const d of old.docs) {
        const l = pool.get(d.text);
        if (l) l.push(d);
        else pool.set(d.text, [d]);
      }
    }
    const docs: ParsedDoc[] = [];
    const heads = new Map<ParsedDoc, ResourceHead[] | undefined>();
    let parsed = 0;
    let reused = 0;
    if (tooLarge) {
      // Stand-in document: the first line with text (within the first 4 KiB), for the size note.
      const m = /\S[^\r\n]*/.exec(text.slice(0, 4096));
      const start = m ? m.index : 0;
      const d = placeholderDoc(uri, m ? m[0].slice(0, 200) : '');
      d.base = start;
      docs.push(d);
    } else if (facts) {
      for (const c of facts) {
        const chunkText = text.slice(c.start, c.end);
        let d = pool.get(chunkText)?.shift();
        if (d) reused++;
        else {
          d = new ParsedDoc(uri, chunkText, undefined, c.templated, { errors: c.errors, warnings: c.warnings });
          heads.set(d, c.heads);
        }
        d.base = c.start;
        d.index = docs.length;
        docs.push(d);
      }
    } else {
      for (const c of splitDocuments(text)) {
        const chunkText = text.slice(c.start, c.end);
        let d = pool.get(chunkText)?.shift();
        if (d) reused++;
        else {
          d = this.parseChunk(uri, chunkText, old && !force ? old.docs[docs.length] : undefined);
          parsed++;
        }
        d.base = c.start;
        d.index = docs.length;
        docs.push(d);
      }
    }
    const resources: Resource[] = [];
    for (const d of docs) {
      let r = this.resourceOf.get(d);
      if (r === undefined) {
        r = heads.has(d)
          ? resourcesFromHeads(d, heads.get(d), this.settingsValue.defaultNamespace)
          : toResources(d, this.settingsValue.defaultNamespace);
        this.resourceOf.set(d, r);
      }
      for (const x of r) resources.push(x);
    }
    const oldSet = new Set(old?.resources ?? []);
    const newSet = new Set(resources);
    for (const r of oldSet) if (!newSet.has(r)) this.unindex(r);
    for (const r of newSet) if (!oldSet.has(r)) this.indexResource(r);
    this.fileModels.set(uri, new FileModel(uri, text, docs, resources, tooLarge));
    this.syncKustomize(uri);
    return { parsed, reused };
  }

  private bump(r: Resource): void {
    for (const k of depKeys(r.kind, r.namespace, r.name)) this.keyRev.set(k, this.revision);
  }

  private indexResource(r: Resource): void {
    // Patches are not objects: they are applied to the objects of a kustomize build.
    if (this.kustomize.isPatchFile(r.uri)) return;
    let s = this.byKind.get(r.kind);
    if (!s) this.byKind.set(r.kind, (s = new Set()));
    s.add(r);
    const kn = flatKey(r.kind, r.namespace);
    let ns = this.byKindNs.get(kn);
    if (!ns) {
      this.byKindNs.set(kn, (ns = new Set()));
      this.keyRev.set(existsKey(r.kind, r.namespace), this.revision);
    }
    ns.add(r);
    for (const [k, v] of r.podLabels ?? []) {
      const lk = flatKey(r.namespace, k, v);
      let l = this.byPodLabel.get(lk);
      if (!l) this.byPodLabel.set(lk, (l = new NameGroup()));
      l.add(r);
      this.keyRev.set(podLabelKey(r.namespace, k, v), this.revision);
      const kk = flatKey(r.namespace, k);
      let lk2 = this.byPodLabelKey.get(kk);
      if (!lk2) this.byPodLabelKey.set(kk, (lk2 = new Set()));
      lk2.add(r);
      this.keyRev.set(podLabelKey(r.namespace, k), this.revision);
    }
    if (r.name !== undefined) {
      const k = flatKey(r.kind, r.namespace, r.name);
      let g = this.byName.get(k);
      if (!g) this.byName.set(k, (g = new NameGroup()));
      g.add(r);
      const kn2 = flatKey(r.kind, '', r.name);
      let any = this.byKindName.get(kn2);
      if (!any) this.byKindName.set(kn2, (any = new NameGroup()));
      any.add(r);
    }
    for (const k of this.dnsNames.add(r)) this.keyRev.set(k, this.revision);
    this.bump(r);
  }

  private unindex(r: Resource): void {
    const s = this.byKind.get(r.kind);
    if (s?.has(r)) for (const k of this.dnsNames.delete(r)) this.keyRev.set(k, this.revision);
    if (s) {
      s.delete(r);
      if (s.size === 0) this.byKind.delete(r.kind);
    }
    const kn = flatKey(r.kind, r.namespace);
    const ns = this.byKindNs.get(kn);
    if (ns) {
      ns.delete(r);
      if (ns.size === 0) {
        this.byKindNs.delete(kn);
        this.keyRev.set(existsKey(r.kind, r.namespace), this.revision);
      }
    }
    for (const [k, v] of r.podLabels ?? []) {
      const lk = flatKey(r.namespace, k, v);
      const l = this.byPodLabel.get(lk);
      if (l) {
        l.delete(r);
        if (l.size === 0) this.byPodLabel.delete(lk);
      }
      this.keyRev.set(podLabelKey(r.namespace, k, v), this.revision);
      const kk = flatKey(r.namespace, k);
      const lk2 = this.byPodLabelKey.get(kk);
      if (lk2) {
        lk2.delete(r);
        if (lk2.size === 0) this.byPodLabelKey.delete(kk);
      }
      this.keyRev.set(podLabelKey(r.namespace, k), this.revision);
    }
    if (r.name !== undefined) {
      const k = flatKey(r.kind, r.namespace, r.name);
      const g = this.byName.get(k);
      if (g) {
        g.delete(r);
        if (g.size === 0) this.byName.delete(k);
      }
      const kn2 = flatKey(r.kind, '', r.name);
      const any = this.byKindName.get(kn2);
      if (any) {
        any.delete(r);
        if (any.size === 0) this.byKindName.delete(kn2);
      }
    }
    this.bump(r);
  }
}

/**
 * Same-named resources: O(1) insert and delete, sorted by location only when read (and only
 * again after a file changed), so that many objects with one name stay linear to index.
 * Also the bucket of the other indexes whose keys are mostly unique (kind and name in any
 * namespace, one pod label): a lone member is kept without a Set (memory at scale), and
 * `unordered()` gives insertion order, as a Set would.
 */
class NameGroup {
  /** One member (the usual case: no Set per name), or a Set once there are more. */
  private members: Resource | Set<Resource> | undefined;
  private order: Resource[] | undefined;
  private epoch = -1;

  get size(): number {
    const m = this.members;
    return m === undefined ? 0 : m instanceof Set ? m.size : 1;
  }

  add(r: Resource): void {
    const m = this.members;
    if (m === undefined) this.members = r;
    else if (m instanceof Set) m.add(r);
    else if (m !== r) this.members = new Set([m, r]);
    this.order = undefined;
  }

  delete(r: Resource): void {
    const m = this.members;
    if (m instanceof Set) {
      if (!m.delete(r)) return;
      if (m.size === 1) this.members = m.values().next().value;
    } else if (m === r) this.members = undefined;
    else return;
    this.order = undefined;
  }

  /** The members in no particular order. */
  unordered(): Iterable<Resource> {
    const m = this.members;
    return m === undefined ? [] : m instanceof Set ? m : [m];
  }

  sorted(epoch: number): readonly Resource[] {
    const m = this.members;
    if (!(m instanceof Set)) return m === undefined ? [] : [m];
    if (!this.order || this.epoch !== epoch) {
      this.order = [...m];
      this.order.sort(byLocation);
    }
    this.epoch = epoch;
    return this.order;
  }
}

function byLocation(a: Resource, b: Resource): number {
  return a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.doc.index - b.doc.index || itemOrder(a) - itemOrder(b);
}
