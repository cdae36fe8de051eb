import { ApiObject } from 'cdk8s';
import { App, AppController, AppVolume, ClusterChart, CROSSPLANE_PROVIDERS, CrossplaneProviders, Knative, PodLabelDefault, RequiredPodLabels, Tenant } from '../../constructs';
import type { BadInput } from './cases';
import { arm1, gpu1, guarded } from './lab';

// Tenants, policies, Knative and Crossplane as a newcomer writes them from the README's Platform section.

type TenantProps = ConstructorParameters<typeof Tenant>[2];
const QUOTA = { requestsMemory: '4Gi', limitsMemory: '8Gi', pods: 10 };

/** Tenant `peers-alice` owned by alice, with props overridden. */
const tenant = (props: Partial<TenantProps> = {}) => guarded((cluster: ClusterChart) =>
  new Tenant(cluster, 'tenant', { namespace: 'peers-alice', owner: 'alice', ...props }));

/** A Knative app on a cluster with Knative; props overridden. */
const knativeApp = (props: Record<string, unknown>, namespace = 'fn') => guarded((cluster: ClusterChart) => {
  new Knative(cluster, 'knative');
  new App(cluster, 'fn', {
    image: 'nginxinc/nginx-unprivileged:1.27.0', namespace, ports: [{ name: 'http', port: 8080 }], controller: AppController.knative(), ...props,
  } as ConstructorParameters<typeof App>[2]);
});

/** A second constraint of the template RequiredPodLabels installs, written by hand; `spec` and `kind` overridden. */
const namespaceConstraint = (kind: string, spec: Record<string, unknown> = {}) => (cluster: ClusterChart) => {
  new RequiredPodLabels(cluster, 'owner-label', { labels: ['owner'] });
  new ApiObject(cluster, 'team-label', {
    apiVersion: 'constraints.gatekeeper.sh/v1beta1', kind, metadata: { name: 'namespaces-have-team' },
    spec: { match: { kinds: [{ apiGroups: [''], kinds: ['Namespace'] }] }, parameters: { labels: ['team'] }, ...spec },
  });
};

/** Gatekeeper's owner for the pods Knative Functions makes in `web`, with props overridden. */
const functionOwner = (props: Partial<ConstructorParameters<typeof PodLabelDefault>[2]> = {}) => guarded((cluster: ClusterChart) =>
  new PodLabelDefault(cluster, 'function-owner', { namespace: 'web', label: 'owner', value: 'alice', podsLabelled: 'function.knative.dev/name', ...props }));

export const CASES: BadInput[] = [
  {
    name: "a pod label default whose value no label can carry (a person's full name)",
    build: functionOwner({ value: 'Alice Smith' }),
    layer: 'props', path: 'function-owner', field: 'value', hint: /'alice'/,
  },
  {
    name: 'a pod label default that selects pods by a key no label can have',
    build: functionOwner({ podsLabelled: 'function.knative.dev/' }),
    layer: 'props', path: 'function-owner', field: 'podsLabelled',
  },
  {
    name: "a tenant quota in docker's units (4g, 8GB)",
    build: tenant({ quota: { ...QUOTA, requestsMemory: '4g', limitsMemory: '8GB' } }),
    layer: 'props', path: 'tenant', field: 'quota.requestsMemory', hint: /'4Gi'/,
  },
  {
    name: 'a tenant default container memory in MB',
    build: tenant({ quota: { ...QUOTA, defaultRequestsMemory: '128MB' } }),
    layer: 'props', path: 'tenant', field: 'quota.defaultRequestsMemory', hint: /'128Mi'/,
  },
  {
    name: "a tenant default memory request above the default limit, which the API server refuses on the LimitRange",
    build: tenant({ quota: { ...QUOTA, defaultRequestsMemory: '512Mi', defaultLimitsMemory: '256Mi' } }),
    layer: 'props', path: 'tenant', field: 'quota.defaultRequestsMemory', hint: /at or below quota\.defaultLimitsMemory/,
  },
  {
    name: 'a tenant in kube-system, whose pods its network policy would cut off',
    build: tenant({ namespace: 'kube-system', quota: QUOTA }),
    layer: 'props', path: 'tenant', field: 'namespace', hint: /namespace of its own/,
  },
  {
    name: 'a tenant owner written as a person\'s name, which no label value can be',
    build: tenant({ owner: 'Alice Smith' }),
    layer: 'props', path: 'tenant', field: 'owner', hint: /owner: 'alice-smith'/,
  },
  {
    name: "a tenant quota that fits a Knative app's containers but not Knative's queue-proxy beside each of its pods",
    gatewayCluster: true,
    build: (cluster) => {
      new Tenant(cluster, 'tenant', { namespace: 'peers-alice', owner: 'alice', quota: { requestsMemory: '1Gi', limitsMemory: '4Gi', pods: 10 } });
      knativeApp({ labels: { owner: 'alice' }, controller: AppController.knative({ maxScale: 4 }), resources: { memoryRequest: '256Mi', memoryLimit: '512Mi' } }, 'peers-alice')(cluster);
    },
    layer: 'policy', path: 'tenant', field: 'quota.requestsMemory',
  },
  {
    name: "a Knative timeout above Knative's 600-second maximum",
    gatewayCluster: true, build: knativeApp({ controller: AppController.knative({ timeoutSeconds: 3600 }) }),
    layer: 'props', path: 'fn', field: 'controller.props.timeoutSeconds', hint: /at most 600/,
  },
  {
    name: 'a Knative app with a UDP port, which Knative refuses',
    gatewayCluster: true, build: knativeApp({ ports: [{ name: 'http', port: 8080, protocol: 'UDP' }] }),
    layer: 'references', path: 'fn', field: 'ports[0].protocol',
  },
  {
    name: 'a Knative app with a ReadWriteOnce claim, which a new revision\'s pod on another node cannot mount',
    build: guarded((cluster) => {
      // Knative Serving installed outside the repository, so no other check stands before the claim's.
      cluster.platform.declarePreinstalled({ source: 'Knative installed by hand', crds: [{ group: 'serving.knative.dev', kinds: ['Service'] }] });
      new App(cluster, 'fn', {
        image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], controller: AppController.knative(),
        persistence: { data: { volume: AppVolume.claim({ tier: 'local', size: '1Gi' }), mountPath: '/data' } }, placement: { hosts: [gpu1, arm1] },
      });
    }),
    layer: 'policy', path: 'fn', field: 'persistence.data.volume', hint: /AppController\.deployment\(\)/,
  },
  {
    name: 'a DomainMapping whose ref misspells its Knative Service',
    build: (cluster) => {
      cluster.platform.declarePreinstalled({ source: 'Knative installed by hand', crds: [{ group: 'serving.knative.dev', kinds: ['Service', 'DomainMapping'] }] });
      new App(cluster, 'fn', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], controller: AppController.knative() });
      new ApiObject(cluster, 'mapping', {
        apiVersion: 'serving.knative.dev/v1beta1', kind: 'DomainMapping', metadata: { name: 'fn.example.org', namespace: 'fn' },
        spec: { ref: { apiVersion: 'serving.knative.dev/v1', kind: 'Service', name: 'function' } },
      });
    },
    layer: 'references', path: 'mapping', field: 'spec.ref.name', hint: /\(fn\)/,
  },
  {
    name: 'a Gatekeeper constraint whose kind misses the s of its template\'s kind',
    build: namespaceConstraint('K8sRequiredLabel'),
    layer: 'references', path: 'team-label', field: 'kind', hint: /did you mean K8sRequiredLabels\?/,
  },
  {
    name: 'a Gatekeeper constraint with an enforcementAction Gatekeeper refuses',
    build: namespaceConstraint('K8sRequiredLabels', { enforcementAction: 'block' }),
    layer: 'schema', path: 'team-label', field: 'spec.enforcementAction',
  },
  {
    name: 'a Crossplane provider package on the moving tag latest',
    build: guarded((cluster) => new CrossplaneProviders(cluster, 'crossplane', [
      { ...CROSSPLANE_PROVIDERS.kubernetes, package: 'xpkg.crossplane.io/crossplane-contrib/provider-kubernetes:latest' },
    ])),
    layer: 'props', path: 'crossplane', field: 'providers[0].package', hint: /release's tag/,
  },
];
