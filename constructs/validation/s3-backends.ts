import { type AddFinding, fields, type Fields } from './manifest';

// Backup tools reach an S3 server of their own (a NAS's MinIO, Backblaze B2's S3 API) through an endpoint URL and a
// bucket named apart: K8up hands restic `s3:<endpoint>/<bucket>`, Velero's AWS plugin and barman-cloud give the
// endpoint to the AWS SDK. Each takes the endpoint as an http or https URL of the server alone, and B2 answers its S3
// API only at the endpoint of the bucket's region, `s3.<region>.backblazeb2.com`, which its bucket page shows.

/** B2's S3 host without the region it serves buckets of. */
const B2_WITHOUT_REGION = /^(s3\.)?backblazeb2\.com$/i;

/** A problem of an S3 endpoint URL, with the hint that writes it as the tool takes it. */
interface S3EndpointProblem {
  readonly message: string;
  readonly hint: string;
}

/**
 * Why `tool` cannot reach the S3 server at `endpoint` (given as `key`): a bucket URL (`s3://…`) where the server's
 * http or https URL belongs, or B2's endpoint without its region. Undefined for an endpoint it reads. Pure.
 */
export function s3EndpointProblem(endpoint: unknown, key: string, tool: string): S3EndpointProblem | undefined {
  if (typeof endpoint !== 'string') {
    return undefined;
  }
  const url = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)(.*)$/i.exec(endpoint.trim());
  if (url !== null && url[1].toLowerCase() === 's3') {
    return {
      message: `${key} "${endpoint}" is an s3:// address, where ${tool} takes the URL of the S3 server (http:// or https://), so it reaches no server and every backup fails`,
      hint: `${key}: 'https://${url[2] || '<server>'}' (http:// for a MinIO without TLS, with its port), and the bucket in its own field`,
    };
  }
  if (url !== null && B2_WITHOUT_REGION.test(url[2])) {
    return {
      message: `${key} "${endpoint}" is Backblaze B2 without the bucket's region: B2 answers its S3 API at the endpoint of the region the bucket is in alone, so every backup fails`,
      hint: `${key}: 'https://s3.<region>.backblazeb2.com', the Endpoint B2's bucket page shows (e.g. https://s3.eu-central-003.backblazeb2.com)`,
    };
  }
  return undefined;
}

/**
 * A K8up `Schedule`'s or `Backup`'s `backend`: its restic repository's password from a Secret (`repoPasswordSecretRef`;
 * without one K8up falls back on the operator's global password, which its chart leaves unset, and restic refuses
 * a repository with no password), and an `s3` section of an endpoint URL and a bucket's name, which K8up joins into
 * restic's repository `s3:<endpoint>/<bucket>`. Pure: reports through `add`.
 */
export function checkK8upBackend(spec: Fields, add: AddFinding): void {
  const backend = spec.backend;
  if (backend === undefined) {
    return;
  }
  const { repoPasswordSecretRef, s3 } = fields(backend);
  if (repoPasswordSecretRef === undefined) {
    add('spec.backend.repoPasswordSecretRef', "the backend names no Secret of the restic repository's password: K8up then uses the operator's global password (BACKUP_GLOBALREPOPASSWORD), which its chart leaves unset, and restic opens no repository without one",
      "name the Secret that holds it: repoPasswordSecretRef: { name: 'k8up-repo', key: 'password' } (a SealedSecret, SopsSecret or ExternalSecret of this namespace)", 'warning');
  }
  if (s3 === undefined) {
    return;
  }
  const { endpoint, bucket } = fields(s3);
  const problem = s3EndpointProblem(endpoint, 'endpoint', 'K8up');
  if (problem !== undefined) {
    add('spec.backend.s3.endpoint', problem.message, problem.hint);
  }
  const address = typeof bucket === 'string' ? /^[a-z][a-z0-9+.-]*:\/\/\/*([^/]*)/i.exec(bucket.trim()) : null;
  if (address !== null) {
    const name = address[1] || '<bucket>';
    add('spec.backend.s3.bucket', `bucket "${bucket}" is no bucket's name: K8up writes restic's repository as s3:<endpoint>/<bucket>, so restic looks for a bucket of another name and every backup fails`,
      `bucket: '${name}', the name alone (the server goes in endpoint)`);
  }
}
