import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { ClusterChart, flux, host, k3s, localPathStorage, site, traefik } from '../constructs';
import { keda, QUEUE_TRIGGER, scaledObject } from './bad-input/cases-new-user-121';
import { goodDeployment } from './bad-input/lab';
import { shownFindings } from './support/lab-output';
import { aboutTheLab, sitesInMemory } from './support/synth';

// A lab of three small nodes that survives a node reboot with autoscaled workloads written as the HPA and KEDA
// documentation writes them: no replicas in the Deployment, the count left to the autoscaler, and a budget
// measured against the fewest pods the autoscaler keeps.

const NO_POLICY = { 'security.homelab.dev/no-network-policy': 'a lab of one namespace of its own, reached only by the ingress' };

/** The three-node cluster with KEDA, a Deployment `api` on an HPA of at least `minReplicas` and a budget of `minAvailable`. */
const trio = (minReplicas: number, minAvailable: number | string) => (scope: Construct) => {
  const nodes = [1, 2, 3].map((n) => host(`node${n}`, { arch: 'amd64', roles: n === 1 ? ['control-plane', 'worker'] : ['worker'], address: `192.168.20.${10 + n}` }));
  const lab = site('trio', { domain: 'trio.jdoe.dev', hosts: nodes, git: { url: 'https://github.com/jdoe/trio.git' } });
  const cluster = new ClusterChart(scope, 'main', {
    site: lab, hosts: nodes, preinstalled: [k3s({ disable: ['traefik'] })], routes: traefik(), storage: { fast: localPathStorage() }, gitops: flux(),
  });
  cluster.namespaces.ensure('web');
  keda(cluster);
  const object = (id: string, manifest: Record<string, unknown>) => new ApiObject(cluster, id, manifest as any);
  object('api', goodDeployment('api', {}, { replicas: undefined }, NO_POLICY));
  object('api-hpa', {
    apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'api', namespace: 'web' },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' }, minReplicas, maxReplicas: 6,
      metrics: ['cpu', 'memory'].map((name) => ({ type: 'Resource', resource: { name, target: { type: 'Utilization', averageUtilization: 75 } } })),
    },
  });
  object('api-budget', { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'api', namespace: 'web' }, spec: { minAvailable, selector: { matchLabels: { app: 'api' } } } });
  // The queue worker, scaled to zero while the queue is empty.
  object('worker', goodDeployment('worker', {}, { replicas: undefined }, NO_POLICY));
  object('worker-scaler', scaledObject('worker', { scaleTargetRef: { name: 'worker' }, idleReplicaCount: 0, minReplicaCount: 1, maxReplicaCount: 4, triggers: [QUEUE_TRIGGER] }));
};

/** The lab with a ScaledObject `web-queue` added for `api`, its metadata and spec's advanced settings given. */
const withScaledApi = (metadata: Record<string, unknown>, advanced?: Record<string, unknown>) => (scope: Construct) => {
  trio(3, 2)(scope);
  const cluster = scope.node.findChild('main') as ClusterChart;
  new ApiObject(cluster, 'api-queue', { ...scaledObject('api-queue', { scaleTargetRef: { name: 'api' }, minReplicaCount: 3, triggers: [QUEUE_TRIGGER], advanced }), metadata: { name: 'api-queue', namespace: 'web', ...metadata } });
};

const withRoom = trio(3, 2);
const withRoomInPercent = trio(2, '50%');
const atItsMinimum = trio(2, 2);

test("a budget under an HPA's minimum synthesizes clean, in pods or in percent", () => {
  expect(shownFindings(withRoom)).toEqual([]);
  expect(shownFindings(withRoomInPercent)).toEqual([]);
});

test("a budget that keeps the HPA's every pod at its minimum is still a warning, naming the HPA", () => {
  expect(shownFindings(atItsMinimum)).toEqual(['warning main/api-budget spec.minAvailable']);
  const [budget] = aboutTheLab(sitesInMemory(atItsMinimum).findings);
  expect(budget.message).toMatch(/at least the 2 replicas it covers at the fewest pods HorizontalPodAutoscaler web\/api scales to/);
  expect(budget.hint).toMatch(/raise the autoscaler's minimum/);
});

test("a ScaledObject that takes the HPA over by name, as KEDA's webhook allows, synthesizes clean; one beside it does not", () => {
  const takesOver = withScaledApi({ annotations: { 'scaledobject.keda.sh/transfer-hpa-ownership': 'true' } }, { horizontalPodAutoscalerConfig: { name: 'api' } });
  const beside = withScaledApi({});
  expect(shownFindings(takesOver)).toEqual([]);
  expect(shownFindings(beside)).toEqual(['error main/api-queue spec.scaleTargetRef.name']);
});

test('a second ScaledObject on the worker is refused, with the one that scales it already named', () => {
  const twice = (scope: Construct) => {
    trio(3, 2)(scope);
    const cluster = scope.node.findChild('main') as ClusterChart;
    new ApiObject(cluster, 'worker-mail', scaledObject('worker-mail', { scaleTargetRef: { name: 'worker' }, triggers: [QUEUE_TRIGGER] }));
  };
  const [second] = aboutTheLab(sitesInMemory(twice).findings);
  expect(second).toMatchObject({ constructPath: 'main/worker-mail', field: 'spec.scaleTargetRef.name', severity: 'error' });
  expect(second.message).toMatch(/ScaledObject web\/worker scales already/);
  expect(second.hint).toMatch(/one ScaledObject/);
});
