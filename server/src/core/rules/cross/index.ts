import type { Rule } from '../types';
import { pvBindingMismatch } from './pv-binding-mismatch';
import { pvcEmptyClassWithDefault } from './pvc-empty-class-with-default';
import { referenceAmbiguous } from './reference-ambiguous';
import { rwoClaimShared } from './rwo-claim-shared';
import { storageClassMultipleDefault } from './storage-class-multiple-default';
import { storageClassUnknown } from './storage-class-unknown';
import { stsServiceMissing } from './sts-service-missing';
import { stsServiceNotHeadless } from './sts-service-not-headless';
import { stsServiceSelectorMismatch } from './sts-service-selector-mismatch';
import { svcSelectorNoPods } from './svc-selector-no-pods';
import { svcTargetPortUnresolved } from './svc-target-port-unresolved';
import { volumeClaimMissing } from './volume-claim-missing';

export const CROSS_RULES: Rule[] = [
  stsServiceMissing,
  stsServiceNotHeadless,
  stsServiceSelectorMismatch,
  svcTargetPortUnresolved,
  svcSelectorNoPods,
  volumeClaimMissing,
  storageClassUnknown,
  storageClassMultipleDefault,
  pvBindingMismatch,
  pvcEmptyClassWithDefault,
  rwoClaimShared,
  referenceAmbiguous,
];
