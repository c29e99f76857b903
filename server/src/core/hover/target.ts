/**
 * What is under the cursor: the resource of the document, the hovered scalar, and which
 * reference or name it is (shared by hovers and go-to-definition).
 */
import type { ParsedDoc } from '../yaml/parse';
import type { Resource } from '../model/resource';
import type { Workspace } from '../model/workspace';
import { containersOf, ContainerInfo, podTemplateOf, PodTemplate } from '../k8s/podspec';
import { asScalar, pathAt, scalarText, YNode } from '../yaml/nodes';

export type Target =
  /** `kind`, `metadata.name`, `spec.replicas` or `spec.serviceName` of a StatefulSet. */
  | { kind: 'statefulset'; field: 'kind' | 'name' | 'replicas' | 'serviceName' }
  /** `kind` or `metadata.name` of a Service. */
  | { kind: 'service' }
  /** `spec.volumeClaimTemplates[index].metadata.name`. */
  | { kind: 'claim-template'; index: number }
  /** `volumes[index].name` of a pod template. */
  | { kind: 'volume'; pt: PodTemplate; index: number }
  /** `volumeMounts[index].name` of a container. */
  | { kind: 'mount'; pt: PodTemplate; container: ContainerInfo; index: number }
  /** `storageClassName` of a PVC, PV, claim template or ephemeral volume claim template. */
  | { kind: 'storage-class'; pt?: PodTemplate }
  /** `volumes[i].persistentVolumeClaim.claimName`. */
  | { kind: 'claim-name'; pt: PodTemplate }
  /** PVC `spec.volumeName`. */
  | { kind: 'volume-name' }
  /** PV `spec.claimRef.name` (namespace undefined: claimRef names none, so no claim matches). */
  | { kind: 'claim-ref-name'; namespace: string | undefined }
  /** Pod template `subdomain` (names a headless Service). */
  | { kind: 'subdomain'; pt: PodTemplate };

export interface Located {
  res: Resource;
  doc: ParsedDoc;
  /** The hovered scalar node (an alias node when the value is an alias). */
  node: YNode;
  /** The scalar's text. */
  value: string;
  target: Target;
}

const CONTAINER_GROUPS = new Set(['containers', 'initContainers', 'ephemeralContainers']);

export function classify(res: Resource, keys: (string | number)[]): Target | undefined {
  const path = keys.map((k) => (typeof k === 'number' ? '#' : k)).join('.');
  const nums = keys.filter((k): k is number => typeof k === 'number');
  switch (res.kind) {
    case 'StatefulSet':
      if (path === 'kind') return { kind: 'statefulset', field: 'kind' };
      if (path === 'metadata.name') return { kind: 'statefulset', field: 'name' };
      if (path === 'spec.replicas') return { kind: 'statefulset', field: 'replicas' };
      if (path === 'spec.serviceName') return { kind: 'statefulset', field: 'serviceName' };
      if (path === 'spec.volumeClaimTemplates.#.metadata.name') return { kind: 'claim-template', index: nums[0] };
      if (path === 'spec.volumeClaimTemplates.#.spec.storageClassName') return { kind: 'storage-class' };
      break;
    case 'Service':
      if (path === 'kind' || path === 'metadata.name') return { kind: 'service' };
      break;
    case 'PersistentVolumeClaim':
      if (path === 'spec.storageClassName') return { kind: 'storage-class' };
      if (path === 'spec.volumeName') return { kind: 'volume-name' };
      break;
    case 'PersistentVolume':
      if (path === 'spec.storageClassName') return { kind: 'storage-class' };
      if (path === 'spec.claimRef.name') {
        // A PV is cluster-scoped: nothing fills in claimRef.namespace, and the PV controller
        // matches it exactly, so a claimRef without one reserves the volume for no claim.
        return {
          kind: 'claim-ref-name',
          namespace: scalarText(res.yaml, res.at('spec', 'claimRef', 'namespace')) || undefined,
        };
      }
      break;
  }
  const pt = podTemplateOf(res);
  if (!pt || !path.startsWith(pt.specPath + '.')) return undefined;
  const rest = path.slice(pt.specPath.length + 1);
  const restKeys = keys.slice(pt.specPath.split('.').length);
  const restNums = restKeys.filter((k): k is number => typeof k === 'number');
  if (rest === 'volumes.#.name') return { kind: 'volume', pt, index: restNums[0] };
  if (rest === 'volumes.#.persistentVolumeClaim.claimName') return { kind: 'claim-name', pt };
  if (rest === 'volumes.#.ephemeral.volumeClaimTemplate.spec.storageClassName') return { kind: 'storage-class', pt };
  if (rest === 'subdomain') return { kind: 'subdomain', pt };
  if (CONTAINER_GROUPS.has(String(restKeys[0])) && /^[a-zA-Z]+\.#\.volumeMounts\.#\.name$/.test(rest)) {
    const container = containersOf(pt).find((c) => c.group === restKeys[0] && c.index === restNums[0]);
    if (container) return { kind: 'mount', pt, container, index: restNums[1] };
  }
  return undefined;
}

/** The hovered scalar value of a Kubernetes resource and what it names, or undefined. */
export function locate(ws: Workspace, uri: string, offset: number): Located | undefined {
  const file = ws.file(uri);
  const doc = file?.docAt(offset);
  if (!file || !doc) return undefined;
  const res = file.resourceAt(offset);
  if (!res) return undefined;
  const { steps, onKey } = pathAt(doc.yaml, offset - doc.base);
  const last = steps[steps.length - 1];
  if (onKey || steps.length < 2 || !last.node) return undefined;
  const scalar = asScalar(doc.yaml, last.node);
  const value = scalarText(doc.yaml, scalar);
  // An empty value (`claimName:`) names nothing.
  if (!scalar || scalar.value === null || value === undefined) return undefined;
  const keys = steps.slice(1 + res.prefix.length).map((s) => s.key);
  if (res.prefix.some((k, i) => steps[i + 1]?.key !== k)) return undefined;
  if (keys.some((k) => k === undefined)) return undefined;
  const target = classify(res, keys as (string | number)[]);
  return target && { res, doc, node: last.node, value, target };
}
