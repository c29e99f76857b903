import { isDns1123Label, MAX_STATEFULSET_NAME } from '../../k8s/names';
import { str } from '../../yaml/nodes';
import type { ResourceRule } from '../types';

export const stsNameTooLong: ResourceRule = {
  code: 'sts-name-too-long',
  severity: 'warning',
  title: 'StatefulSet name longer than 52 characters: its pods cannot be created',
  source:
    'kubernetes/kubernetes issue #64023 (open), #79337; pkg/controller/history ControllerRevisionName; reference S2, §2.3',
  docs: `The API server accepts StatefulSet names of up to 63 characters, but the controller labels every pod
with \`controller-revision-hash: <name>-<hash>\`, where the hash has up to 10 characters. A label value may
not exceed 63 characters, so with a name longer than **52** characters pod creation fails with an event like
\`create Pod <name>-0 in StatefulSet <name> failed error: ... metadata.labels: Invalid value: "<name>-58d5fbb889": must be no more than 63 characters\`
(kubernetes/kubernetes#64023). The StatefulSet exists but never gets a running pod.

**Fix:** shorten the name to 52 characters or fewer (52 + '-' + 10 = 63).`,
  bad: 'metadata:\n  name: my-application-with-a-very-long-descriptive-statefulset-name',
  good: 'metadata:\n  name: my-app-db',
  kinds: ['StatefulSet'],
  check(res, ctx) {
    const node = res.at('metadata', 'name');
    const name = str(ctx.y, node);
    // Longer than 63 characters (or otherwise invalid) is sts-name-invalid's error.
    if (!name || name.length <= MAX_STATEFULSET_NAME || !isDns1123Label(name)) return;
    const over = name.length + 11 - 63;
    ctx.report(
      node,
      `StatefulSet name ${JSON.stringify(name)} is ${name.length} characters: the \`controller-revision-hash\` label \`${name}-<hash>\` its pods get (hash up to 10 characters) can be ${name.length + 11} characters, over the 63-character limit, and pod creation then fails (kubernetes#64023). Shorten the name by ${over} character${over === 1 ? '' : 's'}, to at most ${MAX_STATEFULSET_NAME}.`,
    );
  },
};
