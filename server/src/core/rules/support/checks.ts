/**
 * Checks shared by many rules, reporting through the calling rule's context (so each finding
 * keeps its rule's code) with the standard messages and quote-keeping fixes.
 */
import { isMap } from '../../yaml/predicates';
import { labelValue, qualifiedName } from '../../k8s/names';
import { isWholeQuantity, parseQuantity, quantityError, suggestQuantity } from '../../k8s/quantity';
import { closest, suggestValue } from '../../k8s/suggest';
import type { Resource } from '../../model/resource';
import { asScalar, entries, scalarText, YNode } from '../../yaml/nodes';
import type { RuleContext } from '../types';
import { dnsNameFix, fixTo, quoteFix, replaceFix } from './fixes';
import {
  DnsNameRule,
  dnsNameErrors,
  dnsNameMessage,
  enumAdvice,
  invalidMessage,
  notIntegerMessage,
  notStringMessage,
  unsupportedMessage,
} from './messages';
import { INT32_MAX, isPlaceholder, quantityField, scalarKind, sourceText } from './read';

/**
 * Checks an optional int32 field that must be ≥ 0 (ValidateNonnegativeField after JSON
 * decoding). Returns the value when it is a usable integer; absent and null give undefined
 * silently (the default applies).
 */
export function checkNonNegativeInt32(
  ctx: RuleContext,
  res: Resource,
  node: YNode | undefined,
  field: string,
): number | undefined {
  const kind = scalarKind(ctx, node);
  if (kind === 'null' || kind === undefined) return undefined;
  const s = asScalar(ctx.y, node)!;
  if (kind === 'string') {
    const text = s.value as string;
    const intText = /^\s*-?\d+\s*$/.test(text) ? text.trim() : undefined;
    // The fix drops the quotes on purpose: the API wants a number.
    ctx.report(
      node,
      notIntegerMessage(field, JSON.stringify(text), 'string', intText),
      intText !== undefined ? { fix: [{ title: `Use the integer ${intText}`, newText: intText }] } : undefined,
    );
    return undefined;
  }
  const text = sourceText(res, node) ?? String(s.value);
  if (kind === 'boolean') {
    ctx.report(node, notIntegerMessage(field, text, 'boolean'));
    return undefined;
  }
  const v = Number(s.value);
  if (!Number.isInteger(v)) {
    ctx.report(node, notIntegerMessage(field, text, 'number'));
    return undefined;
  }
  if (v > INT32_MAX) {
    ctx.report(
      node,
      `${invalidMessage(field, text, `must fit a 32-bit integer (at most ${INT32_MAX})`)}; the API rejects the object. Use a smaller number.`,
    );
    return undefined;
  }
  if (v < 0) {
    ctx.report(
      node,
      `${invalidMessage(field, String(v), 'must be greater than or equal to 0')}; the API rejects the object. Use 0 or a positive number.`,
    );
    return undefined;
  }
  return v;
}

export interface EnumOptions {
  /** Spellings people use for an allowed value (`RWO` → `ReadWriteOnce`). */
  aliases?: Record<string, string>;
  /** Replaces the standard advice; gets the suggested value. */
  note?: (suggestion: string | undefined) => string | undefined;
  /** The fix when there is no suggestion (e.g. `TCP` for `protocol: HTTP`). */
  fallback?: string;
  /** The API's field.Invalid detail, for fields it reports as `Invalid value` rather than `Unsupported value`. */
  invalid?: string;
}

/** The allowed value meant by `value`: an alias, a case or separator slip, a typo; the only value when there is one. */
export function suggestEnum(
  value: string,
  allowed: readonly string[],
  aliases?: Record<string, string>,
): string | undefined {
  // Long enum values (WaitForFirstCustomer) may be further off than the default distance.
  return (
    suggestValue(value, allowed, aliases) ??
    (value.length >= 12 ? closest(value, allowed, Math.min(5, Math.floor(value.length / 4))) : undefined) ??
    (allowed.length === 1 ? allowed[0] : undefined)
  );
}

/**
 * Reports a value outside `allowed` in the API's words and, when one is near, a quick fix to
 * it (in the value's quoting style). `shownValue` is the value as the message shows it.
 */
export function reportUnsupported(
  ctx: RuleContext,
  node: YNode | undefined,
  field: string,
  value: string,
  allowed: readonly string[],
  opts: EnumOptions = {},
  shownValue = JSON.stringify(value),
): void {
  const s = suggestEnum(value, allowed, opts.aliases);
  const head =
    opts.invalid !== undefined
      ? invalidMessage(field, shownValue, opts.invalid)
      : unsupportedMessage(field, shownValue, allowed);
  const advice = opts.note?.(s) ?? enumAdvice(s, allowed);
  const to = s ?? opts.fallback;
  ctx.report(node, `${head}. ${advice}`, to !== undefined ? fixTo(node, to) : undefined);
}

/**
 * An optional enum field: absent, null, `${VAR}` placeholders, an allowed value (and `""` when
 * `allowEmpty`, for fields the API defaults) pass; anything else is reported. Numbers and
 * booleans are reported only with `nonString` (else they are a decode problem left to others).
 * Returns the value when it is allowed.
 */
export function checkEnumField(
  ctx: RuleContext,
  node: YNode | undefined,
  field: string,
  allowed: readonly string[],
  opts: EnumOptions & { allowEmpty?: boolean; nonString?: boolean } = {},
): string | undefined {
  const kind = scalarKind(ctx, node);
  if (kind === 'null' || kind === undefined) return undefined;
  const value = asScalar(ctx.y, node)!.value;
  if (kind === 'string') {
    const v = value as string;
    if (allowed.includes(v) || (opts.allowEmpty && v === '')) return v;
    reportUnsupported(ctx, node, field, v, allowed, opts);
    return undefined;
  }
  if (!opts.nonString) return undefined;
  const text = scalarText(ctx.y, node) ?? String(value);
  reportUnsupported(ctx, node, field, text, allowed, opts, text);
  return undefined;
}

/**
 * Checks a name field that must be a DNS-1123 label (or subdomain, or DNS-1035 label):
 * numbers and booleans are reported as such (with a fix that quotes them); returns the valid
 * name. `prefix`: a generateName, whose trailing '-' is allowed (maskTrailingDash).
 */
export function checkDnsName(
  ctx: RuleContext,
  res: Resource,
  node: YNode | undefined,
  field: string,
  rule: DnsNameRule,
  opts: { prefix?: boolean; note?: string } = {},
): string | undefined {
  const kind = scalarKind(ctx, node);
  if (kind === 'null' || kind === undefined) return undefined;
  const value = asScalar(ctx.y, node)!.value;
  if (kind !== 'string') {
    const text = sourceText(res, node) ?? String(value);
    ctx.report(node, notStringMessage(`\`${field}\``, text, kind), { fix: [quoteFix(text)] });
    return undefined;
  }
  const v = value as string;
  if (v === '') return undefined;
  const checked = opts.prefix && v.length > 1 && v.endsWith('-') ? v.slice(0, -2) + 'a' : v;
  const errs = dnsNameErrors(checked, rule);
  if (errs.length === 0) return v;
  const base = dnsNameFix(opts.prefix ? v.replace(/-+$/, '') : v, rule);
  const fixed = base && opts.prefix && v.endsWith('-') ? `${base}-` : base;
  ctx.report(
    node,
    dnsNameMessage(field, v, rule, errs, fixed, opts.note),
    fixed ? { fix: [replaceFix(node, fixed, `Rename to ${fixed}`)] } : undefined,
  );
  return undefined;
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
    sugg.length ? { fix: sugg.map((s) => replaceFix(node, s)) } : undefined,
  );
  return undefined;
}

/** Reports a label value (or selector value) that YAML typed as a number or boolean. */
export function reportNotString(ctx: RuleContext, res: Resource, node: YNode, what: string, where = ''): void {
  const text = sourceText(res, node) ?? '';
  ctx.report(node, notStringMessage(what, text, scalarKind(ctx, node) ?? 'value', where), { fix: [quoteFix(text)] });
}

/** Checks one label value node (string, label-value syntax). */
export function checkLabelValueNode(
  ctx: RuleContext,
  res: Resource,
  node: YNode | undefined,
  what: string,
  where = '',
): void {
  const kind = scalarKind(ctx, node);
  if (kind === 'null' || kind === undefined) return;
  if (kind !== 'string') return reportNotString(ctx, res, node!, what, where);
  const v = asScalar(ctx.y, node)!.value as string;
  const errs = labelValue(v);
  if (errs.length)
    ctx.report(
      node,
      `${what} ${JSON.stringify(v)}${where} is invalid: ${errs.join('; ')}. Use at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit (or an empty string).`,
    );
}

/** Checks a label key (qualified name) given as text; reports on `node`. */
export function checkLabelKey(ctx: RuleContext, node: YNode | undefined, key: string, what: string, where = ''): void {
  const errs = qualifiedName(key);
  if (errs.length)
    ctx.report(
      node,
      `${what} ${JSON.stringify(key)}${where} is invalid: ${errs.join('; ')}. A key is an optional DNS-subdomain prefix and '/', then a name of at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit.`,
    );
}

/**
 * Checks a label map (metadata.labels, selector matchLabels): keys and values. Entries whose
 * key node is in `seen` (shared through an alias or a `<<` merge) were checked already.
 */
export function checkLabelMap(
  ctx: RuleContext,
  res: Resource,
  map: YNode | undefined,
  path: string,
  seen = new Set<YNode>(),
): void {
  if (!isMap(map)) return;
  for (const [key, kNode, vNode] of entries(ctx.y, map)) {
    if (seen.has(kNode) || isPlaceholder(key)) continue;
    seen.add(kNode);
    checkLabelKey(ctx, kNode, key, 'Label key', ` in \`${path}\``);
    checkLabelValueNode(ctx, res, vNode, 'Value', ` of label \`${key}\` in \`${path}\``);
  }
}
