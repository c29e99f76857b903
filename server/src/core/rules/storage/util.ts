/**
 * Reporting helpers shared by the storage and pod-volume rules: enum fields with the API's
 * `Unsupported value` text and a "did you mean" quick fix, quantities with suggested
 * spellings, and the typed reading of scalars.
 */
import { isScalar, Scalar } from 'yaml';
import { dns1123Label, dns1123Subdomain } from '../../k8s/names';
import { isWholeQuantity, parseQuantity, quantityError, suggestQuantity } from '../../k8s/quantity';
import { closest, suggestValue, unsupportedValue } from '../../k8s/suggest';
import type { Resource } from '../../model/resource';
import { asScalar, isNullish, nodeRange, YNode } from '../../yaml/nodes';
import type { ReportOptions, RuleContext } from '../types';

/** The node's text exactly as written. */
export function written(res: Resource, node: YNode | undefined): string | undefined {
  const r = nodeRange(node);
  return r ? res.doc.text.slice(r[0], r[1]) : undefined;
}

/** Replacement text for a scalar that keeps its quoting style. */
export function replacement(node: YNode | undefined, text: string): string {
  if (isScalar(node)) {
    if (node.type === Scalar.QUOTE_DOUBLE) return JSON.stringify(text);
    if (node.type === Scalar.QUOTE_SINGLE) return `'${text.replace(/'/g, "''")}'`;
  }
  return text;
}

export function fixTo(node: YNode | undefined, text: string, title = `Change to ${text}`): ReportOptions {
  return { fix: [{ title, newText: replacement(node, text) }] };
}

/**
 * A scalar string field: its value, or undefined when absent, null (Go nil), or not a string
 * (a wrong type is a decode problem: rules stay silent about it).
 */
export function stringField(ctx: RuleContext, node: YNode | undefined): string | undefined {
  if (node === undefined || isNullish(ctx.y, node)) return undefined;
  const s = asScalar(ctx.y, node);
  return s && typeof s.value === 'string' ? s.value : undefined;
}

/** The text of a scalar that the API decodes as a quantity (a YAML string or number). */
export function quantityField(ctx: RuleContext, node: YNode | undefined): string | undefined {
  const s = asScalar(ctx.y, node);
  if (!s || s.value === null || s.value === undefined) return undefined;
  if (typeof s.value === 'string') return s.value;
  if (typeof s.value === 'number' || typeof s.value === 'bigint') return String(s.value);
  if (typeof s.value === 'boolean') return String(s.value);
  return undefined;
}

/**
 * Reports an enum value outside `allowed` with the API's detail text and, when one is
 * near (an alias like `RWO`, a case slip, a typo), a quick fix to it.
 */
export function reportUnsupported(
  ctx: RuleContext,
  node: YNode | undefined,
  field: string,
  value: string,
  allowed: readonly string[],
  opts: { aliases?: Record<string, string>; note?: (suggestion: string | undefined) => string } = {},
): void {
  // Long enum values (WaitForFirstCustomer) may be further off than the default distance.
  const s = suggestValue(value, allowed, opts.aliases) ?? (value.length >= 12 ? closest(value, allowed, Math.min(5, Math.floor(value.length / 4))) : undefined);
  const advice = opts.note?.(s) ?? (s ? `Did you mean \`${s}\`?` : `Use one of ${allowed.map((a) => (a ? `\`${a}\`` : '`""`')).join(', ')}.`);
  ctx.report(node, `\`${field}\`: ${unsupportedValue(value, allowed)}. ${advice}`, s ? fixTo(node, s) : undefined);
}

export interface QuantityCheck {
  /** The parsed value in base units. */
  value: number;
  text: string;
  whole: boolean;
}

/** A valid quantity field, read silently (undefined when absent or not a quantity). */
export function readQuantity(ctx: RuleContext, node: YNode | undefined): QuantityCheck | undefined {
  const text = quantityField(ctx, node);
  if (text === undefined || quantityError(text)) return undefined;
  const q = parseQuantity(text.trim())!;
  return { value: q.value, text, whole: isWholeQuantity(text) ?? true };
}

/**
 * Reads a quantity field; reports text that does not parse (the API fails to decode the
 * whole object) with suggested spellings as quick fixes. Returns the parsed quantity.
 */
export function checkQuantity(ctx: RuleContext, node: YNode | undefined, field: string): QuantityCheck | undefined {
  const text = quantityField(ctx, node);
  if (text === undefined) return undefined;
  const err = quantityError(text);
  if (!err) return readQuantity(ctx, node);
  const sugg = suggestQuantity(text);
  const hint = sugg.length
    ? ` Write \`${sugg[0]}\`${sugg[1] ? ` (${sugg[0].replace(/^[^A-Za-z]+/, '')} = powers of 1024) or \`${sugg[1]}\` (${sugg[1].replace(/^[^A-Za-z]+/, '')} = powers of 1000)` : ''}.`
    : ' A quantity is a number with an optional suffix: Ki, Mi, Gi, Ti, Pi, Ei (powers of 1024) or k, M, G, T, P, E (powers of 1000), e.g. `10Gi`.';
  ctx.report(
    node,
    `\`${field}\` ${JSON.stringify(text)} is not a valid quantity, so the API server cannot decode the object: ${err}.${hint}`,
    sugg.length ? { fix: sugg.map((s) => ({ title: `Change to ${s}`, newText: replacement(node, s) })) } : undefined,
  );
  return undefined;
}

/** A best-effort valid DNS-1123 label or subdomain made from an invalid name, for a quick fix. */
export function dnsNameFix(v: string, rule: 'label' | 'subdomain'): string | undefined {
  const label = rule === 'label';
  const out = v
    .toLowerCase()
    .replace(label ? /[^a-z0-9-]+/g : /[^a-z0-9.-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[-.]+/, '')
    .slice(0, label ? 63 : 253)
    .replace(/[-.]+$/, '');
  const errs = label ? dns1123Label(out) : dns1123Subdomain(out);
  return out && out !== v && errs.length === 0 ? out : undefined;
}

/** The value node when it has visible text, else the key (a bare `key:` has an empty null value). */
export function visible(value: YNode | undefined, key: YNode | undefined): YNode | undefined {
  const r = nodeRange(value);
  return r && r[1] > r[0] ? value : (key ?? value);
}

/**
 * An optional string enum field: absent, null, a non-string, an allowed value (and `""` when
 * `allowEmpty`, for fields the API defaults) pass; anything else is reported. Returns the value
 * when it is allowed.
 */
export function checkEnumField(
  ctx: RuleContext,
  node: YNode | undefined,
  field: string,
  allowed: readonly string[],
  opts: { allowEmpty?: boolean; aliases?: Record<string, string>; note?: (suggestion: string | undefined) => string } = {},
): string | undefined {
  const v = stringField(ctx, node);
  if (v === undefined) return undefined;
  if (allowed.includes(v) || (opts.allowEmpty && v === '')) return v;
  reportUnsupported(ctx, node, field, v, allowed, opts);
  return undefined;
}
