/** `kube-stateful explain`: each StatefulSet's replica identities as a text table or JSON. */
import type { Analyzer } from '../core/analyzer';
import { identitiesFor } from '../core/commands';

export function explainText(analyzer: Analyzer, format: 'text' | 'json'): string {
  const ids = identitiesFor(analyzer);
  if (format === 'json') return JSON.stringify(ids, null, 2);
  if (ids.length === 0) return 'No StatefulSets found.';
  const blocks: string[] = [];
  for (const s of ids) {
    const head = [`StatefulSet ${s.name} (namespace ${s.namespace})`];
    head.push(
      s.serviceName ? `governing Service: ${s.serviceName}` : 'governing Service: none (spec.serviceName not set)',
    );
    if (!s.dnsResolves && s.reason) head.push(`per-pod DNS will not resolve: ${s.reason}`);
    const table: string[][] = [['ORDINAL', 'POD', 'DNS NAME', 'PVCS']];
    for (const r of s.replicas)
      table.push([
        String(r.ordinal),
        r.pod,
        s.dnsResolves ? (r.fqdn ?? '-') : r.fqdn ? `(${r.fqdn})` : '-',
        r.pvcs.join(', ') || '-',
      ]);
    const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
    const lines = table.map((row) => row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i]))).join('  '));
    blocks.push([...head, ...lines].join('\n'));
  }
  return blocks.join('\n\n');
}
