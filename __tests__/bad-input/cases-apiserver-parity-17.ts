import { ApiObject } from 'cdk8s';
import { CROSSPLANE_PROVIDERS, CrossplaneProviders } from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { generated } from './cases-api-server';
import { besideWeb, goodContainer, goodDeployment, raw, refusedAtW, serviceManifest } from './lab';

// Objects a custom resource embeds whole (a schema node marked x-kubernetes-embedded-resource): the API server
// requires their apiVersion and kind and checks their metadata as an object's (apiextensions-apiserver's
// schema/objectmeta validation), although their schema leaves them open. A Crossplane Composition step's
// input and a provider-kubernetes Object's manifest are two. And Indexed Jobs that ValidateJob refuses: a
// name that leaves no room for the highest index in its pods' host names, and over 100 000 completions with a
// backoff limit per index but without a bound on the indexes that may fail. And a LoadBalancer Service on the
// kubelet's port 10250, which ValidateService refuses; and a Crossplane claim that breaks a CEL rule its
// CompositeResourceDefinition gives, which Crossplane copies into the CRD it makes.

/** Crossplane with provider-kubernetes and its ProviderConfig `default`. */
export function crossplaneWithKubernetes(c: ClusterChart): void {
  const providers = new CrossplaneProviders(c, 'crossplane', [CROSSPLANE_PROVIDERS.kubernetes]);
  providers.addProviderConfig({ name: 'default', apiVersion: 'kubernetes.crossplane.io/v1alpha1', spec: { credentials: { source: 'InjectedIdentity' } } });
}

/** A Composition `w` of one patch-and-transform step whose input is `input`. */
export function composition(input: Record<string, unknown>): Record<string, unknown> {
  return {
    apiVersion: 'apiextensions.crossplane.io/v1', kind: 'Composition', metadata: { name: 'w' },
    spec: {
      compositeTypeRef: { apiVersion: 'db.lab.internal/v1alpha1', kind: 'XPostgreSQL' }, mode: 'Pipeline',
      pipeline: [{ step: 'resources', functionRef: { name: 'function-patch-and-transform' }, input }],
    },
  };
}

/** The patch-and-transform function's input of no resources, with `extra` laid over it. */
export const stepInput = (extra: Record<string, unknown> = {}) => ({ apiVersion: 'pt.fn.crossplane.io/v1beta1', kind: 'Resources', resources: [], ...extra });

/** A provider-kubernetes Object `w` that makes `manifest`. */
export function kubernetesObject(manifest: Record<string, unknown>): Record<string, unknown> {
  return { apiVersion: 'kubernetes.crossplane.io/v1alpha2', kind: 'Object', metadata: { name: 'w' }, spec: { forProvider: { manifest }, providerConfigRef: { name: 'default' } } };
}

/** A ConfigMap `settings` in namespace `media` as an Object's manifest, with `metadata` laid over its metadata. */
export const configMapManifest = (metadata: Record<string, unknown> = {}) => ({
  apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'media', ...metadata }, data: { mode: 'fast' },
});

/** A lab with Crossplane and the Composition `w` (in the config layer, as its kind's CRD asks). */
const withComposition = (input: Record<string, unknown>) => (c: ClusterChart) => {
  crossplaneWithKubernetes(c);
  new ApiObject(c.platform.configScope('compositions'), 'w', composition(input) as any);
};
/** A lab with Crossplane and the Object `w` (in the apps layer). */
const withObject = (manifest: Record<string, unknown>) => (c: ClusterChart) => {
  crossplaneWithKubernetes(c);
  new ApiObject(c, 'w', kubernetesObject(manifest) as any);
};

const INPUT = 'spec.pipeline[0].input';
const MANIFEST = 'spec.forProvider.manifest';
const inComposition = (name: string, input: Record<string, unknown>, field: string, hint?: RegExp): BadInput => ({
  name, build: withComposition(input), layer: 'schema', path: 'platform/config/compositions/w', field, hint,
});
const inObject = (name: string, manifest: Record<string, unknown>, field: string, hint?: RegExp): BadInput => ({
  name, build: withObject(manifest), layer: 'schema', path: 'w', field, hint,
});

/** An Indexed Job `name` of `completions` indexes, with `extra` laid over its spec. */
export function indexedJob(name: string, completions: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const pod = (goodDeployment() as any).spec.template.spec;
  return {
    apiVersion: 'batch/v1', kind: 'Job', metadata: { name, namespace: 'web' },
    spec: {
      completionMode: 'Indexed', completions, parallelism: 4, ...extra,
      template: { spec: { ...pod, restartPolicy: 'Never', containers: [goodContainer({ ports: [], readinessProbe: undefined })] } },
    },
  };
}
const job = (manifest: Record<string, unknown>) => (c: ClusterChart) => {
  raw(c, 'w', manifest);
};

/** A CompositeResourceDefinition of buckets whose spec holds `sizeGigabytes`, at most 1000 by a CEL rule. */
export const RULED_XRD = {
  apiVersion: 'apiextensions.crossplane.io/v1', kind: 'CompositeResourceDefinition', metadata: { name: 'xbuckets.storage.lab.test' },
  spec: {
    group: 'storage.lab.test', names: { kind: 'XBucket', plural: 'xbuckets' }, claimNames: { kind: 'Bucket', plural: 'buckets' },
    versions: [{
      name: 'v1alpha1', served: true, referenceable: true,
      schema: {
        openAPIV3Schema: {
          type: 'object',
          properties: {
            spec: {
              type: 'object', properties: { sizeGigabytes: { type: 'integer' } },
              'x-kubernetes-validations': [{ rule: 'self.sizeGigabytes <= 1000', message: 'a bucket holds at most 1000 GB' }],
            },
          },
        },
      },
    }],
  },
};
/** A claim `media` of {@link RULED_XRD} of `sizeGigabytes`. */
export const bucketClaim = (sizeGigabytes: number) => ({ apiVersion: 'storage.lab.test/v1alpha1', kind: 'Bucket', metadata: { name: 'media', namespace: 'web' }, spec: { sizeGigabytes } });

export const CASES: BadInput[] = [
  {
    name: 'a Crossplane claim that breaks a CEL rule of its definition', build: generated(RULED_XRD, bucketClaim(5000)),
    layer: 'schema', path: 'w', field: 'spec', hint: /CompositeResourceDefinition xbuckets\.storage\.lab\.test/, message: /at most 1000 GB/,
  },
  refusedAtW('a LoadBalancer Service on the kubelet\'s port', besideWeb(serviceManifest('w', { type: 'LoadBalancer', ports: [{ name: 'metrics', port: 10250, targetPort: 8080 }] })),
    'spec.ports[0].port', /10251/),
  refusedAtW('an Indexed Job whose name leaves no room for its highest index', job(indexedJob(`render-${'frames'.repeat(9)}`, 1000)), 'metadata.name', /59 characters/),
  refusedAtW('an Indexed Job of 200000 completions with a backoff limit per index and no maxFailedIndexes', job(indexedJob('render', 200_000, { backoffLimitPerIndex: 1 })),
    'spec.maxFailedIndexes', /10000 or less/),
  refusedAtW('an Indexed Job of 200000 completions that lets 20000 indexes fail', job(indexedJob('render', 200_000, { backoffLimitPerIndex: 1, maxFailedIndexes: 20_000 })),
    'spec.maxFailedIndexes', /split the work/),
  inComposition('a Composition step whose input has no apiVersion', { kind: 'Resources', resources: [] }, `${INPUT}.apiVersion`, /pt\.fn\.crossplane\.io\/v1beta1/),
  inComposition('a Composition step whose input has no kind', { apiVersion: 'pt.fn.crossplane.io/v1beta1', resources: [] }, `${INPUT}.kind`, /Resources/),
  inComposition('a Composition step whose input kind has an underscore', stepInput({ kind: 'Patch_Resources' }), `${INPUT}.kind`),
  inComposition('a Composition step whose input apiVersion has two slashes', stepInput({ apiVersion: 'pt.fn.crossplane.io/v1beta1/Resources' }), `${INPUT}.apiVersion`, /group\/version/),
  inComposition('a Composition step whose input carries a label key with a space', stepInput({ metadata: { labels: { 'tier name': 'db' } } }), `${INPUT}.metadata.labels.tier name`),
  inObject('a provider-kubernetes Object whose manifest has no kind', { apiVersion: 'v1', metadata: { name: 'settings', namespace: 'media' }, data: { mode: 'fast' } }, `${MANIFEST}.kind`),
  inObject('a provider-kubernetes Object whose manifest is named with a slash', configMapManifest({ name: 'media/settings' }), `${MANIFEST}.metadata.name`, /'\/'/),
  inObject('a provider-kubernetes Object whose manifest namespace is in capitals', configMapManifest({ namespace: 'Media' }), `${MANIFEST}.metadata.namespace`, /media/),
  inObject('a provider-kubernetes Object whose manifest label value is 64 characters', configMapManifest({ labels: { owner: 'o'.repeat(64) } }), `${MANIFEST}.metadata.labels.owner`, /63/),
  inObject('a provider-kubernetes Object whose manifest label value is a number', configMapManifest({ labels: { replicas: 3 } }), `${MANIFEST}.metadata.labels.replicas`, /quotes/),
];
