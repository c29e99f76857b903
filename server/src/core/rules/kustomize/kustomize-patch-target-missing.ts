import { buildKey, KUSTOMIZE_KEY } from '../../model/workspace';
import type { PatchEntry } from '../../kustomize/spec';
import type { ResourceRule } from '../types';

const same = (a: PatchEntry, b: PatchEntry) => a.from === b.from && a.index === b.index;

export const kustomizePatchTargetMissing: ResourceRule = {
  code: 'kustomize-patch-target-missing',
  severity: 'warning',
  title: 'A kustomize patch matches no object of its build',
  source: 'kustomize v5 PatchTransformer / PatchStrategicMergeTransformer / PatchJson6902Transformer',
  docs: `A patch in a kustomization (\`patches\`, \`patchesStrategicMerge\`, \`patchesJson6902\`) applies to the
objects of that kustomization's resources and components whose kind and name (or \`target\` selector)
match. This patch matches none of them in any build that includes the kustomization: a strategic-merge
patch without \`target\` makes \`kustomize build\` fail (\`no matches for Id …\`); one with a \`target\` changes
nothing. Usually the patch names the object before a \`namePrefix\`, has a typo in \`kind\` or \`name\`, or
the resource was removed.

**Fix:** make the patch's \`kind\`/\`metadata.name\` (or \`target\`) name an object the kustomization
includes, or remove the patch.`,
  bad: 'patches:\n  - path: replicas.yaml   # patches StatefulSet "dbb", the base has "db"',
  good: 'patches:\n  - path: replicas.yaml   # patches StatefulSet "db"',
  kinds: ['Kustomization', 'Component'],
  check(res, ctx) {
    const ws = ctx.q.ws;
    const spec = ws.kustomize.spec(res.uri);
    if (!spec || spec.patches.length === 0) return;
    // Depends on which builds exist (any kustomization edit) and on the builds that apply these patches.
    ctx.q.deps.add(KUSTOMIZE_KEY);
    const uses = ws.kustomize.buildsThatRead(ws.fileAccess, spec.uri).flatMap((b) => {
      ctx.q.deps.add(buildKey(b.uri));
      return b.patchUses.filter((u) => u.kustomization === spec.uri);
    });
    for (const p of spec.patches) {
      const mine = uses.filter((u) => same(u.entry, p));
      // Not built anywhere (an unused component, a cycle), unreadable, or some resources could
      // not be read (remote, missing): nothing to say. A target without a name is a pattern
      // (e.g. "every Deployment"), which may rightly match nothing in some builds.
      if (mine.length === 0 || mine.some((u) => u.matched > 0 || u.failure || u.incomplete)) continue;
      if (p.target && !p.target.name) continue;
      const entry = res.at(p.from, p.index);
      const node =
        (p.target ? res.at(p.from, p.index, 'target') : p.path ? res.at(p.from, p.index, 'path') : undefined) ?? entry;
      const what = p.path ? `Patch \`${p.path}\`` : 'This inline patch';
      const effect = p.target
        ? 'its `target` selects nothing, so it changes nothing'
        : "`kustomize build` fails (no matches for the patch's kind and name)";
      ctx.report(
        node,
        `${what} matches no object of this kustomization's resources: ${effect}. Make its kind and \`metadata.name\`${p.target ? ' (or `target`)' : ''} name an object the kustomization includes, or remove the patch.`,
      );
    }
  },
};
