import { WORKLOAD_KINDS } from '../../k8s/podspec';
import { dnsNamesIn } from '../../model/dns';
import { DnsProblemCode, dnsProblems } from '../../model/dns-check';
import type { Resource } from '../../model/resource';
import { dnsProblemFix, dnsProblemMessage } from '../../dns-messages';
import { sourceSpan } from '../../yaml/source-span';
import type { RuleContext } from '../types';
import { makeHeadlessFix } from '../../ide/fixes';

/** Kinds whose values can hold DNS names: workloads (env, args, command, probes), ConfigMaps, Secrets. */
export const DNS_KINDS = [...WORKLOAD_KINDS, 'ConfigMap', 'Secret'];

/** Report every problem of one code among the DNS names written in a resource's values. */
export function reportDns(code: DnsProblemCode, res: Resource, ctx: RuleContext): void {
  for (const d of dnsNamesIn(ctx.q, res)) {
    for (const p of dnsProblems(ctx.q, ctx.settings, res, d)) {
      if (p.code !== code) continue;
      const r = sourceSpan(res.doc.text, d.source.node, p.range[0], p.range[1]);
      const target = r ? { doc: res.doc, start: r[0], end: r[1] } : d.source.node;
      // A fix replaces the offending labels: only offered when they sit exactly in the text.
      const fix = dnsProblemFix(p);
      const fixes = r && fix ? [fix] : [];
      if (code === 'dns-pod-service-not-headless') {
        const h = d.services[0] && makeHeadlessFix(d.services[0]);
        if (h) fixes.push(h);
      }
      ctx.report(target, dnsProblemMessage(p), fixes.length ? { fix: fixes } : undefined);
    }
  }
}
