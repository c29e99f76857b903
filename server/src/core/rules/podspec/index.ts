import type { Rule } from '../types';
import { emptydirMediumUnknown } from './emptydir-medium-unknown';
import { emptydirSizeLimitInvalid } from './emptydir-size-limit-invalid';
import { hostpathInvalid } from './hostpath-invalid';
import { volumeClaimNameMissing } from './volume-claim-name-missing';
import { volumeMountPathDuplicate } from './volume-mount-path-duplicate';
import { volumeMountSubpathInvalid } from './volume-mount-subpath-invalid';
import { volumeMountUnresolved } from './volume-mount-unresolved';
import { volumeNameDuplicate } from './volume-name-duplicate';
import { volumeNameInvalid } from './volume-name-invalid';
import { volumeSourceInvalid } from './volume-source-invalid';
import { volumeUnused } from './volume-unused';
import { podAffinitySelectorUnmatched } from './pod-affinity-selector-unmatched';

export const PODSPEC_RULES: Rule[] = [
  volumeNameInvalid,
  volumeNameDuplicate,
  volumeSourceInvalid,
  emptydirSizeLimitInvalid,
  emptydirMediumUnknown,
  hostpathInvalid,
  volumeClaimNameMissing,
  volumeMountUnresolved,
  volumeMountPathDuplicate,
  volumeMountSubpathInvalid,
  volumeUnused,
  podAffinitySelectorUnmatched,
];
