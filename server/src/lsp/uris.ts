/**
 * Document URIs from the client, made canonical with vscode-uri (the URI code VS Code itself
 * uses): `file:///a/%61.yaml` and `file:///a/a.yaml` name one document, a query or fragment
 * is kept, and an invalid URI is reported instead of thrown.
 *
 * The model is keyed by the canonical form; diagnostics go to the URI the client opened the
 * document with, so a client that spells a URI its own way still gets them.
 */
import { URI } from 'vscode-uri';

/** The canonical spelling of a URI, or undefined when it is not a valid URI. */
export function canonicalUri(raw: unknown): string | undefined {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 32768) return undefined;
  try {
    return URI.parse(raw, true).toString();
  } catch {
    return undefined;
  }
}

/** Open documents: the client spellings of each canonical URI (several when a client opens aliases). */
export class OpenUris {
  private readonly spellings = new Map<string, string[]>();

  /** Record an open; returns the canonical key. */
  open(key: string, raw: string): void {
    const l = this.spellings.get(key) ?? [];
    if (!l.includes(raw)) l.push(raw);
    this.spellings.set(key, l);
  }

  /** Record a close; true when no spelling of the document is open any more. */
  close(key: string, raw: string): boolean {
    const l = this.spellings.get(key);
    if (!l) return true;
    const i = l.indexOf(raw);
    if (i >= 0) l.splice(i, 1);
    if (l.length === 0) {
      this.spellings.delete(key);
      return true;
    }
    return false;
  }

  /** The URIs to publish a canonical URI's diagnostics under. */
  publishUris(key: string): readonly string[] {
    return this.spellings.get(key) ?? [key];
  }
}
