import { App, Tenant } from '../../constructs';
import type { BadInput } from './cases';
import { raw } from './lab';

// What the API server's admission chain (and the eviction API) refuses although every object is well
// formed on its own: server-owned metadata, budgets and autoscalers over the wrong pods, quotas the pods
// cannot meet.

const webApp = (cluster: Parameters<BadInput['build']>[0], props: Record<string, unknown> = {}) =>
  new App(cluster, 'hello', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }], ...props } as any);
const budget = (spec: Record<string, unknown>) => ({
  apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'p', namespace: 'web' },
  spec: { selector: { matchLabels: { 'app.kubernetes.io/name': 'hello' } }, ...spec },
});

export const CASES: BadInput[] = [
  // 1. metadata the API server owns
  {
    name: 'a ConfigMap copied from kubectl get with its managedFields',
    build: (c) => raw(c, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c1', namespace: 'web', managedFields: [{ manager: 'x', operation: 'Apply' }] }, data: { a: 'b' } }),
    layer: 'schema', path: 'cm', field: 'metadata.managedFields', hint: /API server sets it/,
  },
  {
    name: 'a ConfigMap with a resourceVersion written by hand',
    build: (c) => raw(c, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c1', namespace: 'web', resourceVersion: '123' }, data: { a: 'b' } }),
    layer: 'schema', path: 'cm', field: 'metadata.resourceVersion',
  },
  {
    name: 'a ConfigMap with a creationTimestamp written by hand',
    build: (c) => raw(c, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c1', namespace: 'web', creationTimestamp: '2024-01-01T00:00:00Z' }, data: { a: 'b' } }),
    layer: 'schema', path: 'cm', field: 'metadata.creationTimestamp',
  },
  // 2. PodDisruptionBudgets
  {
    name: 'a second PodDisruptionBudget over an app that makes its own',
    build: (c) => {
      webApp(c, { replicas: 2 });
      raw(c, 'pdb', budget({ maxUnavailable: 1 }));
    },
    layer: 'references', path: 'pdb', field: 'spec.selector', hint: /app makes its own/,
  },
  {
    name: 'two hand-written PodDisruptionBudgets over one app',
    build: (c) => {
      webApp(c);
      raw(c, 'pdb', budget({ maxUnavailable: 1 }));
      raw(c, 'pdb2', { ...budget({ maxUnavailable: 1 }), metadata: { name: 'p2', namespace: 'web' } });
    },
    layer: 'references', path: 'pdb2', field: 'spec.selector',
  },
  // 3. HorizontalPodAutoscalers
  {
    name: 'an autoscaler of a Deployment the cluster does not have',
    build: (c) => {
      webApp(c);
      raw(c, 'hpa', {
        apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h', namespace: 'web' },
        spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'nothere' }, minReplicas: 1, maxReplicas: 3 },
      });
    },
    layer: 'references', path: 'hpa', field: 'spec.scaleTargetRef.name', hint: /hello/,
  },
  // 4. ResourceQuotas
  {
    name: 'a quota on limits.cpu over an app that states no CPU limit',
    build: (c) => {
      raw(c, 'q', { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'web' }, spec: { hard: { 'limits.cpu': '4', 'requests.memory': '4Gi' } } });
      webApp(c);
    },
    layer: 'references', path: 'hello', field: 'resources', hint: /resources\.cpuLimit/,
  },
  {
    name: 'a tenant quota that fits the replicas but not the pod a rollout adds',
    build: (c) => {
      const tenant = new Tenant(c, 'team', { namespace: 'team', owner: 'team', quota: { requestsMemory: '1Gi', limitsMemory: '1Gi', pods: 10 } });
      webApp(c, { namespace: 'team', labels: tenant.labels, replicas: 2 });
    },
    layer: 'policy', path: 'team', field: 'quota.limitsMemory', hint: /maxSurge/,
  },
  {
    name: 'a hand-written quota whose memory one pod of the app already requests more of',
    build: (c) => {
      raw(c, 'q', { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'web' }, spec: { hard: { 'requests.memory': '1Gi' } } });
      webApp(c, { resources: { memoryRequest: '2Gi', memoryLimit: '2Gi', cpuLimit: '500m' } });
    },
    layer: 'policy', path: 'q', field: 'spec.hard["requests.memory"]', hint: /raise the quota/,
  },
  {
    name: 'a hand-written quota of fewer pods than the app has replicas',
    build: (c) => {
      raw(c, 'q', { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'web' }, spec: { hard: { pods: '2' } } });
      webApp(c, { replicas: 3 });
    },
    layer: 'policy', path: 'q', field: 'spec.hard["pods"]',
  },
  {
    name: 'a hand-written quota on cpu (its requests) below the app\'s CPU request',
    build: (c) => {
      raw(c, 'q', { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'web' }, spec: { hard: { cpu: '500m' } } });
      webApp(c, { resources: { cpuRequest: '1', cpuLimit: '1', memoryLimit: '256Mi' } });
    },
    layer: 'policy', path: 'q', field: 'spec.hard["cpu"]',
  },
];
