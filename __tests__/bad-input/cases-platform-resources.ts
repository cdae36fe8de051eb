import { hostPlacement, metalLb, renovate } from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { arm1, guarded, lab, labCluster } from './lab';

// Sizes a user gives a platform component are checked as an App's resources are: units, and a request
// no larger than its limit; the finding names the cluster's option and the size written.

/** A lab cluster `id` whose MetalLB is sized with `resources`. */
const sizedMetalLb = (id: string, resources: Record<string, unknown>) => guarded((_c: unknown, app: Parameters<typeof labCluster>[0]) => {
  labCluster(app, id, { loadBalancer: metalLb({ pools: [lab.pools.vips, lab.pools.dns], resources }) });
});

/** Renovate in the lab, sized with `resources`. */
const sizedRenovate = (resources: Record<string, unknown>) => guarded((cluster: ClusterChart) => {
  cluster.platform.require(renovate({ placement: hostPlacement(arm1), repositories: ['me/lab'], tokenSecret: 'renovate-token', resources }));
});

export const CASES: BadInput[] = [
  {
    name: "MetalLB's memory request in docker's spelling",
    build: sizedMetalLb('res-docker', { memoryRequest: '64m' }),
    layer: 'props', path: 'res-docker', field: 'loadBalancer.resources.memoryRequest', hint: /64Mi/,
  },
  {
    name: "MetalLB's memory request above its memory limit",
    build: sizedMetalLb('res-above', { memoryRequest: '512Mi', memoryLimit: '256Mi' }),
    layer: 'props', path: 'res-above', field: 'loadBalancer.resources.memoryRequest', hint: /at most 256Mi/,
  },
  {
    name: "MetalLB's CPU request as a count of cores past any host's",
    build: sizedMetalLb('res-cpu', { cpuRequest: '100' }),
    layer: 'props', path: 'res-cpu', field: 'loadBalancer.resources.cpuRequest',
  },
  {
    name: "MetalLB's sizes in Kubernetes' form",
    build: sizedMetalLb('res-form', { requests: { cpu: '10m' } }),
    layer: 'props', path: 'res-form', field: 'loadBalancer.resources.requests',
  },
  {
    name: "Renovate's CPU request above its CPU limit",
    build: sizedRenovate({ cpuRequest: '500m', cpuLimit: '200m' }),
    layer: 'props', path: 'platform', field: 'components.renovate.resources.cpuRequest', hint: /at most 200m/,
  },
  {
    name: "Renovate's memory limit as a bare byte count",
    build: sizedRenovate({ memoryLimit: 1073741824 }),
    layer: 'props', path: 'platform', field: 'components.renovate.resources.memoryLimit', hint: /1Gi/,
  },
];
