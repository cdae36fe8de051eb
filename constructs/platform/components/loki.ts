import { sizeProblem } from '../../app/quantities';
import type { PropProblem, PropShape } from '../../validation/known-props';
import type { PlatformComponentProps } from '../component';
import type { ComponentSize } from '../component-resources';
import { PART_RESOURCES_SHAPE, partResourcesProblems, partValuesKeys, withPartResources, type PartResources, type SizedPart } from '../part-resources';
import { servesPorts } from '../component-network';
import { checkedComponent, ComponentOptionsCheck, PLACEMENT_SHAPE, placementProblems, valueProblem } from '../component-options';
import type { RolePlacement } from '../node-role';
import { RESTRICTED_CONTAINER_SECURITY, RESTRICTED_POD_SECURITY } from '../restricted-security';
import { prometheusDurationMilliseconds } from '../../validation/prometheus-duration';
import { spokenDurationMilliseconds } from '../../validation/go-duration';
import { lokiObjectStoreProblems } from '../loki-object-store';
import { LOKI_BUCKET_REQUIRED, LOKI_BUCKET_SHAPE, lokiBucketProblems, lokiBucketSecretKeys, lokiBucketValues, type LokiBucket } from '../loki-bucket';

/** Pinned release of the Loki chart. Renovate reads the comment above each pin. */
export const LOKI_PINS = {
  // renovate: datasource=helm depName=loki registryUrl=https://grafana.github.io/helm-charts
  chart: '6.29.0',
} as const;

/**
 * Size of the single binary, which ingests, stores and queries a home lab's logs: 100m CPU and 256Mi
 * requested, a 1Gi memory limit (a query over many days of logs is what grows it).
 */
export const LOKI_SIZE: ComponentSize = { cpuRequest: '100m', memoryRequest: '256Mi', memoryLimit: '1Gi' };

/** Size of its nginx gateway: 10m CPU and 32Mi requested, a 128Mi memory limit. */
export const LOKI_GATEWAY_SIZE: ComponentSize = { cpuRequest: '10m', memoryRequest: '32Mi', memoryLimit: '128Mi' };

const LOKI_PARTS = {
  loki: { keys: ['singleBinary.resources'], size: LOKI_SIZE },
  gateway: { keys: ['gateway.resources'], size: LOKI_GATEWAY_SIZE },
} as const satisfies Record<string, SizedPart>;

/** The parts of Loki a user can size: the single binary (`loki`) and its nginx `gateway`. */
export type LokiPart = keyof typeof LOKI_PARTS;

/** Options of Loki. */
export interface LokiOptions {
  /** Where Loki runs. */
  readonly placement: RolePlacement;
  /** Namespace. @default 'monitoring' */
  readonly namespace?: string;
  /**
   * StorageClass of the claim Loki keeps its logs on, which must reach the node it runs on.
   * @default - no claim: the logs live on the node's disk beside the pod (an emptyDir) and go when the pod
   * moves; the chart's own default, a claim on the cluster's default StorageClass, stays pending where no
   * class is the default
   */
  readonly storageClass?: string;
  /** Size of that claim; without `storageClass` there is no claim, and a size is an error. @default '10Gi' */
  readonly storageSize?: string;
  /**
   * How long Loki keeps logs before its compactor deletes them, as a Prometheus duration of at least 24h
   * (`7d`, `2w`, `720h`), which Loki refuses below a day; `'0'` keeps them until the disk is full.
   * @default '7d'
   */
  readonly retention?: string;
  /**
   * Requests and limits by part (`loki`, `gateway`), each as an App's `resources`, merged key by key into
   * the default. @default - Loki 100m CPU and 256Mi requested with a 1Gi memory limit; the gateway 10m, 32Mi and 128Mi
   */
  readonly resources?: PartResources<LokiPart>;
  /**
   * An S3 bucket (Garage, MinIO, SeaweedFS' S3 gateway, a provider's) Loki keeps its chunks, index and rules in,
   * in place of the pod's disk, so the logs outlive the pod and its node; a `storageClass` claim then holds only
   * what Loki has not shipped yet. The release reads the bucket's Secret, which the repository makes or declares.
   * @default - no bucket: the logs are kept on the filesystem
   */
  readonly bucket?: LokiBucket;
}

/** The namespace Loki runs in unless its `namespace` option names another. */
const LOKI_NAMESPACE = 'monitoring';

const CHECK: ComponentOptionsCheck<LokiOptions> = {
  what: 'loki()', name: 'loki', namespace: LOKI_NAMESPACE,
  shape: { placement: PLACEMENT_SHAPE, namespace: 'namespace', storageClass: 'objectName', storageSize: 'string', retention: 'string', resources: PART_RESOURCES_SHAPE, bucket: LOKI_BUCKET_SHAPE } satisfies Record<keyof LokiOptions, PropShape>,
  storageClassOptions: ['storageClass'],
  rules: { required: [['placement', "give where Loki runs: placement: rolePlacement(hosts, 'monitoring') or hostPlacement(host)"], ...LOKI_BUCKET_REQUIRED] },
  values: (options) => {
    const size = options.storageSize === undefined ? undefined : sizeProblem(options.storageSize, 'storageSize');
    return [
      ...placementProblems('placement', options.placement),
      ...partResourcesProblems(options.resources, 'resources', LOKI_PARTS),
      ...(size ? [{ field: 'storageSize', message: `storageSize ${size.message}`, hint: size.hint }] : []),
      // Without a class Loki keeps its logs in an emptyDir, which has no size of this kind: the size would be ignored.
      ...(size === undefined && options.storageSize !== undefined && options.storageClass === undefined ? [{
        field: 'storageSize', message: `storageSize ${JSON.stringify(options.storageSize)} sizes a claim, and without storageClass Loki keeps its logs in an emptyDir on the node, which takes no size: it would be ignored`,
        hint: `give the StorageClass of the claim beside it, e.g. storageClass: 'local-path', storageSize: '${String(options.storageSize)}'; or leave storageSize out`,
      }] : []),
      ...valueProblem('retention', retentionProblem(options.retention), retentionHint(options.retention)),
      ...lokiBucketProblems(options.bucket),
    ];
  },
};

/** A day, the shortest retention Loki takes (its limits refuse a shorter `retention_period`). */
const SHORTEST_RETENTION_MILLISECONDS = 86_400_000;

/**
 * Why Loki would refuse `retention`, or undefined when it takes it. A zero in any unit (`0`, `0s`, `0d`) is
 * Loki's own default, which deletes no log, so its limits take it where they refuse any other period under a day. Pure.
 */
function retentionProblem(retention: string | undefined): string | undefined {
  if (retention === undefined) {
    return undefined;
  }
  const milliseconds = prometheusDurationMilliseconds(retention);
  if (milliseconds === undefined) {
    return `"${retention}" is no Prometheus duration, which Loki refuses`;
  }
  return milliseconds > 0 && milliseconds < SHORTEST_RETENTION_MILLISECONDS ? `"${retention}" is shorter than a day, which Loki refuses as a retention period` : undefined;
}

/**
 * The hint for a retention Loki refuses: the Prometheus duration of what was meant where that reads plainly
 * (`14days` and `2 weeks` in days, a bare number as days, which is how a retention is counted), else the form. Pure.
 */
function retentionHint(retention: string | undefined): string {
  const form = "a Prometheus duration of a day or more, largest unit first: '7d', '2w', '720h'; '0' keeps every log";
  const bare = retention === undefined ? null : /^\s*(\d+)\s*$/.exec(retention);
  if (bare !== null) {
    return `a bare number has no unit: for ${bare[1]} days write retention: '${bare[1]}d' (${form})`;
  }
  const meant = retention === undefined ? undefined : spokenDurationMilliseconds(retention);
  if (meant === undefined || meant < SHORTEST_RETENTION_MILLISECONDS) {
    return `write ${form}`;
  }
  const text = meant % SHORTEST_RETENTION_MILLISECONDS === 0 ? `${meant / SHORTEST_RETENTION_MILLISECONDS}d` : `${Math.ceil(meant / 3_600_000)}h`;
  return `write retention: '${text}'`;
}

/**
 * More than one single binary on the filesystem store, which the chart refuses to render ("Cannot run more
 * than 1 Single Binary replica without an object storage backend"): each replica would keep logs of its own on
 * its own disk, and queries would find a part of them. Pure.
 */
function replicaProblems(values: Record<string, unknown>): PropProblem[] {
  const replicas = (values.singleBinary as { replicas?: unknown } | undefined)?.replicas;
  const store = ((values.loki as { storage?: { type?: unknown } } | undefined)?.storage)?.type;
  return typeof replicas === 'number' && replicas > 1 && store === 'filesystem' ? [{
    field: 'singleBinary.replicas',
    message: `singleBinary.replicas ${replicas} on the filesystem store: the Loki chart refuses to render ("Cannot run more than 1 Single Binary replica without an object storage backend"), so the release never installs`,
    hint: 'keep one replica: loki() runs one binary on one claim; several replicas need an object store (S3, MinIO) in loki.storage and the chart\'s scalable mode',
  }] : [];
}

/**
 * Loki as one binary with its index and chunks on the pod's filesystem, or in an S3 bucket (`bucket`): the
 * smallest Loki there is, for one small node. The caches are off, because each would ask for gigabytes of
 * memory. Its compactor deletes logs older than `retention`.
 */
export function loki(options: LokiOptions): PlatformComponentProps {
  return checkedComponent(options, CHECK, lokiComponent);
}

function lokiComponent(options: LokiOptions): PlatformComponentProps {
  const pin = { nodeSelector: options.placement.nodeSelector, tolerations: options.placement.tolerations };
  const bucket = options.bucket === undefined ? undefined : lokiBucketValues(options.bucket);
  const store = bucket === undefined ? 'filesystem' : 's3';
  return {
    name: 'loki',
    resources: {
      setAt: partValuesKeys(LOKI_PARTS),
      chartDefault: 'the rules sidecar of the single binary\'s pod keeps the chart\'s own resources',
    },
    description: options.bucket === undefined ? 'Loki log store, single binary on the filesystem' : `Loki log store, single binary on S3 bucket ${options.bucket.name}`,
    ...(options.bucket === undefined ? {} : { readsSecrets: [options.bucket.credentialsSecret], readsSecretKeys: lokiBucketSecretKeys(options.bucket) }),
    valuesProblems: (values) => [...replicaProblems(values), ...lokiObjectStoreProblems(values)],
    namespace: options.namespace ?? LOKI_NAMESPACE,
    network: servesPorts(
      { port: 3100, purpose: 'HTTP of Loki: pushes of the log shippers, queries of Grafana, metrics and health' },
      { port: 7946, purpose: 'memberlist of Loki\'s ring' },
      { port: 8080, purpose: 'the nginx gateway in front of Loki, reached by the log shippers and Grafana' },
      { port: 9095, purpose: 'gRPC of Loki' },
    ),
    // The Services of the single binary and its gateway (the chart's caches, canary and other targets are off),
    // as the chart's templates name them (the gateway's one port is `http`).
    services: {
      loki: [{ port: 3100, name: 'http-metrics' }, { port: 9095, name: 'grpc' }],
      'loki-headless': [{ port: 3100, name: 'http-metrics' }, { port: 9095, name: 'grpc' }],
      'loki-memberlist': [{ port: 7946, name: 'tcp' }],
      'loki-gateway': [{ port: 80, name: 'http' }],
    },
    install: {
      type: 'helm',
      chart: { repository: 'https://grafana.github.io/helm-charts', chart: 'loki', version: LOKI_PINS.chart },
      values: withPartResources({
        deploymentMode: 'SingleBinary',
        loki: {
          // The chart's pod contexts (10001 for Loki, 101 for the nginx gateway) name no seccomp profile,
          // so a namespace at `restricted` refuses the pods; Helm merges these into the chart's own.
          podSecurityContext: RESTRICTED_POD_SECURITY,
          containerSecurityContext: RESTRICTED_CONTAINER_SECURITY,
          auth_enabled: false,
          commonConfig: { replication_factor: 1 },
          storage: bucket?.storage ?? { type: 'filesystem' },
          schemaConfig: {
            configs: [{ from: '2024-04-01', store: 'tsdb', object_store: store, schema: 'v13', index: { prefix: 'loki_index_', period: '24h' } }],
          },
          // The retention period alone deletes nothing: the compactor applies it, with retention on and a
          // store for its delete requests (Loki 3 refuses retention without one).
          limits_config: { retention_period: options.retention ?? '7d' },
          compactor: {
            working_directory: '/var/loki/compactor',
            compaction_interval: '10m',
            retention_enabled: true,
            retention_delete_delay: '2h',
            delete_request_store: store,
          },
        },
        singleBinary: {
          replicas: 1, ...pin, ...(bucket === undefined ? {} : { extraEnvFrom: bucket.extraEnvFrom }),
          persistence: options.storageClass === undefined
            ? { enabled: false }
            : { enabled: true, storageClass: options.storageClass, size: options.storageSize ?? '10Gi' },
        },
        backend: { replicas: 0 },
        read: { replicas: 0 },
        write: { replicas: 0 },
        chunksCache: { enabled: false },
        resultsCache: { enabled: false },
        gateway: { ...pin, podSecurityContext: RESTRICTED_POD_SECURITY, containerSecurityContext: RESTRICTED_CONTAINER_SECURITY },
        lokiCanary: { enabled: false },
        test: { enabled: false },
      }, LOKI_PARTS, options.resources),
    },
  };
}
