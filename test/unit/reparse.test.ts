/**
 * Typing in a value (core/yaml/reparse.ts): the copied tree must be the tree a full parse makes of
 * the new text, node for node (values, tags, styles, formats, offsets) — checked on every plain
 * scalar value of every fixture document (and of the corpus when it is there), each replaced by
 * tokens of every YAML 1.1 type. Edits that are not a value edit must be left to the parser.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Document, isDocument } from 'yaml';
import { isMap, isScalar, isSeq, PLAIN } from '../../server/src/core/yaml/predicates';
import { ParsedDoc, parseChunk } from '../../server/src/core/yaml/parse';
import { reparseValueEdit } from '../../server/src/core/yaml/reparse';
import { splitDocuments } from '../../server/src/core/yaml/split';
import { Workspace } from '../../server/src/core/model/workspace';
import { Analyzer } from '../../server/src/core/analyzer';
import { FIXTURES, ROOT, yamlFiles } from '../support/fixtures';

/** Replacement tokens: strings, YAML 1.1 ints (octal, hex, underscores), floats, booleans, nulls. */
const TOKENS = [
  '4',
  '42',
  '010',
  '0x1F',
  '1_000',
  '3.5',
  '1e3',
  '.5',
  '.inf',
  'true',
  'yes',
  'Off',
  'y',
  'null',
  'Null',
  'nginx',
  'a.b/c-d',
  '0o17',
  '12Gi',
  '500m',
  '1.2.3',
  '+1',
  'e017',
];

interface Node {
  range?: number[];
  value?: unknown;
  type?: string;
  tag?: string;
  source?: string;
  format?: string;
  minFractionDigits?: number;
  comment?: string;
  commentBefore?: string;
  spaceBefore?: boolean;
  flow?: boolean;
  items?: unknown[];
  key?: unknown;
}

const SCALAR_FIELDS = [
  'value',
  'type',
  'tag',
  'source',
  'format',
  'minFractionDigits',
  'comment',
  'commentBefore',
  'spaceBefore',
] as const;

/** Every field a rule or a range can read, compared node by node. */
function sameTree(a: unknown, b: unknown, where: string): void {
  const x = a as Node | null;
  const y = b as Node | null;
  if (x === null || y === null || typeof x !== 'object') {
    assert.deepStrictEqual(x, y, where);
    return;
  }
  assert.deepStrictEqual(x.range, y.range, `${where}: range`);
  assert.strictEqual(isScalar(x), isScalar(y), `${where}: kind`);
  assert.strictEqual(isMap(x), isMap(y), `${where}: kind`);
  if (isScalar(x)) {
    for (const f of SCALAR_FIELDS) assert.deepStrictEqual(x[f], y[f], `${where}: ${f}`);
    return;
  }
  for (const f of ['comment', 'commentBefore', 'spaceBefore'] as const)
    assert.deepStrictEqual(x[f], y[f], `${where}: ${f}`);
  assert.strictEqual(x.flow, y.flow, `${where}: flow`);
  const xi = x.items ?? [];
  const yi = y.items ?? [];
  assert.strictEqual(xi.length, yi.length, `${where}: items`);
  xi.forEach((it, i) => {
    if (isMap(x)) {
      sameTree((it as Node).key, (yi[i] as Node).key, `${where}/${i}:key`);
      sameTree((it as { value: unknown }).value, (yi[i] as { value: unknown }).value, `${where}/${i}`);
    } else sameTree(it, yi[i], `${where}/${i}`);
  });
}

/** Plain single-line scalar values (not keys) of a document, with their ranges. */
function plainValues(node: unknown, out: { start: number; end: number }[] = []): { start: number; end: number }[] {
  if (isMap(node))
    for (const p of node.items) {
      const v = p.value as Node | null;
      if (isScalar(v) && v.type === PLAIN && v.range) out.push({ start: v.range[0], end: v.range[1] });
      else plainValues(v, out);
    }
  else if (isSeq(node))
    for (const it of node.items) {
      const v = it as Node | null;
      if (isScalar(v) && v.type === PLAIN && v.range) out.push({ start: v.range[0], end: v.range[1] });
      else plainValues(v, out);
    }
  return out;
}

function corpusFiles(): string[] {
  const dir = process.env.KUBE_STATEFUL_CORPUS ?? path.resolve(ROOT, '..', 'shared', 'corpus');
  return fs.existsSync(dir) ? yamlFiles(dir) : [];
}

describe('typing in a value: the tree is copied with the value replaced', () => {
  it('gives the tree a full parse gives, on every plain value of the fixtures and the corpus', function () {
    this.timeout(300000);
    let copied = 0;
    let parsed = 0;
    let docs = 0;
    const files = [...yamlFiles(FIXTURES), ...corpusFiles()];
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      if (text.length > 200000) continue;
      for (const c of splitDocuments(text)) {
        const chunk = text.slice(c.start, c.end);
        const old = parseChunk('file:///t.yaml', chunk);
        if (old.errors.length) continue;
        docs++;
        // Every value of small documents; an even sample of large ones (the suite stays fast).
        const values = plainValues(old.yaml.contents);
        const step = Math.max(1, Math.floor(values.length / 4));
        for (let v = 0; v < values.length; v += step) {
          const { start, end } = values[v];
          const src = chunk.slice(start, end);
          const typed = (v + docs) % 2 ? src + '7' : src.slice(0, -1) || 'x';
          for (const t of [TOKENS[(v + docs) % TOKENS.length], typed]) {
            const next = chunk.slice(0, start) + t + chunk.slice(end);
            const fast = reparseValueEdit(old, next);
            if (!fast) {
              parsed++;
              continue;
            }
            copied++;
            const full = parseChunk('file:///t.yaml', next);
            const where = `${path.relative(ROOT, file)} @${c.start + start}: ${JSON.stringify(src)} → ${JSON.stringify(t)}`;
            assert.deepStrictEqual([fast.errors, fast.warnings], [full.errors, full.warnings], where);
            assert.strictEqual(fast.templated, full.templated, where);
            assert.deepStrictEqual(fast.yaml.range, full.yaml.range, where);
            assert.ok(isDocument(fast.yaml) && fast.yaml instanceof Document, where);
            assert.strictEqual(String(fast.yaml), String(full.yaml), where);
            sameTree(fast.yaml.contents, full.yaml.contents, where);
            assert.deepStrictEqual(fast.yaml.toJS(), full.yaml.toJS(), where);
          }
        }
      }
    }
    // The copy is the usual path for value edits: most of them take it.
    assert.ok(docs > 300 && copied > 2 * parsed, `docs ${docs}, copied ${copied}, parsed ${parsed}`);
    if (process.env.REPARSE_REPORT) console.log(`docs ${docs}, copied ${copied}, parsed ${parsed}`);
  });

  it('leaves every other edit to the parser', () => {
    const old = parseChunk('file:///t.yaml', 'a: 1\nb: [x, y]\nc: "q"\nd: &x 5\ne: v # note\nf:\n  - item\n"g": h\n');
    const edits: [string, string][] = [
      ['a: 1', 'ab: 1'], // a key
      ['[x, y]', '[x, z]'], // inside a flow list
      ['"q"', '"r"'], // a quoted value
      ['a: 1', 'a: 1: 2'], // a token that is structure
      ['a: 1', 'a: 1 #x'], // a comment
      ['a: 1', 'a: 1:'], // a mapping indicator
      ['a: 1', 'a:1'], // no longer a value
      ['a: 1', 'a: -1'], // a leading indicator
      ['a: 1', 'a: '], // the value removed
      ['f:\n  - item', 'f:\n  - item\n  - two'], // a new item
    ];
    for (const [from, to] of edits) {
      const next = old.text.replace(from, to);
      assert.notStrictEqual(next, old.text);
      assert.strictEqual(reparseValueEdit(old, next), undefined, to);
    }
    // A document with an anchor, or a syntax error, is always parsed.
    assert.strictEqual(reparseValueEdit(old, old.text.replace('b: [x, y]', 'b: z')), undefined);
    const plain = parseChunk('file:///t.yaml', 'a: 1\nb: 2\n');
    assert.ok(reparseValueEdit(plain, 'a: 1\nb: 3\n'));
    const bad = parseChunk('file:///t.yaml', 'a: 1\nb: [2\n');
    assert.strictEqual(reparseValueEdit(bad, 'a: 2\nb: [2\n'), undefined);
  });

  it('an edit in the editor takes the copy, and the findings are those of a fresh analysis', () => {
    const text = (replicas: string, cls: string) =>
      `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: db\n  replicas: ${replicas}\n  selector:\n    matchLabels: {app: db}\n  template:\n    metadata:\n      labels: {app: db}\n    spec:\n      containers: [{name: db, image: postgres}]\n  volumeClaimTemplates:\n    - metadata: {name: data}\n      spec:\n        accessModes: [ReadWriteOnce]\n        storageClassName: ${cls}\n        resources: {requests: {storage: 1Gi}}\n`;
    const uri = 'file:///w/db.yaml';
    const ws = new Workspace();
    const a = new Analyzer(ws);
    ws.setOpenFile(uri, text('3', 'fast'));
    a.fileFindings(uri);
    const before = ws.file(uri)!.docs[0];
    for (const [r, c] of [
      ['30', 'fast'],
      ['-3', 'fast'],
      ['3', 'fast'],
      ['3', 'fas'],
    ]) {
      ws.setOpenFile(uri, text(r, c));
      const fresh = new Workspace();
      fresh.setOpenFile(uri, text(r, c));
      const got = a.fileFindings(uri).map((f) => [f.code, f.span.start, f.span.end, f.message]);
      const want = new Analyzer(fresh).fileFindings(uri).map((f) => [f.code, f.span.start, f.span.end, f.message]);
      assert.deepStrictEqual(got, want, `${r} ${c}`);
    }
    // The first edit (3 → 30) copied the tree: a new document, equal to a parse, not the old one.
    assert.notStrictEqual(ws.file(uri)!.docs[0], before);
    const ws2 = new Workspace();
    const seen: (ParsedDoc | undefined)[] = [];
    const parse = ws2.parseChunk;
    ws2.parseChunk = (u, t, prev) => {
      seen.push(prev);
      return parse(u, t, prev);
    };
    ws2.setOpenFile(uri, text('3', 'fast'));
    const first = ws2.file(uri)!.docs[0];
    ws2.setOpenFile(uri, text('4', 'fast'));
    assert.deepStrictEqual(seen, [undefined, first], 'the edit is offered the document it replaces');
    assert.strictEqual(reparseValueEdit(first, text('4', 'fast'))?.yaml.toJS().spec.replicas, 4);
  });
});
