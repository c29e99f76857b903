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

/** How many passes over the sample: enough for the engine to optimize the hot paths. */
export const WARMUP_PASSES = 40;

/** A warm-up run: call {@link step} while it returns true, in small slices when idle. */
export class WarmUp {
  private pass = 0;

  constructor(private readonly settings: Settings) {}

  /** One pass (parse, index and every rule of the sample, in a new private workspace). */
  step(): boolean {
    if (this.pass >= WARMUP_PASSES) return false;
    const ws = new Workspace();
    ws.setSettings(this.settings);
    const analyzer = new Analyzer(ws);
    const uri = `untitled:kube-stateful-warmup-${this.pass}.yaml`;
    ws.setOpenFile(uri, WARMUP_SAMPLE);
    analyzer.fileFindings(uri);
    this.pass++;
    return this.pass < WARMUP_PASSES;
  }
}
