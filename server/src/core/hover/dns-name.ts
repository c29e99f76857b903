/**
 * A DNS name written in a value, under the cursor: what it resolves to (hover) and where
 * that is defined (go to definition).
 */
import type { Span } from '../findings';
import { DnsName, dnsNamesIn, labelRange } from '../model/dns';
import { dnsProblems } from '../model/dns-check';
import { dnsProblemMessage } from '../dns-messages';
import { claimName, podFqdn, serviceFqdn } from '../model/identity';
import { isHeadless } from '../model/governance';
import { Query } from '../model/query';
import type { Resource } from '../model/resource';
import type { Workspace } from '../model/workspace';
import type { Settings } from '../settings';
import { sourceSpan } from '../yaml/source-span';
import { publishesNotReady, serviceDnsLine } from './dns';
import { code } from './md';

export interface DnsAt {
  res: Resource;
  d: DnsName;
  /** The whole name in the document. */
  span: Span;
  /** Which label the cursor is on (-1 when not exactly known). */
  label: number;
}

/** The DNS name written in a value at a file offset, if any. */
export function dnsNameAt(ws: Workspace, uri: string, offset: number): DnsAt | undefined {
  const file = ws.file(uri);
  const doc = file?.docAt(offset);
  if (!file || !doc) return undefined;
  const res = file.resourceAt(offset);
  if (!res) return undefined;
  const o = offset - doc.base;
  const q = new Query(ws);
  for (const d of dnsNamesIn(q, res)) {
    const r = sourceSpan(doc.text, d.source.node, d.token.start, d.token.end);
    if (!r || o < r[0] || o > r[1]) continue;
    let label = -1;
    for (let i = 0; i < d.token.labels.length; i++) {
      const [s, e] = labelRange(d, i);
      if (o - r[0] >= s - d.token.start && o - r[0] <= e - d.token.start) {
        label = i;
        break;
      }
    }
    return { res, d, span: { doc, start: r[0], end: r[1] }, label };
  }
  return undefined;
}

export function dnsNameHover(q: Query, settings: Settings, at: DnsAt): string {
  const { d, res } = at;
  const domain = settings.clusterDomain;
  const lines: string[] = [];
  const where = d.namespaceWritten
    ? `namespace ${code(d.namespace)}`
    : `namespace ${code(d.namespace)} (the namespace of ${res.kind} ${res.name ?? ''}: a short name resolves through the pod's search path)`;
  const svc = d.services[0];
  if (d.pod && d.sts) {
    const id = d.sts;
    lines.push(`**${code(d.token.text)}** → pod ${code(d.pod)} of StatefulSet ${code(id.name)}, ${where}`);
    lines.push('');
    lines.push(`- Full name: ${code(podFqdn(d.pod, d.svc, d.namespace, domain))}`);
    if (svc) {
      lines.push(
        isHeadless(svc)
          ? `- An A record for the pod's IP, published by headless Service ${code(d.svc)} ${publishesNotReady(svc) ? 'whether or not the pod is ready (`publishNotReadyAddresses`)' : 'while the pod is ready'}; it follows the pod when it is re-created.`
          : `- Service ${code(d.svc)} is not headless: no per-pod record.`,
      );
    }
    if (id.replicas !== undefined)
      lines.push(
        `- Ordinal ${d.ordinal} of ${id.start} … ${id.start + id.replicas - 1} (\`replicas: ${id.replicas}\`)`,
      );
    const pvcs = id.claims.filter((c) => c.name).map((c) => code(claimName(c.name as string, id.name, d.ordinal ?? 0)));
    if (pvcs.length) lines.push(`- Its PVCs: ${pvcs.join(', ')} (they keep its data across restarts)`);
  } else if (d.pod || d.podLabel === -1) {
    lines.push(`**${code(d.token.text)}** → one pod behind Service ${code(d.svc)}, ${where}`);
  } else {
    lines.push(`**${code(d.token.text)}** → Service ${code(d.svc)}, ${where}`);
    lines.push('');
    if (svc) lines.push(`- ${serviceDnsLine(svc, serviceFqdn(d.svc, d.namespace, domain))}`);
  }
  if (!svc) lines.push(`- No Service ${code(d.svc)} in namespace ${code(d.namespace)} in the workspace.`);
  for (const p of dnsProblems(q, settings, res, d)) lines.push('', `⚠️ ${dnsProblemMessage(p)}`);
  return lines.join('\n');
}

/** The Service (or, on the pod label, the StatefulSet) a DNS name names. */
export function dnsDefinition(at: DnsAt): Resource[] {
  const { d } = at;
  if (d.sts && at.label === d.podLabel) return [d.sts.res];
  return d.services;
}
