import { isMap, isSeq } from '../../yaml/predicates';
import type { Resource } from '../../model/resource';
import { asScalar, child, isNullish, items, keyNode, YNode } from '../../yaml/nodes';
import type { ResourceRule, RuleContext } from '../types';
import {
  checkLabelKey,
  checkLabelMap,
  checkLabelValueNode,
  reportNotString,
  reportUnsupported,
  scalarKind,
  shown,
  sourceText,
} from '../support';

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'] as const;

function checkRequirement(ctx: RuleContext, res: Resource, expr: YNode, path: string): void {
  const y = ctx.y;
  const keyVal = child(y, expr, 'key');
  const keyKind = scalarKind(ctx, keyVal);
  if (keyKind === 'null')
    ctx.report(
      expr,
      `\`${path}\` has no \`key\`: name part must be non-empty. Add the label key the expression tests.`,
    );
  else if (keyKind === 'string') checkLabelKey(ctx, keyVal, asScalar(y, keyVal)!.value as string, `\`${path}.key\``);
  else if (keyKind) reportNotString(ctx, res, keyVal!, `\`${path}.key\``);

  const opNode = child(y, expr, 'operator');
  const opKind = scalarKind(ctx, opNode);
  const op = opKind === 'string' ? (asScalar(y, opNode)!.value as string) : undefined;
  if (opKind === 'null') {
    ctx.report(
      expr,
      `\`${path}\` has no \`operator\`: not a valid selector operator. Add \`operator: In\`, \`NotIn\`, \`Exists\` or \`DoesNotExist\`.`,
    );
  } else if (opKind && !OPERATORS.includes(op as (typeof OPERATORS)[number])) {
    const text = op ?? sourceText(res, opNode) ?? '';
    const note = (s: string | undefined) => (s ? `Operators are case-sensitive: use \`${s}\`.` : undefined);
    reportUnsupported(
      ctx,
      opNode,
      `${path}.operator`,
      text,
      OPERATORS,
      { invalid: 'not a valid selector operator', note },
      shown(res, opNode),
    );
  }

  const valuesNode = child(y, expr, 'values');
  if (valuesNode !== undefined && !isNullish(y, valuesNode) && !isSeq(valuesNode)) {
    const text = sourceText(res, valuesNode);
    const scalar = !!asScalar(y, valuesNode);
    ctx.report(
      valuesNode,
      `\`${path}.values\` must be a list of strings, not ${scalar ? shown(res, valuesNode) : 'a map'}; the API rejects the object.${scalar ? ` Write \`values: [${text}]\`.` : ''}`,
      scalar && text ? { fix: [{ title: 'Make it a list', newText: `[${text}]` }] } : undefined,
    );
    return;
  }
  const values = items(y, valuesNode);
  if ((op === 'In' || op === 'NotIn') && values.length === 0) {
    ctx.report(
      (isNullish(y, valuesNode) ? keyNode(y, expr, 'values') : valuesNode) ?? opNode,
      `\`${path}.values\`: Required value: must be specified when \`operator\` is 'In' or 'NotIn'. Add \`values: [...]\` with at least one label value${op === 'In' ? ', or use `Exists`' : ', or use `DoesNotExist`'}.`,
    );
  }
  if ((op === 'Exists' || op === 'DoesNotExist') && values.length > 0) {
    ctx.report(
      keyNode(y, expr, 'values'),
      `\`${path}.values\`: Forbidden: may not be specified when \`operator\` is 'Exists' or 'DoesNotExist'. Remove \`values\`${op === 'Exists' ? ', or use `In` to test for those values' : ', or use `NotIn`'}.`,
    );
  }
  values.forEach((v, i) => checkLabelValueNode(ctx, res, v, `\`${path}.values[${i}]\``));
}

/** Checks a metav1.LabelSelector node (strict: AllowInvalidLabelValueInSelector false, as on create). */
export function checkLabelSelector(ctx: RuleContext, res: Resource, sel: YNode | undefined, path: string): void {
  if (!isMap(sel)) return;
  checkLabelMap(ctx, res, child(ctx.y, sel, 'matchLabels'), `${path}.matchLabels`);
  items(ctx.y, child(ctx.y, sel, 'matchExpressions')).forEach((e, i) => {
    if (isMap(e)) checkRequirement(ctx, res, e, `${path}.matchExpressions[${i}]`);
  });
}

export const selectorInvalid: ResourceRule = {
  code: 'selector-invalid',
  severity: 'error',
  title: 'Label selector syntax is invalid',
  source:
    'apimachinery pkg/apis/meta/v1/validation ValidateLabelSelector, ValidateLabelSelectorRequirement; reference S5, §2.1',
  docs: `A label selector (\`spec.selector\` of a StatefulSet, Deployment, ReplicaSet, DaemonSet, Job or
PersistentVolumeClaim, and of StatefulSet claim templates) is validated strictly:
- \`matchLabels\` keys are qualified names (\`[prefix/]name\`) and values are label values (≤ 63 characters of
  letters, digits, '-', '_', '.'; strings, so quote numbers and booleans);
- \`matchExpressions[].operator\` is one of \`In\`, \`NotIn\`, \`Exists\`, \`DoesNotExist\` (case-sensitive);
- \`In\`/\`NotIn\` need a non-empty \`values\` list; \`Exists\`/\`DoesNotExist\` forbid \`values\`.

The API server rejects the object, e.g.
\`spec.selector.matchExpressions[0].values: Required value: must be specified when \`operator\` is 'In' or 'NotIn'\`.

**Fix:** correct the key, value or operator the message names.`,
  bad: 'selector:\n  matchExpressions:\n    - {key: app, operator: in, values: [web]}\n    - {key: tier, operator: Exists, values: [db]}',
  good: 'selector:\n  matchExpressions:\n    - {key: app, operator: In, values: [web]}\n    - {key: tier, operator: Exists}',
  kinds: ['StatefulSet', 'Deployment', 'ReplicaSet', 'DaemonSet', 'Job', 'PersistentVolumeClaim'],
  check(res, ctx) {
    checkLabelSelector(ctx, res, res.at('spec', 'selector'), 'spec.selector');
    if (res.kind !== 'StatefulSet') return;
    items(ctx.y, res.at('spec', 'volumeClaimTemplates')).forEach((t, i) =>
      checkLabelSelector(
        ctx,
        res,
        child(ctx.y, child(ctx.y, t, 'spec'), 'selector'),
        `spec.volumeClaimTemplates[${i}].spec.selector`,
      ),
    );
  },
};
