/** Analysis settings: plain data, shared by the LSP server, the CLI and the tests. */
export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';

export interface Settings {
  /** Cluster DNS zone (kubelet --cluster-domain); `cluster.local` unless configured. */
  clusterDomain: string;
  /** Namespace for resources whose metadata.namespace is absent. */
  defaultNamespace: string;
  /** StorageClass names that exist in the target cluster but not in the workspace. */
  knownStorageClasses: string[];
  /** Per-rule severity override, keyed by rule code. */
  rules: Record<string, SeveritySetting>;
  /** Files larger than this many bytes get one information diagnostic and are not analysed. */
  maxFileSize: number;
  /** Globs (relative to a workspace folder) of YAML files to index. */
  include: string[];
  /** Globs excluded from indexing. */
  exclude: string[];
  /** Most files indexed per workspace folder (or CLI path); reaching it is reported. */
  maxFiles: number;
}

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  clusterDomain: 'cluster.local',
  defaultNamespace: 'default',
  knownStorageClasses: [],
  rules: {},
  maxFileSize: 2 * 1024 * 1024,
  include: ['**/*.yaml', '**/*.yml'],
  exclude: ['**/node_modules/**', '**/.git/**', '**/charts/*/charts/**'],
  maxFiles: 20000,
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
  if (o.rules && typeof o.rules === 'object') {
    for (const [k, v] of Object.entries(o.rules as Record<string, unknown>)) {
      if (typeof v === 'string' && SEVERITIES.has(v)) s.rules[k] = v as SeveritySetting;
    }
  }
  if (typeof o.maxFileSize === 'number' && o.maxFileSize > 0) s.maxFileSize = o.maxFileSize;
  if (typeof o.maxFiles === 'number' && Number.isInteger(o.maxFiles) && o.maxFiles > 0) s.maxFiles = o.maxFiles;
  if (Array.isArray(o.include)) s.include = o.include.filter((x): x is string => typeof x === 'string');
  if (Array.isArray(o.exclude)) s.exclude = o.exclude.filter((x): x is string => typeof x === 'string');
  return s;
}
