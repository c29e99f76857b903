/**
 * Schemas of custom resources from the CustomResourceDefinitions of the workspace (the
 * `openAPIV3Schema` of each served version), and the check of a custom resource against one:
 * unknown fields (honouring x-kubernetes-preserve-unknown-fields and additionalProperties),
 * types, x-kubernetes-int-or-string, enums, required fields, minimum/maximum, pattern,
 * minLength/maxLength and minItems/maxItems. A resource with no known CRD gets nothing.
 */
import { isMap, isScalar, isSeq } from '../yaml/predicates';
import type { Query } from '../model/query';
import type { Resource } from '../model/resource';
import { deref, entries, items, str, at as nodeAt, YNode } from '../yaml/nodes';
import { closest } from '../k8s/suggest';
import { scalarKind, SchemaIssue } from './validate';
import { replacement } from '../yaml/replace';

type J = Record<string, unknown>;

/** A CRD's schema for one apiVersion/kind, with the CRD it came from. */
export interface CrdSchema {
  crd: Resource;
  schema: J;
}

const jsCache = new WeakMap<Resource, Map<string, J>>();

/** apiVersion|kind → schema, for one CRD resource (cached: resources are immutable). */
function schemasOf(crd: Resource): Map<string, J> {
  let m = jsCache.get(crd);
  if (m) return m;
  m = new Map();
  jsCache.set(crd, m);
  if (crd.apiVersion !== 'apiextensions.k8s.io/v1') return m;
  const y = crd.yaml;
  const group = str(y, crd.at('spec', 'group'));
  const kind = str(y, crd.at('spec', 'names', 'kind'));
  if (!group || !kind) return m;
  for (const v of items(y, crd.at('spec', 'versions'))) {
    const name = str(y, nodeAt(y, v, 'name'));
    const served = deref(y, nodeAt(y, v, 'served'));
    if (!name || (isScalar(served) && served.value === false)) continue;
    const schemaNode = nodeAt(y, v, 'schema', 'openAPIV3Schema');
    if (!isMap(schemaNode)) continue;
    let js: unknown;
    try {
      js = schemaNode.toJS(y, { maxAliasCount: 100 });
    } catch {
      continue;
    }
    if (js && typeof js === 'object') m.set(`${group}/${name}|${kind}`, js as J);
  }
  return m;
}

/** The schema of a custom resource from the workspace's CRDs (records the lookup in `q`). */
export function crdSchemaFor(res: Resource, q: Query): CrdSchema | undefined {
  if (!res.apiVersion.includes('/') || !res.apiVersion.split('/')[0].includes('.')) return undefined;
  const key = `${res.apiVersion}|${res.kind}`;
  for (const crd of q.list('CustomResourceDefinition')) {
    const s = schemasOf(crd).get(key);
    if (s) return { crd, schema: s };
  }
  return undefined;
}

const TOP_SKIP = new Set(['apiVersion', 'kind', 'metadata']);

/** Issues of a custom resource against its CRD schema. */
export function crdIssues(res: Resource, schema: J): SchemaIssue[] {
  const out: SchemaIssue[] = [];
  const y = res.yaml;
  let budget = 100_000;
  const walk = (node: YNode | undefined, s: J, path: string, depth: number, anchor?: YNode): void => {
    if (--budget < 0 || depth > 60) return;
    const n = deref(y, node);
    if (n === undefined) return;
    if (s['x-kubernetes-preserve-unknown-fields'] === true && !s.properties && !s.type) return;
    if (s['x-kubernetes-embedded-resource'] === true) return;
    if (s.anyOf || s.oneOf || s.allOf || s.not) return; // alternatives: say nothing rather than guess
    const type = s.type as string | undefined;
    if (isScalar(n)) {
      const k = scalarKind(n);
      if (k === 'null' || k === 'unknown') return;
      if (typeof n.value === 'string' && /\$\{[A-Za-z_]/.test(n.value)) return;
      const want = s['x-kubernetes-int-or-string'] === true ? 'int-or-string' : type;
      const ok =
        want === undefined ||
        (want === 'string' && k === 'string') ||
        (want === 'integer' && (k === 'int' || (k === 'float' && Number.isInteger(Number(n.value))))) ||
        (want === 'number' && (k === 'int' || k === 'float')) ||
        (want === 'boolean' && k === 'bool') ||
        (want === 'int-or-string' && (k === 'int' || k === 'string'));
      if (!ok) {
        out.push({
          kind: 'type',
          node: n,
          message: `${path}: Invalid value: ${JSON.stringify(n.value)}: ${path} in body must be of type ${want === 'int-or-string' ? 'integer or string' : want} (CRD schema).`,
        });
        return;
      }
      const v = n.value;
      if (Array.isArray(s.enum) && !s.enum.some((e) => e === v)) {
        const allowed = s.enum.filter((e): e is string => typeof e === 'string');
        const guess = typeof v === 'string' ? closest(v, allowed) : undefined;
        out.push({
          kind: 'enum',
          node: n,
          message: `${path}: Unsupported value: ${JSON.stringify(v)}: supported values: ${s.enum.map((e) => JSON.stringify(e)).join(', ')}${guess ? `. Did you mean ${JSON.stringify(guess)}?` : ''}`,
          fix: guess ? [{ title: `Change to ${guess}`, newText: replacement(n, guess) }] : undefined,
        });
      }
      const range = (msg: string) =>
        out.push({
          kind: 'range',
          node: n,
          message: `${path}: Invalid value: ${JSON.stringify(v)}: ${path} in body ${msg} (CRD schema).`,
        });
      if (typeof v === 'number') {
        if (typeof s.minimum === 'number' && (s.exclusiveMinimum === true ? v <= s.minimum : v < s.minimum))
          range(`should be greater than ${s.exclusiveMinimum === true ? '' : 'or equal to '}${s.minimum}`);
        if (typeof s.maximum === 'number' && (s.exclusiveMaximum === true ? v >= s.maximum : v > s.maximum))
          range(`should be less than ${s.exclusiveMaximum === true ? '' : 'or equal to '}${s.maximum}`);
      }
      if (typeof v === 'string') {
        const len = [...v].length;
        if (typeof s.minLength === 'number' && len < s.minLength) range(`should be at least ${s.minLength} chars long`);
        if (typeof s.maxLength === 'number' && len > s.maxLength)
          range(`may not be more than ${s.maxLength} chars long`);
        if (typeof s.pattern === 'string') {
          let re: RegExp | undefined;
          try {
            re = new RegExp(s.pattern, 'u');
          } catch {
            re = undefined;
          }
          if (re && !re.test(v)) range(`should match '${s.pattern}'`);
        }
      }
      return;
    }
    if (isSeq(n)) {
      if (type !== undefined && type !== 'array') {
        out.push({
          kind: 'type',
          node: n,
          message: `${path}: Invalid value: "array": ${path} in body must be of type ${type} (CRD schema).`,
        });
        return;
      }
      const len = n.items.length;
      if (typeof s.minItems === 'number' && len < s.minItems)
        out.push({
          kind: 'range',
          node: n,
          message: `${path}: Invalid value: ${len}: ${path} in body should have at least ${s.minItems} items (CRD schema).`,
        });
      if (typeof s.maxItems === 'number' && len > s.maxItems)
        out.push({
          kind: 'range',
          node: n,
          message: `${path}: Too many: ${len}: must have at most ${s.maxItems} items (CRD schema).`,
        });
      const it = s.items && typeof s.items === 'object' && !Array.isArray(s.items) ? (s.items as J) : undefined;
      if (it) n.items.forEach((x, i) => walk(x as YNode, it, `${path}[${i}]`, depth + 1));
      return;
    }
    if (!isMap(n)) return;
    if (type !== undefined && type !== 'object') {
      out.push({
        kind: 'type',
        node: n,
        message: `${path}: Invalid value: "object": ${path} in body must be of type ${type} (CRD schema).`,
      });
      return;
    }
    const props = s.properties && typeof s.properties === 'object' ? (s.properties as Record<string, J>) : undefined;
    const addl = s.additionalProperties;
    const preserve = s['x-kubernetes-preserve-unknown-fields'] === true;
    const seen = new Set<string>();
    for (const [k, keyNode, v] of entries(y, n)) {
      seen.add(k);
      const p = path ? `${path}.${k}` : k;
      if (depth === 0 && TOP_SKIP.has(k)) continue;
      const ps = props?.[k];
      if (ps && typeof ps === 'object') {
        walk(v, ps, p, depth + 1, keyNode);
        continue;
      }
      if (addl && typeof addl === 'object') {
        walk(v, addl as J, p, depth + 1, keyNode);
        continue;
      }
      if (preserve || addl === true || (!props && addl === undefined)) continue;
      if (k.startsWith('$')) continue;
      const guess = props ? closest(k, Object.keys(props)) : undefined;
      out.push({
        kind: 'unknown',
        node: keyNode,
        message:
          `unknown field ${JSON.stringify(p)}: the CRD schema of ${res.kind} has no field ${JSON.stringify(k)} here` +
          (guess ? `. Did you mean ${JSON.stringify(guess)}?` : '.'),
        fix: guess ? [{ title: `Rename to ${guess}`, newText: guess }] : undefined,
      });
    }
    if (Array.isArray(s.required)) {
      for (const r of s.required) {
        if (typeof r !== 'string' || seen.has(r) || (depth === 0 && TOP_SKIP.has(r))) continue;
        out.push({
          kind: 'required',
          node: anchor ?? n,
          message: `${path ? path + '.' : ''}${r}: Required value (CRD schema).`,
        });
      }
    }
  };
  walk(res.root, schema, '', 0, res.at('kind'));
  return out;
}
