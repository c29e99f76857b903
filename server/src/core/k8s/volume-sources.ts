/**
 * Volume source keys, in the order the API server's validation visits them
 * (validateVolumeSource, ValidatePersistentVolumeSpec): the first one present counts, each
 * later one is `Forbidden: may not specify more than 1 volume type`.
 */
import type { YamlDoc } from '../yaml/parse';
import { entries, isNullish, YNode } from '../yaml/nodes';

/** core/v1 VolumeSource, in validateVolumeSource order. */
export const POD_VOLUME_SOURCES = [
  'emptyDir',
  'hostPath',
  'gitRepo',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'secret',
  'nfs',
  'iscsi',
  'glusterfs',
  'flocker',
  'persistentVolumeClaim',
  'rbd',
  'cinder',
  'cephfs',
  'quobyte',
  'downwardAPI',
  'fc',
  'flexVolume',
  'configMap',
  'azureFile',
  'vsphereVolume',
  'photonPersistentDisk',
  'portworxVolume',
  'azureDisk',
  'storageos',
  'projected',
  'scaleIO',
  'csi',
  'ephemeral',
  'image',
] as const;

/** core/v1 PersistentVolumeSource, in ValidatePersistentVolumeSpec order. */
export const PV_SOURCES = [
  'hostPath',
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'glusterfs',
  'flocker',
  'nfs',
  'rbd',
  'quobyte',
  'cephfs',
  'iscsi',
  'cinder',
  'fc',
  'flexVolume',
  'azureFile',
  'vsphereVolume',
  'photonPersistentDisk',
  'portworxVolume',
  'azureDisk',
  'scaleIO',
  'local',
  'storageos',
  'csi',
] as const;

/** PersistentVolumeSpec fields that are not volume sources. */
export const PV_SPEC_FIELDS = [
  'accessModes',
  'capacity',
  'claimRef',
  'persistentVolumeReclaimPolicy',
  'storageClassName',
  'mountOptions',
  'volumeMode',
  'nodeAffinity',
  'volumeAttributesClassName',
];

export interface SourceEntry {
  key: string;
  keyNode: YNode;
  value?: YNode;
}

export interface Sources {
  /** Sources with a value, in validation order (a null value decodes to nil: not a source). */
  present: SourceEntry[];
  /** Keys that are neither sources nor one of `other`. */
  unknown: SourceEntry[];
}

export function sourcesOf(y: YamlDoc, node: unknown, list: readonly string[], other: readonly string[]): Sources {
  const present: SourceEntry[] = [];
  const unknown: SourceEntry[] = [];
  for (const [key, keyNode, value] of entries(y, node)) {
    if (list.includes(key)) {
      if (!isNullish(y, value)) present.push({ key, keyNode, value });
    } else if (!other.includes(key)) unknown.push({ key, keyNode, value });
  }
  present.sort((a, b) => list.indexOf(a.key) - list.indexOf(b.key));
  return { present, unknown };
}
