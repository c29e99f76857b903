/** URI path arithmetic for kustomize references (pure: `file:///a/b` URIs, segments percent-encoded). */

export const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** The file name (last segment, decoded) of a URI. */
export function baseName(uri: string): string {
  const i = uri.lastIndexOf('/');
  try {
    return decodeURIComponent(uri.slice(i + 1));
  } catch {
    return uri.slice(i + 1);
  }
}

/** The folder URI of a file URI (no trailing slash). */
export function dirOf(uri: string): string {
  const i = uri.lastIndexOf('/');
  return i > 0 ? uri.slice(0, i) : uri;
}

export function isKustomizationUri(uri: string): boolean {
  return KUSTOMIZATION_NAMES.includes(baseName(uri));
}

/**
 * Whether a kustomize reference is remote (a git or HTTP URL): kustomize fetches those; here
 * they cannot be followed and are skipped without findings.
 */
export function isRemoteRef(ref: string): boolean {
  return (
    /^[a-z][a-z0-9+.-]*:\/\//i.test(ref) ||
    /^git@/.test(ref) ||
    /^(github\.com|gitlab\.com|bitbucket\.org)\//.test(ref) ||
    /\?(ref|version|timeout|submodules)=/.test(ref) ||
    /\.git(\/\/|$)/.test(ref)
  );
}

/** Resolve a relative (or absolute) path against a folder URI; undefined for remote references. */
export function resolveRef(dirUri: string, ref: string): string | undefined {
  const r = ref.trim();
  if (!r || isRemoteRef(r)) return undefined;
  const m = /^([a-z][a-z0-9+.-]*:\/\/[^/]*)(.*)$/i.exec(dirUri);
  if (!m) return undefined;
  const authority = m[1];
  const segs = r.startsWith('/') ? [] : m[2].split('/').filter((s) => s !== '');
  for (const s of r.split('/')) {
    if (s === '' || s === '.') continue;
    if (s === '..') segs.pop();
    else segs.push(encodeURIComponent(s));
  }
  return `${authority}/${segs.join('/')}`;
}

/** A path relative to a base folder URI, for labels (`overlays/prod`). */
export function relativeLabel(fromDir: string, uri: string): string {
  const a = fromDir.split('/');
  const b = uri.split('/');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const up = a.slice(i).map(() => '..');
  const rest = b.slice(i).map((s) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
  return [...up, ...rest].join('/') || '.';
}
