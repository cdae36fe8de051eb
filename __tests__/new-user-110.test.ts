import type { Construct } from 'constructs';
import {
  App, AppController, AppVolume, ClusterChart, declareExternal, flux, Forgejo, host, hostPlacement, k3s, localPathStorage, metalLb, renovate, SecretReference, site, traefik,
} from '../constructs';
import { forgeDatabaseTypeProblems } from '../constructs/app/forge-database-type';
import { forgejoRunnerRegistrationProblems } from '../constructs/app/forgejo-runner-registration';
import { writesSecret } from '../constructs/validation/secret-values';
import { shownFindings } from './support/lab-output';
import { sitesInMemory } from './support/synth';

// A new user's forge and build pipeline from the README alone: Forgejo with SSH on a load balancer address and its
// Actions runner registered by an init container beside a Docker daemon, Gitea on a PostgreSQL of its own, Soft Serve
// with its SSH, HTTP and git daemon ports, registry:2 behind htpasswd with a weekly garbage collection, and Renovate
// against the forge. Written as their guides write them, it synthesizes without a finding.

const box = host('nu110-box', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.110.10' });
const lab = site('nu110', {
  domain: 'code.jdoe.dev', hosts: [box], git: { url: 'https://git.code.jdoe.dev/jdoe/lab.git' },
  pools: { vips: { first: '192.168.110.100', last: '192.168.110.109' } },
});
const secret = (namespace: string, name: string, key: string) => SecretReference.external(namespace, name, key);
const RUNNER_IMAGE = 'code.forgejo.org/forgejo/runner:6.3.1';

function forgeLab(scope: Construct): void {
  const main = new ClusterChart(scope, 'main', {
    site: lab, hosts: [box], preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })], routes: traefik({ address: lab.pools.vips.at('192.168.110.100') }),
    loadBalancer: metalLb({ pools: [lab.pools.vips] }), storage: { fast: localPathStorage() }, gitops: flux(),
  });
  declareExternal(main, {
    secrets: [['forgejo', 'forgejo-secret-key'], ['forgejo-runner', 'runner'], ['gitea', 'gitea-db'], ['registry', 'registry-htpasswd'], ['renovate', 'renovate-token']]
      .map(([namespace, name]) => ({ namespace, name })),
  });
  new Forgejo(main, 'forgejo', {
    route: { host: 'git' }, ssh: { loadBalancer: { address: lab.pools.vips.at('192.168.110.101') } },
    secretKey: secret('forgejo', 'forgejo-secret-key', 'SECRET_KEY'),
    settings: { service: { DISABLE_REGISTRATION: 'true' }, actions: { ENABLED: 'true' } },
  });
  new App(main, 'forgejo-runner', {
    image: RUNNER_IMAGE, command: ['forgejo-runner', 'daemon'],
    env: { DOCKER_HOST: 'tcp://localhost:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs/client' },
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/data' }, certs: { volume: AppVolume.emptyDir(), mountPath: '/certs' },
      docker: { volume: AppVolume.emptyDir(), mountPath: '/var/lib/docker', containers: ['dind'] },
    },
    initContainers: [{
      name: 'register', image: RUNNER_IMAGE, env: { RUNNER_TOKEN: secret('forgejo-runner', 'runner', 'token') }, mounts: [{ volume: 'data', mountPath: '/data' }],
      command: ['forgejo-runner', 'register', '--no-interactive', '--instance', 'https://git.code.jdoe.dev', '--token', '$(RUNNER_TOKEN)', '--name', 'k8s-runner'],
    }],
    sidecars: [{
      name: 'dind', image: 'docker:27.5.1-dind', env: { DOCKER_TLS_CERTDIR: '/certs' }, mounts: [{ volume: 'certs', mountPath: '/certs' }],
      exemptions: { privileged: 'dockerd mounts filesystems for the CI jobs', runAsRoot: 'dockerd runs as root', writableRootFilesystem: 'dockerd writes its socket, pid file and state' },
    }],
    egress: 'any',
  });
  const giteaDb = new App(main, 'gitea-db', {
    namespace: 'gitea', image: 'postgres:16.6', controller: AppController.statefulSet(), runAsUser: 999, ports: [{ name: 'postgres', port: 5432 }],
    env: { POSTGRES_DB: 'gitea', POSTGRES_USER: 'gitea', POSTGRES_PASSWORD: secret('gitea', 'gitea-db', 'password'), PGDATA: '/var/lib/postgresql/data/pgdata' },
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/var/lib/postgresql/data' },
      run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' },
    },
  });
  new App(main, 'gitea', {
    namespace: 'gitea', image: 'gitea/gitea:1.23.4-rootless', ports: [{ name: 'http', port: 3000 }, { name: 'ssh', port: 2222 }],
    env: {
      GITEA__database__DB_TYPE: 'postgres', GITEA__database__HOST: 'gitea-db:5432', GITEA__database__NAME: 'gitea', GITEA__database__USER: 'gitea',
      GITEA__database__PASSWD: secret('gitea', 'gitea-db', 'password'), GITEA__server__ROOT_URL: 'https://gitea.code.jdoe.dev/', GITEA__server__SSH_DOMAIN: 'gitea.code.jdoe.dev',
    },
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/var/lib/gitea' },
      config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/etc/gitea' },
    },
    egress: [giteaDb], route: { host: 'gitea' },
  });
  new App(main, 'soft-serve', {
    image: 'charmcli/soft-serve:v0.8.2', ports: [{ name: 'ssh', port: 23231 }, { name: 'http', port: 23232 }, { name: 'git', port: 9418 }],
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/soft-serve' } },
    env: { SOFT_SERVE_INITIAL_ADMIN_KEYS: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKxUq5p2p0LwJq1z8Q9s3m6kFQ9nQ2q8lYyP0mW3ZbXo jdoe@laptop' },
    route: { host: 'soft', port: 23232 }, loadBalancer: { address: lab.pools.vips.at('192.168.110.102'), ports: ['ssh', 'git'] },
  });
  new App(main, 'registry', {
    image: 'registry:2.8.3', ports: [{ name: 'http', port: 5000 }],
    env: { REGISTRY_AUTH: 'htpasswd', REGISTRY_AUTH_HTPASSWD_REALM: 'Registry Realm', REGISTRY_AUTH_HTPASSWD_PATH: '/auth/htpasswd', REGISTRY_STORAGE_DELETE_ENABLED: 'true' },
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'fast', size: '50Gi' }), mountPath: '/var/lib/registry' },
      auth: { volume: AppVolume.secret('registry-htpasswd'), mountPath: '/auth', readOnly: true },
    },
    route: { host: 'registry' },
  });
  new App(main, 'registry-gc', {
    namespace: 'registry', image: 'registry:2.8.3', controller: AppController.cronJob({ schedule: '0 4 * * 0' }),
    command: ['registry', 'garbage-collect', '--delete-untagged', '/etc/docker/registry/config.yml'],
    persistence: { data: { volume: AppVolume.existingClaim('registry-data'), mountPath: '/var/lib/registry' } },
  });
  main.platform.require(renovate({
    placement: hostPlacement(box), platform: 'gitea', endpoint: 'https://git.code.jdoe.dev/api/v1', repositories: ['jdoe/lab'], tokenSecret: 'renovate-token', schedule: '0 3 * * *',
  }));
}

describe("a new user's forge and build pipeline", () => {
  test('synthesizes without a finding', () => {
    expect(shownFindings(forgeLab)).toEqual([]);
  });
  test("the registry's htpasswd realm is written out as it was given", () => {
    const registry = sitesInMemory(forgeLab).clusters[0].objects.find((o) => o.manifest.kind === 'Deployment' && o.manifest.metadata.name === 'registry');
    expect((registry?.manifest as any).spec.template.spec.containers[0].env).toContainEqual({ name: 'REGISTRY_AUTH_HTPASSWD_REALM', value: 'Registry Realm' });
  });
});

describe('settings about a secret', () => {
  test("the registry's htpasswd realm names no secret", () => {
    expect(writesSecret('REGISTRY_AUTH_HTPASSWD_REALM', 'Registry Realm')).toBe(false);
  });
  test("the registry's HTTP secret is still one", () => {
    expect(writesSecret('REGISTRY_HTTP_SECRET', 'a8f3c9e1d2b7')).toBe(true);
  });
});

describe("Gitea's and Forgejo's database type", () => {
  const problems = (image: string, env: Record<string, unknown>) => forgeDatabaseTypeProblems([{ container: { image, env }, prefix: '' } as never]);
  test.each([
    ['a type they connect to', 'gitea/gitea:1.23.4', { GITEA__database__DB_TYPE: 'postgres' }],
    ['sqlite3', 'codeberg.org/forgejo/forgejo:11-rootless', { FORGEJO__database__DB_TYPE: 'sqlite3' }],
    ['a type read from a Secret', 'gitea/gitea:1.23.4', { GITEA__database__DB_TYPE: SecretReference.external('gitea', 'gitea-db', 'type') }],
    ['another image', 'ghcr.io/acme/gitea-exporter:1.0.0', { GITEA__database__DB_TYPE: 'postgresql' }],
  ])('%s is left alone', (_name, image, env) => {
    expect(problems(image, env)).toEqual([]);
  });
  test('a type no forge knows is answered with the four it connects to', () => {
    expect(problems('codeberg.org/forgejo/forgejo:11', { GITEA__database__DB_TYPE: 'oracle' }).map((p) => [p.field, p.hint]))
      .toEqual([['env.GITEA__database__DB_TYPE', "write one of mysql, postgres, mssql, sqlite3 (MariaDB is mysql): GITEA__database__DB_TYPE: 'postgres'"]]);
  });
});

describe("Forgejo's runner registration", () => {
  const problems = (containers: Array<Record<string, unknown>>) => forgejoRunnerRegistrationProblems(containers.map((container, i) => ({ container, prefix: i === 0 ? '' : `initContainers[${i - 1}].` })) as never);
  const actRunnerEnv = { GITEA_INSTANCE_URL: 'https://git.lab', GITEA_RUNNER_REGISTRATION_TOKEN: 'from-a-secret' };
  test("Gitea's own act_runner image reads them", () => {
    expect(problems([{ image: 'gitea/act_runner:0.2.11', env: actRunnerEnv }])).toEqual([]);
  });
  test('an init container that writes the registration file is left alone', () => {
    expect(problems([{ image: RUNNER_IMAGE, env: actRunnerEnv, command: ['forgejo-runner', 'daemon'] },
      { image: RUNNER_IMAGE, command: ['sh', '-c', 'forgejo-runner create-runner-file --instance "$GITEA_INSTANCE_URL" --secret "$SECRET"'] }])).toEqual([]);
  });
  test('the URL alone is reported on itself', () => {
    expect(problems([{ image: 'data.forgejo.org/forgejo/runner:12', env: { GITEA_INSTANCE_URL: 'https://git.lab' } }]).map((p) => p.field)).toEqual(['env.GITEA_INSTANCE_URL']);
  });
});
