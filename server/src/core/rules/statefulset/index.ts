import type { Rule } from '../types';
import { labelsInvalid } from './labels-invalid';
import { selectorInvalid } from './selector-invalid';
import { stsActiveDeadlineForbidden } from './sts-active-deadline-forbidden';
import { stsClaimTemplateDuplicate } from './sts-claim-template-duplicate';
import { stsClaimTemplateNameInvalid } from './sts-claim-template-name-invalid';
import { stsClaimTemplateShadowsVolume } from './sts-claim-template-shadows-volume';
import { stsClaimTemplateUnmounted } from './sts-claim-template-unmounted';
import { stsMinReadySecondsInvalid } from './sts-min-ready-seconds-invalid';
import { stsNameInvalid } from './sts-name-invalid';
import { stsNameTooLong } from './sts-name-too-long';
import { stsOrdinalsStartInvalid } from './sts-ordinals-start-invalid';
import { stsPartitionExceedsReplicas } from './sts-partition-exceeds-replicas';
import { stsPodManagementPolicyInvalid } from './sts-pod-management-policy-invalid';
import { stsReplicasInvalid } from './sts-replicas-invalid';
import { stsRestartPolicyInvalid } from './sts-restart-policy-invalid';
import { stsRetentionPolicyInvalid } from './sts-retention-policy-invalid';
import { stsRevisionHistoryNegative } from './sts-revision-history-negative';
import { stsSelectorEmpty } from './sts-selector-empty';
import { stsSelectorMismatch } from './sts-selector-mismatch';
import { stsSelectorMissing } from './sts-selector-missing';
import { stsServiceNameInvalid } from './sts-service-name-invalid';
import { stsServiceNameMissing } from './sts-service-name-missing';
import { stsServiceNameNotDns1035 } from './sts-service-name-not-dns1035';
import { stsTemplateHostnameIgnored } from './sts-template-hostname-ignored';
import { stsTerminationGraceZero } from './sts-termination-grace-zero';
import { stsUpdateStrategyInvalid } from './sts-update-strategy-invalid';

export const STATEFULSET_RULES: Rule[] = [
  // identity and naming
  stsNameInvalid,
  stsNameTooLong,
  stsServiceNameInvalid,
  stsServiceNameNotDns1035,
  stsServiceNameMissing,
  // selector and labels
  stsSelectorMissing,
  stsSelectorEmpty,
  stsSelectorMismatch,
  selectorInvalid,
  labelsInvalid,
  // spec fields
  stsReplicasInvalid,
  stsMinReadySecondsInvalid,
  stsOrdinalsStartInvalid,
  stsPodManagementPolicyInvalid,
  stsUpdateStrategyInvalid,
  stsPartitionExceedsReplicas,
  stsRetentionPolicyInvalid,
  stsRevisionHistoryNegative,
  // pod template
  stsRestartPolicyInvalid,
  stsActiveDeadlineForbidden,
  stsTerminationGraceZero,
  stsTemplateHostnameIgnored,
  // claim templates
  stsClaimTemplateNameInvalid,
  stsClaimTemplateDuplicate,
  stsClaimTemplateShadowsVolume,
  stsClaimTemplateUnmounted,
];
