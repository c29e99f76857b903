/**
 * Document symbols (the outline: `Kind name` with containers, volumes, claim templates and
 * ports as children) and workspace symbols (resources, plus the names Kubernetes generates:
 * pods, PVCs, DNS names). Pure core: spans are document offsets.
 */
import { isCollection } from 'yaml';
import type { Span } from '../findings';
import { containersOf, podTemplateOf, volumesOf } from '../k8s/podspec';
import { claimName, ordinals, podFqdn, podName, serviceFqdn, statefulSetIdentity } from '../model/identity';
import { claimTemplates } from '../model/claims';
import type { Resource } from '../model/resource';
import type { Workspace } from '../model/workspace';
import type { ParsedDoc } from '../yaml/parse';
import { child, items, nodeRange, scalarText, str, YNode } from '../yaml/nodes';

export type SymbolRole = 'resource' | 'container' | 'volume' | 'claim-template' | 'port' | 'pod' | 'pvc' | 'dns';

export interface DocSymbol {
  name: string;
  detail?: string;
  role: SymbolRole;
  /** The whole construct. */
  span: Span;
  /** The name (contained in span). */
  selection: Span;
  children: DocSymbol[];
}

function whole(doc: ParsedDoc, node: YNode | undefined): Span | undefined {
  const r = nodeRange(node);
  if (!r) return undefined;
  let end = r[1];
  // A block collection's range runs into the next line's indentation: trim trailing space.
  if (isCollection(node)) while (end > r[0] && /\s/.test(doc.text.charAt(end - 1))) end--;
  return { doc, start: r[0], end };
}

function symbol(
  doc: ParsedDoc,
  node: YNode | undefined,
  nameNode: YNode | undefined,
  name: string,
  role: SymbolRole,
  detail?: string,
): DocSymbol | undefined {
  const span = whole(doc, node);
  if (!span) return undefined;
  const sel = whole(doc, nameNode);
  const selection =
    sel && sel.start >= span.start && sel.end <= span.end ? sel : { doc, start: span.start, end: span.start };
  return { name, detail, role, span, selection, children: [] };
}

function portSymbols(res: Resource, seq: YNode | undefined, numberKey: string): DocSymbol[] {
  const y = res.yaml;
  const out: DocSymbol[] = [];
  for (const p of items(y, seq)) {
    const port = scalarText(y, child(y, p, numberKey));
    const name = str(y, child(y, p, 'name'));
    const proto = str(y, child(y, p, 'protocol'));
    const label = name ? `${name} ${port ?? '?'}` : (port ?? '?');
    const s = symbol(res.doc, p, child(y, p, 'name') ?? child(y, p, numberKey), label, 'port', proto ?? undefined);
    if (s) out.push(s);
  }
  return out;
}

function resourceSymbol(res: Resource): DocSymbol | undefined {
  const y = res.yaml;
  const name = `${res.kind} ${res.name ?? '<unnamed>'}`;
  const detail = res.namespaceExplicit ? `namespace ${res.namespace}` : undefined;
  const s = symbol(res.doc, res.root, res.at('metadata', 'name') ?? res.at('kind'), name, 'resource', detail);
  if (!s) return undefined;
  const pt = podTemplateOf(res);
  if (pt) {
    for (const c of containersOf(pt)) {
      const image = str(y, child(y, c.node, 'image'));
      const cs = symbol(
        res.doc,
        c.node,
        child(y, c.node, 'name'),
        c.name ?? '<unnamed>',
        'container',
        c.group === 'containers' ? image : `${c.group.replace(/s$/, '')}${image ? ' ' + image : ''}`,
      );
      if (!cs) continue;
      cs.children = portSymbols(res, child(y, c.node, 'ports'), 'containerPort');
      s.children.push(cs);
    }
    for (const v of volumesOf(pt)) {
      const vs = symbol(
        res.doc,
        v.node,
        v.nameNode,
        v.name ?? '<unnamed>',
        'volume',
        v.sources.join(', ') || undefined,
      );
      if (vs) s.children.push(vs);
    }
  }
  if (res.kind === 'StatefulSet') {
    for (const c of claimTemplates(res)) {
      const cs = symbol(
        res.doc,
        c.node,
        c.nameNode,
        c.name ?? '<unnamed>',
        'claim-template',
        [c.storageText, c.storageClassName].filter((x) => x).join(' ') || undefined,
      );
      if (cs) s.children.push(cs);
    }
  }
  if (res.kind === 'Service') s.children.push(...portSymbols(res, res.at('spec', 'ports'), 'port'));
  return s;
}

/** The outline of one file. */
export function documentSymbols(ws: Workspace, uri: string): DocSymbol[] {
  const file = ws.file(uri);
  if (!file) return [];
  const out: DocSymbol[] = [];
  for (const res of file.resources) {
    try {
      const s = resourceSymbol(res);
      if (s) out.push(s);
    } catch {
      /* a malformed document gets no outline entry */
    }
  }
  return out;
}

export interface WsSymbol {
  name: string;
  role: SymbolRole;
  /** What it belongs to (`StatefulSet web · default`). */
  container: string;
  kind: string;
  uri: string;
  span: Span;
}

/** Generated names listed per StatefulSet (a replicas typo must not flood the list). */
const MAX_GENERATED = 100;

interface Entry {
  name: string;
  lower: string;
  role: SymbolRole;
  container: string;
  node: YNode | undefined;
}

const entryCache = new WeakMap<Resource, { domain: string; entries: Entry[] }>();

function entriesOf(res: Resource, domain: string): Entry[] {
  const c = entryCache.get(res);
  if (c && c.domain === domain) return c.entries;
  const out: Entry[] = [];
  const add = (name: string, role: SymbolRole, container: string, node: YNode | undefined) =>
    out.push({ name, lower: name.toLowerCase(), role, container, node });
  const nsPart = res.namespace ? ` · ${res.namespace}` : '';
  if (res.name) add(res.name, 'resource', `${res.kind}${nsPart}`, res.at('metadata', 'name'));
  if (res.kind === 'Service' && res.name)
    add(serviceFqdn(res.name, res.namespace, domain), 'dns', `Service ${res.name}`, res.at('metadata', 'name'));
  const id = res.kind === 'StatefulSet' ? statefulSetIdentity(res) : undefined;
  if (id) {
    for (const o of ordinals(id, MAX_GENERATED)) {
      const pod = podName(id.name, o);
      add(pod, 'pod', `Pod of StatefulSet ${id.name}${nsPart}`, res.at('metadata', 'name'));
      if (id.serviceName)
        add(podFqdn(pod, id.serviceName, id.namespace, domain), 'dns', `Pod ${pod}`, res.at('spec', 'serviceName'));
      for (const c of id.claims)
        if (c.name) add(claimName(c.name, id.name, o), 'pvc', `PVC of StatefulSet ${id.name}${nsPart}`, c.nameNode);
    }
  }
  entryCache.set(res, { domain, entries: out });
  return out;
}

/** Workspace symbols whose name contains the query (case-insensitive), at most `limit`. */
export function workspaceSymbols(ws: Workspace, query: string, limit = 500): WsSymbol[] {
  const q = query.toLowerCase();
  const domain = ws.settings.clusterDomain;
  const out: WsSymbol[] = [];
  for (const f of ws.files()) {
    for (const res of f.resources) {
      for (const e of entriesOf(res, domain)) {
        if (q && !e.lower.includes(q)) continue;
        const r = nodeRange(e.node) ?? nodeRange(res.at('kind')) ?? [0, 0];
        out.push({
          name: e.name,
          role: e.role,
          container: e.container,
          kind: res.kind,
          uri: res.uri,
          span: { doc: res.doc, start: r[0], end: r[1] },
        });
        if (out.length >= limit) return out;
      }
    }
  }
  return out;
}
