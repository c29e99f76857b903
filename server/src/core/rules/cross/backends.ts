/**
 * Which pods a Service selects, from the workloads in the workspace, counting the labels the
 * StatefulSet controller adds to each pod. Selectors on labels whose values only exist in the
 * cluster (pod-template-hash, controller-revision-hash, …) make the answer `unsure`.
 */
import { containersOf, PodTemplate, WORKLOAD_KINDS } from '../../k8s/podspec';
import { LabelSelector, matches } from '../../k8s/selector';
import { ordinals, podName, statefulSetIdentity, StatefulSetIdentity } from '../../model/identity';
import { selectedWorkloads } from '../../model/governance';
import type { Query } from '../../model/query';
import type { Resource } from '../../model/resource';
import { narrowestScope } from '../../model/scope';
import { child, isNullish, items, num, str, YNode } from '../../yaml/nodes';

export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';

/** Pod labels set by controllers to values that cannot be known from the manifests. */
const UNKNOWABLE_LABELS = new Set([
  'pod-template-hash',
  'controller-revision-hash',
  'pod-template-generation',
  'controller-uid',
  'job-name',
  'batch.kubernetes.io/controller-uid',
  'batch.kubernetes.io/job-name',
  'batch.kubernetes.io/job-completion-index',
]);

const selectorKeys = (sel: LabelSelector) => [...sel.matchLabels.keys(), ...sel.expressions.map((e) => e.key)];

export function hasUnknowableKeys(sel: LabelSelector): boolean {
  return selectorKeys(sel).some((k) => UNKNOWABLE_LABELS.has(k));
}

/**
 * Whether the selector selects at least one of the StatefulSet's pods (template labels plus the
 * per-pod name and index labels); undefined when that cannot be known.
 */
export function selectsStatefulSetPods(id: StatefulSetIdentity, sel: LabelSelector): boolean | undefined {
  if (!id.template) return undefined;
  if (hasUnknowableKeys(sel)) return undefined;
  if (matches(sel, id.template.labels)) return true;
  const keys = selectorKeys(sel);
  if (!keys.includes(POD_NAME_LABEL) && !keys.includes(POD_INDEX_LABEL)) return false;
  if (id.replicas === undefined) return undefined;
  for (const ord of ordinals(id)) {
    const labels = new Map(id.template.labels);
    labels.set(POD_NAME_LABEL, podName(id.name, ord));
    labels.set(POD_INDEX_LABEL, String(ord));
    if (matches(sel, labels)) return true;
  }
  return false;
}

export interface Backends {
  /** Pod templates (of any workload kind) whose pods the selector selects. */
  templates: PodTemplate[];
  /** Some workload's pods may be selected through labels only the cluster knows. */
  unsure: boolean;
}

/**
 * The workloads of a namespace whose pods a Service selector selects; with `from` (the Service),
 * only those of the narrowest scope around it that has any (see model/scope.ts).
 */
export function serviceBackends(q: Query, namespace: string, sel: LabelSelector, from?: Resource): Backends {
  let templates = selectedWorkloads(q, namespace, sel);
  if (from && templates.length > 1) {
    const near = new Set(
      narrowestScope(
        q.ws,
        from,
        templates.map((t) => t.res),
        q.deps,
      ),
    );
    templates = templates.filter((t) => near.has(t.res));
  }
  let unsure = hasUnknowableKeys(sel);
  const keys = selectorKeys(sel);
  if (!unsure && (keys.includes(POD_NAME_LABEL) || keys.includes(POD_INDEX_LABEL))) {
    for (const r of q.list('StatefulSet', namespace)) {
      if (templates.some((t) => t.res === r)) continue;
      const id = statefulSetIdentity(r);
      if (!id?.template) continue;
      const s = selectsStatefulSetPods(id, sel);
      if (s === undefined) unsure = true;
      else if (s) templates.push(id.template);
    }
  }
  return { templates, unsure };
}

/** Whether the workspace holds any workload (anything with pods) in the namespace. */
export function hasWorkloads(q: Query, namespace: string): boolean {
  for (const kind of WORKLOAD_KINDS) if (q.hasAny(kind, namespace)) return true;
  return false;
}

export interface ContainerPort {
  name: string | undefined;
  /** Effective protocol (TCP by default). */
  protocol: string;
  containerPort: number | undefined;
  node: YNode;
}

/**
 * The ports a Service's named targetPort is looked up in (podutil.FindPort): the ports of
 * `containers`, and of restartable (sidecar) init containers.
 */
export function namedPortsOf(pt: PodTemplate): ContainerPort[] {
  const y = pt.res.yaml;
  const out: ContainerPort[] = [];
  for (const c of containersOf(pt)) {
    if (c.group === 'ephemeralContainers') continue;
    if (c.group === 'initContainers' && str(y, child(y, c.node, 'restartPolicy')) !== 'Always') continue;
    for (const p of items(y, child(y, c.node, 'ports'))) {
      const protoNode = child(y, p, 'protocol');
      out.push({
        name: str(y, child(y, p, 'name')),
        protocol: protoNode === undefined || isNullish(y, protoNode) ? 'TCP' : str(y, protoNode) || 'TCP',
        containerPort: num(y, child(y, p, 'containerPort')),
        node: p,
      });
    }
  }
  return out;
}
