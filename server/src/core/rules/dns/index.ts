import type { Rule } from '../types';
import { dnsClusterDomainMismatch } from './dns-cluster-domain-mismatch';
import { dnsPodOrdinalOutOfRange } from './dns-pod-ordinal-out-of-range';
import { dnsPodServiceNotHeadless } from './dns-pod-service-not-headless';
import { dnsServiceUnknown } from './dns-service-unknown';
import { dnsShortNameOtherNamespace } from './dns-short-name-other-namespace';

/** Checks of Service and pod DNS names written in values. */
export const DNS_RULES: Rule[] = [
  dnsPodOrdinalOutOfRange,
  dnsServiceUnknown,
  dnsPodServiceNotHeadless,
  dnsShortNameOtherNamespace,
  dnsClusterDomainMismatch,
];
