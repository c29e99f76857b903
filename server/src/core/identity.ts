/**
 * What a StatefulSet will create, replica by replica: pod name, pod DNS name, claims.
 * One function behind hovers, the tree view, the CLI's `explain` and the copy commands.
 */
import type { Settings } from './settings';
import { child, items, num, scalarText, str } from './yaml/nodes';
import type { Query } from './model/query';
import type { Resource } from './model/resource';
import type { Claim } from './model/claims';
import { governingService, GoverningService } from './model/governance';
import {
  claimName,
  ordinals,
  podFqdn,
  podName,
  serviceFqdn,
  statefulSetIdentity,
  StatefulSetIdentity,
} from './model/identity';
import { ClassResolution, resolveClass } from './model/storage-class';
import { formatSelector } from './k8s/selector';
import { joinMax } from './hover/md';

export interface ReplicaClaim {
  template: Claim;
  /** Generated PVC name `<claim>-<sts>-<ordinal>`. */
  name: string;
}

export interface ReplicaRow {
  ordinal: number;
  pod: string;
  /** `<pod>.<svc>.<ns>.svc.<zone>`; set even when it will not resolve (see `dnsResolves`). */
  fqdn?: string;
  claims: ReplicaClaim[];
}

export interface ClaimSummary {
  template: Claim;
  storageClass: ClassResolution;
}

export interface StatefulSetView {
  id: StatefulSetIdentity;
  /** One row per replica; for very large counts the middle rows are left out (see `omitted`). */
  rows: ReplicaRow[];
  /** Replicas with no row (between the first rows and the last two). */
  omitted: number;
  service: GoverningService;
  /** Per-pod DNS names resolve: serviceName set, headless Service in the namespace selecting the pods. */
  dnsResolves: boolean;
  /** `<svc>.<ns>.svc.<zone>` when serviceName is set. */
  serviceFqdn?: string;
  claims: ClaimSummary[];
  /** SRV names for the governing Service's named ports. */
  srv: { name: string; port: number | string; protocol: string }[];
  clusterDomain: string;
}

/** A ready-to-run DNS check from inside the cluster. */
export function dnsCheckCommand(fqdn: string, namespace: string): string {
  return `kubectl run -n ${namespace} dns-check --rm -i --restart=Never --image=busybox:1.36 -- nslookup ${fqdn}`;
}

export function statefulSetView(q: Query, settings: Settings, res: Resource): StatefulSetView | undefined {
  const id = statefulSetIdentity(res);
  if (!id) return undefined;
  const service = governingService(q, id);
  const domain = settings.clusterDomain;
  const rows: ReplicaRow[] = ordinals(id).map((ordinal) => {
    const pod = podName(id.name, ordinal);
    return {
      ordinal,
      pod,
      fqdn: id.serviceName ? podFqdn(pod, id.serviceName, id.namespace, domain) : undefined,
      claims: id.claims
        .filter((c) => c.name)
        .map((c) => ({ template: c, name: claimName(c.name as string, id.name, ordinal) })),
    };
  });
  const srv: StatefulSetView['srv'] = [];
  if (service.service && id.serviceName) {
    const y = service.service.yaml;
    for (const p of items(y, service.service.at('spec', 'ports'))) {
      const name = str(y, child(y, p, 'name'));
      if (!name) continue;
      const protocol = (str(y, child(y, p, 'protocol')) ?? 'TCP').toLowerCase();
      srv.push({
        name: `_${name}._${protocol}.${serviceFqdn(id.serviceName, id.namespace, domain)}`,
        port: num(y, child(y, p, 'port')) ?? scalarText(y, child(y, p, 'port')) ?? '?',
        protocol,
      });
    }
  }
  return {
    id,
    rows,
    omitted: Math.max(0, (id.replicas ?? 0) - rows.length),
    service,
    dnsResolves: !service.problem,
    serviceFqdn: id.serviceName ? serviceFqdn(id.serviceName, id.namespace, domain) : undefined,
    claims: id.claims.map((c) => ({ template: c, storageClass: resolveClass(q, c.storageClassName) })),
    srv,
    clusterDomain: domain,
  };
}

/**
 * Why per-pod DNS names will not resolve, in a sentence (undefined when they do). `fmt` renders
 * names and field paths: inline code for markdown (hover, tree), unchanged for plain text
 * (commands, CLI).
 */
export function serviceProblemText(
  id: StatefulSetIdentity,
  g: GoverningService,
  fmt: (s: string) => string = String,
): string | undefined {
  const svc = fmt(id.serviceName ?? '');
  switch (g.problem) {
    case 'no-service-name':
      return `${fmt('spec.serviceName')} is not set, so the pods get no subdomain and no per-pod DNS names.`;
    case 'missing':
    case 'other-namespace': {
      const where = g.elsewhere.length
        ? ` A Service ${svc} exists in namespace ${joinMax(g.elsewhere.map((s) => fmt(s.namespace)))}, but it must be in ${fmt(id.namespace)}.`
        : '';
      return `No Service ${svc} in namespace ${fmt(id.namespace)} in the workspace.${where}`;
    }
    case 'not-headless':
      return `Service ${svc} is not headless (${fmt('clusterIP: None')}), so it publishes no per-pod records.`;
    case 'no-selector':
      return `Service ${svc} has no selector, so its endpoints (and pod DNS records) are not managed by Kubernetes.`;
    case 'selector-mismatch':
      return `Service ${svc} selects ${fmt(g.selector ? formatSelector(g.selector) : '')}, which does not match the pod template labels.`;
    default:
      return undefined;
  }
}
