import { schemaIssues, type IssueKind } from '../../schema/validate';
import type { Resource } from '../../model/resource';
import type { RuleContext } from '../types';

/** Reports the schema issues of one kind, unless schema checks are switched off. */
export function reportIssues(res: Resource, ctx: RuleContext, kind: IssueKind): void {
  if (!ctx.settings.schemaEnable) return;
  if (kind === 'required' && possiblyPartial(res, ctx)) return;
  for (const i of schemaIssues(res)) {
    if (i.kind === kind) ctx.report(i.node, i.message, i.fix ? { fix: i.fix } : undefined);
  }
}

const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/**
 * Whether a resource may be a partial object: marked as a kustomize patch (`isPatch`, set by
 * the kustomize model), named by a kustomization file in its folder or up to three folders
 * above it (a patch, a component's patch, a replacement source), or, in a kustomize tree, of
 * the same kind and name as another object (an overlay's copy). Such documents get no
 * required-field checks.
 */
export function possiblyPartial(res: Resource, ctx: RuleContext): boolean {
  if ((res as { isPatch?: boolean }).isPatch === true) return true;
  const parts = res.uri.split('/');
  let inKustomizeTree = false;
  for (let up = 1; up <= 4 && parts.length - up > 0; up++) {
    const dir = parts.slice(0, parts.length - up).join('/');
    const rel = parts.slice(parts.length - up).join('/');
    for (const n of KUSTOMIZATION_NAMES) {
      const k = ctx.q.ws.file(`${dir}/${n}`);
      if (!k) continue;
      inKustomizeTree = true;
      if (k.text.includes(rel)) return true;
    }
  }
  // In a kustomize tree, a second object with the identity of another one is an overlay.
  return inKustomizeTree && res.name !== undefined && ctx.q.named(res.kind, res.name).length > 1;
}

export const SCHEMA_SOURCE =
  'Kubernetes OpenAPI (bundled from @kubernetes/client-node and kubernetes-models, see scripts/gen-schema.mjs); kubectl strict field validation (default since 1.27)';
