/**
 * A kustomization file read into plain data: what it includes and which transformers it
 * declares. Field meanings follow kustomize v5 (sigs.k8s.io/kustomize/api/types/kustomization.go).
 */
import { dirOf, resolveRef } from './uri';

export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const strOf = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;

/** Which resources a patch or a transformer applies to (kustomize `Selector`). */
export interface Target {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

export interface PatchEntry {
  /** Resolved URI of the patch file (undefined for inline or remote patches). */
  uri?: string;
  /** The path as written. */
  path?: string;
  /** Inline patch text. */
  inline?: string;
  target?: Target;
  /** Which field declared it. */
  from: 'patches' | 'patchesStrategicMerge' | 'patchesJson6902';
  /** Index within that field (for locating it in the kustomization). */
  index: number;
}

export interface LabelsEntry {
  pairs: Record<string, string>;
  includeSelectors: boolean;
  includeTemplates: boolean;
}

export interface GeneratorEntry {
  kind: 'ConfigMap' | 'Secret';
  name: string;
  namespace?: string;
  behavior: string;
  /** Whether kustomize appends a content hash to the name. */
  hashSuffix: boolean;
  literals: string[];
  /** `files`: data keys (the file name unless `key=path`) and the files' URIs (undefined: unreadable path). */
  files?: { key: string; uri?: string }[];
  /** `envs` (and the older `env`): URIs of KEY=VALUE files. */
  envs?: (string | undefined)[];
  /** Secret type (Opaque unless set). */
  type?: string;
  options?: { labels?: Record<string, string>; annotations?: Record<string, string> };
}

export interface ImageEntry {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

export interface KSpec {
  uri: string;
  dir: string;
  /** `Kustomization` or `Component` (kind: Component, applied to the including build). */
  kind: 'Kustomization' | 'Component';
  /** Resolved references of `resources` (and the deprecated `bases`); remote ones dropped. */
  resources: string[];
  components: string[];
  /**
   * How many `resources`/`components` are remote, plus fields that are not modelled (Helm charts,
   * KRM generators/transformers, replacements): non-zero means the build here is incomplete.
   */
  remote: number;
  patches: PatchEntry[];
  namespace?: string;
  namePrefix?: string;
  nameSuffix?: string;
  commonLabels: Record<string, string>;
  labels: LabelsEntry[];
  commonAnnotations: Record<string, string>;
  replicas: { name: string; count: number }[];
  images: ImageEntry[];
  generators: GeneratorEntry[];
}

function stringRecord(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isObj(v))
    for (const [k, x] of Object.entries(v)) {
      const s = strOf(x) ?? (typeof x === 'boolean' ? String(x) : undefined);
      if (s !== undefined) out[k] = s;
    }
  return out;
}

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function target(v: unknown): Target | undefined {
  if (!isObj(v)) return undefined;
  const t: Target = {};
  for (const k of ['group', 'version', 'kind', 'name', 'namespace', 'labelSelector', 'annotationSelector'] as const) {
    const s = strOf(v[k]);
    if (s !== undefined) t[k] = s;
  }
  return t;
}

/** Fields whose effect on the objects is not modelled: a build using them counts as incomplete. */
const OPAQUE_FIELDS = [
  'helmCharts',
  'helmChartInflationGenerator',
  'generators',
  'transformers',
  'replacements',
  'vars',
];

/** A `patchesStrategicMerge` entry is either a path or an inline YAML document. */
const looksInline = (s: string) => /\n/.test(s.trim()) || /^\s*(apiVersion|kind|metadata)\s*:/.test(s);

/** Read a kustomization's parsed YAML (plain JS) into a KSpec; undefined if it is not one. */
export function readKustomization(uri: string, content: unknown): KSpec | undefined {
  if (!isObj(content)) return undefined;
  const kind = content.kind === 'Component' ? 'Component' : 'Kustomization';
  const dir = dirOf(uri);
  const refs = (v: unknown) =>
    list(v)
      .map((x) => strOf(x))
      .filter((x): x is string => !!x)
      .map((x) => resolveRef(dir, x))
      .filter((x): x is string => !!x);
  const patches: PatchEntry[] = [];
  list(content.patches).forEach((p, index) => {
    if (typeof p === 'string') {
      patches.push({ from: 'patches', index, path: p, uri: resolveRef(dir, p) });
      return;
    }
    if (!isObj(p)) return;
    const path = strOf(p.path);
    const inline = strOf(p.patch);
    if (path) patches.push({ from: 'patches', index, path, uri: resolveRef(dir, path), target: target(p.target) });
    else if (inline) patches.push({ from: 'patches', index, inline, target: target(p.target) });
  });
  list(content.patchesStrategicMerge).forEach((p, index) => {
    const s = strOf(p);
    if (!s) return;
    if (looksInline(s)) patches.push({ from: 'patchesStrategicMerge', index, inline: s });
    else patches.push({ from: 'patchesStrategicMerge', index, path: s, uri: resolveRef(dir, s) });
  });
  list(content.patchesJson6902).forEach((p, index) => {
    if (!isObj(p)) return;
    const path = strOf(p.path);
    const inline = strOf(p.patch);
    const t = target(p.target);
    if (path) patches.push({ from: 'patchesJson6902', index, path, uri: resolveRef(dir, path), target: t });
    else if (inline) patches.push({ from: 'patchesJson6902', index, inline, target: t });
  });
  const labels: LabelsEntry[] = list(content.labels)
    .filter(isObj)
    .map((l) => ({
      pairs: stringRecord(l.pairs),
      includeSelectors: l.includeSelectors === true,
      includeTemplates: l.includeTemplates === true,
    }));
  const opts = isObj(content.generatorOptions) ? content.generatorOptions : {};
  const globalNoHash = opts.disableNameSuffixHash === true;
  const generators: GeneratorEntry[] = [];
  for (const [field, gkind] of [
    ['configMapGenerator', 'ConfigMap'],
    ['secretGenerator', 'Secret'],
  ] as const) {
    for (const g of list(content[field])) {
      if (!isObj(g)) continue;
      const name = strOf(g.name);
      if (!name) continue;
      const go = isObj(g.options) ? g.options : {};
      // kustomize merges the two options with a logical or: `false` on a generator does not undo the global `true`.
      const noHash = go.disableNameSuffixHash === true || globalNoHash;
      generators.push({
        kind: gkind,
        name,
        namespace: strOf(g.namespace),
        behavior: strOf(g.behavior) ?? 'create',
        hashSuffix: !noHash,
        literals: list(g.literals)
          .map((x) => strOf(x) ?? '')
          .filter((x) => x),
        files: list(g.files)
          .map((x) => strOf(x))
          .filter((x): x is string => !!x)
          .map((f) => {
            const i = f.indexOf('=');
            const path = i > 0 ? f.slice(i + 1) : f;
            return { key: i > 0 ? f.slice(0, i) : path.slice(path.lastIndexOf('/') + 1), uri: resolveRef(dir, path) };
          }),
        envs: [...list(g.envs), ...(strOf(g.env) ? [g.env] : [])]
          .map((x) => strOf(x))
          .filter((x): x is string => !!x)
          .map((x) => resolveRef(dir, x)),
        type: gkind === 'Secret' ? strOf(g.type) : undefined,
        options: {
          labels: { ...stringRecord(opts.labels), ...stringRecord(go.labels) },
          annotations: { ...stringRecord(opts.annotations), ...stringRecord(go.annotations) },
        },
      });
    }
  }
  return {
    uri,
    dir,
    kind,
    resources: [...refs(content.resources), ...refs(content.bases)],
    remote:
      [...list(content.resources), ...list(content.bases), ...list(content.components)].filter(
        (x) => typeof x === 'string' && !resolveRef(dir, x),
      ).length +
      // Objects made or renamed by what is not modelled here (Helm charts, KRM plugins, replacements).
      OPAQUE_FIELDS.filter((f) => content[f] !== undefined && content[f] !== null).length,
    components: refs(content.components),
    patches,
    namespace: strOf(content.namespace) || undefined,
    namePrefix: strOf(content.namePrefix) || undefined,
    nameSuffix: strOf(content.nameSuffix) || undefined,
    commonLabels: stringRecord(content.commonLabels),
    labels,
    commonAnnotations: stringRecord(content.commonAnnotations),
    replicas: list(content.replicas)
      .filter(isObj)
      .map((r) => ({ name: strOf(r.name) ?? '', count: Number(r.count) }))
      .filter((r) => r.name && Number.isInteger(r.count)),
    images: list(content.images)
      .filter(isObj)
      .map((i) => ({
        name: strOf(i.name) ?? '',
        newName: strOf(i.newName),
        newTag: strOf(i.newTag),
        digest: strOf(i.digest),
      }))
      .filter((i) => i.name),
    generators,
  };
}
