import type { App as CdkApp } from 'cdk8s';
import { Construct } from 'constructs';
import { host, site } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labApp, labCluster } from './lab';

// How clusters are composed in the construct tree: charts inside charts, two clusters that cannot be told
// apart, a tree that holds itself, and the validations constructs add to themselves.
const asScope = (scope: Construct) => scope as unknown as CdkApp;

export const CASES: BadInput[] = [
  {
    name: 'cluster chart created inside another cluster chart',
    build: guarded((c) => labCluster(asScope(c), 'inner')),
    layer: 'props', path: 'main/inner', field: 'scope',
  },
  {
    name: 'cluster chart created below an app of another cluster',
    build: guarded((c) => labCluster(asScope(labApp('a')(c)), 'inner')),
    layer: 'props', path: 'main/a/inner', field: 'scope',
  },
  {
    name: 'two clusters of one site and id in different places of the tree',
    build: (_c, app) => labCluster(asScope(new Construct(app, 'elsewhere')), 'main'),
    layer: 'props', path: 'elsewhere/main', field: 'id', hint: /own id/,
  },
  {
    name: 'two different sites of one name',
    build: (_c, app) => {
      const other = host('other1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.9.0.1' });
      const twin = site('lab', { domain: 'lab2.test', hosts: [other], git: { url: 'https://git.lab.test/lab.git' } });
      labCluster(app, 'edge', { site: twin, hosts: [other], loadBalancer: undefined, storage: {} });
    },
    layer: 'inventory', path: 'inventory/site/lab', field: 'name', hint: /own name/,
  },
  {
    name: 'validation added with node.addValidation that fails',
    build: (c) => labApp('a')(c).node.addValidation({ validate: () => ['my custom rule failed'] }),
    layer: 'props', path: 'a', field: 'validation',
  },
  {
    name: 'validation added with node.addValidation that throws',
    build: (c) => labApp('a')(c).node.addValidation({ validate: () => { throw new Error('cannot validate'); } }),
    layer: 'props', path: 'a', field: 'validation',
  },
  {
    name: "validation added to the cluster chart's own node",
    build: (c) => c.node.addValidation({ validate: () => ['the cluster is not ready'] }),
    layer: 'props', path: 'main', field: 'validation',
  },
  {
    name: 'construct tree that holds itself (node.addChild)',
    build: guarded((c) => (c.node as unknown as { addChild(child: Construct, id: string): void }).addChild(c, 'self')),
    layer: 'props', path: 'main', field: 'children', hint: /node\.addChild/,
  },
];
