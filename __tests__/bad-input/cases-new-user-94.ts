import { App, AppController, AppVolume, ClusterChart, declareExternal, rootInitExemption, SecretReference } from '../../constructs';
import type { AppProps } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// A new user hosts the family's websites and their analytics from the README alone: Ghost mailing through the
// family's provider, a static site kept in sync with its repository by a git-sync sidecar, and Plausible's events in
// ClickHouse. Each mistake passed synthesis and then left a site answering 403, every mail lost, or the event store
// stopping as it started.

/** Plausible's ClickHouse of `image` on a claim, its logs on an emptyDir; `env` adds to it. */
const clickhouse = (env: AppProps['env'], image = 'clickhouse/clickhouse-server:24.12.3.47-alpine') => guarded((cluster: ClusterChart) => {
  declareExternal(cluster, { secrets: [{ namespace: 'plausible', name: 'clickhouse' }] });
  return new App(cluster, 'plausible-events-db', {
    namespace: 'plausible', image, controller: AppController.statefulSet(), ports: [{ name: 'http', port: 8123 }], runAsUser: 101, env,
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'fast', size: '20Gi' }), mountPath: '/var/lib/clickhouse' },
      logs: { volume: AppVolume.emptyDir(), mountPath: '/var/log/clickhouse-server' },
    },
  });
});

/** Ghost mailing through the provider's SMTP server on `port`, `secure` as written. */
const ghost = (port: string, secure: string) => guarded((cluster: ClusterChart) => {
  declareExternal(cluster, { secrets: [{ namespace: 'ghost', name: 'ghost' }] });
  return new App(cluster, 'ghost', {
    image: 'ghost:5.96.0', ports: [{ name: 'http', port: 2368 }], egress: 'any', route: { host: 'blog' },
    env: {
      url: 'https://blog.lab.test', database__client: 'sqlite3', database__connection__filename: '/var/lib/ghost/content/data/ghost.db',
      mail__transport: 'SMTP', mail__options__host: 'smtp.fastmail.com', mail__options__port: port, mail__options__secure: secure,
      mail__options__auth__user: 'blog@lab.test', mail__options__auth__pass: SecretReference.external('ghost', 'ghost', 'smtp-password'),
    },
    persistence: { content: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/var/lib/ghost/content' } },
    exemptions: { runAsRoot: 'its entrypoint starts as root, then runs Ghost as node', addCapabilities: rootInitExemption('exec', 'switches to node') },
  });
});

/** nginx serving a site that a git-sync sidecar keeps on the volume at nginx's document root, as many guides write it. */
const gitSyncedSite = guarded((cluster: ClusterChart) => new App(cluster, 'homepage', {
  image: 'nginxinc/nginx-unprivileged:1.27.3-alpine', ports: [{ name: 'http', port: 8080 }], egress: 'any', route: { host: 'family' },
  sidecars: [{
    name: 'git-sync', image: 'registry.k8s.io/git-sync/git-sync:v4.2.4',
    env: { GITSYNC_REPO: 'https://github.com/jdoe/homepage.git', GITSYNC_ROOT: '/usr/share/nginx/html', GITSYNC_LINK: 'current', GITSYNC_PERIOD: '60s' },
  }],
  persistence: { site: { volume: AppVolume.emptyDir(), mountPath: '/usr/share/nginx/html', containers: ['homepage', 'git-sync'] } },
}));

/** nginx serving its own server block from /git/current, beside a git-sync sidecar whose volume only git-sync mounts. */
const unsharedGitSync = guarded((cluster: ClusterChart) => new App(cluster, 'homepage', {
  image: 'nginxinc/nginx-unprivileged:1.27.3-alpine', ports: [{ name: 'http', port: 8080 }], egress: 'any', route: { host: 'family' },
  sidecars: [{
    name: 'git-sync', image: 'registry.k8s.io/git-sync/git-sync:v4.2.4',
    env: { GITSYNC_REPO: 'https://github.com/jdoe/homepage.git', GITSYNC_ROOT: '/git', GITSYNC_LINK: 'current' },
  }],
  persistence: { site: { volume: AppVolume.emptyDir(), mountPath: '/git', containers: ['git-sync'] } },
}));

export const CASES: BadInput[] = [
  {
    name: "ClickHouse given a password from a Secret on the read-only root, where its entrypoint writes the user's file",
    build: clickhouse({ CLICKHOUSE_USER: 'plausible', CLICKHOUSE_PASSWORD: SecretReference.external('plausible', 'clickhouse', 'password') }),
    layer: 'props', path: 'plausible-events-db', field: 'env.CLICKHOUSE_PASSWORD', hint: /mountPath: '\/etc\/clickhouse-server\/users\.d'/,
  },
  {
    name: 'ClickHouse 25 left without a user on the read-only root, where its entrypoint closes the default user by a file',
    build: clickhouse({ CLICKHOUSE_DB: 'plausible_events_db' }, 'clickhouse/clickhouse-server:25.3.2.39-alpine'),
    layer: 'props', path: 'plausible-events-db', field: 'image', hint: /CLICKHOUSE_SKIP_USER_SETUP: '1'/,
  },
  {
    name: "Ghost's mail sent with TLS at once to the provider's STARTTLS port 587",
    build: ghost('587', 'true'), layer: 'props', path: 'ghost', field: 'env.mail__options__secure', hint: /mail__options__secure: 'false'/,
  },
  {
    name: 'nginx serving the top of the volume git-sync keeps its worktrees and link on',
    build: gitSyncedSite, layer: 'props', path: 'homepage', field: 'persistence.site.mountPath', hint: /root \/usr\/share\/nginx\/html\/current;/,
  },
  {
    name: 'git-sync keeping the site on a volume no other container of the pod mounts',
    build: unsharedGitSync, layer: 'props', path: 'homepage', field: 'sidecars[0].env.GITSYNC_ROOT', hint: /containers: \['homepage', 'git-sync'\]/,
  },
];
