/**
 * Editor help from the bundled schema: completion of keys (at any depth, present keys left
 * out, required ones first, snippets for objects and lists), of enum and boolean values and of
 * apiVersion/kind pairs, and hover on any key (type, required, description, API version).
 */
import { parseDocument } from 'yaml';
import { isMap, isScalar, isSeq } from '../yaml/predicates';
import type { Span } from '../findings';
import type { Workspace } from '../model/workspace';
import type { Resource } from '../model/resource';
import type { ParsedDoc } from '../yaml/parse';
import { nodeRange, pathAt, str, at as nodeAt } from '../yaml/nodes';
import {
  allKinds,
  FieldSpec,
  isObjectType,
  kindType,
  listItem,
  mapValue,
  typeLabel,
  typeSpec,
  TypeSpec,
} from './schema';
import { crdSchemaFor } from './crd';
import { Query } from '../model/query';

type J = Record<string, unknown>;

/** The sub-schema of a CRD schema at a path (properties, additionalProperties, items). */
function crdAt(schema: J, path: readonly Step[]): J | undefined {
  let cur: J | undefined = schema;
  for (const k of path) {
    if (!cur) return undefined;
    if (typeof k === 'number') {
      const it: unknown = cur.items;
      cur = it && typeof it === 'object' && !Array.isArray(it) ? (it as J) : undefined;
      continue;
    }
    const props = cur.properties as Record<string, J> | undefined;
    const addl: unknown = cur.additionalProperties;
    cur = props?.[k] ?? (addl && typeof addl === 'object' ? (addl as J) : undefined);
  }
  return cur;
}

function crdTypeLabel(s: J): string {
  if (s['x-kubernetes-int-or-string'] === true) return 'integer or string';
  const t = typeof s.type === 'string' ? s.type : 'any';
  if (t === 'array') {
    const it: unknown = s.items;
    return `list of ${it && typeof it === 'object' ? crdTypeLabel(it as J) : 'any'}`;
  }
  return t;
}

/** A field spec from a CRD schema property (for docs, snippets and value completion). */
function crdField(name: string, s: J, parent: J | undefined): FieldSpec {
  const t =
    s['x-kubernetes-int-or-string'] === true
      ? 'io'
      : s.type === 'object'
        ? s.properties
          ? 'CrdObject'
          : '{a}'
        : s.type === 'array'
          ? '[a]'
          : s.type === 'boolean'
            ? 'b'
            : s.type === 'integer'
              ? 'i'
              : s.type === 'number'
                ? 'n'
                : s.type === 'string'
                  ? 's'
                  : 'a';
  const desc = typeof s.description === 'string' ? s.description.split(/(?<=\.)\s/)[0].slice(0, 200) : '';
  const en = Array.isArray(s.enum) ? s.enum.filter((e): e is string => typeof e === 'string') : undefined;
  return {
    name,
    type: t,
    description: desc,
    required: Array.isArray(parent?.required) && (parent!.required as unknown[]).includes(name),
    ...(en?.length ? { enum: en } : {}),
  };
}

/** The CRD schema of a document's custom resource, when the workspace defines it. */
function crdSchemaOfDoc(ws: Workspace, res: Resource | undefined): J | undefined {
  return res && !kindType(res.apiVersion, res.kind) ? crdSchemaFor(res, new Query(ws))?.schema : undefined;
}

export interface SchemaCompletion {
  label: string;
  /** Short type/required text. */
  detail: string;
  /** Markdown documentation. */
  documentation?: string;
  /** Snippet text (LSP snippet syntax). */
  snippet: string;
  sort: string;
  kind: 'field' | 'value' | 'kind';
}

export interface SchemaCompletions {
  items: SchemaCompletion[];
  /** The text the chosen item replaces. */
  span: Span;
}

type Step = string | number;

/** The field type at a path under a top-level type, with the field and its owner. */
export function resolvePath(
  rootType: string,
  path: readonly Step[],
): { type: string; field?: FieldSpec; owner?: TypeSpec } | undefined {
  let cur = rootType;
  let field: FieldSpec | undefined;
  let owner: TypeSpec | undefined;
  for (const k of path) {
    if (typeof k === 'number') {
      const item = listItem(cur);
      if (item === undefined) return undefined;
      cur = item;
      continue;
    }
    if (isObjectType(cur)) {
      const t = typeSpec(cur);
      const f = t?.fields.get(k);
      if (!t || !f) return undefined;
      owner = t;
      field = f;
      cur = f.type;
      continue;
    }
    const v = mapValue(cur);
    if (v === undefined) return undefined;
    cur = v;
    field = undefined;
    owner = undefined;
  }
  return { type: cur, field, owner };
}

function resourceOf(ws: Workspace, uri: string, offset: number): { doc: ParsedDoc; res?: Resource } | undefined {
  const file = ws.file(uri);
  const doc = file?.docAt(offset);
  if (!file || !doc) return undefined;
  return { doc, res: file.resourceAt(offset) };
}

function docTypeOf(doc: ParsedDoc): string | undefined {
  const y = doc.yaml;
  const av = str(y, nodeAt(y, y.contents, 'apiVersion'));
  const kind = str(y, nodeAt(y, y.contents, 'kind'));
  return av && kind ? kindType(av, kind)?.name : undefined;
}

function fieldDoc(f: FieldSpec, owner: TypeSpec | undefined, apiVersion?: string): string {
  const parts = [`**${f.name}** · ${typeLabel(f.type)}${f.required ? ' · required' : ''}`];
  if (f.description) parts.push(f.description);
  if (f.enum) parts.push(`Values: ${f.enum.map((e) => `\`${e}\``).join(', ')}`);
  if (owner)
    parts.push(
      `_${owner.name.replace(/^(?:[A-Z][a-z]+)?V\d+(?:alpha\d+|beta\d+)?/, '')}${apiVersion ? ` (${apiVersion})` : ''}_`,
    );
  return parts.join('\n\n');
}

/** Hover text for a key of a built-in kind. */
export function schemaHoverAt(
  ws: Workspace,
  uri: string,
  offset: number,
): { markdown: string; span: Span } | undefined {
  if (!ws.settings.schemaEnable) return undefined;
  const r = resourceOf(ws, uri, offset);
  if (!r?.res) return undefined;
  const root = kindType(r.res.apiVersion, r.res.kind);
  const crd = root ? undefined : crdSchemaOfDoc(ws, r.res);
  if (!root && !crd) return undefined;
  const { steps, onKey } = pathAt(r.doc.yaml, offset - r.doc.base);
  if (!onKey) return undefined;
  const path = steps.slice(1).map((s) => s.key);
  if (path.some((k) => k === undefined)) return undefined;
  if (crd) {
    const s = crdAt(crd, path as Step[]);
    const key = path[path.length - 1];
    const kr = nodeRange(steps[steps.length - 1].keyNode);
    if (!s || typeof key !== 'string' || !kr) return undefined;
    const f = crdField(key, s, crdAt(crd, path.slice(0, -1) as Step[]));
    const md = [`**${key}** · ${crdTypeLabel(s)}${f.required ? ' · required' : ''}`];
    if (typeof s.description === 'string') md.push(s.description);
    if (f.enum) md.push(`Values: ${f.enum.map((e) => `\`${e}\``).join(', ')}`);
    md.push(`_${r.res.kind} (${r.res.apiVersion}), from its CustomResourceDefinition_`);
    return { markdown: md.join('\n\n'), span: { doc: r.doc, start: kr[0], end: kr[1] } };
  }
  const hit = resolvePath(root!.name, path as Step[]);
  if (!hit?.field) return undefined;
  const kr = nodeRange(steps[steps.length - 1].keyNode);
  if (!kr) return undefined;
  return { markdown: fieldDoc(hit.field, hit.owner, r.res.apiVersion), span: { doc: r.doc, start: kr[0], end: kr[1] } };
}

const MARK = 'ksCompletionMark7';

/** Where the mark key sits in a parsed document: the path of its object and the object's keys. */
function findMark(node: unknown, path: Step[], depth = 0): { path: Step[]; keys: string[] } | undefined {
  if (depth > 100) return undefined;
  if (isMap(node)) {
    const keys: string[] = [];
    let found = false;
    for (const p of node.items) {
      const k = isScalar(p.key) ? String(p.key.value) : undefined;
      if (k === MARK) found = true;
      else if (k !== undefined) keys.push(k);
    }
    if (found) return { path, keys };
    for (const p of node.items) {
      const k = isScalar(p.key) ? String(p.key.value) : undefined;
      if (k === undefined) continue;
      const r = findMark(p.value, [...path, k], depth + 1);
      if (r) return r;
    }
  } else if (isSeq(node)) {
    for (let i = 0; i < node.items.length; i++) {
      const r = findMark(node.items[i], [...path, i], depth + 1);
      if (r) return r;
    }
  }
  return undefined;
}

const KEY_TYPED = /^(\s*)((?:-\s+)*)([A-Za-z0-9_./$-]*)$/;
const VALUE_TYPED = /^(\s*(?:-\s+)*)([A-Za-z0-9_./-]+)(\s*:[ \t]*)(["']?)([^"'#\s]*)$/;

function snippetFor(f: FieldSpec, childIndent: string): string {
  const t = f.type;
  if (f.enum?.length) return `${f.name}: \${1|${f.enum.map((e) => e.replace(/[|,$}\\]/g, '')).join(',')}|}`;
  if (t === 'b') return `${f.name}: \${1|true,false|}`;
  const item = listItem(t);
  if (item !== undefined) return `${f.name}:\n${childIndent}- $0`;
  if (mapValue(t) !== undefined || isObjectType(t)) return `${f.name}:\n${childIndent}$0`;
  return `${f.name}: $0`;
}

/** Completions from the schema at an offset, or undefined when the schema has nothing to offer. */
export function schemaCompletionsAt(ws: Workspace, uri: string, offset: number): SchemaCompletions | undefined {
  if (!ws.settings.schemaEnable) return undefined;
  const r = resourceOf(ws, uri, offset);
  if (!r) return undefined;
  const { doc } = r;
  const rel = offset - doc.base;
  if (rel < 0 || rel > doc.text.length) return undefined;
  const lineStart = doc.text.lastIndexOf('\n', rel - 1) + 1;
  const prefix = doc.text.slice(lineStart, rel);
  const v = VALUE_TYPED.exec(prefix);
  if (v) return valueCompletions(doc, rel, lineStart, v);
  const k = KEY_TYPED.exec(prefix);
  if (!k) return undefined;
  const word = k[3];
  let lineEnd = doc.text.indexOf('\n', rel);
  if (lineEnd === -1) lineEnd = doc.text.length;
  const rest = doc.text.slice(rel, lineEnd);
  if (!/^[A-Za-z0-9_./$-]*\s*(#.*)?$/.test(rest)) return undefined;
  const wordEnd = rel + (/^[A-Za-z0-9_./$-]*/.exec(rest)?.[0].length ?? 0);
  const patched = doc.text.slice(0, rel - word.length) + `${MARK}: 0` + doc.text.slice(lineEnd);
  const y = parseDocument(patched, { version: '1.1', strict: false, uniqueKeys: false });
  const mark = findMark(y.contents, []);
  if (!mark) return undefined;
  const span: Span = { doc, start: rel - word.length, end: wordEnd };
  const keyCol = k[1].length + k[2].length;
  const lineIndent = k[1].length;
  const childIndent = ' '.repeat(keyCol - lineIndent + 2);
  if (mark.path.length === 0) {
    const typeName = docTypeOf(doc);
    const items: SchemaCompletion[] = [];
    if (!mark.keys.includes('kind') && !mark.keys.includes('apiVersion')) {
      for (const kd of allKinds())
        items.push({
          label: `${kd.kind} (${kd.apiVersion})`,
          detail: `apiVersion: ${kd.apiVersion}, kind: ${kd.kind}`,
          documentation: kd.description,
          snippet: `apiVersion: ${kd.apiVersion}\nkind: ${kd.kind}\nmetadata:\n  name: \${1:name}\n$0`,
          sort: `1:${kd.kind}:${kd.apiVersion}`,
          kind: 'kind',
        });
    }
    if (typeName) items.push(...fieldItems(typeSpec(typeName)!, mark.keys, childIndent, true));
    return items.length ? { items, span } : undefined;
  }
  const typeName = docTypeOf(doc);
  const crd = typeName ? undefined : crdSchemaOfDoc(ws, r.res);
  if (crd) {
    const obj = crdAt(crd, mark.path);
    const props = obj?.properties as Record<string, J> | undefined;
    if (!obj || !props) return undefined;
    const out: SchemaCompletion[] = [];
    for (const [name, ps] of Object.entries(props)) {
      if (mark.keys.includes(name) || !ps || typeof ps !== 'object') continue;
      const f = crdField(name, ps, obj);
      out.push({
        label: name,
        detail: `${crdTypeLabel(ps)}${f.required ? ' · required' : ''}`,
        documentation: f.description,
        snippet: snippetFor(f, childIndent),
        sort: `${f.required ? 0 : 1}:${name}`,
        kind: 'field',
      });
    }
    out.sort((a, b) => (a.sort < b.sort ? -1 : a.sort > b.sort ? 1 : 0));
    return out.length ? { items: out, span } : undefined;
  }
  if (!typeName) return undefined;
  const hit = resolvePath(typeName, mark.path);
  if (!hit || !isObjectType(hit.type)) return undefined;
  const t = typeSpec(hit.type);
  if (!t) return undefined;
  const items = fieldItems(t, mark.keys, childIndent, false);
  return items.length ? { items, span } : undefined;
}

function fieldItems(t: TypeSpec, present: string[], childIndent: string, top: boolean): SchemaCompletion[] {
  const out: SchemaCompletion[] = [];
  for (const f of t.fields.values()) {
    if (present.includes(f.name)) continue;
    if (top && (f.name === 'apiVersion' || f.name === 'kind' || f.name === 'status')) continue;
    out.push({
      label: f.name,
      detail: `${typeLabel(f.type)}${f.required ? ' · required' : ''}`,
      documentation: fieldDoc(f, t),
      snippet: snippetFor(f, childIndent),
      sort: `${f.required ? 0 : 1}:${f.name}`,
      kind: 'field',
    });
  }
  return out.sort((a, b) => (a.sort < b.sort ? -1 : a.sort > b.sort ? 1 : 0));
}

function valueCompletions(
  doc: ParsedDoc,
  rel: number,
  lineStart: number,
  m: RegExpExecArray,
): SchemaCompletions | undefined {
  const keyOffset = lineStart + m[1].length;
  const valueStart = keyOffset + m[2].length + m[3].length + m[4].length;
  let valueEnd = rel;
  while (valueEnd < doc.text.length && /[^\s"'#]/.test(doc.text.charAt(valueEnd))) valueEnd++;
  const span: Span = { doc, start: valueStart, end: valueEnd };
  const { steps, onKey } = pathAt(doc.yaml, keyOffset);
  if (!onKey) return undefined;
  const path = steps.slice(1).map((s) => s.key);
  if (path.some((k) => k === undefined) || path[path.length - 1] !== m[2]) return undefined;
  const y = doc.yaml;
  if (path.length === 1 && (m[2] === 'kind' || m[2] === 'apiVersion')) {
    const av = str(y, nodeAt(y, y.contents, 'apiVersion'));
    const kind = str(y, nodeAt(y, y.contents, 'kind'));
    const all = allKinds();
    const items: SchemaCompletion[] = [];
    const seen = new Set<string>();
    for (const kd of all) {
      const label = m[2] === 'kind' ? kd.kind : kd.apiVersion;
      const fits = m[2] === 'kind' ? !av || av === kd.apiVersion : !kind || kind === kd.kind;
      if (!fits || seen.has(label)) continue;
      seen.add(label);
      items.push({
        label,
        detail: m[2] === 'kind' ? kd.apiVersion : kd.kind,
        documentation: kd.description,
        snippet: label,
        sort: `0:${label}`,
        kind: 'value',
      });
    }
    return items.length ? { items, span } : undefined;
  }
  const typeName = docTypeOf(doc);
  if (!typeName) return undefined;
  const hit = resolvePath(typeName, path as Step[]);
  if (!hit?.field) return undefined;
  const f = hit.field;
  const values = f.enum ?? (f.type === 'b' ? ['true', 'false'] : undefined);
  if (!values) return undefined;
  return {
    items: values.map((val, i) => ({
      label: val,
      detail: `${f.name} · ${typeLabel(f.type)}`,
      documentation: f.description,
      snippet: val.replace(/[$}\\]/g, '\\$&'),
      sort: `${i.toString().padStart(3, '0')}`,
      kind: 'value',
    })),
    span,
  };
}
