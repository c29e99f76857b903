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
import type { FileModel, Workspace } from '../model/workspace';
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

/** Where an entry points: its name's offsets in the document, or the resource's `metadata.name` (found when listed). */
type Where = readonly [number, number] | 'name';

interface Entry {
  name: string;
  lower: string;
  role: SymbolRole;
  container: string;
  where: Where;
}

/** What a StatefulSet's generated names are made of, as plain data (read from its tree once). */
interface StsNames {
  name: string;
  namespace: string;
  serviceName?: string;
  serviceNameAt: Where;
  /** Ordinals listed (at most MAX_GENERATED). */
  ordinals: number[];
  claims: { name: string; at: Where }[];
}

const stsNamesCache = new WeakMap<Resource, StsNames | null>();

function stsNames(res: Resource): StsNames | undefined {
  let v = stsNamesCache.get(res);
  if (v === undefined) {
    const offsets = (node: YNode | undefined): Where => {
      const r = nodeRange(node);
      return r ? [r[0], r[1]] : 'name';
    };
    const id = statefulSetIdentity(res);
    v = id
      ? {
          name: id.name,
          namespace: id.namespace,
          serviceName: id.serviceName,
          serviceNameAt: offsets(res.at('spec', 'serviceName')),
          ordinals: ordinals(id, MAX_GENERATED),
          claims: id.claims.flatMap((c) => (c.name ? [{ name: c.name, at: offsets(c.nameNode) }] : [])),
        }
      : null;
    stsNamesCache.set(res, v);
  }
  return v ?? undefined;
}

/**
 * Read the StatefulSets of a file for workspace symbols while its trees are in memory (the
 * server calls this before it drops the trees of a file that is not open), so the first
 * workspace symbol query parses nothing.
 */
export function noteSymbolSources(ws: Workspace, uri: string): void {
  for (const res of ws.file(uri)?.resources ?? []) {
    try {
      nameOffsets(res);
      if (res.kind === 'StatefulSet') stsNames(res);
    } catch {
      /* a malformed document lists no generated names */
    }
  }
}

const nameCache = new WeakMap<Resource, readonly [number, number]>();

/** Offsets of a resource's `metadata.name` (else its `kind`) in its document, read from the tree once. */
function nameOffsets(res: Resource): readonly [number, number] {
  let v = nameCache.get(res);
  if (!v) {
    const r = nodeRange(res.at('metadata', 'name')) ?? nodeRange(res.at('kind'));
    nameCache.set(res, (v = r ? [r[0], r[1]] : [0, 0]));
  }
  return v;
}

/**
 * Entries of a resource, kept as plain strings and offsets (no syntax nodes: trees of closed
 * files are dropped and parsed again on demand). Resources and Service DNS names come from
 * what indexing read; a StatefulSet's generated names from `stsNames`.
 */
const entryCache = new WeakMap<Resource, { domain: string; entries: Entry[] }>();

function entriesOf(res: Resource, domain: string): Entry[] {
  const c = entryCache.get(res);
  if (c && c.domain === domain) return c.entries;
  const out: Entry[] = [];
  const add = (name: string, role: SymbolRole, container: string, where: Where) =>
    out.push({ name, lower: name.toLowerCase(), role, container, where });
  const nsPart = res.namespace ? ` · ${res.namespace}` : '';
  if (res.name) add(res.name, 'resource', `${res.kind}${nsPart}`, 'name');
  if (res.kind === 'Service' && res.name)
    add(serviceFqdn(res.name, res.namespace, domain), 'dns', `Service ${res.name}`, 'name');
  const id = res.kind === 'StatefulSet' ? stsNames(res) : undefined;
  if (id) {
    const podOf = `Pod of StatefulSet ${id.name}${nsPart}`;
    const pvcOf = `PVC of StatefulSet ${id.name}${nsPart}`;
    for (const o of id.ordinals) {
      const pod = podName(id.name, o);
      add(pod, 'pod', podOf, 'name');
      if (id.serviceName)
        add(podFqdn(pod, id.serviceName, id.namespace, domain), 'dns', `Pod ${pod}`, id.serviceNameAt);
      for (const c of id.claims) add(claimName(c.name, id.name, o), 'pvc', pvcOf, c.at);
    }
  }
  entryCache.set(res, { domain, entries: out });
  return out;
}

/**
 * How well a symbol name matches a query (lower case), lower is better; undefined when it does
 * not. The editor ranks and highlights the results itself and expects a relaxed match (the
 * query's characters in order, `web0` finds `web-0`), so the best matches are kept when
 * there are more than the limit: the name itself, a prefix, a substring, then the rest.
 */
function matchScore(name: string, q: string, chars: readonly string[]): number | undefined {
  if (!q) return 3;
  const i = name.indexOf(q);
  if (i >= 0) return name.length === q.length ? 0 : i === 0 ? 1 : 2;
  return inOrder(name, chars) ? 3 : undefined;
}

/** A file's entries with their names joined (one native search rules a file out). */
interface FileEntries {
  domain: string;
  joined: string;
  list: { res: Resource; e: Entry }[];
}

const fileCache = new WeakMap<FileModel, FileEntries>();

function fileEntries(f: FileModel, domain: string): FileEntries {
  const c = fileCache.get(f);
  if (c && c.domain === domain) return c;
  const list: { res: Resource; e: Entry }[] = [];
  for (const res of f.resources) for (const e of entriesOf(res, domain)) list.push({ res, e });
  const v = { domain, joined: list.map((x) => x.e.lower).join('\n'), list };
  fileCache.set(f, v);
  return v;
}

/** Whether `chars` occur in `text` in this order. */
function inOrder(text: string, chars: readonly string[]): boolean {
  for (let k = 0, at = 0; k < chars.length; k++, at++) if ((at = text.indexOf(chars[k], at)) < 0) return false;
  return true;
}

/** Workspace symbols matching the query (case-insensitive, characters in order), the best `limit`. */
export function workspaceSymbols(ws: Workspace, query: string, limit = 500): WsSymbol[] {
  const q = query.toLowerCase();
  const chars = [...q];
  const [nq, qn, nqn] = ['\n' + q, q + '\n', '\n' + q + '\n'];
  const domain = ws.settings.clusterDomain;
  // Best `limit` per score, in workspace order within a score.
  const tiers: { res: Resource; e: Entry }[][] = [[], [], [], []];
  let kept = 0;
  let worst = 3;
  files: for (const f of ws.files()) {
    // Every name matches an empty query equally well: the first `limit` will do.
    if (!q && kept >= limit) break files;
    const fe = fileEntries(f, domain);
    if (q) {
      // From the file's joined names: skip it when no name can score better than what is kept
      // (one native search per file once `limit` names are kept).
      const j = fe.joined;
      if (kept >= limit) {
        if (worst === 0) break files;
        const wanted =
          worst === 1
            ? j === q || j.startsWith(qn) || j.endsWith(nq) || j.indexOf(nqn) >= 0
            : worst === 2
              ? j.startsWith(q) || j.indexOf(nq) >= 0
              : j.indexOf(q) >= 0;
        if (!wanted) continue;
      } else if (j.indexOf(q) < 0 && !inOrder(j, chars)) continue;
    }
    for (const x of fe.list) {
      const score = matchScore(x.e.lower, q, chars);
      if (score === undefined || (kept >= limit && score >= worst)) continue;
      tiers[score].push(x);
      kept++;
      // Drop the worst tier once the better ones hold `limit`.
      while (worst > 0 && kept - tiers[worst].length >= limit) {
        kept -= tiers[worst].length;
        tiers[worst] = [];
        worst--;
      }
    }
  }
  const out: WsSymbol[] = [];
  for (const t of tiers)
    for (const { res, e } of t) {
      if (out.length >= limit) return out;
      const r = e.where === 'name' ? nameOffsets(res) : e.where;
      out.push({
        name: e.name,
        role: e.role,
        container: e.container,
        kind: res.kind,
        uri: res.uri,
        span: { doc: res.doc, start: r[0], end: r[1] },
      });
    }
  return out;
}
