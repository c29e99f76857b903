/**
 * Checks a resource against the bundled schema the way kubectl's decoder and strict field
 * validation see it: unknown fields, wrong scalar types, enums, quantities and required
 * fields. The result is computed once per (immutable) resource and shared by the rules.
 */
import type { Scalar } from 'yaml';
import { BLOCK_FOLDED, BLOCK_LITERAL, isMap, isScalar, isSeq, QUOTE_DOUBLE, QUOTE_SINGLE } from '../yaml/predicates';
import { closest } from '../k8s/suggest';
import { parseQuantity, suggestQuantity } from '../k8s/quantity';
import { treeMemo, type Resource } from '../model/resource';
import { entries, deref, YNode } from '../yaml/nodes';
import type { YamlDoc } from '../yaml/parse';
import { replacement } from '../yaml/replace';
import { isObjectType, kindType, listItem, mapValue, typeLabel, typeSpec } from './schema';

export type IssueKind = 'unknown' | 'type' | 'enum' | 'quantity' | 'required' | 'range';

export interface SchemaIssue {
  kind: IssueKind;
  node: YNode | undefined;
  message: string;
  fix?: { title: string; newText: string }[];
}

/** `${VAR}` placeholders (envsubst, Flux post-build): the value is not known yet. */
const PLACEHOLDER = /\$\{[A-Za-z_][A-Za-z0-9_]*(:?[-=?+][^}]*)?\}/;

/** How kubectl's YAML decoder types a scalar. */
export type ScalarKind = 'null' | 'string' | 'bool' | 'int' | 'float' | 'unknown';

const BOOL = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const INT = /^[-+]?(?:0|[1-9][0-9_]*|0x[0-9a-fA-F_]+|0o?[0-7_]+|0b[01_]+)$/;
const FLOAT = /^[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9_]+)(?:[eE][-+]?[0-9]+)?$/;

export function scalarKind(s: Scalar): ScalarKind {
  const v = s.value;
  if (v === null || v === undefined) return 'null';
  if (s.type === QUOTE_DOUBLE || s.type === QUOTE_SINGLE || s.type === BLOCK_LITERAL || s.type === BLOCK_FOLDED)
    return typeof v === 'string' ? 'string' : 'unknown';
  const src = typeof s.source === 'string' ? s.source : undefined;
  if (typeof v === 'boolean') return src === undefined || BOOL.test(src) ? 'bool' : 'unknown';
  if (typeof v === 'number' || typeof v === 'bigint') {
    if (src === undefined) return 'unknown';
    if (INT.test(src)) return 'int';
    if (FLOAT.test(src)) return Number.isFinite(Number(v)) ? 'float' : 'unknown';
    // Sexagesimal (12:30), .inf, .nan: the decoders disagree; say nothing.
    return 'unknown';
  }
  if (typeof v === 'string') return 'string';
  return 'unknown';
}

function describeScalar(s: Scalar, k: ScalarKind): string {
  const text = typeof s.source === 'string' ? s.source : String(s.value);
  switch (k) {
    case 'string':
      return `a string (${JSON.stringify(String(s.value))})`;
    case 'bool':
      return `a boolean (${text})`;
    case 'int':
    case 'float':
      return `a number (${text})`;
    default:
      return text;
  }
}

/** Schema issues of a resource of a built-in kind (empty for other kinds). Cached with the tree. */
export const schemaIssues: (res: Resource) => SchemaIssue[] = treeMemo((res) => {
  const out: SchemaIssue[] = [];
  const t = kindType(res.apiVersion, res.kind);
  if (t) {
    new Walker(res.yaml, out).object(res.root, t.name, true, 0, res.at('kind'));
  }
  return out;
});

class Walker {
  private budget = 200_000;
  /** The path to the node being checked (keys and indices), written out only for a message. */
  private readonly segs: (string | number)[] = [];
  constructor(
    private readonly y: YamlDoc,
    private readonly out: SchemaIssue[],
  ) {}

  /** The current path as kubectl writes it (`spec.containers[0].name`). */
  private path(): string {
    let out = '';
    for (const s of this.segs) out += typeof s === 'number' ? `[${s}]` : out ? `.${s}` : s;
    return out;
  }

  value(node: YNode | undefined, type: string, depth: number, keyNode?: YNode): void {
    if (--this.budget < 0 || depth > 60) return;
    const n = deref(this.y, node);
    if (n === undefined || type === 'a') return;
    if (isScalar(n)) {
      const k = scalarKind(n);
      if (k === 'null' || k === 'unknown') return;
      if (typeof n.value === 'string' && PLACEHOLDER.test(n.value)) return;
      this.scalar(n, k, type);
      return;
    }
    const item = listItem(type);
    if (item !== undefined) {
      if (!isSeq(n)) return this.wrongShape(n, type, isMap(n) ? 'an object' : 'a scalar');
      const items = n.items;
      for (let i = 0; i < items.length; i++) {
        this.segs.push(i);
        this.value(items[i] as YNode, item, depth + 1);
        this.segs.pop();
      }
      return;
    }
    const val = mapValue(type);
    if (val !== undefined) {
      if (!isMap(n)) return this.wrongShape(n, type, 'a list');
      for (const [k, , v] of entries(this.y, n)) {
        this.segs.push(k);
        this.value(v, val, depth + 1);
        this.segs.pop();
      }
      return;
    }
    if (isObjectType(type)) {
      if (!isMap(n)) return this.wrongShape(n, type, 'a list');
      this.object(n, type, false, depth + 1, keyNode);
      return;
    }
    this.wrongShape(n, type, isMap(n) ? 'an object' : 'a list');
  }

  /** `anchor` is where a missing required field is reported (the key of the object, if any). */
  object(node: YNode, typeName: string, top: boolean, depth = 0, anchor?: YNode): void {
    const t = typeSpec(typeName);
    if (!t || !isMap(node)) return;
    const seen = t.required.length ? new Set<string>() : undefined;
    for (const [k, keyNode, v] of entries(this.y, node)) {
      // A null value is no value (Go's zero value): a required field set to null is missing.
      if (seen && !isNullValue(this.y, v)) seen.add(k);
      const f = t.fields.get(k);
      if (!f) {
        // Strategic-merge-patch directives ($patch, $setElementOrder/…, $retainKeys) in patches.
        if (PLACEHOLDER.test(k) || k.startsWith('$')) continue;
        const guess = closest(k, t.fields.keys());
        this.segs.push(k);
        const p = this.path();
        this.segs.pop();
        this.out.push({
          kind: 'unknown',
          node: keyNode,
          message:
            `unknown field ${JSON.stringify(p)}: ${t.name.replace(/^(?:[A-Z][a-z]+)?V\d+(?:alpha\d+|beta\d+)?/, '')} has no field ${JSON.stringify(k)}` +
            (guess
              ? `. Did you mean ${JSON.stringify(guess)}?`
              : '. kubectl rejects the object (strict field validation); remove or rename the field.'),
          fix: guess ? [{ title: `Rename to ${guess}`, newText: guess }] : undefined,
        });
        continue;
      }
      if (top && (k === 'apiVersion' || k === 'kind')) continue;
      this.segs.push(k);
      this.value(v, f.type, depth, keyNode);
      if (f.enum) this.checkEnum(v, f.enum);
      this.segs.pop();
    }
    for (const f of t.required) {
      if (seen?.has(f.name)) continue;
      if (top && (f.name === 'apiVersion' || f.name === 'kind')) continue;
      const path = this.path();
      this.out.push({
        kind: 'required',
        node: anchor ?? node,
        message: `${path ? path + '.' : ''}${f.name}: Required value: ${f.name} (${typeLabel(f.type)}) must be set${f.description ? ` — ${f.description}` : ''}`,
      });
    }
  }

  private checkEnum(node: YNode | undefined, allowed: readonly string[]): void {
    const path = this.path();
    const n = deref(this.y, node);
    const check = (s: unknown, p: string) => {
      const sc = deref(this.y, s);
      if (!isScalar(sc) || typeof sc.value !== 'string' || sc.value === '' || allowed.includes(sc.value)) return;
      if (PLACEHOLDER.test(sc.value)) return;
      const guess =
        allowed.find((a) => a.toLowerCase() === String(sc.value).toLowerCase()) ?? closest(sc.value, allowed);
      this.out.push({
        kind: 'enum',
        node: sc,
        message:
          `${p}: Unsupported value: ${JSON.stringify(sc.value)}: supported values: ${allowed.map((a) => JSON.stringify(a)).join(', ')}` +
          (guess ? `. Did you mean ${JSON.stringify(guess)}?` : ''),
        fix: guess ? [{ title: `Change to ${guess}`, newText: replacement(sc, guess) }] : undefined,
      });
    };
    if (isSeq(n)) n.items.forEach((it, i) => check(it, `${path}[${i}]`));
    else check(n, path);
  }

  private typeIssue(n: Scalar, k: ScalarKind, want: string, hint?: string, fix?: { title: string; newText: string }[]) {
    this.out.push({
      kind: 'type',
      node: n,
      message: `${this.path()} must be ${want}, not ${describeScalar(n, k)}: kubectl cannot decode the object${hint ? `. ${hint}` : '.'}`,
      fix,
    });
  }

  private scalar(n: Scalar, k: ScalarKind, type: string): void {
    const v = n.value;
    switch (type) {
      case 'i':
        if (k === 'int' || (k === 'float' && Number.isInteger(Number(v)))) return;
        if (k === 'string' && /^-?\d+$/.test(String(v)))
          return this.typeIssue(n, k, 'an integer', `Write ${v} without quotes`, [
            { title: `Write ${v} without quotes`, newText: String(v) },
          ]);
        return this.typeIssue(n, k, 'an integer');
      case 'n':
        if (k === 'int' || k === 'float') return;
        return this.typeIssue(n, k, 'a number');
      case 'io':
        if (k === 'string' || k === 'int') return;
        return this.typeIssue(n, k, 'an integer or a string');
      case 'b':
        if (k === 'bool') return;
        if (k === 'string' && /^(true|false)$/i.test(String(v)))
          return this.typeIssue(n, k, 'a boolean', `Write ${String(v).toLowerCase()} without quotes`, [
            { title: `Write ${String(v).toLowerCase()} without quotes`, newText: String(v).toLowerCase() },
          ]);
        return this.typeIssue(n, k, 'a boolean (true or false)');
      case 's':
      case 't':
      case 'y':
        if (k === 'string') return;
        return this.typeIssue(n, k, 'a string', `Quote it: "${n.source ?? String(v)}"`, [
          { title: 'Quote the value', newText: JSON.stringify(String(n.source ?? v)) },
        ]);
      case 'q': {
        if (k === 'int' || k === 'float') return;
        if (k !== 'string') return this.typeIssue(n, k, 'a quantity (such as 500Mi or 2)');
        const text = String(v);
        if (parseQuantity(text)) return;
        const sugg = suggestQuantity(text);
        this.out.push({
          kind: 'quantity',
          node: n,
          message:
            `${this.path()}: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$' (${JSON.stringify(text)} does not)` +
            (sugg.length
              ? `. Did you mean ${sugg.map((s) => JSON.stringify(s)).join(' or ')}?`
              : '. Use a number with a suffix such as Mi, Gi, m or k.'),
          fix: sugg.map((s) => ({ title: `Change to ${s}`, newText: replacement(n, s) })),
        });
        return;
      }
      default:
        // An object, list or map where a scalar is written.
        this.wrongShape(n, type, describeScalar(n, k));
    }
  }

  private wrongShape(n: YNode, type: string, found: string): void {
    this.out.push({
      kind: 'type',
      node: n,
      message: `${this.path()} must be ${article(typeLabel(type))}, not ${found}: kubectl cannot decode the object.`,
    });
  }
}

function isNullValue(y: YamlDoc, v: YNode | undefined): boolean {
  const n = deref(y, v);
  return n === undefined || (isScalar(n) && (n.value === null || n.value === undefined));
}

function article(label: string): string {
  return /^[aeiou]/.test(label) ? `an ${label}` : `a ${label}`;
}
