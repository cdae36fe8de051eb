import { JsonPatch } from 'cdk8s';
import { AppVolume } from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { arm1, guarded, labApp, raw } from './lab';

// A lab of several nodes: an amd64 machine beside a tainted arm64 one, and what a new owner writes to place
// pods on them by hand, with the JSON patches the App leaves as the escape hatch, and the volumes and
// classes that decide where and in which order pods run.

/** The App `web`, with `props`, and its workload patched with `patches`. */
const patchedWeb = (props: Record<string, unknown>, ...patches: JsonPatch[]) => guarded((cluster: ClusterChart) => {
  const app = labApp('web', props)(cluster);
  patches.forEach((patch) => app.workload.addJsonPatch(patch));
});

/** A local PersistentVolume `media` on the nodes named `nodes` (by `kubernetes.io/hostname`). */
const localVolumeOn = (...nodes: string[]) => (cluster: ClusterChart) => raw(cluster, 'media', {
  apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'media' },
  spec: {
    capacity: { storage: '100Gi' }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Retain', storageClassName: '',
    local: { path: '/mnt/media' },
    nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: nodes }] }] } },
  },
});

/** A PriorityClass `name` of `value` marked the cluster's default. */
const defaultPriority = (cluster: ClusterChart, name: string, value: number) => raw(cluster, name, {
  apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, globalDefault: true,
});

/** A PodDisruptionBudget `web` of namespace `namespace` over the pods `matchLabels` selects, letting one of them go. */
const budget = (namespace: string, matchLabels: Record<string, string>) => ({
  apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web', namespace }, spec: { maxUnavailable: 1, selector: { matchLabels } },
});

const PREFERRED_SPREAD = {
  podAntiAffinity: {
    preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'web' } } } }],
  },
};

export const CASES: BadInput[] = [
  // A pod given its node by name skips the scheduler: a name no host of the cluster has binds it to nothing.
  {
    name: 'a pod bound by nodeName to a Raspberry Pi the inventory does not list',
    build: patchedWeb({}, JsonPatch.add('/spec/template/spec/nodeName', 'pi3')),
    layer: 'inventory', path: 'web/deployment', field: 'spec.template.spec.nodeName', message: /no host of the cluster is the node pi3/,
  },
  // The API server's priority admission keeps one default PriorityClass.
  {
    name: 'a second PriorityClass marked globalDefault',
    build: (cluster) => {
      defaultPriority(cluster, 'normal', 1000);
      defaultPriority(cluster, 'batch', 10);
    },
    layer: 'references', path: 'batch', field: 'globalDefault', hint: /drop globalDefault here or on normal/,
  },
  // A local volume's disk is on the node its affinity names: a node the cluster lacks holds no such disk.
  {
    name: 'a local PersistentVolume on a Raspberry Pi the cluster does not have',
    build: localVolumeOn('pi3'),
    layer: 'inventory', path: 'media', field: 'spec.nodeAffinity.required', hint: /arm1 \(arm64/,
  },
  {
    name: "a local PersistentVolume pinned to the Pi's host name written with a capital",
    build: localVolumeOn('Arm1'),
    layer: 'inventory', path: 'media', field: 'spec.nodeAffinity.required',
  },
  // A patch that sets a field of the pod whole replaces what the app's placement rendered there.
  {
    name: "a JSON patch adding pod anti-affinity as the whole affinity, dropping the placement's node affinity",
    build: patchedWeb({ replicas: 2, placement: { arch: 'arm64' }, pinWith: 'nodeAffinity' }, JsonPatch.add('/spec/template/spec/affinity', PREFERRED_SPREAD)),
    layer: 'inventory', path: 'web/deployment', field: 'spec.template.spec.affinity', hint: /affinity\/podAntiAffinity/,
  },
  {
    name: "a JSON patch setting the nodeSelector whole, dropping the placement's host",
    build: patchedWeb({ placement: { host: arm1 } }, JsonPatch.add('/spec/template/spec/nodeSelector', { 'kubernetes.io/os': 'linux' })),
    layer: 'inventory', path: 'web/deployment', field: 'spec.template.spec.nodeSelector', message: /gpu1, which the app's placement rules out/,
  },
  // Spreading and co-location the hosts cannot give.
  {
    name: 'a topology spread asking for more hosts (minDomains) than can run the replicas',
    build: patchedWeb({ replicas: 2 }, JsonPatch.add('/spec/template/spec/topologySpreadConstraints', [{
      maxSkew: 1, minDomains: 2, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'web' } },
    }])),
    layer: 'inventory', path: 'web/deployment', field: 'spec.template.spec.topologySpreadConstraints[0].minDomains', message: /1 of the 2 replicas fit/,
  },
  {
    name: "a required pod affinity to a cache placed on the Pi, from an app held to the amd64 host",
    build: guarded((cluster: ClusterChart) => {
      labApp('cache', { namespace: 'web', image: 'redis:7.4.1', ports: [{ name: 'redis', port: 6379 }], placement: { host: arm1 } })(cluster);
      labApp('web', { placement: { arch: 'amd64' } })(cluster).workload.addJsonPatch(JsonPatch.add('/spec/template/spec/affinity', {
        podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { 'app.kubernetes.io/name': 'cache' } } }] },
      }));
    }),
    layer: 'inventory', path: 'web/deployment', field: 'spec.template.spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]', message: /runs only on arm1/,
  },
  // A pod selector that picks no pod makes the term do nothing: an App's pods carry app.kubernetes.io/name.
  {
    name: "a required pod anti-affinity selecting app: web, a label the App's pods do not carry",
    build: patchedWeb({ replicas: 2 }, JsonPatch.add('/spec/template/spec/affinity', {
      podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'web' } } }] },
    })),
    layer: 'inventory', path: 'web/deployment', field: 'spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector',
    hint: /app\.kubernetes\.io\/name: web/,
  },
  {
    name: "a topology spread selecting app: web, a label the App's pods do not carry",
    build: patchedWeb({ replicas: 2 }, JsonPatch.add('/spec/template/spec/topologySpreadConstraints', [{
      maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: { app: 'web' } },
    }])),
    layer: 'inventory', path: 'web/deployment', field: 'spec.template.spec.topologySpreadConstraints[0].labelSelector', message: /spreads nothing/,
  },
  {
    name: 'a required pod affinity to a cache under a label no pod of the namespace carries',
    build: patchedWeb({}, JsonPatch.add('/spec/template/spec/affinity', {
      podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'redis' } } }] },
    })),
    layer: 'inventory', path: 'web/deployment', field: 'spec.template.spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector', message: /stays Pending/,
  },
  // A ReadWriteOnce claim mounts on one node, however the replicas come about.
  {
    name: 'an autoscaler of up to 3 replicas over an app with a ReadWriteOnce claim',
    build: guarded((cluster: ClusterChart) => {
      labApp('web', { persistence: { data: { volume: AppVolume.claim({ tier: 'local', size: '1Gi' }), mountPath: '/data' } } })(cluster);
      raw(cluster, 'hpa', {
        apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: 'web' },
        spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 3, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }] },
      });
    }),
    layer: 'policy', path: 'hpa', field: 'spec.maxReplicas', message: /up to 3 replicas, which share the ReadWriteOnce claim "web-data"/,
  },
  // A disruption budget covers the pods its selector picks in its own namespace, and no others.
  {
    name: "a PodDisruptionBudget selecting app: web, a label the App's pods do not carry",
    build: guarded((cluster: ClusterChart) => {
      labApp('web')(cluster);
      raw(cluster, 'pdb', budget('web', { app: 'web' }));
    }),
    layer: 'references', path: 'pdb', field: 'spec.selector', message: /selects no pod template in namespace "web"/, hint: /app\.kubernetes\.io\/name/,
  },
  {
    name: "a PodDisruptionBudget in an ops namespace over an app's pods of another namespace",
    build: guarded((cluster: ClusterChart) => {
      labApp('web')(cluster);
      cluster.namespaces.ensure('ops');
      raw(cluster, 'pdb', budget('ops', { 'app.kubernetes.io/name': 'web' }));
    }),
    layer: 'references', path: 'pdb', field: 'spec.selector', hint: /put it in namespace web, where Deployment web\/web runs/,
  },
  // Placement by hand, answered by the checks of where pods can run.
  {
    name: 'a nodeSelector on the worker role label, which no distribution sets',
    build: patchedWeb({}, JsonPatch.add('/spec/template/spec/nodeSelector', { 'node-role.kubernetes.io/worker': '' })),
    layer: 'inventory', path: 'web/deployment', field: 'spec.template.spec.nodeSelector',
  },
  {
    name: "a toleration of the Pi's taint with its value misspelt, beside a nodeSelector on the Pi",
    build: patchedWeb({},
      JsonPatch.add('/spec/template/spec/nodeSelector', { 'kubernetes.io/hostname': 'arm1' }),
      JsonPatch.add('/spec/template/spec/tolerations', [{ key: 'dedicated', operator: 'Equal', value: 'registy', effect: 'NoSchedule' }])),
    layer: 'inventory', path: 'web/deployment', field: 'spec.template.spec.tolerations',
  },
  {
    name: 'a nodeSelector on 32-bit arm, an architecture no host has',
    build: patchedWeb({}, JsonPatch.add('/spec/template/spec/nodeSelector', { 'kubernetes.io/arch': 'arm' })),
    layer: 'inventory', path: 'web/deployment', field: 'spec.template.spec.nodeSelector',
  },
  {
    name: 'a priorityClassName of a class the lab never made',
    build: patchedWeb({}, JsonPatch.add('/spec/template/spec/priorityClassName', 'high-priority')),
    layer: 'references', path: 'web/deployment', field: 'spec.template.spec.priorityClassName',
  },
  {
    name: 'a host-network app of two replicas pinned to one host',
    build: guarded(labApp('dns', { replicas: 2, placement: { host: arm1 }, exemptions: { hostNetwork: 'answers DNS on the LAN' } })),
    layer: 'inventory', path: 'dns', field: 'ports[0]',
  },
];
