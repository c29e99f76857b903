import type { YamlDoc } from '../yaml/parse';
import { at, child, entries, items, scalarText, str, stringMap, YNode } from '../yaml/nodes';

export type Operator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface Requirement {
  key: string;
  operator: string;
  values: string[];
  node?: YNode;
}

/** A label selector: matchLabels and matchExpressions (or a Service's plain map). */
export interface LabelSelector {
  matchLabels: Map<string, string>;
  expressions: Requirement[];
}

export function readLabelSelector(doc: YamlDoc, node: YNode | undefined): LabelSelector | undefined {
  if (!node) return undefined;
  const matchLabels = stringMap(doc, child(doc, node, 'matchLabels')) ?? new Map<string, string>();
  const expressions: Requirement[] = [];
  for (const e of items(doc, child(doc, node, 'matchExpressions'))) {
    const key = str(doc, child(doc, e, 'key')) ?? '';
    const operator = str(doc, child(doc, e, 'operator')) ?? '';
    const values = items(doc, child(doc, e, 'values'))
      .map((v) => scalarText(doc, v))
      .filter((v): v is string => v !== undefined);
    expressions.push({ key, operator, values, node: e });
  }
  return { matchLabels, expressions };
}

/** A Service-style selector: a plain label map. */
export function readMapSelector(doc: YamlDoc, node: YNode | undefined): LabelSelector | undefined {
  const m = stringMap(doc, node);
  return m ? { matchLabels: m, expressions: [] } : undefined;
}

export function isEmptySelector(s: LabelSelector): boolean {
  return s.matchLabels.size === 0 && s.expressions.length === 0;
}

/** labels.Selector.Matches: every requirement holds (an empty selector matches everything). */
export function matches(s: LabelSelector, labels: Map<string, string>): boolean {
  for (const [k, v] of s.matchLabels) if (labels.get(k) !== v) return false;
  for (const r of s.expressions) {
    const has = labels.has(r.key);
    const v = labels.get(r.key);
    switch (r.operator) {
      case 'In':
        if (!has || !r.values.includes(v as string)) return false;
        break;
      case 'NotIn':
        if (has && r.values.includes(v as string)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** Render a selector the way kubectl does: `app=web,tier in (db)`. */
export function formatSelector(s: LabelSelector): string {
  const parts = [...s.matchLabels].map(([k, v]) => `${k}=${v}`);
  for (const r of s.expressions) {
    if (r.operator === 'Exists') parts.push(r.key);
    else if (r.operator === 'DoesNotExist') parts.push(`!${r.key}`);
    else parts.push(`${r.key} ${r.operator === 'NotIn' ? 'notin' : 'in'} (${r.values.join(',')})`);
  }
  return parts.join(',') || '<everything>';
}

/** Labels as a map, from a metadata node. */
export function labelsOf(doc: YamlDoc, metadata: YNode | undefined): Map<string, string> {
  return stringMap(doc, at(doc, metadata, 'labels')) ?? new Map();
}

export function mapEntries(doc: YamlDoc, node: YNode | undefined) {
  return entries(doc, node);
}
