import type { Construct } from 'constructs';
import { ApiObject } from 'cdk8s';
import { App, AppController, AppVolume, ClusterChart, declareExternal, flux, host, k3s, localPathStorage, SecretReference, site, traefik } from '../constructs';
import { vaultHealthProbeProblems } from '../constructs/app/vault-health-probes';
import { vaultwardenDomainProblems } from '../constructs/app/vaultwarden-settings';
import { podNameProblems } from '../constructs/validation/stateful-pod-names';
import { databaseApp as database } from './support/database-app';
import { shownFindings } from './support/lab-output';

// A new user's password managers and secret stores from the README alone: Vaultwarden (its admin token an Argon2 hash,
// mail over implicit TLS), Passbolt on MariaDB with its server keys in Secrets, Infisical on PostgreSQL and Redis, and
// OpenBao on three replicas with integrated raft storage. Written as their own guides write them, it synthesizes
// without a finding.

const box = host('nu102-box', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.102.10' });
const lab = site('nu102', { domain: 'vault.jdoe.dev', hosts: [box], git: { url: 'https://github.com/jdoe/vault.git' } });
const secret = (ns: string, key: string) => SecretReference.external(ns, ns, key);


function secretsLab(scope: Construct): void {
  const main = new ClusterChart(scope, 'main', { site: lab, hosts: [box], preinstalled: [k3s({ disable: ['traefik'] })], routes: traefik(), storage: { fast: localPathStorage() }, gitops: flux() });
  declareExternal(main, { secrets: ['vaultwarden', 'passbolt', 'passbolt-gpg', 'passbolt-jwt', 'infisical'].map((name) => ({ namespace: name.split('-')[0], name })) });
  new App(main, 'vaultwarden', {
    namespace: 'vaultwarden', image: 'vaultwarden/server:1.34.3', ports: [{ name: 'http', port: 8080 }], route: { host: 'pw' },
    env: {
      ROCKET_PORT: '8080', DOMAIN: 'https://pw.vault.jdoe.dev', SIGNUPS_ALLOWED: 'false', ADMIN_TOKEN: secret('vaultwarden', 'admin-token'),
      SMTP_HOST: 'smtp.fastmail.com', SMTP_PORT: '465', SMTP_SECURITY: 'force_tls', SMTP_FROM: 'vault@jdoe.dev', SMTP_USERNAME: 'jdoe@fastmail.com',
      SMTP_PASSWORD: secret('vaultwarden', 'smtp-password'),
    },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/data' } },
    probes: { readiness: { httpPath: '/alive' } },
  });
  const passboltDb = database(main, 'passbolt-db', 'passbolt', 'mariadb:11.4.4', {
    MARIADB_DATABASE: 'passbolt', MARIADB_USER: 'passbolt', MARIADB_PASSWORD: secret('passbolt', 'db-password'), MARIADB_RANDOM_ROOT_PASSWORD: 'true',
  });
  new App(main, 'passbolt', {
    namespace: 'passbolt', image: 'passbolt/passbolt:4.10.1-1-ce-non-root', ports: [{ name: 'http', port: 8080 }], route: { host: 'passbolt' }, egress: [passboltDb, { cidr: '0.0.0.0/0', ports: [{ port: 587 }] }],
    env: {
      APP_FULL_BASE_URL: 'https://passbolt.vault.jdoe.dev', PASSBOLT_GPG_SERVER_KEY_FINGERPRINT: '2FC8945833C51946E937F9FED47B0811573EE67E',
      DATASOURCES_DEFAULT_HOST: 'passbolt-db', DATASOURCES_DEFAULT_USERNAME: 'passbolt', DATASOURCES_DEFAULT_DATABASE: 'passbolt', DATASOURCES_DEFAULT_PASSWORD: secret('passbolt', 'db-password'),
      EMAIL_TRANSPORT_DEFAULT_HOST: 'smtp.fastmail.com', EMAIL_TRANSPORT_DEFAULT_PORT: '587', EMAIL_TRANSPORT_DEFAULT_TLS: 'true',
    },
    persistence: {
      gpg: { volume: AppVolume.secret('passbolt-gpg'), mountPath: '/etc/passbolt/gpg', readOnly: true },
      jwt: { volume: AppVolume.secret('passbolt-jwt'), mountPath: '/etc/passbolt/jwt', readOnly: true },
    },
    probes: { readiness: { httpPath: '/healthcheck/status.json' } },
  });
  const infisicalDb = database(main, 'infisical-db', 'infisical', 'postgres:16.6', {
    POSTGRES_DB: 'infisical', POSTGRES_USER: 'infisical', POSTGRES_PASSWORD: secret('infisical', 'db-password'), PGDATA: '/var/lib/postgresql/data/pgdata',
  });
  const redis = new App(main, 'infisical-redis', { namespace: 'infisical', image: 'redis:7.4.1', ports: [{ name: 'redis', port: 6379 }], runAsUser: 999 });
  new App(main, 'infisical', {
    namespace: 'infisical', image: 'infisical/infisical:v0.93.1-postgres', ports: [{ name: 'http', port: 8080 }], route: { host: 'infisical' }, egress: [infisicalDb, redis],
    env: {
      ENCRYPTION_KEY: secret('infisical', 'ENCRYPTION_KEY'), AUTH_SECRET: secret('infisical', 'AUTH_SECRET'), DB_CONNECTION_URI: secret('infisical', 'DB_CONNECTION_URI'),
      SITE_URL: 'https://infisical.vault.jdoe.dev', REDIS_URL: 'redis://infisical-redis:6379',
    },
    probes: { readiness: { httpPath: '/api/status' } },
  });
  main.namespaces.ensure('openbao');
  const join = [0, 1, 2].map((i) => `  retry_join { leader_api_addr = "http://openbao-${i}.openbao-headless:8200" }`).join('\n');
  new ApiObject(main, 'openbao-config', {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'openbao-config', namespace: 'openbao' },
    data: { 'config.hcl': `ui = true\ndisable_mlock = true\nlistener "tcp" {\n  address = "[::]:8200"\n  cluster_address = "[::]:8201"\n  tls_disable = true\n}\nstorage "raft" {\n  path = "/openbao/data"\n${join}\n}\n` },
  });
  new App(main, 'openbao', {
    namespace: 'openbao', image: 'openbao/openbao:2.1.0', replicas: 3, controller: AppController.statefulSet(), route: { host: 'bao' },
    ports: [{ name: 'http', port: 8200 }, { name: 'cluster', port: 8201 }], command: ['bao', 'server', '-config=/openbao/config/config.hcl'],
    env: { BAO_API_ADDR: 'http://$(POD_IP):8200', BAO_CLUSTER_ADDR: 'https://$(HOSTNAME).openbao-headless:8201' },
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/openbao/data' },
      config: { volume: AppVolume.configMap('openbao-config'), mountPath: '/openbao/config', readOnly: true },
    },
    probes: { readiness: { httpPath: '/v1/sys/health?standbyok=true' }, liveness: { httpPath: '/v1/sys/health?standbyok=true&sealedcode=204&uninitcode=204' } },
  });
}

describe('a new user\'s password managers and secret stores', () => {
  test('synthesize without a finding', () => {
    expect(shownFindings(secretsLab)).toEqual([]);
  });
});

describe("OpenBao's and Vault's health probes", () => {
  const fields = (image: string, replicas: number, probes: Parameters<typeof vaultHealthProbeProblems>[2]) => vaultHealthProbeProblems(image, replicas, probes).map((p) => p.field);
  test('a liveness probe copied from a readiness probe that fails while sealed is an error on the readiness path', () => {
    const [problem] = vaultHealthProbeProblems('quay.io/openbao/openbao:2.1.0', 3, { readiness: { httpPath: '/v1/sys/health?standbyok=true' } });
    expect(problem.field).toBe('probes.readiness.httpPath');
    expect(problem.message).toMatch(/503 for a sealed server, 501 for a server not yet initialized/);
    expect(problem.hint).toMatch(/sealedcode=204&uninitcode=204/);
  });
  test('a written liveness probe of the bare path is an error on it; one replica needs no standbyok', () => {
    expect(fields('hashicorp/vault:1.18.3', 1, { readiness: { httpPath: '/v1/sys/health' }, liveness: { httpPath: '/v1/sys/health' } })).toEqual(['probes.liveness.httpPath']);
  });
  test.each([
    ['a command probe', 'openbao/openbao:2.1.0', 3, { readiness: { command: ['bao', 'status'] }, liveness: false as const }],
    ['codes that count as success', 'openbao/openbao:2.1.0', 3, { readiness: { httpPath: '/v1/sys/health?standbycode=200' }, liveness: { httpPath: '/v1/sys/health?standbyok=1&sealedcode=200&uninitcode=204' } }],
    ['another image', 'nginxinc/nginx-unprivileged:1.27.0', 3, { readiness: { httpPath: '/v1/sys/health' } }],
  ])('%s is left alone', (_name, image, replicas, probes) => {
    expect(fields(image, replicas, probes)).toEqual([]);
  });
});

describe("Vaultwarden's DOMAIN", () => {
  test('written without its scheme, or empty, is an error on it whose hint writes the URL', () => {
    expect(vaultwardenDomainProblems('vaultwarden/server:1.34.3', { DOMAIN: 'pw.jdoe.dev' }, 'pw.jdoe.dev').map((p) => [p.field, p.hint])).toEqual([['env.DOMAIN', "write the URL with its scheme: DOMAIN: 'https://pw.jdoe.dev'"]]);
    expect(vaultwardenDomainProblems('vaultwarden/server:1.34.3', { DOMAIN: '' }, 'pw.jdoe.dev')[0].hint).toMatch(/'https:\/\/pw\.jdoe\.dev'/);
  });
  test.each([['https://pw.jdoe.dev'], ['HTTP://pw.lan:8080'], [undefined]])('%s is left alone', (domain) => {
    expect(vaultwardenDomainProblems('vaultwarden/server:1.34.3', domain === undefined ? {} : { DOMAIN: domain }, 'pw.jdoe.dev')).toEqual([]);
  });
});

describe("a raft peer named under the Service Vault's chart makes", () => {
  const bao = [{ name: 'openbao', namespace: 'openbao', serviceName: 'openbao-headless', first: 0, replicas: 3 }];
  const services = new Map([['openbao/openbao', false], ['openbao/openbao-headless', true]]);
  test('is an error whose hint names the pod under its headless Service', () => {
    expect(podNameProblems('retry_join { leader_api_addr = "http://openbao-0.openbao-internal:8200" }', 'openbao', bao, services).map((p) => p.hint)).toEqual(['write openbao-0.openbao-headless']);
  });
  test.each([['https://openbao-1.example.com'], ['openbao-2.4.1'], ['http://openbao-0.openbao-headless:8200']])('%s is left alone', (text) => {
    expect(podNameProblems(text, 'openbao', bao, services)).toEqual([]);
  });
});
