/**
 * What a host name written in a value names in the workspace: a Service
 * (`<svc>.<ns>.svc.<zone>`, `<svc>.<ns>`) or one StatefulSet pod (`<pod>.<svc>`,
 * `<pod>.<svc>.<ns>`, `….svc`, `….svc.<zone>`). Names whose shape matches no workspace
 * Service or StatefulSet are not interpreted (external host names stay untouched).
 */
import { hostsIn, HostToken, valueStrings, ValueString } from '../k8s/hosts';
import { Query } from './query';
import type { Resource } from './resource';
import type { YamlDoc } from '../yaml/parse';
import { statefulSetIdentity, StatefulSetIdentity } from './identity';
import { governsKey, namespaceKey } from './dns-names';

export interface DnsName {
  token: HostToken;
  /** The value string holding it. */
  source: ValueString;
  /** Label indices (into token.labels); pod -1 = a variable stands for the pod label. */
  podLabel?: number;
  svcLabel: number;
  nsLabel?: number;
  /** Index of the `svc` keyword label, when written. */
  svcKeyword?: number;
  pod?: string;
  svc: string;
  /** The namespace the name resolves in (written, or the namespace of the resource using it). */
  namespace: string;
  /** The namespace is written in the name. */
  namespaceWritten: boolean;
  /** Labels after `svc` (the cluster domain), '' when none. */
  zone: string;
  /** Services the name resolves to (see serviceLookup). */
  services: Resource[];
  /** The StatefulSet whose pod the pod label names (same namespace, serviceName = svc). */
  sts?: StatefulSetIdentity;
  ordinal?: number;
}

const POD = /^(.+)-(0|[1-9][0-9]{0,8})$/;

/*
 * Workspace-wide name lookups for DNS interpretation, answered from indexes the workspace
 * keeps up to date (its kind + name index and `Workspace.dnsNames`): nothing here scans the
 * workspace. Each lookup records the narrow dependency key that changes when its answer can
 * (a Service or StatefulSet of that name in any namespace, a StatefulSet giving that
 * serviceName, an object making that namespace known), so an edit redoes only the results
 * that read what it changed.
 */
function servicesAnyNamespace(q: Query, name: string): Iterable<Resource> {
  q.deps.add(`Service||${name}`);
  return q.ws.namedAnyNamespace('Service', name);
}

function hasService(q: Query, name: string): boolean {
  for (const _ of servicesAnyNamespace(q, name)) return true;
  return false;
}

function governs(q: Query, name: string): boolean {
  q.deps.add(governsKey(name));
  return q.ws.dnsNames.governs(name);
}

/**
 * The Services a name `svc` in namespace `ns` resolves to. Every DNS reference lookup goes
 * through here, so a scoped resolution (kustomize / Helm release) can replace it.
 * A Service without `metadata.namespace` may be deployed into any namespace (kubectl -n,
 * kustomize): it counts when no Service has that namespace explicitly.
 */
export function serviceLookup(q: Query, ns: string, svc: string): Resource[] {
  const direct = q.getAll('Service', ns, svc);
  if (direct.length) return [...direct];
  return [...servicesAnyNamespace(q, svc)].filter((s) => !s.namespaceExplicit);
}

/** StatefulSets named `name` that may live in `ns` (same tolerance for unset namespaces). */
export function statefulSetLookup(q: Query, ns: string, name: string): Resource[] {
  const direct = q.getAll('StatefulSet', ns, name);
  if (direct.length) return [...direct];
  q.deps.add(`StatefulSet||${name}`);
  return [...q.ws.namedAnyNamespace('StatefulSet', name)].filter((s) => !s.namespaceExplicit);
}

/** Services named `svc` in any namespace. */
export function servicesNamed(q: Query, svc: string): Resource[] {
  return [...servicesAnyNamespace(q, svc)];
}

/** A namespace the workspace models: a Namespace object, or an object that sets it explicitly. */
export function namespaceKnown(q: Query, ns: string): boolean {
  q.deps.add(namespaceKey(ns));
  return q.ws.dnsNames.namespaceKnown(ns);
}

/** Whether `svc` is a name the workspace knows: a Service, or a StatefulSet's serviceName. */
export function knownServiceName(q: Query, svc: string): boolean {
  return hasService(q, svc) || governs(q, svc);
}

function podOf(q: Query, ns: string, pod: string, svc: string): { sts?: StatefulSetIdentity; ordinal?: number } {
  const m = POD.exec(pod);
  if (!m) return {};
  for (const r of statefulSetLookup(q, ns, m[1])) {
    const id = statefulSetIdentity(r);
    if (id && id.serviceName === svc) return { sts: id, ordinal: Number(m[2]) };
  }
  return {};
}

/** Interpret one host token written in a value of resource `from`. */
export function interpretHost(q: Query, from: Resource, token: HostToken, source: ValueString): DnsName | undefined {
  const L = token.labels;
  const n = L.length;
  const kw = L.indexOf('svc');
  // Cheap exit: no label names a workspace Service, and no `.svc` after a known namespace.
  if (!L.some((l) => hasService(q, l) || governs(q, l)) && !(kw > 0 && namespaceKnown(q, L[kw - 1]))) return undefined;
  const base = { token, source };
  const make = (podLabel: number | undefined, svcLabel: number, nsLabel: number | undefined): DnsName | undefined => {
    const svc = L[svcLabel];
    const namespace = nsLabel !== undefined ? L[nsLabel] : from.namespace;
    const pod = podLabel !== undefined && podLabel >= 0 ? L[podLabel] : undefined;
    const services = serviceLookup(q, namespace, svc);
    const p = pod ? podOf(q, namespace, pod, svc) : {};
    return {
      ...base,
      podLabel,
      svcLabel,
      nsLabel,
      svcKeyword: kw >= 0 ? kw : undefined,
      pod,
      svc,
      namespace,
      namespaceWritten: nsLabel !== undefined,
      zone: kw >= 0 ? L.slice(kw + 1).join('.') : '',
      services,
      ...p,
    };
  };
  let d: DnsName | undefined;
  if (token.afterVariable) {
    if (kw === 2) d = make(-1, 0, 1);
    else if (kw === -1 && n === 2 && namespaceKnown(q, L[1])) d = make(-1, 0, 1);
  } else if (kw === 3) d = make(0, 1, 2);
  else if (kw === 2) d = make(undefined, 0, 1);
  else if (kw === -1 && n === 3) {
    d = POD.test(L[0]) && namespaceKnown(q, L[2]) ? make(0, 1, 2) : undefined;
  } else if (kw === -1 && n === 2) {
    // `<pod>.<svc>` or `<svc>.<ns>`: whichever the workspace has.
    const asPod = POD.test(L[0]) ? make(0, 1, undefined) : undefined;
    if (asPod && (asPod.sts || asPod.services.length)) return asPod;
    // `<svc>.<ns>` without `.svc` looks like any dotted name (`etcd.sh`, `httpbin.com`): the
    // namespace must be one the workspace has.
    const asSvc = namespaceKnown(q, L[1]) ? make(undefined, 0, 1) : undefined;
    if (asSvc && asSvc.services.length) return asSvc;
    d = asPod;
  }
  if (!d) return undefined;
  // Only names shaped like something in the workspace are interpreted.
  if (d.services.length || d.sts || knownServiceName(q, d.svc)) return d;
  // `….<ns>.svc…` in a namespace the workspace has is cluster DNS by its shape.
  if (d.svcKeyword !== undefined && d.namespaceWritten && namespaceKnown(q, d.namespace)) return d;
  return undefined;
}

/** One resource's DNS names at one workspace revision, with the lookups they depended on. */
const namesCache = new WeakMap<YamlDoc, Map<Resource, { revision: number; names: DnsName[]; deps: string[] }>>();

/**
 * Every interpreted DNS name written in a resource's values (read-only). Several rules and the
 * hover ask for the same resource in one analysis pass: the answer is kept for the workspace
 * revision, and its dependencies are recorded on every query that reuses it.
 */
export function dnsNamesIn(q: Query, res: Resource, onlyLabel?: string): DnsName[] {
  if (onlyLabel !== undefined) return computeDnsNames(q, res, onlyLabel);
  // Kept with the syntax tree: the names hold nodes (and StatefulSet identities) of it.
  const y = res.yaml;
  let byRes = namesCache.get(y);
  if (!byRes) namesCache.set(y, (byRes = new Map()));
  const c = byRes.get(res);
  if (c && c.revision === q.ws.revision) {
    for (const d of c.deps) q.deps.add(d);
    return c.names;
  }
  const sub = new Query(q.ws);
  const names = computeDnsNames(sub, res);
  for (const d of sub.deps) q.deps.add(d);
  byRes.set(res, { revision: q.ws.revision, names, deps: [...sub.deps] });
  return names;
}

function computeDnsNames(q: Query, res: Resource, onlyLabel?: string): DnsName[] {
  const out: DnsName[] = [];
  for (const vs of valueStrings(res)) {
    if (onlyLabel !== undefined && !vs.value.includes(onlyLabel)) continue;
    for (const t of hostsIn(vs.value)) {
      if (onlyLabel !== undefined && !t.labels.includes(onlyLabel)) continue;
      const d = interpretHost(q, res, t, vs);
      if (d) out.push(d);
    }
  }
  return out;
}

/** Value offsets [start, end) of one label of a name. */
export function labelRange(d: DnsName, label: number): [number, number] {
  let s = d.token.start;
  for (let i = 0; i < label; i++) s += d.token.labels[i].length + 1;
  return [s, s + d.token.labels[label].length];
}

/** Whether the ordinal is one of the StatefulSet's pods (replicas unknown: yes). */
export function ordinalInRange(id: StatefulSetIdentity, ordinal: number): boolean {
  if (id.replicas === undefined) return true;
  return ordinal >= id.start && ordinal < id.start + id.replicas;
}
