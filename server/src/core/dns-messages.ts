/**
 * The wording of DNS-name problems (model/dns-check facts): the finding's message and its
 * quick fix, shared by the `dns-*` rules and the DNS hover.
 */
import type { DnsProblem } from './model/dns-check';
import { podName } from './model/identity';
import { code } from './hover/md';

/** The message for a DNS-name problem (markdown inline code for names). */
export function dnsProblemMessage(p: DnsProblem): string {
  const host = code(p.host);
  switch (p.code) {
    case 'dns-pod-ordinal-out-of-range': {
      const n = p.replicas;
      const have =
        n === 0
          ? 'has 0 replicas (no pods)'
          : `has ${n} replica${n === 1 ? '' : 's'} (${podName(p.sts, p.start)}${n > 1 ? ` … ${podName(p.sts, p.start + n - 1)}` : ''})`;
      const next = p.nearest ? ` Use ${code(p.nearest)} or raise ${code('replicas')}.` : ` Raise ${code('replicas')}.`;
      return `${host} names pod ${code(p.pod)}, but StatefulSet ${code(p.sts)} ${have}${p.start ? `, ordinals start at ${p.start}` : ''}: the name will not resolve.${next}`;
    }
    case 'dns-service-unknown': {
      const m = p.meant;
      const hint =
        m.kind === 'statefulset-service'
          ? `StatefulSet ${code(m.sts)} puts its pods under Service ${code(m.svc)}: did you mean ${code(`${m.pod}.${m.svc}.${p.namespace}`)}?`
          : m.kind === 'near'
            ? `Did you mean ${code(m.name)}?`
            : `Service ${code(p.svc)} is in namespace ${m.namespaces.map(code).join(', ')}: did you mean ${code(`${p.svc}.${m.namespaces[0]}`)}?`;
      return `${host}: no Service ${code(p.svc)} in namespace ${code(p.namespace)} in the workspace, so the name will not resolve. ${hint}`;
    }
    case 'dns-pod-service-not-headless':
      return `${host} is a per-pod name, but Service ${code(p.svc)} is not headless (${code('clusterIP: None')}), so it publishes no per-pod records and the name will not resolve. Make the Service headless (re-create it: ${code('clusterIP')} is immutable) or address the Service itself (${code(p.svc)}).`;
    case 'dns-short-name-other-namespace':
      return `${host} is looked up in namespace ${code(p.lookup.namespace)} (the namespace of ${p.lookup.kind} ${p.lookup.name ?? ''}), but Service ${code(p.svc)} is in ${code(p.namespace)}: the name will not resolve from here. Write ${code(`${p.pod ? p.pod + '.' : ''}${p.svc}.${p.namespace}`)}.`;
    case 'dns-cluster-domain-mismatch':
      return `${host} uses cluster domain ${code(p.zone)}, but the cluster domain is ${code(p.clusterDomain)} (setting ${code('kubeStateful.clusterDomain')}): the name will not resolve. Use ${code(p.clusterDomain)}, or end the name at ${code('.svc')}.`;
  }
}

/** The quick fix for a DNS-name problem: replace its range with `p.fix`. */
export function dnsProblemFix(p: DnsProblem): { title: string; newText: string } | undefined {
  if (p.fix === undefined) return undefined;
  return {
    title: p.code === 'dns-short-name-other-namespace' ? `Add the namespace ${p.namespace}` : `Change to ${p.fix}`,
    newText: p.fix,
  };
}
