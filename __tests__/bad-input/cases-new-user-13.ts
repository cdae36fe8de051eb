import { AppVolume, HomelabApp } from '../../constructs';
import type { AppProps, ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// First labs of someone who ports a lab they already run (a docker-compose.yml, Helm values for an app
// template, hand-written manifests) with HomelabApp, carrying over its habits: a linuxserver.io image given
// its PUID and PGID and left to the secure defaults (the pod stopped as it started), Pi-hole's password in
// its one-word variable (committed in the clear), an init container that mounts a volume its persistence
// entry mounts into it already (reported on the rendered Deployment, not on the prop).

const app = (id: string, props: Partial<AppProps>) => guarded((cluster: ClusterChart) => {
  new HomelabApp(cluster, id, { image: 'ghcr.io/home-operations/bazarr:1.4.3', ports: [{ name: 'http', port: 6767 }], ...props });
});
const config = { volume: AppVolume.claim({ tier: 'local', size: '1Gi' }), mountPath: '/config' };

export const CASES: BadInput[] = [
  // s6-overlay could not write /run on the read-only root: the pod stopped as it started, PUID never read.
  {
    name: 'a linuxserver.io image given PUID and PGID, run as its non-root default',
    build: app('sonarr', { image: 'lscr.io/linuxserver/sonarr:4.0.14', env: { PUID: '1000', PGID: '1000', TZ: 'Europe/London' }, ports: [{ name: 'http', port: 8989 }], persistence: { config } }),
    layer: 'props', path: 'sonarr', field: 'image', hint: /runAsRoot: .*rootInitExemption\('supervisor'.*writableRootFilesystem/,
  },
  {
    name: 'a linuxserver.io image as a sidecar, run as its non-root default',
    build: app('bazarr', { sidecars: [{ name: 'syncthing', image: 'lscr.io/linuxserver/syncthing:1.27.10' }] }),
    layer: 'props', path: 'bazarr', field: 'sidecars[0].image',
  },
  // The name holds no word of its own that says password: the value went to Git in the clear.
  {
    name: "Pi-hole's WEBPASSWORD written out in env",
    build: app('pihole', { image: 'pihole/pihole:2024.07.0', env: { TZ: 'Europe/London', WEBPASSWORD: 'correct-horse-battery' }, ports: [{ name: 'http', port: 8080 }] }),
    layer: 'props', path: 'pihole', field: 'env.WEBPASSWORD',
  },
  // Reported on spec.template.spec.initContainers[0].volumeMounts[2] of the rendered Deployment.
  {
    name: "an init container's mount of a volume whose persistence entry names that container",
    build: app('bazarr', {
      initContainers: [{ name: 'chown', image: 'busybox:1.36.1', command: ['sh', '-c', 'ls /config'], mounts: [{ volume: 'config', mountPath: '/config' }] }],
      persistence: { config: { ...config, containers: ['bazarr', 'chown'] } },
    }),
    layer: 'props', path: 'bazarr', field: 'initContainers[0].mounts[0].mountPath', hint: /persistence\.config mounts it/,
  },
];
