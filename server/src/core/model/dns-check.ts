/**
 * What is wrong with a DNS name written in a value, if anything, as typed facts: the checks
 * behind the `dns-*` rules and the DNS hover (which word them with `dns-messages.ts`). Only
 * names interpreted by model/dns.ts (shaped like a workspace Service or StatefulSet pod) are checked.
 */
import { closest } from '../k8s/suggest';
import type { Settings } from '../settings';
import { DnsName, labelRange, namespaceKnown, ordinalInRange, servicesNamed } from './dns';
import { isHeadless } from './governance';
import { podName, statefulSetIdentity } from './identity';
import { str } from '../yaml/nodes';
import { Query } from './query';
import type { Resource } from './resource';

interface ProblemBase {
  /** Value offsets [start, end) of the offending labels. */
  range: [number, number];
  /** The name as written. */
  host: string;
  /** Replacement text for the range, when one is clear. */
  fix?: string;
}

export type DnsProblem = ProblemBase &
  (
    | {
        code: 'dns-pod-ordinal-out-of-range';
        pod: string;
        sts: string;
        replicas: number;
        start: number;
        /** The existing pod nearest to the ordinal written (undefined with 0 replicas). */
        nearest?: string;
      }
    | {
        code: 'dns-service-unknown';
        svc: string;
        namespace: string;
        /** What the name probably meant (the reason for a finding at all). */
        meant:
          | { kind: 'statefulset-service'; sts: string; svc: string; pod: string }
          | { kind: 'near'; name: string }
          | { kind: 'elsewhere'; namespaces: string[] };
      }
    | { code: 'dns-pod-service-not-headless'; svc: string }
    | {
        code: 'dns-short-name-other-namespace';
        svc: string;
        pod?: string;
        /** The namespace the name is looked up in (of the resource holding it), and where the Service is. */
        lookup: { namespace: string; kind: string; name?: string };
        namespace: string;
      }
    | { code: 'dns-cluster-domain-mismatch'; zone: string; clusterDomain: string }
  );

export type DnsProblemCode = DnsProblem['code'];

const labels = (d: DnsName, from: number, to: number): [number, number] => [
  labelRange(d, from)[0],
  labelRange(d, to)[1],
];

export function dnsProblems(q: Query, settings: Settings, from: Resource, d: DnsName): DnsProblem[] {
  const out: DnsProblem[] = [];
  const host = d.token.text;
  // An ordinal the StatefulSet does not have.
  if (
    d.sts &&
    d.ordinal !== undefined &&
    d.podLabel !== undefined &&
    d.podLabel >= 0 &&
    !ordinalInRange(d.sts, d.ordinal)
  ) {
    const id = d.sts;
    const n = id.replicas ?? 0;
    const nearest = n > 0 ? podName(id.name, Math.min(Math.max(d.ordinal, id.start), id.start + n - 1)) : undefined;
    out.push({
      code: 'dns-pod-ordinal-out-of-range',
      host,
      range: labelRange(d, d.podLabel),
      fix: nearest,
      pod: d.pod ?? host,
      sts: id.name,
      replicas: n,
      start: id.start,
      nearest,
    });
  }
  // A namespace written in the name that has no such Service.
  if (d.namespaceWritten && d.nsLabel !== undefined && d.services.length === 0 && namespaceKnown(q, d.namespace)) {
    const elsewhere = servicesNamed(q, d.svc).filter((s) => s.namespaceExplicit && s.namespace !== d.namespace);
    const near = closest(
      d.svc,
      q.list('Service', d.namespace).map((s) => s.name ?? ''),
    );
    const stsSvc = d.pod && !d.sts ? podStatefulSetService(q, d) : undefined;
    const range = labels(d, d.svcLabel, d.nsLabel);
    const base = { code: 'dns-service-unknown' as const, host, range, svc: d.svc, namespace: d.namespace };
    if (stsSvc && d.pod)
      out.push({
        ...base,
        fix: `${stsSvc.svc}.${d.namespace}`,
        meant: { kind: 'statefulset-service', sts: stsSvc.sts, svc: stsSvc.svc, pod: d.pod },
      });
    else if (near) out.push({ ...base, fix: `${near}.${d.namespace}`, meant: { kind: 'near', name: near } });
    else if (elsewhere.length)
      out.push({
        ...base,
        fix: `${d.svc}.${elsewhere[0].namespace}`,
        meant: { kind: 'elsewhere', namespaces: elsewhere.map((s) => s.namespace) },
      });
  }
  // Pod names exist only under a headless Service.
  if (d.pod && (d.sts || d.svcKeyword !== undefined) && d.services.length && !d.services.some(isHeadless)) {
    const external = d.services.every((s) => str(s.yaml, s.at('spec', 'type')) === 'ExternalName');
    if (!external)
      out.push({ code: 'dns-pod-service-not-headless', host, range: labelRange(d, d.svcLabel), svc: d.svc });
  }
  // A short name, looked up in the namespace of the resource that holds it.
  if (!d.namespaceWritten && d.services.length === 0 && from.namespaceExplicit) {
    const elsewhere = [
      ...new Set(
        servicesNamed(q, d.svc)
          .filter((s) => s.namespaceExplicit && s.namespace !== from.namespace)
          .map((s) => s.namespace),
      ),
    ];
    if (elsewhere.length === 1) {
      const ns = elsewhere[0];
      out.push({
        code: 'dns-short-name-other-namespace',
        host,
        range: labelRange(d, d.svcLabel),
        fix: `${d.svc}.${ns}`,
        svc: d.svc,
        pod: d.pod,
        lookup: { namespace: from.namespace, kind: from.kind, name: from.name },
        namespace: ns,
      });
    }
  }
  // A cluster domain other than the configured one.
  if (d.zone && d.svcKeyword !== undefined && d.zone !== settings.clusterDomain && (d.services.length || d.sts)) {
    const first = d.svcKeyword + 1;
    out.push({
      code: 'dns-cluster-domain-mismatch',
      host,
      range: labels(d, first, d.token.labels.length - 1),
      fix: settings.clusterDomain || undefined,
      zone: d.zone,
      clusterDomain: settings.clusterDomain,
    });
  }
  return out;
}

/** For a pod label `<sts>-<n>` whose StatefulSet (in the name's namespace) uses another Service. */
function podStatefulSetService(q: Query, d: DnsName): { sts: string; svc: string } | undefined {
  const m = /^(.+)-(0|[1-9][0-9]*)$/.exec(d.pod ?? '');
  if (!m) return undefined;
  const sts = q.getAll('StatefulSet', d.namespace, m[1])[0];
  const svc = sts ? statefulSetIdentity(sts)?.serviceName : undefined;
  return svc && svc !== d.svc ? { sts: m[1], svc } : undefined;
}
