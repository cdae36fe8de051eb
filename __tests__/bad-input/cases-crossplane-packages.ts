import { CrossplaneProviders } from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// Crossplane packages the library knows, declared with kinds their release does not serve: namespaced
// managed resources (`m.` groups) came with each provider's move to crossplane-runtime v2.

/** A CrossplaneProviders `xp` of one package, declared with the kinds of `groups`. */
const declared = (name: string, pkg: string, groups: string[]) => guarded((cluster: ClusterChart) => new CrossplaneProviders(cluster, 'xp', [{
  name, package: pkg, crds: groups.map((group) => ({ group, kinds: ['ProviderConfig'], scope: 'Namespaced' as const })),
}]));

export const CASES: BadInput[] = [
  {
    name: 'provider-aws-s3 v1.21.0 declared with the namespaced aws.m.upbound.io kinds, which came with v2.0.0',
    build: declared('provider-aws-s3', 'xpkg.upbound.io/upbound/provider-aws-s3:v1.21.0', ['aws.m.upbound.io']),
    layer: 'props', path: 'xp', field: 'providers[0].crds', hint: /'aws\.upbound\.io'.*provider-aws-s3:v2\.0\.0/,
  },
  {
    name: 'provider-keycloak v2.1.0 declared with namespaced keycloak.m.crossplane.io kinds, which came with v2.7.0',
    build: declared('provider-keycloak', 'xpkg.upbound.io/crossplane-contrib/provider-keycloak:v2.1.0', ['keycloak.m.crossplane.io']),
    layer: 'props', path: 'xp', field: 'providers[0].crds', hint: /provider-keycloak:v2\.7\.0/,
  },
];
