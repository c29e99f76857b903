/**
 * Shared reading of pod volumes and mounts for the rules of this group: API field paths for
 * messages, the names a mount may refer to (StatefulSet claim templates included), and the
 * local-path checks of subPath / hostPath.
 */
import {
  containersOf,
  mountsOf,
  MountInfo,
  PodTemplate,
  podTemplateOf,
  VolumeInfo,
  volumesOf,
  WORKLOAD_KINDS,
} from '../../k8s/podspec';
import { Claim, claimTemplates } from '../../model/claims';
import { treeMemo, type Resource } from '../../model/resource';
import { asMap } from '../../yaml/nodes';

/** Every kind with a pod spec (Pod and the workload templates). */
export const POD_KINDS: readonly string[] = [...WORKLOAD_KINDS];

export interface PodVolumes {
  pt: PodTemplate;
  /** Volumes that are maps (other shapes are skipped). */
  volumes: VolumeInfo[];
  mounts: MountInfo[];
  /** StatefulSet claim templates with a string name (they count as volumes). */
  claims: Claim[];
}

/**
 * The pod spec's volumes, mounts and (for a StatefulSet) claim templates; undefined without a
 * pod spec. Memoized with the syntax tree (a dozen rules read it per workload); read-only.
 */
export const podVolumes: (res: Resource) => PodVolumes | undefined = treeMemo(computePodVolumes);

function computePodVolumes(res: Resource): PodVolumes | undefined {
  const pt = podTemplateOf(res);
  if (!pt || !asMap(res.yaml, pt.spec)) return undefined;
  const volumes = volumesOf(pt).filter((v) => asMap(res.yaml, v.node));
  const mounts = containersOf(pt).flatMap((c) => mountsOf(pt, c).filter((m) => asMap(res.yaml, m.node)));
  const claims = res.kind === 'StatefulSet' ? claimTemplates(res).filter((c) => c.name) : [];
  return { pt, volumes, mounts, claims };
}

export const volumePath = (pt: PodTemplate, v: VolumeInfo) => `${pt.specPath}.volumes[${v.index}]`;
export const mountPath = (pt: PodTemplate, m: MountInfo) =>
  `${pt.specPath}.${m.container.group}[${m.container.index}].volumeMounts[${m.index}]`;
export const containerLabel = (m: MountInfo) =>
  m.container.name ? `container \`${m.container.name}\`` : `${m.container.group}[${m.container.index}]`;

/** validatePathNoBacksteps: a `..` element (split on '/'). */
export function hasBackstep(p: string): boolean {
  return p.split('/').includes('..');
}
