import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { loadAll } from 'js-yaml';
import {
  AppController, AppVolume, ClusterChart, declareExternal, flux, HomelabApp, host, hostPlacement, ingressNginx, IngressTls, k3s, localPathStorage, loki, SealedSecret, SecretReference, site, traefik,
} from '../constructs';
import { objectStoreEndpointProblems } from '../constructs/validation/object-store-endpoints';
import { shownFindings } from './support/lab-output';
import { sitesInMemory } from './support/synth';

// A lab that runs its own S3-compatible storage, written from the README alone: Garage for Loki's logs, MinIO in
// distributed mode for Thanos' blocks, SeaweedFS' master, volume server, filer and S3 gateway. Written right, it
// synthesizes without a finding, and Loki's bucket moves its schema, compactor and keys with it.

function objectStorageLab(scope: Construct): void {
  const nas = host('nas', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.10.5' });
  const lab = site('objects', { domain: 'objects.jdoe.dev', hosts: [nas], git: { url: 'https://github.com/jdoe/objects.git' } });
  const cluster = new ClusterChart(scope, 'main', {
    site: lab, hosts: [nas], preinstalled: [k3s({ disable: ['traefik'] })], routes: traefik(), storage: { fast: localPathStorage() }, gitops: flux(),
  });
  declareExternal(cluster, { secrets: [
    { namespace: 'garage', name: 'garage' }, { namespace: 'minio', name: 'minio' }, { namespace: 'monitoring', name: 'loki-s3' }, { namespace: 'thanos', name: 'thanos-s3' },
  ] });

  // Garage: its RPC secret and admin token as variables from the Secret, its S3 API routed.
  cluster.namespaces.ensure('garage');
  new ApiObject(cluster, 'garage-config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'garage-config', namespace: 'garage' }, data: {
    'garage.toml': [
      'metadata_dir = "/var/lib/garage/meta"', 'data_dir = "/var/lib/garage/data"', 'db_engine = "lmdb"', 'replication_factor = 3', 'rpc_bind_addr = "[::]:3901"',
      '', '[s3_api]', 's3_region = "garage"', 'api_bind_addr = "[::]:3900"', 'root_domain = ".s3.objects.jdoe.dev"', '', '[admin]', 'api_bind_addr = "[::]:3903"', '',
    ].join('\n'),
  } });
  new HomelabApp(cluster, 'garage', {
    image: 'dxflrs/garage:v1.1.0', controller: AppController.statefulSet(), replicas: 3,
    ports: [{ name: 's3', port: 3900 }, { name: 'rpc', port: 3901 }, { name: 'admin', port: 3903 }],
    env: { GARAGE_RPC_SECRET: SecretReference.external('garage', 'garage', 'rpc-secret'), GARAGE_ADMIN_TOKEN: SecretReference.external('garage', 'garage', 'admin-token') },
    persistence: {
      meta: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/var/lib/garage/meta' },
      data: { volume: AppVolume.claim({ tier: 'fast', size: '100Gi' }), mountPath: '/var/lib/garage/data' },
      config: { volume: AppVolume.configMap('garage-config'), mounts: [{ mountPath: '/etc/garage.toml', subPath: 'garage.toml' }] },
    },
    route: { host: 's3', port: 3900 },
    allowFrom: [{ namespace: 'monitoring' }],
  });

  // MinIO in distributed mode: four pods of one erasure set, named by the headless Service.
  const minio = new HomelabApp(cluster, 'minio', {
    image: 'quay.io/minio/minio:RELEASE.2025-04-22T22-12-26Z', controller: AppController.statefulSet(), replicas: 4,
    command: ['minio'], args: ['server', 'http://minio-{0...3}.minio-headless.minio.svc.cluster.local/data', '--console-address', ':9001'],
    ports: [{ name: 'api', port: 9000 }, { name: 'console', port: 9001 }],
    env: { MINIO_ROOT_USER: SecretReference.external('minio', 'minio', 'root-user'), MINIO_ROOT_PASSWORD: SecretReference.external('minio', 'minio', 'root-password') },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '50Gi' }), mountPath: '/data' } },
  });

  // SeaweedFS: each server serves its HTTP port and the gRPC port 10000 above it; the filer names its master's
  // gRPC port outright.
  const seaweed = (id: string, args: string[], ports: Array<{ name: string; port: number }>, size?: string) => new HomelabApp(cluster, id, {
    namespace: 'seaweedfs', image: 'chrislusf/seaweedfs:3.85', args, ports,
    persistence: size === undefined ? undefined : { data: { volume: AppVolume.claim({ tier: 'fast', size }), mountPath: '/data' } },
    allowFrom: [{ namespace: 'seaweedfs' }],
  });
  seaweed('seaweedfs-master', ['master', '-port=9333', '-mdir=/data'], [{ name: 'http', port: 9333 }, { name: 'grpc', port: 19333 }], '1Gi');
  seaweed('seaweedfs-volume', ['volume', '-port=8080', '-dir=/data', '-mserver=seaweedfs-master:9333'], [{ name: 'http', port: 8080 }, { name: 'grpc', port: 18080 }], '100Gi');
  seaweed('seaweedfs-filer', ['filer', '-port=8888', '-master', 'seaweedfs-master:9333.19333'], [{ name: 'http', port: 8888 }, { name: 'grpc', port: 18888 }], '5Gi');
  seaweed('seaweedfs-s3', ['s3', '-port=8333', '-filer=seaweedfs-filer:8888'], [{ name: 'http', port: 8333 }]);

  // Thanos' store gateway on a MinIO bucket: the endpoint as host and port, the keys from the environment.
  cluster.namespaces.ensure('thanos');
  new ApiObject(cluster, 'thanos-objstore', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'thanos-objstore', namespace: 'thanos' }, data: {
    'objstore.yml': 'type: S3\nconfig:\n  bucket: thanos\n  endpoint: minio.minio.svc.cluster.local:9000\n  insecure: true\n',
  } });
  new HomelabApp(cluster, 'thanos-store', {
    namespace: 'thanos', image: 'quay.io/thanos/thanos:v0.37.2',
    args: ['store', '--objstore.config-file=/etc/thanos/objstore.yml', '--data-dir=/var/thanos/store', '--http-address=0.0.0.0:10902', '--grpc-address=0.0.0.0:10901'],
    ports: [{ name: 'http', port: 10902 }, { name: 'grpc', port: 10901 }],
    env: { AWS_ACCESS_KEY_ID: SecretReference.external('thanos', 'thanos-s3', 'access-key'), AWS_SECRET_ACCESS_KEY: SecretReference.external('thanos', 'thanos-s3', 'secret-key') },
    persistence: { objstore: { volume: AppVolume.configMap('thanos-objstore'), mountPath: '/etc/thanos' }, cache: { volume: AppVolume.emptyDir(), mountPath: '/var/thanos/store' } },
    egress: [minio],
  });

  // Loki keeps its logs in a bucket of Garage.
  cluster.platform.require(loki({
    placement: hostPlacement(nas), storageClass: 'local-path',
    bucket: { endpoint: 'http://garage.garage.svc.cluster.local:3900', name: 'loki', region: 'garage', credentialsSecret: 'loki-s3' },
  }));
}

/** MinIO alone, its S3 API routed through ingress-nginx, which caps a request's body at 1 MiB unless told otherwise. */
function minioBehindNginx(scope: Construct): void {
  const nas = host('nas', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.10.5' });
  const lab = site('bucket', { domain: 'bucket.jdoe.dev', hosts: [nas], git: { url: 'https://github.com/jdoe/bucket.git' } });
  const cluster = new ClusterChart(scope, 'main', {
    site: lab, hosts: [nas], preinstalled: [k3s({ disable: ['traefik'] })], routes: ingressNginx({ tls: IngressTls.none() }), storage: { fast: localPathStorage() }, gitops: flux(),
  });
  declareExternal(cluster, { secrets: [{ namespace: 'minio', name: 'minio' }] });
  new HomelabApp(cluster, 'minio', {
    image: 'quay.io/minio/minio:RELEASE.2025-04-22T22-12-26Z', command: ['minio'], args: ['server', '/data', '--console-address', ':9001'],
    ports: [{ name: 'api', port: 9000 }, { name: 'console', port: 9001 }],
    env: { MINIO_ROOT_USER: SecretReference.external('minio', 'minio', 'root-user'), MINIO_ROOT_PASSWORD: SecretReference.external('minio', 'minio', 'root-password') },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '50Gi' }), mountPath: '/data' } },
    route: { host: 's3', port: 9000 },
  });
}

/** The Helm values of the Loki release in the lab's output. */
function lokiValues(): Record<string, any> {
  const [file] = [...sitesInMemory(objectStorageLab).files].filter(([name, text]) => name.includes('/platform/') && text.includes('chart: loki'));
  const release = (loadAll(file[1]) as any[]).find((doc) => doc?.kind === 'HelmRelease');
  return release.spec.values;
}

describe('a lab running its own object storage', () => {
  test('synthesizes without a finding', () => {
    expect(shownFindings(objectStorageLab)).toEqual([]);
  });

  test("Loki's bucket moves its store, schema, compactor and keys together", () => {
    const values = lokiValues();
    expect(values.loki.storage).toEqual({
      type: 's3', bucketNames: { chunks: 'loki', ruler: 'loki', admin: 'loki' },
      s3: { endpoint: 'http://garage.garage.svc.cluster.local:3900', region: 'garage', s3ForcePathStyle: true, insecure: true },
    });
    expect(values.loki.schemaConfig.configs.map((c: any) => c.object_store)).toEqual(['s3']);
    expect(values.loki.compactor.delete_request_store).toBe('s3');
    expect(values.singleBinary.extraEnvFrom).toEqual([{ secretRef: { name: 'loki-s3' } }]);
  });

  test("an S3 server's route lets uploads of any size through ingress-nginx", () => {
    expect(shownFindings(minioBehindNginx)).toEqual([]);
    const ingress = [...sitesInMemory(minioBehindNginx).files].filter(([name]) => name.endsWith('.yaml')).map(([, text]) => text).flatMap((text) => loadAll(text) as any[]).find((doc) => doc?.kind === 'Ingress');
    expect(ingress.metadata.annotations['nginx.ingress.kubernetes.io/proxy-body-size']).toBe('0');
  });

  test("the keys of Loki's bucket Secret are read as Loki reads them", () => {
    const sealedKeys = (keys: string[]) => (scope: Construct) => {
      const nas = host('nas', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.10.5' });
      const lab = site('logs', { domain: 'logs.jdoe.dev', hosts: [nas], git: { url: 'https://github.com/jdoe/logs.git' } });
      const cluster = new ClusterChart(scope, 'main', {
        site: lab, hosts: [nas], preinstalled: [k3s({ disable: ['traefik'] })], routes: traefik(), storage: { fast: localPathStorage() }, gitops: flux(),
      });
      new SealedSecret(cluster, 'loki-s3', { namespace: 'monitoring', encryptedData: Object.fromEntries(keys.map((key) => [key, `Ag${'B'.repeat(720)}==`])) });
      cluster.platform.require(loki({
        placement: hostPlacement(nas), bucket: { endpoint: 'https://s3.eu-central-003.backblazeb2.com', name: 'lab-logs', region: 'eu-central-003', credentialsSecret: 'loki-s3' },
      }));
    };
    expect(shownFindings(sealedKeys(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']))).toEqual([]);
    expect(shownFindings(sealedKeys(['access-key', 'secret-key']))).toEqual(['error main/platform/installs/loki readsSecrets.loki-s3']);
  });

  test("Garage may keep a secret file where its mode check is turned off, and garage.toml's secret files are read too", () => {
    /** Garage with the Secret `garage` mounted at /etc/garage/secrets, `env` given, and garage.toml holding `toml`. */
    const garageWith = (env: Record<string, string>, toml: string) => (scope: Construct) => {
      const nas = host('nas', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.10.5' });
      const lab = site('garage', { domain: 'garage.jdoe.dev', hosts: [nas], git: { url: 'https://github.com/jdoe/garage.git' } });
      const cluster = new ClusterChart(scope, 'main', {
        site: lab, hosts: [nas], preinstalled: [k3s({ disable: ['traefik'] })], routes: traefik(), storage: { fast: localPathStorage() }, gitops: flux(),
      });
      declareExternal(cluster, { secrets: [{ namespace: 'garage', name: 'garage' }] });
      cluster.namespaces.ensure('garage');
      new ApiObject(cluster, 'garage-config', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'garage-config', namespace: 'garage' }, data: { 'garage.toml': toml } });
      new HomelabApp(cluster, 'garage', {
        image: 'dxflrs/garage:v1.1.0', ports: [{ name: 's3', port: 3900 }, { name: 'rpc', port: 3901 }], env,
        persistence: {
          data: { volume: AppVolume.claim({ tier: 'fast', size: '50Gi' }), mountPath: '/var/lib/garage' },
          secrets: { volume: AppVolume.secret('garage'), mountPath: '/etc/garage/secrets', readOnly: true },
          config: { volume: AppVolume.configMap('garage-config'), mounts: [{ mountPath: '/etc/garage.toml', subPath: 'garage.toml' }] },
        },
      });
    };
    const toml = 'metadata_dir = "/var/lib/garage/meta"\ndata_dir = "/var/lib/garage/data"\nreplication_factor = 1\nrpc_bind_addr = "[::]:3901"\n';
    expect(shownFindings(garageWith({ GARAGE_RPC_SECRET_FILE: '/etc/garage/secrets/rpc-secret', GARAGE_ALLOW_WORLD_READABLE_SECRETS: 'true' }, toml))).toEqual([]);
    expect(shownFindings(garageWith({ GARAGE_RPC_SECRET_FILE: '/etc/garage/secrets/rpc-secret' }, `allow_world_readable_secrets = true\n${toml}`))).toEqual([]);
    expect(shownFindings(garageWith({}, `rpc_secret_file = "/etc/garage/secrets/rpc-secret"\n${toml}`))).toEqual(['error main/garage-config data.garage.toml']);
    expect(shownFindings(garageWith({ GARAGE_ADMIN_TOKEN_FILE: '/etc/garage/secrets/admin-token' }, toml))).toEqual(['error main/garage env.GARAGE_ADMIN_TOKEN_FILE']);
  });

  test("the endpoints of Thanos' and Mimir's S3 stores are read as minio-go reads them", () => {
    expect(objectStoreEndpointProblems('type: s3\nconfig:\n  bucket: thanos\n  endpoint: minio.minio.svc:9000\n  insecure: true\n')).toEqual([]);
    expect(objectStoreEndpointProblems('common:\n  storage:\n    backend: s3\n    s3:\n      endpoint: http://garage.garage.svc:3900\n').map((p) => [p.at, p.hint]))
      .toEqual([['common.storage.s3.endpoint', 'write the host and port, and let insecure pick the scheme: endpoint: garage.garage.svc:3900, insecure: true']]);
    // Loki's own configuration has the same block without a backend, and its AWS client takes the URL.
    expect(objectStoreEndpointProblems('common:\n  storage:\n    s3:\n      endpoint: http://garage.garage.svc:3900\n      s3forcepathstyle: true\n')).toEqual([]);
    expect(objectStoreEndpointProblems('type: GCS\nconfig:\n  bucket: thanos\n  endpoint: https://storage.googleapis.com\n')).toEqual([]);
    expect(objectStoreEndpointProblems('not: [yaml')).toEqual([]);
  });
});
