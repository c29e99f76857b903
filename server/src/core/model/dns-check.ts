/**
 * What is wrong with a DNS name written in a value, if anything: the checks behind the
 * `dns-*` rules and the DNS hover. Only names interpreted by model/dns.ts (shaped like a
 * workspace Service or StatefulSet pod) are checked.
 */
import { closest } from '../k8s/suggest';
import type { Settings } from '../settings';
import { DnsName, labelRange, namespaceKnown, ordinalInRange, servicesNamed } from './dns';
import { isHeadless } from './governance';
import { podName, statefulSetIdentity } from './identity';
import { str } from '../yaml/nodes';
import { Query } from './query';
import type { Resource } from './resource';

export type DnsProblemCode =
  | 'dns-pod-ordinal-out-of-range'
  | 'dns-service-unknown'
  | 'dns-pod-service-not-headless'
  | 'dns-short-name-other-namespace'
  | 'dns-cluster-domain-mismatch';

export interface DnsProblem {
  code: DnsProblemCode;
  message: string;
  /** Value offsets [start, end) of the offending labels. */
  range: [number, number];
  /** Replacement for the range (a quick fix), when one is clear. */
  fix?: { title: string; newText: string };
}

const labels = (d: DnsName, from: number, to: number): [number, number] => [labelRange(d, from)[0], labelRange(d, to)[1]];


export function dnsProblems(q: Query, settings: Settings, from: Resource, d: DnsName): DnsProblem[] {
  const out: DnsProblem[] = [];
  const host = d.token.text;
  // An ordinal the StatefulSet does not have.
  if (d.sts && d.ordinal !== undefined && d.podLabel !== undefined && d.podLabel >= 0 && !ordinalInRange(d.sts, d.ordinal)) {
    const id = d.sts;
    const n = id.replicas ?? 0;
    const have = n === 0 ? 'has 0 replicas (no pods)' : `has ${n} replica${n === 1 ? '' : 's'} (${podName(id.name, id.start)}${n > 1 ? ` … ${podName(id.name, id.start + n - 1)}` : ''})`;
    const nearest = n > 0 ? podName(id.name, Math.min(Math.max(d.ordinal, id.start), id.start + n - 1)) : undefined;
    out.push({
      code: 'dns-pod-ordinal-out-of-range',
      message: `\`${host}\` names pod \`${d.pod}\`, but StatefulSet \`${id.name}\` ${have}${id.start ? `, ordinals start at ${id.start}` : ''}: the name will not resolve.${nearest ? ` Use \`${nearest}\` or raise \`replicas\`.` : ' Raise `replicas`.'}`,
      range: labelRange(d, d.podLabel),
      fix: nearest ? { title: `Change to ${nearest}`, newText: nearest } : undefined,
    });
  }
  // A namespace written in the name that has no such Service.
  if (d.namespaceWritten && d.nsLabel !== undefined && d.services.length === 0 && namespaceKnown(q, d.namespace)) {
    const elsewhere = servicesNamed(q, d.svc).filter((s) => s.namespaceExplicit && s.namespace !== d.namespace);
    const near = closest(d.svc, q.list('Service', d.namespace).map((s) => s.name ?? ''));
    const stsSvc = d.pod && !d.sts ? podStatefulSetService(q, d) : undefined;
    let hint: string | undefined;
    let fix: DnsProblem['fix'];
    const range = labels(d, d.svcLabel, d.nsLabel);
    if (stsSvc) {
      hint = ` StatefulSet \`${stsSvc.sts}\` puts its pods under Service \`${stsSvc.svc}\`: did you mean \`${d.pod}.${stsSvc.svc}.${d.namespace}\`?`;
      fix = { title: `Change to ${stsSvc.svc}.${d.namespace}`, newText: `${stsSvc.svc}.${d.namespace}` };
    } else if (near) {
      hint = ` Did you mean \`${near}\`?`;
      fix = { title: `Change to ${near}.${d.namespace}`, newText: `${near}.${d.namespace}` };
    } else if (elsewhere.length) {
      const ns = elsewhere[0].namespace;
      hint = ` Service \`${d.svc}\` is in namespace ${elsewhere.map((s) => `\`${s.namespace}\``).join(', ')}: did you mean \`${d.svc}.${ns}\`?`;
      fix = { title: `Change to ${d.svc}.${ns}`, newText: `${d.svc}.${ns}` };
    }
    if (hint) {
      out.push({ code: 'dns-service-unknown', message: `\`${host}\`: no Service \`${d.svc}\` in namespace \`${d.namespace}\` in the workspace, so the name will not resolve.${hint}`, range, fix });
    }
  }
  // Pod names exist only under a headless Service.
  if (d.pod && (d.sts || d.svcKeyword !== undefined) && d.services.length && !d.services.some(isHeadless)) {
    const external = d.services.every((s) => str(s.yaml, s.at('spec', 'type')) === 'ExternalName');
    if (!external) {
      out.push({
        code: 'dns-pod-service-not-headless',
        message: `\`${host}\` is a per-pod name, but Service \`${d.svc}\` is not headless (\`clusterIP: None\`), so it publishes no per-pod records and the name will not resolve. Make the Service headless (re-create it: \`clusterIP\` is immutable) or address the Service itself (\`${d.svc}\`).`,
        range: labelRange(d, d.svcLabel),
      });
    }
  }
  // A short name, looked up in the namespace of the resource that holds it.
  if (!d.namespaceWritten && d.services.length === 0 && from.namespaceExplicit) {
    const elsewhere = [...new Set(servicesNamed(q, d.svc).filter((s) => s.namespaceExplicit && s.namespace !== from.namespace).map((s) => s.namespace))];
    if (elsewhere.length === 1) {
      const ns = elsewhere[0];
      out.push({
        code: 'dns-short-name-other-namespace',
        message: `\`${host}\` is looked up in namespace \`${from.namespace}\` (the namespace of ${from.kind} ${from.name ?? ''}), but Service \`${d.svc}\` is in \`${ns}\`: the name will not resolve from here. Write \`${d.pod ? d.pod + '.' : ''}${d.svc}.${ns}\`.`,
        range: labelRange(d, d.svcLabel),
        fix: { title: `Add the namespace ${ns}`, newText: `${d.svc}.${ns}` },
      });
    }
  }
  // A cluster domain other than the configured one.
  if (d.zone && d.svcKeyword !== undefined && d.zone !== settings.clusterDomain && (d.services.length || d.sts)) {
    const first = d.svcKeyword + 1;
    out.push({
      code: 'dns-cluster-domain-mismatch',
      message: `\`${host}\` uses cluster domain \`${d.zone}\`, but the cluster domain is \`${settings.clusterDomain}\` (setting \`kubeStateful.clusterDomain\`): the name will not resolve. Use \`${settings.clusterDomain}\`, or end the name at \`.svc\`.`,
      range: labels(d, first, d.token.labels.length - 1),
      fix: settings.clusterDomain ? { title: `Change to ${settings.clusterDomain}`, newText: settings.clusterDomain } : undefined,
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
