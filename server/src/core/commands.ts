/** Data behind the editor commands (copy pod DNS name / PVC name / DNS check, replica table). */
import type { Ide } from './ide';
import { spanOf } from './findings';
import { toLspRange } from './convert';
import { dnsCheckCommand, serviceProblemText, statefulSetView } from './identity';
import { Query } from './model/query';
import type { Range } from './positions';
import type { Resource } from './model/resource';

export interface ReplicaIdentity {
  ordinal: number;
  pod: string;
  fqdn?: string;
  pvcs: string[];
  dnsCheck?: string;
}

export interface StatefulSetIdentityInfo {
  name: string;
  namespace: string;
  uri: string;
  range: Range;
  serviceName?: string;
  dnsResolves: boolean;
  /** Why per-pod DNS names will not resolve. */
  reason?: string;
  replicas: ReplicaIdentity[];
}

export function identitiesFor(ide: Ide, uri?: string): StatefulSetIdentityInfo[] {
  const ws = ide.ws;
  const q = new Query(ws);
  const out: StatefulSetIdentityInfo[] = [];
  const candidates: Resource[] = uri ? (ws.file(uri)?.resources ?? []) : [...ws.ofKind('StatefulSet')];
  for (const res of candidates) {
    if (res.kind !== 'StatefulSet') continue;
    const v = statefulSetView(q, ws.settings, res);
    const file = ws.file(res.uri);
    if (!v || !file) continue;
    out.push({
      name: v.id.name,
      namespace: v.id.namespace,
      uri: res.uri,
      range: toLspRange(file, spanOf(res.doc, res.at('metadata', 'name'), res)),
      serviceName: v.id.serviceName,
      dnsResolves: v.dnsResolves,
      reason: serviceProblemText(v.id, v.service),
      replicas: v.rows.map((row) => ({
        ordinal: row.ordinal,
        pod: row.pod,
        fqdn: row.fqdn,
        pvcs: row.claims.map((c) => c.name),
        dnsCheck: row.fqdn ? dnsCheckCommand(row.fqdn, v.id.namespace) : undefined,
      })),
    });
  }
  out.sort((a, b) => (a.namespace + '/' + a.name < b.namespace + '/' + b.name ? -1 : 1));
  return out;
}
