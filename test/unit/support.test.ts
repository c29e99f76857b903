/** rules/support: quote-keeping replacements, suggested DNS names and the standard messages. */
import * as assert from 'assert';
import { parseDocument } from 'yaml';
import {
  dnsNameErrors,
  dnsNameFix,
  enumAdvice,
  invalidMessage,
  notIntegerMessage,
  replacement,
  unsupportedMessage,
} from '../../server/src/core/rules/support';

/** The value node of `k:` in a one-line YAML map. */
const valueOf = (src: string) => parseDocument(src).get('k', true) as never;

describe('rules/support', () => {
  it('a replacement keeps the scalar quoting style (and escapes for it)', () => {
    const cases: [string, string, string][] = [
      ['k: parallel', 'Parallel', 'Parallel'],
      ['k: "parallel"', 'Parallel', '"Parallel"'],
      ["k: 'parallel'", 'Parallel', "'Parallel'"],
      ["k: 'it is'", "it's", "'it''s'"],
      ['k: "a"', 'say "b"', '"say \\"b\\""'],
    ];
    for (const [src, text, want] of cases) assert.strictEqual(replacement(valueOf(src), text), want, src);
    assert.strictEqual(replacement(undefined, 'x'), 'x');
  });

  it('a suggested DNS name is valid for its rule, or there is none', () => {
    const cases: [string, 'label' | 'subdomain' | 'dns1035', string | undefined][] = [
      ['My_Svc', 'label', 'my-svc'],
      ['web.v2', 'label', 'web-v2'],
      ['web.v2', 'subdomain', undefined],
      ['Fast_SSD', 'subdomain', 'fast-ssd'],
      ['1web', 'dns1035', 'web'],
      ['1web', 'label', undefined],
      ['---', 'label', undefined],
    ];
    for (const [v, rule, want] of cases) {
      assert.strictEqual(dnsNameFix(v, rule), want, `${v} (${rule})`);
      if (want) assert.deepStrictEqual(dnsNameErrors(want, rule), [], `${want} is a valid ${rule}`);
    }
  });

  it("the standard messages use kubectl's words", () => {
    assert.strictEqual(
      unsupportedMessage('spec.type', '"nodeport"', ['NodePort', 'ClusterIP']),
      '`spec.type`: Unsupported value: "nodeport": supported values: "ClusterIP", "NodePort"',
    );
    assert.strictEqual(
      invalidMessage('spec.replicas', '-1', 'must be greater than or equal to 0'),
      '`spec.replicas`: Invalid value: -1: must be greater than or equal to 0',
    );
    assert.strictEqual(enumAdvice(undefined, ['', 'Memory']), 'Use one of `""`, `Memory`.');
    assert.strictEqual(enumAdvice('Memory', ['', 'Memory']), 'Did you mean `Memory`?');
    assert.match(
      notIntegerMessage('spec.replicas', '"3"', 'string', '3'),
      /^`spec\.replicas` is the string "3", not an integer; .* Write 3 without quotes\.$/,
    );
  });
});
