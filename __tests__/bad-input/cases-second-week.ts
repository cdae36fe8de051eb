import type { App as CdkApp } from 'cdk8s';
import { Construct } from 'constructs';
import { buildFleet, ClusterChart, host, site, traefik } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labApp } from './lab';

// A new user's second week: a second site or cluster added to the fleet, written from habits of other
// tools. Each built nothing while blaming something else, or named a fix that did not fit.

const vps = host('vps', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.9.0.10' });
const cloud = site('cloud', { domain: 'cloud.test', hosts: [vps], git: { url: 'https://git.lab.test/lab.git' } });
const edge = {
  folder: 'cloud/edge', source: 'charts/cloud/edge.ts',
  build: (scope: Construct) => new ClusterChart(scope, 'edge', { site: cloud, hosts: [vps], routes: traefik({ nodePorts: true }), storage: {} }),
};
/**
 * `buildFleet` given `fleet` as a user wrote it; the finding is expected on `field`. The fleet is refused
 * before anything is built, on the scope it was given: here the lab's chart, whose findings the corpus reads.
 */
const fleetCase = (name: string, fleet: unknown, field: string, hint: RegExp): BadInput => ({
  name, build: guarded((c: ClusterChart) => buildFleet(c, fleet as any)), layer: 'props', path: 'main', field, hint,
});

export const CASES: BadInput[] = [
  fleetCase('fleet given as the list of its cluster definitions', [edge], 'clusters', /\{ clusters: \[ … \] \}/),
  fleetCase('fleet that lists its clusters under "cluster"', { cluster: [edge] }, 'cluster', /name the list clusters/),
  fleetCase('fleet whose clusters were read before they were filled', { clusters: undefined }, 'clusters', /before its module filled it/),
  fleetCase('fleet with an undefined entry', { clusters: [edge, undefined] }, 'clusters[1]', /drop it/),
  fleetCase('cluster that needs one folder, written without a list', { clusters: [{ ...edge, needs: 'lab/main' }] }, 'clusters[0].needs', /needs: \['lab\/main'\]/),
  {
    // The folder is <site>/<id>: two sites may have a cluster "main" each, built under constructs of their own.
    name: 'two sites whose clusters are both called main, built under the app',
    build: guarded((_c: ClusterChart, app: CdkApp) => new ClusterChart(app, 'main', { site: cloud, hosts: [vps], routes: traefik({ nodePorts: true }), storage: {} })),
    layer: 'props', path: 'main', field: 'id "main"', hint: /construct named after its site/,
  },
  // The App refuses a namespace Kubernetes keeps for itself by the rule components and engines share.
  { name: 'app in the namespace every cluster has for public data', build: guarded(labApp('docs', { namespace: 'kube-public' })), layer: 'props', path: 'docs', field: 'namespace', hint: /namespace: 'docs'/ },
  { name: 'app in the default namespace, as kubectl apply puts it', build: guarded(labApp('docs', { namespace: 'default' })), layer: 'props', path: 'docs', field: 'namespace', hint: /leave namespace out/ },
];
