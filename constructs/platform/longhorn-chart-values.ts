import type { HelmChartSource } from './component';
import { valueAt } from './chart-value-at';

// Values of Longhorn's own chart that the chart passes to Longhorn unread: a default replica count above the
// cluster's nodes, or a backup target URL in a form Longhorn's backup store cannot parse, are installed without a
// word and fail each volume (Degraded for ever) or each backup later.

/** A problem of one value of Longhorn's chart, at its path under `values`. */
export interface LonghornValueProblem {
  readonly field: string;
  readonly message: string;
  readonly hint: string;
}

/** The values that give new volumes their replica count: the default StorageClass's, and Longhorn's own default. */
const REPLICA_COUNT_PATHS = [['persistence', 'defaultClassReplicaCount'], ['defaultSettings', 'defaultReplicaCount']] as const;

/** Where the chart takes the folder of the nodes Longhorn keeps its replicas in. */
const DATA_PATH = ['defaultSettings', 'defaultDataPath'] as const;

/**
 * The one writable partition of a Talos node (EPHEMERAL), under which it also mounts further disks (`/var/mnt/<name>`):
 * the rest of its root file system is read-only.
 */
const TALOS_WRITABLE_ROOT = '/var';

/** Where the chart takes the backup target: `defaultSettings` up to 1.7, `defaultBackupStore` from 1.8 on. */
const BACKUP_TARGET_PATHS = [['defaultSettings', 'backupTarget'], ['defaultBackupStore', 'backupTarget']] as const;

/** Whether a release installs Longhorn's chart (`longhorn`, from its repository or a mirror of it). */
export function isLonghornChart(chart: HelmChartSource): boolean {
  return typeof chart?.chart === 'string' && chart.chart.replace(/^.*\//, '') === 'longhorn';
}


/**
 * What is wrong with a Longhorn backup target URL, if anything: an S3 target names its bucket's region after an
 * `@` (`s3://bucket@us-east-1/`, any region for MinIO), and an NFS target writes its export after the server and
 * a colon (`nfs://nas:/export/longhorn`), as `mount` reads it.
 */
export function longhornBackupTargetProblem(url: string): { readonly message: string; readonly hint: string } | undefined {
  const s3 = /^s3:\/\/([^@/]+)(@[^/]*)?(\/.*)?$/.exec(url);
  if (s3 !== null && (s3[2] === undefined || s3[2] === '@')) {
    return {
      message: `backup target "${url}" names no region of bucket "${s3[1]}": Longhorn reads an S3 target as s3://<bucket>@<region>/<path>, so every backup fails`,
      hint: `write its region (any, such as us-east-1, for MinIO or another S3-compatible store, whose address goes in the credential Secret's AWS_ENDPOINTS): s3://${s3[1]}@us-east-1${s3[3] ?? '/'}`,
    };
  }
  const nfs = /^nfs:\/\/([^/:]+)(\/.*)$/.exec(url);
  if (nfs !== null) {
    return {
      message: `backup target "${url}" has no colon between the NFS server and its export: Longhorn mounts it as <server>:<export>, so every backup fails`,
      hint: `nfs://${nfs[1]}:${nfs[2]}`,
    };
  }
  return undefined;
}

/** Why Longhorn could keep no replica in the data folder `path` of the values, if it could not. Pure. */
function dataPathProblem(path: unknown, onTalos: boolean): LonghornValueProblem | undefined {
  const field = `values.${DATA_PATH.join('.')}`;
  if (typeof path !== 'string') {
    return undefined;
  }
  if (!path.startsWith('/')) {
    return {
      field, message: `defaultDataPath "${path}" is no absolute path, and Longhorn takes the data folder of the nodes as one: it refuses the setting, and no volume gets a replica`,
      hint: `defaultDataPath: '/${path.replace(/^\.?\/*/, '')}'`,
    };
  }
  const underWritable = path === TALOS_WRITABLE_ROOT || path.startsWith(`${TALOS_WRITABLE_ROOT}/`);
  return onTalos && !underWritable ? {
    field, message: `defaultDataPath "${path}" lies outside ${TALOS_WRITABLE_ROOT}, and a Talos node's root file system is read-only but for ${TALOS_WRITABLE_ROOT} `
      + `(with the disks it mounts under ${TALOS_WRITABLE_ROOT}/mnt): Longhorn cannot make the folder, and no volume gets a replica`,
    hint: `keep Longhorn's /var/lib/longhorn (leave defaultDataPath out), or a disk Talos mounts under /var/mnt: defaultDataPath: '/var/mnt/longhorn'`,
  } : undefined;
}

/**
 * The values of a Longhorn chart release that would leave volumes Degraded or backups failing on `hostCount` nodes
 * (of Talos when `onTalos`, whose root file system is read-only).
 */
export function longhornValuesProblems(values: Readonly<Record<string, unknown>>, hostCount: number, onTalos = false): LonghornValueProblem[] {
  const problems: LonghornValueProblem[] = [];
  const dataPath = dataPathProblem(valueAt(values, DATA_PATH), onTalos);
  if (dataPath !== undefined) {
    problems.push(dataPath);
  }
  for (const path of REPLICA_COUNT_PATHS) {
    const count = Number(valueAt(values, path));
    if (hostCount > 0 && Number.isInteger(count) && count > hostCount) {
      problems.push({
        field: `values.${path.join('.')}`,
        message: `${path[1]} ${count} asks for more replicas of each volume than the cluster has nodes (${hostCount}), and Longhorn keeps each on a node of its own: every volume made with it stays Degraded`,
        hint: `${path[1]}: ${Math.min(hostCount, 3)}`,
      });
    }
  }
  for (const path of BACKUP_TARGET_PATHS) {
    const url = valueAt(values, path);
    const problem = typeof url === 'string' ? longhornBackupTargetProblem(url) : undefined;
    if (problem !== undefined) {
      problems.push({ field: `values.${path.join('.')}`, ...problem });
    }
  }
  return problems;
}
