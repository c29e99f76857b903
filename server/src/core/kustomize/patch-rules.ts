/**
 * The rules that also run on kustomize patch documents. A patch states only the fields it
 * changes, so rules about missing fields or about other objects would be false alarms on it;
 * these rules check only values that are present, which are just as wrong in a patch, or (as
 * rwo-claim-shared does) check the patched result in the builds that apply the patch.
 */
export const PATCH_RULE_CODES: ReadonlySet<string> = new Set([
  'labels-invalid',
  'sts-min-ready-seconds-invalid',
  'sts-ordinals-start-invalid',
  'sts-pod-management-policy-invalid',
  'sts-replicas-invalid',
  'sts-retention-policy-invalid',
  'sts-revision-history-negative',
  'sts-service-name-invalid',
  'sts-service-name-not-dns1035',
  'sts-update-strategy-invalid',
  'svc-type-invalid',
  'svc-protocol-invalid',
  'svc-session-affinity-invalid',
  'access-mode-invalid',
  'storage-class-name-invalid',
  'storage-request-fractional',
  'pv-reclaim-policy-invalid',
  'pv-reclaim-recycle',
  'sc-reclaim-policy-invalid',
  'sc-volume-binding-mode-invalid',
  'emptydir-medium-unknown',
  'emptydir-size-limit-invalid',
  'volume-mode-invalid',
  'rwo-claim-shared',
  // The schema checks of values that are present (no required-field check on a patch).
  'schema-unknown-field',
  'schema-type-mismatch',
  'schema-enum-invalid',
  'schema-quantity-invalid',
  'api-version-removed',
  'svc-node-port-range',
  'svc-selector-invalid',
]);
