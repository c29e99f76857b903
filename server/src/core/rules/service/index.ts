import type { Rule } from '../types';
import { svcClusterIpNoneInvalid } from './svc-cluster-ip-none-invalid';
import { svcExternalNameInvalid } from './svc-external-name-invalid';
import { svcHeadlessTargetPort } from './svc-headless-target-port';
import { svcNameInvalid } from './svc-name-invalid';
import { svcNodePortForbidden } from './svc-node-port-forbidden';
import { svcPortDuplicate } from './svc-port-duplicate';
import { svcPortInvalid } from './svc-port-invalid';
import { svcPortNameInvalid } from './svc-port-name-invalid';
import { svcPortsRequired } from './svc-ports-required';
import { svcProtocolInvalid } from './svc-protocol-invalid';
import { svcSessionAffinityInvalid } from './svc-session-affinity-invalid';
import { svcTypeInvalid } from './svc-type-invalid';

export const SERVICE_RULES: Rule[] = [
  svcNameInvalid,
  svcPortsRequired,
  svcPortInvalid,
  svcPortNameInvalid,
  svcPortDuplicate,
  svcProtocolInvalid,
  svcTypeInvalid,
  svcNodePortForbidden,
  svcClusterIpNoneInvalid,
  svcExternalNameInvalid,
  svcSessionAffinityInvalid,
  svcHeadlessTargetPort,
];
