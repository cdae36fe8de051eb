import { ApiObject } from 'cdk8s';
import { AppController, AppVolume, ClusterChart, declareExternal, HomelabApp, hostPlacement, loki, SecretReference } from '../../constructs';
import type { LokiBucket } from '../../constructs';
import type { BadInput } from './cases';
import { gpu1, guarded } from './lab';

// A new user runs S3-compatible storage in the lab from the README alone (Garage, SeaweedFS, MinIO) and points
// Thanos, Mimir and Loki at its buckets. Each mistake passed synthesis and then left a server that would not start,
// a bucket nothing wrote to, or calls that every server refused.

/** A ConfigMap `id` of namespace `thanos` holding one file. */
const configFile = (cluster: ClusterChart, id: string, key: string, text: string) => {
  cluster.namespaces.ensure('thanos');
  return new ApiObject(cluster, id, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: id, namespace: 'thanos' }, data: { [key]: text } });
};

/** Garage as a StatefulSet of three, its RPC secret from `env`, and the Secret `garage` mounted where `secrets` says. */
const garage = (env: Record<string, unknown>, secrets: Record<string, unknown> = {}) => guarded((cluster: ClusterChart) => {
  declareExternal(cluster, { secrets: [{ namespace: 'garage', name: 'garage' }] });
  new HomelabApp(cluster, 'garage', {
    image: 'dxflrs/garage:v1.1.0', controller: AppController.statefulSet(), replicas: 3,
    ports: [{ name: 's3', port: 3900 }, { name: 'rpc', port: 3901 }, { name: 'admin', port: 3903 }],
    env: env as Record<string, string>,
    persistence: {
      meta: { volume: AppVolume.claim({ tier: 'local', size: '1Gi' }), mountPath: '/var/lib/garage/meta' },
      data: { volume: AppVolume.claim({ tier: 'local', size: '50Gi' }), mountPath: '/var/lib/garage/data' },
      ...secrets,
    },
  });
});

/** SeaweedFS' master (its ports given) and a volume server that finds it by `-mserver`; `open` lets the volume server in. */
const seaweedfs = (masterPorts: Array<{ name: string; port: number }>, open = true) => guarded((cluster: ClusterChart) => {
  new HomelabApp(cluster, 'seaweedfs-master', {
    namespace: 'seaweedfs', image: 'chrislusf/seaweedfs:3.85', args: ['master', '-port=9333', '-mdir=/data'], ports: masterPorts,
    persistence: { data: { volume: AppVolume.claim({ tier: 'local', size: '1Gi' }), mountPath: '/data' } },
    allowFrom: open ? [{ namespace: 'seaweedfs' }] : [],
  });
  new HomelabApp(cluster, 'seaweedfs-volume', {
    namespace: 'seaweedfs', image: 'chrislusf/seaweedfs:3.85', args: ['volume', '-port=8080', '-dir=/data', '-mserver=seaweedfs-master:9333'],
    ports: [{ name: 'http', port: 8080 }, { name: 'grpc', port: 18080 }],
    persistence: { data: { volume: AppVolume.claim({ tier: 'local', size: '50Gi' }), mountPath: '/data' } },
  });
});

/** Loki on gpu1, its S3 keys' Secret declared, with `bucket` or with `values` added. */
const lokiOn = (bucket?: Partial<LokiBucket>, values?: Record<string, unknown>) => guarded((cluster: ClusterChart) => {
  declareExternal(cluster, { secrets: [{ namespace: 'monitoring', name: 'loki-s3' }] });
  const installed = cluster.platform.require(loki({
    placement: hostPlacement(gpu1),
    ...(bucket === undefined ? {} : { bucket: { endpoint: 'http://garage.garage.svc.cluster.local:3900', name: 'loki', region: 'garage', credentialsSecret: 'loki-s3', ...bucket } }),
  }));
  if (values !== undefined) {
    installed.addValues(values);
  }
});

const LOKI = 'platform/installs/loki';

export const CASES: BadInput[] = [
  {
    name: "Thanos' bucket file giving the S3 endpoint as a URL",
    build: guarded((cluster: ClusterChart) => configFile(cluster, 'thanos-objstore', 'objstore.yml', 'type: S3\nconfig:\n  bucket: thanos\n  endpoint: http://minio.minio.svc.cluster.local:9000\n')),
    layer: 'schema', path: 'thanos-objstore', field: 'data.objstore.yml', hint: /endpoint: minio\.minio\.svc\.cluster\.local:9000, insecure: true/,
  },
  {
    name: "Garage reading its RPC secret from a file of a mounted Secret, which Garage finds world-readable",
    build: garage({ GARAGE_RPC_SECRET_FILE: '/etc/garage/secrets/rpc-secret' }, { secrets: { volume: AppVolume.secret('garage'), mountPath: '/etc/garage/secrets', readOnly: true } }),
    layer: 'references', path: 'garage', field: 'env.GARAGE_RPC_SECRET_FILE', hint: /GARAGE_RPC_SECRET: SecretReference\.external\('<namespace>', 'garage', 'rpc-secret'\)/,
  },
  {
    name: "SeaweedFS' master serving its HTTP port alone, where the volume server calls gRPC 10000 above it",
    build: seaweedfs([{ name: 'http', port: 9333 }]),
    layer: 'references', path: 'seaweedfs-volume', field: 'args[3]', hint: /port: 19333/,
  },
  {
    name: "SeaweedFS' master whose policy keeps out the volume server its -mserver flag names",
    build: seaweedfs([{ name: 'http', port: 9333 }, { name: 'grpc', port: 19333 }], false),
    layer: 'policy', path: 'seaweedfs-volume', field: 'args[3]', hint: /allowFrom: \[seaweedfsVolume\] on seaweedfs-master/,
  },
  {
    name: "Loki moved to S3 through addValues, its schema and compactor left on the filesystem",
    build: lokiOn(undefined, { loki: { storage: { type: 's3', bucketNames: { chunks: 'loki', ruler: 'loki', admin: 'loki' }, s3: { endpoint: 'https://s3.eu-central-003.backblazeb2.com', region: 'eu-central-003' } } } }),
    layer: 'props', path: LOKI, field: 'addValues.loki.storage.type', hint: /bucket: \{ endpoint, name, region, credentialsSecret \}/,
  },
  {
    name: "Loki's bucket endpoint at Garage's Service with the path style turned off",
    build: lokiOn({ pathStyle: false }),
    layer: 'props', path: 'platform', field: 'components.loki.bucket.pathStyle',
  },
  {
    name: "Loki's bucket given as a folder of the endpoint's URL",
    build: lokiOn({ endpoint: 'http://minio.minio.svc.cluster.local:9000/loki' }),
    layer: 'props', path: 'platform', field: 'components.loki.bucket.endpoint', hint: /endpoint: 'http:\/\/minio\.minio\.svc\.cluster\.local:9000', name: 'loki'/,
  },
  {
    name: "Loki's bucket on Garage, whose policy keeps out Loki's namespace",
    build: guarded((cluster: ClusterChart) => {
      lokiOn({})(cluster);
      declareExternal(cluster, { secrets: [{ namespace: 'garage', name: 'garage' }] });
      new HomelabApp(cluster, 'garage', {
        image: 'dxflrs/garage:v1.1.0', ports: [{ name: 's3', port: 3900 }, { name: 'rpc', port: 3901 }],
        env: { GARAGE_RPC_SECRET: SecretReference.external('garage', 'garage', 'rpc-secret') },
        persistence: { data: { volume: AppVolume.claim({ tier: 'local', size: '50Gi' }), mountPath: '/var/lib/garage' } },
      });
    }),
    layer: 'policy', path: LOKI, field: 'values.loki.storage.s3.endpoint', hint: /allowFrom: \[\{ namespace: 'monitoring' \}\] on garage/,
  },
];
