/** Where a claim spec's storage request (and limit) live. */
import { asMap, child, has, isNullish, keyNode, YNode } from '../../yaml/nodes';
import type { ClaimSpec } from './claim-spec';

export interface StorageRequest {
  resources?: YNode;
  requests?: YNode;
  /** The `storage` value node under requests (undefined when the key is absent). */
  storage?: YNode;
  present: boolean;
  /** The `storage` value node under limits. */
  limit?: YNode;
  /** Where to report a missing request: the deepest key that exists. */
  anchor: YNode | undefined;
}

export function storageRequestOf(cs: ClaimSpec): StorageRequest {
  const y = cs.res.yaml;
  const resources = child(y, cs.spec, 'resources');
  const requests = child(y, resources, 'requests');
  const limits = child(y, resources, 'limits');
  const present = has(y, requests, 'storage');
  const anchor = asMap(y, requests)
    ? keyNode(y, resources, 'requests')
    : asMap(y, resources)
      ? keyNode(y, cs.spec, 'resources')
      : (keyNode(y, cs.spec, 'resources') ?? cs.anchor);
  return {
    resources,
    requests,
    storage: present ? (child(y, requests, 'storage') ?? keyNode(y, requests, 'storage')) : undefined,
    present,
    limit:
      has(y, limits, 'storage') && !isNullish(y, child(y, limits, 'storage')) ? child(y, limits, 'storage') : undefined,
    anchor,
  };
}
