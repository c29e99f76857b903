/**
 * kubeStateful.kustomize.render: in a trusted workspace, each top-level kustomize build is
 * rendered with the real kustomize (host/render.ts) and its output replaces the model's objects
 * for hover, the tree and the build checks. One build at a time, again only after its files
 * changed; output that is stale by the time it arrives (a file changed meanwhile) is dropped.
 * Nothing runs unless the setting is on and the client said the workspace is trusted.
 */
import { parseAllDocuments } from 'yaml';
import type { Workspace } from '../core/model/workspace';
import type { Build } from '../core/kustomize/build';
import { KustomizeIndex } from '../core/kustomize';
import { renderKustomization, RenderOptions, RenderResult } from '../host/render';
import { uriToPath } from '../host/scan';

export interface BuildRendererOptions {
  /** The setting, read at each pass. */
  enabled(): boolean;
  /** Workspace trust as the client reported it (absent: untrusted). */
  trusted(): boolean;
  /** Called after a rendered output was taken (re-publish, refresh the tree). */
  onRendered(): void;
  log(message: string): void;
  render?: (dir: string, opts: RenderOptions) => Promise<RenderResult>;
}

export class BuildRenderer {
  private running = false;
  private again = false;
  private readonly tried = new WeakSet<Build>();
  private abort: AbortController | undefined;
  /** How many times the renderer was run (for tests). */
  runs = 0;

  constructor(
    private readonly ws: Workspace,
    private readonly opts: BuildRendererOptions,
  ) {}

  /** Render the builds whose current model has not been rendered yet (in the background). */
  schedule(): void {
    if (!this.opts.enabled() || !this.opts.trusted()) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void this.pass().finally(() => {
      this.running = false;
      if (this.again) {
        this.again = false;
        this.schedule();
      }
    });
  }

  dispose(): void {
    this.abort?.abort();
  }

  private async pass(): Promise<void> {
    let taken = 0;
    for (const k of [...this.ws.kustomize.roots()]) {
      if (!this.opts.enabled() || !this.opts.trusted()) break;
      this.ws.kustomize.buildsOf(this.ws.fileAccess);
      const model = this.ws.kustomize.modelOf(k.uri);
      const dir = uriToPath(KustomizeIndex.dir(k.uri));
      if (!model || !dir || this.tried.has(model)) continue;
      this.tried.add(model);
      this.abort = new AbortController();
      this.runs++;
      const r = await (this.opts.render ?? renderKustomization)(dir, {
        signal: this.abort.signal,
        timeoutMs: 20_000,
        maxBytes: 16 * 1024 * 1024,
      });
      if (!r.ok) {
        this.opts.log(`kustomize render of ${dir}: ${r.error}`);
        continue;
      }
      let printed: unknown[];
      try {
        printed = parseAllDocuments(r.text)
          .map((d) => ('toJS' in d && d.errors.length === 0 ? d.toJS({ maxAliasCount: 100 }) : undefined))
          .filter((x) => x !== undefined && x !== null);
      } catch (e) {
        this.opts.log(`kustomize render of ${dir}: unreadable output (${(e as Error).message})`);
        continue;
      }
      // Files may have changed while it ran: the output then belongs to an older model and is dropped.
      this.ws.kustomize.buildsOf(this.ws.fileAccess);
      if (this.ws.setRenderedBuild(k.uri, model, printed)) {
        taken++;
        this.opts.log(`rendered ${dir} with ${r.renderer}: ${printed.length} objects`);
      }
    }
    if (taken) this.opts.onRendered();
  }
}
