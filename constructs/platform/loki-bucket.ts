import type { PropProblem, PropShape } from '../validation/known-props';
import type { SecretKeysRead } from './component';

// Loki's chunks, index and rules in an S3 bucket (Garage, MinIO, SeaweedFS' gateway, or a provider's), in place of
// the pod's disk: one decision that moves the chart's storage, the schema's `object_store`, the compactor's
// `delete_request_store` and the credentials together. Loki's S3 client (aws-sdk-go) takes its keys from the
// `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` variables when its configuration names none, so the Secret is
// handed to the single binary whole (`envFrom`) and no key reaches the values.

/** An S3 bucket Loki keeps its logs in. */
export interface LokiBucket {
  /**
   * URL of the S3 server, without a path: `http://garage.garage.svc.cluster.local:3900`,
   * `https://s3.eu-central-003.backblazeb2.com`. Its scheme decides whether Loki speaks TLS (`insecure` for http).
   */
  readonly endpoint: string;
  /** Name of the bucket, made on the server beforehand; Loki keeps its chunks, rules and admin data in it. */
  readonly name: string;
  /** Region the server signs requests in: Garage's `s3_region` (`garage` in its examples), `us-east-1` for MinIO. */
  readonly region: string;
  /**
   * Secret of Loki's namespace that holds the access key as `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY`,
   * made by the repository (sealed, external) or declared external.
   */
  readonly credentialsSecret: string;
  /**
   * Whether requests name the bucket in their path (`<endpoint>/<bucket>`) rather than in their host name
   * (`<bucket>.<endpoint>`, which needs a DNS name per bucket). A server of the cluster, reached by its Service's
   * name, answers the path form alone. @default true
   */
  readonly pathStyle?: boolean;
}

/** The shape of {@link LokiBucket}, as the option checks read it. */
export const LOKI_BUCKET_SHAPE = {
  endpoint: 'string', name: 'string', region: 'string', credentialsSecret: 'objectName', pathStyle: 'boolean',
} as const satisfies Record<keyof LokiBucket, PropShape>;

/** The keys of the credentials Secret Loki's S3 client reads from its env. */
export const LOKI_BUCKET_KEYS = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'] as const;

/** The rules of {@link LokiBucket} that name a missing field, as `required` takes them. */
export const LOKI_BUCKET_REQUIRED: ReadonlyArray<readonly [string, string]> = [
  ['bucket.endpoint', "give the S3 server's URL: endpoint: 'http://garage.garage.svc.cluster.local:3900'"],
  ['bucket.name', "name the bucket: name: 'loki'"],
  ['bucket.region', "give the region the server signs in: region: 'garage' (Garage's s3_region), 'us-east-1' (MinIO)"],
  ['bucket.credentialsSecret', "name the Secret holding AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY: credentialsSecret: 'loki-s3'"],
];

/** A bucket name S3 takes: 3 to 63 lower-case letters, digits, dots and hyphens, a letter or digit at each end. */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** Whether `endpoint` (a URL or `host:port`) names a Service of the cluster: a short name or one under `.svc`. Pure. */
export function inClusterEndpoint(endpoint: string): boolean {
  const host = endpoint.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split(/[/:]/)[0].toLowerCase();
  return host !== '' && (!host.includes('.') || /\.svc(\.|$)/.test(host));
}

/** What is wrong with the fields of a bucket that has them all, each on `bucket.<field>`. Pure. */
export function lokiBucketProblems(bucket: LokiBucket | undefined): PropProblem[] {
  if (bucket === undefined || typeof bucket !== 'object' || bucket === null) {
    return [];
  }
  const problems: PropProblem[] = [];
  const url = typeof bucket.endpoint === 'string' ? /^(https?):\/\/([^/?#]+)(\/[^?#]*)?$/i.exec(bucket.endpoint.trim()) : null;
  if (typeof bucket.endpoint === 'string' && url === null) {
    problems.push({
      field: 'bucket.endpoint', message: `bucket.endpoint "${bucket.endpoint}" is no http:// or https:// URL: its scheme is what tells Loki whether to speak TLS`,
      hint: `write the URL with its scheme: endpoint: 'http://${bucket.endpoint.replace(/^[a-z0-9+.-]*:\/\//i, '')}' (or https:// for a server with TLS)`,
    });
  } else if (url !== null && url[3] !== undefined && url[3] !== '/') {
    const folder = url[3].replace(/^\/+|\/+$/g, '');
    problems.push({
      field: 'bucket.endpoint', message: `bucket.endpoint "${bucket.endpoint}" has a path (/${folder}): the S3 client adds the bucket to each request's path itself, so Loki would ask for /${folder}/${String(bucket.name)}/…`,
      hint: `give the server alone and the bucket as its name: endpoint: '${url[1]}://${url[2]}', name: '${folder.split('/')[0]}'`,
    });
  }
  if (typeof bucket.name === 'string' && !BUCKET_NAME.test(bucket.name)) {
    const meant = bucket.name.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^[.-]+|[.-]+$/g, '');
    problems.push({
      field: 'bucket.name', message: `bucket.name "${bucket.name}" is no S3 bucket name (3 to 63 lower-case letters, digits, dots and hyphens, with a letter or digit at each end)`
        + (bucket.name.includes('/') ? ': a folder inside the bucket is no part of its name' : ''),
      hint: bucket.name.includes('/') ? `name the bucket alone: name: '${bucket.name.split('/')[0]}'` : `name it as S3 does: name: '${meant || 'loki'}'`,
    });
  }
  if (typeof bucket.region === 'string' && bucket.region.trim() === '') {
    problems.push({ field: 'bucket.region', message: 'bucket.region is empty: the S3 client signs each request for a region', hint: "give the server's region: region: 'garage' (Garage's s3_region), 'us-east-1' (MinIO)" });
  }
  if (bucket.pathStyle === false && typeof bucket.endpoint === 'string' && inClusterEndpoint(bucket.endpoint)) {
    problems.push({
      field: 'bucket.pathStyle', message: `bucket.pathStyle false asks for the bucket at ${String(bucket.name)}.<host>, and ${bucket.endpoint} is a Service of the cluster: the cluster's DNS answers no such name`,
      hint: 'leave pathStyle out (true): a server of the cluster is reached by the path form',
    });
  }
  return problems;
}

/** The Helm values of Loki's chart that keep its logs in `bucket`, beside the single binary's `pin`. Pure. */
export function lokiBucketValues(bucket: LokiBucket): { storage: Record<string, unknown>; extraEnvFrom: unknown[] } {
  return {
    storage: {
      type: 's3',
      bucketNames: { chunks: bucket.name, ruler: bucket.name, admin: bucket.name },
      s3: { endpoint: bucket.endpoint, region: bucket.region, s3ForcePathStyle: bucket.pathStyle ?? true, insecure: /^http:\/\//i.test(bucket.endpoint.trim()) },
    },
    extraEnvFrom: [{ secretRef: { name: bucket.credentialsSecret } }],
  };
}

/** The keys Loki reads of the bucket's Secret, as the component declares them. Pure. */
export function lokiBucketSecretKeys(bucket: LokiBucket): Record<string, SecretKeysRead> {
  return { [bucket.credentialsSecret]: { option: 'bucket.credentialsSecret', oneOf: [[...LOKI_BUCKET_KEYS]] } };
}
