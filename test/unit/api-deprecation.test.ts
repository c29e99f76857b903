/** The deprecation table (schema/removed.ts): removed vs deprecated-but-served per target release. */
import * as assert from 'assert';
import { deprecatedApi, REMOVED_APIS, removedApi } from '../../server/src/core/schema/removed';
import { compareVersions } from '../../server/src/core/schema/removed';

describe('deprecated and removed API versions by target release', () => {
  it('batch/v1beta1 CronJob: nothing before 1.21, deprecated 1.21–1.24, removed from 1.25', () => {
    const at = (v: string) => [
      !!deprecatedApi('batch/v1beta1', 'CronJob', v),
      !!removedApi('batch/v1beta1', 'CronJob', v),
    ];
    assert.deepStrictEqual(at('1.20'), [false, false]);
    assert.deepStrictEqual(at('1.21'), [true, false]);
    assert.deepStrictEqual(at('1.24.3'), [true, false]);
    assert.deepStrictEqual(at('1.25'), [false, true]);
    assert.deepStrictEqual(at('1.36'), [false, true]);
  });

  it('no entry is both deprecated and removed for any release; deprecation starts before removal', () => {
    for (const r of REMOVED_APIS) {
      const from = r.deprecatedIn ?? r.since;
      for (let minor = 0; minor <= 40; minor++)
        for (const k of r.kinds)
          assert.ok(
            !(deprecatedApi(r.apiVersion, k, `1.${minor}`) && removedApi(r.apiVersion, k, `1.${minor}`)),
            `${r.apiVersion} ${k} 1.${minor}`,
          );
      if (r.dropIn) assert.ok(r.replacement, `${r.apiVersion}: a drop-in needs a replacement`);
      if (from && compareVersions(from, r.removedIn) < 0)
        assert.ok(deprecatedApi(r.apiVersion, r.kinds[0], from), `${r.apiVersion} deprecated at ${from}`);
    }
  });

  it('only kinds of the entry: apps/v1beta1 Deployment yes, apps/v1beta1 ConfigMap no', () => {
    assert.ok(deprecatedApi('apps/v1beta1', 'Deployment', '1.12'));
    assert.strictEqual(deprecatedApi('apps/v1beta1', 'ConfigMap', '1.12'), undefined);
  });
});
