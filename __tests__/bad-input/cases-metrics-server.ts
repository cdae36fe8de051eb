import { ApiObject } from 'cdk8s';
import { App, k3s } from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labCluster } from './lab';

// An autoscaler that reads the resource metrics API in a cluster that can neither use a metrics-server of its
// distribution nor install one: it would be taken by the API server and never scale.

/** The App `web`, `autoscaling` given. */
const web = (cluster: ClusterChart, autoscaling?: { maxReplicas: number }) => new App(cluster, 'web', {
  namespace: 'web', image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], ...(autoscaling ? { autoscaling } : {}),
});

export const CASES: BadInput[] = [
  {
    name: "an App's autoscaling on K3s with its packaged metrics-server switched off",
    build: guarded((_cluster, app) => web(labCluster(app, 'ms-k3s', { preinstalled: [k3s({ disable: ['traefik', 'servicelb', 'metrics-server'] })] }), { maxReplicas: 3 })),
    layer: 'references', path: 'ms-k3s/web', field: 'autoscaling', hint: /drop 'metrics-server' from k3s\(\{ disable \}\)/,
  },
  {
    name: 'a hand-written HorizontalPodAutoscaler on CPU in a cluster without a GitOps engine to install metrics-server',
    build: guarded((_cluster, app) => {
      const cluster = labCluster(app, 'ms-bare', { gitops: undefined });
      web(cluster);
      new ApiObject(cluster, 'web-hpa', {
        apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: 'web' },
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 3,
          metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
        },
      });
    }),
    layer: 'references', path: 'ms-bare/web-hpa', field: 'spec.metrics[0].type', hint: /gitops/,
  },
];
