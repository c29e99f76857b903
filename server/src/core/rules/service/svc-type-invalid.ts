import { str } from '../../yaml/nodes';
import type { ResourceRule } from '../types';
import { isCoreService, SERVICE_TYPES, serviceType, reportUnsupported } from '../support';

export const svcTypeInvalid: ResourceRule = {
  code: 'svc-type-invalid',
  severity: 'error',
  title: 'Service type is not ClusterIP, NodePort, LoadBalancer or ExternalName',
  source: 'pkg/apis/core/validation ValidateService, supportedServiceType (reference N8)',
  docs: `\`spec.type\` is one of \`ClusterIP\` (the default), \`NodePort\`, \`LoadBalancer\` or \`ExternalName\`,
spelled exactly so. A headless Service is not a type: it is a \`ClusterIP\` Service with
\`clusterIP: None\`. The API server rejects other values:
\`spec.type: Unsupported value: "Foo": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"\`.

**Fix:** use one of the four types (or leave \`type\` out for ClusterIP).`,
  bad: 'spec:\n  type: Headless',
  good: 'spec:\n  type: ClusterIP\n  clusterIP: None',
  kinds: ['Service'],
  check(res, ctx) {
    if (!isCoreService(res)) return;
    const type = serviceType(res);
    if (type === undefined || (SERVICE_TYPES as readonly string[]).includes(type)) return;
    const node = res.at('spec', 'type');
    if (str(ctx.y, node) === undefined) return;
    const headless = /^headless$/i.test(type);
    reportUnsupported(ctx, node, 'spec.type', type, SERVICE_TYPES, {
      note: (s) =>
        headless
          ? 'For a headless Service use `type: ClusterIP` (or leave type out) with `clusterIP: None`.'
          : s
            ? undefined
            : 'Use one of the supported types, or leave type out for ClusterIP.',
      fallback: headless ? 'ClusterIP' : undefined,
    });
  },
};
