import { App as CdkApp } from 'cdk8s';
import {
  App, AppDevice, ClusterChart, CROSSPLANE_PROVIDERS, CrossplaneProviders, flux, HomeAssistantVm, traefik,
} from '../../constructs';
import type { AppProps, CrossplaneProviderPackage } from '../../constructs';
import { mobius, n5 } from '../../hosts/mobius';
import type { BadInput } from './cases';
import { goodContainer, goodDeployment, guarded, raw } from './lab';

// A home lab's virtual machines, autoscaling, quotas and platform packages written from the README alone, by
// someone who has just found the library: each mistake as a newcomer makes it, often in untyped JavaScript
// (`as any`), where it crashed, was taken without a word or was reported on the wrong field.

/** A cluster `vms` of N5 with its `vms` pool as a storage tier, for the Home Assistant VM. */
const vmCluster = (app: CdkApp) => new ClusterChart(app, 'vms', { site: mobius, hosts: [n5], routes: traefik({ nodePorts: true }), storage: { vm: n5.zfs.vms }, gitops: flux() });

/** Home Assistant's VM on N5's IoT bridge, `props` changed; `disk` replaces its root disk. */
const homeAssistant = (props: Record<string, unknown>, disk?: (pool: typeof n5.zfs.vms) => unknown) => guarded((_c: ClusterChart, app: CdkApp) => new HomeAssistantVm(vmCluster(app), 'home-assistant', {
  disk: disk ? disk(n5.zfs.vms) : n5.zfs.vms.existingVolume('homeassistant', { size: '256Gi' }),
  iot: { bridge: n5.bridges.bridge64, address: '192.168.64.2' }, ...props,
} as any));

/** A hand-written VM `w` whose cloud-init volume carries `cloudInit`. */
const vmWithCloudInit = (cloudInit: Record<string, unknown>) => (c: ClusterChart) => raw(c, 'w', {
  apiVersion: 'kubevirt.io/v1', kind: 'VirtualMachine', metadata: { name: 'vm', namespace: 'web' },
  spec: {
    runStrategy: 'Always',
    template: { spec: { domain: { devices: { disks: [{ name: 'ci', disk: { bus: 'virtio' } }] }, memory: { guest: '1Gi' } }, volumes: [{ name: 'ci', cloudInitNoCloud: cloudInit }] } },
  },
});

/** A HorizontalPodAutoscaler `web` of namespace `web` that scales `target` between one and three pods. */
const autoscaler = (target: Record<string, unknown>) => ({
  apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: 'web' },
  spec: { scaleTargetRef: target, minReplicas: 1, maxReplicas: 3, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }] },
});

/** The good Deployment `web` (of `replicas`, none for an autoscaler to own) and the hand-written object `w`. */
const besideDeployment = (manifest: Record<string, unknown>, replicas?: number) => (c: ClusterChart) => {
  raw(c, 'workload', goodDeployment('web', { containers: [goodContainer()] }, { replicas }));
  raw(c, 'w', manifest);
};

/** An App `web` of a rootless web server, `props` added. */
const web = (props: Partial<AppProps>) => guarded((c: ClusterChart) => new App(c, 'web', {
  image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], ...props,
} as AppProps));

export const CASES: BadInput[] = [
  // The Home Assistant VM's disk and interfaces.
  {
    name: 'an existing zvol given without its size',
    build: homeAssistant({}, (pool) => (pool as any).existingVolume('homeassistant')),
    layer: 'props', path: 'home-assistant', field: 'disk.size', hint: /existingVolume\('homeassistant', \{ size: '256Gi' \}\)/,
  },
  {
    name: 'an existing zvol given its size where its options belong',
    build: homeAssistant({}, (pool) => (pool as any).existingVolume('homeassistant', '32Gi')),
    layer: 'props', path: 'home-assistant', field: 'disk.size', message: /"32Gi" where its options belong/, hint: /\{ size: '32Gi' \}/,
  },
  {
    name: 'a VM pod interface given the MAC address its IoT interface takes by default',
    build: homeAssistant({ podMacAddress: '02:00:c0:a8:40:02' }),
    layer: 'props', path: 'home-assistant', field: 'podMacAddress', message: /derived from iot\.address/,
  },
  {
    name: 'a VM IoT interface given the MAC address its pod interface takes by default',
    build: homeAssistant({ iot: { bridge: n5.bridges.bridge64, address: '192.168.64.2', macAddress: '02:01:C0:A8:40:02' } }),
    layer: 'props', path: 'home-assistant', field: 'iot.macAddress',
  },
  // A hand-written VM's cloud-init user data, as a newcomer copies it from a tutorial without its first line.
  {
    name: 'cloud-init user data without its #cloud-config line',
    build: vmWithCloudInit({ userData: 'users:\n  - name: admin\n    ssh_authorized_keys:\n      - ssh-ed25519 AAAAC3Nza admin@laptop\n' }),
    layer: 'schema', path: 'w', field: 'spec.template.spec.volumes[0].cloudInitNoCloud.userData', hint: /#cloud-config/,
  },
  {
    name: 'base64 cloud-init user data without its #cloud-config line',
    build: vmWithCloudInit({ userDataBase64: Buffer.from('ssh_authorized_keys:\n  - ssh-ed25519 AAAAC3Nza admin@laptop\n').toString('base64') }),
    layer: 'schema', path: 'w', field: 'spec.template.spec.volumes[0].cloudInitNoCloud.userDataBase64', message: /ssh_authorized_keys/,
  },

  // Crossplane Providers written by hand.
  {
    name: 'a Crossplane provider whose CRD groups are written as their names',
    build: guarded((c: ClusterChart) => new CrossplaneProviders(c, 'xp', [{ name: 'provider-aws-s3', package: 'xpkg.upbound.io/upbound/provider-aws-s3:v1.21.0', crds: ['s3.aws.upbound.io'] } as any])),
    layer: 'props', path: 'xp', field: 'providers[0].crds[0]',
  },
  {
    name: 'a Crossplane provider whose CRD kinds are one word',
    build: guarded((c: ClusterChart) => new CrossplaneProviders(c, 'xp', [{ name: 'provider-aws-s3', package: 'xpkg.upbound.io/upbound/provider-aws-s3:v1.21.0', crds: [{ group: 's3.aws.upbound.io', kinds: 'Bucket' }] } as any])),
    layer: 'props', path: 'xp', field: 'providers[0].crds[0].kinds', hint: /\['Bucket'\]/,
  },
  {
    name: 'a Crossplane provider given as its package reference alone',
    build: guarded((c: ClusterChart) => new CrossplaneProviders(c, 'xp', ['xpkg.upbound.io/upbound/provider-aws-s3:v1.21.0' as unknown as CrossplaneProviderPackage])),
    layer: 'props', path: 'xp', field: 'providers[0]', hint: /name: 'provider-aws-s3', package:/,
  },
  {
    name: 'a Crossplane provider granted a role by its package entry',
    build: guarded((c: ClusterChart) => new CrossplaneProviders(c, 'xp', [CROSSPLANE_PROVIDERS.kubernetes])
      .grantClusterRole(CROSSPLANE_PROVIDERS.kubernetes as unknown as string, { clusterRole: 'edit', reason: 'composes namespaces' })),
    layer: 'props', path: 'xp', field: 'providerName', hint: /grantClusterRole\('provider-kubernetes'/,
  },
  // Autoscalers and disruption budgets written by hand beside a Deployment.
  {
    name: 'an autoscaler of a DaemonSet',
    build: (c) => {
      raw(c, 'workload', { ...goodDeployment(), kind: 'DaemonSet', spec: { ...(goodDeployment().spec as object), replicas: undefined } });
      raw(c, 'w', autoscaler({ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'web' }));
    },
    layer: 'references', path: 'w', field: 'spec.scaleTargetRef.kind', message: /no scale subresource/,
  },
  {
    name: 'an autoscaler whose target kind is in lower case',
    build: besideDeployment(autoscaler({ apiVersion: 'apps/v1', kind: 'deployment', name: 'web' })),
    layer: 'references', path: 'w', field: 'spec.scaleTargetRef.kind', hint: /kind: 'Deployment'/,
  },
  {
    name: 'an autoscaler whose target kind is the resource name',
    build: besideDeployment(autoscaler({ apiVersion: 'apps/v1', kind: 'deployments', name: 'web' })),
    layer: 'references', path: 'w', field: 'spec.scaleTargetRef.kind', hint: /kind: 'Deployment'/,
  },
  {
    name: 'an autoscaler whose target has no apiVersion',
    build: besideDeployment(autoscaler({ kind: 'Deployment', name: 'web' })),
    layer: 'references', path: 'w', field: 'spec.scaleTargetRef.apiVersion', hint: /apiVersion: 'apps\/v1'/,
  },
  {
    name: 'a disruption budget without a selector',
    build: besideDeployment({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web', namespace: 'web' }, spec: { maxUnavailable: 1 } }, 3),
    layer: 'references', path: 'w', field: 'spec.selector', message: /no selector/,
  },
  // A quota on GPUs written as a quota on memory is.
  {
    name: 'a quota on the limits of a GPU',
    build: (c) => raw(c, 'w', { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'gpus', namespace: 'web' }, spec: { hard: { 'limits.nvidia.com/gpu': 1 } } }),
    layer: 'schema', path: 'w', field: 'spec.hard.limits.nvidia.com/gpu', hint: /requests\.nvidia\.com\/gpu/,
  },
  {
    name: 'a quota on a GPU named without requests.',
    build: (c) => raw(c, 'w', { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'gpus', namespace: 'web' }, spec: { hard: { 'nvidia.com/gpu': 1 } } }),
    layer: 'schema', path: 'w', field: 'spec.hard.nvidia.com/gpu', hint: /requests\.nvidia\.com\/gpu/,
  },
  // Exemptions and GPUs of an app.
  {
    name: 'an app exempted to add an empty list of capabilities',
    build: web({ exemptions: { addCapabilities: { capabilities: [], reason: 'binds the DNS port' } } }),
    layer: 'props', path: 'web', field: 'exemptions.addCapabilities.capabilities',
  },
  {
    name: 'an app asking for one vendor\'s GPU and placed by another\'s',
    build: web({ gpu: { vendor: 'nvidia' }, placement: { gpu: 'amd' } }),
    layer: 'props', path: 'web', field: 'placement.gpu', message: /would be ignored/,
  },
  {
    name: 'an app asking for its GPU twice, by gpu and as a device plugin\'s resource',
    build: web({ gpu: { vendor: 'nvidia', count: 1 }, devices: [AppDevice.plugin('nvidia.com/gpu', 2)] }),
    layer: 'props', path: 'web', field: 'devices[0]', hint: /gpu: \{ vendor: 'nvidia', count \}/,
  },
];
