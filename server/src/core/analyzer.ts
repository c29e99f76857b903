import type { Finding, Span } from './findings';
import { Query } from './model/query';
import type { Resource } from './model/resource';
import type { FileModel, Workspace } from './model/workspace';
import { ALL_RULES } from './rules/all';
import { PATCH_RULE_CODES } from './kustomize/patch-rules';
import type { DocumentRule, FileRule, ReportOptions, ResourceRule, Rule, RuleContext } from './rules/types';
import type { Settings, Severity } from './settings';
import type { ParsedDoc, YamlDoc } from './yaml/parse';
import { isUnknown, PLACEHOLDER, YNode } from './yaml/nodes';
import { spanOf } from './findings';
import { BuiltFindings, overlaps } from './kustomize/built-findings';
import { CROSS_RULES } from './rules/cross';

/** Re-exported for callers that still import it from here; it lives with `Finding`. */
export { spanOf };

/** The shared empty list of cached results (never mutated). */
const NONE: never[] = [];

interface CacheEntry {
  revision: number;
  deps: string[];
  findings: Finding[];
}

/** The result of a rule that found nothing and looked nothing up: valid for good (shared). */
const EMPTY_RESULT: CacheEntry = Object.freeze({ revision: 0, deps: NONE, findings: NONE });

export function isResourceRule(r: Rule): r is ResourceRule {
  return 'check' in r;
}
export function isDocumentRule(r: Rule): r is DocumentRule {
  return 'checkDocument' in r;
}
export function isFileRule(r: Rule): r is FileRule {
  return 'checkFile' in r;
}

/** The rest of the line after `key:` when `end` is the end of a mapping key, else ''. */
function valueAfterKey(text: string, end: number): string {
  const m = /^[ \t]*:[ \t]+([^\n]*)/.exec(text.slice(end, end + 512));
  return m ? m[1] : '';
}

function isSpan(t: unknown): t is Span {
  return !!t && typeof t === 'object' && 'doc' in t && 'start' in t && 'end' in t;
}

/**
 * Schema findings (`schema-*`) on a node that a more specific rule already reports on are
 * dropped: the specific rule has the richer message.
 */
function dropCovered(out: Finding[]): Finding[] {
  if (!out.some((f) => f.code.startsWith('schema-'))) return out;
  const specific = out.filter((f) => !f.code.startsWith('schema-'));
  if (!specific.length) return out;
  return out.filter(
    (f) =>
      !f.code.startsWith('schema-') ||
      !specific.some((g) => g.span.doc === f.span.doc && g.span.start < f.span.end && f.span.start < g.span.end),
  );
}

/** What one rule evaluation sees (a class: one allocation per evaluation, no closures). */
class Context implements RuleContext {
  readonly y: YamlDoc;
  constructor(
    readonly q: Query,
    readonly settings: Settings,
    private readonly doc: ParsedDoc,
    private readonly res: Resource | undefined,
    private readonly code: string,
    private readonly severity: Severity,
    private readonly out: Finding[],
  ) {
    this.y = doc.yaml;
  }

  report(target: YNode | Span | undefined, message: string, opts?: ReportOptions): void {
    const doc = this.doc;
    // A placeholder (`${VAR}`, `{{ … }}`) is an unknown value: nothing can be said about it.
    if (!isSpan(target) && isUnknown(doc.yaml, target)) return;
    const span = isSpan(target) ? target : spanOf(doc, target as YNode | undefined, this.res);
    if (PLACEHOLDER.test(span.doc.text.slice(span.start, span.end))) return;
    // A finding on a key whose value is a placeholder (`resources: ${RES}`), or whose
    // evidence (related information) is one, is about an unknown value too.
    if (PLACEHOLDER.test(valueAfterKey(span.doc.text, span.end))) return;
    if (opts?.related?.some((r) => PLACEHOLDER.test(r.span.doc.text.slice(r.span.start, r.span.end)))) return;
    const f: Finding = { code: this.code, severity: this.severity, message, span };
    if (opts?.related?.length) f.related = opts.related;
    if (opts?.fix?.length) f.fix = opts.fix;
    this.out.push(f);
  }

  span(r: Resource, node: YNode | undefined): Span {
    return spanOf(r.doc, node, r);
  }
}

/**
 * Runs the rules over the workspace model. Results are cached per resource and rule,
 * together with the workspace lookups the rule made: after an edit only results whose
 * resource changed, or whose lookups could now answer differently, are computed again.
 */
export class Analyzer {
  private readonly byKind = new Map<string, ResourceRule[]>();
  private readonly anyKind: ResourceRule[] = [];
  private readonly docRules: DocumentRule[] = [];
  private readonly fileRules: FileRule[] = [];
  private cache = new WeakMap<Resource, Map<string, CacheEntry>>();
  private docCache = new WeakMap<ParsedDoc, Finding[]>();
  private settingsRevision = -1;
  private readonly plans = new Map<string, { rule: ResourceRule; severity: Severity }[]>();
  /** Rule failures (bugs) seen; the analysis goes on without the failing rule's result. */
  readonly failures: { code: string; error: string }[] = [];
  /** How many rule evaluations ran (not served from cache) since creation; for tests and benchmarks. */
  evaluations = 0;

  constructor(
    readonly ws: Workspace,
    readonly rules: readonly Rule[] = ALL_RULES,
  ) {
    for (const r of rules) {
      if (isResourceRule(r)) {
        if (r.kinds === '*') this.anyKind.push(r);
        else
          for (const k of r.kinds) {
            const l = this.byKind.get(k);
            if (l) l.push(r);
            else this.byKind.set(k, [r]);
          }
      } else if (isDocumentRule(r)) this.docRules.push(r);
      else if (isFileRule(r)) this.fileRules.push(r);
    }
  }

  severityOf(rule: Rule): Severity | 'off' {
    return this.ws.settings.rules[rule.code] ?? rule.severity;
  }

  private checkSettings(): void {
    if (this.settingsRevision !== this.ws.settingsRevision) {
      this.cache = new WeakMap();
      this.docCache = new WeakMap();
      this.plans.clear();
      this.compacted.clear();
      this.memo.clear();
      this.settingsRevision = this.ws.settingsRevision;
    }
  }

  /** The rules that run on a kind with the current settings (switched-off rules left out), with their severities. */
  private plan(kind: string, patch: boolean): { rule: ResourceRule; severity: Severity }[] {
    const key = patch ? `${kind}\u0000patch` : kind;
    let p = this.plans.get(key);
    if (!p) {
      const rules = this.byKind.get(kind);
      const all = rules ? [...rules, ...this.anyKind] : this.anyKind;
      p = [];
      for (const rule of all) {
        const severity = this.severityOf(rule);
        // A kustomize patch states only what it changes: only rules about the values it sets apply.
        if (severity !== 'off' && (!patch || PATCH_RULE_CODES.has(rule.code))) p.push({ rule, severity });
      }
      this.plans.set(key, p);
    }
    return p;
  }

  private context(rule: Rule, doc: ParsedDoc, res: Resource | undefined, out: Finding[], q: Query): RuleContext {
    return new Context(q, this.ws.settings, doc, res, rule.code, this.severityOf(rule) as Severity, out);
  }

  private run(rule: Rule, fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.failures.push({ code: rule.code, error: (e as Error)?.stack ?? String(e) });
    }
  }

  private docFindings(doc: ParsedDoc): Finding[] {
    let f = this.docCache.get(doc);
    if (f) return f;
    f = [];
    const q = new Query(this.ws);
    for (const rule of this.docRules) {
      if (this.severityOf(rule) === 'off') continue;
      const ctx = this.context(rule, doc, undefined, f, q);
      this.run(rule, () => rule.checkDocument(doc, ctx));
    }
    this.docCache.set(doc, f);
    return f;
  }

  /** Findings of every rule for one resource (cached). */
  resourceFindings(res: Resource): Finding[] {
    this.checkSettings();
    let entries = this.cache.get(res);
    if (!entries) this.cache.set(res, (entries = new Map()));
    const out: Finding[] = [];
    // A document that failed to parse gets its syntax error only: its structure is a guess.
    if (res.doc.broken) return out;
    for (const { rule, severity } of this.plan(res.kind, this.ws.isPatchFile(res.uri))) {
      const e = entries.get(rule.code);
      if (e && (e.deps.length === 0 || Query.valid(this.ws, e.deps, e.revision))) {
        for (const f of e.findings) out.push(f);
        continue;
      }
      this.evaluations++;
      const found: Finding[] = [];
      const q = new Query(this.ws);
      const ctx = new Context(q, this.ws.settings, res.doc, res, rule.code, severity, found);
      try {
        rule.check(res, ctx);
      } catch (e) {
        this.failures.push({ code: rule.code, error: (e as Error)?.stack ?? String(e) });
      }
      // Most results are empty and most dependency keys repeat: share them (memory at scale).
      if (!q.hasDeps && !found.length) entries.set(rule.code, EMPTY_RESULT);
      else
        entries.set(rule.code, {
          revision: this.ws.revision,
          deps: q.hasDeps ? [...q.deps].map((d) => this.intern(d)) : NONE,
          findings: found.length ? found : NONE,
        });
      for (const f of found) out.push(f);
    }
    return dropCovered(out);
  }

  private readonly interned = new Map<string, string>();

  private intern(key: string): string {
    const v = this.interned.get(key);
    if (v !== undefined) return v;
    this.interned.set(key, key);
    return key;
  }

  /**
   * Closed files, compacted (see {@link fileFindings}'s `compact`): the file's findings and the
   * union of the dependency keys of its rule results, instead of one cache entry per resource
   * and rule. Valid while the file model is the same and no key changed.
   */
  private compacted = new Map<
    string,
    { file: FileModel; patch: boolean; revision: number; settings: number; deps: string[]; findings: Finding[] }
  >();

  /**
   * Every finding for a file, in source order.
   *
   * `compact` (for files that are not open, once their diagnostics are published): keep the
   * result as one entry per file (its findings and the dependency keys they were computed
   * from) and drop the per-resource, per-rule results. When a key changes, every rule of the
   * file runs again; an open file keeps the per-rule cache, so that an edit redoes only what
   * it touched.
   */
  fileFindings(uri: string, compact = false): Finding[] {
    this.checkSettings();
    const file = this.ws.file(uri);
    if (!file) {
      this.compacted.delete(uri);
      this.memo.delete(uri);
      return [];
    }
    const c = this.compacted.get(uri);
    if (c) {
      if (
        c.file === file &&
        c.settings === this.settingsRevision &&
        c.patch === this.ws.isPatchFile(uri) &&
        Query.valid(this.ws, c.deps, c.revision)
      )
        return [...c.findings];
      this.compacted.delete(uri);
    }
    const patch = this.ws.isPatchFile(uri);
    const inBuilds = this.inBuilds(uri);
    const built = inBuilds ? this.builtFor(uri) : NONE;
    if (!compact) {
      const m = this.memo.get(uri);
      if (
        m &&
        m.file === file &&
        m.settings === this.settingsRevision &&
        m.patch === patch &&
        m.built === built &&
        Query.valid(this.ws, m.deps, m.revision)
      )
        return [...m.findings];
    }
    const out = this.computeFileFindings(file, built);
    // A file that kustomize builds read also gets the builds' findings, which the per-rule
    // dependency keys do not cover: it keeps the per-rule cache.
    if (compact && !inBuilds) {
      this.memo.delete(uri);
      const deps = new Set<string>();
      for (const res of file.resources) {
        const entries = this.cache.get(res);
        if (entries) for (const e of entries.values()) for (const d of e.deps) deps.add(d);
        this.cache.delete(res);
      }
      this.compacted.set(uri, {
        file,
        patch: this.ws.isPatchFile(uri),
        revision: this.ws.revision,
        settings: this.settingsRevision,
        deps: [...deps],
        findings: out,
      });
      return [...out];
    }
    // The whole file's result, valid while no dependency key of its rules' results changed (an
    // edit elsewhere re-checks it with one pass over those keys instead of one per rule).
    const deps = new Set<string>();
    for (const res of file.resources) {
      const entries = this.cache.get(res);
      if (entries) for (const e of entries.values()) for (const d of e.deps) deps.add(d);
    }
    this.memo.set(uri, {
      file,
      patch,
      built,
      revision: this.ws.revision,
      settings: this.settingsRevision,
      deps: deps.size ? [...deps] : NONE,
      findings: out.length ? out : NONE,
    });
    return [...out];
  }

  /** Per file (not compacted): the last result of {@link fileFindings}, with what it was computed from. */
  private readonly memo = new Map<
    string,
    {
      file: FileModel;
      patch: boolean;
      built: readonly Finding[];
      revision: number;
      settings: number;
      deps: string[];
      findings: Finding[];
    }
  >();

  /** Forget a file's compacted result (it was deleted, or it is open now and edits want the per-rule cache). */
  forget(uri: string): void {
    this.compacted.delete(uri);
    this.memo.delete(uri);
  }

  /** The kustomize builds' findings located in a file (the same list while they are unchanged). */
  private builtFor(uri: string): readonly Finding[] {
    try {
      return this.builtFindings().findingsFor(uri);
    } catch (e) {
      this.failures.push({ code: 'kustomize-build-checks', error: (e as Error)?.stack ?? String(e) });
      return NONE;
    }
  }

  private computeFileFindings(file: FileModel, built: readonly Finding[]): Finding[] {
    const out: Finding[] = [];
    for (const rule of this.fileRules) {
      const sev = this.severityOf(rule);
      if (sev === 'off') continue;
      this.run(rule, () =>
        rule.checkFile(file, (doc, start, end, message) =>
          out.push({ code: rule.code, severity: sev, message, span: { doc, start, end } }),
        ),
      );
    }
    for (const doc of file.docs) for (const f of this.docFindings(doc)) out.push(f);
    for (const res of file.resources) for (const f of this.resourceFindings(res)) out.push(f);
    // Cross-resource problems that a kustomize build introduces (once per place, builds named).
    if (built.length) {
      const own = out.slice();
      for (const f of built) if (!own.some((g) => g.code === f.code && overlaps(g.span, f.span))) out.push(f);
    }
    out.sort((a, b) => a.span.doc.base + a.span.start - (b.span.doc.base + b.span.start) || (a.code < b.code ? -1 : 1));
    return out;
  }

  private inBuilds(uri: string): boolean {
    return this.ws.kustomize.size > 0 && this.ws.kustomize.mentions(uri);
  }

  private built: BuiltFindings | undefined;

  /** The build checks, once a file needed them (for tests and benchmarks). */
  get buildChecks(): BuiltFindings | undefined {
    return this.built;
  }

  private builtFindings(): BuiltFindings {
    if (!this.built) {
      const codes = new Set(this.rules.map((r) => r.code));
      const cross = CROSS_RULES.filter((r) => codes.has(r.code));
      this.built = new BuiltFindings(this.ws, (vws) => new Analyzer(vws, cross));
    }
    return this.built;
  }

  /** The file model, for callers that convert spans to positions. */
  file(uri: string): FileModel | undefined {
    return this.ws.file(uri);
  }
}
