import type { ClusterChart } from '../../constructs';
import * as homelab from '../../constructs';
import type { BadInput } from './cases';
import { goodContainer, goodDeployment, guarded, labCluster, raw } from './lab';

// Versions, as a home-lab owner meets them: objects copied from a guide written for another Kubernetes
// release, fields of features the cluster's release keeps behind a gate, and the release of the
// distribution or of a component written where the library does not take it.

/** A cluster `edge` of the lab whose props are the lab's with `props`; the finding is expected on `field`. */
const edge = (name: string, props: Record<string, unknown>, field: string, hint?: RegExp): BadInput => ({
  name, build: guarded((_c, root) => labCluster(root, 'edge', { hosts: [], storage: {}, ...props } as any)), layer: 'props', path: 'edge', field, hint,
});

/** A hand-written object `w` beside the lab's good Deployment `web`. */
const beside = (manifest: Record<string, unknown>) => (c: ClusterChart) => {
  raw(c, 'workload', goodDeployment());
  raw(c, 'w', manifest);
};

/** The good Deployment `web` with `pod` merged into its pod spec, as `w`. */
const webWith = (pod: Record<string, unknown>) => (c: ClusterChart) => raw(c, 'w', goodDeployment('web', pod));

const ADMISSION_POLICY_SPEC = {
  failurePolicy: 'Fail',
  matchConstraints: { resourceRules: [{ apiGroups: ['apps'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['deployments'] }] },
  validations: [{ expression: 'object.spec.replicas <= 5' }],
};

const onceJob = (spec: Record<string, unknown>) => (c: ClusterChart) => raw(c, 'w', {
  apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'once', namespace: 'web' },
  spec: {
    ...spec,
    template: {
      spec: {
        restartPolicy: 'Never', containers: [goodContainer({ ports: undefined, readinessProbe: undefined })],
        securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      },
    },
  },
});

export const CASES: BadInput[] = [
  // A policy copied from the 1.28 blog post, where it was beta: 1.30 serves the beta only when asked to.
  {
    name: 'a ValidatingAdmissionPolicy at admissionregistration.k8s.io/v1beta1, which Kubernetes 1.30 does not serve by default',
    build: (c) => raw(c, 'w', { apiVersion: 'admissionregistration.k8s.io/v1beta1', kind: 'ValidatingAdmissionPolicy', metadata: { name: 'replica-limit' }, spec: ADMISSION_POLICY_SPEC }),
    layer: 'schema', path: 'w', field: 'apiVersion', hint: /admissionregistration\.k8s\.io\/v1,/,
  },
  {
    name: 'a ServiceCIDR of networking.k8s.io/v1alpha1 for more Service addresses, an alpha API Kubernetes 1.30 does not serve by default',
    build: (c) => raw(c, 'w', { apiVersion: 'networking.k8s.io/v1alpha1', kind: 'ServiceCIDR', metadata: { name: 'extra' }, spec: { cidrs: ['10.44.0.0/16'] } }),
    layer: 'schema', path: 'w', field: 'apiVersion', message: /--runtime-config/,
  },
  {
    name: 'a VolumeAttributesClass of storage.k8s.io/v1alpha1 on Kubernetes 1.30',
    build: (c) => raw(c, 'w', { apiVersion: 'storage.k8s.io/v1alpha1', kind: 'VolumeAttributesClass', metadata: { name: 'gold' }, driverName: 'zfs.csi.openebs.io', parameters: { compression: 'zstd' } }),
    layer: 'schema', path: 'w', field: 'apiVersion',
  },
  // A policy of a guide from before 1.25, which removed the kind: one error, on its version, not one on its namespace too.
  {
    name: 'a PodSecurityPolicy of policy/v1beta1, a kind Kubernetes 1.30 no longer has',
    build: (c) => raw(c, 'w', { apiVersion: 'policy/v1beta1', kind: 'PodSecurityPolicy', metadata: { name: 'restricted' }, spec: { privileged: false, seLinux: { rule: 'RunAsAny' }, runAsUser: { rule: 'MustRunAsNonRoot' }, supplementalGroups: { rule: 'RunAsAny' }, fsGroup: { rule: 'RunAsAny' }, volumes: ['*'] } }),
    layer: 'schema', path: 'w', field: 'apiVersion', hint: /pod-security\.kubernetes\.io\/enforce/,
  },
  // Fields of features whose gate Kubernetes 1.30 leaves off: the API server drops them without a word.
  {
    name: 'a pod in its own user namespace (hostUsers: false), which Kubernetes 1.30 drops',
    build: webWith({ hostUsers: false }), layer: 'schema', path: 'w', field: 'spec.template.spec.hostUsers', message: /UserNamespacesSupport/,
  },
  {
    name: 'a Service with trafficDistribution PreferClose, which Kubernetes 1.30 drops',
    build: beside({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'web' }, spec: { selector: { app: 'web' }, trafficDistribution: 'PreferClose', ports: [{ name: 'http', port: 80, targetPort: 8080 }] } }),
    layer: 'schema', path: 'w', field: 'spec.trafficDistribution', message: /ServiceTrafficDistribution/,
  },
  {
    name: 'a pod anti-affinity term with matchLabelKeys, which Kubernetes 1.30 drops',
    build: webWith({ affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'web' } }, matchLabelKeys: ['pod-template-hash'] } }] } } }),
    layer: 'schema', path: 'w', field: 'spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.matchLabelKeys',
  },
  {
    name: 'a read-only mount made recursive (recursiveReadOnly), which Kubernetes 1.30 drops',
    build: webWith({
      volumes: [{ name: 'settings', configMap: { name: 'settings' } }],
      containers: [goodContainer({ volumeMounts: [{ name: 'settings', mountPath: '/etc/web', readOnly: true, recursiveReadOnly: 'Enabled' }] })],
    }),
    layer: 'schema', path: 'w', field: 'spec.template.spec.containers[0].volumeMounts[0].recursiveReadOnly',
  },
  {
    name: 'a container resize policy for in-place resizing, which Kubernetes 1.30 drops',
    build: webWith({ containers: [goodContainer({ resizePolicy: [{ resourceName: 'memory', restartPolicy: 'NotRequired' }] })] }),
    layer: 'schema', path: 'w', field: 'spec.template.spec.containers[0].resizePolicy',
  },
  {
    name: 'a claim with a volumeAttributesClassName, which Kubernetes 1.30 drops',
    build: (c) => raw(c, 'w', { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'web' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'local-path', volumeAttributesClassName: 'gold', resources: { requests: { storage: '1Gi' } } } }),
    layer: 'schema', path: 'w', field: 'spec.volumeAttributesClassName',
  },
  {
    name: 'a Job handed to another controller (managedBy), which Kubernetes 1.30 drops',
    build: onceJob({ managedBy: 'kueue.x-k8s.io/multikueue' }), layer: 'schema', path: 'w', field: 'spec.managedBy', message: /JobManagedBy/,
  },
  // The distribution's release written into its options, as an inventory of another tool keeps it.
  edge("K3s' release as k3s({ version }), its declaration given to preinstalled",
    { preinstalled: [(homelab.k3s({ version: 'v1.30.4+k3s1' } as any)).preinstalled] }, 'preinstalled[0].version', /INSTALL_K3S_VERSION/),
  edge("K3s' release spelt 1.30 as k3s({ k3sVersion })", { preinstalled: [homelab.k3s({ k3sVersion: '1.30' } as any)] }, 'preinstalled[0].k3sVersion', /INSTALL_K3S_VERSION=v1\.30\.4\+k3s1/),
  edge("Talos' release as talos({ talosVersion })", { preinstalled: [homelab.talos({ bringYourOwnCni: false, talosVersion: 'v1.8.3' } as any)] }, 'preinstalled[0].talosVersion', /talosctl/),
  edge('Kubernetes 1.31 as talos({ kubernetesVersion })', { preinstalled: [homelab.talos({ bringYourOwnCni: false, kubernetesVersion: '1.31.2' } as any)] }, 'preinstalled[0].kubernetesVersion', /--kubernetes-version/),
  // Fields of a later release, as its docs show them: 1.30 has none of them.
  {
    name: 'pod-level resources, which came with Kubernetes 1.32',
    build: webWith({ resources: { limits: { memory: '256Mi' } } }), layer: 'schema', path: 'w', field: 'spec.template.spec', hint: /came with Kubernetes 1\.32/,
  },
  {
    name: 'an image volume of model files, which came with Kubernetes 1.31',
    build: webWith({
      volumes: [{ name: 'models', image: { reference: 'ghcr.io/lab/models:1.0', pullPolicy: 'IfNotPresent' } }],
      containers: [goodContainer({ volumeMounts: [{ name: 'models', mountPath: '/models', readOnly: true }] })],
    }),
    layer: 'schema', path: 'w', field: 'spec.template.spec.volumes[0]', hint: /came with Kubernetes 1\.31/,
  },
  // A chart installed by hand at the version a compose file or a tutorial calls it.
  {
    name: 'a hand-written HelmRelease of chart version latest',
    build: (c) => {
      raw(c, 'repo', { apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'HelmRepository', metadata: { name: 'bitnami', namespace: 'flux-system' }, spec: { interval: '1h', url: 'https://charts.bitnami.com/bitnami' } });
      raw(c, 'w', {
        apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', metadata: { name: 'redis', namespace: 'web' },
        spec: { interval: '10m', chart: { spec: { chart: 'redis', version: 'latest', sourceRef: { kind: 'HelmRepository', name: 'bitnami', namespace: 'flux-system' } } } },
      });
    },
    layer: 'schema', path: 'w', field: 'spec.chart.spec.version', hint: /helm search repo redis --versions/,
  },
  // Harbor's release, read off its release page, written where the chart's belongs.
  {
    name: "Harbor's own release 2.12.2 as its chartVersion",
    build: guarded((c: ClusterChart) => new homelab.Harbor(c, 'harbor', {
      chartVersion: '2.12.2', route: { host: 'registry' }, adminPassword: homelab.SecretReference.external('registry', 'harbor-admin', 'HARBOR_ADMIN_PASSWORD'),
      internalSecrets: homelab.SecretReference.external('registry', 'harbor-internal', 'secretKey'),
    })),
    layer: 'props', path: 'harbor', field: 'chartVersion', hint: /chartVersion: '1\./,
  },
  // The Gateway API CRDs of a release older than the kinds the cluster installs.
  edge('Gateway API CRDs of v1.0.0, whose standard channel has no GRPCRoute',
    { cni: homelab.cilium({ k8sServiceHost: '10.0.0.1', gatewayApi: { crdsVersion: 'v1.0.0' } } as any) }, 'cni.gatewayApi.crdsVersion', /v1\.1\.0/),
];
