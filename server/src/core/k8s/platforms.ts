import { closest, editDistance } from './suggest';

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
    // Checked (2026-11): the Compute Engine persistent disk CSI driver's `standard-rwo` (pd-balanced,
    // the default) and `premium-rwo` (pd-ssd), and the in-tree `standard` (kubernetes.io/gce-pd,
    // pd-standard) that clusters still list:
    // https://cloud.google.com/kubernetes-engine/docs/concepts/persistent-volumes#storageclasses
    // Checked: "After you enable the Filestore CSI driver, GKE automatically installs the following
    // StorageClasses": `zonal-rwx`, `enterprise-rwx`, `enterprise-multishare-rwx`; `standard-rwx`
    // (Basic HDD) and `premium-rwx` (Basic SSD) appear beside them in `kubectl get sc` of GKE
    // clusters with the add-on:
    // https://cloud.google.com/filestore/docs/csi-driver#storage-class
    // Not added: a class for Filestore's regional tier (GKE 1.33+) — its name is not confirmed.
    classes: [
      'standard',
      'standard-rwo',
      'premium-rwo',
      'standard-rwx',
      'premium-rwx',
      'enterprise-rwx',
      'enterprise-multishare-rwx',
      'zonal-rwx',
    ],
    provisioners: ['pd.csi.storage.gke.io', 'filestore.csi.storage.gke.io', 'kubernetes.io/gce-pd'],
    source: 'https://cloud.google.com/kubernetes-engine/docs/concepts/persistent-volumes#storageclasses',
  },
  {
    id: 'eks',
    title: 'Amazon EKS',
    // Checked: EKS creates a `gp2` StorageClass (in-tree kubernetes.io/aws-ebs, migrated to the EBS
    // CSI driver) in every cluster. Since Kubernetes 1.30 it is no longer annotated as the default
    // class of new clusters, but it still exists and can be named ("If you reference this storage
    // class by name, you don't need to take any action"):
    // https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions-extended.html (Kubernetes 1.30)
    // Checked: EKS Auto Mode "does not create a StorageClass for you"; its EBS provisioner is
    // `ebs.csi.eks.amazonaws.com` (https://docs.aws.amazon.com/eks/latest/userguide/create-storage-class.html).
    // Whether `gp2` exists on Auto Mode clusters is not confirmed; seeing that provisioner still
    // infers EKS, so `gp2` is not flagged there (no false alarm at the cost of a missed one).
    // `gp3` is not built in (the EBS CSI add-on creates a default class only when asked).
    classes: ['gp2'],
    provisioners: ['ebs.csi.aws.com', 'ebs.csi.eks.amazonaws.com', 'efs.csi.aws.com', 'kubernetes.io/aws-ebs'],
    source: 'https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions-extended.html',
  },
  {
    id: 'aks',
    title: 'AKS',
    // Checked: "Each AKS cluster includes four built-in storage classes": `default` (Azure Disk CSI,
    // Standard SSD, the default) and `managed-csi-premium` for Azure Disks
    // (https://learn.microsoft.com/azure/aks/create-volume-azure-disk), `azurefile-csi` and
    // `azurefile-csi-premium` for Azure Files (https://learn.microsoft.com/azure/aks/create-volume-azure-files);
    // `azureblob-fuse-premium` and `azureblob-nfs-premium` when the Blob CSI driver is enabled
    // (https://learn.microsoft.com/azure/aks/azure-blob-csi).
    // `managed-csi` and the in-tree names `managed`, `managed-premium`, `azurefile`,
    // `azurefile-premium` are not among the documented four, but `kubectl get sc` on AKS clusters
    // lists them (the output shown by several public AKS guides); kept so that manifests written
    // for them are not flagged.
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
    provisioners: [
      'disk.csi.azure.com',
      'file.csi.azure.com',
      'blob.csi.azure.com',
      'kubernetes.io/azure-disk',
      'kubernetes.io/azure-file',
    ],
    source: 'https://learn.microsoft.com/azure/aks/concepts-storage#storage-classes',
  },
  {
    id: 'openshift',
    title: 'OpenShift',
    // Checked, classes of the CSI driver operators that OpenShift installs by default (also ROSA,
    // ARO, OpenShift Dedicated):
    // - AWS: `gp3-csi` (default) and `gp2-csi`, ebs.csi.aws.com (the operator's manifests,
    //   github.com/openshift/csi-operator assets/overlays/aws-ebs/base/storageclass_gp{2,3}.yaml;
    //   https://docs.openshift.com/container-platform/latest/storage/container_storage_interface/persistent-storage-csi-ebs.html)
    // - Azure: `managed-csi` (https://docs.openshift.com/container-platform/latest/storage/container_storage_interface/persistent-storage-csi-azure-disk.html)
    //   and `azurefile-csi` (…/persistent-storage-csi-azure-file.html)
    // - GCP: `standard-csi` and `ssd-csi` (github.com/openshift/gcp-pd-csi-driver-operator; GCP
    //   Dedicated regions get a hyperdisk-balanced class instead, name not confirmed, not listed)
    // - vSphere: `thin-csi` (…/persistent-storage-vsphere.html)
    // - OpenStack: `standard-csi` (…/persistent-storage-csi-cinder.html)
    // Checked, in-tree classes that the Cluster Storage Operator created before CSI (OpenShift
    // 4.2–4.x; kept by upgraded clusters): `gp2` (AWS), `managed-premium` (Azure), `standard` (GCP,
    // OpenStack), `thin` (vSphere) — github.com/openshift/cluster-storage-operator assets/storageclasses/*.yaml.
    // OpenShift Data Foundation (an operator installed on top) creates the `ocs-storagecluster-*`
    // classes and `openshift-storage.noobaa.io`:
    // https://docs.redhat.com/en/documentation/red_hat_openshift_data_foundation/latest/html/deploying_openshift_data_foundation_on_vmware_vsphere/verifying-that-the-storage-classes-are-created-and-listed_rhodf
    // `ocs-storagecluster-ceph-rbd-virtualization` (ODF with OpenShift Virtualization) is not confirmed
    // by that page; kept from the previous list.
    classes: [
      'gp2-csi',
      'gp3-csi',
      'managed-csi',
      'azurefile-csi',
      'standard-csi',
      'ssd-csi',
      'thin-csi',
      'gp2',
      'managed-premium',
      'standard',
      'thin',
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
    source:
      'https://docs.openshift.com/container-platform/latest/storage/container_storage_interface/persistent-storage-csi.html',
  },
  {
    id: 'k3s',
    title: 'k3s',
    // Checked: "K3s comes with Rancher's Local Path Provisioner … a local-path StorageClass"
    // (rancher.io/local-path):
    // https://docs.k3s.io/storage#setting-up-the-local-storage-provider
    classes: ['local-path'],
    provisioners: ['rancher.io/local-path'],
    source: 'https://docs.k3s.io/storage',
  },
  {
    id: 'kind',
    title: 'kind',
    // Checked: kind installs a default class named `standard` at cluster creation: the node image's
    // /kind/manifests/default-storage.yaml (Rancher's local-path-provisioner, rancher.io/local-path,
    // in current images) or, on old images, a kubernetes.io/host-path class of the same name
    // (github.com/kubernetes-sigs/kind pkg/cluster/internal/create/actions/installstorage/storage.go).
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
  {
    id: 'charmed',
    title: 'Charmed Kubernetes',
    // Checked: on OpenStack, "A `cdk-cinder` storage class will be automatically created when the
    // integrator is used" (the openstack-integrator charm):
    // https://ubuntu.com/kubernetes/docs/openstack-integration
    // Its provisioner was `csi-cinderplugin` from 1.14 and `cinder.csi.openstack.org` in later
    // releases (https://ubuntu.com/kubernetes/docs/release-notes, "New provisioner value for Cinder
    // storage classes"). Classes of the other integrators (AWS, GCP, Azure, vSphere) are not
    // confirmed and not listed. Seen in real repositories (kubernetes/examples: a claim of class
    // cdk-cinder).
    classes: ['cdk-cinder'],
    provisioners: ['csi-cinderplugin', 'cinder.csi.openstack.org'],
    source: 'https://ubuntu.com/kubernetes/docs/openstack-integration',
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

/**
 * The class meant by an unknown name: the nearer of the closest workspace class (or
 * knownStorageClasses entry) and the closest platform class that counts. When both are equally
 * near, the platform's name wins if the platform was configured or inferred (the cluster surely
 * has it), the workspace's otherwise.
 */
export function suggestClass(name: string, workspace: Iterable<string>, platform: PlatformClasses): string | undefined {
  const own = new Set(workspace);
  const mine = closest(name, own);
  const theirs = closest(
    name,
    [...platform.classes.keys()].filter((c) => !own.has(c)),
  );
  if (!mine || !theirs) return mine ?? theirs;
  const d = (c: string) => editDistance(name.toLowerCase(), c.toLowerCase());
  const dm = d(mine);
  const dt = d(theirs);
  if (dt !== dm) return dt < dm ? theirs : mine;
  return platform.how === 'setting' || platform.how === 'inferred' ? theirs : mine;
}
