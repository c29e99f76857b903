import { labelValue, qualifiedName } from '../../k8s/names';
import { asScalar, entries } from '../../yaml/nodes';
import type { ResourceRule } from '../types';

export const svcSelectorInvalid: ResourceRule = {
  code: 'svc-selector-invalid',
  severity: 'error',
  title: 'Service selector with a key or value that is not a valid label',
  source: 'pkg/apis/core/validation ValidateService (ValidateLabels on spec.selector)',
  docs: `\`spec.selector\` of a Service is a map of labels, validated like labels: keys are qualified names
(optional DNS prefix, then at most 63 characters of letters, digits, \`-\`, \`_\`, \`.\`), values at most 63
such characters, starting and ending with a letter or digit. The API server rejects anything else:
\`spec.selector: Invalid value: "my app": a valid label must be an empty string or consist of alphanumeric characters, …\`.
A selector that cannot be a label can never match a pod anyway.

**Fix:** use the exact label key and value of the pods (quote numbers and booleans).`,
  bad: 'selector:\n  app: my app',
  good: 'selector:\n  app: my-app',
  kinds: ['Service'],
  check(res, ctx) {
    if (res.apiVersion !== 'v1') return;
    for (const [k, keyNode, v] of entries(ctx.y, res.at('spec', 'selector'))) {
      const kErr = qualifiedName(k);
      if (kErr.length) ctx.report(keyNode, `spec.selector: Invalid value: ${JSON.stringify(k)}: ${kErr.join('; ')}.`);
      const s = asScalar(ctx.y, v);
      if (!s || typeof s.value !== 'string') continue; // non-strings: schema-type-mismatch
      const vErr = labelValue(s.value);
      if (vErr.length) ctx.report(s, `spec.selector: Invalid value: ${JSON.stringify(s.value)}: ${vErr.join('; ')}.`);
    }
  },
};
