import { App, AppVolume, ClusterChart } from '../../constructs';
import type { AppProps } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// s6-overlay 3 images run as their user, as their docs allow, with an emptyDir at /run: Kubernetes makes it root's
// and world-writable without the sticky bit, and s6-overlay's preinit, unable to take it without privileges, stops
// the container unless its Kubernetes switch is set.

const S6 = 'S6_YES_I_WANT_A_WORLD_WRITABLE_RUN_BECAUSE_KUBERNETES';

/** The App `app` of `image` on `port`, run as its non-root default with an emptyDir at /run, `env` given. */
const asUser = (image: string, port: number, env: AppProps['env'] = {}) => guarded((cluster: ClusterChart) => new App(cluster, 'app', {
  image, ports: [{ name: 'http', port }], env,
  persistence: { run: { volume: AppVolume.emptyDir(), mountPath: '/run' }, config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/config' } },
}));

export const CASES: BadInput[] = [
  {
    name: 'a linuxserver.io image run as its user with an emptyDir at /run and no word to s6-overlay',
    build: asUser('lscr.io/linuxserver/sonarr:4.0.14', 8989), layer: 'props', path: 'app', field: `env.${S6}`, hint: new RegExp(`${S6}: '1'`),
  },
  {
    name: "Paperless-ngx 2.17 run as its user with an emptyDir at /run and s6-overlay's switch written as true",
    build: asUser('ghcr.io/paperless-ngx/paperless-ngx:2.17.1', 8000, { [S6]: 'true' }), layer: 'props', path: 'app', field: `env.${S6}`, message: /"true", not a number/,
  },
  {
    name: 'a linuxserver.io image run as its user on a writable root alone',
    build: guarded((cluster: ClusterChart) => new App(cluster, 'app', {
      image: 'lscr.io/linuxserver/radarr:5.8.3', ports: [{ name: 'http', port: 7878 }], exemptions: { writableRootFilesystem: 's6-overlay writes its service tree under /run' },
      persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/config' } },
    })),
    layer: 'props', path: 'app', field: 'image', message: /even on a writable root/, hint: /runAsRoot/,
  },
];
