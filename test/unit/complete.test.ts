import * as assert from 'assert';
import { Analyzer } from '../../server/src/core/analyzer';
import { completionsAt } from '../../server/src/core/complete';
import { Workspace } from '../../server/src/core/model/workspace';
import { normalizeSettings } from '../../server/src/core/settings';

const OTHER = `apiVersion: v1
kind: Service
metadata: {name: nginx}
spec: {clusterIP: None, selector: {app: web}, ports: [{name: web, port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: web-lb}
spec: {selector: {app: web}, ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: elsewhere, namespace: other}
spec: {clusterIP: None, selector: {app: web}}
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: fast
  annotations: {storageclass.kubernetes.io/is-default-class: "true"}
provisioner: ebs.csi.aws.com
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: uploads}
spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 5Gi}}}
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: pv-1}
spec: {capacity: {storage: 10Gi}, accessModes: [ReadWriteOnce], hostPath: {path: /data}}
`;

/** Completions at the `|` in the text (which is removed). */
function complete(text: string, settings?: object) {
  const ws = new Workspace();
  if (settings) ws.setSettings(normalizeSettings(settings));
  ws.setDiskFile('file:///other.yaml', OTHER);
  const offset = text.indexOf('|');
  ws.setOpenFile('file:///edit.yaml', text.replace('|', ''));
  const c = completionsAt(new Analyzer(ws), 'file:///edit.yaml', offset);
  return (
    c && {
      labels: c.items.map((i) => i.label),
      details: c.items.map((i) => i.detail),
      replaced: c.span.doc.text.slice(c.span.start, c.span.end),
    }
  );
}

const sts = (serviceName: string, extra = '') => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: ${serviceName}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: c
          image: nginx
          volumeMounts:
            - name: ${extra}
              mountPath: /data
      volumes:
        - name: cache
          emptyDir: {}
  volumeClaimTemplates:
    - metadata: {name: data}
      spec:
        storageClassName: 
        accessModes: [ReadWriteOnce]
        resources: {requests: {storage: 1Gi}}
`;

describe('completion', () => {
  it('serviceName: Services of the namespace, headless first, replacing the typed prefix', () => {
    const c = complete(sts('ng|inx-typo'));
    assert.deepStrictEqual(c?.labels, ['nginx', 'web-lb']);
    assert.match(c!.details[0], /^headless Service · selects app=web$/);
    assert.strictEqual(c?.replaced, 'nginx-typo');
    assert.deepStrictEqual(complete(sts('|'))?.labels, ['nginx', 'web-lb'], 'empty value');
  });

  it('volumeMount name: pod volumes and claim templates', () => {
    assert.deepStrictEqual(complete(sts('nginx', '|'))?.labels, ['cache', 'data']);
  });

  it('storageClassName: StorageClasses (default marked) and known classes', () => {
    const text = sts('nginx', 'data').replace('storageClassName: ', 'storageClassName: |');
    const c = complete(text, { knownStorageClasses: ['gp2'], platform: 'none' });
    assert.deepStrictEqual(c?.labels, ['fast', 'gp2']);
    assert.match(c!.details[0], /default/);
  });

  it('storageClassName: built-in classes of the inferred or configured platform come last', () => {
    const text = sts('nginx', 'data').replace('storageClassName: ', 'storageClassName: |');
    // The workspace's class uses ebs.csi.aws.com: EKS (and OpenShift on AWS) are inferred.
    const inferred = complete(text)!;
    assert.strictEqual(inferred.labels[0], 'fast');
    assert.ok(inferred.labels.includes('gp2') && inferred.labels.includes('gp3-csi'), inferred.labels.join(', '));
    assert.ok(!inferred.labels.includes('standard-rwo'));
    assert.match(inferred.details[inferred.labels.indexOf('gp2')], /built-in StorageClass of Amazon EKS/);
    const gke = complete(text, { platform: ['gke'] })!;
    assert.deepStrictEqual(gke.labels.slice(0, 3), ['fast', 'enterprise-multishare-rwx', 'enterprise-rwx']);
    assert.ok(!gke.labels.includes('gp2'));
  });

  it('claimName and volumeName', () => {
    const pod = `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: i}]\n  volumes:\n    - name: v\n      persistentVolumeClaim:\n        claimName: u|\n`;
    assert.deepStrictEqual(complete(pod)?.labels, ['uploads']);
    const pvc = `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: x}\nspec:\n  volumeName: |\n`;
    assert.deepStrictEqual(complete(pvc)?.labels, ['pv-1']);
  });

  it('nothing elsewhere', () => {
    assert.strictEqual(complete(sts('nginx').replace('image: nginx', 'image: ng|inx')), undefined);
    assert.strictEqual(complete('name: CI\non: push\nserviceName: |\n'), undefined, 'not a Kubernetes object');
  });
});
