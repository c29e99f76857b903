#!/usr/bin/env node
/**
 * Records what kubectl's YAML decoder (sigs.k8s.io/yaml over go-yaml) makes of each tricky-YAML
 * case in test/fixtures/parse/: the decoded object, or the error. The result,
 * test/fixtures/parse/kubectl.json, is the oracle the parse test compares our parser with.
 *
 *   node scripts/kubectl-oracle.mjs           # (re)write the oracle file
 *   node scripts/kubectl-oracle.mjs --check   # exit 1 when kubectl disagrees with the file
 *
 * `kubectl label --local -f FILE k=v -o json` decodes the file without a cluster; the label it
 * adds (kube-stateful-oracle) is removed again.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIR = path.join(ROOT, 'test', 'fixtures', 'parse');
const OUT = path.join(DIR, 'kubectl.json');
const LABEL = 'kube-stateful-oracle';

export function kubectlDecode(file) {
  try {
    const out = execFileSync('kubectl', ['label', '--local', '-f', file, `${LABEL}=x`, '-o', 'json'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 30000,
    });
    const obj = JSON.parse(out);
    if (obj.metadata?.labels) {
      delete obj.metadata.labels[LABEL];
      if (Object.keys(obj.metadata.labels).length === 0) delete obj.metadata.labels;
    }
    return { object: obj };
  } catch (e) {
    const msg = String(e.stderr || e.message).trim().split('\n').pop();
    return { error: msg.replace(file, path.basename(file)) };
  }
}

const cases = fs.readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();
const result = {};
for (const c of cases) result[c] = kubectlDecode(path.join(DIR, c));
const text = JSON.stringify({ comment: 'What kubectl (kubectl label --local -f FILE -o json) decodes from each case; written by scripts/kubectl-oracle.mjs.', cases: result }, null, 2) + '\n';
if (process.argv.includes('--check')) {
  const old = fs.readFileSync(OUT, 'utf8');
  if (old !== text) {
    console.error('kubectl disagrees with test/fixtures/parse/kubectl.json');
    process.exit(1);
  }
} else {
  fs.writeFileSync(OUT, text);
  console.log(`${cases.length} cases → ${path.relative(ROOT, OUT)}`);
}
