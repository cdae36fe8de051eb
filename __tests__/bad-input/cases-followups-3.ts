import { App, AppVolume } from '../../constructs';
import { besideWeb, guarded } from './lab';
import type { BadInput } from './cases';

// Gitea's and Forgejo's SSH listens on 2222 in the rootless image and on 22 in the root one: the port of one
// image, declared with the other, leaves clones over SSH reaching nothing.

/** The folders the rootless image writes: its data and app.ini. */
const ROOTLESS_VOLUMES = {
  data: { volume: AppVolume.emptyDir(), mountPath: '/var/lib/gitea' }, config: { volume: AppVolume.emptyDir(), mountPath: '/etc/gitea' },
};

export const CASES: BadInput[] = [
  {
    name: "Gitea's rootless image with SSH declared on port 22, where its root image listens",
    build: guarded((cluster) => new App(cluster, 'gitea', {
      image: 'gitea/gitea:1.22.3-rootless', runAsUser: 1000, runAsGroup: 1000, persistence: ROOTLESS_VOLUMES,
      ports: [{ name: 'http', port: 3000 }, { name: 'ssh', port: 22 }],
    })),
    layer: 'props', path: 'gitea', field: 'ports[1].port', hint: /\{ name: 'ssh', port: 2222, servicePort: 22 \}/, message: /listens on port 2222/,
  },
  {
    name: "Gitea's root image with SSH declared on 2222, where its rootless image listens",
    build: guarded((cluster) => new App(cluster, 'gitea', {
      image: 'gitea/gitea:1.22.3', ports: [{ name: 'http', port: 3000 }, { name: 'git-ssh', port: 2222 }],
      exemptions: { runAsRoot: 'the root image starts as root: its entrypoint rewrites /etc/passwd and runs s6 and OpenSSH' },
    })),
    layer: 'props', path: 'gitea', field: 'ports[1].port', hint: /\{ name: 'git-ssh', port: 22, servicePort: 2222 \}/, message: /root image runs OpenSSH, which listens on port 22/,
  },
  {
    name: "Forgejo's rootless image whose SSH_LISTEN_PORT variable moves SSH off the port declared",
    build: guarded((cluster) => new App(cluster, 'forge', {
      image: 'codeberg.org/forgejo/forgejo:11.0.6-rootless', runAsUser: 1000, runAsGroup: 1000, persistence: ROOTLESS_VOLUMES,
      env: { FORGEJO__server__SSH_LISTEN_PORT: '2022' }, ports: [{ name: 'http', port: 3000 }, { name: 'ssh', port: 2222, servicePort: 22 }],
    })),
    layer: 'props', path: 'forge', field: 'ports[1].port', message: /listens on port 2022, where env.FORGEJO__server__SSH_LISTEN_PORT moves it/,
  },
  {
    name: 'an IngressRoute whose Host is given in single quotes, which Traefik does not read',
    build: besideWeb({
      apiVersion: 'traefik.io/v1alpha1', kind: 'IngressRoute', metadata: { name: 'web', namespace: 'web' },
      spec: { entryPoints: ['websecure'], routes: [{ kind: 'Rule', match: "Host('web.lab.test')", services: [{ name: 'web', port: 80 }] }], tls: {} },
    }),
    layer: 'references', path: 'w', field: 'spec.routes[0].match', hint: /Host\(`web\.lab\.test`\)/,
  },
];
