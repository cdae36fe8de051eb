import { ApiObject, App as CdkApp } from 'cdk8s';
import { CROSSPLANE_PROVIDERS, CrossplaneProviders } from '../constructs';
import { apiObjectJson } from '../constructs/interop/api-object-json';
import { synthApp } from '../constructs/interop/foreign-lazy';
import { labCluster } from './bad-input/lab';

// A grant names the Provider's own runtime config in the Provider itself: the Provider stays plain data,
// which synth reads as it is, with no JSON patch (whose library a synth would load for it).
test("grantClusterRole names the Provider's runtime config in its spec, without a JSON patch", () => {
  const cluster = labCluster(synthApp('dist') as CdkApp);
  const providers = new CrossplaneProviders(cluster, 'providers', [CROSSPLANE_PROVIDERS.kubernetes]);
  providers.grantClusterRole(CROSSPLANE_PROVIDERS.kubernetes.name, { clusterRole: 'edit', reason: 'manages namespaced objects' });
  const provider = cluster.node.findAll().find((c): c is ApiObject => c instanceof ApiObject && c.kind === 'Provider')!;
  expect((provider as unknown as { patches: unknown[] }).patches).toEqual([]);
  expect(apiObjectJson(provider)).toMatchObject({ spec: { runtimeConfigRef: { name: CROSSPLANE_PROVIDERS.kubernetes.name } } });
});
