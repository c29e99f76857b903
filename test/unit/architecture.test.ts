/**
 * Invariants of docs/ARCHITECTURE.md, checked on the sources' import graph.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from '../support/fixtures';

const SRC = path.join(ROOT, 'server', 'src');
const CORE = path.join(SRC, 'core');

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...tsFiles(p));
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out.sort();
}

/** Module specifiers of a source file (imports, re-exports, requires; type-only ones too). */
function specifiers(file: string): string[] {
  const src = fs.readFileSync(file, 'utf8');
  return [
    ...src.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;]*?from\s+'([^']+)'|require\('([^']+)'\)|import\('([^']+)'\)/g),
  ].map((m) => m[1] ?? m[2] ?? m[3]);
}

function resolveLocal(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), spec);
  for (const c of [base + '.ts', path.join(base, 'index.ts')]) if (fs.existsSync(c)) return c;
  return undefined;
}

/** Every local module reachable from `file` through imports (runtime and type-only). */
function reachable(file: string): Set<string> {
  const seen = new Set<string>();
  const todo = [file];
  while (todo.length) {
    const f = todo.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    for (const s of specifiers(f)) {
      const r = resolveLocal(f, s);
      if (r) todo.push(r);
    }
  }
  return seen;
}

/**
 * String literals that hold a backtick (markdown inline code in the making): quoted strings
 * containing one, and template literals with an escaped one. Comments are skipped; a small
 * scanner, enough for this codebase's sources.
 */
function backtickStrings(src: string): string[] {
  const out: string[] = [];
  const modes: ('tpl' | 'expr')[] = [];
  const depth: number[] = [];
  let i = 0;
  let tplStart = 0;
  while (i < src.length) {
    const c = src[i];
    if (modes[modes.length - 1] === 'tpl') {
      if (c === '\\') {
        if (src[i + 1] === '`') out.push(src.slice(tplStart, src.indexOf('\n', i)));
        i += 2;
      } else if (c === '`') {
        modes.pop();
        i++;
      } else if (c === '$' && src[i + 1] === '{') {
        modes.push('expr');
        depth.push(0);
        i += 2;
      } else i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '/') {
      i = src.indexOf('\n', i);
      if (i < 0) break;
    } else if (c === '/' && src[i + 1] === '*') {
      i = src.indexOf('*/', i + 2) + 2;
      if (i < 2) break;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < src.length && src[j] !== c && src[j] !== '\n') j += src[j] === '\\' ? 2 : 1;
      const text = src.slice(i, j + 1);
      if (text.includes('`')) out.push(text);
      i = j + 1;
    } else if (c === '`') {
      modes.push('tpl');
      tplStart = i;
      i++;
    } else {
      if (modes.length && c === '{') depth[depth.length - 1]++;
      else if (modes.length && c === '}') {
        if (depth[depth.length - 1] === 0) {
          modes.pop();
          depth.pop();
        } else depth[depth.length - 1]--;
      }
      i++;
    }
  }
  return out;
}

const rel = (p: string) => path.relative(ROOT, p);

describe('architecture (docs/ARCHITECTURE.md)', () => {
  it('the core imports only `yaml` and its own modules', () => {
    const bad: string[] = [];
    for (const f of tsFiles(CORE)) {
      for (const s of specifiers(f)) {
        if (s === 'yaml') continue;
        const r = resolveLocal(f, s);
        if (!r || !r.startsWith(CORE + path.sep)) bad.push(`${rel(f)}: ${s}`);
      }
    }
    assert.deepStrictEqual(bad, []);
  });

  it('no LSP or editor types in the core (positions are plain line/character)', () => {
    const bad: string[] = [];
    for (const f of tsFiles(CORE)) {
      const src = fs.readFileSync(f, 'utf8');
      for (const m of src.matchAll(
        /\b(TextDocument|DiagnosticSeverity|CompletionItemKind|MarkupContent|Connection|vscode\.\w+)\b/g,
      ))
        bad.push(`${rel(f)}: ${m[1]}`);
    }
    assert.deepStrictEqual(bad, []);
  });

  it('editor features reach the model through core/ide, never the rule engine', () => {
    const features = [
      'hover/index.ts',
      'navigate.ts',
      'lens.ts',
      'complete.ts',
      'commands.ts',
      'tree/index.ts',
      'ide/index.ts',
    ].map((f) => path.join(CORE, f));
    const bad: string[] = [];
    for (const f of features) {
      for (const r of reachable(f)) {
        if (r === path.join(CORE, 'analyzer.ts') || r.startsWith(path.join(CORE, 'rules') + path.sep))
          bad.push(`${rel(f)} → ${rel(r)}`);
      }
    }
    assert.deepStrictEqual(bad, []);
  });

  it('custom LSP method names are defined only in server/src/protocol.ts', () => {
    const bad: string[] = [];
    for (const f of [...tsFiles(SRC), ...tsFiles(path.join(ROOT, 'client', 'src'))]) {
      if (f === path.join(SRC, 'protocol.ts')) continue;
      const src = fs.readFileSync(f, 'utf8');
      for (const m of src.matchAll(/'kubeStateful\/[A-Za-z]+'/g)) bad.push(`${rel(f)}: ${m[0]}`);
    }
    assert.deepStrictEqual(bad, []);
  });

  it('host code (Node.js I/O) does not depend on the LSP layer', () => {
    const bad: string[] = [];
    for (const f of tsFiles(path.join(SRC, 'host'))) {
      for (const s of specifiers(f)) if (/vscode-languageserver|\/lsp\//.test(s)) bad.push(`${rel(f)}: ${s}`);
    }
    assert.deepStrictEqual(bad, []);
  });
  it('the model returns facts, not prose: nothing under core/model imports the markdown helpers or writes inline code', () => {
    const bad: string[] = [];
    for (const f of tsFiles(path.join(CORE, 'model'))) {
      for (const s of specifiers(f))
        if (/\/hover\/|\/dns-messages$|\/identity$/.test(s) && !s.startsWith('./')) bad.push(`${rel(f)}: imports ${s}`);
      for (const t of backtickStrings(fs.readFileSync(f, 'utf8'))) bad.push(`${rel(f)}: ${t}`);
    }
    assert.deepStrictEqual(bad, []);
  });
});
