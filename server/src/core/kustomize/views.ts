/** What a kustomize build makes of an object: identities after namePrefix/nameSuffix/namespace/patches. */
import { claimName, podFqdn, podName } from '../model/identity';
import type { Build, BuiltObject } from './build';
import { kindOf, nameOf, namespaceOf, podTemplateOf } from './build';
import { isObj } from './spec';
import { dirOf, relativeLabel } from './uri';
import { Document } from 'yaml';
import { ParsedDoc, YamlDoc } from '../yaml/parse';
import { Resource, toResource } from '../model/resource';

export interface BuiltStatefulSet {
  build: Build;
  object: BuiltObject;
  name: string;
  namespace: string;
  /** undefined when not a non-negative integer. */
  replicas: number | undefined;
  start: number;
  serviceName?: string;
  /** The governing Service in the same build: found and headless, found but not headless, or absent. */
  service: 'headless' | 'not-headless' | 'missing' | 'unset';
  claims: string[];
}

const int = (v: unknown, d: number): number | undefined =>
  v === undefined ? d : typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined;

export function builtStatefulSet(build: Build, object: BuiltObject, defaultNamespace: string): BuiltStatefulSet {
  const o = object.obj;
  const spec = isObj(o.spec) ? o.spec : {};
  const namespace = namespaceOf(o) || defaultNamespace;
  const serviceName = typeof spec.serviceName === 'string' && spec.serviceName ? spec.serviceName : undefined;
  let service: BuiltStatefulSet['service'] = 'unset';
  if (serviceName) {
    const svc = build.objects.find(
      (b) =>
        kindOf(b.obj) === 'Service' &&
        nameOf(b.obj) === serviceName &&
        (namespaceOf(b.obj) || defaultNamespace) === namespace,
    );
    service = !svc ? 'missing' : isObj(svc.obj.spec) && svc.obj.spec.clusterIP === 'None' ? 'headless' : 'not-headless';
  }
  const claims = (Array.isArray(spec.volumeClaimTemplates) ? spec.volumeClaimTemplates : [])
    .map((t) => (isObj(t) && isObj(t.metadata) && typeof t.metadata.name === 'string' ? t.metadata.name : ''))
    .filter((n) => n);
  return {
    build,
    object,
    name: nameOf(o),
    namespace,
    replicas: int(spec.replicas, 1),
    start: int(isObj(spec.ordinals) ? spec.ordinals.start : undefined, 0) ?? 0,
    serviceName,
    service,
    claims,
  };
}

export interface BuiltReplica {
  ordinal: number;
  pod: string;
  fqdn?: string;
  claims: string[];
}

/** Rows for the given ordinals. */
export function builtReplicas(s: BuiltStatefulSet, ordinals: number[], clusterDomain: string): BuiltReplica[] {
  return ordinals.map((i) => {
    const pod = podName(s.name, i);
    return {
      ordinal: i,
      pod,
      fqdn: s.serviceName ? podFqdn(pod, s.serviceName, s.namespace, clusterDomain) : undefined,
      claims: s.claims.map((c) => claimName(c, s.name, i)),
    };
  });
}

/**
 * Short labels for builds (`overlays/prod`): their folders relative to the deepest folder
 * they share with the file being looked at (`anchor`).
 */
export function buildLabels(uris: string[], anchor?: string): Map<string, string> {
  const dirs = uris.map(dirOf);
  let common = anchor ? dirOf(anchor) : (dirs[0] ?? '');
  for (const d of dirs)
    while (common && !(d === common || d.startsWith(common + '/')))
      common = common.slice(0, Math.max(0, common.lastIndexOf('/')));
  if (dirs.length === 1 && common === dirs[0]) common = dirOf(common);
  const out = new Map<string, string>();
  uris.forEach((u, i) => out.set(u, relativeLabel(common, dirs[i])));
  return out;
}

const WORKLOADS = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'Job',
  'Pod',
  'CronJob',
]);

/**
 * Whether, in a build, a Service's named targetPort is served by a container port of the
 * workloads it selects there (a patch of the overlay may add the container that has it).
 */
export function builtServiceServesPort(
  build: Build,
  svc: BuiltObject,
  portName: string,
  defaultNamespace: string,
): boolean {
  const spec = svc.obj.spec;
  const sel = isObj(spec) && isObj(spec.selector) ? spec.selector : undefined;
  if (!sel || Object.keys(sel).length === 0) return false;
  const ns = namespaceOf(svc.obj) || defaultNamespace;
  for (const b of build.objects) {
    const kind = kindOf(b.obj);
    if (!WORKLOADS.has(kind) || (namespaceOf(b.obj) || defaultNamespace) !== ns) continue;
    const tmpl = podTemplateOf(b.obj);
    const labels = tmpl && isObj(tmpl.metadata) && isObj(tmpl.metadata.labels) ? tmpl.metadata.labels : undefined;
    if (!labels || !Object.entries(sel).every(([k, v]) => String(labels[k]) === String(v))) continue;
    const podSpec = tmpl && isObj(tmpl.spec) ? tmpl.spec : undefined;
    const containers = podSpec && Array.isArray(podSpec.containers) ? podSpec.containers : [];
    for (const c of containers) {
      const ports = isObj(c) && Array.isArray(c.ports) ? c.ports : [];
      if (ports.some((p) => isObj(p) && p.name === portName)) return true;
    }
  }
  return false;
}

const materialized = new WeakMap<BuiltObject, Resource | null>();

/**
 * A built object as a Resource (its YAML made from the patched JSON, without source positions),
 * so that the facts rules compute from resources can be computed for what a build produces.
 */
export function builtResource(o: BuiltObject, uri: string, defaultNamespace: string): Resource | undefined {
  let r = materialized.get(o);
  if (r === undefined) {
    try {
      const y = new Document(o.obj) as unknown as YamlDoc;
      r = toResource(new ParsedDoc(uri, '', y, false), defaultNamespace) ?? null;
    } catch {
      r = null;
    }
    materialized.set(o, r);
  }
  return r ?? undefined;
}
