import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { App, ClusterChart, declareExternal, existingStorageClass, flux, host, SecretReference, site, traefik } from '../constructs';
import { aboutTheLab, synthInMemory } from './support/synth';

// A home lab's PostgreSQL on CloudNativePG as its owner writes it from the operator's documentation: a Cluster with
// WAL storage and an image catalog, backups through the Barman Cloud plugin and a nightly ScheduledBackup, a PgBouncer
// Pooler its app connects through, a restore of the backups into a new Cluster, and the app reading `pg-app`.

const nas = host('nu115c-nas', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.116.0.1' });
const lab = site('nu115c', { domain: 'nu115c.example.net', hosts: [nas], git: { url: 'https://git.nu115c.example.net/lab.git' } });

const OPERATORS = [
  { source: 'longhorn', provides: { storageClasses: ['longhorn'] }, namespaces: ['longhorn-system'], crds: [] },
  { source: 'cloudnative-pg', crds: [{ group: 'postgresql.cnpg.io', kinds: ['Cluster', 'ScheduledBackup', 'Pooler', 'ImageCatalog'] }] },
  { source: 'plugin-barman-cloud', crds: [{ group: 'barmancloud.cnpg.io', kinds: ['ObjectStore'] }] },
];
const PLUGIN = 'barman-cloud.cloudnative-pg.io';

/** What each object of the lab gets beside its usual spec, and the app's database host and Secret key. */
interface Changes {
  readonly cluster?: Record<string, unknown>;
  readonly pooler?: Record<string, unknown>;
  readonly dbHost?: string;
  /** NetworkPolicy specs of namespace `db`, written by hand. */
  readonly policies?: ReadonlyArray<Record<string, unknown>>;
}

const defineLab = (changes: Changes = {}) => (scope: Construct) => {
  const c = new ClusterChart(scope, 'main', {
    site: lab, hosts: [nas], routes: traefik({ nodePorts: true }), storage: { longhorn: existingStorageClass('longhorn') }, gitops: flux(), preinstalled: OPERATORS,
  });
  const object = (name: string, apiVersion: string, kind: string, spec: Record<string, unknown>) => new ApiObject(c, name, { apiVersion, kind, metadata: { name, namespace: 'db' }, spec });
  c.namespaces.ensure('db');
  declareExternal(c, { secrets: [{ namespace: 'db', name: 'minio' }] });
  const storage = { size: '10Gi', storageClass: 'longhorn' };
  object('minio-store', 'barmancloud.cnpg.io/v1', 'ObjectStore', {
    configuration: { destinationPath: 's3://pg-backups/', endpointURL: 'http://minio.minio.svc:9000', s3Credentials: { accessKeyId: { name: 'minio', key: 'ACCESS_KEY_ID' }, secretAccessKey: { name: 'minio', key: 'ACCESS_SECRET_KEY' } } },
    retentionPolicy: '30d',
  });
  object('postgresql', 'postgresql.cnpg.io/v1', 'ImageCatalog', { images: [{ major: 16, image: 'ghcr.io/cloudnative-pg/postgresql:16.6' }, { major: 17, image: 'ghcr.io/cloudnative-pg/postgresql:17.2' }] });
  object('pg', 'postgresql.cnpg.io/v1', 'Cluster', {
    instances: 2, imageCatalogRef: { apiGroup: 'postgresql.cnpg.io', kind: 'ImageCatalog', name: 'postgresql', major: 17 },
    storage, walStorage: { size: '2Gi', storageClass: 'longhorn' }, resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { memory: '1Gi' } },
    postgresql: { parameters: { max_connections: '200', shared_buffers: '256MB' } }, bootstrap: { initdb: { database: 'app', owner: 'app' } },
    plugins: [{ name: PLUGIN, isWALArchiver: true, parameters: { barmanObjectName: 'minio-store' } }],
    ...changes.cluster,
  });
  object('pg-nightly', 'postgresql.cnpg.io/v1', 'ScheduledBackup', { schedule: '0 0 3 * * *', backupOwnerReference: 'self', method: 'plugin', pluginConfiguration: { name: PLUGIN }, cluster: { name: 'pg' } });
  object('pg-pooler-rw', 'postgresql.cnpg.io/v1', 'Pooler', {
    cluster: { name: 'pg' }, instances: 2, type: 'rw', pgbouncer: { poolMode: 'transaction', parameters: { max_client_conn: '1000', default_pool_size: '10' } }, ...changes.pooler,
  });
  // Last night's backups, restored beside it under a server name of their own.
  object('pg-restored', 'postgresql.cnpg.io/v1', 'Cluster', {
    instances: 1, storage, bootstrap: { recovery: { source: 'pg-backup' } },
    externalClusters: [{ name: 'pg-backup', plugin: { name: PLUGIN, parameters: { barmanObjectName: 'minio-store', serverName: 'pg' } } }],
  });
  (changes.policies ?? []).forEach((spec, i) => new ApiObject(c, `db-policy-${i}`, { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: `db-policy-${i}`, namespace: 'db' }, spec }));
  new App(c, 'web', {
    image: 'ghcr.io/example/web:1.0.0', namespace: 'db', ports: [{ name: 'http', port: 8080 }],
    env: { DATABASE_URL: SecretReference.external('db', 'pg-app', 'fqdn-uri'), DB_HOST: changes.dbHost ?? 'pg-pooler-rw.db.svc.cluster.local' },
  });
};

/** The pods of every Cluster of the namespace (and of their poolers). */
const CLUSTER_PODS = { podSelector: { matchExpressions: [{ key: 'cnpg.io/cluster', operator: 'Exists' }] } };
const DENY = { podSelector: {}, policyTypes: ['Ingress'] };
const FROM_WEB = { ...CLUSTER_PODS, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 5432 }] }] };
const FROM_OPERATOR = {
  ...CLUSTER_PODS,
  ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'cnpg-system' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'cloudnative-pg' } } }], ports: [{ port: 8000 }, { port: 5432 }] }],
};

const findingsOf = (changes?: Changes) => aboutTheLab(synthInMemory(defineLab(changes)).findings).map((f) => `${f.severity} ${f.constructPath} ${f.field}: ${f.hint ?? ''}`);

describe('PostgreSQL on CloudNativePG written the way its documentation writes it', () => {
  test('a Cluster from an image catalog, plugin backups, a schedule, a pooler, a restore and an app reading pg-app synthesize clean', () => {
    expect(findingsOf()).toEqual([]);
  });

  test("a default-deny namespace that admits the app, the operator and the Cluster's own pods, as CloudNativePG's guide writes it, synthesizes clean", () => {
    expect(findingsOf({ policies: [DENY, FROM_WEB, FROM_OPERATOR, { ...CLUSTER_PODS, ingress: [{ from: [CLUSTER_PODS] }] }] })).toEqual([]);
  });

  test('a default-deny namespace that admits the operator alone keeps the replica and the pooler from the primary', () => {
    expect(findingsOf({ policies: [DENY, FROM_WEB, FROM_OPERATOR] })).toEqual([
      expect.stringMatching(/^error main\/pg spec\.instances: admit the Cluster's own pods/),
      expect.stringMatching(/^error main\/pg-pooler-rw spec\.cluster\.name: admit the pooler on the Cluster's pods/),
    ]);
  });

  test.each([
    ['a pool mode in the case of the PgBouncer docs', { pooler: { pgbouncer: { poolMode: 'Transaction' } } }, "error main/pg-pooler-rw spec.pgbouncer.poolMode: write it in lower case: poolMode: 'transaction'"],
    ["PgBouncer's statement mode, which the CRD does not take", { pooler: { pgbouncer: { poolMode: 'statement' } } }, /spec\.pgbouncer\.poolMode: write one of them/],
    ['a PgBouncer parameter as a number', { pooler: { pgbouncer: { parameters: { max_client_conn: 1000 } } } }, "error main/pg-pooler-rw spec.pgbouncer.parameters.max_client_conn: quote it, as PgBouncer reads it: max_client_conn: '1000'"],
    ["a major upgrade onto the catalog that keeps the Cluster's imageName", { cluster: { imageName: 'ghcr.io/cloudnative-pg/postgresql:16.6' } }, /^error main\/pg spec\.imageCatalogRef: keep one: drop imageName/],
    ['instances in quotes', { cluster: { instances: '3' } }, 'error main/pg spec.instances: write the number of PostgreSQL instances without quotes: instances: 3'],
    ['a major the catalog lists no image of', { cluster: { imageCatalogRef: { apiGroup: 'postgresql.cnpg.io', kind: 'ImageCatalog', name: 'postgresql', major: 18 } } }, /^error main\/pg spec\.imageCatalogRef\.major: add \{ major: 18/],
    ['a catalog named one letter off', { cluster: { imageCatalogRef: { apiGroup: 'postgresql.cnpg.io', kind: 'ImageCatalog', name: 'postgres', major: 17 } } }, "error main/pg spec.imageCatalogRef.name: name the ImageCatalog of the namespace meant: name: 'postgresql'"],
    ['a claim template naming a class one letter off', { cluster: { storage: { size: '10Gi', pvcTemplate: { storageClassName: 'longhron', accessModes: ['ReadWriteOnce'] } } } }, /^error main\/pg spec\.storage\.pvcTemplate\.storageClassName: did you mean "longhorn"/],
    ["the pooler's host written after its Cluster", { dbHost: 'pg-pooler.db.svc.cluster.local' }, /^warning main\/web env\.DB_HOST: call pg-pooler-rw\.db/],
  ] as Array<[string, Changes, string | RegExp]>)('%s is refused with the value meant', (_name, changes, expected) => {
    const findings = findingsOf(changes);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toEqual(typeof expected === 'string' ? expected : expect.stringMatching(expected));
  });
});
