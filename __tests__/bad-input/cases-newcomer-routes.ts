import type { App as CdkApp } from 'cdk8s';
import type { Construct } from 'constructs';
import { buildFleet, HomelabApp } from '../../constructs';
import type { ClusterDefinition } from '../../constructs';
import type { BadInput } from './cases';
import { gpu1, guarded, labCluster } from './lab';

// Mistakes of a first lab with routes, addresses and several clusters, written from the README alone.
// A fleet built with buildFleet inside the define function skipped the checks runSynthCli gives a fleet
// it is returned: a chart written to another folder than its definition named was synthesized there.
const edge = (folder: string, id: string, extra: Partial<ClusterDefinition> = {}): ClusterDefinition => ({
  folder, source: `charts/${folder}.ts`,
  build: (site: Construct) => labCluster(site as unknown as CdkApp, id, { hosts: [gpu1], loadBalancer: undefined, storage: {} }),
  ...extra,
});
const fleet = (...clusters: ClusterDefinition[]) => guarded((_c, app: CdkApp) => buildFleet(app, { clusters }));
const web = (props: Record<string, unknown>) => guarded((cluster) =>
  new HomelabApp(cluster, 'web', { image: 'nginx:1.27.0', ports: [{ name: 'http', port: 8080 }], ...props } as any));

export const CASES: BadInput[] = [
  {
    name: 'buildFleet given a folder that is not the chart id',
    build: fleet(edge('lab/edge', 'edge-cluster')),
    layer: 'props', path: 'lab/edge-cluster', field: 'folder', hint: /<site name>\/<chart id>/,
  },
  {
    name: 'buildFleet given a folder under another site name',
    build: fleet(edge('home/edge', 'edge')),
    layer: 'props', path: 'home/edge', field: 'folder',
  },
];
void web;
