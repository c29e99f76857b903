/**
 * StorageClasses that Kubernetes platforms create in every cluster, so that manifests written
 * for a platform can name them without defining them. Each list is taken from the platform's
 * documentation (cited beside it); the provisioners let the platform be inferred from the
 * StorageClasses a workspace does define.
 */

export interface Platform {
  /** Name used in the `kubeStateful.platform` setting and the CLI's `--platform` flag. */
  id: string;
  title: string;
  /** Classes present by default (or by a documented default add-on/operator). */
  classes: readonly string[];
  /** Provisioners that only (or typically) appear on this platform. */
  provisioners: readonly string[];
  /** Where the list comes from. */
  source: string;
}

export const PLATFORMS: readonly Platform[] = [
  {
    id: 'gke',
    title: 'GKE',
    // Compute Engine persistent disk CSI driver classes:
    // https://cloud.google.com/kubernetes-engine/docs/concepts/persistent-volumes#storageclasses
    // Filestore CSI driver classes (created when the driver is enabled):
    // https://cloud.google.com/filestore/docs/csi-driver#storage-class
    classes: ['standard', 'standard-rwo', 'premium-rwo', 'standard-rwx', 'premium-rwx', 'enterprise-rwx', 'enterprise-multishare-rwx', 'zonal-rwx'],
    provisioners: ['pd.csi.storage.gke.io', 'filestore.csi.storage.gke.io', 'kubernetes.io/gce-pd'],
    source: 'https://cloud.google.com/kubernetes-engine/docs/concepts/persistent-volumes',
  },
  {
    id: 'eks',
    title: 'Amazon EKS',
    // "Amazon EKS clusters … come with a gp2 StorageClass":
    // https://docs.aws.amazon.com/eks/latest/userguide/storage-classes.html
    classes: ['gp2'],
    provisioners: ['ebs.csi.aws.com', 'efs.csi.aws.com', 'kubernetes.io/aws-ebs'],
    source: 'https://docs.aws.amazon.com/eks/latest/userguide/storage-classes.html',
  },
  {
    id: 'aks',
    title: 'AKS',
    // Built-in storage classes of AKS (CSI and the legacy in-tree names):
    // https://learn.microsoft.com/azure/aks/concepts-storage#storage-classes
    // Checked: "Each AKS cluster includes four built-in storage classes": `default` (Standard SSD)
    // and `managed-csi-premium` for Azure Disks (learn.microsoft.com/azure/aks/create-volume-azure-disk),
    // `azurefile-csi` and `azurefile-csi-premium` for Azure Files (…/aks/create-volume-azure-files);
    // the others are the CSI `managed-csi`, the Blob CSI driver's classes (when it is enabled) and
    // the in-tree names of older clusters, kept so that manifests written for them are not flagged.
    classes: [
      'default',
      'managed-csi',
      'managed-csi-premium',
      'managed',
      'managed-premium',
      'azurefile',
      'azurefile-premium',
      'azurefile-csi',
      'azurefile-csi-premium',
      'azureblob-nfs-premium',
      'azureblob-fuse-premium',
    ],
    provisioners: ['disk.csi.azure.com', 'file.csi.azure.com', 'blob.csi.azure.com', 'kubernetes.io/azure-disk', 'kubernetes.io/azure-file'],
    source: 'https://learn.microsoft.com/azure/aks/concepts-storage#storage-classes',
  },
  {
    id: 'openshift',
    title: 'OpenShift',
    // Default classes of the CSI driver operators per infrastructure (AWS gp2-csi/gp3-csi,
    // also ROSA; Azure managed-csi/azurefile-csi, also ARO; GCP standard-csi/ssd-csi; vSphere
    // thin-csi; OpenStack standard-csi):
    // https://docs.openshift.com/container-platform/latest/storage/container_storage_interface/persistent-storage-csi.html
    // OpenShift Data Foundation (ODF) classes:
    // https://docs.redhat.com/en/documentation/red_hat_openshift_data_foundation/latest/html/managing_and_allocating_storage_resources/storage-classes_rhodf
    classes: [
      'gp2-csi',
      'gp3-csi',
      'managed-csi',
      'azurefile-csi',
      'standard-csi',
      'ssd-csi',
      'thin-csi',
      'ocs-storagecluster-ceph-rbd',
      'ocs-storagecluster-ceph-rbd-virtualization',
      'ocs-storagecluster-cephfs',
      'ocs-storagecluster-ceph-rgw',
      'openshift-storage.noobaa.io',
    ],
    // The cloud CSI drivers are OpenShift's too, so seeing them infers OpenShift as well.
    provisioners: [
      'ebs.csi.aws.com',
      'disk.csi.azure.com',
      'file.csi.azure.com',
      'pd.csi.storage.gke.io',
      'cinder.csi.openstack.org',
      'csi.vsphere.vmware.com',
      'openshift-storage.rbd.csi.ceph.com',
      'openshift-storage.cephfs.csi.ceph.com',
      'openshift-storage.ceph.rook.io/bucket',
      'openshift-storage.noobaa.io/obc',
    ],
    source: 'https://docs.openshift.com/container-platform/latest/storage/container_storage_interface/persistent-storage-csi.html',
  },
  {
    id: 'k3s',
    title: 'k3s',
    // "K3s comes with Rancher's Local Path Provisioner … a local-path StorageClass":
    // https://docs.k3s.io/storage#setting-up-the-local-storage-provider
    classes: ['local-path'],
    provisioners: ['rancher.io/local-path'],
    source: 'https://docs.k3s.io/storage',
  },
  {
    id: 'kind',
    title: 'kind',
    // kind installs local-path-provisioner as the default class `standard`:
    // https://kind.sigs.k8s.io/docs/user/configuration/ (and its default storage manifest)
    classes: ['standard'],
    provisioners: ['rancher.io/local-path'],
    source: 'https://kind.sigs.k8s.io/docs/user/configuration/',
  },
  {
    id: 'minikube',
    title: 'minikube',
    // Checked: `kubectl get storageclass` on minikube lists `standard (default)` with provisioner
    // k8s.io/minikube-hostpath (apache/spark SPARK-46783, which uses it in its Kubernetes tests).
    // The default-storageclass addon's `standard` (k8s.io/minikube-hostpath) and the
    // csi-hostpath-driver addon's `csi-hostpath-sc`:
    // https://minikube.sigs.k8s.io/docs/handbook/persistent_volumes/
    // https://minikube.sigs.k8s.io/docs/tutorials/volume_snapshots_and_csi/
    classes: ['standard', 'csi-hostpath-sc'],
    provisioners: ['k8s.io/minikube-hostpath'],
    source: 'https://minikube.sigs.k8s.io/docs/handbook/persistent_volumes/',
  },
];

export const PLATFORM_IDS: readonly string[] = PLATFORMS.map((p) => p.id);

/** `auto`, `none`, or the platforms the manifests are written for. */
export type PlatformSetting = 'auto' | 'none' | string[];

export interface PlatformClasses {
  /** Class name → the platforms that provide it. */
  classes: Map<string, string[]>;
  /** The platforms whose classes count, and how they were chosen. */
  platforms: Platform[];
  how: 'setting' | 'inferred' | 'all' | 'none';
}

/**
 * The platform classes that count as existing: those of the configured platforms; with
 * `auto`, those of the platforms the workspace's StorageClass provisioners point to, or of
 * every known platform when they point to none.
 */
export function platformClasses(setting: PlatformSetting, workspaceProvisioners: Iterable<string>): PlatformClasses {
  let platforms: Platform[];
  let how: PlatformClasses['how'];
  if (setting === 'none') {
    platforms = [];
    how = 'none';
  } else if (Array.isArray(setting)) {
    platforms = PLATFORMS.filter((p) => setting.includes(p.id));
    how = 'setting';
  } else {
    const seen = new Set(workspaceProvisioners);
    platforms = PLATFORMS.filter((p) => p.provisioners.some((x) => seen.has(x)));
    how = platforms.length ? 'inferred' : 'all';
    if (!platforms.length) platforms = [...PLATFORMS];
  }
  const classes = new Map<string, string[]>();
  for (const p of platforms)
    for (const c of p.classes) {
      const l = classes.get(c);
      if (l) l.push(p.title);
      else classes.set(c, [p.title]);
    }
  return { classes, platforms, how };
}
