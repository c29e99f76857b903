/** What a Service's DNS name and SRV records point at, in words. */
import type { Resource } from '../model/resource';
import { isHeadless } from '../model/governance';
import { bool, child, items, num, scalarText, str } from '../yaml/nodes';
import { code } from './md';

export interface SrvRecord {
  name: string;
  port: number | string;
  protocol: string;
}

export const isExternalName = (svc: Resource) => str(svc.yaml, svc.at('spec', 'type')) === 'ExternalName';

/** Not-ready pods are published too (`publishNotReadyAddresses` or the old annotation). */
export function publishesNotReady(svc: Resource): boolean {
  const y = svc.yaml;
  return (
    bool(y, svc.at('spec', 'publishNotReadyAddresses')) === true ||
    str(y, svc.at('metadata', 'annotations', 'service.alpha.kubernetes.io/tolerate-unready-endpoints')) === 'true'
  );
}

/** SRV names of a Service's named ports (unnamed ports have none). */
export function srvRecords(svc: Resource, fqdn: string): SrvRecord[] {
  const y = svc.yaml;
  const out: SrvRecord[] = [];
  for (const p of items(y, svc.at('spec', 'ports'))) {
    const name = str(y, child(y, p, 'name'));
    if (!name) continue;
    const protocol = (str(y, child(y, p, 'protocol')) ?? 'TCP').toLowerCase();
    out.push({
      name: `_${name}._${protocol}.${fqdn}`,
      port: num(y, child(y, p, 'port')) ?? scalarText(y, child(y, p, 'port')) ?? '?',
      protocol,
    });
  }
  return out;
}

export const portCount = (svc: Resource) => items(svc.yaml, svc.at('spec', 'ports')).length;

/** `<fqdn> → …`: what the Service's own name resolves to. */
export function serviceDnsLine(svc: Resource, fqdn: string): string {
  const y = svc.yaml;
  if (isExternalName(svc)) {
    const ext = str(y, svc.at('spec', 'externalName'));
    return `${code(fqdn)} → CNAME ${ext ? code(ext) : '(no `externalName`)'}`;
  }
  if (isHeadless(svc)) {
    return publishesNotReady(svc)
      ? `${code(fqdn)} → the IPs of every pod it selects, ready or not (\`publishNotReadyAddresses\`); no cluster IP`
      : `${code(fqdn)} → the IPs of the ready pods it selects; no cluster IP`;
  }
  const ip = str(y, svc.at('spec', 'clusterIP'));
  return `${code(fqdn)} → the cluster IP${ip ? ' ' + code(ip) : ''}, load-balanced over the ready pods it selects`;
}

/** One bullet per SRV record (headless: one answer per ready pod; otherwise the Service name). */
export function srvBullets(svc: Resource, fqdn: string, srv: SrvRecord[]): string[] {
  if (isExternalName(svc)) return [];
  if (srv.length === 0) return portCount(svc) ? ['- SRV: none (only named ports get SRV records)'] : [];
  const pods = publishesNotReady(svc) ? 'each pod' : 'each ready pod';
  const to = (port: number | string) =>
    isHeadless(svc) ? `port ${port} on ${pods}'s DNS name` : `port ${port} on ${code(fqdn)}`;
  return srv.map((r) => `- SRV: ${code(r.name)} → ${to(r.port)}`);
}
