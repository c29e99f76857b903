import type { Rule } from '../types';
import { accessModeInvalid } from './access-mode-invalid';
import { accessModeRwopCombined } from './access-mode-rwop-combined';
import { accessModesMissing } from './access-modes-missing';
import { pvCapacityInvalid } from './pv-capacity-invalid';
import { pvReclaimPolicyInvalid } from './pv-reclaim-policy-invalid';
import { pvReclaimRecycle } from './pv-reclaim-recycle';
import { pvSourceInvalid } from './pv-source-invalid';
import { scProvisionerInvalid } from './sc-provisioner-invalid';
import { scReclaimPolicyInvalid } from './sc-reclaim-policy-invalid';
import { scVolumeBindingModeInvalid } from './sc-volume-binding-mode-invalid';
import { storageClassNameInvalid } from './storage-class-name-invalid';
import { storageRequestFractional } from './storage-request-fractional';
import { storageRequestInvalid } from './storage-request-invalid';
import { volumeModeInvalid } from './volume-mode-invalid';

export const STORAGE_RULES: Rule[] = [
  accessModesMissing,
  accessModeInvalid,
  accessModeRwopCombined,
  storageRequestInvalid,
  storageRequestFractional,
  storageClassNameInvalid,
  volumeModeInvalid,
  pvCapacityInvalid,
  pvReclaimPolicyInvalid,
  pvReclaimRecycle,
  pvSourceInvalid,
  scProvisionerInvalid,
  scReclaimPolicyInvalid,
  scVolumeBindingModeInvalid,
];
