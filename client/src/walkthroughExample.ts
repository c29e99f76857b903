/** The walkthrough's example manifest (no `vscode` import: the unit tests analyse it). */

/** A headless Service and the StatefulSet it governs; `RWO` is the mistake to fix. */
export const EXAMPLE = `# Kube Stateful example: a StatefulSet, its headless Service, and one mistake.
# Hover "web" below to see each replica's pod name, DNS name and PVC.
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  clusterIP: None          # headless: one DNS record per pod
  selector:
    app: web
  ports:
    - name: http
      port: 80
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: web
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
          ports:
            - name: http
              containerPort: 80
          volumeMounts:
            - name: data
              mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: [RWO]     # kubectl's abbreviation, not an API value: use the quick fix
        resources:
          requests:
            storage: 1Gi
`;
