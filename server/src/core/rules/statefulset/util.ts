/**
 * Shared checks for the per-resource rules of this group: typed scalar fields (int32,
 * enums, DNS labels), label maps, and the small lookups several rules need.
 * Every check reports through the calling rule's context, so each finding keeps its rule's code.
 */
import { isMap } from 'yaml';
import { dns1123Label, labelValue, qualifiedName } from '../../k8s/names';
import { statefulSetIdentity } from '../../model/identity';
import type { Resource } from '../../model/resource';
import { asScalar, entries, isNullish, keyNode, nodeRange, YNode } from '../../yaml/nodes';
import type { RuleContext } from '../types';

export const INT32_MAX = 2147483647;

/** The node's text exactly as written (for messages and quick fixes). */
export function sourceText(res: Resource, node: YNode | undefined): string | undefined {
  const r = nodeRange(node);
  return r ? res.doc.text.slice(r[0], r[1]) : undefined;
}

/** How a scalar is written, for messages: strings quoted, everything else as in the source. */
export function shown(res: Resource, node: YNode | undefined): string {
  const s = asScalar(res.yaml, node);
  if (s && typeof s.value === 'string') return JSON.stringify(s.value);
  return sourceText(res, node) ?? String(s?.value);
}

/** The `spec` key of a resource (where a missing required spec field is reported). */
export function specKey(ctx: RuleContext, res: Resource): YNode | undefined {
  return keyNode(ctx.y, res.root, 'spec');
}

/** `${VAR}` placeholders (envsubst and similar): the text is a template, not the value to check. */
export function isPlaceholder(v: string): boolean {
  return /\$\{[^}]*\}/.test(v);
}

/**
 * A scalar's kind as the API decoder sees it; undefined for collections and for strings with
 * `${VAR}` placeholders (substituted before the API sees them: nothing to check).
 */
export function scalarKind(ctx: RuleContext, node: YNode | undefined): 'null' | 'string' | 'number' | 'boolean' | undefined {
  if (node === undefined || isNullish(ctx.y, node)) return 'null';
  const s = asScalar(ctx.y, node);
  if (!s || (typeof s.value === 'string' && isPlaceholder(s.value))) return undefined;
  const t = typeof s.value;
  return t === 'string' || t === 'number' || t === 'boolean' ? t : t === 'bigint' ? 'number' : undefined;
}

/**
 * Checks an optional int32 field that must be ≥ 0 (ValidateNonnegativeField after JSON
 * decoding). Returns the value when it is a usable integer; absent and null give undefined
 * silently (the default applies).
 */
export function checkNonNegativeInt32(ctx: RuleContext, res: Resource, node: YNode | undefined, field: string): number | undefined {
  const kind = scalarKind(ctx, node);
  if (kind === 'null' || kind === undefined) return undefined;
  const s = asScalar(ctx.y, node)!;
  if (kind === 'string') {
    const text = s.value as string;
    const intText = /^\s*-?\d+\s*$/.test(text) ? text.trim() : undefined;
    ctx.report(
      node,
      `\`${field}\` is the string ${JSON.stringify(text)}, but the API expects an integer and rejects the object. ${intText !== undefined ? `Write ${intText} without quotes.` : 'Use a whole number without quotes.'}`,
      intText !== undefined ? { fix: [{ title: `Use the integer ${intText}`, newText: intText }] } : undefined,
    );
    return undefined;
  }
  if (kind === 'boolean') {
    ctx.report(node, `\`${field}\` is the boolean ${sourceText(res, node)}, but the API expects an integer and rejects the object. Use a whole number.`);
    return undefined;
  }
  const v = Number(s.value);
  if (!Number.isInteger(v)) {
    ctx.report(node, `\`${field}\` is ${sourceText(res, node)}, which is not an integer; the API rejects the object. Use a whole number.`);
    return undefined;
  }
  if (v > INT32_MAX) {
    ctx.report(node, `\`${field}\` is ${sourceText(res, node)}, which does not fit the API's 32-bit integer (at most ${INT32_MAX}); the object is rejected. Use a smaller number.`);
    return undefined;
  }
  if (v < 0) {
    ctx.report(node, `\`${field}\` is ${v}: must be greater than or equal to 0 (the API rejects the object). Use 0 or a positive number.`);
    return undefined;
  }
  return v;
}

/** The allowed value that differs from `v` only in case or separators, for a quick fix. */
export function closestEnum(v: string, allowed: readonly string[]): string | undefined {
  const norm = (x: string) => x.toLowerCase().replace(/[-_\s]/g, '');
  return allowed.find((a) => norm(a) === norm(v));
}

/**
 * Checks an enum field whose empty value is defaulted. Reports a value outside `allowed`
 * with the API's detail text; returns the effective string value (or undefined).
 */
export function checkEnum(
  ctx: RuleContext,
  res: Resource,
  node: YNode | undefined,
  field: string,
  allowed: readonly string[],
  detail: string,
): string | undefined {
  const kind = scalarKind(ctx, node);
  if (kind === 'null' || kind === undefined) return undefined;
  const value = asScalar(ctx.y, node)!.value;
  if (kind === 'string' && (value === '' || allowed.includes(value as string))) return value as string;
  const text = kind === 'string' ? (value as string) : (sourceText(res, node) ?? String(value));
  const guess = closestEnum(text, allowed);
  const fix = guess ?? (allowed.length === 1 ? allowed[0] : undefined);
  ctx.report(
    node,
    `\`${field}\` is ${shown(res, node)}: ${detail}. ${guess ? `Did you mean \`${guess}\`?` : `Use ${allowed.map((a) => `\`${a}\``).join(' or ')}.`}`,
    fix ? { fix: [{ title: `Change to ${fix}`, newText: fix }] } : undefined,
  );
  return undefined;
}

/** A best-effort DNS-1123 label made from an invalid name, for quick fixes. */
export function toDnsLabel(v: string): string | undefined {
  const out = v
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return out && dns1123Label(out).length === 0 && out !== v ? out : undefined;
}

/**
 * Checks a name field that must be a DNS-1123 label (StatefulSet name, serviceName, claim
 * template name). Non-string scalars are reported as such; returns the valid name.
 */
export function checkDnsLabelField(
  ctx: RuleContext,
  res: Resource,
  node: YNode | undefined,
  what: string,
  opts: { prefix?: boolean } = {},
): string | undefined {
  const kind = scalarKind(ctx, node);
  if (kind === 'null' || kind === undefined) return undefined;
  const value = asScalar(ctx.y, node)!.value;
  if (kind !== 'string') {
    const text = sourceText(res, node) ?? String(value);
    ctx.report(node, `${what} ${text} is a YAML ${kind}, not a string; the API rejects the object. Quote it: ${JSON.stringify(text)}.`, {
      fix: [{ title: 'Quote the value', newText: JSON.stringify(text) }],
    });
    return undefined;
  }
  const v = value as string;
  if (v === '') return undefined;
  // generateName: a trailing '-' is allowed (maskTrailingDash).
  const checked = opts.prefix && v.length > 1 && v.endsWith('-') ? v.slice(0, -2) + 'a' : v;
  const errs = dns1123Label(checked);
  if (errs.length === 0) return v;
  const base = toDnsLabel(opts.prefix ? v.replace(/-+$/, '') : v);
  const fixed = base && opts.prefix && v.endsWith('-') ? `${base}-` : base;
  ctx.report(
    node,
    `${what} ${JSON.stringify(v)} is not a valid DNS-1123 label: ${errs.join('; ')}. Use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit${fixed ? ` (e.g. \`${fixed}\`)` : ''}.`,
    fixed ? { fix: [{ title: `Rename to ${fixed}`, newText: fixed }] } : undefined,
  );
  return undefined;
}

/** Reports a label value (or selector value) that YAML typed as a number or boolean. */
export function reportNotString(ctx: RuleContext, res: Resource, node: YNode, what: string, where = ''): void {
  const text = sourceText(res, node) ?? '';
  ctx.report(
    node,
    `${what} ${text}${where} is a YAML ${scalarKind(ctx, node)}, not a string; the API rejects it (cannot unmarshal into a string). Quote it: ${JSON.stringify(text)}.`,
    { fix: [{ title: 'Quote the value', newText: JSON.stringify(text) }] },
  );
}

/** Checks one label value node (string, label-value syntax). */
export function checkLabelValueNode(ctx: RuleContext, res: Resource, node: YNode | undefined, what: string, where = ''): void {
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
export function checkLabelMap(ctx: RuleContext, res: Resource, map: YNode | undefined, path: string, seen = new Set<YNode>()): void {
  if (!isMap(map)) return;
  for (const [key, kNode, vNode] of entries(ctx.y, map)) {
    if (seen.has(kNode) || isPlaceholder(key)) continue;
    seen.add(kNode);
    checkLabelKey(ctx, kNode, key, 'Label key', ` in \`${path}\``);
    checkLabelValueNode(ctx, res, vNode, 'Value', ` of label \`${key}\` in \`${path}\``);
  }
}

/** A StatefulSet's identity, pod template and claim templates, when it has both templates. */
export function claimsAndTemplate(res: Resource) {
  const id = statefulSetIdentity(res);
  return id?.template && id.claims.length ? { id, pt: id.template, claims: id.claims } : undefined;
}
