/**
 * Warming up after start: a language server is long-lived, but the first file it analyses runs
 * through code the JavaScript engine has not optimized yet (the YAML parser, about a hundred
 * rules, the schema tables), at two to three times the speed it will have later. When the server
 * has nothing to do after start, it analyses a small sample in a private workspace a few times,
 * so that the first file the user opens meets optimized code. Nothing of it is kept or shown.
 */
import { Analyzer } from './analyzer';
import { Workspace } from './model/workspace';
import type { Settings } from './settings';

/** A small, ordinary stateful application (with two mistakes, so that reporting is warm too). */
export const WARMUP_SAMPLE = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: ssd
  annotations:
    storageclass.kubernetes.io/is-default-class: "true"
provisioner: pd.csi.storage.gke.io
parameters:
  type: pd-ssd
reclaimPolicy: Retain
volumeBindingMode: WaitForFirstConsumer
allowVolumeExpansion: true
---
apiVersion: v1
kind: Service
metadata:
  name: kafka
  namespace: streams
  labels: {app: kafka}
spec:
  clusterIP: None
  publishNotReadyAddresses: true
  selector:
    app: kafka
  ports:
    - name: broker
      port: 9092
      targetPort: broker
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: kafka
  namespace: streams
spec:
  serviceName: kafka
  replicas: 3
  podManagementPolicy: Parallel
  selector:
    matchLabels:
      app: kafka
  template:
    metadata:
      labels:
        app: kafka
    spec:
      terminationGracePeriodSeconds: 60
      containers:
        - name: kafka
          image: apache/kafka:3.8.0
          ports:
            - name: broker
              containerPort: 9092
          env:
            - name: KAFKA_NODE_ID
              valueFrom:
                fieldRef:
                  fieldPath: metadata.name
            - name: KAFKA_CONTROLLER_QUORUM_VOTERS
              value: 0@kafka-0.kafka.streams.svc.cluster.local:9093,1@kafka-1.kafka:9093
          resources:
            requests:
              cpu: 500m
              memory: 1Gi
          readinessProbe:
            tcpSocket:
              port: broker
          volumeMounts:
            - name: data
              mountPath: /var/lib/kafka
            - name: config
              mountPath: /etc/kafka
              readOnly: true
      volumes:
        - name: config
          configMap:
            name: kafka-config
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: [ReadWriteOnce]
        storageClassName: ssd
        resources:
          requests:
            storage: 100Gi
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: kafka-config
  namespace: streams
data:
  server.properties: |
    log.dirs=/var/lib/kafka/data
    num.partitions=6
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: kafka
  namespace: streams
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app: kafka
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: ui
  namespace: streams
spec:
  replicas: 2
  selector:
    matchLabels:
      app: ui
  template:
    metadata:
      labels:
        app: ui
    spec:
      containers:
        - name: ui
          image: provectuslabs/kafka-ui:v0.7.2
          ports:
            - containerPort: 8080
          env:
            - name: KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS
              value: kafka-3.kafka:9092
          volumeMounts:
            - name: cache
              mountPath: /cache
      volumes:
        - name: cache
          persistentVolumeClaim:
            claimName: ui-cache
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ui-cache
  namespace: streams
spec:
  accessModes:
    - ReadWriteOnce
  storageClassName: sdd
  resources:
    requests:
      storage: 1Gi
---
apiVersion: v1
kind: Service
metadata:
  name: ui
  namespace: streams
spec:
  type: ClusterIP
  selector:
    app: ui
  ports:
    - port: 80
      targetPort: 8080
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: compact
  namespace: streams
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: compact
              image: busybox:1.36
              args: ["sh", "-c", "echo compact"]
---
apiVersion: v1
kind: PersistentVolume
metadata:
  name: archive
spec:
  capacity:
    storage: 50Gi
  accessModes: [ReadWriteOnce]
  persistentVolumeReclaimPolicy: Retain
  storageClassName: ""
  hostPath:
    path: /mnt/archive
`;

/**
 * The sample as the base of a kustomize overlay (namespace, name prefix, labels, images and a
 * patch), so that building, checking and editing overlays is warm too: private `file:` URIs of
 * the warm-up's own workspace, never on disk.
 */
const WARMUP_ROOT = 'file:///kube-stateful-warmup';
export const WARMUP_KUSTOMIZE: ReadonlyMap<string, string> = new Map([
  // The StorageClass, headless Service, StatefulSet and ConfigMap of the sample (a short slice).
  [`${WARMUP_ROOT}/base/app.yaml`, WARMUP_SAMPLE.split('\n---\n').slice(0, 4).join('\n---\n')],
  [
    `${WARMUP_ROOT}/base/kustomization.yaml`,
    'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - app.yaml\nlabels:\n  - pairs: {app.kubernetes.io/part-of: streams}\n',
  ],
  [
    `${WARMUP_ROOT}/prod/kustomization.yaml`,
    'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: prod\nnamePrefix: prod-\nresources:\n  - ../base\npatches:\n  - path: replicas.yaml\nimages:\n  - name: busybox\n    newTag: "1.37"\n',
  ],
  [`${WARMUP_ROOT}/prod/replicas.yaml`, WARMUP_PATCH(5)],
]);

function WARMUP_PATCH(replicas: number): string {
  return `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: kafka\n  namespace: streams\nspec:\n  replicas: ${replicas}\n`;
}

/** How many passes over the sample: enough for the engine to optimize the hot paths. */
export const WARMUP_PASSES = 40;

/** Slices of a kustomize pass: the overlay built and checked, then two edits of its patch. */
const KUSTOMIZE_SLICES = 3;
/** Calls of {@link WarmUp.step} in a whole warm-up: the sample's passes first (what the first file opened meets), then the overlay's. */
export const WARMUP_STEPS = WARMUP_PASSES * (1 + KUSTOMIZE_SLICES);

/** A warm-up run: call {@link step} while it returns true, in small slices when idle. */
export class WarmUp {
  private n = 0;
  private ws: Workspace | undefined;
  private analyzer: Analyzer | undefined;

  constructor(private readonly settings: Settings) {}

  /** A new private workspace. */
  private fresh(): { ws: Workspace; analyzer: Analyzer } {
    const ws = new Workspace();
    ws.setSettings(this.settings);
    return { ws, analyzer: new Analyzer(ws) };
  }

  /**
   * One slice, each short (a request arriving meanwhile waits little). First the sample's passes,
   * each in a new private workspace: parse, index and every rule of the sample. Then the overlay's
   * passes, in three slices each: the sample's StatefulSet and its Service as the base of an
   * overlay, built and checked; then two edits of the overlay's patch (the overlay rebuilt and
   * checked again, as when a user types in a patch).
   */
  step(): boolean {
    if (this.n >= WARMUP_STEPS) return false;
    if (this.n < WARMUP_PASSES) {
      const { ws, analyzer } = this.fresh();
      const uri = `untitled:kube-stateful-warmup-${this.n}.yaml`;
      ws.setOpenFile(uri, WARMUP_SAMPLE);
      analyzer.fileFindings(uri);
    } else {
      const slice = (this.n - WARMUP_PASSES) % KUSTOMIZE_SLICES;
      if (slice === 0 || !this.ws || !this.analyzer) ({ ws: this.ws, analyzer: this.analyzer } = this.fresh());
      const { ws, analyzer } = this;
      const patch = `${WARMUP_ROOT}/prod/replicas.yaml`;
      if (slice === 0) for (const [u, text] of WARMUP_KUSTOMIZE) ws.setDiskFile(u, text);
      else ws.setOpenFile(patch, WARMUP_PATCH(5 + slice));
      analyzer.fileFindings(patch);
      analyzer.fileFindings(`${WARMUP_ROOT}/prod/kustomization.yaml`);
      if (slice === 0) analyzer.fileFindings(`${WARMUP_ROOT}/base/app.yaml`);
      if (slice === KUSTOMIZE_SLICES - 1) this.ws = this.analyzer = undefined;
    }
    this.n++;
    return this.n < WARMUP_STEPS;
  }
}
