/**
 * A StatefulSet's identity as the controller derives it: replica count and ordinals, pod names,
 * generated claim names, pod and Service DNS names, and which StatefulSet generates a PVC name.
 */
import { podTemplateOf, PodTemplate } from '../k8s/podspec';
import { num, str, YNode } from '../yaml/nodes';
import type { YamlDoc } from '../yaml/parse';
import { Claim, claimTemplates } from './claims';
import type { Query } from './query';
import type { Resource } from './resource';

export interface StatefulSetIdentity {
  res: Resource;
  name: string;
  namespace: string;
  /** spec.replicas (default 1); undefined when not a usable integer. */
  replicas: number | undefined;
  start: number;
  serviceName: string | undefined;
  podManagementPolicy: 'OrderedReady' | 'Parallel' | string;
  claims: Claim[];
  template: PodTemplate | undefined;
}

function intOf(res: Resource, node: YNode | undefined, dflt: number): number | undefined {
  if (node === undefined) return dflt;
  const n = num(res.yaml, node);
  if (n === undefined || !Number.isInteger(n) || n < 0) return undefined;
  return n;
}

/** Keyed by the syntax tree: an evicted tree takes the views of its nodes with it. */
const identityCache = new WeakMap<YamlDoc, { res: Resource; v: StatefulSetIdentity | null }>();

/** The StatefulSet's identity facts (memoized per resource and tree; treat as read-only). */
export function statefulSetIdentity(res: Resource): StatefulSetIdentity | undefined {
  const y = res.yaml;
  let e = identityCache.get(y);
  if (!e || e.res !== res) identityCache.set(y, (e = { res, v: computeIdentity(res) ?? null }));
  return e.v ?? undefined;
}

function computeIdentity(res: Resource): StatefulSetIdentity | undefined {
  if (res.kind !== 'StatefulSet' || !res.name) return undefined;
  const y = res.yaml;
  return {
    res,
    name: res.name,
    namespace: res.namespace,
    replicas: intOf(res, res.at('spec', 'replicas'), 1),
    start: intOf(res, res.at('spec', 'ordinals', 'start'), 0) ?? 0,
    serviceName: str(y, res.at('spec', 'serviceName')) || undefined,
    podManagementPolicy: str(y, res.at('spec', 'podManagementPolicy')) ?? 'OrderedReady',
    claims: claimTemplates(res),
    template: podTemplateOf(res),
  };
}

export const podName = (sts: string, ordinal: number) => `${sts}-${ordinal}`;
export const claimName = (claim: string, sts: string, ordinal: number) => `${claim}-${sts}-${ordinal}`;
export const podFqdn = (pod: string, svc: string, ns: string, domain: string) =>
  `${pod}.${svc}.${ns}.svc${domain ? '.' + domain : ''}`;
export const serviceFqdn = (svc: string, ns: string, domain: string) => `${svc}.${ns}.svc${domain ? '.' + domain : ''}`;

/** Most replica rows computed for one StatefulSet; beyond it the middle is left out. */
export const MAX_REPLICA_ROWS = 1000;

/**
 * The ordinals of a StatefulSet's pods (start … start+replicas-1). Past `limit`, only the
 * first `limit - 2` and the last 2 are listed, so a typo like `replicas: 2147483647` costs nothing.
 */
export function ordinals(id: StatefulSetIdentity, limit = MAX_REPLICA_ROWS): number[] {
  const n = id.replicas ?? 0;
  const out: number[] = [];
  if (n <= limit) {
    for (let i = 0; i < n; i++) out.push(id.start + i);
    return out;
  }
  for (let i = 0; i < limit - 2; i++) out.push(id.start + i);
  out.push(id.start + n - 2, id.start + n - 1);
  return out;
}

/** For a StatefulSet pod's generated claim name, the StatefulSet and claim template that produce it. */
export function generatedClaimOwner(
  q: Query,
  namespace: string,
  pvcName: string,
): { id: StatefulSetIdentity; claim: Claim; ordinal: number } | undefined {
  // `<claim>-<sts>-<ordinal>`: try each split at two dashes, looking the StatefulSet up by name
  // (no scan of the namespace's StatefulSets).
  const dashes: number[] = [];
  for (let i = pvcName.indexOf('-'); i !== -1; i = pvcName.indexOf('-', i + 1)) dashes.push(i);
  const last = dashes[dashes.length - 1];
  const rest = last === undefined ? '' : pvcName.slice(last + 1);
  const ord = Number(rest);
  if (!rest || !Number.isInteger(ord) || String(ord) !== rest) return undefined;
  for (let a = 0; a < dashes.length - 1; a++) {
    const claim = pvcName.slice(0, dashes[a]);
    const sts = pvcName.slice(dashes[a] + 1, last);
    if (!claim || !sts) continue;
    for (const r of q.getAll('StatefulSet', namespace, sts)) {
      const id = statefulSetIdentity(r);
      const c = id?.claims.find((x) => x.name === claim);
      if (id && c) return { id, claim: c, ordinal: ord };
    }
  }
  return undefined;
}
