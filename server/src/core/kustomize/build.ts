/**
 * A model of `kustomize build`: the objects a kustomization produces, with the transformers
 * applied in kustomize's order (sigs.k8s.io/kustomize/api/internal/target/kusttarget.go:
 * resources, generators, components, then patchesStrategicMerge, patches, namespace,
 * prefix/suffix, labels, annotations, patchesJson6902, replicas, images) and, at the end,
 * references by name (serviceName, claimName, configMap/secret refs, …) renamed with the
 * objects they point at. It works on plain JSON copies; the source YAML is never changed.
 */
import { parseAllDocuments } from 'yaml';
import type { Resource } from '../model/resource';
import { CLUSTER_SCOPED } from '../model/resource';
import { clone, jsonPatch, strategicMerge } from './merge';
import { GeneratorEntry, isObj, KSpec, Obj, PatchEntry, Target } from './spec';
import { kustomizeHash, secretValue } from './hash';

export interface SourceDoc {
  js: unknown;
  res?: Resource;
}

/** What a build reads: kustomizations by folder and files' documents as plain JSON. */
export interface BuildSource {
  kustomizationIn(dirUri: string): KSpec | undefined;
  docs(uri: string): SourceDoc[] | undefined;
  /** A file's text (generator files: envs, files); undefined when not known here. */
  text?(uri: string): string | undefined;
  /** Accumulations of kustomizations that builds include as a resource, kept across builds (optional). */
  accumulations?: AccumulationCache;
}

/**
 * What a kustomization included as a resource (a base) contributes to any build that includes
 * it: its objects after its own transformers, what it read and its patches' outcomes. It does
 * not depend on the including build, so builds that share a base share it (each works on a copy).
 */
export interface Accumulation {
  /** The objects, never handed out: each build gets a copy. */
  readonly objs: readonly BuiltObject[];
  readonly incomplete: boolean;
  readonly inputs: ReadonlySet<string>;
  readonly patchUses: readonly PatchUse[];
  /** How deep its kustomizations nest (itself: 1). */
  readonly depth: number;
}

/** Stores accumulations; `get` answers only while every file and kustomization they read is unchanged. */
export interface AccumulationCache {
  get(k: KSpec): Accumulation | undefined;
  set(k: KSpec, a: Accumulation): void;
}

export interface BuiltObject {
  obj: Obj;
  /** The source resource (undefined for generated objects). */
  origin?: Resource;
  /** Every name the object had, oldest first (the last is the current one). */
  names: string[];
  /** Every namespace it had ('' = none set), oldest first. */
  namespaces: string[];
  /**
   * ConfigMap/Secret from a generator; `hashSuffix` when kustomize appends a content hash;
   * `hash` is that suffix, when every input of the data was readable here.
   */
  generated?: { hashSuffix: boolean; kustomization: string; hash?: string; unknownData?: boolean };
  /** Patch files applied to it, in order. */
  patchedBy: string[];
}

export interface PatchUse {
  kustomization: string;
  entry: PatchEntry;
  /** Objects it applied to. */
  matched: number;
  /** Why it could not be applied (JSON 6902 failure, unreadable patch). */
  failure?: string;
  /** Some resources of its kustomization could not be read (remote or missing): its targets may be among them. */
  incomplete: boolean;
}

export interface Build {
  /** The kustomization built. */
  uri: string;
  objects: BuiltObject[];
  /** URIs of every file read (kustomizations, resources, patches). */
  inputs: Set<string>;
  patchUses: PatchUse[];
  /** Some input could not be read (remote or missing resources): the objects are only part of the real build. */
  incomplete: boolean;
  /** The objects are the output of the real kustomize (kubeStateful.kustomize.render), not the model's. */
  rendered?: boolean;
}

/**
 * A build with the objects the real kustomize printed for it: each keeps the model's link to its
 * source (origin, patches, former names) when the model has an object of the same kind,
 * namespace and name; the others (objects the model does not make) have no source.
 */
export function withRendered(model: Build, printed: unknown[]): Build {
  const byId = new Map<string, BuiltObject>();
  for (const o of model.objects) byId.set(`${kindOf(o.obj)}/${namespaceOf(o.obj)}/${nameOf(o.obj)}`, o);
  const objects: BuiltObject[] = [];
  for (const p of printed) {
    if (!isObj(p) || typeof p.kind !== 'string') continue;
    const obj = clone(p);
    const m = byId.get(`${kindOf(obj)}/${namespaceOf(obj)}/${nameOf(obj)}`);
    objects.push(m ? { ...m, obj } : { obj, names: [nameOf(obj)], namespaces: [namespaceOf(obj)], patchedBy: [] });
  }
  return { ...model, objects, incomplete: false, rendered: true };
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
/** An object's metadata, added when missing (except to a frozen object: see {@link writable}). */
const meta = (o: Obj): Obj => (isObj(o.metadata) ? o.metadata : Object.isFrozen(o) ? {} : (o.metadata = {}));
export const kindOf = (o: Obj) => str(o.kind) ?? '';
export const nameOf = (o: Obj) => str(meta(o).name) ?? '';
export const namespaceOf = (o: Obj) => str(meta(o).namespace) ?? '';

/**
 * Copy on write. The objects of a cached accumulation (see {@link Accumulation}) are frozen and
 * shared by every build that includes it: a build changes them only through `writable`, which
 * copies the frozen maps and lists on the way (one level each; what is not on the way stays
 * shared). So an overlay build copies only what its own transformers change, and two builds of
 * one overlay share what they did not change (comparing them is quick).
 */
function writable(b: BuiltObject, path: readonly (string | number)[], create: boolean): Obj | undefined {
  if (Object.isFrozen(b.obj)) b.obj = { ...b.obj };
  let cur: Obj | unknown[] = b.obj;
  for (const k of path) {
    const parent = cur as Record<string | number, unknown>;
    let next = parent[k];
    if (Array.isArray(next)) {
      if (Object.isFrozen(next)) parent[k] = next = next.slice();
    } else if (isObj(next)) {
      if (Object.isFrozen(next)) parent[k] = next = { ...next };
    } else if (create && typeof k === 'string' && (next === undefined || next === null)) parent[k] = next = {};
    else return undefined;
    cur = next as Obj | unknown[];
  }
  return isObj(cur) ? cur : undefined;
}

/** Freeze plain JSON data, all the way down. */
function deepFreeze(v: unknown): void {
  if (v === null || typeof v !== 'object' || Object.isFrozen(v)) return;
  Object.freeze(v);
  if (Array.isArray(v)) for (const x of v) deepFreeze(x);
  else for (const k of Object.keys(v)) deepFreeze((v as Obj)[k]);
}

/** Object at a path, creating maps on the way when `create`. */
function mapAt(o: Obj, path: string[], create: boolean): Obj | undefined {
  let cur: Obj = o;
  for (const k of path) {
    const next = cur[k];
    if (isObj(next)) cur = next;
    else if (create && (next === undefined || next === null)) cur = cur[k] = {};
    else return undefined;
  }
  return cur;
}

function groupOf(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.indexOf('/');
  return i < 0
    ? { group: '', version: apiVersion }
    : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}

function labelSelectorMatches(sel: string, labels: Obj | undefined): boolean {
  for (const part of sel
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^([^!=\s]+)\s*(==|=|!=)\s*(.*)$/.exec(part);
    if (m) {
      const v = labels ? str(labels[m[1]]) : undefined;
      if (m[2] === '!=' ? v === m[3] : v !== m[3]) return false;
    } else if (part.startsWith('!')) {
      if (labels && part.slice(1) in labels) return false;
    } else if (!labels || !(part in labels)) return false;
  }
  return true;
}

const anchored = (re: string, s: string) => {
  try {
    return new RegExp(`^(?:${re})$`).test(s);
  } catch {
    return re === s;
  }
};

function selects(t: Target, b: BuiltObject): boolean {
  const o = b.obj;
  const gv = groupOf(str(o.apiVersion) ?? '');
  if (t.kind && !anchored(t.kind, kindOf(o))) return false;
  if (t.group !== undefined && t.group !== '' && !anchored(t.group, gv.group)) return false;
  if (t.version && !anchored(t.version, gv.version)) return false;
  if (t.name && !b.names.some((n) => anchored(t.name!, n))) return false;
  if (t.namespace && !b.namespaces.some((n) => anchored(t.namespace!, n || 'default'))) return false;
  if (t.labelSelector && !labelSelectorMatches(t.labelSelector, meta(o).labels as Obj)) return false;
  if (t.annotationSelector && !labelSelectorMatches(t.annotationSelector, meta(o).annotations as Obj)) return false;
  return true;
}

/** Objects a strategic-merge patch without target applies to: same kind and (any former) name. */
function smpTargets(patch: Obj, objs: BuiltObject[]): BuiltObject[] {
  const kind = kindOf(patch);
  const name = nameOf(patch);
  const ns = namespaceOf(patch);
  const all = objs.filter((b) => kindOf(b.obj) === kind && b.names.includes(name));
  if (!ns || all.length <= 1) return all;
  const inNs = all.filter((b) => b.namespaces.includes(ns) || (ns === 'default' && b.namespaces.includes('')));
  return inNs.length ? inNs : all;
}

function parseInline(text: string): unknown[] {
  try {
    return parseAllDocuments(text, { version: '1.1' })
      .map((d) => ('toJS' in d ? d.toJS({ maxAliasCount: 100 }) : undefined))
      .filter((x) => x !== undefined && x !== null);
  } catch {
    return [];
  }
}

/** Label fields that kustomize's label transformer sets, per kind (kustomize's commonLabels field specs). */
const TEMPLATE_KINDS = new Set([
  'Deployment',
  'ReplicaSet',
  'DaemonSet',
  'StatefulSet',
  'Job',
  'ReplicationController',
]);
const SELECTOR_KINDS = new Set(['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet']);

/** Set `pairs` in the map at `path` (created when `create`), copying shared maps only when something changes. */
function putPairs(b: BuiltObject, path: readonly (string | number)[], pairs: Record<string, string>, create: boolean) {
  const cur = valueAt(b.obj, path);
  if (isObj(cur) && Object.keys(pairs).every((k) => cur[k] === pairs[k])) return;
  const m = writable(b, path, create);
  if (m) Object.assign(m, pairs);
}

function addLabels(b: BuiltObject, pairs: Record<string, string>, selectors: boolean, templates: boolean): void {
  if (Object.keys(pairs).length === 0) return;
  const o = b.obj;
  const kind = kindOf(o);
  const put = (path: (string | number)[], create: boolean) => putPairs(b, path, pairs, create);
  put(['metadata', 'labels'], true);
  if (templates || selectors) {
    if (TEMPLATE_KINDS.has(kind)) put(['spec', 'template', 'metadata', 'labels'], true);
    if (kind === 'CronJob') put(['spec', 'jobTemplate', 'spec', 'template', 'metadata', 'labels'], true);
    if (kind === 'StatefulSet' && isObj(o.spec) && Array.isArray(o.spec.volumeClaimTemplates))
      o.spec.volumeClaimTemplates.forEach((t, i) => {
        if (isObj(t)) put(['spec', 'volumeClaimTemplates', i, 'metadata', 'labels'], true);
      });
  }
  if (selectors) {
    if (kind === 'Service' && isObj(o.spec)) put(['spec', 'selector'], true);
    if (SELECTOR_KINDS.has(kind)) put(['spec', 'selector', 'matchLabels'], true);
    if (kind === 'ReplicationController') put(['spec', 'selector'], true);
    if (kind === 'PodDisruptionBudget' || kind === 'Job') put(['spec', 'selector', 'matchLabels'], false);
    if (kind === 'NetworkPolicy') put(['spec', 'podSelector', 'matchLabels'], false);
  }
}

function addAnnotations(b: BuiltObject, pairs: Record<string, string>): void {
  if (Object.keys(pairs).length === 0) return;
  putPairs(b, ['metadata', 'annotations'], pairs, true);
  if (TEMPLATE_KINDS.has(kindOf(b.obj))) putPairs(b, ['spec', 'template', 'metadata', 'annotations'], pairs, true);
}

/** Where an object's pod spec is (none: undefined). */
function podSpecPath(o: Obj): string[] | undefined {
  const path = [...podTemplatePath(kindOf(o)), 'spec'];
  return mapAt(o, path, false) ? path : undefined;
}

/** Where a workload kind's pod template is (a Pod is its own). */
function podTemplatePath(kind: string): string[] {
  return kind === 'Pod' ? [] : kind === 'CronJob' ? ['spec', 'jobTemplate', 'spec', 'template'] : ['spec', 'template'];
}

/** A built object's pod template (a Pod: itself; a CronJob: its job template's), when it has one. */
export function podTemplateOf(o: Obj): Obj | undefined {
  return mapAt(o, podTemplatePath(kindOf(o)), false);
}

function setImages(b: BuiltObject, images: KSpec['images']): void {
  const path = podSpecPath(b.obj);
  const ps = path && mapAt(b.obj, path, false);
  if (!ps) return;
  {
    for (const field of ['containers', 'initContainers']) {
      const cs = ps[field];
      if (!Array.isArray(cs)) continue;
      for (let i = 0; i < cs.length; i++) {
        const c = cs[i];
        if (!isObj(c) || typeof c.image !== 'string') continue;
        const m = /^(.*?)(?::([^:/@]+))?(?:@(.+))?$/.exec(c.image)!;
        const img = images.find((i) => i.name === m[1]);
        if (!img) continue;
        let out = img.newName ?? m[1];
        if (img.digest) out += '@' + img.digest;
        else if (img.newTag) out += ':' + img.newTag;
        else if (m[2]) out += ':' + m[2];
        else if (m[3]) out += '@' + m[3];
        if (out !== c.image) writable(b, [...path!, field, i], false)!.image = out;
      }
    }
  }
}

const REPLICA_KINDS = new Set(['Deployment', 'ReplicationController', 'ReplicaSet', 'StatefulSet']);

/** A built object of a cached accumulation as a build's own: its (frozen) content is shared, see {@link writable}. */
function copyObject(o: BuiltObject): BuiltObject {
  const c: BuiltObject = {
    obj: o.obj,
    origin: o.origin,
    names: o.names.slice(),
    namespaces: o.namespaces.slice(),
    patchedBy: o.patchedBy.slice(),
  };
  if (o.generated) c.generated = { ...o.generated };
  return c;
}

const MAX_DEPTH = 50;

/**
 * Per-object memos of the transformers' work, keyed by the input object when it is frozen (a
 * shared object of a cached accumulation, or an earlier memo's output, which is frozen too): the
 * same input under the same kustomization (or the same renames) gives the same output object.
 * So rebuilding an overlay after an edit to one of its patches copies only the objects that patch
 * changed, and comparing the new build with the last (built-findings.ts) finds the rest
 * identical without walking them.
 */
const transformed = new WeakMap<KSpec, WeakMap<Obj, Obj>>();
/** By token of a table of renames (see {@link renamesToken}), then by input object. */
const referencesFixed = new WeakMap<object, WeakMap<Obj, Obj>>();

function memoOf<K extends object>(memos: WeakMap<K, WeakMap<Obj, Obj>>, key: K): WeakMap<Obj, Obj> {
  let m = memos.get(key);
  if (!m) memos.set(key, (m = new WeakMap()));
  return m;
}
/** The last table of renames of each build, and its token: equal tables get the same token. */
const renameTables = new Map<string, { table: string[]; token: object }>();

function renamesToken(uri: string, table: string[]): object {
  const last = renameTables.get(uri);
  if (last && last.table.length === table.length && last.table.every((x, i) => x === table[i])) return last.token;
  const token = {};
  if (renameTables.size > 10000) renameTables.clear();
  renameTables.set(uri, { table, token });
  return token;
}

class Builder {
  readonly inputs = new Set<string>();
  readonly patchUses: PatchUse[] = [];
  private readonly stack: string[];
  /** The stack's length when this builder started. */
  private readonly base: number;
  /** The deepest nesting of kustomizations reached, counted from this builder's start. */
  depth = 0;
  /** A cycle or the nesting limit cut the accumulation short: its result depends on where it started. */
  cut = false;

  constructor(
    private readonly src: BuildSource,
    stack: readonly string[] = [],
  ) {
    this.stack = stack.slice();
    this.base = stack.length;
  }

  /**
   * The accumulation of a kustomization included as a resource: from the cache when it holds one
   * that does not reach back into the kustomizations being accumulated (a cycle) nor past the
   * nesting limit, else computed by a builder of its own and stored (unless a cycle or the
   * nesting limit cut it short: then it depends on where it started).
   */
  private included(sub: KSpec): { objs: BuiltObject[]; incomplete: boolean } {
    const cache = this.src.accumulations;
    if (!cache) return this.accumulate(sub, []);
    let a = cache.get(sub);
    if (a && (this.stack.length + a.depth > MAX_DEPTH || this.stack.some((u) => a!.inputs.has(u)))) a = undefined;
    let objs: BuiltObject[];
    if (a) objs = a.objs.map(copyObject);
    else {
      const b = new Builder(this.src, this.stack);
      const r = b.accumulate(sub, []);
      objs = r.objs;
      a = { objs: [], incomplete: r.incomplete, inputs: b.inputs, patchUses: b.patchUses, depth: b.depth };
      if (b.cut) this.cut = true;
      else {
        for (const o of objs) deepFreeze(o.obj);
        cache.set(sub, { ...a, objs: objs.map(copyObject) });
      }
    }
    this.depth = Math.max(this.depth, this.stack.length - this.base + a.depth);
    for (const u of a.inputs) this.inputs.add(u);
    for (const p of a.patchUses) this.patchUses.push(p);
    return { objs, incomplete: a.incomplete };
  }

  /** Objects of a file (resource documents only). */
  private fileObjects(uri: string): BuiltObject[] {
    const docs = this.src.docs(uri);
    if (!docs) return [];
    this.inputs.add(uri);
    const out: BuiltObject[] = [];
    for (const d of docs) {
      if (!isObj(d.js) || typeof d.js.kind !== 'string' || typeof d.js.apiVersion !== 'string') continue;
      const obj = clone(d.js);
      out.push({ obj, origin: d.res, names: [nameOf(obj)], namespaces: [namespaceOf(obj)], patchedBy: [] });
    }
    return out;
  }

  private patchDocs(k: KSpec, p: PatchEntry): unknown[] | undefined {
    if (p.inline !== undefined) return parseInline(p.inline);
    if (!p.uri) return undefined;
    const docs = this.src.docs(p.uri);
    if (!docs) return undefined;
    this.inputs.add(p.uri);
    return docs.map((d) => d.js).filter((x) => x !== undefined && x !== null);
  }

  private applyPatch(k: KSpec, p: PatchEntry, objs: BuiltObject[], incomplete: boolean): void {
    const use: PatchUse = { kustomization: k.uri, entry: p, matched: 0, incomplete };
    this.patchUses.push(use);
    const docs = this.patchDocs(k, p);
    if (!docs) {
      use.failure = p.uri ? 'unreadable' : 'remote';
      return;
    }
    const tag = p.uri ?? `${k.uri}#${p.from}[${p.index}]`;
    for (const doc of docs) {
      if (Array.isArray(doc)) {
        // JSON 6902: needs a target.
        const targets = p.target ? objs.filter((b) => selects(p.target!, b)) : [];
        for (const b of targets) {
          const r = jsonPatch(b.obj, doc);
          if (r.result) {
            b.obj = r.result;
            b.patchedBy.push(tag);
            use.matched++;
          } else use.failure = `operation ${r.failed} cannot be applied`;
        }
        continue;
      }
      if (!isObj(doc)) continue;
      const targets = p.target ? objs.filter((b) => selects(p.target!, b)) : smpTargets(doc, objs);
      for (const b of targets) {
        let patch = doc;
        if (p.target) {
          // The patch's own name and kind are overridden by each target's.
          patch = clone(doc);
          const m = meta(patch);
          m.name = nameOf(b.obj);
          if (namespaceOf(b.obj)) m.namespace = namespaceOf(b.obj);
          patch.kind = b.obj.kind;
          patch.apiVersion = b.obj.apiVersion;
        }
        const merged = strategicMerge(b.obj, patch);
        if (isObj(merged)) {
          b.obj = merged;
          b.patchedBy.push(tag);
          use.matched++;
        } else {
          // `$patch: delete` removes the object.
          objs.splice(objs.indexOf(b), 1);
          use.matched++;
        }
      }
    }
  }

  private transform(k: KSpec, objs: BuiltObject[], incomplete: boolean): void {
    for (const p of k.patches) if (p.from === 'patchesStrategicMerge') this.applyPatch(k, p, objs, incomplete);
    for (const p of k.patches) if (p.from === 'patches') this.applyPatch(k, p, objs, incomplete);
    let memo: WeakMap<Obj, Obj> | undefined;
    for (const b of objs) {
      const input = b.obj;
      const kind = kindOf(input);
      const namespace = k.namespace && !CLUSTER_SCOPED.has(kind);
      const name =
        (k.namePrefix || k.nameSuffix) && kind !== 'CustomResourceDefinition' && kind !== 'Namespace'
          ? `${k.namePrefix ?? ''}${nameOf(input)}${k.nameSuffix ?? ''}`
          : undefined;
      if (namespace) b.namespaces.push(k.namespace!);
      if (name !== undefined) b.names.push(name);
      // A shared (frozen) input this kustomization transformed before: the same output object.
      const frozen = Object.isFrozen(input);
      const seen = frozen ? (memo ??= memoOf(transformed, k)).get(input) : undefined;
      if (seen) {
        b.obj = seen;
        continue;
      }
      if (namespace && namespaceOf(b.obj) !== k.namespace) writable(b, ['metadata'], true)!.namespace = k.namespace;
      if (name !== undefined && nameOf(b.obj) !== name) writable(b, ['metadata'], true)!.name = name;
      addLabels(b, k.commonLabels, true, true);
      for (const l of k.labels) addLabels(b, l.pairs, l.includeSelectors, l.includeTemplates || l.includeSelectors);
      addAnnotations(b, k.commonAnnotations);
      if (frozen) {
        deepFreeze(b.obj);
        memo!.set(input, b.obj);
      }
    }
    for (const p of k.patches) if (p.from === 'patchesJson6902') this.applyPatch(k, p, objs, incomplete);
    for (const r of k.replicas)
      for (const b of objs)
        if (
          REPLICA_KINDS.has(kindOf(b.obj)) &&
          b.names.includes(r.name) &&
          valueAt(b.obj, ['spec', 'replicas']) !== r.count
        ) {
          const spec = writable(b, ['spec'], true);
          if (spec) spec.replicas = r.count;
        }
    if (k.images.length) for (const b of objs) setImages(b, k.images);
  }

  /**
   * A generator's data as kustomize makes it: envs (KEY=VALUE lines), files (whole text) and
   * literals (surrounding quotes removed), Secret values base64-encoded. `unknown` when some input
   * cannot be read here (its content, hence the hash, is unknown).
   */
  private generatorData(g: GeneratorEntry): { data: Obj; unknown: boolean } {
    const data: Obj = {};
    let unknown = false;
    const put = (key: string, value: string) => (data[key] = g.kind === 'Secret' ? secretValue(value) : value);
    for (const e of g.envs ?? []) {
      const text = e ? this.src.text?.(e) : undefined;
      if (e && text !== undefined) this.inputs.add(e);
      if (text === undefined) {
        unknown = true;
        continue;
      }
      text
        .replace(/^\uFEFF/, '')
        .split(/\r?\n/)
        .forEach((raw) => {
          const line = raw.replace(/^\s+/, '');
          if (!line || line.startsWith('#')) return;
          const i = line.indexOf('=');
          // KEY alone takes its value from the environment of whoever runs kustomize.
          if (i < 0) unknown = true;
          else put(line.slice(0, i), line.slice(i + 1));
        });
    }
    for (const f of g.files ?? []) {
      const text = f.uri ? this.src.text?.(f.uri) : undefined;
      if (f.uri && text !== undefined) this.inputs.add(f.uri);
      if (text === undefined) unknown = true;
      else put(f.key, text);
    }
    for (const l of g.literals) {
      const i = l.indexOf('=');
      if (i <= 0) continue;
      let v = l.slice(i + 1);
      if (v.length >= 2 && v[0] === v[v.length - 1] && (v[0] === '"' || v[0] === "'")) v = v.slice(1, -1);
      put(l.slice(0, i), v);
    }
    return { data, unknown };
  }

  private generate(k: KSpec, objs: BuiltObject[]): void {
    for (const g of k.generators) {
      const existing = objs.find((b) => kindOf(b.obj) === g.kind && b.names.includes(g.name));
      const { data, unknown } = this.generatorData(g);
      if (existing && (g.behavior === 'merge' || g.behavior === 'replace')) {
        if (existing.generated && unknown) existing.generated.unknownData = true;
        const top = writable(existing, [], false)!;
        top.data = g.behavior === 'merge' ? { ...(isObj(top.data) ? top.data : {}), ...data } : data;
        if (g.options?.labels) {
          const m = writable(existing, ['metadata'], true)!;
          m.labels = { ...(isObj(m.labels) ? m.labels : {}), ...g.options.labels };
        }
        continue;
      }
      const m: Obj = { name: g.name };
      if (g.namespace) m.namespace = g.namespace;
      if (g.options?.labels && Object.keys(g.options.labels).length) m.labels = { ...g.options.labels };
      if (g.options?.annotations && Object.keys(g.options.annotations).length)
        m.annotations = { ...g.options.annotations };
      const obj: Obj = { apiVersion: 'v1', kind: g.kind, metadata: m };
      if (g.kind === 'Secret') obj.type = g.type ?? 'Opaque';
      obj.data = data;
      const generated = { hashSuffix: g.hashSuffix, kustomization: k.uri, unknownData: unknown || undefined };
      objs.push({ obj, names: [g.name], namespaces: [g.namespace ?? ''], generated, patchedBy: [] });
    }
  }

  /**
   * Accumulate a kustomization (for a component: onto `into`, the including build's objects).
   * `incomplete` tells whether some input could not be read (remote, missing, a cycle).
   */
  accumulate(k: KSpec, into: BuiltObject[] = [], inherited = false): { objs: BuiltObject[]; incomplete: boolean } {
    if (this.stack.includes(k.uri) || this.stack.length > MAX_DEPTH) {
      this.cut = true;
      return { objs: into, incomplete: true };
    }
    this.stack.push(k.uri);
    this.depth = Math.max(this.depth, this.stack.length - this.base);
    this.inputs.add(k.uri);
    const objs = into;
    let incomplete = inherited || k.remote > 0;
    for (const ref of k.resources) {
      const sub = this.src.kustomizationIn(ref);
      if (sub) {
        const r = this.included(sub);
        objs.push(...r.objs);
        incomplete ||= r.incomplete;
      } else {
        // A missing file, or one with no objects (a placeholder filled by a generator or a
        // bootstrap step): what it will hold is unknown here.
        const got = this.src.docs(ref) ? this.fileObjects(ref) : [];
        if (got.length === 0) incomplete = true;
        objs.push(...got);
      }
    }
    // Generators run before components: a component's transformers see generated objects.
    this.generate(k, objs);
    for (const ref of k.components) {
      const c = this.src.kustomizationIn(ref);
      if (c) incomplete = this.accumulate(c, objs, incomplete).incomplete;
      else incomplete = true;
    }
    this.transform(k, objs, incomplete);
    this.stack.pop();
    return { objs, incomplete };
  }
}

/** The value at a path of maps and lists (undefined when the path is not there). */
function valueAt(o: unknown, path: readonly (string | number)[]): unknown {
  let cur = o;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[k];
  }
  return cur;
}

const listAt = (o: unknown, path: readonly (string | number)[]): unknown[] => {
  const v = valueAt(o, path);
  return Array.isArray(v) ? v : [];
};

/** Reference fields kustomize renames with their referent (a subset of its nameReference config). */
function fixReferences(uri: string, objs: BuiltObject[]): void {
  // The renamed objects (kind, namespace, name, every name they had), in build order: what an
  // object's fixes depend on, and the key of the per-object memo.
  const table: string[] = [];
  for (const b of objs)
    if (b.names.length > 1)
      table.push(kindOf(b.obj), namespaceOf(b.obj), nameOf(b.obj), String(b.names.length), ...b.names);
  if (table.length === 0) return;
  const renames = renamesToken(uri, table);
  // Renamed objects by kind and former name, in build order (made when an object is not in the memo).
  let byKindMemo: Map<string, Map<string, BuiltObject[]>> | undefined;
  const renamed = () => {
    if (byKindMemo) return byKindMemo;
    const byKind = (byKindMemo = new Map<string, Map<string, BuiltObject[]>>());
    for (const b of objs) {
      if (b.names.length < 2) continue;
      const kind = kindOf(b.obj);
      let byName = byKind.get(kind);
      for (let i = 0; i < b.names.length - 1; i++) {
        if (b.names.indexOf(b.names[i]) !== i) continue;
        if (!byName) byKind.set(kind, (byName = new Map()));
        const l = byName.get(b.names[i]);
        if (l) l.push(b);
        else byName.set(b.names[i], [b]);
      }
    }
    return byKind;
  };
  let memo: WeakMap<Obj, Obj> | undefined;
  /** Rename the reference in field `key` of the map at `path` (copying shared maps only when it changes). */
  const fix = (b: BuiltObject, path: (string | number)[], key: string, kind: string, ns: string) => {
    const m = valueAt(b.obj, path);
    if (!isObj(m) || typeof m[key] !== 'string') return;
    const cands = renamed()
      .get(kind)
      ?.get(m[key] as string);
    if (!cands) return;
    const n = nameOf((cands.find((c) => namespaceOf(c.obj) === ns) ?? cands[0]).obj);
    if (n !== m[key]) writable(b, path, false)![key] = n;
  };
  const has = (kind: string) => renamed().has(kind);
  for (const b of objs) {
    const o = b.obj;
    const frozen = Object.isFrozen(o);
    const seen = frozen ? (memo ??= memoOf(referencesFixed, renames)).get(o) : undefined;
    if (seen) {
      b.obj = seen;
      continue;
    }
    fixObject(b);
    if (frozen) {
      deepFreeze(b.obj);
      memo!.set(o, b.obj);
    }
  }

  function fixObject(b: BuiltObject): void {
    const o = b.obj;
    const ns = namespaceOf(o);
    const kind = kindOf(o);
    if (kind === 'StatefulSet' && has('Service')) fix(b, ['spec'], 'serviceName', 'Service', ns);
    const ps = podSpecPath(o);
    if (ps) {
      if (has('ServiceAccount')) fix(b, ps, 'serviceAccountName', 'ServiceAccount', ns);
      if (has('PriorityClass')) fix(b, ps, 'priorityClassName', 'PriorityClass', ns);
      const pvc = has('PersistentVolumeClaim');
      const cm = has('ConfigMap');
      const secret = has('Secret');
      if (pvc || cm || secret)
        listAt(o, [...ps, 'volumes']).forEach((v, i) => {
          if (!isObj(v)) return;
          if (pvc && isObj(v.persistentVolumeClaim))
            fix(b, [...ps, 'volumes', i, 'persistentVolumeClaim'], 'claimName', 'PersistentVolumeClaim', ns);
          if (cm && isObj(v.configMap)) fix(b, [...ps, 'volumes', i, 'configMap'], 'name', 'ConfigMap', ns);
          if (secret && isObj(v.secret)) fix(b, [...ps, 'volumes', i, 'secret'], 'secretName', 'Secret', ns);
        });
      if (cm || secret)
        for (const field of ['containers', 'initContainers']) {
          listAt(o, [...ps, field]).forEach((c, ci) => {
            if (!isObj(c)) return;
            const at = [...ps, field, ci];
            listAt(c, ['envFrom']).forEach((e, ei) => {
              if (!isObj(e)) return;
              if (cm) fix(b, [...at, 'envFrom', ei, 'configMapRef'], 'name', 'ConfigMap', ns);
              if (secret) fix(b, [...at, 'envFrom', ei, 'secretRef'], 'name', 'Secret', ns);
            });
            listAt(c, ['env']).forEach((e, ei) => {
              if (!isObj(e) || !isObj(e.valueFrom)) return;
              if (cm) fix(b, [...at, 'env', ei, 'valueFrom', 'configMapKeyRef'], 'name', 'ConfigMap', ns);
              if (secret) fix(b, [...at, 'env', ei, 'valueFrom', 'secretKeyRef'], 'name', 'Secret', ns);
            });
          });
        }
    }
    if (kind === 'PersistentVolumeClaim' && has('PersistentVolume'))
      fix(b, ['spec'], 'volumeName', 'PersistentVolume', '');
    if ((kind === 'PersistentVolumeClaim' || kind === 'PersistentVolume') && has('StorageClass'))
      fix(b, ['spec'], 'storageClassName', 'StorageClass', '');
    if (kind === 'StatefulSet' && has('StorageClass'))
      listAt(o, ['spec', 'volumeClaimTemplates']).forEach((t, i) => {
        if (isObj(t)) fix(b, ['spec', 'volumeClaimTemplates', i, 'spec'], 'storageClassName', 'StorageClass', '');
      });
    if (kind === 'RoleBinding' || kind === 'ClusterRoleBinding') {
      const ref = mapAt(o, ['roleRef'], false);
      if (ref) fix(b, ['roleRef'], 'name', str(ref.kind) ?? 'Role', ns);
      listAt(o, ['subjects']).forEach((s, i) => {
        if (isObj(s) && s.kind === 'ServiceAccount')
          fix(b, ['subjects', i], 'name', 'ServiceAccount', str(s.namespace) ?? ns);
      });
    }
    if (kind === 'Ingress' && has('Service'))
      listAt(o, ['spec', 'rules']).forEach((r, ri) => {
        listAt(r, ['http', 'paths']).forEach((p, pi) => {
          if (isObj(p) && isObj(p.backend))
            fix(b, ['spec', 'rules', ri, 'http', 'paths', pi, 'backend', 'service'], 'name', 'Service', ns);
        });
      });
  }
}

/** Build a kustomization as `kustomize build` would (within what is modelled). */
export function buildKustomization(k: KSpec, src: BuildSource): Build {
  const b = new Builder(src);
  const { objs: objects, incomplete } = b.accumulate(k);
  // The content hash is appended last, over the final data (after merges from overlays).
  for (const o of objects)
    if (o.generated?.hashSuffix && !o.generated.unknownData) {
      o.generated.hash = kustomizeHash(o.obj);
      const n = `${nameOf(o.obj)}-${o.generated.hash}`;
      writable(o, ['metadata'], true)!.name = n;
      o.names.push(n);
    }
  fixReferences(k.uri, objects);
  return { uri: k.uri, objects, inputs: b.inputs, patchUses: b.patchUses, incomplete };
}

/** The name kustomize prints: generated ConfigMaps/Secrets get a content hash (`<hash>` when their data is not all readable here). */
export function displayName(b: BuiltObject): string {
  return b.generated?.hashSuffix && !b.generated.hash ? `${nameOf(b.obj)}-<hash>` : nameOf(b.obj);
}
