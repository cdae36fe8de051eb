import type { Construct } from 'constructs';
import { ApiObject } from 'cdk8s';
import { App, AppController, rootInitExemption, AppVolume, ClusterChart, declareExternal, flux, host, k3s, localPathStorage, metalLb, SecretReference, site, traefik } from '../constructs';
import type { AppProps } from '../constructs';
import { guarded } from './bad-input/lab';
import { aboutTheLab, synthInMemory } from './support/synth';

// A new user's no-code databases and dashboards, from the README alone: NocoDB, Baserow's all-in-one image, Directus,
// Appsmith and Metabase, each beside its own PostgreSQL, and a self-hosted Supabase (Kong in front of GoTrue,
// PostgREST, Realtime and Storage, with its JWT secret and keys in a Secret). Written the obvious way, it synthesizes
// with no finding; the images' own settings written as other guides write them are refused.

const box = host('nu97-box', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.97.10', cores: 8, memoryGigabytes: 32 });
const lab = site('nu97', { domain: 'lab.example.org', hosts: [box], pools: { vips: { first: '192.168.97.240', last: '192.168.97.250' } }, git: { url: 'https://github.com/jdoe/nocode.git' } });
const secret = (ns: string, name: string, key: string) => SecretReference.external(ns, name, key);

const postgres = (namespace: string, extra: Partial<AppProps> = {}): AppProps => ({
  namespace, image: 'postgres:16.4', controller: AppController.statefulSet(), ports: [{ name: 'postgres', port: 5432 }],
  env: { POSTGRES_USER: namespace, POSTGRES_DB: namespace, POSTGRES_PASSWORD: secret(namespace, `${namespace}-db`, 'password'), PGDATA: '/var/lib/postgresql/data/pgdata' },
  persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/var/lib/postgresql/data' }, run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' } },
  runAsUser: 999,
  ...extra,
});

const defineLab = (changed: Record<string, Partial<AppProps>> = {}) => (scope: Construct) => {
  const props = (id: string, given: AppProps): AppProps => ({ ...given, ...changed[id] });
  const cluster = new ClusterChart(scope, 'main', {
    site: lab, hosts: [box], routes: traefik({ address: lab.pools.vips.at('192.168.97.240') }),
    loadBalancer: metalLb({ pools: [lab.pools.vips] }), storage: { fast: localPathStorage() }, gitops: flux(),
    preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })],
  });
  declareExternal(cluster, { secrets: ['nocodb', 'baserow', 'directus', 'metabase', 'supabase'].flatMap((ns) => [{ namespace: ns, name: `${ns}-db` }, { namespace: ns, name: ns }]) });

  // NocoDB
  const nocoDb = new App(cluster, 'nocodb-db', props('nocodb-db', postgres('nocodb')));
  const nocodb = new App(cluster, 'nocodb', props('nocodb', {
    namespace: 'nocodb', image: 'nocodb/nocodb:0.258.0', ports: [{ name: 'http', port: 8080 }],
    env: { NC_DB: secret('nocodb', 'nocodb', 'nc-db'), NC_AUTH_JWT_SECRET: secret('nocodb', 'nocodb', 'jwt-secret'), NC_PUBLIC_URL: 'https://nocodb.lab.example.org' },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '2Gi' }), mountPath: '/usr/app/data' } },
    route: { host: 'nocodb' },
  }));
  nocoDb.addAllowFrom(nocodb);

  // Baserow all-in-one
  const baserowDb = new App(cluster, 'baserow-db', props('baserow-db', postgres('baserow')));
  const baserow = new App(cluster, 'baserow', props('baserow', {
    namespace: 'baserow', image: 'baserow/baserow:1.29.2', ports: [{ name: 'http', port: 80 }],
    env: {
      BASEROW_PUBLIC_URL: 'https://baserow.lab.example.org', DATABASE_HOST: 'baserow-db', DATABASE_PORT: '5432', DATABASE_NAME: 'baserow',
      DATABASE_USER: 'baserow', DATABASE_PASSWORD: secret('baserow', 'baserow-db', 'password'), SECRET_KEY: secret('baserow', 'baserow', 'secret-key'),
    },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/baserow/data' } },
    route: { host: 'baserow' },
    exemptions: {
      runAsRoot: 'its init starts as root, then runs the app as baserow_docker_user (9999)', addCapabilities: rootInitExemption('supervisor', 'switches to baserow_docker_user (9999)'),
      writableRootFilesystem: 'its start script moves the supervisor files of its embedded Redis and PostgreSQL into /baserow/supervisor/includes',
    },
  }));
  baserowDb.addAllowFrom(baserow);

  // Directus
  const directusDb = new App(cluster, 'directus-db', props('directus-db', postgres('directus')));
  const directus = new App(cluster, 'directus', props('directus', {
    namespace: 'directus', image: 'directus/directus:11.1.0', ports: [{ name: 'http', port: 8055 }],
    env: {
      KEY: secret('directus', 'directus', 'key'), SECRET: secret('directus', 'directus', 'secret'), PUBLIC_URL: 'https://directus.lab.example.org',
      DB_CLIENT: 'pg', DB_HOST: 'directus-db', DB_PORT: '5432', DB_DATABASE: 'directus', DB_USER: 'directus', DB_PASSWORD: secret('directus', 'directus-db', 'password'),
      ADMIN_EMAIL: 'admin@lab.example.org', ADMIN_PASSWORD: secret('directus', 'directus', 'admin-password'),
    },
    persistence: { uploads: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/directus/uploads' } },
    route: { host: 'directus' },
  }));
  directusDb.addAllowFrom(directus);

  // Appsmith
  new App(cluster, 'appsmith', props('appsmith', {
    namespace: 'appsmith', image: 'appsmith/appsmith-ce:v1.50', ports: [{ name: 'http', port: 80 }],
    persistence: { stacks: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/appsmith-stacks' } },
    route: { host: 'appsmith' },
    exemptions: { runAsRoot: 'the single image runs supervisord, MongoDB, Redis and Caddy as root' },
  }));

  // Metabase
  const metabaseDb = new App(cluster, 'metabase-db', props('metabase-db', postgres('metabase')));
  const metabase = new App(cluster, 'metabase', props('metabase', {
    namespace: 'metabase', image: 'metabase/metabase:v0.51.4', ports: [{ name: 'http', port: 3000 }],
    env: {
      MB_DB_TYPE: 'postgres', MB_DB_DBNAME: 'metabase', MB_DB_PORT: '5432', MB_DB_USER: 'metabase', MB_DB_PASS: secret('metabase', 'metabase-db', 'password'),
      MB_DB_HOST: 'metabase-db', JAVA_OPTS: '-Xmx1g', MB_SITE_URL: 'https://metabase.lab.example.org',
    },
    resources: { cpuRequest: '250m', memoryRequest: '1Gi', memoryLimit: '2Gi' },
    route: { host: 'metabase' },
  }));
  metabaseDb.addAllowFrom(metabase);

  // Supabase
  const sb = (key: string) => secret('supabase', 'supabase', key);
  const sbDb = new App(cluster, 'supabase-db', props('supabase-db', postgres('supabase', { image: 'supabase/postgres:15.6.1.146', runAsUser: undefined,
    env: { POSTGRES_PASSWORD: sb('postgres-password'), PGDATA: '/var/lib/postgresql/data/pgdata', JWT_SECRET: sb('jwt-secret'), POSTGRES_DB: 'postgres' },
    exemptions: { runAsRoot: 'its entrypoint starts as root, then runs as postgres', addCapabilities: rootInitExemption('exec', 'switches to postgres') } })));
  const auth = new App(cluster, 'supabase-auth', props('supabase-auth', {
    namespace: 'supabase', image: 'supabase/gotrue:v2.158.1', ports: [{ name: 'http', port: 9999 }],
    env: {
      GOTRUE_API_HOST: '0.0.0.0', GOTRUE_API_PORT: '9999', API_EXTERNAL_URL: 'https://supabase.lab.example.org', GOTRUE_DB_DRIVER: 'postgres',
      GOTRUE_DB_DATABASE_URL: sb('auth-db-url'), GOTRUE_SITE_URL: 'https://app.lab.example.org', GOTRUE_JWT_SECRET: sb('jwt-secret'), GOTRUE_JWT_EXP: '3600',
      GOTRUE_JWT_AUD: 'authenticated', GOTRUE_JWT_DEFAULT_GROUP_NAME: 'authenticated', GOTRUE_JWT_ADMIN_ROLES: 'service_role', GOTRUE_DISABLE_SIGNUP: 'false',
    },
  }));
  const rest = new App(cluster, 'supabase-rest', props('supabase-rest', {
    namespace: 'supabase', image: 'postgrest/postgrest:v12.2.0', ports: [{ name: 'http', port: 3000 }],
    env: { PGRST_DB_URI: sb('rest-db-uri'), PGRST_DB_SCHEMAS: 'public,storage,graphql_public', PGRST_DB_ANON_ROLE: 'anon', PGRST_JWT_SECRET: sb('jwt-secret'), PGRST_DB_USE_LEGACY_GUCS: 'false' },
  }));
  const realtime = new App(cluster, 'supabase-realtime', props('supabase-realtime', {
    namespace: 'supabase', image: 'supabase/realtime:v2.30.34', ports: [{ name: 'http', port: 4000 }],
    env: {
      PORT: '4000', DB_HOST: 'supabase-db', DB_PORT: '5432', DB_USER: 'supabase_admin', DB_PASSWORD: sb('postgres-password'), DB_NAME: 'postgres',
      DB_AFTER_CONNECT_QUERY: 'SET search_path TO _realtime', DB_ENC_KEY: sb('realtime-enc-key'), API_JWT_SECRET: sb('jwt-secret'), SECRET_KEY_BASE: sb('secret-key-base'),
      ERL_AFLAGS: '-proto_dist inet_tcp', DNS_NODES: '', RLIMIT_NOFILE: '10000', APP_NAME: 'realtime', SEED_SELF_HOST: 'true',
    },
  }));
  const storage = new App(cluster, 'supabase-storage', props('supabase-storage', {
    namespace: 'supabase', image: 'supabase/storage-api:v1.11.13', ports: [{ name: 'http', port: 5000 }],
    env: {
      ANON_KEY: sb('anon-key'), SERVICE_KEY: sb('service-key'), POSTGREST_URL: 'http://supabase-rest:3000', PGRST_JWT_SECRET: sb('jwt-secret'), DATABASE_URL: sb('storage-db-url'),
      FILE_SIZE_LIMIT: '52428800', STORAGE_BACKEND: 'file', FILE_STORAGE_BACKEND_PATH: '/var/lib/storage', TENANT_ID: 'stub', REGION: 'stub', GLOBAL_S3_BUCKET: 'stub',
    },
    persistence: { storage: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/var/lib/storage' } },
  }));
  storage.addAllowFrom(rest);
  rest.addAllowFrom(storage);
  for (const app of [auth, rest, realtime, storage]) {
    sbDb.addAllowFrom(app);
  }
  cluster.namespaces.ensure('supabase');
  new ApiObject(cluster, 'kong-config', {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kong-config', namespace: 'supabase' },
    data: { 'kong.yml': [
      '_format_version: "2.1"', '_transform: true', 'services:',
      '  - name: auth-v1', '    url: http://supabase-auth:9999/', '    routes:', '      - name: auth-v1-all', '        strip_path: true', '        paths: [/auth/v1/]',
      '  - name: rest-v1', '    url: http://supabase-rest:3000/', '    routes:', '      - name: rest-v1-all', '        strip_path: true', '        paths: [/rest/v1/]',
      '  - name: realtime-v1', '    url: http://supabase-realtime:4000/socket/', '    routes:', '      - name: realtime-v1-all', '        strip_path: true', '        paths: [/realtime/v1/]',
      '  - name: storage-v1', '    url: http://supabase-storage:5000/', '    routes:', '      - name: storage-v1-all', '        strip_path: true', '        paths: [/storage/v1/]',
      '',
    ].join('\n') },
  });
  const kong = new App(cluster, 'supabase-kong', props('supabase-kong', {
    namespace: 'supabase', image: 'kong:2.8.1', ports: [{ name: 'http', port: 8000 }],
    env: { KONG_DATABASE: 'off', KONG_DECLARATIVE_CONFIG: '/home/kong/kong.yml', KONG_DNS_ORDER: 'LAST,A,CNAME', KONG_PLUGINS: 'request-transformer,cors,key-auth,acl,basic-auth', KONG_PREFIX: '/tmp/kong' },
    persistence: { config: { volume: AppVolume.configMap('kong-config'), mounts: [{ mountPath: '/home/kong/kong.yml', subPath: 'kong.yml' }] } },
    route: { host: 'supabase' },
  }));
  for (const app of [auth, rest, realtime, storage]) {
    app.addAllowFrom(kong);
  }
};

const shown = (define: (scope: Construct) => void) => aboutTheLab(synthInMemory(guarded(define)).findings).map((f) => `${f.severity} ${f.constructPath} ${f.field}: ${f.message}`);
const metabaseEnv = (env: NonNullable<AppProps['env']>): Partial<AppProps> => ({
  env: { MB_DB_TYPE: 'postgres', MB_DB_DBNAME: 'metabase', MB_DB_PORT: '5432', MB_DB_HOST: 'metabase-db', ...env },
});

test('the no-code lab synthesizes with no finding', () => {
  expect(shown(defineLab())).toEqual([]);
});

describe('setups of the images that are left alone', () => {
  test("NocoDB's NC_DB whose password Kubernetes fills in from a variable of a Secret", () => {
    const nocodb = { env: { NC_DB_PASSWORD: secret('nocodb', 'nocodb-db', 'password'), NC_DB: 'pg://nocodb-db:5432?u=nocodb&p=$(NC_DB_PASSWORD)&d=nocodb', NC_AUTH_JWT_SECRET: secret('nocodb', 'nocodb', 'jwt-secret') } };
    expect(shown(defineLab({ nocodb }))).toEqual([]);
  });

  test("Metabase's enterprise image with MB_DB_PASS, and Metabase on its embedded H2 database given a stray MB_DB_PASSWORD", () => {
    expect(shown(defineLab({ metabase: { image: 'metabase/metabase-enterprise:v1.51.4', ...metabaseEnv({ MB_DB_USER: 'metabase', MB_DB_PASS: secret('metabase', 'metabase-db', 'password') }) } }))).toEqual([]);
    expect(shown(defineLab({ metabase: { env: { MB_DB_PASSWORD: secret('metabase', 'metabase-db', 'password') } } }))).toEqual([]);
  });
});

describe('what the new checks say', () => {
  test("Baserow's all-in-one image as root without the capabilities its entrypoint uses is a warning on runAsRoot", () => {
    expect(shown(defineLab({ baserow: { exemptions: { runAsRoot: 'the image starts as root' } } }))).toEqual([
      expect.stringMatching(/^warning main\/baserow exemptions\.runAsRoot: image "baserow\/baserow:1\.29\.2" starts as root.*CHOWN.*KILL/),
    ]);
  });

  test("Baserow's all-in-one image as the default non-root user is an error on its image", () => {
    expect(shown(defineLab({ baserow: { exemptions: {} } }))).toEqual([
      expect.stringMatching(/^error main\/baserow image: image "baserow\/baserow:1\.29\.2" is Baserow's all-in-one image, whose entrypoint starts as root/),
    ]);
  });

  test('Metabase given MB_DB_PASSWORD for MB_DB_PASS on PostgreSQL is an error on that variable', () => {
    expect(shown(defineLab({ metabase: metabaseEnv({ MB_DB_USER: 'metabase', MB_DB_PASSWORD: secret('metabase', 'metabase-db', 'password') }) }))).toEqual([
      expect.stringMatching(/^error main\/metabase env\.MB_DB_PASSWORD: Metabase reads its application database's password from MB_DB_PASS/),
    ]);
  });
});
