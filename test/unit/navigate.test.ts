/** Go to definition (core): references in one file, targets in others. */
import * as assert from 'assert';
import { Analyzer } from '../../server/src/core/analyzer';
import { Workspace } from '../../server/src/core/model/workspace';
import { definitionAt } from '../../server/src/core/navigate';

const STS = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: 2
  selector:
    matchLabels: {app: nginx}
  template:
    metadata:
      labels: {app: nginx}
    spec:
      subdomain: nginx
      containers:
      - name: nginx
        image: nginx
        volumeMounts:
        - name: www
          mountPath: /www
        - name: scratch
          mountPath: /scratch
        - name: nothing
          mountPath: /nothing
      volumes:
      - name: scratch
        emptyDir: {}
      - name: www
        emptyDir: {}
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: [ReadWriteOnce]
      storageClassName: fast
      resources: {requests: {storage: 1Gi}}
`;

const OTHERS = `apiVersion: v1
kind: Service
metadata:
  name: nginx
spec:
  clusterIP: None
  selector: {app: nginx}
---
apiVersion: v1
kind: Service
metadata:
  name: nginx
  namespace: elsewhere
spec:
  clusterIP: None
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: fast
provisioner: ebs.csi.aws.com
---
apiVersion: v1
kind: PersistentVolume
metadata:
  name: pv-1
spec:
  storageClassName: fast
  capacity: {storage: 5Gi}
  accessModes: [ReadWriteOnce]
  claimRef:
    name: data
    namespace: default
  hostPath: {path: /mnt/data}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  storageClassName: fast
  volumeName: pv-1
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 5Gi}}
---
apiVersion: v1
kind: Pod
metadata:
  name: user
spec:
  volumes:
  - name: data
    persistentVolumeClaim:
      claimName: data
  - name: web0
    persistentVolumeClaim: {claimName: www-web-0}
  - name: gone
    persistentVolumeClaim: {claimName: gone}
  containers:
  - name: c
    image: busybox
    volumeMounts:
    - {name: data, mountPath: /data}
`;

const STS_URI = 'file:///ws/sts.yaml';
const OTHERS_URI = 'file:///ws/others.yaml';

function setup(): Analyzer {
  const ws = new Workspace();
  ws.setDiskFile(STS_URI, STS);
  ws.setDiskFile(OTHERS_URI, OTHERS);
  return new Analyzer(ws);
}

/** Offset of the `nth` occurrence of `needle`, plus `delta`. */
function offsetOf(text: string, needle: string, delta = 0, nth = 0): number {
  let i = -1;
  for (let k = 0; k <= nth; k++) {
    i = text.indexOf(needle, i + 1);
    assert.ok(i >= 0, `no ${needle} #${nth}`);
  }
  return i + delta;
}

/** The targets as `uri:line:text` strings (line of the span start, text under the span). */
function defs(a: Analyzer, uri: string, offset: number): string[] {
  return definitionAt(a, uri, offset).map((d) => {
    const file = a.ws.file(d.uri);
    assert.ok(file);
    const abs = d.span.doc.base + d.span.start;
    return `${d.uri.replace('file:///ws/', '')}:${file.lines.positionAt(abs).line + 1}:${d.span.doc.text.slice(d.span.start, d.span.end)}`;
  });
}

describe('navigate: definitionAt', () => {
  const a = setup();

  it('serviceName → the Service in the same namespace (not the one elsewhere)', () => {
    assert.deepStrictEqual(defs(a, STS_URI, offsetOf(STS, 'serviceName: nginx', 14)), ['others.yaml:4:nginx']);
  });

  it('pod subdomain → the Service', () => {
    assert.deepStrictEqual(defs(a, STS_URI, offsetOf(STS, 'subdomain: nginx', 12)), ['others.yaml:4:nginx']);
  });

  it('storageClassName (claim template, PVC, PV) → the StorageClass', () => {
    const sc = ['others.yaml:20:fast'];
    assert.deepStrictEqual(defs(a, STS_URI, offsetOf(STS, 'storageClassName: fast', 19)), sc);
    assert.deepStrictEqual(defs(a, OTHERS_URI, offsetOf(OTHERS, 'storageClassName: fast', 19, 0)), sc);
    assert.deepStrictEqual(defs(a, OTHERS_URI, offsetOf(OTHERS, 'storageClassName: fast', 19, 1)), sc);
  });

  it('volumeName → the PersistentVolume; claimRef.name → the PVC', () => {
    assert.deepStrictEqual(defs(a, OTHERS_URI, offsetOf(OTHERS, 'volumeName: pv-1', 13)), ['others.yaml:26:pv-1']);
    assert.deepStrictEqual(defs(a, OTHERS_URI, offsetOf(OTHERS, '    name: data', 10)), ['others.yaml:39:data']);
  });

  it('claimName → the PVC, or the claim template that generates it; nothing when unknown', () => {
    assert.deepStrictEqual(defs(a, OTHERS_URI, offsetOf(OTHERS, 'claimName: data', 12)), ['others.yaml:39:data']);
    assert.deepStrictEqual(defs(a, OTHERS_URI, offsetOf(OTHERS, 'claimName: www-web-0', 12)), ['sts.yaml:32:www']);
    assert.deepStrictEqual(defs(a, OTHERS_URI, offsetOf(OTHERS, 'claimName: gone', 12)), []);
  });

  it('volumeMount name → the volume, or the claim template that wins over a same-named volume', () => {
    assert.deepStrictEqual(defs(a, STS_URI, offsetOf(STS, '- name: scratch', 9, 0)), ['sts.yaml:26:scratch']);
    assert.deepStrictEqual(defs(a, STS_URI, offsetOf(STS, '- name: www', 9, 0)), ['sts.yaml:32:www']);
    assert.deepStrictEqual(defs(a, STS_URI, offsetOf(STS, '- name: nothing', 9)), []);
    assert.deepStrictEqual(defs(a, OTHERS_URI, offsetOf(OTHERS, '{name: data', 8)), ['others.yaml:52:data']);
  });

  it('nothing on definitions themselves, keys, and non-references', () => {
    assert.deepStrictEqual(defs(a, STS_URI, offsetOf(STS, 'name: web', 7)), []);
    assert.deepStrictEqual(defs(a, STS_URI, offsetOf(STS, 'replicas: 2', 10)), []);
    assert.deepStrictEqual(defs(a, STS_URI, offsetOf(STS, 'serviceName', 3)), []);
    assert.deepStrictEqual(defs(a, STS_URI, offsetOf(STS, 'image: nginx', 9)), []);
    assert.deepStrictEqual(defs(a, 'file:///ws/missing.yaml', 0), []);
  });

  it('claimRef without a namespace reserves the PV for no claim: nothing to go to', () => {
    const b = setup();
    const pv = 'apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: pv-2\nspec:\n  claimRef:\n    name: data\n';
    b.ws.setDiskFile('file:///ws/pv2.yaml', pv);
    assert.deepStrictEqual(defs(b, 'file:///ws/pv2.yaml', offsetOf(pv, 'name: data', 7)), []);
  });

  it('duplicates: every same-named target', () => {
    const b = setup();
    b.ws.setDiskFile(
      'file:///ws/dup.yaml',
      'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: fast\nprovisioner: x\n',
    );
    assert.deepStrictEqual(defs(b, STS_URI, offsetOf(STS, 'storageClassName: fast', 19)), [
      'dup.yaml:4:fast',
      'others.yaml:20:fast',
    ]);
  });
});
