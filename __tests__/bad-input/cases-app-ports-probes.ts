import { App as CdkApp } from 'cdk8s';
import { host, metalLb, site, traefik } from '../../constructs';
import type { BadInput } from './cases';
import { CONTAINER, guarded, labApp, labCluster, podWithContainer, raw, serviceManifest } from './lab';

// An app's ports, node ports, load balancers and probes, and what every node of the cluster holds.

/** A one-host cluster `id` of a site of its own, whose Traefik serves from node ports 30080 and 30443. */
function nodePortCluster(app: CdkApp, id: string, address: string) {
  const node = host(`${id}-node`, { arch: 'amd64', roles: ['control-plane', 'worker'], address });
  const own = site(id, { domain: `${id}.test`, hosts: [node], git: { url: `https://git.${id}.test/lab.git` } });
  return labCluster(app, id, { site: own, hosts: [node], loadBalancer: undefined, routes: traefik({ nodePorts: true }), storage: {} });
}

/** A one-host cluster `id` of a site of its own, whose Traefik has the pool's first address. */
function ingressAddressCluster(app: CdkApp, id: string, prefix: string) {
  const node = host(`${id}-node`, { arch: 'amd64', roles: ['control-plane', 'worker'], address: `${prefix}.1` });
  const own = site(id, { domain: `${id}.test`, hosts: [node], git: { url: `https://git.${id}.test/lab.git` }, pools: { vips: { first: `${prefix}.50`, last: `${prefix}.59` } } });
  const cluster = labCluster(app, id, {
    site: own, hosts: [node], routes: traefik({ address: own.pools.vips.at(`${prefix}.50`) }), loadBalancer: metalLb({ pools: [own.pools.vips] }), storage: {},
  });
  return { cluster, vips: own.pools.vips };
}

const nodePortApp = (id: string, props: Record<string, unknown> = {}) => labApp(id, { exemptions: { nodePort: 'reached from the LAN' }, ...props });
const udpPorts = [{ name: 'http', port: 8080 }, { name: 'dns', port: 53, protocol: 'UDP' }];

export const CASES: BadInput[] = [
  // Node ports are allocated once in the cluster.
  {
    name: "node port of an app's added port that Traefik's entry point takes",
    build: (_c, app) => nodePortApp('web')(nodePortCluster(app, 'np-traefik', '10.5.0.1')).addPort({ name: 'alt', port: 9090, nodePort: 30080 }),
    layer: 'inventory', path: 'np-traefik/web', field: 'ports.alt.nodePort', hint: /node port/,
  },
  {
    name: "node port in an app's props that Traefik's HTTPS entry point takes",
    build: (_c, app) => nodePortApp('web', { ports: [{ name: 'http', port: 8080, nodePort: 30443 }] })(nodePortCluster(app, 'np-websecure', '10.5.0.2')),
    layer: 'inventory', path: 'np-websecure/web', field: 'ports.http.nodePort',
  },
  {
    name: 'one node port in two apps of the cluster',
    build: (c) => {
      nodePortApp('web', { ports: [{ name: 'http', port: 8080, nodePort: 31000 }] })(c);
      nodePortApp('web2', { namespace: 'web' })(c).addPort({ name: 'alt', port: 9090, nodePort: 31000 });
    },
    layer: 'inventory', path: 'web2', field: 'ports.alt.nodePort',
  },
  {
    name: 'one node port twice in the Service of one app',
    build: (c) => nodePortApp('web', { ports: [{ name: 'http', port: 8080, nodePort: 31000 }] })(c).addPort({ name: 'alt', port: 9090, nodePort: 31000 }),
    layer: 'inventory', path: 'web', field: 'ports.alt.nodePort',
  },
  {
    name: "hand-written NodePort Service on an app's node port",
    build: (c) => {
      nodePortApp('api', { namespace: 'web', ports: [{ name: 'http', port: 8080, nodePort: 31000 }] })(c);
      raw(c, 's', serviceManifest('raw', { type: 'NodePort', ports: [{ name: 'http', port: 80, targetPort: 8080, nodePort: 31000, protocol: 'UDP' }] }));
    },
    layer: 'inventory', path: 's', field: 'spec.ports[0].nodePort',
  },
  {
    name: 'hand-written NodePort Service with one node port twice for TCP',
    build: (c) => raw(c, 's', serviceManifest('raw', {
      type: 'NodePort',
      ports: [{ name: 'http', port: 80, targetPort: 8080, nodePort: 31001 }, { name: 'alt', port: 81, targetPort: 8080, nodePort: 31001 }],
    })),
    layer: 'inventory', path: 's', field: 'spec.ports[1].nodePort',
  },
  // What every node holds already.
  {
    name: "host-network app on the kubelet's port",
    build: labApp('web', { image: 'ghcr.io/acme/app:1.0.0', ports: [{ name: 'http', port: 10250 }], exemptions: { hostNetwork: 'serves the LAN from its node' } }),
    layer: 'inventory', path: 'web', field: 'ports[0]',
  },
  {
    name: "hand-written pod with a host port on the kubelet's health-check port",
    build: (c) => raw(c, 'w', podWithContainer({ ports: [{ name: 'http', containerPort: 8080, hostPort: 10248 }] })),
    layer: 'inventory', path: 'w', field: `${CONTAINER}.ports[0]`,
  },
  // Load balancers.
  {
    name: 'load balancer on the address of the ingress',
    build: (_c, app) => {
      const { cluster, vips } = ingressAddressCluster(app, 'lb-ingress', '10.5.1');
      labApp('web')(cluster).addLoadBalancer({ address: vips.at('10.5.1.50') });
    },
    layer: 'inventory', path: 'lb-ingress/web', field: 'addLoadBalancer.address',
  },
  {
    name: 'load balancer added to an app without ports',
    build: (c) => labApp('web', { ports: undefined })(c).addLoadBalancer({ address: c.site.pools.vips.at('10.0.8.15') }),
    layer: 'references', path: 'web', field: 'addLoadBalancer',
  },
  {
    name: 'load balancer added with no ports',
    build: (c) => labApp('web')(c).addLoadBalancer({ address: c.site.pools.vips.at('10.0.8.15'), ports: [] }),
    layer: 'references', path: 'web', field: 'addLoadBalancer.ports',
  },
  {
    name: 'load balancer in the props with no ports',
    build: (c) => labApp('web', { loadBalancer: { address: c.site.pools.vips.at('10.0.8.15'), ports: [] } })(c),
    layer: 'references', path: 'web', field: 'loadBalancer.ports',
  },
  // Probes.
  {
    name: 'App TCP probe on a port declared only for UDP',
    build: labApp('web', { ports: udpPorts, probes: { startup: { tcp: true, port: 53 } } }),
    layer: 'props', path: 'web', field: 'probes.startup.port',
  },
  {
    name: 'hand-written HTTP probe on a named port declared only for UDP',
    build: (c) => raw(c, 'w', podWithContainer({ ports: [{ name: 'dns', containerPort: 53, protocol: 'UDP' }], readinessProbe: { httpGet: { path: '/', port: 'dns' } } })),
    layer: 'schema', path: 'w', field: `${CONTAINER}.readinessProbe.httpGet.port`,
  },
  {
    name: 'sidecar TCP probe on a sidecar without ports',
    build: (c) => labApp('web')(c).addSidecar({ name: 'side', image: 'busybox:1.36', probes: { readiness: { tcp: true } } }),
    layer: 'references', path: 'web', field: 'containers.side.probes.readiness',
  },
  {
    name: 'App HTTP probe on an app without ports',
    build: labApp('web', { ports: undefined, probes: { liveness: { httpPath: '/health' } } }),
    layer: 'references', path: 'web', field: 'probes.liveness',
  },
  {
    name: 'App probe with a period of 0',
    build: labApp('web', { probes: { readiness: { tcp: true, periodSeconds: 0 } } }),
    layer: 'props', path: 'web', field: 'probes.readiness.periodSeconds',
  },
  {
    name: 'App probe that fails after 0 failures',
    build: labApp('web', { probes: { liveness: { tcp: true, failureThreshold: 0 } } }),
    layer: 'props', path: 'web', field: 'probes.liveness.failureThreshold',
  },
  {
    name: 'App probe with a timeout of 0',
    build: labApp('web', { probes: { startup: { tcp: true, timeoutSeconds: 0 } } }),
    layer: 'props', path: 'web', field: 'probes.startup.timeoutSeconds',
  },
  {
    name: 'hand-written probe that passes after 0 successes',
    build: (c) => raw(c, 'w', podWithContainer({ readinessProbe: { tcpSocket: { port: 8080 }, successThreshold: 0 } })),
    layer: 'schema', path: 'w', field: `${CONTAINER}.readinessProbe.successThreshold`,
  },
  // Security.
  {
    name: 'runAsUser beside the runAsRoot exemption',
    build: guarded(labApp('web', { runAsUser: 1000, exemptions: { runAsRoot: 'the image starts as root' } })),
    layer: 'props', path: 'web', field: 'runAsUser', hint: /runAsRoot/,
  },
  {
    name: 'sidecar runAsGroup beside its runAsRoot exemption',
    build: guarded((c) => labApp('web')(c).addSidecar({ name: 'side', image: 'busybox:1.36', runAsGroup: 1000, exemptions: { runAsRoot: 'the image starts as root' } })),
    layer: 'props', path: 'web', field: 'addSidecar.runAsGroup',
  },
];
