import { App as CdkApp } from 'cdk8s';
import { host, site, traefik } from '../../constructs';
import type { BadInput } from './cases';
import { CONTAINER, goodContainer, goodDeployment, labApp, labCluster, raw, serviceManifest } from './lab';

// What one app shares with others on a node and in the cluster: the host ports Traefik binds, and the
// Services that reach the apps.

/** A one-host cluster `id` of a site of its own, whose Traefik serves 80 and 443 from its node (hostPorts). */
function hostPortCluster(app: CdkApp, id: string, address: string) {
  const node = host(`${id}-node`, { arch: 'amd64', roles: ['control-plane', 'worker'], address });
  const own = site(id, { domain: `${id}.test`, hosts: [node], git: { url: `https://git.${id}.test/lab.git` } });
  return labCluster(app, id, { site: own, hosts: [node], loadBalancer: undefined, routes: traefik({ hostPorts: true }), storage: {} });
}

const hostNetwork = { hostNetwork: 'answers DNS on the LAN' };

export const CASES: BadInput[] = [
  // Traefik's hostPorts are taken on every node it may run on.
  {
    name: "host-network app on port 80 beside Traefik's hostPorts",
    build: (_c, app) => labApp('pihole', { image: 'ghcr.io/acme/dns:1.0.0', ports: [{ name: 'http', port: 80 }], exemptions: hostNetwork })(hostPortCluster(app, 'edge', '10.5.0.1')),
    layer: 'inventory', path: 'pihole', field: 'ports[0]', hint: /another host/,
  },
  {
    name: "hand-written pod with hostPort 443 beside Traefik's hostPorts",
    build: (_c, app) => raw(hostPortCluster(app, 'edge', '10.5.0.2'), 'w', goodDeployment('web', {
      containers: [goodContainer({ ports: [{ containerPort: 8443, hostPort: 443 }] })],
    }, {}, { 'security.homelab.dev/host-network': 'serves TLS from the node' })),
    layer: 'inventory', path: 'w', field: `${CONTAINER}.ports[0]`, hint: /another host/,
  },
  // A Service needs a port unless it is headless or an ExternalName.
  { name: 'hand-written Service with no ports', build: (c) => raw(c, 's', serviceManifest('s1', { ports: undefined })), layer: 'schema', path: 's', field: 'spec.ports' },
  { name: 'hand-written Service with an empty port list', build: (c) => raw(c, 's', serviceManifest('s1', { ports: [] })), layer: 'schema', path: 's', field: 'spec.ports' },
  { name: 'hand-written Service with an empty spec', build: (c) => raw(c, 's', { ...serviceManifest('s1'), spec: {} }), layer: 'schema', path: 's', field: 'spec.ports' },
  { name: 'hand-written NodePort Service with no ports', build: (c) => raw(c, 's', serviceManifest('s1', { type: 'NodePort', ports: undefined })), layer: 'schema', path: 's', field: 'spec.ports' },
];
