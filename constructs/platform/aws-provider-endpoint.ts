import type { PropProblem } from '../validation/known-props';

/** The API groups of the ProviderConfigs of Upbound's AWS provider family, cluster-scoped and namespaced. */
const AWS_PROVIDER_CONFIG_GROUPS = ['aws.upbound.io', 'aws.m.upbound.io'];

/**
 * The problem of an AWS provider family's ProviderConfig whose custom endpoint (`spec.endpoint.url`, an
 * S3-compatible store such as Ceph RGW or MinIO) lists no service in `spec.endpoint.services`: the provider
 * writes the endpoint for the services listed there alone, so with none its managed resources go to AWS's own
 * endpoints, with the store's credentials. `field` is the ProviderConfig's field prefix, e.g.
 * `addProviderConfig(ceph-rgw)`. Pure.
 */
export function awsProviderEndpointProblems(apiVersion: string, spec: Record<string, unknown> | undefined, field: string): PropProblem[] {
  if (typeof apiVersion !== 'string' || !AWS_PROVIDER_CONFIG_GROUPS.includes(apiVersion.split('/')[0])) {
    return [];
  }
  const endpoint = spec?.endpoint;
  if (endpoint === null || typeof endpoint !== 'object' || (endpoint as { url?: unknown }).url === undefined) {
    return [];
  }
  const url = staticUrlProblems((endpoint as { url?: unknown }).url, `${field}.spec.endpoint.url.static`);
  const services = (endpoint as { services?: unknown }).services;
  if (Array.isArray(services) && services.length > 0) {
    return url;
  }
  return [...url, {
    field: `${field}.spec.endpoint.services`,
    message: 'the endpoint lists no services: the AWS provider uses a custom endpoint only for the services in spec.endpoint.services, '
      + "so every managed resource of this ProviderConfig would call AWS's own endpoints with these credentials",
    hint: "list the services the endpoint answers for, e.g. endpoint: { services: ['s3', 'iam', 'sts'], url: { type: 'Static', static: 'https://s3.example.org' } }",
  }];
}

/**
 * The problems of a static endpoint URL (`url: { type: 'Static', static }`) that the provider cannot use as a
 * service's endpoint: an address without its scheme (`minio.lab:9000`), which is no URL, and one with a path
 * (`https://minio.lab/backups`), to which the SDK adds each request's own path (the bucket's name with
 * path-style addressing), so requests miss the store's API. Pure.
 */
function staticUrlProblems(url: unknown, field: string): PropProblem[] {
  const written = (url as { static?: unknown } | null)?.static;
  if (typeof written !== 'string') {
    return [];
  }
  const parts = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]+)([^?#]*)/i.exec(written);
  if (parts === null || !/^https?$/i.test(parts[1])) {
    const address = written.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\/.*$/, '');
    return [{
      field, message: `"${written}" is no http(s) URL: the provider reads the endpoint as a URL with its scheme, and cannot call the store at it`,
      hint: `write the scheme the store answers on: static: 'https://${address}' (or 'http://${address}' for a store without TLS)`,
    }];
  }
  const path = parts[3].replace(/\/+$/, '');
  return path === '' ? [] : [{
    field, message: `"${written}" has a path (${path}): the SDK adds each request's own path to it (the bucket's name, with path-style addressing), so every request misses the store's API`,
    hint: `give the store's address alone: static: '${parts[1]}://${parts[2]}'; a bucket is named by the Bucket resource, not the endpoint`,
  }];
}
