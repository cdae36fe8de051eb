import { App, AppVolume, ClusterChart, declareExternal, Forgejo, SecretReference } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// A new user hosts the family's code from the README alone: Gitea on an external PostgreSQL, Forgejo with its app.ini
// settings, and Forgejo's Actions runner beside a Docker daemon. Each mistake passed synthesis, and the forge or the
// runner then stopped at every start.

const GITEA_DB_SECRET = SecretReference.external('gitea', 'gitea-db', 'password');

/** Gitea's rootless image on the PostgreSQL server `gitea-db`, its database type written `dbType`. */
const gitea = (dbType: string) => guarded((cluster: ClusterChart) => {
  declareExternal(cluster, { secrets: [{ namespace: 'gitea', name: 'gitea-db' }] });
  new App(cluster, 'gitea', {
    image: 'gitea/gitea:1.23.4-rootless', ports: [{ name: 'http', port: 3000 }],
    env: { GITEA__database__DB_TYPE: dbType, GITEA__database__HOST: 'gitea-db:5432', GITEA__database__NAME: 'gitea', GITEA__database__USER: 'gitea', GITEA__database__PASSWD: GITEA_DB_SECRET },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/var/lib/gitea' }, config: { volume: AppVolume.emptyDir(), mountPath: '/etc/gitea' } },
  });
});

/** Forgejo's runner with a TLS Docker daemon beside it, given `env` as a Gitea guide gives act_runner its registration. */
const forgejoRunner = (env: Record<string, string | SecretReference>) => guarded((cluster: ClusterChart) => {
  declareExternal(cluster, { secrets: [{ namespace: 'forgejo-runner', name: 'runner' }] });
  new App(cluster, 'forgejo-runner', {
    image: 'code.forgejo.org/forgejo/runner:6.3.1', command: ['forgejo-runner', 'daemon'],
    env: { DOCKER_HOST: 'tcp://localhost:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs/client', ...env },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/data' }, certs: { volume: AppVolume.emptyDir(), mountPath: '/certs' } },
    sidecars: [{
      name: 'dind', image: 'docker:27.5.1-dind', env: { DOCKER_TLS_CERTDIR: '/certs' }, mounts: [{ volume: 'certs', mountPath: '/certs' }],
      exemptions: { privileged: 'dockerd mounts filesystems for the CI jobs', runAsRoot: 'dockerd runs as root' },
    }],
    egress: 'any',
  });
});

export const CASES: BadInput[] = [
  { name: "Gitea's database type written postgresql", build: gitea('postgresql'), layer: 'props', path: 'gitea', field: 'env.GITEA__database__DB_TYPE', hint: /GITEA__database__DB_TYPE: 'postgres'/ },
  {
    name: "Forgejo's database type in settings written mariadb",
    build: guarded((cluster: ClusterChart) => new Forgejo(cluster, 'forgejo', { route: { host: 'git' }, settings: { database: { DB_TYPE: 'mariadb' } } })),
    layer: 'props', path: 'forgejo', field: 'settings.database.DB_TYPE', hint: /DB_TYPE: 'mysql'/,
  },
  {
    name: "Forgejo's runner given act_runner's registration variables",
    build: forgejoRunner({ GITEA_INSTANCE_URL: 'https://git.lab.test', GITEA_RUNNER_REGISTRATION_TOKEN: SecretReference.external('forgejo-runner', 'runner', 'token') }),
    layer: 'props', path: 'forgejo-runner', field: 'env.GITEA_RUNNER_REGISTRATION_TOKEN', hint: /initContainers: \[\{ name: 'register'.*'forgejo-runner', 'register'/,
  },
];
