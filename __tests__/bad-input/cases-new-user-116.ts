import { App, ClusterChart } from '../../constructs';
import type { AppProps } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// A new user moves the app-template HelmReleases of a Flux repository (qBittorrent, its qbtools CronJobs, Home
// Assistant) to this library from the README alone. Each mistake passed synthesis with a wrong hint, or none:
// the entry the hint wrote was refused again, or a Reloader annotation written as a label restarted nothing.

/** qbtools' image, as the HelmReleases pin it, with `props` added. */
const qbtools = (id: string, props: Record<string, unknown>) => guarded((cluster: ClusterChart) => new App(cluster, id, {
  image: 'ghcr.io/buroa/qbtools:v0.19.16', args: ['orphaned', '--exclude-pattern', '*_unpackerred*'], ...props,
} as unknown as AppProps));

export const CASES: BadInput[] = [
  {
    name: "app-template's image volume (qbittorrent's qbrr scripts), which the hint wrote as an empty claim",
    build: qbtools('qbittorrent', { persistence: { qbrr: { type: 'image', image: 'ghcr.io/buroa/qbrr:0.0.29' } } }),
    layer: 'props', path: 'qbittorrent', field: 'persistence.qbrr',
    hint: /initContainers: \[\{ name: 'qbrr', image: 'ghcr\.io\/buroa\/qbrr:0\.0\.29'.*volume: AppVolume\.emptyDir\(\), mountPath: '\/qbrr', containers: \['<app>', 'qbrr'\]/,
  },
  {
    name: "app-template's NFS item mounted by advancedMounts with a subPath, whose hint wrote the subPath beside mountPath and the container 'app'",
    build: qbtools('orphaned', {
      persistence: {
        media: {
          type: 'nfs', server: 'expanse.internal', path: '/mnt/eros/Media',
          advancedMounts: { orphaned: { app: [{ path: '/media/Downloads/qbittorrent', subPath: 'Downloads/qbittorrent' }] } },
        },
      },
    }),
    layer: 'props', path: 'orphaned', field: 'persistence.media',
    hint: /mounts: \[\{ mountPath: '\/media\/Downloads\/qbittorrent', subPath: 'Downloads\/qbittorrent' \}\] \} \}$/,
  },
  {
    name: "Reloader's reloader.stakater.com/auto written among the app's labels",
    build: qbtools('qbtools-reannounce', { args: ['reannounce', '--process-seeding'], labels: { 'reloader.stakater.com/auto': 'true' } }),
    layer: 'props', path: 'qbtools-reannounce', field: 'labels.reloader.stakater.com/auto', hint: /restartOnConfigChange: true/,
  },
  {
    name: "Reloader's secret annotation written as the app's annotations, as app-template's controller takes them",
    build: qbtools('qbtools-limiter', { args: ['limiter', '--interval', '5'], annotations: { 'secret.reloader.stakater.com/reload': 'qbtools-secret' } }),
    layer: 'props', path: 'qbtools-limiter', field: 'annotations', hint: /restartOnConfigChange: true/,
  },
];
