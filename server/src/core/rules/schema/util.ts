import { schemaIssues, type IssueKind, type SchemaIssue } from '../../schema/validate';
import { crdIssues, crdSchemaFor } from '../../schema/crd';
import { kindType } from '../../schema/schema';
import type { Resource } from '../../model/resource';
import type { RuleContext } from '../types';

/** Reports the schema issues of one kind, unless schema checks are switched off. */
export function reportIssues(res: Resource, ctx: RuleContext, kind: IssueKind): void {
  if (!ctx.settings.schemaEnable) return;
  if (kind === 'required' && possiblyPartial(res, ctx)) return;
  for (const i of issuesOf(res, ctx)) {
    if (i.kind === kind) ctx.report(i.node, i.message, i.fix ? { fix: i.fix } : undefined);
  }
}

/** Issues from the bundled schema (built-in kinds) or from a workspace CRD (custom resources). */
function issuesOf(res: Resource, ctx: RuleContext): SchemaIssue[] {
  if (kindType(res.apiVersion, res.kind)) return schemaIssues(res);
  const c = crdSchemaFor(res, ctx.q);
  if (!c) return [];
  let byCrd = crdCache.get(res);
  if (!byCrd) crdCache.set(res, (byCrd = new WeakMap()));
  let out = byCrd.get(c.schema);
  if (!out) byCrd.set(c.schema, (out = crdIssues(res, c.schema)));
  return out;
}
const crdCache = new WeakMap<Resource, WeakMap<object, SchemaIssue[]>>();

const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/**
 * Whether a resource may be a partial object: a kustomize patch file (the kustomize model
 * says so), named by a kustomization file in its folder or up to three folders
 * above it (a patch, a component's patch, a replacement source), or, in a kustomize tree, of
 * the same kind and name as another object (an overlay's copy). Such documents get no
 * required-field checks.
 */
export function possiblyPartial(res: Resource, ctx: RuleContext): boolean {
  if (ctx.q.ws.isPatchFile(res.uri)) return true;
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
