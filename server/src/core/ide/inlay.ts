/**
 * Inlay hints: what Kubernetes will derive, written beside the field it derives from.
 *   replicas: 3            → web-0 … web-2
 *   name: www (claim)      → www-web-0 … www-web-2
 *   serviceName: nginx     → web-{0..2}.nginx.default.svc.cluster.local
 *   a claim with no storageClassName → the default class it will get
 * Pure core: hints carry a file offset; the LSP layer converts it.
 */
import type { Span } from '../findings';
import { claimName, ordinals, podName, StatefulSetIdentity, statefulSetIdentity } from '../model/identity';
import { Claim, classField } from '../model/claims';
import { resolveClass } from '../model/storage-class';
import { Query } from '../model/query';
import type { Resource } from '../model/resource';
import type { Workspace } from '../model/workspace';
import { nodeRange, YNode } from '../yaml/nodes';

export interface InlayHint {
  /** Zero-width span where the hint sits (after a value). */
  at: Span;
  label: string;
  tooltip?: string;
}

function range(first: string, last: string, n: number): string {
  return n === 1 ? first : n === 2 ? `${first}, ${last}` : `${first} … ${last}`;
}

function after(res: Resource, node: YNode | undefined): Span | undefined {
  const r = nodeRange(node);
  if (!r) return undefined;
  let end = r[1];
  while (end > r[0] && /\s/.test(res.doc.text.charAt(end - 1))) end--;
  return { doc: res.doc, start: end, end };
}

function claimHints(q: Query, res: Resource, id: StatefulSetIdentity, c: Claim, out: InlayHint[]): void {
  const n = id.replicas ?? 0;
  const parts: string[] = [];
  if (c.name && n > 0) {
    const os = ordinals(id, 4);
    parts.push(range(claimName(c.name, id.name, os[0]), claimName(c.name, id.name, os[os.length - 1]), n));
  }
  if (c.storageClassName === undefined) {
    const cls = resolveClass(q, undefined);
    if (cls.how === 'default' && cls.name) parts.push(`class ${cls.name} (default)`);
  }
  const at = after(res, c.nameNode);
  if (at && parts.length)
    out.push({
      at,
      label: parts.join(' · '),
      tooltip: 'PersistentVolumeClaims this template creates, one per pod; they outlive the pods.',
    });
}

/** Hints for one file, optionally only within [start, end) (file offsets). */
export function inlayHints(ws: Workspace, uri: string, start = 0, end = Infinity): InlayHint[] {
  const file = ws.file(uri);
  if (!file) return [];
  const q = new Query(ws);
  const out: InlayHint[] = [];
  const domain = ws.settings.clusterDomain;
  for (const res of file.resources) {
    const base = res.doc.base;
    if (base > end || base + res.doc.text.length < start) continue;
    try {
      if (res.kind === 'StatefulSet') {
        const id = statefulSetIdentity(res);
        if (!id) continue;
        const n = id.replicas;
        const os = ordinals(id, 4);
        const first = os.length ? podName(id.name, os[0]) : undefined;
        const last = os.length ? podName(id.name, os[os.length - 1]) : undefined;
        const repl = after(res, res.at('spec', 'replicas'));
        if (repl && n !== undefined && first && last)
          out.push({
            at: repl,
            label: range(first, last, n),
            tooltip: `Pod names, ordinals ${id.start} … ${id.start + n - 1}`,
          });
        const sn = after(res, res.at('spec', 'serviceName'));
        if (sn && id.serviceName && n && n > 0) {
          const ords = n === 1 ? `${id.start}` : `{${id.start}..${id.start + n - 1}}`;
          out.push({
            at: sn,
            label: `${id.name}-${ords}.${id.serviceName}.${id.namespace}.svc${domain ? '.' + domain : ''}`,
            tooltip: 'Per-pod DNS names (with a headless Service of this name in the namespace)',
          });
        }
        for (const c of id.claims) claimHints(q, res, id, c, out);
      } else if (res.kind === 'PersistentVolumeClaim') {
        const sc = res.at('spec', 'storageClassName');
        const annotated = res.at('metadata', 'annotations', 'volume.beta.kubernetes.io/storage-class');
        if (classField(res, sc) !== undefined || annotated) continue;
        const cls = resolveClass(q, undefined);
        const at = after(res, res.at('metadata', 'name'));
        if (at && cls.how === 'default' && cls.name)
          out.push({
            at,
            label: `class ${cls.name} (default)`,
            tooltip: 'No storageClassName: admission sets the default StorageClass.',
          });
      }
    } catch {
      /* no hints for a malformed document */
    }
  }
  const pos = (h: InlayHint) => h.at.doc.base + h.at.start;
  return out.filter((h) => pos(h) >= start && pos(h) <= end).sort((a, b) => pos(a) - pos(b));
}
