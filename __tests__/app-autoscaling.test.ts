import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { App, AppController, AppVolume, ClusterChart, flux, host, k3s, localPathStorage, site, traefik } from '../constructs';
import type { AppProps } from '../constructs';
import { keda, QUEUE_TRIGGER, scaledObject } from './bad-input/cases-new-user-121';
import { manifestsOf, sitesInMemory } from './support/synth';
import { shownFindings } from './support/lab-output';

// An App whose count a HorizontalPodAutoscaler sets, rendered by the App, or a KEDA ScaledObject written beside it:
// the workload leaves spec.replicas out, so the engine and the autoscaler do not fight over the count.

const WEB: AppProps = { namespace: 'web', image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }] };

/** A one-node K3s cluster with KEDA, the App `web` of `props` and what `build` adds. */
const lab = (props: Partial<AppProps>, build: (cluster: ClusterChart, app: App) => void = () => undefined) => (scope: Construct) => {
  const node = host('node1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.30.10' });
  const cluster = new ClusterChart(scope, 'main', {
    site: site('scaled', { domain: 'scaled.jdoe.dev', hosts: [node], git: { url: 'https://github.com/jdoe/scaled.git' } }),
    hosts: [node], preinstalled: [k3s({ disable: ['traefik'] })], routes: traefik(), storage: { fast: localPathStorage() }, gitops: flux(),
  });
  keda(cluster);
  build(cluster, new App(cluster, 'web', { ...WEB, ...props } as AppProps));
};

/** A KEDA ScaledObject of the Deployment `web`, scaling it to zero while the queue is empty. */
const queueScaler = (cluster: ClusterChart) => new ApiObject(cluster, 'web-queue', scaledObject('web-queue', { scaleTargetRef: { name: 'web' }, maxReplicaCount: 4, triggers: [QUEUE_TRIGGER] }));

const objects = (define: (scope: Construct) => void) => manifestsOf(sitesInMemory(define), 'scaled/main');
const find = (define: (scope: Construct) => void, kind: string) => objects(define).find((m) => m.kind === kind && m.metadata.name === 'web');

const withHpa = lab({ autoscaling: { minReplicas: 2, maxReplicas: 5, cpuUtilization: 70, memoryUtilization: 85, behavior: { scaleDownStabilizationSeconds: 600 } } });
const withDefaults = lab({ autoscaling: { maxReplicas: 3 } });
const externallyScaled = lab({ autoscaling: { external: 'KEDA ScaledObject web-queue on the job queue, to zero when idle' } }, queueScaler);
const unsaidScaler = lab({}, queueScaler);

test('autoscaling renders an autoscaling/v2 HPA of the workload, and the workload leaves replicas to it', () => {
  expect(shownFindings(withHpa)).toEqual([]);
  expect(find(withHpa, 'HorizontalPodAutoscaler')).toEqual({
    apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler',
    metadata: expect.objectContaining({ name: 'web', namespace: 'web' }),
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 5,
      metrics: [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
        { type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 85 } } },
      ],
      behavior: { scaleDown: { stabilizationWindowSeconds: 600 } },
    },
  });
  expect(find(withHpa, 'Deployment').spec.replicas).toBeUndefined();
  // Two pods at the fewest: the App's own budget lets one go.
  expect(find(withHpa, 'PodDisruptionBudget').spec.maxUnavailable).toBe(1);
});

test('an HPA without targets aims at 80 % of the CPU request, from one pod', () => {
  const spec = find(withDefaults, 'HorizontalPodAutoscaler').spec;
  expect(spec).toMatchObject({ minReplicas: 1, maxReplicas: 3, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }] });
  expect(spec.behavior).toBeUndefined();
});

test('a StatefulSet is scaled by its kind', () => {
  const stateful = lab({ controller: AppController.statefulSet(), autoscaling: { maxReplicas: 3 } });
  expect(find(stateful, 'HorizontalPodAutoscaler').spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web' });
  expect(find(stateful, 'StatefulSet').spec.replicas).toBeUndefined();
});

test('addAutoscaling does what the prop does', () => {
  const added = lab({}, (_cluster, app) => app.addAutoscaling({ maxReplicas: 3 }));
  expect(find(added, 'HorizontalPodAutoscaler').spec.maxReplicas).toBe(3);
  expect(find(added, 'Deployment').spec.replicas).toBeUndefined();
});

test('an autoscaler written beside the app: no replicas, the reason as an annotation, and no finding', () => {
  expect(shownFindings(externallyScaled)).toEqual([]);
  const deployment = find(externallyScaled, 'Deployment');
  expect(deployment.spec.replicas).toBeUndefined();
  expect(deployment.metadata.annotations).toEqual(expect.objectContaining({ 'autoscaling.homelab.dev/external': 'KEDA ScaledObject web-queue on the job queue, to zero when idle' }));
  expect(find(externallyScaled, 'HorizontalPodAutoscaler')).toBeUndefined();
});

test('without the option the App writes its replicas, and the autoscalers check still warns', () => {
  expect(find(unsaidScaler, 'Deployment').spec.replicas).toBe(1);
  // The warning on the workload's spec.replicas names the prop that wrote it.
  expect(shownFindings(unsaidScaler)).toEqual(['warning main/web replicas']);
  const [warning] = sitesInMemory(unsaidScaler).findings.filter((f) => f.field === 'replicas');
  expect(warning.hint).toMatch(/autoscaling: \{ external/);
});

test("a ReadWriteOnce claim under an HPA of several pods is the claims check's error, on maxReplicas", () => {
  const shared = lab({ autoscaling: { maxReplicas: 3 }, persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/data' } } });
  const findings = sitesInMemory(shared).findings.filter((f) => f.severity === 'error');
  expect(findings.map((f) => `${f.constructPath} ${f.field}`)).toEqual(['main/web autoscaling.maxReplicas']);
  expect(findings[0].message).toMatch(/up to 3 replicas, which share the ReadWriteOnce claim/);
});

test("KEDA's and the budgets' checks read the App's HPA as a hand-written one", () => {
  const both = lab({ autoscaling: { maxReplicas: 3 } }, queueScaler);
  expect(shownFindings(both)).toEqual(['error main/web-queue spec.scaleTargetRef.name']);
  const budgeted = lab({ autoscaling: { minReplicas: 2, maxReplicas: 4 } }, (cluster) => new ApiObject(cluster, 'budget', {
    apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web-strict', namespace: 'web' },
    spec: { minAvailable: 2, selector: { matchLabels: { 'app.kubernetes.io/name': 'web' } } },
  }));
  const findings = sitesInMemory(budgeted).findings.filter((f) => f.constructPath === 'main/budget');
  expect(findings.map((f) => `${f.severity} ${f.field}`)).toEqual(expect.arrayContaining(['warning spec.minAvailable']));
  expect(findings.find((f) => f.field === 'spec.minAvailable')!.message).toMatch(/HorizontalPodAutoscaler web\/web scales to/);
});
