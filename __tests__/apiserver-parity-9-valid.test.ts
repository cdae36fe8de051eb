import { goodContainer, goodDeployment, raw, serviceManifest } from './bad-input/lab';
import { labErrors as errorsOf } from './support/lab-errors';

// Objects the API server takes beside the near misses it refuses: node selectors of label keys and values,
// no PriorityClass, spread constraints and pod affinity terms of valid selectors
// (an empty namespace selector takes every namespace), downwardAPI files of the pod's metadata, file names
// with `..` inside them, a sub-path (not a file of the volume) starting with `..`, sub-path expressions
// inside the volume, huge pages beside memory, a load balancer's class, an ExternalName Service without
// address families, endpoint ports of qualified application protocols, webhooks of fully qualified names
// and https, admission policies with their bindings and CSIDrivers, which have no namespace, a CSIDriver
// named in capitals, as drivers may be, annotation keys read in capitals (matched in any case), read-only
// mounts that do not propagate, hooks calling a named port and claims selecting volumes. (A mount's
// recursiveReadOnly and a Service's trafficDistribution are alpha in Kubernetes 1.30, which drops them.)

test('node selectors, spread constraints and pod affinity terms the API server takes are accepted', () => {
  expect(errorsOf((c) => raw(c, 'web', goodDeployment('web', {
    nodeSelector: { 'kubernetes.io/arch': 'amd64', 'kubernetes.io/hostname': 'gpu1' },
    priorityClassName: '',
    runtimeClassName: 'nvidia',
    topologySpreadConstraints: [{
      maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway',
      labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }] }, matchLabelKeys: ['pod-template-hash'],
    }],
    affinity: {
      podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'db' } }, namespaceSelector: {} } }] },
      podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'topology.kubernetes.io/zone', labelSelector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] } }] },
    },
  })))).toEqual([]);
});

test('downwardAPI files of the pod\'s metadata, file names with .. inside, sub-paths and sub-path expressions inside their volume and huge pages beside memory are accepted', () => {
  const hugePages = { requests: { cpu: '50m', memory: '64Mi', 'hugepages-2Mi': '64Mi' }, limits: { memory: '128Mi', 'hugepages-2Mi': '64Mi' } };
  expect(errorsOf((c) => {
    raw(c, 'settings', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'web' }, data: { 'app.yaml': 'a: b' } });
    raw(c, 'web', goodDeployment('web', {
      containers: [goodContainer({
        resources: hugePages,
        volumeMounts: [
          { name: 'info', mountPath: '/etc/info' }, { name: 'settings', mountPath: '/etc/app' },
          { name: 'scratch', mountPath: '/data', subPathExpr: '$(POD_NAME)/logs' }, { name: 'scratch', mountPath: '/snapshot', subPath: '..snapshot' },
        ],
      })],
      volumes: [
        { name: 'info', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }, { path: 'app', fieldRef: { fieldPath: "metadata.labels['app']" } }, { path: 'uid', fieldRef: { fieldPath: 'metadata.uid' } }] } },
        { name: 'settings', projected: { sources: [
          { configMap: { name: 'settings', items: [{ key: 'app.yaml', path: 'conf/..app.yaml' }, { key: 'app.yaml', path: 'app..yaml' }] } },
          { downwardAPI: { items: [{ path: 'annotations', fieldRef: { fieldPath: 'metadata.annotations' } }] } },
        ] } },
        { name: 'scratch', emptyDir: {} },
      ],
    }));
  })).toEqual([]);
});

test('a load balancer\'s class, an ExternalName Service without address families and endpoint ports of qualified application protocols are accepted', () => {
  expect(errorsOf((c) => {
    raw(c, 'web', goodDeployment());
    raw(c, 'lb', serviceManifest('web', { type: 'LoadBalancer', loadBalancerClass: 'io.cilium/l2-announcer' }));
    raw(c, 'alias', serviceManifest('nas-alias', { type: 'ExternalName', externalName: 'nas.lab.test', selector: undefined, ports: [] }));
    raw(c, 'nas', serviceManifest('nas', { selector: undefined, ports: [{ name: 'https', port: 443, appProtocol: 'kubernetes.io/h2c' }] }));
    raw(c, 'endpoints', {
      apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'nas', namespace: 'web' },
      subsets: [{ addresses: [{ ip: '192.168.1.20' }], ports: [{ name: 'https', port: 443, appProtocol: 'kubernetes.io/h2c' }] }],
    });
    raw(c, 'slice', {
      apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'nas-1', namespace: 'web', labels: { 'kubernetes.io/service-name': 'nas' } },
      addressType: 'IPv4', endpoints: [{ addresses: ['192.168.1.20'] }], ports: [{ name: 'https', port: 443, protocol: 'TCP', appProtocol: 'https' }],
    });
  })).toEqual([]);
});

test('one mistake, one error: a node selector, a class name or a claim name the API server refuses is not looked for too, nor a ClusterIP Service\'s load-balancer class judged', () => {
  expect(errorsOf((c) => {
    raw(c, 'web', goodDeployment('web', {
      nodeSelector: { 'gpu present': 'true' }, priorityClassName: 'Lab-Critical', runtimeClassName: 'nvidia_runtime',
      containers: [goodContainer({ volumeMounts: [{ name: 'data', mountPath: '/data' }] })],
      volumes: [{ name: 'data', persistentVolumeClaim: { claimName: '' } }],
    }));
    raw(c, 'svc', serviceManifest('web', { loadBalancerClass: 'io.cilium/l2 announcer' }));
  }).map((e) => e.replace(/:.*/, '')).sort()).toEqual([
    'main/svc spec.loadBalancerClass',
    'main/web spec.template.spec.nodeSelector.gpu present',
    'main/web spec.template.spec.priorityClassName',
    'main/web spec.template.spec.runtimeClassName',
    'main/web spec.template.spec.volumes[0].persistentVolumeClaim.claimName',
  ]);
});

test('webhook configurations, admission policies and their bindings and CSIDrivers the API server takes are accepted without a namespace', () => {
  const rules = [{ operations: ['*'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods'] }];
  expect(errorsOf((c) => {
    raw(c, 'hooks', {
      apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration', metadata: { name: 'pods.lab.example' },
      webhooks: [
        { name: 'mutate.pods.lab.example', sideEffects: 'NoneOnDryRun', admissionReviewVersions: ['v1', 'v1beta1'], timeoutSeconds: 30, clientConfig: { url: 'https://webhook.lab.test:8443/mutate/pods' }, rules },
        { name: 'default.pods.lab.example', sideEffects: 'None', admissionReviewVersions: ['v1'], clientConfig: { service: { namespace: 'web', name: 'policy-webhook', path: '/' } }, rules },
      ],
    });
    raw(c, 'policy', {
      apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicy', metadata: { name: 'replica-limit' },
      spec: {
        failurePolicy: 'Fail', auditAnnotations: [{ key: 'replicas', valueExpression: 'string(object.spec.replicas)' }],
        matchConstraints: { resourceRules: [{ apiGroups: ['apps'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['deployments'] }] },
      },
    });
    raw(c, 'binding', {
      apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicyBinding', metadata: { name: 'replica-limit' },
      spec: { policyName: 'replica-limit', validationActions: ['Warn', 'Audit'] },
    });
    raw(c, 'driver', {
      apiVersion: 'storage.k8s.io/v1', kind: 'CSIDriver', metadata: { name: 'NFS.csi.k8s.io' },
      spec: { attachRequired: false, volumeLifecycleModes: ['Persistent', 'Ephemeral'], fsGroupPolicy: 'File', tokenRequests: [{ audience: 'vault', expirationSeconds: 3600 }, { audience: '' }] },
    });
  })).toEqual([]);
});

test('pod fields read by key, read-only mounts, hooks of named ports and claims selecting volumes are accepted', () => {
  expect(errorsOf((c) => {
    raw(c, 'web', goodDeployment('web', {
      containers: [goodContainer({
        env: [{ name: 'POD', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } }, { name: 'OWNER', valueFrom: { fieldRef: { fieldPath: "metadata.annotations['Lab.Example/Owner']" } } }],
        volumeMounts: [{ name: 'info', mountPath: '/etc/info', readOnly: true }, { name: 'scratch', mountPath: '/data', readOnly: true, mountPropagation: 'None' }],
        lifecycle: { postStart: { httpGet: { path: '/warm', port: 'http' } }, preStop: { tcpSocket: { port: 8080 } } },
      })],
      volumes: [
        { name: 'info', downwardAPI: { items: [{ path: 'team', fieldRef: { fieldPath: "metadata.labels['lab.example/team']" } }] } },
        { name: 'scratch', emptyDir: {} },
      ],
    }));
    raw(c, 'claim', {
      apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'media', namespace: 'web' },
      spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'local-path', resources: { requests: { storage: '1Gi' } }, selector: { matchExpressions: [{ key: 'share', operator: 'Exists' }] } },
    });
    raw(c, 'svc', serviceManifest('web'));
  })).toEqual([]);
});

test('autoscaler metrics of named metrics, objects and containers and a claim template of a label name are accepted', () => {
  expect(errorsOf((c) => {
    raw(c, 'web', goodDeployment());
    raw(c, 'hpa', {
      apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: 'web' },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 3,
        metrics: [
          { type: 'ContainerResource', containerResource: { name: 'cpu', container: 'web', target: { type: 'Utilization', averageUtilization: 80 } } },
          { type: 'Object', object: { describedObject: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: 'web' }, metric: { name: 'requests_per_second' }, target: { type: 'Value', value: '100' } } },
        ],
      },
    });
    raw(c, 'db', {
      apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'web' },
      spec: {
        serviceName: 'db', selector: { matchLabels: { app: 'db' } },
        template: { metadata: { labels: { app: 'db' } }, spec: { containers: [goodContainer({ name: 'db', volumeMounts: [{ name: 'pg-data', mountPath: '/data' }] })], securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } } } },
        volumeClaimTemplates: [{ metadata: { name: 'pg-data' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'local-path', resources: { requests: { storage: '1Gi' } } } }],
      },
    });
  })).toEqual([]);
});
