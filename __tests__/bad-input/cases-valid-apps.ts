import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { CONTAINER, labApp, podWithContainer, raw } from './lab';

// Apps and workloads that a rule missed while valid neighbours of them pass: each refused on the
// container the user would change.

/** An App `web` in namespace `web` under a LimitRange `pods` whose one Pod item is `item`; `props` change the app. */
const underPodItem = (item: Record<string, unknown>, props: Record<string, unknown>) => (cluster: ClusterChart) => {
  raw(cluster, 'lr', { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'pods', namespace: 'web' }, spec: { limits: [{ type: 'Pod', ...item }] } });
  labApp('web', { namespace: 'web', ...props })(cluster);
};

export const CASES: BadInput[] = [
  // A Pod item's maxLimitRequestRatio is judged on the pod's summed requests and limits, as the LimitRanger does.
  {
    name: 'an app whose memory limit is more times its request than a pod ratio allows',
    build: underPodItem({ maxLimitRequestRatio: { memory: '2' } }, { resources: { memoryRequest: '128Mi', memoryLimit: '512Mi' } }),
    layer: 'references', path: 'web', field: 'resources.memoryLimit', hint: /at most 256Mi in all/,
  },
  {
    name: 'an app without a CPU limit under a pod ratio of CPU',
    build: underPodItem({ maxLimitRequestRatio: { cpu: '4' } }, {}),
    layer: 'references', path: 'web', field: 'resources.cpuLimit', hint: /cpu limit/,
  },
  // A GPU requested equal to its limit is valid; one requested without a limit is what the API server refuses.
  {
    name: 'a GPU requested without a limit',
    build: (c) => raw(c, 'w', podWithContainer({ resources: { requests: { cpu: '1', memory: '1Gi', 'nvidia.com/gpu': 1 }, limits: { memory: '1Gi' } } })),
    layer: 'schema', path: 'w', field: `${CONTAINER}.resources.limits.nvidia.com/gpu`, hint: /as a limit of 1/,
  },
];
