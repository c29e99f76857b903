/**
 * kustomize's generator name hash (core/kustomize/hash.ts). The builds of
 * test/fixtures/kustomize/generators are compared with `kubectl kustomize` in kustomize.test.ts
 * (names with their hashes, and the data); here the pure pieces and the unknown cases.
 */
import * as assert from 'assert';
import { createHash } from 'crypto';
import { displayName, kindOf } from '../../server/src/core/kustomize/build';
import { base64, goJson, kustomizeHash, secretValue, sha256Hex, utf8 } from '../../server/src/core/kustomize/hash';
import { Workspace } from '../../server/src/core/model/workspace';

describe('kustomize generator hash', () => {
  it('SHA-256, UTF-8 and base64 agree with Node for assorted inputs', () => {
    const inputs = ['', 'abc', 'a'.repeat(55), 'b'.repeat(56), 'c'.repeat(64), 'größe ✓ 😀', 'x'.repeat(1000) + '\n'];
    for (const s of inputs) {
      assert.strictEqual(
        sha256Hex(utf8(s)),
        createHash('sha256').update(s, 'utf8').digest('hex'),
        JSON.stringify(s.slice(0, 20)),
      );
      assert.strictEqual(base64(s), Buffer.from(s, 'utf8').toString('base64'));
    }
  });

  it('JSON as Go writes it: sorted keys, HTML characters escaped', () => {
    assert.strictEqual(goJson({ b: '<&>', a: { d: 1, c: [2] } }), '{"a":{"c":[2],"d":1},"b":"\\u003c\\u0026\\u003e"}');
  });

  it('long Secret values are cut into 70-character lines', () => {
    const v = secretValue('y'.repeat(100));
    assert.deepStrictEqual(
      v.split('\n').map((l) => l.length),
      [70, 66, 0],
    );
    assert.strictEqual(secretValue('short'), base64('short'));
  });

  it('the hash ignores the name and depends on the data, and on the type for a Secret', () => {
    const cm = (name: string, data: Record<string, string>) => ({ kind: 'ConfigMap', metadata: { name }, data });
    assert.strictEqual(kustomizeHash(cm('a', { K: 'v' })), kustomizeHash(cm('b', { K: 'v' })));
    assert.notStrictEqual(kustomizeHash(cm('a', { K: 'v' })), kustomizeHash(cm('a', { K: 'w' })));
    const s = (type: string) => ({ kind: 'Secret', type, data: {} });
    assert.notStrictEqual(kustomizeHash(s('Opaque')), kustomizeHash(s('kubernetes.io/tls')));
    assert.match(kustomizeHash(cm('a', {})), /^[2-9b-df-z]{10}$/);
  });

  it('a generator whose input is not readable here keeps `<hash>` (its content is unknown)', () => {
    const ws = new Workspace();
    ws.setDiskFile(
      'file:///g/kustomization.yaml',
      'configMapGenerator:\n  - name: missing-env\n    envs: [absent.env]\n  - name: from-environment\n    envs: [vars.env]\n  - name: known\n    literals: [A=1]\n',
    );
    ws.setDiskFile('file:///g/vars.env', 'FROM_SHELL\nB=2\n');
    const [b] = ws.kustomize.buildsOf(ws.fileAccess);
    const names = b.objects
      .filter((o) => kindOf(o.obj) === 'ConfigMap')
      .map(displayName)
      .sort();
    assert.deepStrictEqual(names.slice(0, 2), [
      'from-environment-<hash>',
      `known-${kustomizeHash({ kind: 'ConfigMap', data: { A: '1' } })}`,
    ]);
    assert.strictEqual(names[2], 'missing-env-<hash>');
    // The file appears: the build is made again with the real hash.
    ws.setDiskFile('file:///g/absent.env', 'C=3\n');
    const [b2] = ws.kustomize.buildsOf(ws.fileAccess);
    assert.ok(
      b2.objects.some(
        (o) => displayName(o) === `missing-env-${kustomizeHash({ kind: 'ConfigMap', data: { C: '3' } })}`,
      ),
    );
  });
});
