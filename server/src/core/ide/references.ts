/**
 * Find all references and rename, over the reference index (ide/sites.ts).
 * Pure core: results are spans; the LSP layer turns them into locations and edits.
 */
import type { Span } from '../findings';
import { dns1035Label, dns1123Label, dns1123Subdomain } from '../k8s/names';
import { claimTemplates } from '../model/claims';
import { statefulSetIdentity } from '../model/identity';
import type { Workspace } from '../model/workspace';
import type { Resource } from '../model/resource';
import { Site, siteAt, sitesFor, siteTargets } from './sites';

export interface RefLocation {
  uri: string;
  span: Span;
}

const loc = (s: Site): RefLocation => ({ uri: s.res.uri, span: s.span });

function sorted(sites: Site[]): Site[] {
  return [...sites].sort((a, b) =>
    a.res.uri !== b.res.uri
      ? a.res.uri < b.res.uri
        ? -1
        : 1
      : a.span.doc.base + a.span.start - (b.span.doc.base + b.span.start),
  );
}

/**
 * The sites naming what `at` names, with the scoping of resolution: a declaration, and every
 * reference that resolves to it (a reference in an unrelated folder that resolves to another
 * object of the same name is not one). From a reference: the objects it resolves to and
 * everything naming them. A reference that resolves to nothing groups with the other
 * unresolved references of the same name.
 */
function groupOf(ws: Workspace, at: Site): Site[] {
  const all = sitesFor(ws, at);
  if (at.kind !== 'resource') return all;
  const targets = new Set<Resource>(siteTargets(ws, at));
  return all.filter((s) => {
    if (s.decl) return targets.has(s.res);
    const t = siteTargets(ws, s);
    return targets.size ? t.some((r) => targets.has(r)) : t.length === 0;
  });
}

/** Every place naming what the name under the cursor names (declarations first when included). */
export function referencesAt(ws: Workspace, uri: string, offset: number, includeDeclaration = true): RefLocation[] {
  const at = siteAt(ws, uri, offset);
  if (!at) return [];
  const all = groupOf(ws, at);
  const decls = sorted(all.filter((s) => s.decl));
  const refs = sorted(all.filter((s) => !s.decl));
  return [...(includeDeclaration ? decls : []), ...refs].map(loc);
}

/** What may be renamed, and the name rule its new name must follow. */
const RENAMABLE: Record<string, { what: string; check: (v: string) => string[]; rule: string }> = {
  Service: {
    what: 'Service',
    check: dns1035Label,
    rule: 'a DNS-1035 label (lowercase letters, digits and `-`, starting with a letter, at most 63 characters)',
  },
  PersistentVolumeClaim: { what: 'PersistentVolumeClaim', check: dns1123Subdomain, rule: 'a DNS-1123 subdomain' },
  PersistentVolume: { what: 'PersistentVolume', check: dns1123Subdomain, rule: 'a DNS-1123 subdomain' },
  StorageClass: { what: 'StorageClass', check: dns1123Subdomain, rule: 'a DNS-1123 subdomain' },
  ConfigMap: { what: 'ConfigMap', check: dns1123Subdomain, rule: 'a DNS-1123 subdomain' },
  Secret: { what: 'Secret', check: dns1123Subdomain, rule: 'a DNS-1123 subdomain' },
  volume: {
    what: 'volume',
    check: dns1123Label,
    rule: 'a DNS-1123 label (lowercase letters, digits and `-`, at most 63 characters)',
  },
  'claim-template': {
    what: 'volume claim template',
    check: dns1123Label,
    rule: 'a DNS-1123 label (lowercase letters, digits and `-`, at most 63 characters)',
  },
};

const ruleOf = (s: Site) => RENAMABLE[s.kind === 'resource' ? (s.targetKind ?? '') : s.kind];

export type PrepareResult = { span: Span; placeholder: string } | { error: string };

/** Whether the name under the cursor can be renamed, and the range to rename. */
export function prepareRenameAt(ws: Workspace, uri: string, offset: number): PrepareResult | undefined {
  const at = siteAt(ws, uri, offset);
  if (!at) return undefined;
  const rule = ruleOf(at);
  if (!rule)
    return {
      error: `Renaming a ${at.targetKind ?? at.kind} is not supported (only Services, claims, volumes, claim templates, StorageClasses, PersistentVolumes, ConfigMaps and Secrets).`,
    };
  if (!at.editable)
    return {
      error: `\`${at.name}\` is written in a form (block scalar, escapes or an anchor) that cannot be edited safely; rename it by hand.`,
    };
  return { span: at.span, placeholder: at.name };
}

export interface RenameEdit {
  uri: string;
  span: Span;
  newText: string;
}

export interface RenameResult {
  edits: RenameEdit[];
  /** Something the user must know before applying (shown as the edit's change annotation). */
  warning?: { label: string; description: string };
}

/** The edits renaming what the name under the cursor names, or an error message. */
export function renameAt(
  ws: Workspace,
  uri: string,
  offset: number,
  newName: string,
): RenameResult | { error: string } | undefined {
  const at = siteAt(ws, uri, offset);
  if (!at) return undefined;
  const prep = prepareRenameAt(ws, uri, offset);
  if (prep && 'error' in prep) return prep;
  const rule = ruleOf(at)!;
  const problems = rule.check(newName);
  if (problems.length)
    return {
      error: `\`${newName}\` is not a valid ${rule.what} name: it must be ${rule.rule} (${problems.join('; ')}).`,
    };
  if (newName === at.name) return { edits: [] };
  const all = groupOf(ws, at);
  const stuck = all.filter((s) => !s.editable && !s.dns);
  if (stuck.length) {
    const s = stuck[0];
    return {
      error: `\`${at.name}\` is also written in ${s.res.label} in a form (block scalar, escapes or an anchor) that cannot be edited safely; rename it by hand.`,
    };
  }
  const edits = sorted(all.filter((s) => s.editable)).map((s) => ({ uri: s.res.uri, span: s.span, newText: newName }));
  return { edits, warning: warningFor(at, all, newName) };
}

function warningFor(at: Site, all: Site[], newName: string): RenameResult['warning'] {
  if (at.kind === 'claim-template') {
    const id = statefulSetIdentity(at.res);
    const c = claimTemplates(at.res).find((x) => x.name === at.name);
    if (id && c) {
      const first = `${at.name}-${id.name}-${id.start}`;
      return {
        label: 'Existing PVCs are orphaned',
        description: `Renaming claim template \`${at.name}\` to \`${newName}\` orphans the existing PVCs (\`${first}\` …): they keep their names and data, and the pods get new, empty claims (\`${newName}-${id.name}-${id.start}\` …). volumeClaimTemplates cannot be changed on an existing StatefulSet: it must be deleted (\`kubectl delete statefulset ${id.name} --cascade=orphan\`) and re-created.`,
      };
    }
  }
  if (at.kind === 'resource' && at.targetKind === 'Service') {
    const governed = all.filter((s) => !s.decl && !s.dns && s.res.kind === 'StatefulSet');
    if (governed.length) {
      const names = [...new Set(governed.map((s) => s.res.name ?? '?'))].join(', ');
      return {
        label: 'StatefulSet serviceName is immutable',
        description: `\`spec.serviceName\` of StatefulSet ${names} changes too; it cannot be updated on an existing StatefulSet, which must be deleted (\`--cascade=orphan\` keeps the pods) and re-created. Pod DNS names change to \`….${newName}.…\`.`,
      };
    }
  }
  if (at.kind === 'resource' && at.targetKind === 'PersistentVolumeClaim') {
    return {
      label: 'A PVC cannot be renamed in place',
      description: `Applying creates a new, empty claim \`${newName}\`; the data stays with the old claim \`${at.name}\`.`,
    };
  }
  return undefined;
}
