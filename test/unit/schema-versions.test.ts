/**
 * Which built-in group/versions the bundled schema covers (scripts/gen-schema.mjs): the stable
 * ones from kubernetes-models, plus the alpha and beta versions of client-node's release; and
 * apiVersions of built-in groups that it does not know give no schema finding at all.
 */
import * as assert from 'assert';
import { Analyzer } from '../../server/src/core/analyzer';
import { Workspace } from '../../server/src/core/model/workspace';
import { kindType, schemaVersion } from '../../server/src/core/schema/schema';

function findings(text: string): { code: string; message: string }[] {
  const ws = new Workspace();
  const uri = 'file:///tmp/versions/x.yaml';
  ws.setOpenFile(uri, text);
  return new Analyzer(ws).fileFindings(uri).map((f) => ({ code: f.code, message: f.message }));
}

describe('schema: group/versions beyond the stable ones', () => {
  it('covers resource.k8s.io/v1 ResourceClaim and served alpha/beta kinds of the release', () => {
    for (const [v, k] of [
      ['resource.k8s.io/v1', 'ResourceClaim'],
      ['resource.k8s.io/v1beta2', 'ResourceClaim'],
      ['storage.k8s.io/v1beta1', 'VolumeAttributesClass'],
      ['networking.k8s.io/v1beta1', 'ServiceCIDR'],
      ['admissionregistration.k8s.io/v1beta1', 'MutatingAdmissionPolicy'],
      ['coordination.k8s.io/v1beta1', 'LeaseCandidate'],
    ])
      assert.ok(kindType(v, k), `${v} ${k} (Kubernetes ${schemaVersion()})`);
    // Models left over from older releases in the package are not versions this release serves.
    assert.strictEqual(kindType('resource.k8s.io/v1alpha2', 'ResourceClaim'), undefined);
  });

  it('a beta kind is checked: unknown field with a suggestion', () => {
    const f = findings(
      'apiVersion: storage.k8s.io/v1beta1\nkind: VolumeAttributesClass\nmetadata:\n  name: fast\ndriverName: ebs.csi.aws.com\nparameter:\n  iops: "3000"\n',
    );
    const unknown = f.filter((x) => x.code === 'schema-unknown-field');
    assert.strictEqual(unknown.length, 1, JSON.stringify(f));
    assert.match(unknown[0].message, /unknown field "parameter".*parameters/);
  });

  it('unknown versions of built-in groups give no schema or API finding, whatever the fields', () => {
    const docs = [
      ['apps/v1beta3', 'StatefulSet'],
      ['storage.k8s.io/v2', 'StorageClass'],
      ['resource.k8s.io/v1beta9', 'ResourceClaim'],
      ['networking.k8s.io/v2alpha1', 'Ingress'],
      ['admissionregistration.k8s.io/v1alpha9', 'ValidatingAdmissionPolicy'],
      ['batch/v2alpha1', 'CronJob'],
      ['v2', 'ConfigMap'],
    ].map(
      ([v, k]) =>
        `apiVersion: ${v}\nkind: ${k}\nmetadata:\n  name: x\nspec:\n  madeUpField: 1\n  replica: "three"\nstatus: {weird: [1, 2]}\n`,
    );
    const f = findings(docs.join('---\n')).filter((x) => /^(schema-|api-version-|crd-)/.test(x.code));
    assert.deepStrictEqual(f, []);
  });
});
