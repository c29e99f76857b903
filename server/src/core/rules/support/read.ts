/**
 * Typed reads of scalar fields for rules: the text as written, how a value is shown in a
 * message, the kind the API decoder sees, strings, quantities and integers. Reads never report.
 */
import { asScalar, isNullish, keyNode, nodeRange, num, str, YNode } from '../../yaml/nodes';
import type { YamlDoc } from '../../yaml/parse';
import type { Resource } from '../../model/resource';
import { statefulSetIdentity } from '../../model/identity';
import type { RuleContext } from '../types';

export const INT32_MAX = 2147483647;

/** The node's text exactly as written (for messages and quick fixes). */
export function sourceText(res: Resource, node: YNode | undefined): string | undefined {
  const r = nodeRange(node);
  return r ? res.doc.text.slice(r[0], r[1]) : undefined;
}

/** How a scalar is shown in a message (Go's `%q`): strings quoted, everything else as written. */
export function shown(res: Resource, node: YNode | undefined): string {
  const s = asScalar(res.yaml, node);
  if (s && typeof s.value === 'string') return JSON.stringify(s.value);
  return sourceText(res, node) ?? (s ? String(s.value) : '?');
}

/** The `spec` key of a resource (where a missing required spec field is reported). */
export function specKey(ctx: RuleContext, res: Resource): YNode | undefined {
  return keyNode(ctx.y, res.root, 'spec');
}

/** `${VAR}` placeholders (envsubst and similar): the text is a template, not the value to check. */
export function isPlaceholder(v: string): boolean {
  return /\$\{[^}]*\}/.test(v);
}

export type ScalarKind = 'null' | 'string' | 'number' | 'boolean';

/**
 * A scalar's kind as the API decoder sees it; undefined for collections and for strings with
 * `${VAR}` placeholders (substituted before the API sees them: nothing to check).
 */
export function scalarKind(ctx: RuleContext, node: YNode | undefined): ScalarKind | undefined {
  if (node === undefined || isNullish(ctx.y, node)) return 'null';
  const s = asScalar(ctx.y, node);
  if (!s || (typeof s.value === 'string' && isPlaceholder(s.value))) return undefined;
  const t = typeof s.value;
  return t === 'string' || t === 'number' || t === 'boolean' ? t : t === 'bigint' ? 'number' : undefined;
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

/** An integer scalar's value (YAML numbers only: a quoted "80" is a string, which the API rejects). */
export function intValue(doc: YamlDoc, node: YNode | undefined): number | undefined {
  const n = num(doc, node);
  return n !== undefined && Number.isInteger(n) ? n : undefined;
}

/** A quoted number ("80"): the number when the scalar is a string of digits. */
export function quotedInt(doc: YamlDoc, node: YNode | undefined): number | undefined {
  const s = str(doc, node);
  return s !== undefined && /^[0-9]+$/.test(s) ? Number(s) : undefined;
}

/** The value node when it has visible text, else the key (a bare `key:` has an empty null value). */
export function visible(value: YNode | undefined, key: YNode | undefined): YNode | undefined {
  const r = nodeRange(value);
  return r && r[1] > r[0] ? value : (key ?? value);
}

/** A StatefulSet's identity, pod template and claim templates, when it has both templates. */
export function claimsAndTemplate(res: Resource) {
  const id = statefulSetIdentity(res);
  return id?.template && id.claims.length ? { id, pt: id.template, claims: id.claims } : undefined;
}
