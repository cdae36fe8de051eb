import { App, ClusterChart } from '../constructs';
import { podWithContainer, raw } from './bad-input/lab';
import { labErrors } from './support/lab-errors';

// Valid apps and workloads as home-labbers write them, which the rules on resources must let through.

const errorsOf = labErrors;

/** A LimitRange `pods` in namespace `web` with one Pod item. */
const podItem = (cluster: ClusterChart, item: Record<string, unknown>) =>
  raw(cluster, 'lr', { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'pods', namespace: 'web' }, spec: { limits: [{ type: 'Pod', ...item }] } });

test('a GPU requested and limited alike, as the device plugin docs allow, is no error', () => {
  const resources = { requests: { cpu: '50m', memory: '64Mi', 'nvidia.com/gpu': '1' }, limits: { memory: '128Mi', 'nvidia.com/gpu': '1' } };
  expect(errorsOf((cluster) => raw(cluster, 'w', podWithContainer({ resources }, { nodeSelector: { 'kubernetes.io/hostname': 'gpu1' } })))).toEqual([]);
});

test('an app with a sidecar within a pod ratio of memory, summed over the pod, is no error', () => {
  expect(errorsOf((cluster) => {
    podItem(cluster, { maxLimitRequestRatio: { memory: '4' }, max: { memory: '2Gi' } });
    new App(cluster, 'web', {
      image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }], resources: { memoryRequest: '256Mi', memoryLimit: '1Gi' },
      sidecars: [{ name: 'exporter', image: 'nginx/nginx-prometheus-exporter:1.3.0', resources: { memoryRequest: '32Mi', memoryLimit: '32Mi' } }],
    });
  })).toEqual([]);
});
