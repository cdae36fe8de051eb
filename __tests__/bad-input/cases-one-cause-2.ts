import { App as CdkApp } from 'cdk8s';
import { ExternalService, externalHost, flux, host, site, traefik } from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labCluster } from './lab';

// One mistake in the inventory, one error: a fact a user writes wrong in the hosts file is the machine's error
// alone, not also one on each object a chart builds from it. `one-cause-2.test.ts` checks that each case below is
// reported with no other error.

/**
 * A site `oc2-<name>` whose NAS lists its API on port `port`, and a cluster `edge` of it where two ExternalServices
 * name that port.
 */
const nasPort = (name: string, port: unknown) => guarded((_cluster: ClusterChart, app: CdkApp) => {
  const node = host(`oc2-${name}-node`, { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.9.30.1' });
  const nas = externalHost(`oc2-${name}-nas`, { address: '10.9.30.9', ports: { api: port as number } });
  const own = site(`oc2-${name}`, { domain: `oc2-${name}.test`, hosts: [node], externalHosts: { nas }, git: { url: 'https://git.lab.test/lab.git' } });
  const edge = labCluster(app, 'edge', {
    site: own, hosts: [node], routes: traefik({ nodePorts: true }), loadBalancer: undefined, storage: {}, gitops: flux(), externalHosts: [nas],
  });
  new ExternalService(edge, 'nas-api', { host: nas, service: 'api', namespace: 'media' });
  new ExternalService(edge, 'nas-backup', { host: nas, service: 'api', namespace: 'backup' });
});

export const CASES: BadInput[] = [
  {
    name: "an external host's port written as a word, which two ExternalServices name",
    build: nasPort('word', 'http'), layer: 'inventory', path: 'inventory/external-host/oc2-word-nas', field: 'ports.api',
  },
  {
    name: "an external host's port written in quotes, which two ExternalServices name",
    build: nasPort('quoted', '8080'), layer: 'inventory', path: 'inventory/external-host/oc2-quoted-nas', field: 'ports.api', hint: /api: 8080/,
  },
  {
    name: "an external host's port above 65535, which two ExternalServices name",
    build: nasPort('high', 80800), layer: 'inventory', path: 'inventory/external-host/oc2-high-nas', field: 'ports.api',
  },
];
