import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labApp } from './lab';

// An app's own ServiceAccount (serviceAccount) and what it may do, as a new user writes it.

const READ_SERVICES = { apiGroups: [''], resources: ['services'], verbs: ['get', 'list', 'watch'] };
const homepage = (serviceAccount: unknown) => guarded((cluster: ClusterChart) => labApp('homepage', { serviceAccount })(cluster));

export const CASES: BadInput[] = [
  {
    name: 'a ServiceAccount for an app that says not why it reads the API',
    build: homepage({ clusterRules: [READ_SERVICES] }),
    layer: 'props', path: 'homepage', field: 'serviceAccount.reason',
  },
  {
    name: 'a cluster-wide rule of an app account with no verbs',
    build: homepage({ reason: 'discovers the services it shows', clusterRules: [{ apiGroups: [''], resources: ['services'] }] }),
    layer: 'props', path: 'homepage', field: 'serviceAccount.clusterRules[0].verbs',
  },
  {
    name: 'a namespaced rule of an app account that grants no verb',
    build: homepage({ reason: 'reads its pods', rules: [{ apiGroups: [''], resources: ['pods'], verbs: [] }] }),
    layer: 'props', path: 'homepage', field: 'serviceAccount.rules[0].verbs',
  },
];
