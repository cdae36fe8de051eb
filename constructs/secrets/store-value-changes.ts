import type { IConstruct } from 'constructs';
import { ClusterChart } from '../platform/cluster-chart';
import { workloadTemplates } from '../platform/workload-templates';
import { leaveOwnerAction, type OwnerAction } from '../synth/owner-action';

// A value written anew into a secret store after the first sync (a rotated key, a new password) reaches the
// Secret an ExternalSecret writes at its next refresh, and a container that reads the Secret as an environment
// variable never: the kubelet writes a container's environment when it starts it. The owner's step for it is
// worked out once the cluster's pods are all rendered, from the pod templates that read each such Secret.

/** A Secret an ExternalSecret of the cluster writes from its store. */
export interface SyncedSecret {
  /** Namespace of the ExternalSecret and its Secret. */
  readonly namespace: string;
  /** Name of the ExternalSecret, which is also its Secret's. */
  readonly name: string;
  /** How often the operator reads the store again, as the ExternalSecret says, e.g. `1h`. */
  readonly refreshInterval: string;
}

/** A workload whose pods read Secrets into their environment when they start. */
export interface EnvSecretReader {
  /** Kind of the workload: Deployment, StatefulSet, DaemonSet, or Service for a Knative Service. */
  readonly kind: string;
  /** Namespace of the workload. */
  readonly namespace: string;
  /** Name of the workload. */
  readonly name: string;
  /** Names of the Secrets its containers read as environment variables. */
  readonly secretNames: readonly string[];
}

/**
 * Variables the official database images read only when they make their data folder, on the first start: a pod
 * started again with a new value keeps the old one, which the database holds. A change of them is the
 * database's own (a role's password changed in it), not a restart.
 */
const READ_AT_INITIALIZATION = new Set([
  'POSTGRES_PASSWORD', 'POSTGRES_USER', 'POSTGRES_DB',
  'MYSQL_ROOT_PASSWORD', 'MYSQL_PASSWORD', 'MYSQL_USER', 'MYSQL_DATABASE',
  'MARIADB_ROOT_PASSWORD', 'MARIADB_PASSWORD', 'MARIADB_USER', 'MARIADB_DATABASE',
]);

/**
 * The Secrets containers read as environment variables (`env[].valueFrom.secretKeyRef`, `envFrom[].secretRef`),
 * each once, but for the variables a database image reads only when it initializes. Pure.
 */
export function envSecretNames(containers: readonly Record<string, any>[]): string[] {
  const names = containers.flatMap((container) => [
    ...(Array.isArray(container.env) ? container.env : [])
      .filter((variable: any) => !READ_AT_INITIALIZATION.has(variable?.name))
      .map((variable: any) => variable?.valueFrom?.secretKeyRef?.name),
    ...(Array.isArray(container.envFrom) ? container.envFrom : []).map((source: any) => source?.secretRef?.name),
  ]);
  return [...new Set(names.filter((name): name is string => typeof name === 'string'))].sort();
}

/**
 * The command that starts a reader's pods anew: a rollout restart of a Deployment, StatefulSet or DaemonSet;
 * the revision pods of a Knative Service deleted, which its Deployment makes again (a Service scaled to zero has
 * none, and its next pod reads the new value). Pure.
 */
export function readerRestartCommand(reader: EnvSecretReader): string {
  return reader.kind === 'Service'
    ? `kubectl -n ${reader.namespace} delete pods -l serving.knative.dev/service=${reader.name}`
    : `kubectl -n ${reader.namespace} rollout restart ${reader.kind.toLowerCase()}/${reader.name}`;
}

/** How a reader reads in a step, e.g. `Knative Service infra/litellm`. Pure. */
function readerText(reader: EnvSecretReader): string {
  return `${reader.kind === 'Service' ? 'Knative Service' : reader.kind} ${reader.namespace}/${reader.name}`;
}

/**
 * The command that has the operator sync one ExternalSecret now (its `force-sync` annotation) and waits until it
 * has, which `status.syncedResourceVersion` shows: the operator writes it, from the object's generation and a hash
 * of its annotations, after each sync. Pure.
 */
function syncCommand(secret: SyncedSecret): string {
  const version = `kubectl -n ${secret.namespace} get externalsecret ${secret.name} -o jsonpath='{.status.syncedResourceVersion}'`;
  return `before="$(${version})" && kubectl -n ${secret.namespace} annotate externalsecret ${secret.name} force-sync="$(date +%s)" --overwrite `
    + `&& until [ "$(${version})" != "$before" ]; do sleep 2; done`;
}

/**
 * The step after a value of the store changes: each Secret an ExternalSecret writes that a workload reads into
 * its environment, with a line of the block that syncs it and restarts its readers; none when no workload reads
 * one so. Pure.
 */
export function storeValueChangeStep(secrets: readonly SyncedSecret[], readers: readonly EnvSecretReader[]): OwnerAction | undefined {
  const read = secrets
    .map((secret) => ({ secret, by: readers.filter((r) => r.namespace === secret.namespace && r.secretNames.includes(secret.name)) }))
    .filter(({ by }) => by.length > 0)
    .sort((a, b) => (`${a.secret.namespace}/${a.secret.name}` < `${b.secret.namespace}/${b.secret.name}` ? -1 : 1));
  if (read.length === 0) {
    return undefined;
  }
  const intervals = [...new Set(read.map(({ secret }) => secret.refreshInterval))];
  return {
    kind: 'manual',
    action: 'a value written anew into the secret store after the first sync (a rotated key or password) reaches its Secret at the ExternalSecret\'s next refresh '
      + `(${intervals.length === 1 ? `every ${intervals[0]} here` : 'its refreshInterval'}), and a container that reads the Secret as an environment variable only when it starts again: `
      + `${read.map(({ secret, by }) => `Secret ${secret.namespace}/${secret.name} (${by.map(readerText).join(', ')})`).join('; ')}. `
      + "After such a change, run the block's line of each Secret changed: it has the ExternalSecret sync now, waits for it, and restarts the pods that read it. "
      + "Where the value is kept elsewhere too (a database role's password, a key an app stored at its first start), change it there first, as that value's own step says; "
      + 'pods of chart releases that read these Secrets are not listed: restart them the same way',
    command: read.map(({ secret, by }) => [syncCommand(secret), ...by.map(readerRestartCommand)].join(' && ')).join('\n'),
  };
}

/** The Secrets each cluster's ExternalSecrets write, in the order they were made. */
const SYNCED = new WeakMap<ClusterChart, SyncedSecret[]>();

/** The kinds whose pods keep running with the environment they started with, and a rollout restarts. */
const RESTARTABLE = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

/**
 * Notes a Secret an ExternalSecret of `scope`'s cluster writes; the first one of a cluster has the step worked
 * out once every pod template is rendered, and left on the cluster.
 */
export function noteSyncedSecret(scope: IConstruct, secret: SyncedSecret): void {
  const cluster = ClusterChart.of(scope);
  const known = SYNCED.get(cluster);
  if (known !== undefined) {
    known.push(secret);
    return;
  }
  SYNCED.set(cluster, [secret]);
  cluster.onPlatformPrepare(() => {
    const readers = workloadTemplates(cluster)
      .filter((template) => RESTARTABLE.has(template.kind) || (template.kind === 'Service' && template.path === 'spec.template'))
      .map((template) => ({
        kind: template.kind, namespace: template.namespace, name: template.name,
        secretNames: envSecretNames([...template.containers, ...template.initContainers] as Record<string, any>[]),
      }));
    const step = storeValueChangeStep(SYNCED.get(cluster) ?? [], readers);
    if (step !== undefined) {
      leaveOwnerAction(cluster, step);
    }
  });
}
