import { ClusterChart, Harbor, SecretReference } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// Harbor's internal secrets come from one Secret the owner makes: left out, the chart would make them afresh
// at every render and encrypt registry credentials with its public default key.

const adminPassword = () => SecretReference.external('registry', 'harbor-admin', 'HARBOR_ADMIN_PASSWORD');
const harbor = (props: Record<string, unknown>) => guarded((cluster: ClusterChart) => new Harbor(cluster, 'harbor', {
  route: { host: 'registry' }, adminPassword: adminPassword(), ...props,
} as any));

export const CASES: BadInput[] = [
  {
    name: "Harbor without internalSecrets, as the chart's own defaults allow",
    build: harbor({}),
    layer: 'props', path: 'harbor', field: 'internalSecrets', hint: /harbor-internal/,
  },
  {
    name: "Harbor's secretKey written as text, as the chart's values take it",
    build: harbor({ internalSecrets: 'not-a-secure-key' }),
    layer: 'props', path: 'harbor', field: 'internalSecrets',
  },
  {
    name: "Harbor's internal secrets referred to by another key of their Secret",
    build: harbor({ internalSecrets: SecretReference.external('registry', 'harbor-internal', 'CSRF_KEY') }),
    layer: 'references', path: 'harbor', field: 'internalSecrets', hint: /key secretKey/,
  },
  {
    name: "Harbor's internal secrets in a Secret of another namespace",
    build: harbor({ internalSecrets: SecretReference.external('harbor', 'harbor-internal', 'secretKey') }),
    layer: 'references', path: 'harbor', field: 'internalSecrets', hint: /namespace registry/,
  },
  {
    name: "Harbor's secretKey as a prop of its own, as the chart's values have it",
    build: harbor({ secretKey: 'abcdefghijklmnop', internalSecrets: undefined }),
    layer: 'props', path: 'harbor', field: 'secretKey', hint: /internalSecrets: SecretReference\.external/,
  },
];
