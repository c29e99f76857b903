import { isMap } from '../../yaml/predicates';
import type { Resource } from '../../model/resource';
import { asScalar, child, isNullish, keyNode, YNode } from '../../yaml/nodes';
import type { ResourceRule, RuleContext } from '../types';
import { checkEnumField, checkNonNegativeInt32, INT32_MAX, invalidMessage, scalarKind, sourceText } from '../support';

const PERCENT = /^[0-9]+%$/;
const MSG_PERCENT =
  "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

/** validateRollingUpdateStatefulSet's maxUnavailable checks (ValidatePositiveIntOrPercent, cannot be 0, ≤ 100%). */
function checkMaxUnavailable(ctx: RuleContext, res: Resource, node: YNode | undefined): void {
  const field = 'spec.updateStrategy.rollingUpdate.maxUnavailable';
  const kind = scalarKind(ctx, node);
  if (kind === 'null' || kind === undefined) return;
  const value = asScalar(ctx.y, node)!.value;
  const text = sourceText(res, node) ?? String(value);
  const report = (detail: string, fixText?: string) =>
    ctx.report(
      node,
      invalidMessage(field, kind === 'string' ? JSON.stringify(value) : text, detail),
      fixText ? { fix: [{ title: `Change to ${fixText}`, newText: fixText }] } : undefined,
    );
  if (kind === 'boolean')
    return report(
      'must be an integer or a percentage string (e.g. 1 or "25%"); the API rejects the object. Use a positive number of pods or a percentage.',
    );
  if (kind === 'number') {
    const n = Number(value);
    if (!Number.isInteger(n) || n > INT32_MAX)
      return report(
        'must be a whole number of pods (an int32) or a percentage string such as "25%"; the API rejects the object.',
      );
    if (n < 0) return report('must be greater than or equal to 0; the API rejects the object. Use at least 1.', '1');
    if (n === 0)
      return report(
        'cannot be 0 (the rollout could never replace a pod); the API rejects the object. Use at least 1.',
        '1',
      );
    return;
  }
  const s = value as string;
  if (!PERCENT.test(s)) {
    const asInt = /^\d+$/.test(s.trim()) && Number(s) > 0 ? String(Number(s)) : undefined;
    return report(
      `${MSG_PERCENT}. ${asInt ? `A quoted number is a string to the API: write ${asInt} without quotes for a number of pods, or "${asInt}%" for a percentage.` : 'Use a number of pods (e.g. 1) or a percentage such as "25%".'}`,
      asInt,
    );
  }
  const pct = Number(s.slice(0, -1));
  if (pct === 0)
    return report(
      'cannot be 0 (the rollout could never replace a pod); the API rejects the object. Use at least "1%" or 1.',
      '1',
    );
  if (pct > 100)
    return report(
      'must not be greater than 100%; the API rejects the object. Use a percentage up to "100%".',
      '"100%"',
    );
}

export const stsUpdateStrategyInvalid: ResourceRule = {
  code: 'sts-update-strategy-invalid',
  severity: 'error',
  title: 'StatefulSet updateStrategy is invalid',
  source:
    'pkg/apis/apps/validation ValidateStatefulSetSpec, validateRollingUpdateStatefulSet, ValidatePositiveIntOrPercent, IsNotMoreThan100Percent; reference S9–S12',
  docs: `\`spec.updateStrategy\` is checked by the API server:
- \`type\` is \`RollingUpdate\` (the default) or \`OnDelete\`: \`spec.updateStrategy: Invalid value: …: must be 'RollingUpdate' or 'OnDelete'\`;
- \`rollingUpdate\` is only allowed with \`RollingUpdate\`: \`…rollingUpdate: Invalid value: …: only allowed for updateStrategy 'RollingUpdate'\`;
- \`rollingUpdate.partition\` is an integer ≥ 0;
- \`rollingUpdate.maxUnavailable\` is an integer ≥ 1 or a percentage string \`"N%"\` from \`"1%"\` to \`"100%"\`:
  \`cannot be 0\`, \`must not be greater than 100%\`, or \`a valid percent string must be a numeric string followed by an ending '%'\`
  (a quoted number like \`"2"\` is such a string). Clusters before v1.35 drop \`maxUnavailable\` unless the
  MaxUnavailableStatefulSet feature gate is on.

**Fix:** correct the value the message names.`,
  bad: 'updateStrategy:\n  type: OnDelete\n  rollingUpdate:\n    maxUnavailable: 0',
  good: 'updateStrategy:\n  type: RollingUpdate\n  rollingUpdate:\n    partition: 0\n    maxUnavailable: 1',
  kinds: ['StatefulSet'],
  check(res, ctx) {
    const us = res.at('spec', 'updateStrategy');
    if (!isMap(us)) return;
    const typeNode = child(ctx.y, us, 'type');
    const declared = checkEnumField(ctx, typeNode, 'spec.updateStrategy.type', ['RollingUpdate', 'OnDelete'], {
      allowEmpty: true,
      nonString: true,
      invalid: "must be 'RollingUpdate' or 'OnDelete'",
    });
    const typeKind = scalarKind(ctx, typeNode);
    if (typeKind !== 'null' && declared === undefined) return; // invalid type: reported above
    const type = declared || 'RollingUpdate';
    const ru = child(ctx.y, us, 'rollingUpdate');
    if (ru === undefined || isNullish(ctx.y, ru)) return;
    if (type === 'OnDelete') {
      ctx.report(
        keyNode(ctx.y, us, 'rollingUpdate'),
        "`spec.updateStrategy.rollingUpdate` is set, but the type is `OnDelete`: only allowed for updateStrategy 'RollingUpdate'; the API server rejects the object. Remove `rollingUpdate`, or set `type: RollingUpdate`.",
      );
      return;
    }
    if (!isMap(ru)) return;
    checkNonNegativeInt32(ctx, res, child(ctx.y, ru, 'partition'), 'spec.updateStrategy.rollingUpdate.partition');
    checkMaxUnavailable(ctx, res, child(ctx.y, ru, 'maxUnavailable'));
  },
};
