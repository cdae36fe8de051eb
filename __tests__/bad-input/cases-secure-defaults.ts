import { AppController, ChartRelease, MediaContainers, noNetworkPolicy } from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { CONTAINER, goodContainer, goodDeployment, gpu1, guarded, labApp, raw } from './lab';

// Insecure settings reached without their typed exemption, by the roads a user has: hand-written pods,
// Knative Services, Helm values, an app's runAsUser and the media containers' PUID. Each synthesized before
// though Pod Security admission (or the kubelet) refuses the pods.

const SPEC = 'spec.template.spec';
/** The good Deployment whose container's securityContext gets `change`, and whose pod gets `pod`. */
const withContext = (change: Record<string, unknown>, pod: Record<string, unknown> = {}, annotations?: Record<string, string>) => (cluster: ClusterChart) =>
  raw(cluster, 'workload', goodDeployment('web', {
    containers: [goodContainer({ securityContext: { ...goodContainer().securityContext as object, ...change } })], ...pod,
  }, {}, annotations));
const podContext = (change: Record<string, unknown>) => ({ securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' }, ...change } });
const chart = (values: Record<string, unknown>) => (cluster: ClusterChart) => new ChartRelease(cluster, 'netdata', {
  namespace: 'monitoring', chart: { repository: 'https://netdata.github.io/helmchart', chart: 'netdata', version: '3.7.100' }, values,
  network: noNetworkPolicy('the agents report to the parent on a port the chart picks'),
});
const media = { puid: 0, pgid: 0, tz: 'UTC', configDir: '/srv/config', dataDir: '/srv/data', storageDir: '/srv/storage' };

export const CASES: BadInput[] = [
  // Pod Security baseline settings no check read
  { name: 'a container that mounts /proc Unmasked', build: withContext({ procMount: 'Unmasked' }), layer: 'policy', path: 'workload', field: `${CONTAINER}.securityContext.procMount` },
  { name: 'a container with the AppArmor profile Unconfined', build: withContext({ appArmorProfile: { type: 'Unconfined' } }), layer: 'policy', path: 'workload', field: `${CONTAINER}.securityContext.appArmorProfile.type` },
  {
    name: 'a container made unconfined by the AppArmor annotation',
    build: withContext({}, {}, { 'container.apparmor.security.beta.kubernetes.io/web': 'unconfined' }),
    layer: 'policy', path: 'workload', field: 'spec.template.metadata.annotations.container.apparmor.security.beta.kubernetes.io/web',
  },
  { name: 'a container that runs as the SELinux type spc_t', build: withContext({ seLinuxOptions: { type: 'spc_t' } }), layer: 'policy', path: 'workload', field: `${CONTAINER}.securityContext.seLinuxOptions` },
  { name: 'a container run as a Windows host process', build: withContext({ windowsOptions: { hostProcess: true } }), layer: 'policy', path: 'workload', field: `${CONTAINER}.securityContext.windowsOptions.hostProcess` },
  {
    name: "a pod's runAsUser 0 that its container overrides",
    build: withContext({ runAsUser: 1000 }, podContext({ runAsUser: 0 })),
    layer: 'policy', path: 'workload', field: `${SPEC}.securityContext.runAsUser`, hint: /runAsRoot/,
  },
  {
    name: "a pod's Unconfined seccomp profile that its container overrides",
    build: withContext({}, podContext({ seccompProfile: { type: 'Unconfined' } })),
    layer: 'policy', path: 'workload', field: `${SPEC}.securityContext.seccompProfile.type`,
  },
  // Knative Services are pods too
  {
    name: 'a hand-written Knative Service that adds NET_ADMIN',
    build: (cluster) => raw(cluster, 'kn', {
      apiVersion: 'serving.knative.dev/v1', kind: 'Service', metadata: { name: 'kn', namespace: 'web' },
      spec: { template: { spec: { containers: [{ image: 'nginxinc/nginx-unprivileged:1.27.0', securityContext: { ...goodContainer().securityContext as object, capabilities: { drop: ['ALL'], add: ['NET_ADMIN'] } } }] } } },
    }),
    layer: 'policy', path: 'kn', field: 'spec.template.spec.containers[0].securityContext.capabilities.add[0]',
  },
  // An app's runAsUser 0 is root without the exemption (the kubelet refuses runAsNonRoot with uid 0)
  { name: 'an app with runAsUser 0 and no runAsRoot exemption', build: guarded(labApp('web', { runAsUser: 0 })), layer: 'props', path: 'web', field: 'runAsUser', hint: /runAsRoot/ },
  {
    name: 'a privileged app with runAsUser 0 and no runAsRoot exemption',
    build: guarded(labApp('web', { runAsUser: 0, exemptions: { privileged: 'drives the host network' } })), layer: 'props', path: 'web', field: 'runAsUser',
  },
  {
    name: 'a Knative app with runAsUser 0',
    build: guarded(labApp('web', { runAsUser: 0, controller: AppController.knative() })), layer: 'props', path: 'web', field: 'runAsUser',
  },
  {
    name: 'a sidecar added later with runAsUser 0',
    build: guarded((cluster: ClusterChart) => labApp('web')(cluster).addSidecar({ name: 'vpn', image: 'qmcgaw/gluetun:v3.39.1', runAsUser: 0 })),
    layer: 'props', path: 'web', field: 'addSidecar.runAsUser',
  },
  {
    name: 'media settings with puid 0 for an image that runs as PUID',
    build: guarded((cluster: ClusterChart) => new MediaContainers(cluster, 'media', { settings: media, containers: { jellyfin: { image: 'jellyfin/jellyfin:10.10.3', host: gpu1, listenPort: 8096 } } })),
    layer: 'props', path: 'media', field: 'settings.puid', hint: /runAsRoot/,
  },
  // Helm values asking the chart's pods for what the namespace refuses
  { name: 'chart values that make a container privileged', build: chart({ child: { securityContext: { privileged: true } } }), layer: 'policy', path: 'netdata', field: 'values.child.securityContext.privileged', hint: /namespaces\.ensure\('monitoring'/ },
  { name: 'chart values that put the pods on the host network', build: chart({ hostNetwork: true }), layer: 'policy', path: 'netdata', field: 'values.hostNetwork' },
  { name: 'chart values that run the pods as root', build: chart({ podSecurityContext: { runAsUser: 0 } }), layer: 'policy', path: 'netdata', field: 'values.podSecurityContext.runAsUser' },
  {
    name: 'chart values that add SYS_ADMIN',
    build: chart({ containerSecurityContext: { capabilities: { add: ['SYS_ADMIN'] } } }), layer: 'policy', path: 'netdata', field: 'values.containerSecurityContext.capabilities.add',
  },
];
