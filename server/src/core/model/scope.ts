/**
 * Scoped resolution of references by name (serviceName, claimName, storageClassName,
 * volumeName, claimRef, …). When several objects carry the referenced name, the reference
 * resolves in the narrowest scope that has a candidate:
 *
 *   1. the same kustomize build (the referrer and the candidate end up in one build);
 *   2. the same file;
 *   3. the same folder, then each parent folder up to the workspace root;
 *   4. the whole workspace.
 *
 * Unrelated deployments that reuse a name in other folders (examples, install variants) are
 * then not linked to each other. Callers get every candidate of the chosen scope: when those
 * disagree on what matters, they stay silent instead of picking one.
 */
import { docJs, KustomizeIndex } from '../kustomize';
import { Build, BuiltObject, kindOf } from '../kustomize/build';
import type { Resource } from './resource';
import { dirKey, KUSTOMIZE_KEY, Workspace } from './workspace';

const parent = (dir: string) => {
  const i = dir.lastIndexOf('/');
  return i > 0 ? dir.slice(0, i) : '';
};

/** The candidates of the narrowest scope around `from` (all of them when none is narrower). */
export function narrowestScope(
  ws: Workspace,
  from: Resource,
  candidates: readonly Resource[],
  deps?: Set<string>,
): readonly Resource[] {
  if (candidates.length <= 1) return candidates;
  if (ws.kustomize.size > 0) {
    deps?.add(KUSTOMIZE_KEY);
    const builds = ws.kustomize.buildsContaining(ws.fileAccess, from);
    if (builds.length) {
      const inBuild = candidates.filter((c) => builds.some((b) => KustomizeIndex.contains(b, c)));
      if (inBuild.length) return inBuild;
    }
  }
  const sameFile = candidates.filter((c) => c.uri === from.uri);
  if (sameFile.length) return sameFile;
  for (let dir = parent(from.uri); dir.includes('/'); dir = parent(dir)) {
    const inDir = candidates.filter((c) => c.uri.startsWith(dir + '/'));
    if (inDir.length) return inDir;
  }
  return candidates;
}

/**
 * Where `sameScopeCopies` looks: `together` finds the copies that are certainly applied with
 * `res` (the same kustomize build, else the same file); `siblings` finds the copies in other files
 * of the same folder outside any build (applied together only by `kubectl apply -f <folder>`).
 */
export type CopyScope = 'together' | 'siblings';

/**
 * The other definitions of the same object as `res` in one scope (see `CopyScope`). Same names in
 * other folders or other builds are unrelated deployments, identical sibling copies are harmless
 * for kubectl, a folder of self-contained examples is applied one file at a time, and patches are
 * not objects (they are never candidates).
 */
export function sameScopeCopies(
  ws: Workspace,
  res: Resource,
  candidates: readonly Resource[],
  among: CopyScope,
  deps?: Set<string>,
  limit = Infinity,
  partOf: (c: Resource) => string = () => '',
): Resource[] {
  const out: Resource[] = [];
  if (candidates.length < 2) return out;
  const builds =
    ws.kustomize.size > 0 ? (deps?.add(KUSTOMIZE_KEY), ws.kustomize.buildsContaining(ws.fileAccess, res)) : [];
  const part = partOf(res);
  if (builds.length) {
    if (among === 'siblings') return out;
    for (const c of candidates) {
      if (c === res || partOf(c) !== part || !builds.some((b) => sameBuiltId(b, res, c))) continue;
      out.push(c);
      if (out.length >= limit) break;
    }
    return out;
  }
  // Outside builds the candidates are grouped once per revision (a file may repeat one object
  // thousands of times: scanning every candidate for every copy would be quadratic).
  const lists = copyLists(ws, candidates, partOf);
  if (among === 'together') {
    for (const c of lists.byFile.get(`${res.uri}\0${part}`) ?? []) {
      if (c === res) continue;
      out.push(c);
      if (out.length >= limit) break;
    }
    return out;
  }
  const list = lists.byDir.get(`${parent(res.uri)}\0${part}`);
  if (!list || exampleFolder(ws, res.uri, deps)) return out;
  // Skip the copies in res's own file (one run: the list is in location order) and runs of
  // copies with res's content (identical sibling copies are harmless) in one step each.
  const own = contentOf(res);
  const items = list.items;
  const contents = (list.contents ??= items.map(contentOf));
  const nextContent = (list.nextContent ??= jumps(contents.length, (i) => contents[i]));
  const nextFile = (list.nextFile ??= jumps(items.length, (i) => items[i].uri));
  for (let i = 0; i < items.length && out.length < limit;) {
    if (items[i].uri === res.uri) i = nextFile[i];
    else if (own !== undefined && contents[i] === own) i = nextContent[i];
    else out.push(items[i++]);
  }
  return out;
}

interface SiblingList {
  items: Resource[];
  contents?: (string | undefined)[];
  nextContent?: Int32Array;
  nextFile?: Int32Array;
}
interface CopyLists {
  revision: number;
  partOf: (c: Resource) => string;
  /** Candidates by file (and part), in location order. */
  byFile: Map<string, Resource[]>;
  /** Candidates outside any build by folder (and part), in location order, with their content. */
  byDir: Map<string, SiblingList>;
}
const copyMemo = new WeakMap<readonly Resource[], CopyLists>();

function copyLists(ws: Workspace, candidates: readonly Resource[], partOf: (c: Resource) => string): CopyLists {
  let m = copyMemo.get(candidates);
  if (m && m.revision === ws.revision && m.partOf === partOf) return m;
  m = { revision: ws.revision, partOf, byFile: new Map(), byDir: new Map() };
  for (const c of candidates) {
    const part = partOf(c);
    const fk = `${c.uri}\0${part}`;
    const f = m.byFile.get(fk);
    if (f) f.push(c);
    else m.byFile.set(fk, [c]);
    if (ws.kustomize.size > 0 && ws.kustomize.buildsContaining(ws.fileAccess, c).length) continue;
    const dk = `${parent(c.uri)}\0${part}`;
    const d = m.byDir.get(dk);
    if (d) d.items.push(c);
    else m.byDir.set(dk, { items: [c] });
  }
  copyMemo.set(candidates, m);
  return m;
}

/** For each index, the next index whose value differs (the length when none does). */
function jumps(n: number, value: (i: number) => unknown): Int32Array {
  const next = new Int32Array(n);
  for (let i = n - 1; i >= 0; i--) next[i] = i + 1 >= n || value(i + 1) !== value(i) ? i + 1 : next[i + 1];
  return next;
}

/** Whether a build makes an object from `a` and one from `b` with the same kind, namespace and name (after its prefixes, suffixes and namespace). */
function sameBuiltId(b: Build, a: Resource, c: Resource): boolean {
  if (!KustomizeIndex.contains(b, c)) return false;
  const id = (o: BuiltObject) =>
    `${kindOf(o.obj)}|${o.namespaces[o.namespaces.length - 1] ?? ''}|${o.names[o.names.length - 1] ?? ''}`;
  const ids = new Set<string>();
  for (const o of b.objects) if (o.origin === a) ids.add(id(o));
  for (const o of b.objects) if (o.origin === c && ids.has(id(o))) return true;
  return false;
}

/** The object's content as JSON text (comments and layout ignored). */
function contentOf(r: Resource): string | undefined {
  let v: unknown = docJs(r.doc);
  for (const k of r.prefix) v = v && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined;
  return v === undefined ? undefined : JSON.stringify(v);
}

const examples = new WeakMap<Workspace, Map<string, { revision: number; value: boolean }>>();

/**
 * Whether a folder is a collection of self-contained examples rather than one deployment: two of
 * its files define two or more of the same objects (variants applied one at a time).
 */
function exampleFolder(ws: Workspace, uri: string, deps?: Set<string>): boolean {
  deps?.add(dirKey(uri));
  const dir = parent(uri);
  let m = examples.get(ws);
  if (!m) examples.set(ws, (m = new Map()));
  const c = m.get(dir);
  if (c && c.revision === ws.revision) return c.value;
  // Objects shared by two files, counted with their copies in each file (a pair of files shares
  // Σ copies in one × copies in the other), counted per file over the names it shares with
  // others only; files that share a single object once are skipped, so a folder of thousands of
  // files with one common name stays linear. A pair of two patch files (not objects) does not count.
  let value = false;
  const files = [...ws.files()].filter((f) => parent(f.uri) === dir);
  const filesOf = new Map<string, { file: number; copies: number }[]>();
  const keysOf: { key: string; copies: number }[][] = files.map(() => []);
  files.forEach((f, i) => {
    for (const r of f.resources) {
      if (r.name === undefined) continue;
      const key = `${r.kind}|${r.namespace}|${r.name}`;
      let l = filesOf.get(key);
      if (!l) filesOf.set(key, (l = []));
      const last = l[l.length - 1];
      if (last?.file === i) last.copies++;
      else l.push({ file: i, copies: 1 });
    }
  });
  for (const [key, l] of filesOf) if (l.length > 1) for (const x of l) keysOf[x.file].push({ key, copies: x.copies });
  const patch = files.map((f) => ws.kustomize.size > 0 && ws.kustomize.isPatchFile(f.uri));
  const mark = new Int32Array(files.length).fill(-1);
  const count = new Int32Array(files.length);
  outer: for (let i = 0; i < files.length; i++) {
    // A pair sharing only one object once is seen from neither side; one sharing more from both.
    if (keysOf[i].reduce((n, k) => n + k.copies, 0) < 2) continue;
    for (const { key, copies } of keysOf[i]) {
      for (const o of filesOf.get(key)!) {
        if (o.file === i || (patch[i] && patch[o.file])) continue;
        if (mark[o.file] !== i) {
          mark[o.file] = i;
          count[o.file] = 0;
        }
        if ((count[o.file] += copies * o.copies) >= 2) {
          value = true;
          break outer;
        }
      }
    }
  }
  m.set(dir, { revision: ws.revision, value });
  return value;
}
