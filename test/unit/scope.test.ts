/**
 * Scoped resolution of references (model/scope.ts): a name resolves in the narrowest scope
 * that has a candidate — same kustomize build, same file, same folder and its parents, the
 * workspace — and candidates of that scope that disagree make the rules stay silent.
 * Each case is a small workspace of in-memory files and the findings expected per file.
 */
import * as assert from 'assert';
import { Analyzer } from '../../server/src/core/analyzer';
import { Workspace } from '../../server/src/core/model/workspace';

const sts = (name: string, svc: string) => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ${name}
spec:
  serviceName: ${svc}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
        - name: c
          image: nginx
`;
const svc = (name: string, app: string, headless: boolean) => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
${headless ? '  clusterIP: None\n' : ''}  selector: {app: ${app}}
  ports:
    - port: 80
`;
const deploy = (claim: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
spec:
  replicas: 2
  selector:
    matchLabels: {app: app}
  template:
    metadata:
      labels: {app: app}
    spec:
      containers:
        - name: c
          image: nginx
          volumeMounts: [{name: d, mountPath: /d}]
      volumes:
        - name: d
          persistentVolumeClaim: {claimName: ${claim}}
`;
const pvc = (name: string, mode: string) => `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${name}
spec:
  accessModes: [${mode}]
  resources: {requests: {storage: 1Gi}}
`;

interface Case {
  name: string;
  files: Record<string, string>;
  /** Per file: the codes (among those checked) expected there. */
  expect: Record<string, string[]>;
}

const CODES = new Set([
  'sts-service-not-headless',
  'sts-service-missing',
  'sts-service-selector-mismatch',
  'rwo-claim-shared',
  'svc-target-port-unresolved',
]);
const K = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n';
const manager = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: manager
spec:
  selector:
    matchLabels: {control-plane: manager}
  template:
    metadata:
      labels: {control-plane: manager}
    spec:
      containers:
        - name: manager
          image: example/manager
          ports: [{containerPort: 8080, name: metrics}]
`;
const metricsSvc = `apiVersion: v1
kind: Service
metadata:
  name: metrics
spec:
  selector: {control-plane: manager}
  ports:
    - name: https
      port: 8443
      targetPort: https
`;
const proxyPatch = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: manager
spec:
  template:
    spec:
      containers:
        - name: kube-rbac-proxy
          image: example/proxy
          ports: [{containerPort: 8443, name: https}]
`;
/** A CronJob's pods (the job template's) with a Service in front, and a patch naming their port. */
const cron = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: export
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        metadata:
          labels: {app: export}
        spec:
          restartPolicy: OnFailure
          containers:
            - name: export
              image: example/export
              ports: [{containerPort: 9000}]
`;
const cronSvc = metricsSvc.replace('control-plane: manager', 'app: export').replace(/https/g, 'exporter');
const cronPatch = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: export
spec:
  jobTemplate:
    spec:
      template:
        spec:
          containers:
            - name: export
              ports: [{containerPort: 9000, name: exporter}]
`;

const CASES: Case[] = [
  {
    name: 'the same folder wins over a same-named Service in another folder',
    files: {
      'a/db.yaml': sts('db', 'db'),
      'a/svc.yaml': svc('db', 'db', true),
      'b/db.yaml': sts('db', 'db'),
      'b/svc.yaml': svc('db', 'db', false),
    },
    expect: { 'a/db.yaml': [], 'b/db.yaml': ['sts-service-not-headless'] },
  },
  {
    name: 'the same file wins over the same folder',
    files: {
      'c/all.yaml': `${sts('db', 'db')}---\n${svc('db', 'db', true)}`,
      'c/other.yaml': svc('db', 'db', false),
    },
    expect: { 'c/all.yaml': [] },
  },
  {
    name: 'a parent folder is searched when the folder has no candidate',
    files: {
      'p/apps/db/db.yaml': sts('db', 'db'),
      'p/svc.yaml': svc('db', 'db', false),
      'q/svc.yaml': svc('db', 'db', true),
    },
    expect: { 'p/apps/db/db.yaml': ['sts-service-not-headless'] },
  },
  {
    name: 'candidates of the chosen scope that disagree: silent',
    files: {
      'd/db.yaml': sts('db', 'db'),
      'd/svc-a.yaml': svc('db', 'db', true),
      'd/svc-b.yaml': svc('db', 'db', false),
    },
    expect: { 'd/db.yaml': [] },
  },
  {
    name: 'the same kustomize build wins over the folder',
    files: {
      'k/base/kustomization.yaml':
        'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [db.yaml]\n',
      'k/base/db.yaml': sts('db', 'db'),
      'k/base/legacy-svc.yaml': svc('db', 'db', false),
      'k/overlay/kustomization.yaml':
        'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [../base, svc.yaml]\n',
      'k/overlay/svc.yaml': svc('db', 'db', true),
    },
    expect: { 'k/base/db.yaml': [] },
  },
  {
    name: 'an overlay that sets the namespace and adds the Service: the builds decide, nothing is missing',
    files: {
      'n/base/kustomization.yaml':
        'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [db.yaml]\n',
      'n/base/db.yaml': sts('db', 'db'),
      'n/prod/kustomization.yaml':
        'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: shop\nresources: [../base, svc.yaml]\n',
      'n/prod/svc.yaml': svc('db', 'db', true).replace('  name: db\n', '  name: db\n  namespace: shop\n'),
    },
    expect: { 'n/base/db.yaml': [] },
  },
  {
    name: 'without the overlay, the Service in another namespace is still reported',
    files: {
      'm/db.yaml': sts('db', 'db'),
      'm/svc.yaml': svc('db', 'db', true).replace('  name: db\n', '  name: db\n  namespace: shop\n'),
    },
    expect: { 'm/db.yaml': ['sts-service-missing'] },
  },
  {
    name: 'a Service targets a port that an overlay patch adds (a sidecar): the build serves it',
    files: {
      'kb/manager/kustomization.yaml': K + 'resources: [manager.yaml]\n',
      'kb/manager/manager.yaml': manager,
      'kb/rbac/kustomization.yaml': K + 'resources: [metrics-service.yaml]\n',
      'kb/rbac/metrics-service.yaml': metricsSvc,
      'kb/default/kustomization.yaml': K + 'resources: [../manager, ../rbac]\npatches: [{path: proxy-patch.yaml}]\n',
      'kb/default/proxy-patch.yaml': proxyPatch,
    },
    expect: { 'kb/rbac/metrics-service.yaml': [] },
  },
  {
    name: 'the same Service without the sidecar patch is reported',
    files: {
      'kc/manager/kustomization.yaml': K + 'resources: [manager.yaml]\n',
      'kc/manager/manager.yaml': manager,
      'kc/rbac/kustomization.yaml': K + 'resources: [metrics-service.yaml]\n',
      'kc/rbac/metrics-service.yaml': metricsSvc,
      'kc/default/kustomization.yaml': K + 'resources: [../manager, ../rbac]\n',
    },
    expect: { 'kc/rbac/metrics-service.yaml': ['svc-target-port-unresolved'] },
  },
  {
    name: "an overlay patch names a CronJob's container port: the build serves the Service's targetPort",
    files: {
      'cj/base/kustomization.yaml': K + 'resources: [cron.yaml, svc.yaml]\n',
      'cj/base/cron.yaml': cron,
      'cj/base/svc.yaml': cronSvc,
      'cj/prod/kustomization.yaml': K + 'resources: [../base]\npatches: [{path: port.yaml}]\n',
      'cj/prod/port.yaml': cronPatch,
    },
    expect: { 'cj/base/svc.yaml': [] },
  },
  {
    name: 'the same CronJob and Service without the patch is reported',
    files: {
      'ck/base/kustomization.yaml': K + 'resources: [cron.yaml, svc.yaml]\n',
      'ck/base/cron.yaml': cron,
      'ck/base/svc.yaml': cronSvc,
    },
    expect: { 'ck/base/svc.yaml': ['svc-target-port-unresolved'] },
  },
  {
    name: 'a Deployment is checked against its own PVC, not a same-named one elsewhere',
    files: {
      'x/app.yaml': deploy('data'),
      'x/pvc.yaml': pvc('data', 'ReadWriteMany'),
      'y/app.yaml': deploy('data'),
      'y/pvc.yaml': pvc('data', 'ReadWriteOnce'),
    },
    expect: { 'x/app.yaml': [], 'y/app.yaml': ['rwo-claim-shared'] },
  },
];

describe('scoped resolution', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const ws = new Workspace();
      const uri = (p: string) => `file:///ws/${p}`;
      for (const [p, t] of Object.entries(c.files)) ws.setDiskFile(uri(p), t);
      const an = new Analyzer(ws);
      for (const [p, want] of Object.entries(c.expect)) {
        const got = an
          .fileFindings(uri(p))
          .map((f) => f.code)
          .filter((x) => CODES.has(x));
        assert.deepStrictEqual(got, want, p);
      }
      assert.deepStrictEqual(an.failures, []);
    });
  }
});
