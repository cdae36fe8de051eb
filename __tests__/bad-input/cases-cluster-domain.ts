import { ClusterChart, flux, placeholder, traefik } from '../../constructs';
import type { BadInput } from './cases';
import { gpu1, guarded, lab } from './lab';

// A cluster's domain is a DNS name or a placeholder standing for one.
export const CASES: BadInput[] = [
  {
    name: "a cluster domain placeholder whose stand-in is no DNS name is an error on the cluster's domain",
    build: guarded((_cluster, app) => {
      new ClusterChart(app, 'other', {
        site: lab, hosts: [gpu1], routes: traefik(), gitops: flux(),
        domain: placeholder('Test_Lab', { fact: 'domain of the test cluster', owner: 'set it' }),
      });
    }),
    layer: 'props', path: 'other', field: 'domain', hint: /./,
  },
  {
    name: 'a cluster domain that is a number is an error on the cluster domain, not a crash',
    build: guarded((_cluster, app) => {
      new ClusterChart(app, 'other', {
        site: lab, hosts: [gpu1], routes: traefik(), gitops: flux(),
        domain: 42 as unknown as string,
      });
    }),
    layer: 'props', path: 'other', field: 'domain', message: /42/,
  },
];
