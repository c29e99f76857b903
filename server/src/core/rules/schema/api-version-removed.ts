import { removedApi } from '../../schema/removed';
import { schemaVersion } from '../../schema/schema';
import type { ResourceRule } from '../types';
import { replaceFix } from '../support';

export const apiVersionRemoved: ResourceRule = {
  code: 'api-version-removed',
  severity: 'error',
  title: 'apiVersion no longer served by Kubernetes (apps/v1beta1, extensions/v1beta1, policy/v1beta1…)',
  source: 'Kubernetes deprecated API migration guide (kubernetes.io/docs/reference/using-api/deprecation-guide)',
  docs: `Beta API versions are removed after their replacement has been stable for a while:
\`apps/v1beta1\`, \`apps/v1beta2\` and \`extensions/v1beta1\` workloads in 1.16, \`extensions/v1beta1\` and
\`networking.k8s.io/v1beta1\` Ingress in 1.22, \`batch/v1beta1\` CronJob and \`policy/v1beta1\` in 1.25,
\`autoscaling/v2beta2\` in 1.26, \`flowcontrol.apiserver.k8s.io/v1beta3\` in 1.32, and more. A cluster of
that release or newer answers \`no matches for kind "StatefulSet" in version "apps/v1beta1"\`.
The target release is the setting \`kubeStateful.kubernetesVersion\` (default: the release of the
bundled schema).

**Fix:** change \`apiVersion\` to the replacement (quick fix) and adapt the fields that changed.`,
  bad: 'apiVersion: apps/v1beta1\nkind: StatefulSet',
  good: 'apiVersion: apps/v1\nkind: StatefulSet',
  kinds: '*',
  check(res, ctx) {
    if (!ctx.settings.schemaEnable) return;
    const target = ctx.settings.kubernetesVersion || schemaVersion();
    const r = removedApi(res.apiVersion, res.kind, target);
    if (!r) return;
    const node = res.at('apiVersion');
    ctx.report(
      node,
      `${res.kind} ${res.apiVersion} was removed in Kubernetes ${r.removedIn}: the API server answers \`no matches for kind "${res.kind}" in version "${res.apiVersion}"\`.` +
        (r.replacement ? ` Use apiVersion: ${r.replacement}` : ' It has no replacement') +
        (r.note ? ` (${r.note}).` : '.'),
      r.replacement ? { fix: [replaceFix(node, r.replacement)] } : undefined,
    );
  },
};
