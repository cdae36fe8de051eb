import type { PropProblem } from '../validation/known-props';
import { inClusterEndpoint } from './loki-bucket';

// loki() runs Loki on its filesystem: its schema's `object_store` and the compactor's `delete_request_store` say
// `filesystem`. Values that move `loki.storage.type` to a bucket leave both where they were, so Loki keeps every
// chunk and index on the pod's disk and never writes to the bucket; and an S3 client at an S3 server of the
// cluster (MinIO, Garage, SeaweedFS) asks for `<bucket>.<server>`, a name no cluster DNS answers, unless told to
// put the bucket in the path.

type Values = Record<string, unknown>;

const record = (value: unknown): Values => (value !== null && typeof value === 'object' && !Array.isArray(value) ? value as Values : {});

/** The store of the schema's periods, the compactor's delete requests and the ruler, where each still names the filesystem. */
function filesystemStores(loki: Values): string[] {
  const configs = Array.isArray(record(loki.schemaConfig).configs) ? record(loki.schemaConfig).configs as unknown[] : [];
  return [
    ...configs.flatMap((config, i) => (record(config).object_store === 'filesystem' ? [`schemaConfig.configs[${i}].object_store`] : [])),
    ...(record(loki.compactor).delete_request_store === 'filesystem' ? ['compactor.delete_request_store'] : []),
  ];
}

/**
 * What breaks Loki's bucket in the merged values of the loki component: a bucket store the schema or the compactor
 * does not use, and an S3 endpoint of the cluster addressed by virtual host. Pure.
 */
export function lokiObjectStoreProblems(values: Values): PropProblem[] {
  const loki = record(values.loki);
  const storage = record(loki.storage);
  const type = storage.type;
  if (typeof type !== 'string' || type === 'filesystem') {
    return [];
  }
  const problems: PropProblem[] = [];
  const stale = filesystemStores(loki);
  if (stale.length > 0) {
    problems.push({
      field: 'loki.storage.type',
      message: `loki.storage.type is '${type}' while ${stale.join(' and ')} still name${stale.length === 1 ? 's' : ''} 'filesystem', as loki() writes ${stale.length === 1 ? 'it' : 'them'}: `
        + 'Loki keeps its chunks and index on the pod\'s disk, writes nothing to the bucket, and the logs go with the pod',
      hint: (type === 's3' ? "give loki() the bucket, which moves the schema, the compactor and the keys with it: loki({ placement, bucket: { endpoint, name, region, credentialsSecret } }); or " : '')
        + `move them to the bucket in the same addValues: loki: { schemaConfig: { configs: [{ from: '2024-04-01', store: 'tsdb', object_store: '${type}', schema: 'v13', `
        + `index: { prefix: 'loki_index_', period: '24h' } }] }, compactor: { delete_request_store: '${type}' } }`,
    });
  }
  const s3 = record(storage.s3);
  if (type === 's3' && typeof s3.endpoint === 'string' && inClusterEndpoint(s3.endpoint) && s3.s3ForcePathStyle !== true) {
    problems.push({
      field: 'loki.storage.s3.s3ForcePathStyle',
      message: `loki.storage.s3.endpoint "${s3.endpoint}" is a Service of the cluster, and without s3ForcePathStyle Loki's S3 client asks for each bucket at `
        + '<bucket>.<endpoint>, a name the cluster\'s DNS does not answer',
      hint: 'put the bucket in the path: loki: { storage: { s3: { s3ForcePathStyle: true } } }',
    });
  }
  return problems;
}
