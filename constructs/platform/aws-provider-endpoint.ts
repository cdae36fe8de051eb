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
  const services = (endpoint as { services?: unknown }).services;
  if (Array.isArray(services) && services.length > 0) {
    return [];
  }
  return [{
    field: `${field}.spec.endpoint.services`,
    message: 'the endpoint lists no services: the AWS provider uses a custom endpoint only for the services in spec.endpoint.services, '
      + "so every managed resource of this ProviderConfig would call AWS's own endpoints with these credentials",
    hint: "list the services the endpoint answers for, e.g. endpoint: { services: ['s3', 'iam', 'sts'], url: { type: 'Static', static: 'https://s3.example.org' } }",
  }];
}
