import { App as CdkApp } from 'cdk8s';
import { App, declareExternal, existingStorageClass, host, SecretReference, site, traefik } from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labCluster, raw } from './lab';

// A home lab moves its databases onto CloudNativePG: a Cluster with its WAL on the Longhorn class, backups through the
// Barman Cloud plugin to an in-cluster MinIO, a PgBouncer pooler, and an app reading the operator's `<cluster>-app`
// Secret, behind NetworkPolicies written by hand. Each mistake passed synthesis and was then refused by the API
// server, or left the database without a ready instance, backups or a password for its app.

const nas = host('nu115-nas', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.115.0.1' });
const moved = site('nu115-moved', { domain: 'moved.test', hosts: [nas], git: { url: 'https://git.moved.test/lab.git' } });

/** The operators the owner installed by hand, each with the kinds it defines. */
const OPERATORS = [
  { source: 'longhorn', provides: { storageClasses: ['longhorn'] }, namespaces: ['longhorn-system'], crds: [] },
  { source: 'cloudnative-pg', namespaces: ['cnpg-system'], crds: [{ group: 'postgresql.cnpg.io', kinds: ['Cluster', 'ScheduledBackup', 'Pooler', 'ImageCatalog'] }] },
  { source: 'plugin-barman-cloud', crds: [{ group: 'barmancloud.cnpg.io', kinds: ['ObjectStore'] }] },
];

const PLUGIN = 'barman-cloud.cloudnative-pg.io';

/** A hand-written object `name` of an operator, in namespace `ns`. */
const operatorObject = (c: ClusterChart, name: string, ns: string, apiVersion: string, kind: string, spec: Record<string, unknown>) => {
  c.namespaces.ensure(ns);
  return raw(c, name, { apiVersion, kind, metadata: { name, namespace: ns }, spec });
};

/**
 * The lab in a cluster `moved` of its own: Cluster `pg` in namespace `db` with `spec` added, backed up through the
 * plugin to ObjectStore `minio-store` in `storeNamespace`, the app `web` whose `DATABASE_URL` reads key `uriKey`, and
 * the NetworkPolicies of namespace `db` the owner wrote by hand (`policies`, each a spec).
 */
const lab115 = (spec: Record<string, unknown>, storeNamespace = 'db', uriKey = 'uri', policies: Array<Record<string, unknown>> = []) => guarded((_main: ClusterChart, app: CdkApp) => {
  const c = labCluster(app, 'moved', {
    site: moved, hosts: [nas], routes: traefik({ nodePorts: true }), loadBalancer: undefined,
    storage: { longhorn: existingStorageClass('longhorn') }, preinstalled: OPERATORS,
  });
  declareExternal(c, { secrets: [{ namespace: storeNamespace, name: 'minio' }] });
  const credentials = { accessKeyId: { name: 'minio', key: 'ACCESS_KEY_ID' }, secretAccessKey: { name: 'minio', key: 'ACCESS_SECRET_KEY' } };
  operatorObject(c, 'minio-store', storeNamespace, 'barmancloud.cnpg.io/v1', 'ObjectStore', {
    configuration: { destinationPath: 's3://pg-backups/', endpointURL: 'http://minio.minio.svc:9000', s3Credentials: credentials }, retentionPolicy: '30d',
  });
  operatorObject(c, 'pg', 'db', 'postgresql.cnpg.io/v1', 'Cluster', {
    instances: 2, imageName: 'ghcr.io/cloudnative-pg/postgresql:16.6',
    storage: { size: '10Gi', storageClass: 'longhorn' }, walStorage: { size: '2Gi', storageClass: 'longhorn' },
    bootstrap: { initdb: { database: 'app', owner: 'app' } },
    plugins: [{ name: PLUGIN, isWALArchiver: true, parameters: { barmanObjectName: 'minio-store' } }],
    ...spec,
  });
  operatorObject(c, 'pg-nightly', 'db', 'postgresql.cnpg.io/v1', 'ScheduledBackup', { schedule: '0 0 3 * * *', method: 'plugin', pluginConfiguration: { name: PLUGIN }, cluster: { name: 'pg' } });
  policies.forEach((spec, i) => operatorObject(c, `db-policy-${i}`, 'db', 'networking.k8s.io/v1', 'NetworkPolicy', spec));
  new App(c, 'web', {
    image: 'ghcr.io/example/web:1.0.0', namespace: 'db', ports: [{ name: 'http', port: 8080 }],
    env: { DATABASE_URL: SecretReference.external('db', 'pg-app', uriKey) },
  });
});

export const CASES: BadInput[] = [
  {
    name: 'a PostgreSQL parameter written as a number, as postgresql.conf shows it',
    build: lab115({ postgresql: { parameters: { max_connections: 200, shared_buffers: '256MB' } } }),
    layer: 'schema', path: 'pg', field: 'spec.postgresql.parameters.max_connections', hint: /max_connections: '200'/,
  },
  {
    name: "the Barman Cloud ObjectStore made in the operator's namespace rather than the Cluster's",
    build: lab115({}, 'cnpg-system'),
    layer: 'references', path: 'pg', field: 'spec.plugins[0].parameters.barmanObjectName', hint: /namespace "db"/,
  },
  {
    name: "an app reading its connection string from the operator's Secret under a key it does not write",
    build: lab115({}, 'db', 'url'),
    layer: 'references', path: 'web', field: 'env.DATABASE_URL', hint: /"uri"/,
  },
  {
    name: "a default-deny policy in the database's namespace that admits its apps alone, not the operator",
    build: lab115({}, 'db', 'uri', [
      { podSelector: {}, policyTypes: ['Ingress'] },
      { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ ports: [{ port: 8080 }] }] },
      { podSelector: { matchLabels: { 'cnpg.io/cluster': 'pg' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }, { podSelector: { matchLabels: { 'cnpg.io/cluster': 'pg' } } }], ports: [{ port: 5432 }] }] },
    ]),
    layer: 'policy', path: 'pg', field: 'metadata.namespace', hint: /cnpg-system/,
  },
];
