/**
 * The reference index behind find-references and rename: every place a name is declared
 * (`metadata.name`, a volume's or claim template's name) or used (serviceName, subdomain,
 * claimName, claimRef, storageClassName, volumeName, mounts, ConfigMap/Secret sources,
 * DNS names in values), keyed by what it names. Pure core: spans are document offsets.
 */
import type { Span } from '../findings';
import { containersOf, mountsOf, podTemplateOf, PodTemplate, volumesOf } from '../k8s/podspec';
import { dnsNamesIn, labelRange, serviceLookup } from '../model/dns';
import { claimTemplates } from '../model/claims';
import { Query } from '../model/query';
import { CLUSTER_SCOPED, Resource } from '../model/resource';
import { narrowestScope } from '../model/scope';
import type { Workspace } from '../model/workspace';
import type { ParsedDoc } from '../yaml/parse';
import { child, items, str, YNode } from '../yaml/nodes';
import { scalarTextSpan, sourceSpan } from '../yaml/source-span';

export type SiteKind = 'resource' | 'volume' | 'claim-template';

export interface Site {
  /** What the name names: `Kind/namespace/name` for objects, a local key for volumes. */
  key: string;
  kind: SiteKind;
  /** For objects: the kind named. */
  targetKind?: string;
  name: string;
  res: Resource;
  /** The name's text (inside quotes), or the whole scalar when not exactly editable. */
  span: Span;
  /** The span holds exactly the name, so renaming can replace it. */
  editable: boolean;
  decl: boolean;
  /** A DNS name written in a value. */
  dns?: boolean;
  /** For a DNS name: the Services it may name (narrowed to the scope of `res` by the caller). */
  candidates?: readonly Resource[];
}

/** Key of an object; cluster-scoped kinds ignore the namespace. */
export function objectKey(kind: string, namespace: string, name: string): string {
  return `${kind}/${CLUSTER_SCOPED.has(kind) ? '' : namespace}/${name}`;
}

/**
 * The object a reference written in `from` names. Every reference goes through here, so
 * scoped resolution (kustomize, Helm) can replace it in one place.
 */
export function referenceKey(q: Query, from: Resource, kind: string, namespace: string, name: string): string {
  void q;
  void from;
  return objectKey(kind, namespace, name);
}

const localKey = (res: Resource, what: string, name: string) => `${what}:${res.uri}#${res.doc.index}:${name}`;

function site(
  res: Resource,
  node: YNode | undefined,
  key: string,
  kind: SiteKind,
  decl: boolean,
  targetKind?: string,
): Site | undefined {
  if (!node) return undefined;
  const name = str(res.yaml, node);
  if (!name) return undefined;
  const exact = scalarTextSpan(res.doc.text, node);
  const r = exact ?? (node.range ? [node.range[0], node.range[1]] : undefined);
  if (!r) return undefined;
  return { key, kind, targetKind, name, res, span: { doc: res.doc, start: r[0], end: r[1] }, editable: !!exact, decl };
}

const syntaxCache = new WeakMap<Resource, readonly Site[]>();

/** Sites that need no workspace lookup (memoized per resource). */
function syntaxSites(q: Query, res: Resource): readonly Site[] {
  let s = syntaxCache.get(res);
  if (!s) {
    s = Object.freeze(computeSyntaxSites(q, res));
    syntaxCache.set(res, s);
  }
  return s;
}

function computeSyntaxSites(q: Query, res: Resource): Site[] {
  const y = res.yaml;
  const out: (Site | undefined)[] = [];
  const ref = (node: YNode | undefined, kind: string, ns: string) => {
    const name = str(y, node);
    if (name) out.push(site(res, node, referenceKey(q, res, kind, ns, name), 'resource', false, kind));
  };
  // A kustomize patch is not an object: its name says which object it patches (a reference).
  if (res.name) {
    const key = objectKey(res.kind, res.namespace, res.name);
    out.push(site(res, res.at('metadata', 'name'), key, 'resource', !q.ws.isPatchFile(res.uri), res.kind));
  }
  const ns = res.namespace;
  switch (res.kind) {
    case 'StatefulSet':
      ref(res.at('spec', 'serviceName'), 'Service', ns);
      for (const c of claimTemplates(res)) {
        if (c.name) out.push(site(res, c.nameNode, localKey(res, 'claim', c.name), 'claim-template', true));
        ref(child(y, c.node, 'spec') && child(y, child(y, c.node, 'spec'), 'storageClassName'), 'StorageClass', '');
      }
      break;
    case 'PersistentVolumeClaim':
      ref(res.at('spec', 'storageClassName'), 'StorageClass', '');
      ref(res.at('spec', 'volumeName'), 'PersistentVolume', '');
      break;
    case 'PersistentVolume': {
      ref(res.at('spec', 'storageClassName'), 'StorageClass', '');
      const crNs = str(y, res.at('spec', 'claimRef', 'namespace'));
      if (crNs) ref(res.at('spec', 'claimRef', 'name'), 'PersistentVolumeClaim', crNs);
      break;
    }
  }
  const pt = podTemplateOf(res);
  if (pt) podSites(q, res, pt, out, ref);
  return out.filter((s): s is Site => !!s);
}

function podSites(
  q: Query,
  res: Resource,
  pt: PodTemplate,
  out: (Site | undefined)[],
  ref: (node: YNode | undefined, kind: string, ns: string) => void,
): void {
  const y = res.yaml;
  const ns = res.namespace;
  void q;
  ref(child(y, pt.spec, 'subdomain'), 'Service', ns);
  const claims =
    res.kind === 'StatefulSet' ? new Set(claimTemplates(res).map((c) => c.name)) : new Set<string | undefined>();
  for (const v of volumesOf(pt)) {
    if (v.name) out.push(site(res, v.nameNode, localKey(res, 'volume', v.name), 'volume', true));
    ref(child(y, child(y, v.node, 'persistentVolumeClaim'), 'claimName'), 'PersistentVolumeClaim', ns);
    ref(child(y, child(y, v.node, 'configMap'), 'name'), 'ConfigMap', ns);
    ref(child(y, child(y, v.node, 'secret'), 'secretName'), 'Secret', ns);
    for (const src of items(y, child(y, child(y, v.node, 'projected'), 'sources'))) {
      ref(child(y, child(y, src, 'configMap'), 'name'), 'ConfigMap', ns);
      ref(child(y, child(y, src, 'secret'), 'name'), 'Secret', ns);
    }
    const ect = child(y, child(y, v.node, 'ephemeral'), 'volumeClaimTemplate');
    ref(child(y, child(y, ect, 'spec'), 'storageClassName'), 'StorageClass', '');
  }
  for (const c of containersOf(pt)) {
    for (const m of mountsOf(pt, c)) {
      if (!m.name) continue;
      // A claim template wins over a template volume of the same name.
      const key = claims.has(m.name) ? localKey(res, 'claim', m.name) : localKey(res, 'volume', m.name);
      out.push(site(res, m.nameNode, key, claims.has(m.name) ? 'claim-template' : 'volume', false));
    }
    for (const e of items(y, child(y, c.node, 'envFrom'))) {
      ref(child(y, child(y, e, 'configMapRef'), 'name'), 'ConfigMap', ns);
      ref(child(y, child(y, e, 'secretRef'), 'name'), 'Secret', ns);
    }
    for (const e of items(y, child(y, c.node, 'env'))) {
      const vf = child(y, e, 'valueFrom');
      ref(child(y, child(y, vf, 'configMapKeyRef'), 'name'), 'ConfigMap', ns);
      ref(child(y, child(y, vf, 'secretKeyRef'), 'name'), 'Secret', ns);
    }
  }
}

/** DNS names in the resource's values that name a Service: one site on the Service label. */
export function dnsSites(q: Query, res: Resource, only?: string): Site[] {
  const out: Site[] = [];
  for (const d of dnsNamesIn(q, res, only)) {
    const target = d.services[0];
    if (!target?.name) continue;
    const [vs, ve] = labelRange(d, d.svcLabel);
    const exact = sourceSpan(res.doc.text, d.source.node, vs, ve);
    const r = exact ?? (d.source.node.range ? [d.source.node.range[0], d.source.node.range[1]] : undefined);
    if (!r) continue;
    out.push({
      key: objectKey('Service', target.namespace, target.name),
      kind: 'resource',
      targetKind: 'Service',
      name: d.svc,
      res,
      span: { doc: res.doc, start: r[0], end: r[1] },
      editable: !!exact,
      decl: false,
      dns: true,
      candidates: d.services,
    });
  }
  return out;
}

/** Every site of a resource. */
export function sitesOf(q: Query, res: Resource): Site[] {
  return [...syntaxSites(q, res), ...dnsSites(q, res)];
}

/**
 * Whether a document may write `name`: it does literally, or it has a backslash (a quoted
 * scalar with escapes). Documents that cannot are skipped without reading their trees, which
 * files that are not open do not keep.
 */
function mayWrite(doc: ParsedDoc, name: string): boolean {
  return doc.text.includes(name) || doc.text.includes('\\');
}

/**
 * Every site with the key of `at` (DNS sites scanned only when a Service is asked for). A
 * volume or claim template is local to its document: only that document is read.
 */
export function sitesFor(ws: Workspace, at: Pick<Site, 'key' | 'kind' | 'res'>): Site[] {
  const q = new Query(ws);
  const out: Site[] = [];
  const key = at.key;
  if (at.kind !== 'resource') {
    for (const res of ws.file(at.res.uri)?.resources ?? [])
      if (res.doc === at.res.doc) for (const s of syntaxSites(q, res)) if (s.key === key) out.push(s);
    return out;
  }
  const wantDns = key.startsWith('Service/');
  const name = key.slice(key.lastIndexOf('/') + 1);
  for (const f of ws.files()) {
    let doc: ParsedDoc | undefined;
    let may = false;
    for (const res of f.resources) {
      if (res.doc !== doc) may = mayWrite((doc = res.doc), name);
      if (!may) continue;
      for (const s of syntaxSites(q, res)) if (s.key === key) out.push(s);
      if (wantDns) for (const s of dnsSites(q, res, name)) if (s.key === key) out.push(s);
    }
  }
  return out;
}

/**
 * The objects a site names, resolved as the checks resolve references (model/scope.ts): the
 * declared object itself; for a reference, the candidates of the narrowest scope around the
 * resource that writes it (the same kustomize build, file, folder, else the workspace).
 * Volumes and claim templates are local: [] (their key already says which).
 */
export function siteTargets(ws: Workspace, s: Site): readonly Resource[] {
  if (s.kind !== 'resource') return [];
  if (s.decl) return [s.res];
  if (s.dns) return narrowestScope(ws, s.res, s.candidates ?? []);
  const [kind, namespace] = s.key.split('/');
  return narrowestScope(ws, s.res, ws.named(kind, namespace, s.name));
}

/** The site under a file offset, if any. */
export function siteAt(ws: Workspace, uri: string, offset: number): Site | undefined {
  const file = ws.file(uri);
  const doc = file?.docAt(offset);
  if (!file || !doc) return undefined;
  const res = file.resourceAt(offset);
  if (!res) return undefined;
  const o = offset - doc.base;
  const q = new Query(ws);
  return sitesOf(q, res).find((s) => s.span.start <= o && o <= s.span.end);
}

export { serviceLookup };
