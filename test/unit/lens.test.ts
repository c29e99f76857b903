import * as assert from 'assert';
import { Analyzer } from '../../server/src/core/analyzer';
import { lensesFor } from '../../server/src/core/lens';
import { Workspace } from '../../server/src/core/model/workspace';

const STS = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: 3
  selector: {matchLabels: {app: nginx}}
  template:
    metadata: {labels: {app: nginx}}
    spec:
      containers: [{name: nginx, image: nginx, volumeMounts: [{name: www, mountPath: /usr/share/nginx/html}]}]
  volumeClaimTemplates:
    - metadata: {name: www}
      spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
`;
const SVC = `apiVersion: v1
kind: Service
metadata: {name: nginx}
spec: {clusterIP: None, selector: {app: nginx}, ports: [{name: web, port: 80}]}
`;

describe('code lens', () => {
  it('summarises each StatefulSet above its kind, and follows the Service in another file', () => {
    const ws = new Workspace();
    const an = new Analyzer(ws);
    ws.setOpenFile('file:///sts.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\n' + STS);
    let [lens, ...rest] = lensesFor(an, 'file:///sts.yaml');
    assert.strictEqual(rest.length, 0, 'one lens per StatefulSet only');
    assert.strictEqual(lens.title, '3 replicas: web-0 … web-2 · ⚠ per-pod DNS will not resolve · PVC www-web-0 …');
    assert.strictEqual(lens.span.doc.text.slice(lens.span.start, lens.span.end), 'StatefulSet');
    assert.deepStrictEqual(lens.target, { uri: 'file:///sts.yaml', statefulSet: 'web', namespace: 'default' });
    ws.setDiskFile('file:///svc.yaml', SVC);
    [lens] = lensesFor(an, 'file:///sts.yaml');
    assert.strictEqual(
      lens.title,
      '3 replicas: web-0 … web-2 · DNS web-0.nginx.default.svc.cluster.local · PVC www-web-0 …',
    );
  });

  it('says when replicas is invalid or zero, and nothing for other kinds', () => {
    const ws = new Workspace();
    const an = new Analyzer(ws);
    ws.setOpenFile(
      'file:///a.yaml',
      STS.replace('replicas: 3', 'replicas: -1') +
        '---\n' +
        STS.replace('name: web', 'name: zero').replace('replicas: 3', 'replicas: 0'),
    );
    assert.deepStrictEqual(
      lensesFor(an, 'file:///a.yaml').map((l) => l.title),
      ['replicas invalid', '0 replicas'],
    );
    ws.setOpenFile('file:///b.yaml', SVC);
    assert.deepStrictEqual(lensesFor(an, 'file:///b.yaml'), []);
  });
});
