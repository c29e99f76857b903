import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DOCS_DIR, expectedDocs } from '../../scripts/gen-docs';

describe('rule docs', () => {
  it('docs/rules is generated from the rule metadata and up to date (npm run docs)', () => {
    const stale: string[] = [];
    for (const [f, text] of expectedDocs()) {
      const p = path.join(DOCS_DIR, f);
      if (!fs.existsSync(p) || fs.readFileSync(p, 'utf8') !== text) stale.push(f);
    }
    assert.deepStrictEqual(stale, [], 'run `npm run docs`');
  });
});
