/**
 * Every snippet of snippets/kubernetes.json, expanded with its default values, is a clean
 * workspace for the analyzer: zero errors and zero warnings. Snippets that only make sense
 * next to something else (a Service needs pods to select, a claim needs its StorageClass)
 * are loaded with that companion in the same workspace.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { Analyzer } from '../../server/src/core/analyzer';
import { identitiesFor } from '../../server/src/core/commands';
import { toLspRange } from '../../server/src/core/convert';
import { Workspace } from '../../server/src/core/model/workspace';
import { ROOT } from '../support/fixtures';

// ---------------------------------------------------------------------------------------------
// A small expander for the VS Code snippet syntax: $1, ${1}, ${1:default} (nested), mirrors,
// ${1|a,b|} (first choice), $0, ${VAR:default}, and \$ \} \\ escapes.
// ---------------------------------------------------------------------------------------------

type SnippetNode =
  | { t: 'text'; v: string }
  | { t: 'tab'; n: number; body?: SnippetNode[] }
  | { t: 'choice'; n: number; options: string[] }
  | { t: 'var'; name: string; body?: SnippetNode[] };

export function parseSnippet(src: string): SnippetNode[] {
  let i = 0;
  const fail = (msg: string): never => {
    throw new Error(
      `snippet syntax: ${msg} at offset ${i} in ${JSON.stringify(src.slice(Math.max(0, i - 20), i + 20))}`,
    );
  };
  const digits = (): number | undefined => {
    const m = /^\d+/.exec(src.slice(i));
    if (!m) return undefined;
    i += m[0].length;
    return Number(m[0]);
  };
  const ident = (): string | undefined => {
    const m = /^[A-Za-z_][A-Za-z_0-9]*/.exec(src.slice(i));
    if (!m) return undefined;
    i += m[0].length;
    return m[0];
  };
  // Parse until `}` (inside a placeholder) or the end.
  const seq = (nested: boolean): SnippetNode[] => {
    const out: SnippetNode[] = [];
    let text = '';
    const flush = () => {
      if (text) out.push({ t: 'text', v: text });
      text = '';
    };
    while (i < src.length) {
      const c = src[i];
      if (c === '\\' && i + 1 < src.length && '$}\\'.includes(src[i + 1])) {
        text += src[i + 1];
        i += 2;
      } else if (c === '}' && nested) {
        flush();
        return out;
      } else if (c === '$') {
        i++;
        const n = digits();
        if (n !== undefined) {
          flush();
          out.push({ t: 'tab', n });
          continue;
        }
        const name = ident();
        if (name !== undefined) {
          flush();
          out.push({ t: 'var', name });
          continue;
        }
        if (src[i] !== '{') {
          text += '$';
          continue;
        }
        i++;
        flush();
        const num = digits();
        if (num !== undefined) {
          if (src[i] === '}') {
            i++;
            out.push({ t: 'tab', n: num });
          } else if (src[i] === ':') {
            i++;
            const body = seq(true);
            if (src[i] !== '}') fail('unclosed placeholder');
            i++;
            out.push({ t: 'tab', n: num, body });
          } else if (src[i] === '|') {
            i++;
            const options: string[] = [];
            let cur = '';
            while (i < src.length && !(src[i] === '|' && src[i + 1] === '}')) {
              if (src[i] === '\\' && ',|\\$}'.includes(src[i + 1] ?? '')) {
                cur += src[i + 1];
                i += 2;
              } else if (src[i] === ',') {
                options.push(cur);
                cur = '';
                i++;
              } else cur += src[i++];
            }
            if (i >= src.length) fail('unclosed choice');
            options.push(cur);
            i += 2;
            out.push({ t: 'choice', n: num, options });
          } else fail('transforms are not supported');
        } else {
          const name = ident() ?? fail('bad ${');
          if (src[i] === '}') {
            i++;
            out.push({ t: 'var', name });
          } else if (src[i] === ':') {
            i++;
            const body = seq(true);
            if (src[i] !== '}') fail('unclosed variable');
            i++;
            out.push({ t: 'var', name, body });
          } else fail('variable transforms are not supported');
        }
      } else {
        text += c;
        i++;
      }
    }
    if (nested) fail('unexpected end');
    flush();
    return out;
  };
  return seq(false);
}

/**
 * Expand with default values: a tab stop's value is its first placeholder (or choice) text,
 * unless `values` overrides it; every mirror of the same number shows the same value.
 */
export function expandSnippet(body: string | string[], values: Record<number, string> = {}): string {
  const nodes = parseSnippet(Array.isArray(body) ? body.join('\n') : body);
  const defs = new Map<number, SnippetNode>();
  const collect = (ns: SnippetNode[]) =>
    ns.forEach((n) => {
      if ((n.t === 'tab' && n.body) || n.t === 'choice') {
        if (!defs.has(n.n)) defs.set(n.n, n);
      }
      if ((n.t === 'tab' || n.t === 'var') && n.body) collect(n.body);
    });
  collect(nodes);
  const active = new Set<number>();
  const valueOf = (n: number): string => {
    if (values[n] !== undefined) return values[n];
    const d = defs.get(n);
    if (!d) return '';
    if (active.has(n)) throw new Error(`tab stop $${n} refers to itself`);
    active.add(n);
    try {
      return d.t === 'choice' ? d.options[0] : d.t === 'tab' ? render(d.body ?? []) : '';
    } finally {
      active.delete(n);
    }
  };
  const render = (ns: SnippetNode[]): string =>
    ns
      .map((n) => {
        switch (n.t) {
          case 'text':
            return n.v;
          case 'tab':
          case 'choice':
            return valueOf(n.n);
          case 'var':
            return n.body ? render(n.body) : '';
        }
      })
      .join('');
  return render(nodes);
}

// ---------------------------------------------------------------------------------------------

interface Snippet {
  prefix: string | string[];
  description: string;
  body: string | string[];
}

const SNIPPET_FILE = path.join(ROOT, 'snippets', 'kubernetes.json');
const snippets = JSON.parse(fs.readFileSync(SNIPPET_FILE, 'utf8')) as Record<string, Snippet>;
const prefixOf = (s: Snippet) => (Array.isArray(s.prefix) ? s.prefix[0] : s.prefix);
const byPrefix = new Map(Object.values(snippets).map((s) => [prefixOf(s), s]));

/** Pods for the standalone headless Service snippet (`web`, `app: web`, port 80). */
const WEB_STATEFULSET = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: web
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports:
            - name: http
              containerPort: 80
`;

/** What each snippet is loaded with: other snippets (by prefix, default values) or YAML text. */
const COMPANIONS: Record<string, { snippets?: string[]; yaml?: string }> = {
  'ks-statefulset': { snippets: ['ks-storageclass'] },
  'ks-statefulset-retention': { snippets: ['ks-storageclass'] },
  'ks-service-headless': { yaml: WEB_STATEFULSET },
  'ks-service': { snippets: ['ks-deployment-pvc', 'ks-storageclass'] },
  'ks-pvc': { snippets: ['ks-storageclass'] },
  'ks-pod-pvc': { snippets: ['ks-storageclass'] },
  'ks-deployment-pvc': { snippets: ['ks-storageclass'] },
};

const uriOf = (name: string) => `file:///snippets/${name}.yaml`;

function analyse(files: Record<string, string>): { ws: Workspace; analyzer: Analyzer; problems: string[] } {
  const ws = new Workspace();
  for (const [name, text] of Object.entries(files)) ws.setDiskFile(uriOf(name), text);
  const analyzer = new Analyzer(ws);
  const problems: string[] = [];
  for (const name of Object.keys(files)) {
    const uri = uriOf(name);
    const file = ws.file(uri)!;
    for (const f of analyzer.fileFindings(uri)) {
      if (f.severity !== 'error' && f.severity !== 'warning') continue;
      const r = toLspRange(file, f.span);
      const line = files[name].split('\n')[r.start.line];
      problems.push(
        `${name}.yaml:${r.start.line + 1}:${r.start.character + 1} ${f.severity} ${f.code}: ${f.message}\n      | ${line}`,
      );
    }
  }
  for (const fl of analyzer.failures) problems.push(`rule ${fl.code} threw: ${fl.error}`);
  return { ws, analyzer, problems };
}

function workspaceFor(prefix: string, values: Record<number, string> = {}): Record<string, string> {
  const files: Record<string, string> = { [prefix]: expandSnippet(byPrefix.get(prefix)!.body, values) };
  const c = COMPANIONS[prefix];
  for (const p of c?.snippets ?? []) files[p] = expandSnippet(byPrefix.get(p)!.body);
  if (c?.yaml) files[`${prefix}-companion`] = c.yaml;
  return files;
}

describe('snippets', () => {
  describe('snippet expander', () => {
    it('expands defaults, mirrors, nested placeholders, choices, $0 and escapes', () => {
      assert.strictEqual(expandSnippet('a ${1:x} b $1 c ${1}'), 'a x b x c x');
      assert.strictEqual(expandSnippet('$1 then ${1:late}'), 'late then late');
      assert.strictEqual(expandSnippet('${2:${1:web}-svc} $1'), 'web-svc web');
      assert.strictEqual(expandSnippet('${1|one,two|}:$1'), 'one:one');
      assert.strictEqual(expandSnippet('${1|a\\,b,c|}'), 'a,b');
      assert.strictEqual(expandSnippet('cost \\$5 \\} \\\\ $0${0}'), 'cost $5 } \\ ');
      assert.strictEqual(expandSnippet('${TM_FILENAME:file.yaml} $UNKNOWN.'), 'file.yaml .');
      assert.strictEqual(expandSnippet(['a: ${1:b}', 'c: $1']), 'a: b\nc: b');
      assert.strictEqual(expandSnippet('${2:${1:web}-svc} $1', { 1: 'db' }), 'db-svc db');
      assert.throws(() => expandSnippet('${1:open'), /unexpected end|unclosed/);
      assert.throws(() => expandSnippet('${1/a/b/}'), /transforms/);
    });
  });

  it('every snippet has a unique ks- prefix, a description and a body', () => {
    const seen = new Set<string>();
    for (const [name, s] of Object.entries(snippets)) {
      const p = prefixOf(s);
      assert.ok(/^ks-[a-z0-9-]+$/.test(p), `${name}: prefix ${p}`);
      assert.ok(!seen.has(p), `duplicate prefix ${p}`);
      seen.add(p);
      assert.ok(s.description && s.description.length > 20, `${name}: description`);
      assert.ok(Array.isArray(s.body) && s.body.length > 3, `${name}: body`);
      assert.ok(!s.body.some((l) => /\t/.test(l)), `${name}: indent with spaces, not tabs (YAML)`);
    }
    for (const p of Object.keys(COMPANIONS)) assert.ok(byPrefix.has(p), `companion entry for unknown snippet ${p}`);
  });

  for (const [name, s] of Object.entries(snippets)) {
    const prefix = prefixOf(s);
    it(`${prefix} (${name}) expands to a clean workspace`, () => {
      const files = workspaceFor(prefix);
      const { ws, problems } = analyse(files);
      const text = files[prefix];
      assert.ok(!/\$\{?\d|\$\{/.test(text), `unexpanded snippet syntax left:\n${text}`);
      const resources = ws.file(uriOf(prefix))?.resources ?? [];
      assert.ok(resources.length >= 1, `no Kubernetes resource parsed from:\n${text}`);
      assert.deepStrictEqual(problems, [], `expanded text:\n${text}`);
    });
  }

  it('every option of every choice also expands to a clean workspace', () => {
    const problems: string[] = [];
    for (const s of Object.values(snippets)) {
      const prefix = prefixOf(s);
      const choices: { n: number; options: string[] }[] = [];
      const walk = (ns: SnippetNode[]) =>
        ns.forEach((n) => {
          if (n.t === 'choice') choices.push(n);
          if ((n.t === 'tab' || n.t === 'var') && n.body) walk(n.body);
        });
      walk(parseSnippet((s.body as string[]).join('\n')));
      for (const c of choices)
        for (const option of c.options.slice(1)) {
          for (const p of analyse(workspaceFor(prefix, { [c.n]: option })).problems)
            problems.push(`${prefix} with $${c.n}=${option}: ${p}`);
        }
    }
    assert.deepStrictEqual(problems, []);
  });

  it('ks-statefulset keeps the Service name and labels consistent when the user types new values', () => {
    const files = workspaceFor('ks-statefulset', { 1: 'db', 2: 'db-headless', 3: '2', 11: '5Gi' });
    const { analyzer, problems } = analyse(files);
    assert.deepStrictEqual(problems, []);
    const [sts] = identitiesFor(analyzer, uriOf('ks-statefulset'));
    assert.strictEqual(sts.name, 'db');
    assert.strictEqual(sts.serviceName, 'db-headless');
    assert.ok(sts.dnsResolves, `DNS should resolve: ${sts.reason}`);
    assert.deepStrictEqual(
      sts.replicas.map((r) => [r.pod, r.fqdn, r.pvcs]),
      [
        ['db-0', 'db-0.db-headless.default.svc.cluster.local', ['data-db-0']],
        ['db-1', 'db-1.db-headless.default.svc.cluster.local', ['data-db-1']],
      ],
    );
  });

  it('the check is not vacuous: a StatefulSet snippet without its Service is reported', () => {
    const full = expandSnippet(byPrefix.get('ks-statefulset')!.body);
    const stsOnly = full.slice(full.indexOf('---\n') + 4);
    const { problems } = analyse({
      'sts-only': stsOnly,
      'ks-storageclass': expandSnippet(byPrefix.get('ks-storageclass')!.body),
    });
    assert.ok(
      problems.some((p) => p.includes('sts-service-missing')),
      `expected sts-service-missing, got:\n${problems.join('\n')}`,
    );
  });

  it('ks-statefulset-retention starts numbering at ordinals.start', () => {
    const { analyzer } = analyse(workspaceFor('ks-statefulset-retention'));
    const [sts] = identitiesFor(analyzer, uriOf('ks-statefulset-retention'));
    assert.deepStrictEqual(
      sts.replicas.map((r) => r.pod),
      ['cache-1', 'cache-2', 'cache-3'],
    );
    assert.ok(sts.dnsResolves, `DNS should resolve: ${sts.reason}`);
  });
});
