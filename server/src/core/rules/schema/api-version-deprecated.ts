import { deprecatedApi } from '../../schema/removed';
import { schemaVersion } from '../../schema/schema';
import type { ResourceRule } from '../types';

export const apiVersionDeprecated: ResourceRule = {
  code: 'api-version-deprecated',
  severity: 'warning',
  title: 'apiVersion still served by the target release but deprecated, with its removal release',
  source:
    'Kubernetes deprecated API migration guide (kubernetes.io/docs/reference/using-api/deprecation-guide); table in server/src/core/schema/removed.ts',
  docs: `The target release (\`kubeStateful.kubernetesVersion\`; default: the release of the bundled schema)
still serves this apiVersion, but it is deprecated: its replacement is available, \`kubectl apply\`
prints the API server's deprecation warning, and a later release (named in the message) stops serving
it, after which the manifest is rejected (\`api-version-removed\`).

With the default target (the newest bundled release) every version of the migration guide is already
removed; this rule matters when the setting names an older cluster, e.g. \`batch/v1beta1\` CronJob on
1.21–1.24.

**Fix:** change \`apiVersion\` to the replacement. Where the guide lists no notable changes between the
two versions, a quick fix does it; otherwise adapt the fields named in the message.`,
  bad: '# kubeStateful.kubernetesVersion: "1.24"\napiVersion: batch/v1beta1\nkind: CronJob',
  good: 'apiVersion: batch/v1\nkind: CronJob',
  kinds: '*',
  check(res, ctx) {
    if (!ctx.settings.schemaEnable) return;
    const target = ctx.settings.kubernetesVersion || schemaVersion();
    const r = deprecatedApi(res.apiVersion, res.kind, target);
    if (!r) return;
    const served = r.replacement && r.since ? ` (served since ${r.since})` : '';
    const fixable = !!r.replacement && !!r.dropIn;
    ctx.report(
      res.at('apiVersion'),
      `${res.kind} ${res.apiVersion} is deprecated: Kubernetes ${target} still serves it, but ${r.removedIn} stops serving it and rejects this manifest.` +
        (r.replacement ? ` Use apiVersion: ${r.replacement}${served}` : ' It has no replacement') +
        (r.note ? ` (${r.note}).` : fixable ? ' (no other change is needed).' : '.'),
      fixable ? { fix: [{ title: `Change to ${r.replacement}`, newText: r.replacement! }] } : undefined,
    );
  },
};
