import { App as CdkApp } from 'cdk8s';
import { App, ExternalService, externalHost, flux, host, metalLb, site, traefik, UpstreamProxy } from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labCluster } from './lab';

// One mistake in the inventory, one error: a fact a user writes wrong in the hosts file is the machine's error
// alone, not also one on each object a chart builds from it (a port written wrong gives none, an address written
// with a prefix or leading zeros, and a domain written as a URL or with a trailing dot, are built on as meant). `one-cause-2.test.ts` checks that each case below is
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

/**
 * A site `oc2-<name>` whose node's address is written `address`, and a cluster `edge` of it whose API server (a
 * control plane hosted elsewhere, as k0smotron's) answers on that node's address, and whose App calls it.
 */
export const nodeAddress = (name: string, address: string) => guarded((_cluster: ClusterChart, app: CdkApp) => {
  const node = host(`oc2-${name}-node`, { arch: 'amd64', roles: ['worker'], address });
  const own = site(`oc2-${name}`, { domain: `oc2-${name}.test`, hosts: [node], git: { url: 'https://git.lab.test/lab.git' } });
  const edge = labCluster(app, 'edge', {
    site: own, hosts: [node], routes: traefik({ nodePorts: true }), loadBalancer: undefined, storage: {}, gitops: flux(),
    preinstalled: [{ source: 'k0s', distribution: 'k0s', apiServer: [{ cidr: `${node.address}/32`, ports: [{ port: 31443 }] }] }],
  });
  new App(edge, 'agent', {
    image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }],
    egress: [{ cidr: `${node.address}/32`, ports: [{ port: 9100 }] }],
  });
});

/** A site `oc2-<name>` whose domain is written `domain`, and a cluster `edge` of it that proxies every name under it elsewhere. */
const siteDomain = (name: string, domain: string) => guarded((_cluster: ClusterChart, app: CdkApp) => {
  const node = host(`oc2-${name}-node`, { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.9.32.1' });
  const own = site(`oc2-${name}`, {
    domain, hosts: [node], pools: { vips: { first: '10.9.32.10', last: '10.9.32.20' } }, git: { url: 'https://git.lab.test/lab.git' },
  });
  const edge = labCluster(app, 'edge', {
    site: own, hosts: [node], routes: traefik({ address: own.pools.vips.at('10.9.32.10') }), loadBalancer: metalLb({ pools: [own.pools.vips] }), storage: {}, gitops: flux(),
  });
  new UpstreamProxy(edge, 'upstream', { domain: own.domain, address: own.pools.vips.at('10.9.32.11') });
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
  {
    name: "a node's address written with its network prefix, which the API server's network and an App's egress rule are made of",
    build: nodeAddress('prefix', '10.9.31.5/24'), layer: 'inventory', path: 'inventory/host/oc2-prefix-node', field: 'address', hint: /10\.9\.31\.5$/,
  },
  {
    name: "a node's address written with leading zeros, which the API server's network and an App's egress rule are made of",
    build: nodeAddress('zeros', '10.9.31.005'), layer: 'inventory', path: 'inventory/host/oc2-zeros-node', field: 'address', hint: /10\.9\.31\.5$/,
  },
  {
    name: 'a site domain written with a trailing dot, which a proxy of every name under it is given',
    build: siteDomain('dot', 'oc2-dot.test.'), layer: 'inventory', path: 'inventory/site/oc2-dot', field: 'domain', hint: /domain: 'oc2-dot\.test'/,
  },
  {
    name: 'a site domain written as a URL, which a proxy of every name under it is given',
    build: siteDomain('url', 'https://oc2-url.test'), layer: 'inventory', path: 'inventory/site/oc2-url', field: 'domain', hint: /domain: 'oc2-url\.test'/,
  },
];
