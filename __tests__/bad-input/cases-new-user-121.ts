import { ChartRelease, servesPorts } from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { KURED_FLAGS, kured } from './cases-new-user-61';
import { goodDeployment, raw } from './lab';

// A new user keeps a lab of small nodes up through reboots: replicas with budgets, a web app on an HPA, a queue
// worker on KEDA scaled to zero at night, and kured rebooting one node at a time. Each mistake passed synthesis and
// was then refused by KEDA's admission webhook, or stopped kured at its start.

/** KEDA from its chart, with the CRDs a ScaledObject needs. */
export function keda(cluster: ClusterChart): void {
  new ChartRelease(cluster, 'keda', {
    namespace: 'keda', chart: { repository: 'https://kedacore.github.io/charts', chart: 'keda', version: '2.17.0' },
    network: servesPorts({ port: 9443, purpose: 'admission webhook' }, { port: 6443, purpose: 'external metrics API' }, { port: 8080, purpose: 'metrics' }),
    crds: [{ group: 'keda.sh', kinds: ['ScaledObject', 'ScaledJob', 'TriggerAuthentication'] }],
  });
}

/** A ScaledObject `name` of namespace `web`, its spec given whole. */
export const scaledObject = (name: string, spec: Record<string, unknown>) => ({ apiVersion: 'keda.sh/v1alpha1', kind: 'ScaledObject', metadata: { name, namespace: 'web' }, spec });

/** A trigger on the length of the Redis list `jobs`. */
export const QUEUE_TRIGGER = { type: 'redis', metadata: { address: 'redis.web.svc.cluster.local:6379', listName: 'jobs', listLength: '5' } };

/** The Deployment `web`, left without replicas for its autoscalers, beside KEDA and the objects `build` adds. */
const autoscaled = (build: (cluster: ClusterChart) => void) => (cluster: ClusterChart) => {
  keda(cluster);
  raw(cluster, 'workload', goodDeployment('web', {}, { replicas: undefined }));
  build(cluster);
};

const HPA = {
  apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: 'web' },
  spec: {
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 6,
    metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
  },
};

export const CASES: BadInput[] = [
  {
    name: 'a KEDA ScaledObject on a Deployment an HPA scales already',
    build: autoscaled((c) => {
      raw(c, 'hpa', HPA);
      raw(c, 'so', scaledObject('web', { scaleTargetRef: { name: 'web' }, minReplicaCount: 1, maxReplicaCount: 6, triggers: [QUEUE_TRIGGER] }));
    }),
    layer: 'references', path: 'so', field: 'spec.scaleTargetRef.name', message: /HorizontalPodAutoscaler web\/web scales already/, hint: /drop the HorizontalPodAutoscaler/,
  },
  {
    name: 'a ScaledObject scaling on CPU alone without a minReplicaCount',
    build: autoscaled((c) => raw(c, 'so', scaledObject('web', { scaleTargetRef: { name: 'web' }, maxReplicaCount: 6, triggers: [{ type: 'cpu', metricType: 'Utilization', metadata: { value: '70' } }] }))),
    layer: 'references', path: 'so', field: 'spec.minReplicaCount', hint: /minReplicaCount: 1/,
  },
  {
    name: 'a ScaledObject told idleReplicaCount: 0 to scale its worker to zero at night',
    build: autoscaled((c) => raw(c, 'so', scaledObject('web', { scaleTargetRef: { name: 'web' }, idleReplicaCount: 0, maxReplicaCount: 4, triggers: [QUEUE_TRIGGER] }))),
    layer: 'references', path: 'so', field: 'spec.idleReplicaCount', hint: /leave idleReplicaCount out/,
  },
  // kured drains before each reboot; a drain that never ends keeps the node cordoned, so the owner bounds it.
  {
    name: "kured's drain timeout written as a number of seconds",
    build: kured([...KURED_FLAGS, '--drain-timeout=300']), layer: 'references', path: 'kured', field: 'command[7]', hint: /--drain-timeout=300s/,
  },
];
