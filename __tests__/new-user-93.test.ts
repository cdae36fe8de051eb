import type { Construct } from 'constructs';
import { AppVolume, declareExternal, HomelabApp, host, rootInitExemption, SecretReference } from '../constructs';
import { docmostEnvProblems } from '../constructs/app/docmost-env';
import { paperlessMajorRelease, paperlessSettingProblems } from '../constructs/app/paperless-settings';
import { propContainers } from '../constructs/app/prop-containers';
import { shownFindings } from './support/lab-output';
import { appDatabase, k3sCluster, labSite } from './support/lab-sites';

// A household's paperwork as a new user writes it from the README: Paperless-ngx with its PostgreSQL, Redis, Tika and
// Gotenberg, its consume folder on the NAS polled, its CSRF origins with their scheme; Paperless-AI calling a local
// Ollama; Stirling-PDF; DocuSeal and Docmost with their databases, secrets and public URLs. It synthesizes without a
// finding, and the settings of Paperless-ngx that would stop it or leave it idle are judged as it reads them.

const node = host('docs-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.193.0.11' });
const lab = labSite('paper', '10.193.0', [node], { nfs: { nas: { server: '10.193.0.5', path: '/volume1/scans' } } });

/** Redis of the alpine image in `namespace`, as `id`. */
const redis = (cluster: Construct, id: string, namespace: string) => new HomelabApp(cluster, id, {
  namespace, image: 'redis:7.4.2-alpine', runAsUser: 999, ports: [{ name: 'redis', port: 6379 }],
  persistence: { data: { volume: AppVolume.emptyDir(), mountPath: '/data' } },
});

function paperwork(scope: Construct): void {
  const cluster = k3sCluster(scope, lab);
  declareExternal(cluster, {
    secrets: [
      { namespace: 'docs', name: 'paperless-db' }, { namespace: 'docs', name: 'paperless' }, { namespace: 'sign', name: 'docuseal-db' },
      { namespace: 'sign', name: 'docuseal' }, { namespace: 'wiki', name: 'docmost-db' }, { namespace: 'wiki', name: 'docmost' },
    ],
  });
  const db = appDatabase(cluster, 'postgres', 'docs', 'paperless');
  const broker = redis(cluster, 'redis', 'docs');
  const tika = new HomelabApp(cluster, 'tika', { namespace: 'docs', image: 'apache/tika:2.9.2.1-full', runAsUser: 35002, ports: [{ name: 'http', port: 9998 }] });
  const gotenberg = new HomelabApp(cluster, 'gotenberg', {
    namespace: 'docs', image: 'gotenberg/gotenberg:8.16.0', runAsUser: 1001, ports: [{ name: 'http', port: 3000 }],
    command: ['gotenberg', '--chromium-disable-javascript=true', '--chromium-allow-list=file:///tmp/.*'],
  });
  const paperless = new HomelabApp(cluster, 'paperless', {
    namespace: 'docs', image: 'ghcr.io/paperless-ngx/paperless-ngx:2.15.3', ports: [{ name: 'http', port: 8000 }],
    env: {
      PAPERLESS_URL: 'https://paperless.paper.jdoe.dev', PAPERLESS_CSRF_TRUSTED_ORIGINS: 'https://paperless.paper.jdoe.dev,https://docs.paper.jdoe.dev',
      PAPERLESS_REDIS: 'redis://redis:6379', PAPERLESS_DBHOST: 'postgres', PAPERLESS_DBPASS: SecretReference.external('docs', 'paperless-db', 'password'),
      PAPERLESS_SECRET_KEY: SecretReference.external('docs', 'paperless', 'secret-key'),
      PAPERLESS_TIKA_ENABLED: '1', PAPERLESS_TIKA_ENDPOINT: 'http://tika:9998', PAPERLESS_TIKA_GOTENBERG_ENDPOINT: 'http://gotenberg:3000',
      PAPERLESS_CONSUMER_POLLING: '30', USERMAP_UID: '1000', USERMAP_GID: '1000', PAPERLESS_TIME_ZONE: 'Europe/Oslo',
    },
    exemptions: {
      runAsRoot: 'the image starts as root and drops to USERMAP_UID', writableRootFilesystem: 's6-overlay writes under /run',
      addCapabilities: rootInitExemption('supervisor', 's6-overlay takes its folders and runs the web server as paperless'),
    },
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/usr/src/paperless/data' },
      media: { volume: AppVolume.claim({ tier: 'fast', size: '50Gi' }), mountPath: '/usr/src/paperless/media' },
      consume: { volume: AppVolume.nfs(lab.nfs.nas, 'consume'), mountPath: '/usr/src/paperless/consume' },
    },
    resources: { cpuRequest: '200m', memoryRequest: '1Gi', memoryLimit: '2Gi' },
    egress: [db, broker, tika, gotenberg],
    route: { host: 'paperless', maxBodySize: '100Mi' },
  });
  const ollama = new HomelabApp(cluster, 'ollama', {
    namespace: 'ai', image: 'ollama/ollama:0.6.5', ports: [{ name: 'http', port: 11434 }], env: { OLLAMA_HOST: '0.0.0.0:11434', HOME: '/models' },
    persistence: { models: { volume: AppVolume.claim({ tier: 'fast', size: '50Gi' }), mountPath: '/models' } },
  });
  new HomelabApp(cluster, 'paperless-ai', {
    namespace: 'docs', image: 'clusterzx/paperless-ai:3.0.7', ports: [{ name: 'http', port: 3000 }],
    env: { PAPERLESS_API_URL: 'http://paperless:8000/api', AI_PROVIDER: 'ollama', OLLAMA_API_URL: 'http://ollama.ai:11434', OLLAMA_MODEL: 'llama3.2' },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/app/data' } },
    egress: [paperless, ollama], route: { host: 'paperless-ai' },
  });
  new HomelabApp(cluster, 'stirling-pdf', {
    namespace: 'pdf', image: 'ghcr.io/stirling-tools/stirling-pdf:0.46.2', ports: [{ name: 'http', port: 8080 }],
    exemptions: { writableRootFilesystem: 'it unpacks its tools at start' },
    persistence: { configs: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/configs' } },
    route: { host: 'pdf', maxBodySize: '200Mi' },
  });
  new HomelabApp(cluster, 'docuseal', {
    namespace: 'sign', image: 'docuseal/docuseal:1.9.5', ports: [{ name: 'http', port: 3000 }],
    env: { DATABASE_URL: SecretReference.external('sign', 'docuseal', 'database-url'), SECRET_KEY_BASE: SecretReference.external('sign', 'docuseal', 'secret-key-base'), HOST: 'sign.paper.jdoe.dev', FORCE_SSL: 'true' },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/data' } },
    egress: [appDatabase(cluster, 'docuseal-db', 'sign', 'docuseal')], route: { host: 'sign' },
  });
  new HomelabApp(cluster, 'docmost', {
    namespace: 'wiki', image: 'docmost/docmost:0.20.4', ports: [{ name: 'http', port: 3000 }],
    env: { APP_URL: 'https://wiki.paper.jdoe.dev', APP_SECRET: SecretReference.external('wiki', 'docmost', 'app-secret'), DATABASE_URL: SecretReference.external('wiki', 'docmost', 'database-url'), REDIS_URL: 'redis://wiki-redis:6379' },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/app/data/storage' } },
    egress: [appDatabase(cluster, 'docmost-db', 'wiki', 'docmost'), redis(cluster, 'wiki-redis', 'wiki')], route: { host: 'wiki' },
  });
}

test('the paperwork lab synthesizes without a finding', () => {
  expect(shownFindings(paperwork)).toEqual([]);
});

/** The fields Paperless-ngx's checks find in an App's props (image 2.15.3 unless given), with the consume folder on NFS where `nfs`. */
function fieldsOf(env: Record<string, unknown>, { image = 'ghcr.io/paperless-ngx/paperless-ngx:2.15.3', nfs = false, sidecars = [] as unknown[] } = {}): string[] {
  const props = {
    image, env, sidecars,
    persistence: nfs ? { consume: { volume: AppVolume.nfs(lab.nfs.nas, 'consume'), mountPath: '/usr/src/paperless' } } : {},
  };
  return paperlessSettingProblems(props, propContainers(props, 'paperless')).map((p) => p.field);
}

describe("Paperless-ngx's settings as it reads them", () => {
  test.each([
    ['origins with their scheme', { PAPERLESS_CSRF_TRUSTED_ORIGINS: 'https://paperless.lab.example, http://10.0.0.5:8000' }, {}],
    ['Tika off in words Paperless reads as off', { PAPERLESS_TIKA_ENABLED: 'false' }, {}],
    ['Tika and Gotenberg as sidecars of the pod, on their own ports', { PAPERLESS_TIKA_ENABLED: 'yes' }, {
      sidecars: [{ name: 'tika', image: 'apache/tika:2.9.2.1', ports: [{ name: 'tika', port: 9998 }] }, { name: 'gotenberg', image: 'gotenberg/gotenberg:8.16.0', ports: [{ name: 'gotenberg', port: 3000 }] }],
    }],
    ['an NFS consume folder polled by a 2.x release', { PAPERLESS_CONSUMER_POLLING: '60' }, { nfs: true }],
    ['an NFS consume folder polled by release 3', { PAPERLESS_CONSUMER_POLLING_INTERVAL: '60' }, { nfs: true, image: 'ghcr.io/paperless-ngx/paperless-ngx:3.0.1' }],
    ['a moving tag polled by either name', { PAPERLESS_CONSUMER_POLLING: '60' }, { nfs: true, image: 'paperlessngx/paperless-ngx:latest' }],
    ['a consume folder moved off the NFS export', { PAPERLESS_CONSUMPTION_DIR: '/scans' }, { nfs: true }],
    ['another image', { PAPERLESS_TIKA_ENABLED: '1' }, { image: 'ghcr.io/acme/paperless-ngx:1.0.0' }],
  ])('%s is left alone', (_name, env, options) => {
    expect(fieldsOf(env, options)).toEqual([]);
  });

  test.each([
    ['polling set to 0', { PAPERLESS_CONSUMER_POLLING: '0' }, {}, ['env.PAPERLESS_CONSUMER_POLLING']],
    ['release 3 given the name release 2 read', { PAPERLESS_CONSUMER_POLLING: '60' }, { image: 'ghcr.io/paperless-ngx/paperless-ngx:3.0.1' }, ['env.PAPERLESS_CONSUMER_POLLING']],
    ['release 2 given the name release 3 reads', { PAPERLESS_CONSUMER_POLLING_INTERVAL: '60' }, {}, ['env.PAPERLESS_CONSUMER_POLLING_INTERVAL']],
  ])('%s on an NFS consume folder is an error', (_name, env, options, fields) => {
    expect(fieldsOf(env, { nfs: true, ...options })).toEqual(fields);
  });

  test('the release of a tag', () => {
    expect(['2.15.3', 'v3.0.1', '3', 'latest', '@sha256:00'].map((tag) => paperlessMajorRelease(`paperlessngx/paperless-ngx${tag.startsWith('@') ? '' : ':'}${tag}`))).toEqual([2, 3, 3, undefined, undefined]);
  });
});

describe("Docmost's environment as its start validates it", () => {
  /** The fields Docmost's check finds in an App of its image given `env`. */
  const fields = (env: Record<string, unknown>, command?: string[]) => docmostEnvProblems(propContainers({ image: 'docmost/docmost:0.20.4', env, command }, 'docmost')).map((p) => p.field);
  const secret = SecretReference.external('wiki', 'docmost', 'key');

  test('every required setting given, the URLs with their schemes or from a Secret, is left alone', () => {
    expect(fields({ APP_SECRET: secret, DATABASE_URL: secret, REDIS_URL: 'rediss://redis.wiki:6380' })).toEqual([]);
  });
  test('a command of its own is left alone', () => {
    expect(fields({}, ['node', 'dist/migrate.js'])).toEqual([]);
  });
  test('a URL without its scheme is an error on it, and a missing setting one on env', () => {
    expect(fields({ DATABASE_URL: 'docmost@postgres:5432/docmost', REDIS_URL: 'redis:6379' })).toEqual(['env', 'env.DATABASE_URL', 'env.REDIS_URL']);
  });
});
