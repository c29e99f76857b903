/**
 * Code lenses: one line above each StatefulSet saying what it will create, e.g.
 * `3 replicas: web-0 … web-2 · DNS web-0.nginx.default.svc.cluster.local · PVCs www-web-0 …`,
 * or why per-pod DNS will not resolve. Pure data; the server turns it into LSP code lenses.
 */
import type { Ide } from './ide';
import { spanOf } from './findings';
import type { Span } from './findings';
import { statefulSetView } from './identity';
import { Query } from './model/query';

export interface Lens {
  span: Span;
  title: string;
  /** Which StatefulSet, for the "show replica table" command. */
  target: { uri: string; statefulSet: string; namespace: string };
}

export function lensesFor(ide: Ide, uri: string): Lens[] {
  const ws = ide.ws;
  const file = ws.file(uri);
  if (!file) return [];
  const q = new Query(ws);
  const out: Lens[] = [];
  for (const res of file.resources) {
    if (res.kind !== 'StatefulSet') continue;
    const v = statefulSetView(q, ws.settings, res);
    if (!v) continue;
    const n = v.id.replicas;
    const parts: string[] = [];
    if (n === undefined) parts.push('replicas invalid');
    else if (n === 0) parts.push('0 replicas');
    else {
      const first = v.rows[0].pod;
      const last = v.rows[v.rows.length - 1].pod;
      parts.push(n === 1 ? `1 replica: ${first}` : `${n} replicas: ${first} … ${last}`);
      const row = v.rows[0];
      if (v.dnsResolves && row.fqdn) parts.push(`DNS ${row.fqdn}`);
      else parts.push('⚠ per-pod DNS will not resolve');
      const pvcs = row.claims.map((c) => c.name);
      if (pvcs.length) parts.push(`PVC ${pvcs.join(', ')}${n > 1 ? ' …' : ''}`);
    }
    out.push({
      span: spanOf(res.doc, res.at('kind'), res),
      title: parts.join(' · '),
      target: { uri, statefulSet: v.id.name, namespace: v.id.namespace },
    });
  }
  return out;
}
