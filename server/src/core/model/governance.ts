/**
 * The governing Service of a StatefulSet (the headless Service that gives its pods their DNS
 * names) and what is wrong with it, as a problem code; and the workloads a Service selects.
 */
import { LabelSelector, matches, readMapSelector } from '../k8s/selector';
import { podTemplateOf, PodTemplate, WORKLOAD_KINDS } from '../k8s/podspec';
import { str } from '../yaml/nodes';
import { builtStatefulSet } from '../kustomize/views';
import type { StatefulSetIdentity } from './identity';
import type { Query } from './query';
import type { Resource } from './resource';
import { buildKey, KUSTOMIZE_KEY } from './workspace';

export function isHeadless(svc: Resource): boolean {
  return str(svc.yaml, svc.at('spec', 'clusterIP')) === 'None';
}

export function serviceSelector(svc: Resource): LabelSelector | undefined {
  return readMapSelector(svc.yaml, svc.at('spec', 'selector'));
}

/**
 * Why per-pod DNS names will not resolve: `spec.serviceName` unset; no such Service (`missing`),
 * or only in other namespaces (`other-namespace`); the Service is not headless, has no selector,
 * or its selector does not match the pod template labels.
 */
export type ServiceProblem =
  'no-service-name' | 'missing' | 'other-namespace' | 'not-headless' | 'selector-mismatch' | 'no-selector';

export interface GoverningService {
  service?: Resource;
  /** Same-named Services in other namespaces (when the problem is `missing` or `other-namespace`). */
  elsewhere: Resource[];
  problem?: ServiceProblem;
  /** The Service's selector (when the problem is `selector-mismatch`). */
  selector?: LabelSelector;
}

/** The headless Service that gives a StatefulSet's pods their DNS names, and what is wrong with it. */
export function governingService(q: Query, id: StatefulSetIdentity): GoverningService {
  if (!id.serviceName) return { elsewhere: [], problem: 'no-service-name' };
  // Several Services of that name (unrelated examples, install variants): the narrowest
  // scope around the StatefulSet decides; if its candidates disagree, say nothing is wrong.
  const candidates = q.scoped('Service', id.namespace, id.serviceName, id.res);
  if (candidates.length > 1) {
    const results = candidates.map((s) => serviceVerdict(id, s));
    if (results.some((r) => r.problem !== results[0].problem)) return results.find((r) => !r.problem) ?? results[0];
    return results[0];
  }
  const service = candidates[0];
  if (!service) {
    const built = serviceInBuilds(q, id);
    if (built) return built;
    const elsewhere = q.named('Service', id.serviceName).filter((s) => s.namespace !== id.namespace);
    return { elsewhere, problem: elsewhere.length ? 'other-namespace' : 'missing' };
  }
  return serviceVerdict(id, service);
}

/**
 * When the source files have no Service of that name in the StatefulSet's namespace but every
 * kustomize build that includes the StatefulSet has its headless Service (an overlay sets the
 * namespace, adds the Service, or renames both), the builds decide: nothing is missing.
 */
function serviceInBuilds(q: Query, id: StatefulSetIdentity): GoverningService | undefined {
  const ws = q.ws;
  if (ws.kustomize.size === 0) return undefined;
  q.deps.add(KUSTOMIZE_KEY);
  const hits = ws.kustomize.objectsOf(ws.fileAccess, id.res.uri, id.res.doc.index);
  if (hits.length === 0) return undefined;
  for (const h of hits) q.deps.add(buildKey(h.build.uri));
  const views = hits.map((h) => builtStatefulSet(h.build, h.object, ws.settings.defaultNamespace));
  if (!views.every((v) => v.service === 'headless')) return undefined;
  const v = views[0];
  const svc = v.build.objects.find(
    (o) =>
      o.origin &&
      o.obj.kind === 'Service' &&
      o.obj.metadata &&
      (o.obj.metadata as { name?: unknown }).name === v.serviceName,
  );
  return svc?.origin ? { service: svc.origin, elsewhere: [] } : undefined;
}

/** What is wrong (if anything) with a Service as the governing Service of a StatefulSet. */
function serviceVerdict(id: StatefulSetIdentity, service: Resource): GoverningService {
  if (!isHeadless(service)) return { service, elsewhere: [], problem: 'not-headless' };
  const sel = serviceSelector(service);
  if (!sel || sel.matchLabels.size === 0) return { service, elsewhere: [], problem: 'no-selector' };
  if (id.template && !matches(sel, id.template.labels))
    return { service, elsewhere: [], problem: 'selector-mismatch', selector: sel };
  return { service, elsewhere: [] };
}

/** Pod templates (of any workload kind) in a namespace that a Service selector selects. */
export function selectedWorkloads(q: Query, namespace: string, sel: LabelSelector): PodTemplate[] {
  const out: PodTemplate[] = [];
  // With a label to require, only workloads that have it are candidates (label index).
  const first = sel.matchLabels.entries().next();
  const candidates = first.done ? undefined : q.withPodLabel(WORKLOAD_KINDS, namespace, first.value[0], first.value[1]);
  for (const kind of WORKLOAD_KINDS) {
    for (const r of candidates ? candidates.filter((c) => c.kind === kind) : q.list(kind, namespace)) {
      const pt = podTemplateOf(r);
      if (pt && pt.labels.size > 0 && matches(sel, pt.labels)) out.push(pt);
    }
  }
  return out;
}
