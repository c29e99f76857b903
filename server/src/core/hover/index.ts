import type { Analyzer } from '../analyzer';
import type { Span } from '../findings';

export interface HoverResult {
  /** Markdown. */
  markdown: string;
  /** The hovered node. */
  span: Span;
}

/** Hover for a file offset, or undefined. (Filled in by the hover module.) */
export function hoverAt(analyzer: Analyzer, uri: string, offset: number): HoverResult | undefined {
  void analyzer;
  void uri;
  void offset;
  return undefined;
}
