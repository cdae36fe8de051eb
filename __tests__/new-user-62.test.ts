import { ApiObject, App as CdkApp } from 'cdk8s';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, AppController, AppVolume, declareExternal, SecretReference, traefik } from '../constructs';
import type { AppProps, ClusterChart, Finding } from '../constructs';
import {
  cnpg, minioProps, mongoProps, natsProps, OPENSEARCH_CLUSTER, openSearchProps, postgresProps, restoredPgSpec, sentinel, sentinelConf, withCloudNativePg,
} from './bad-input/cases-new-user-62';
import { goodContainer, lab, labCluster, synthFindings } from './bad-input/lab';
import { Build, secondRun } from './support/day-two';
import { aboutTheLab } from './support/synth';

// The new user's lab of stateful software written right (see bad-input/cases-new-user-62.ts): the checks its mistakes
// met leave it alone, and the headless Service through which a StatefulSet's pods meet names them before they are ready.

/** Synthesizes `build` into a fresh app; its findings (but the warning of schemas missing here) and its output folder. */
function synth(build: (app: CdkApp) => void): { findings: Finding[]; outdir: string } {
  const app = new CdkApp();
  build(app);
  const outdir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'new-user-62-')), 'dist');
  return { findings: aboutTheLab(synthFindings(app, outdir).findings), outdir };
}

const shown = (findings: Finding[]) => findings.map((f) => `${f.severity} ${f.constructPath} ${f.field}: ${f.message}`);
const app = (c: ClusterChart, id: string, props: Partial<AppProps>) => new App(c, id, props as AppProps);

describe("a new user's lab of stateful software", () => {
  test('the lab written right synthesizes without errors or warnings', () => {
    const { findings, outdir } = synth((cdk) => {
      const c = labCluster(cdk, 'main', { routes: traefik({ address: lab.pools.vips.at('10.0.8.10') }) });
      app(c, 'mongo', mongoProps({
        ports: [{ name: 'mongodb', port: 27017 }],
        args: ['--replSet', 'rs0', '--bind_ip_all', '--keyFile', '/etc/mongo/keyfile'],
        env: { MONGO_INITDB_ROOT_USERNAME: 'root', MONGO_INITDB_ROOT_PASSWORD: SecretReference.external('db', 'mongo-root', 'password') },
      }));
      app(c, 'web', {
        namespace: 'web', image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }],
        env: { MONGO_URL: 'mongodb://mongo-0.mongo-headless.db.svc.cluster.local:27017,mongo-1.mongo-headless.db:27017,mongo-2.mongo-headless.db:27017/app?replicaSet=rs0' },
      });
      app(c, 'analytics', {
        namespace: 'web', image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }],
        env: { MONGO_URL: 'mongodb+srv://mongo-headless.db.svc.cluster.local/app?replicaSet=rs0&tls=false' },
      });
      sentinel(sentinelConf('sentinel resolve-hostnames yes\nsentinel announce-hostnames yes\n'), ['sh', '-c', 'cp /config/sentinel.conf /data/sentinel.conf && exec valkey-sentinel /data/sentinel.conf'])(c);
      app(c, 'minio', minioProps('http://minio-{0...3}.minio-headless.minio.svc.cluster.local/data'));
      app(c, 'postgres-old-folder', postgresProps('postgres:18.1', '/var/lib/postgresql/data', { PGDATA: '/var/lib/postgresql/data/pgdata' }));
      const postgres = app(c, 'postgres', postgresProps('postgres:18.1', '/var/lib/postgresql'));
      // The server's image run as a client, dumping into a claim of its own, keeps no data folder.
      app(c, 'postgres-dump', {
        namespace: 'db', image: 'postgres:18.1', command: ['pg_dumpall', '-h', 'postgres', '-U', 'postgres', '-f', '/backup/all.sql'],
        controller: AppController.cronJob({ schedule: '30 2 * * *', timeZone: 'Europe/Berlin' }),
        persistence: { backup: { volume: AppVolume.claim({ tier: 'local', size: '10Gi' }), mountPath: '/backup' } }, egress: [postgres],
      });
      // A data folder moved by a flag is where the claim must be.
      app(c, 'mongo-archive', mongoProps({
        namespace: 'archive', replicas: 1, args: ['--dbpath', '/srv/mongo', '--bind_ip_all'], allowFrom: [],
        persistence: { data: { volume: AppVolume.claim({ tier: 'local', size: '10Gi' }), mountPath: '/srv/mongo' } },
      }));
      app(c, 'influxdb', {
        namespace: 'metrics', image: 'influxdb:2.7.10', controller: AppController.statefulSet(), ports: [{ name: 'http', port: 8086 }],
        persistence: { data: { volume: AppVolume.claim({ tier: 'local', size: '10Gi' }), mountPath: '/var/lib/influxdb2' } }, probes: { readiness: { httpPath: '/health' } },
      });
      app(c, 'opensearch', openSearchProps(OPENSEARCH_CLUSTER));
      // One node alone enforces no bootstrap check: its memory lock, failing, is only logged.
      app(c, 'es', openSearchProps({ 'discovery.type': 'single-node', 'bootstrap.memory_lock': 'true' }, { namespace: 'logs', replicas: 1 }));
      app(c, 'nats', natsProps(['--server_name=$(POD_NAME)'], { env: { POD_NAME: { fieldPath: 'metadata.name' } } }));
    });
    expect(shown(findings)).toEqual([]);
    const headless = fs.readFileSync(path.join(outdir, 'lab', 'main', 'apps', 'mongo.yaml'), 'utf8').split('\n---\n').find((doc) => doc.includes('name: mongo-headless'));
    expect(headless).toMatch(/clusterIP: None[\s\S]*publishNotReadyAddresses: true/);
  });

  test('CloudNativePG with a pooler, scheduled backups and a restore into a folder of its own, and a MariaDB with its database, user and grant, synthesize clean', () => {
    const { findings } = synth((cdk) => {
      withCloudNativePg((c) => {
        cnpg(c, 'app-db', 'Cluster', { instances: 2, storage: { size: '20Gi', storageClass: 'local-path' } });
        cnpg(c, 'app-db-pooler-rw', 'Pooler', { cluster: { name: 'app-db' }, instances: 2, type: 'rw', pgbouncer: { poolMode: 'session' } });
        cnpg(c, 'app-db-pooler-ro', 'Pooler', { cluster: { name: 'app-db' }, instances: 1, type: 'ro', pgbouncer: { poolMode: 'session' } });
        cnpg(c, 'pg', 'Cluster', restoredPgSpec({ serverName: 'pg-restored' }));
        cnpg(c, 'pg-daily', 'ScheduledBackup', { schedule: '0 0 3 * * *', cluster: { name: 'pg' } });
        declareExternal(c, { secrets: [{ namespace: 'db', name: 'mariadb-root' }, { namespace: 'db', name: 'nextcloud-db' }] });
        const mariadb = (kind: string, name: string, spec: Record<string, unknown>) =>
          new ApiObject(c, `mariadb-${kind}`, { apiVersion: 'k8s.mariadb.com/v1alpha1', kind, metadata: { name, namespace: 'db' }, spec });
        mariadb('MariaDB', 'mariadb', { rootPasswordSecretKeyRef: { name: 'mariadb-root', key: 'password' }, storage: { size: '10Gi', storageClassName: 'local-path' } });
        mariadb('Database', 'nextcloud', { mariaDbRef: { name: 'mariadb' } });
        mariadb('User', 'nextcloud', { mariaDbRef: { name: 'mariadb', namespace: 'db' }, passwordSecretKeyRef: { name: 'nextcloud-db', key: 'password' } });
        mariadb('Grant', 'nextcloud', { mariaDbRef: { name: 'mariadb' }, privileges: ['ALL PRIVILEGES'], database: 'nextcloud', table: '*', username: 'nextcloud' });
      })(undefined as unknown as ClusterChart, cdk);
    });
    expect(shown(findings)).toEqual([]);
  });
});

describe("MongoDB's image moved forward past a release series on the data of the last", () => {
  /** The replica set on `image`. */
  const mongo = (image: string): Build => (c) => {
    app(c, 'mongo', mongoProps({ image, allowFrom: [] }));
  };
  test('mongo:5.0 to 7.0 is one error on the image naming the series between, and nothing is written', () => {
    const { errors, written } = secondRun(mongo('mongo:5.0.29'), mongo('mongo:7.0.14'));
    expect(errors).toEqual([expect.objectContaining({
      layer: 'policy', kind: 'StatefulSet', namespace: 'db', name: 'mongo', field: 'spec.template.spec.containers[0].image',
      message: expect.stringMatching(/from MongoDB 5\.0 to 7\.0 on the data 5\.0 wrote on db\/data-mongo-0, db\/data-mongo-1, db\/data-mongo-2, past 6\.0/),
      hint: expect.stringMatching(/^move one series at a time: 6\.0, then db\.adminCommand\(\{ setFeatureCompatibilityVersion: '6\.0' \}\)/),
    })]);
    expect(written).toBe(false);
  });

  test('the next series, or a patch release, is no error', () => {
    expect(secondRun(mongo('mongo:6.0.19'), mongo('mongo:7.0.14')).errors).toEqual([]);
    expect(secondRun(mongo('mongo:4.4.29'), mongo('mongo:5.0.29')).errors).toEqual([]);
    expect(secondRun(mongo('mongo:7.0.12'), mongo('mongo:7.0.14')).errors).toEqual([]);
  });
});

describe('a StatefulSet written by hand whose pods name each other under its headless Service', () => {
  /** etcd on three pods, its initial cluster by the pods' names under the headless Service etcd, which `publish` says. */
  const etcd = (publish: boolean) => (cdk: CdkApp) => {
    const c = labCluster(cdk, 'main', { routes: traefik({ address: lab.pools.vips.at('10.0.8.10') }) });
    c.namespaces.ensure('etcd');
    new ApiObject(c, 'etcd-peers', {
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'etcd', namespace: 'etcd' },
      spec: { clusterIP: 'None', ...(publish ? { publishNotReadyAddresses: true } : {}), selector: { app: 'etcd' }, ports: [{ name: 'client', port: 2379 }, { name: 'peer', port: 2380 }] },
    });
    new ApiObject(c, 'etcd-policy', {
      apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'etcd', namespace: 'etcd' },
      spec: { podSelector: { matchLabels: { app: 'etcd' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: { matchLabels: { app: 'etcd' } } }] }] },
    });
    new ApiObject(c, 'etcd', {
      apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'etcd', namespace: 'etcd' },
      spec: {
        serviceName: 'etcd', replicas: 3, podManagementPolicy: 'Parallel', selector: { matchLabels: { app: 'etcd' } },
        template: {
          metadata: { labels: { app: 'etcd' } },
          spec: {
            securityContext: { runAsNonRoot: true, runAsUser: 1000, fsGroup: 1000, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [goodContainer({
              name: 'etcd', image: 'quay.io/coreos/etcd:v3.5.17', ports: [{ name: 'client', containerPort: 2379 }, { name: 'peer', containerPort: 2380 }],
              readinessProbe: { httpGet: { path: '/health', port: 2379 } }, livenessProbe: { tcpSocket: { port: 2379 } },
              env: [{ name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
              command: ['etcd', '--name=$(POD_NAME)', '--data-dir=/var/run/etcd/default.etcd', '--listen-peer-urls=http://0.0.0.0:2380', '--listen-client-urls=http://0.0.0.0:2379',
                '--advertise-client-urls=http://$(POD_NAME).etcd:2379', '--initial-advertise-peer-urls=http://$(POD_NAME).etcd:2380',
                '--initial-cluster=etcd-0=http://etcd-0.etcd:2380,etcd-1=http://etcd-1.etcd:2380,etcd-2=http://etcd-2.etcd:2380'],
              volumeMounts: [{ name: 'data', mountPath: '/var/run/etcd' }],
            })],
          },
        },
        volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'local-path', resources: { requests: { storage: '1Gi' } } } }],
      },
    });
  };

  test('a headless Service that names ready pods alone is one warning on its publishNotReadyAddresses', () => {
    expect(synth(etcd(false)).findings.map((f) => `${f.severity} ${f.constructPath} ${f.field}`)).toEqual(['warning main/etcd-peers spec.publishNotReadyAddresses']);
  });

  test('one that names them from the start synthesizes clean', () => {
    expect(shown(synth(etcd(true)).findings)).toEqual([]);
  });
});
