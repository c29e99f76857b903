/**
 * Quick fixes that replace a scalar. A replacement keeps the user's quoting style: a
 * double-quoted `"x"` stays double-quoted, a single-quoted `'x'` single-quoted, a plain scalar plain.
 */
import { dns1035Label, dns1123Label, dns1123Subdomain } from '../../k8s/names';
import type { YNode } from '../../yaml/nodes';
import { replacement } from '../../yaml/replace';
import type { Fix } from '../../findings';
import type { ReportOptions } from '../types';

export { replacement };

/** A fix replacing the scalar `node` with `text`, in the node's quoting style. */
export function replaceFix(node: YNode | undefined, text: string, title = `Change to ${text}`): Fix {
  return { title, newText: replacement(node, text) };
}

/** Report options with one quote-keeping replacement fix. */
export function fixTo(node: YNode | undefined, text: string, title = `Change to ${text}`): ReportOptions {
  return { fix: [replaceFix(node, text, title)] };
}

/** A fix that quotes a number or boolean written where the API wants a string. */
export function quoteFix(text: string): Fix {
  return { title: 'Quote the value', newText: JSON.stringify(text) };
}

/**
 * A best-effort valid name made from an invalid one, for a quick fix: a DNS-1123 label, a
 * DNS-1123 subdomain, or a DNS-1035 label (which must also start with a letter).
 */
export function dnsNameFix(v: string, rule: 'label' | 'subdomain' | 'dns1035'): string | undefined {
  const sub = rule === 'subdomain';
  let out = v
    .toLowerCase()
    .replace(sub ? /[^a-z0-9.-]+/g : /[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(sub ? /^[-.]+/ : /^-+/, '');
  if (rule === 'dns1035') out = out.replace(/^[^a-z]+/, '');
  out = out.slice(0, sub ? 253 : 63).replace(sub ? /[-.]+$/ : /-+$/, '');
  const errs = rule === 'label' ? dns1123Label(out) : rule === 'dns1035' ? dns1035Label(out) : dns1123Subdomain(out);
  return out && out !== v && errs.length === 0 ? out : undefined;
}
