import { App as CdkApp } from 'cdk8s';
import * as homelab from '../../constructs';
import type { BadInput } from './cases';
import { arm1, goodDeployment, gpu1, guarded, labApp, labCluster, raw } from './lab';

// Scheduling as the cluster's hosts allow it: each synthesized before, though the pods would stay Pending,
// the API server refuses them, or the finding named another field than the one written.

/** A Talos cluster whose first host is a control plane only, beside a worker. */
const talosControlPlane = homelab.host('cp1', { arch: 'amd64', roles: ['control-plane'], address: '10.0.0.5' });

/** A Deployment `web` of the lab whose pod spec `pod` extends; `spec` extends the Deployment's spec. */
const deployment = (pod: Record<string, unknown>, spec: Record<string, unknown> = {}) => (cluster: homelab.ClusterChart) => {
  raw(cluster, 'web', goodDeployment('web', pod, spec));
};

export const CASES: BadInput[] = [
  {
    name: 'placement.hosts given as an empty list',
    build: labApp('web', { placement: { hosts: [] } }),
    layer: 'inventory', path: 'web', field: 'placement.hosts',
  },
  {
    name: 'placement.preferredHost outside the hosts the placement allows',
    build: labApp('web', { placement: { hosts: [gpu1], preferredHost: arm1 } }),
    layer: 'inventory', path: 'web', field: 'placement.preferredHost',
  },
  {
    name: 'an app pinned to a control-plane-only host that Talos taints',
    build: guarded((_c: unknown, root: CdkApp) => {
      const cluster = labCluster(root, 'edge', {
        storage: {}, hosts: [talosControlPlane, arm1], preinstalled: [homelab.talos({ bringYourOwnCni: false })],
      } as any);
      new homelab.App(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', placement: { host: talosControlPlane } } as any);
    }),
    layer: 'inventory', path: 'edge/web', field: 'placement.host', hint: /allowSchedulingOnControlPlanes/,
  },
  {
    name: 'a priorityClassName no PriorityClass of the cluster has',
    build: deployment({ priorityClassName: 'homelab-critical' }),
    layer: 'references', path: 'web', field: 'spec.template.spec.priorityClassName', hint: /priorityClasses/,
  },
  {
    name: 'required pod anti-affinity on the host name with more replicas than hosts',
    build: deployment({
      affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { app: 'web' } } }] } },
      tolerations: [{ key: 'dedicated', operator: 'Exists', effect: 'NoSchedule' }],
    }, { replicas: 3 }),
    layer: 'inventory', path: 'web', field: 'spec.template.spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0]',
  },
  {
    name: 'a DoNotSchedule topology spread on a zone label no host carries',
    build: deployment({
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'web' } } }],
    }, { replicas: 2 }),
    layer: 'inventory', path: 'web', field: 'spec.template.spec.topologySpreadConstraints[0].topologyKey',
  },
];
