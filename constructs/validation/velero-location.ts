import { s3EndpointProblem } from './s3-backends';

// A Velero backup storage location is written two ways: a BackupStorageLocation object, and an entry of the Velero
// chart's `configuration.backupStorageLocation`, from which the chart renders that object. The plugin reads both
// alike, so one rule judges both, each reported on the field the user wrote.

/** A backup storage location as Velero's AWS plugin reads it, from either form. */
export interface VeleroLocation {
  /** The plugin (`aws`, `velero/velero-plugin-for-aws`). */
  readonly provider: unknown;
  /** The bucket's name. */
  readonly bucket: unknown;
  /** The plugin's settings: `s3Url`, `region`, `s3ForcePathStyle`, …, all text. */
  readonly config: Readonly<Record<string, unknown>>;
}

/** Where the location's fields are written, and how a bucket and its folder are written there, for messages and hints. */
export interface VeleroLocationFields {
  /** The field of `config`, e.g. `spec.config`. */
  readonly config: string;
  /** The field of the bucket, e.g. `spec.objectStorage.bucket`. */
  readonly bucket: string;
  /** The bucket and its folder as this form writes them, e.g. `objectStorage: { bucket: 'velero', prefix: 'lab' }`. */
  readonly bucketAndPrefix: (bucket: string, prefix: string) => string;
}

/** A problem of a location, at its field. */
export interface VeleroLocationProblem {
  readonly field: string;
  readonly message: string;
  readonly hint: string;
}

/**
 * What Velero's AWS plugin cannot use in a location, first problem only (each hides the next): a `config` value that
 * is no text (the CRD's map of strings, which the API server holds to), an `s3Url` that is no server's URL, an S3 server
 * of its own given no region (the plugin asks Amazon S3 where the bucket is), a bucket that holds a folder, and such a
 * server asked for its bucket by host name (without `s3ForcePathStyle: 'true'` the plugin calls `<bucket>.<server>`).
 * Pure.
 */
export function veleroLocationProblems(location: VeleroLocation, at: VeleroLocationFields): VeleroLocationProblem[] {
  const config = location.config;
  const notText = Object.keys(config).sort().find((key) => typeof config[key] !== 'string');
  if (notText !== undefined) {
    return [{
      field: `${at.config}.${notText}`, hint: `quote it: ${notText}: '${String(config[notText])}'`,
      message: `config value ${notText}: ${JSON.stringify(config[notText])} is no text: the BackupStorageLocation's CRD takes text alone, and the API server refuses the object`,
    }];
  }
  const endpoint = s3EndpointProblem(config.s3Url, 's3Url', "Velero's AWS plugin");
  if (endpoint !== undefined) {
    return [{ field: `${at.config}.s3Url`, message: endpoint.message, hint: endpoint.hint }];
  }
  if (typeof config.s3Url === 'string' && config.region === undefined) {
    // Without a region the plugin asks Amazon's S3 where the bucket is, which knows no bucket of another server.
    const b2Region = /^https?:\/\/s3\.([a-z0-9-]+)\.backblazeb2\.com/i.exec(config.s3Url)?.[1];
    return [{
      field: `${at.config}.region`,
      message: `the location's S3 server ${config.s3Url} is given no region: Velero's AWS plugin then asks Amazon S3 for the bucket's region, which it does not know, so the location stays Unavailable and every backup fails`,
      hint: `give the region: config: { region: '${b2Region ?? 'minio'}', s3Url, s3ForcePathStyle: 'true' }${b2Region === undefined ? ' (any name for a MinIO; B2\'s is in its endpoint, s3.<region>.backblazeb2.com)' : ''}`,
    }];
  }
  const problems: VeleroLocationProblem[] = [];
  const bucket = location.bucket;
  if (typeof bucket === 'string' && bucket.replace(/^\/+|\/+$/g, '').includes('/')) {
    const [name, ...prefix] = bucket.replace(/^\/+|\/+$/g, '').split('/');
    problems.push({
      field: at.bucket, hint: at.bucketAndPrefix(name, prefix.join('/')),
      message: `bucket "${bucket}" holds a folder: Velero takes the bucket's name alone, marks the location Unavailable ("must not contain a '/'") and every backup to it fails`,
    });
  }
  if (/(^|\/)aws$/.test(String(location.provider)) && config.s3Url !== undefined && !/^\s*true\s*$/i.test(String(config.s3ForcePathStyle ?? ''))) {
    problems.push({
      field: `${at.config}.s3ForcePathStyle`,
      message: `the location's S3 server ${String(config.s3Url)} is asked for bucket "${String(bucket)}" as a host name (<bucket>.<server>), which such a server does not answer, so every backup fails`,
      hint: "ask for the bucket by path, as MinIO wants: config: { s3Url, region, s3ForcePathStyle: 'true' }",
    });
  }
  return problems;
}
