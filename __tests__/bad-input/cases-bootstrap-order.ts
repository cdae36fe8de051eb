import { ApiObject } from 'cdk8s';
import { CROSSPLANE_PROVIDERS, CrossplaneProviders } from '../../constructs';
import type { BadInput } from './cases';

// Objects a bare cluster's engine could never apply in the order the output gives.
export const CASES: BadInput[] = [
  {
    // Flux dry-runs the config layer as a whole: the ProviderConfig's kind is unknown until the Provider
    // beside it is healthy, so neither is ever applied.
    name: 'ProviderConfig in the config layer of its Provider under Flux',
    build: (c) => {
      new CrossplaneProviders(c, 'xp', [CROSSPLANE_PROVIDERS.kubernetes]);
      new ApiObject(c.platform.configScope('provider-config'), 'pc', {
        apiVersion: 'kubernetes.crossplane.io/v1alpha1', kind: 'ProviderConfig', metadata: { name: 'default' }, spec: { credentials: { source: 'InjectedIdentity' } },
      });
    },
    layer: 'references', path: 'platform/config/provider-config/pc', field: 'kind',
  },
];
