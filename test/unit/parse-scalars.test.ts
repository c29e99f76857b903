/**
 * Plain scalars resolve as go-yaml (YAML 1.1) resolves them, with or without the parser's
 * shortcut for words (parse.ts PLAIN_STRING): every value below is parsed by `parseYaml` and
 * by the yaml package with the same YAML 1.1 tags but no shortcut, and both must agree on the
 * value, its type and its format, except where the yaml package reads NaN from a float without
 * digits, which go-yaml reads as a string. The values are the words of every YAML 1.1 null, boolean and
 * number form, in every case, with prefixes and suffixes, and words of 1–7 letters starting
 * with each letter.
 */
import * as assert from 'assert';
import { isMap, isScalar, parseDocument, Tags } from 'yaml';
import { parseYaml } from '../../server/src/core/yaml/parse';

function reference(text: string) {
  return parseDocument(text, {
    version: '1.1',
    uniqueKeys: false,
    strict: false,
    customTags: (tags: Tags) =>
      tags.filter((t) => {
        const tag = t as { tag?: string; format?: string };
        return tag.format !== 'TIME' && tag.tag !== 'tag:yaml.org,2002:timestamp';
      }),
  });
}

/** A merge key's value is a new Symbol per parse: compare its description. */
const plain = (v: unknown) => (typeof v === 'symbol' ? v.toString() : v);

function cases(): string[] {
  const words = [
    'y',
    'Y',
    'yes',
    'Yes',
    'YES',
    'n',
    'N',
    'no',
    'No',
    'NO',
    'true',
    'True',
    'TRUE',
    'false',
    'False',
    'FALSE',
    'on',
    'On',
    'ON',
    'off',
    'Off',
    'OFF',
    'null',
    'Null',
    'NULL',
    '~',
    '',
    '.inf',
    '-.Inf',
    '.NaN',
    '.nan',
    '0b101',
    '0o17',
    '017',
    '0x1F',
    '1_000',
    '1e3',
    '1.5',
    '-2',
    '+3',
    '1:20',
    '2001-12-14',
    '<<',
    'yess',
    'nulls',
    'Falsey',
    'offset',
    'online',
    'nginx',
    'truely',
    'FALSEY',
    'Nope',
    'nO',
    'yEs',
    'tRUE',
    'oN',
    'fALSE',
  ];
  const out = new Set<string>(words);
  for (const w of words)
    for (const x of ['a', '1', ' x', '-', '.', 'e']) {
      out.add(w + x);
      out.add(x.trim() + w);
    }
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  for (const c of letters)
    for (let n = 0; n <= 6; n++) {
      out.add(c + 'o'.repeat(n));
      out.add(c + 'ALSE'.slice(0, n));
    }
  return [...out];
}

describe('plain scalars resolve as in YAML 1.1 (the word shortcut changes nothing)', () => {
  it('values and keys', () => {
    let checked = 0;
    for (const v of cases()) {
      for (const text of [`k: ${v}\n`, `${v}: k\n`]) {
        const ours = parseYaml(text);
        const ref = reference(text);
        if (ref.errors.length) continue; // not a plain scalar in this position
        assert.strictEqual(ours.errors.length, 0, text);
        const a = ours.contents;
        const b = ref.contents;
        assert.ok(isMap(a) && isMap(b), text);
        const pa = a.items[0];
        const pb = b.items[0];
        for (const [x, y] of [
          [pa.key, pb.key],
          [pa.value, pb.value],
        ]) {
          assert.strictEqual(isScalar(x), isScalar(y), text);
          if (!isScalar(x) || !isScalar(y)) continue;
          // The yaml package reads a float without a digit in its mantissa (`.e1`, `-e2`, `e017`) as
          // NaN; go-yaml (kubectl) keeps it a string (see yaml11-float-without-digits.yaml).
          if (Number.isNaN(y.value) && !/nan/i.test(String(y.source))) {
            assert.strictEqual(x.value, y.source, JSON.stringify(text));
            checked++;
            continue;
          }
          assert.deepStrictEqual(
            { value: plain(x.value), type: typeof x.value, format: x.format, tag: x.tag },
            { value: plain(y.value), type: typeof y.value, format: y.format, tag: y.tag },
            JSON.stringify(text),
          );
          checked++;
        }
      }
    }
    assert.ok(checked > 1000, `checked ${checked}`);
  });
});
