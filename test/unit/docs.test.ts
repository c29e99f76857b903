import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DOCS_DIR, expectedDocs, PACKAGE_JSON, packageWithRuleSchema } from '../../scripts/gen-docs';

describe('rule docs', () => {
  it('docs/rules is generated from the rule metadata and up to date (npm run docs)', () => {
    const stale: string[] = [];
    for (const [f, text] of expectedDocs()) {
      const p = path.join(DOCS_DIR, f);
      if (!fs.existsSync(p) || fs.readFileSync(p, 'utf8') !== text) stale.push(f);
    }
    assert.deepStrictEqual(stale, [], 'run `npm run docs`');
  });

  it('the kubeStateful.rules setting lists every rule code (npm run docs)', () => {
    const text = fs.readFileSync(PACKAGE_JSON, 'utf8');
    assert.strictEqual(packageWithRuleSchema(text), text, 'run `npm run docs`');
  });
});
