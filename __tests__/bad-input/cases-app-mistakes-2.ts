import type { AppProps, ClusterChart, HomelabApp } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labApp } from './lab';

// Mistakes a new user makes with an app's containers and volumes, each named on the app and the prop or call
// they wrote: containers added after construction, one claim volume given twice, volume factories given
// what they do not take, and host paths of what is no folder.

/** The app `web` of the lab, changed by `change` after construction. */
const changed = (change: (app: HomelabApp) => unknown, props: Partial<AppProps> = {}) => guarded((c: ClusterChart) => change(labApp('web', props)(c)));

export const CASES: BadInput[] = [
  // Containers added after construction: named on the app and the container, not on the rendered workload.
  {
    name: 'a container added with addContainer on an image without a tag',
    build: changed((app) => app.addContainer({ name: 'side', image: 'busybox' })),
    layer: 'policy', path: 'web', field: 'containers.side.image', hint: /pin a version tag/,
  },
  {
    name: 'a sidecar added with addSidecar on the latest tag',
    build: changed((app) => app.addSidecar({ name: 'proxy', image: 'nginxinc/nginx-unprivileged:latest' })),
    layer: 'policy', path: 'web', field: 'containers.proxy.image',
  },
  {
    name: 'an empty command of a container added with addContainer',
    build: changed((app) => app.addContainer({ name: 'side', image: 'busybox:1.36.1', command: [] })),
    layer: 'props', path: 'web', field: 'addContainer.command', hint: /leave command out/,
  },
  {
    name: "an empty command beside args of a sidecar, as compose's entrypoint: [] clears the entrypoint",
    build: guarded(labApp('web', { sidecars: [{ name: 'side', image: 'busybox:1.36.1', command: [], args: ['sh', '-c', 'sleep 3600'] }] })),
    layer: 'props', path: 'web', field: 'sidecars[0].command', hint: /command: \['sh', '-c', 'sleep 3600'\], and leave args out/,
  },
  {
    name: 'an empty command of the main container',
    build: guarded(labApp('web', { command: [] })),
    layer: 'props', path: 'web', field: 'command', message: /image's entrypoint would run/,
  },
];
