import type { Finding, Fix, RelatedInfo, Span } from '../findings';
import type { FileModel } from '../model/workspace';
import type { Query } from '../model/query';
import type { Resource } from '../model/resource';
import type { Settings, Severity } from '../settings';
import type { ParsedDoc, YamlDoc } from '../yaml/parse';
import type { YNode } from '../yaml/nodes';

export interface ReportOptions {
  related?: RelatedInfo[];
  fix?: Fix[];
}

export interface RuleContext {
  readonly q: Query;
  readonly settings: Settings;
  /** The YAML document of the resource (or document) being checked. */
  readonly y: YamlDoc;
  /**
   * Report a finding on a node (or an explicit span). The node must be the offending
   * one; when it has no source range, the resource's `kind` value is used instead.
   */
  report(target: YNode | Span | undefined, message: string, opts?: ReportOptions): void;
  /** A span for a node of any resource (for related information). */
  span(res: Resource, node: YNode | undefined): Span;
}

export interface RuleMeta {
  /** Stable code shown with every finding and used in settings (`kubeStateful.rules`). */
  code: string;
  severity: Severity;
  /** One-line summary. */
  title: string;
  /** Markdown for the rule's page: what is wrong, why it matters, how to fix it. */
  docs: string;
  /** Where the semantics come from (Kubernetes source / docs / reference section). */
  source: string;
  /** Examples for the docs page. */
  bad?: string;
  good?: string;
}

/** A rule over one Kubernetes resource of the listed kinds. */
export interface ResourceRule extends RuleMeta {
  kinds: readonly string[] | '*';
  check(res: Resource, ctx: RuleContext): void;
}

/** A rule over one parsed YAML document, Kubernetes or not (syntax). */
export interface DocumentRule extends RuleMeta {
  checkDocument(doc: ParsedDoc, ctx: RuleContext): void;
}

/** A rule over a whole file (size cap, templates). */
export interface FileRule extends RuleMeta {
  checkFile(file: FileModel, report: (doc: ParsedDoc, start: number, end: number, message: string) => void): void;
}

export type Rule = ResourceRule | DocumentRule | FileRule;

export type { Finding };
