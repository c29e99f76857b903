/** Analysis settings: plain data, shared by the LSP server, the CLI and the tests. */
import { PLATFORM_IDS, PlatformSetting } from './k8s/platforms';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

export interface Settings {
  /** Cluster DNS zone (kubelet --cluster-domain); `cluster.local` unless configured. */
  clusterDomain: string;
  /** Namespace for resources whose metadata.namespace is absent. */
  defaultNamespace: string;
  /** StorageClass names that exist in the target cluster but not in the workspace. */
  knownStorageClasses: string[];
  /**
   * The platform(s) the manifests are written for, whose built-in StorageClasses exist without
   * being defined: `auto` (inferred from the workspace's provisioners, else every known
   * platform), `none`, or platform ids (`gke`, `eks`, `aks`, `openshift`, `k3s`, `kind`, `minikube`, `charmed`).
   */
  platform: PlatformSetting;
  /** Per-rule severity override, keyed by rule code. */
  rules: Record<string, SeveritySetting>;
  /** Files larger than this many bytes get one information diagnostic and are not analysed. */
  maxFileSize: number;
  /** Globs (relative to a workspace folder) of YAML files to index. */
  include: string[];
  /** Globs excluded from indexing. */
  exclude: string[];
  /** Inlay hints (pod names, PVC names, DNS pattern, default class) are shown. */
  inlayHintsEnable: boolean;
  /** Check built-in kinds against the bundled Kubernetes schema (kubeStateful.schema.enable). */
  schemaEnable: boolean;
  /**
   * Render kustomize builds with the real `kubectl kustomize` / `kustomize build` for hover and
   * the tree (kubeStateful.kustomize.render). Only ever in a trusted workspace.
   */
  kustomizeRender: boolean;
  /** Target Kubernetes release (`1.30`); empty: the release of the bundled schema. */
  kubernetesVersion: string;
  /** Most files indexed per workspace folder (or CLI path); reaching it is reported. */
  maxFiles: number;
  /** Folders, files or globs (relative to a workspace folder) whose CRDs give custom resources schemas. */
  crdPaths: string[];
}

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  clusterDomain: 'cluster.local',
  defaultNamespace: 'default',
  knownStorageClasses: [],
  platform: 'auto',
  rules: {},
  maxFileSize: 2 * 1024 * 1024,
  include: ['**/*.yaml', '**/*.yml'],
  exclude: ['**/node_modules/**', '**/.git/**', '**/charts/*/charts/**'],
  inlayHintsEnable: true,
  schemaEnable: true,
  kustomizeRender: false,
  kubernetesVersion: '',
  maxFiles: 20000,
  crdPaths: [],
}) as Settings;

const SEVERITIES = new Set(['error', 'warning', 'information', 'hint', 'off']);

/** Merge untrusted, partial settings (from an editor or a CLI flag) over the defaults. */
export function normalizeSettings(input: unknown): Settings {
  const s: Settings = { ...DEFAULT_SETTINGS, rules: {} };
  if (!input || typeof input !== 'object') return s;
  const o = input as Record<string, unknown>;
  if (typeof o.clusterDomain === 'string' && o.clusterDomain.trim()) {
    s.clusterDomain = o.clusterDomain.trim().replace(/^\.+|\.+$/g, '');
  }
  if (typeof o.defaultNamespace === 'string' && o.defaultNamespace.trim()) {
    s.defaultNamespace = o.defaultNamespace.trim();
  }
  if (Array.isArray(o.knownStorageClasses)) {
    s.knownStorageClasses = o.knownStorageClasses.filter((x): x is string => typeof x === 'string');
  }
  const platform = normalizePlatform(o.platform);
  if (platform !== undefined) s.platform = platform;
  if (o.rules && typeof o.rules === 'object') {
    for (const [k, v] of Object.entries(o.rules as Record<string, unknown>)) {
      if (typeof v === 'string' && SEVERITIES.has(v)) s.rules[k] = v as SeveritySetting;
    }
  }
  if (typeof o.maxFileSize === 'number' && o.maxFileSize > 0) s.maxFileSize = o.maxFileSize;
  if (typeof o.maxFiles === 'number' && Number.isInteger(o.maxFiles) && o.maxFiles > 0) s.maxFiles = o.maxFiles;
  if (Array.isArray(o.include)) s.include = o.include.filter((x): x is string => typeof x === 'string');
  const hints = dotted(o, 'inlayHints', 'enable');
  if (typeof hints === 'boolean') s.inlayHintsEnable = hints;
  if (Array.isArray(o.exclude)) s.exclude = o.exclude.filter((x): x is string => typeof x === 'string');
  const enable = dotted(o, 'schema', 'enable');
  if (typeof enable === 'boolean') s.schemaEnable = enable;
  const render = dotted(o, 'kustomize', 'render');
  if (typeof render === 'boolean') s.kustomizeRender = render;
  if (typeof o.kubernetesVersion === 'string' && /^v?1\.\d+(\.\d+)?$/.test(o.kubernetesVersion.trim()))
    s.kubernetesVersion = o.kubernetesVersion.trim().replace(/^v/, '');
  if (Array.isArray(o.crdPaths))
    s.crdPaths = o.crdPaths.filter((x): x is string => typeof x === 'string' && x.trim() !== '');
  return s;
}

/**
 * A dotted setting (`kubeStateful.schema.enable`): VS Code sends it nested (`{schema: {enable}}`),
 * a JSON settings file may have it flat (`"schema.enable"`). Its Settings field is camel-cased.
 */
function dotted(o: Record<string, unknown>, head: string, tail: string): unknown {
  const nested = o[head];
  if (nested && typeof nested === 'object' && tail in nested) return (nested as Record<string, unknown>)[tail];
  return o[`${head}.${tail}`];
}

/** `auto`, `none`, a platform id, a comma-separated list or an array of ids; unknown ids are dropped. */
export function normalizePlatform(v: unknown): PlatformSetting | undefined {
  const list =
    typeof v === 'string'
      ? v.split(',')
      : Array.isArray(v)
        ? v.filter((x): x is string => typeof x === 'string')
        : undefined;
  if (!list) return undefined;
  const ids = list.map((x) => x.trim().toLowerCase()).filter(Boolean);
  if (ids.length === 1 && (ids[0] === 'auto' || ids[0] === 'none')) return ids[0] as 'auto' | 'none';
  const known = ids.filter((x) => PLATFORM_IDS.includes(x));
  if (ids.length && !known.length) return undefined;
  return known.length ? [...new Set(known)] : 'none';
}
