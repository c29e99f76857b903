import type { Rule } from '../types';
import { containerNameDuplicate } from './container-name-duplicate';
import { containerPortInvalid } from './container-port-invalid';
import { metadataNameMissing } from './metadata-name-missing';
import { objectDuplicate } from './object-duplicate';
import { objectDuplicateFolder } from './object-duplicate-folder';
import { svcNodePortRange } from './svc-node-port-range';
import { listEntryDuplicate } from './list-entry-duplicate';
import { workloadSelectorMismatch } from './selector-mismatch';
import { svcSelectorInvalid } from './svc-selector-invalid';

export const WORKLOAD_RULES: Rule[] = [
  containerPortInvalid,
  containerNameDuplicate,
  metadataNameMissing,
  objectDuplicate,
  objectDuplicateFolder,
  svcNodePortRange,
  workloadSelectorMismatch,
  svcSelectorInvalid,
  listEntryDuplicate,
];
