/** Service hover: what its DNS name resolves to, what it selects, and the pods it names. */
import type { Query } from '../model/query';
import type { Resource } from '../model/resource';
import type { Settings } from '../settings';
import { statefulSetView } from '../identity';
import { isHeadless, selectedWorkloads, serviceSelector } from '../model/governance';
import { serviceFqdn } from '../model/identity';
import { formatSelector } from '../k8s/selector';
import { str } from '../yaml/nodes';
import { isExternalName, serviceDnsLine, srvBullets, srvRecords } from './dns';
import { code, joinMax, plural } from './md';
import { dnsWarning, replicaTable } from './statefulset';

function typeLabel(svc: Resource): string {
  if (isExternalName(svc)) return '`ExternalName`';
  if (isHeadless(svc)) return 'headless (`clusterIP: None`)';
  return code(str(svc.yaml, svc.at('spec', 'type')) ?? 'ClusterIP');
}

function selectionBullet(q: Query, svc: Resource): string | undefined {
  if (isExternalName(svc)) return undefined;
  const sel = serviceSelector(svc);
  if (!sel || sel.matchLabels.size === 0) {
    return '- Selects: nothing (no selector): Kubernetes does not manage its endpoints; you provide EndpointSlices yourself.';
  }
  const workloads = selectedWorkloads(q, svc.namespace, sel).map((pt) => `${pt.res.kind} ${code(pt.res.name ?? '?')}`);
  return workloads.length
    ? `- Selects ${code(formatSelector(sel))}: ${joinMax(workloads)}`
    : `- Selects ${code(formatSelector(sel))}: no pod template in namespace ${code(svc.namespace)} in the workspace has these labels, so it has no endpoints.`;
}

/** Hover on a Service's kind or name. */
export function serviceHover(q: Query, settings: Settings, svc: Resource): string | undefined {
  if (!svc.name) return undefined;
  const fqdn = serviceFqdn(svc.name, svc.namespace, settings.clusterDomain);
  const out = [`**Service ${code(svc.name)}** · ${typeLabel(svc)} · namespace ${code(svc.namespace)}`];
  const bullets = [`- DNS: ${serviceDnsLine(svc, fqdn)}`, ...srvBullets(svc, fqdn, srvRecords(svc, fqdn))];
  const selection = selectionBullet(q, svc);
  if (selection) bullets.push(selection);
  if (!isHeadless(svc) && !isExternalName(svc))
    bullets.push('- No per-pod DNS names: only headless Services publish them.');
  out.push(bullets.join('\n'));
  // serviceName as indexed: no syntax tree of another file is parsed again for this.
  const governed = q.list('StatefulSet', svc.namespace).filter((r) => r.serviceName === svc.name);
  for (const r of governed) {
    const v = statefulSetView(q, settings, r);
    if (!v) continue;
    out.push(
      `Governs StatefulSet ${code(v.id.name)} (${v.id.replicas === undefined ? 'replicas invalid' : plural(v.id.replicas, 'replica')}):`,
    );
    if (!v.dnsResolves) out.push(dnsWarning(v));
    if (v.rows.length) out.push(replicaTable(v, false));
  }
  return out.join('\n\n');
}
