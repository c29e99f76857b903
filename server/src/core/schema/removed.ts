/**
 * API versions removed from Kubernetes (the deprecated API migration guide,
 * kubernetes.io/docs/reference/using-api/deprecation-guide/): in which release each
 * group/version stopped being served for a kind, and what replaces it.
 *
 * `since` is the guide's "available since" of the replacement (for flowcontrol, the release
 * of flowcontrol.apiserver.k8s.io/v1); `dropIn` marks the entries for which the guide lists
 * no notable changes (only the apiVersion changes), and the two PodSecurityPolicy entries
 * are deprecated from policy/v1beta1's arrival (1.10) and from the PSP deprecation (1.21,
 * kubernetes.io/blog/2021/04/06/podsecuritypolicy-deprecation-past-present-and-future).
 */
export interface RemovedApi {
  apiVersion: string;
  kinds: readonly string[];
  /** Minor release (1.x) that no longer serves it. */
  removedIn: string;
  /** The apiVersion to use instead, when there is one. */
  replacement?: string;
  /** Release (1.x) from which `replacement` is served (the guide's "available since"). */
  since?: string;
  /**
   * Release from which this version counts as deprecated (default: `since`): served, but
   * `kubectl apply` prints the API server's deprecation warning.
   */
  deprecatedIn?: string;
  /** The guide lists no notable changes: changing apiVersion alone is enough (quick fix). */
  dropIn?: boolean;
  note?: string;
}

const WORKLOADS_APPS = 'apps/v1';
const APPS_NOTE = 'apps/v1 requires spec.selector, and it must match the template labels';

export const REMOVED_APIS: readonly RemovedApi[] = [
  {
    apiVersion: 'extensions/v1beta1',
    kinds: ['Deployment', 'DaemonSet', 'ReplicaSet'],
    removedIn: '1.16',
    replacement: WORKLOADS_APPS,
    note: APPS_NOTE,
    since: '1.9',
  },
  {
    apiVersion: 'apps/v1beta1',
    kinds: ['Deployment', 'StatefulSet'],
    removedIn: '1.16',
    replacement: WORKLOADS_APPS,
    note: APPS_NOTE,
    since: '1.9',
  },
  {
    apiVersion: 'apps/v1beta2',
    kinds: ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'],
    removedIn: '1.16',
    replacement: WORKLOADS_APPS,
    since: '1.9',
  },
  {
    apiVersion: 'extensions/v1beta1',
    kinds: ['NetworkPolicy'],
    removedIn: '1.16',
    replacement: 'networking.k8s.io/v1',
    since: '1.8',
    dropIn: true,
  },
  {
    apiVersion: 'extensions/v1beta1',
    kinds: ['PodSecurityPolicy'],
    removedIn: '1.16',
    note: 'PodSecurityPolicy was removed entirely in 1.25; use Pod Security Admission',
    deprecatedIn: '1.10',
  },
  {
    apiVersion: 'extensions/v1beta1',
    kinds: ['Ingress'],
    removedIn: '1.22',
    replacement: 'networking.k8s.io/v1',
    note: 'networking.k8s.io/v1 Ingress backends use service.name and service.port',
    since: '1.19',
  },
  {
    apiVersion: 'networking.k8s.io/v1beta1',
    kinds: ['Ingress', 'IngressClass'],
    removedIn: '1.22',
    replacement: 'networking.k8s.io/v1',
    since: '1.19',
  },
  {
    apiVersion: 'admissionregistration.k8s.io/v1beta1',
    kinds: ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'],
    removedIn: '1.22',
    replacement: 'admissionregistration.k8s.io/v1',
    since: '1.16',
  },
  {
    apiVersion: 'apiextensions.k8s.io/v1beta1',
    kinds: ['CustomResourceDefinition'],
    removedIn: '1.22',
    replacement: 'apiextensions.k8s.io/v1',
    note: 'apiextensions.k8s.io/v1 requires a structural schema per version',
    since: '1.16',
  },
  {
    apiVersion: 'apiregistration.k8s.io/v1beta1',
    kinds: ['APIService'],
    removedIn: '1.22',
    replacement: 'apiregistration.k8s.io/v1',
    since: '1.10',
    dropIn: true,
  },
  {
    apiVersion: 'authentication.k8s.io/v1beta1',
    kinds: ['TokenReview'],
    removedIn: '1.22',
    replacement: 'authentication.k8s.io/v1',
    since: '1.6',
    dropIn: true,
  },
  {
    apiVersion: 'authorization.k8s.io/v1beta1',
    kinds: ['LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SubjectAccessReview', 'SelfSubjectRulesReview'],
    removedIn: '1.22',
    replacement: 'authorization.k8s.io/v1',
    since: '1.6',
    dropIn: true,
  },
  {
    apiVersion: 'certificates.k8s.io/v1beta1',
    kinds: ['CertificateSigningRequest'],
    removedIn: '1.22',
    replacement: 'certificates.k8s.io/v1',
    since: '1.19',
  },
  {
    apiVersion: 'coordination.k8s.io/v1beta1',
    kinds: ['Lease'],
    removedIn: '1.22',
    replacement: 'coordination.k8s.io/v1',
    since: '1.14',
    dropIn: true,
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1beta1',
    kinds: ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
    removedIn: '1.22',
    replacement: 'rbac.authorization.k8s.io/v1',
    since: '1.8',
    dropIn: true,
  },
  {
    apiVersion: 'scheduling.k8s.io/v1beta1',
    kinds: ['PriorityClass'],
    removedIn: '1.22',
    replacement: 'scheduling.k8s.io/v1',
    since: '1.14',
    dropIn: true,
  },
  {
    apiVersion: 'storage.k8s.io/v1beta1',
    kinds: ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'],
    removedIn: '1.22',
    replacement: 'storage.k8s.io/v1',
    since: '1.19',
  },
  {
    apiVersion: 'batch/v1beta1',
    kinds: ['CronJob'],
    removedIn: '1.25',
    replacement: 'batch/v1',
    since: '1.21',
    dropIn: true,
  },
  {
    apiVersion: 'discovery.k8s.io/v1beta1',
    kinds: ['EndpointSlice'],
    removedIn: '1.25',
    replacement: 'discovery.k8s.io/v1',
    since: '1.21',
  },
  {
    apiVersion: 'events.k8s.io/v1beta1',
    kinds: ['Event'],
    removedIn: '1.25',
    replacement: 'events.k8s.io/v1',
    since: '1.19',
  },
  {
    apiVersion: 'autoscaling/v2beta1',
    kinds: ['HorizontalPodAutoscaler'],
    removedIn: '1.25',
    replacement: 'autoscaling/v2',
    since: '1.23',
  },
  {
    apiVersion: 'policy/v1beta1',
    kinds: ['PodDisruptionBudget'],
    removedIn: '1.25',
    replacement: 'policy/v1',
    note: 'in policy/v1 an empty selector selects every pod of the namespace',
    since: '1.21',
  },
  {
    apiVersion: 'policy/v1beta1',
    kinds: ['PodSecurityPolicy'],
    removedIn: '1.25',
    note: 'there is no replacement; use Pod Security Admission',
    deprecatedIn: '1.21',
  },
  {
    apiVersion: 'node.k8s.io/v1beta1',
    kinds: ['RuntimeClass'],
    removedIn: '1.25',
    replacement: 'node.k8s.io/v1',
    since: '1.20',
    dropIn: true,
  },
  {
    apiVersion: 'autoscaling/v2beta2',
    kinds: ['HorizontalPodAutoscaler'],
    removedIn: '1.26',
    replacement: 'autoscaling/v2',
    since: '1.23',
  },
  {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta1',
    kinds: ['FlowSchema', 'PriorityLevelConfiguration'],
    removedIn: '1.26',
    replacement: 'flowcontrol.apiserver.k8s.io/v1',
    since: '1.29',
  },
  {
    apiVersion: 'storage.k8s.io/v1beta1',
    kinds: ['CSIStorageCapacity'],
    removedIn: '1.27',
    replacement: 'storage.k8s.io/v1',
    since: '1.24',
    dropIn: true,
  },
  {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2',
    kinds: ['FlowSchema', 'PriorityLevelConfiguration'],
    removedIn: '1.29',
    replacement: 'flowcontrol.apiserver.k8s.io/v1',
    since: '1.29',
  },
  {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3',
    kinds: ['FlowSchema', 'PriorityLevelConfiguration'],
    removedIn: '1.32',
    replacement: 'flowcontrol.apiserver.k8s.io/v1',
    since: '1.29',
  },
];

/** Compare `1.x` release strings (missing or bad parts count as 0). */
export function compareVersions(a: string, b: string): number {
  const pa = a
    .replace(/^v/, '')
    .split('.')
    .map((x) => parseInt(x, 10) || 0);
  const pb = b
    .replace(/^v/, '')
    .split('.')
    .map((x) => parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

/**
 * The entry for an apiVersion/kind that the target release still serves but deprecates: its
 * replacement exists (or, without one, it was announced deprecated) and its removal is ahead.
 */
export function deprecatedApi(apiVersion: string, kind: string, target: string): RemovedApi | undefined {
  const r = REMOVED_APIS.find((x) => x.apiVersion === apiVersion && x.kinds.includes(kind));
  const from = r?.deprecatedIn ?? r?.since;
  return r && from && compareVersions(target, r.removedIn) < 0 && compareVersions(target, from) >= 0 ? r : undefined;
}

/** The removal entry for an apiVersion/kind, if it is removed in the target release. */
export function removedApi(apiVersion: string, kind: string, target: string): RemovedApi | undefined {
  const r = REMOVED_APIS.find((x) => x.apiVersion === apiVersion && x.kinds.includes(kind));
  return r && compareVersions(target, r.removedIn) >= 0 ? r : undefined;
}
