import type { HelmChartSource } from './component';
import { valueAt } from './chart-value-at';
import { veleroLocationProblems, type VeleroLocationProblem } from '../validation/velero-location';

// Velero's chart renders a BackupStorageLocation of each entry of `configuration.backupStorageLocation` with no
// check of its own: a MinIO location without path-style buckets, an s3:// address or a bucket with a folder is
// installed without a word, and every backup fails later. The entries are read as the objects they become.

/** Whether a release installs Velero's chart (`velero`, from vmware-tanzu's repository or a mirror of it). Pure. */
export function isVeleroChart(chart: HelmChartSource): boolean {
  return typeof chart?.chart === 'string' && chart.chart.replace(/^.*\//, '') === 'velero';
}

/**
 * The entries of the chart's `configuration.backupStorageLocation` with the field each is written at: a list from
 * chart 3.0 on, one mapping before it (whose plugin was `configuration.provider`). Pure.
 */
function chartLocations(values: Readonly<Record<string, unknown>>): Array<{ readonly field: string; readonly entry: Readonly<Record<string, unknown>> }> {
  const given = valueAt(values, ['configuration', 'backupStorageLocation']);
  const isEntry = (entry: unknown): entry is Record<string, unknown> => entry !== null && typeof entry === 'object' && !Array.isArray(entry);
  const field = 'values.configuration.backupStorageLocation';
  if (Array.isArray(given)) {
    return given.flatMap((entry, i) => isEntry(entry) ? [{ field: `${field}[${i}]`, entry }] : []);
  }
  return isEntry(given) ? [{ field, entry: given }] : [];
}

/**
 * What Velero's AWS plugin cannot use in the backup storage locations of a Velero chart release's `values`, each at
 * the field of the entry that wrote it (`values.configuration.backupStorageLocation[0].config.s3ForcePathStyle`), with
 * hints in the chart's own keys (`bucket` and `prefix` beside each other). Pure.
 */
export function veleroChartValuesProblems(values: Readonly<Record<string, unknown>>): VeleroLocationProblem[] {
  const provider = valueAt(values, ['configuration', 'provider']);
  return chartLocations(values).flatMap(({ field, entry }) => {
    const config = entry.config !== null && typeof entry.config === 'object' && !Array.isArray(entry.config) ? entry.config as Record<string, unknown> : {};
    return veleroLocationProblems({ provider: entry.provider ?? provider, bucket: entry.bucket, config }, {
      config: `${field}.config`, bucket: `${field}.bucket`,
      bucketAndPrefix: (bucket, prefix) => `bucket: '${bucket}', prefix: '${prefix}'`,
    });
  });
}
