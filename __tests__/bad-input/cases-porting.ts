import * as homelab from '../../constructs';
import type { BadInput } from './cases';
import { CONTAINER, guarded, labApp, labCluster, podWithContainer, raw } from './lab';

// What a lab ported from docker-compose, Helm values or another tool's habits brings along: platform
// choices called with nothing, shorthands Kubernetes spells out, a resolver where a map of them belongs,
// channel tags taken for versions.
const cluster = (name: string, props: Record<string, unknown>, field: string, hint?: RegExp): BadInput =>
  ({ name, build: guarded((_c, root) => labCluster(root, 'edge', { hosts: [], storage: {}, ...props } as any)), layer: 'props', path: 'edge', field, hint });
const none = undefined as any;
const issuer = (name: string, source: unknown, field: string): BadInput =>
  ({ name, build: guarded((c) => new homelab.ClusterIssuer(c, 'issuer', { name: 'letsencrypt', issuer: source as any })), layer: 'props', path: 'issuer', field });

export const CASES: BadInput[] = [
  cluster('metalLb() called with nothing', { loadBalancer: homelab.metalLb(none) }, 'loadBalancer.pools'),
  cluster('ciliumLoadBalancer() called with nothing', { loadBalancer: homelab.ciliumLoadBalancer(none) }, 'loadBalancer.pools'),
  cluster('gatewayApi() called with nothing', { routes: homelab.gatewayApi(none) }, 'routes.gatewayClassName', /gatewayClassName: 'cilium'/),
  cluster('ingressNginx() called with nothing', { routes: homelab.ingressNginx(none) }, 'routes.tls'),
  cluster('gitLabCi() called with nothing', { gitops: homelab.gitLabCi(none) }, 'gitops.agent'),
  cluster('a Traefik ACME resolver given where the map of resolvers belongs', { routes: homelab.traefik({ acme: homelab.acmeHttp01() as any }) }, 'routes.acme', /acme: \{ letsencrypt: acmeHttp01\(\) \}/),
  cluster('a Traefik DNS-01 resolver without its token', { routes: homelab.traefik({ acme: { letsencrypt: homelab.acmeCloudflareDns01(none) } }) }, 'routes.acme.letsencrypt'),
  cluster('an existing StorageClass without a name', { storage: { fast: homelab.existingStorageClass(none) } }, 'storage.fast.storageClassName'),
  cluster('an existing StorageClass with an access mode in shorthand', { storage: { shared: homelab.existingStorageClass('nfs', ['RWX' as any]) } }, 'storage.shared.accessModes[0]', /ReadWriteMany/),
  issuer('acmeIssuer() called with nothing', homelab.acmeIssuer(none), 'issuer.server'),
  issuer('caIssuer() called with nothing', homelab.caIssuer(none), 'issuer.keyPair'),
  issuer('a Cloudflare solver without its token', homelab.acmeIssuer({ server: homelab.LETSENCRYPT_STAGING, email: 'ops@lab.test', solvers: [homelab.cloudflareDns01(none)] }), 'issuer.solvers[0].apiToken'),
  {
    name: 'an existing claim with its access mode in shorthand',
    build: guarded((cluster) => labApp('web', { persistence: { data: { volume: homelab.AppVolume.existingClaim('data', 'RWO' as any), mountPath: '/data' } } })(cluster)),
    layer: 'props', path: 'web', field: 'persistence.data.volume', hint: /ReadWriteOnce/,
  },
  { name: 'an image on the stable channel tag', build: guarded(labApp('web', { image: 'ghcr.io/home-assistant/home-assistant:stable' })), layer: 'props', path: 'web', field: 'image' },
  { name: 'an image on the nightly tag', build: guarded(labApp('web', { image: 'jellyfin/jellyfin:nightly' })), layer: 'props', path: 'web', field: 'image' },
];

const podWith = (container: Record<string, unknown>): BadInput['build'] => (cluster) => {
  raw(cluster, 'w', podWithContainer(container));
};
const resources = (memory: string) => ({ resources: { requests: { cpu: '100m', memory }, limits: { memory } } });

CASES.push(
  { name: "a device in docker's host:container form", build: guarded(labApp('z', { devices: [homelab.AppDevice.hostDevice('/dev/ttyUSB0:/dev/ttyUSB0')], exemptions: { hostPath: 'Zigbee stick' } })), layer: 'props', path: 'z', field: 'devices[0].path', hint: /hostDevice\('\/dev\/ttyUSB0'\)/ },
  { name: 'a device path outside /dev', build: guarded(labApp('z', { devices: [homelab.AppDevice.hostDevice('ttyUSB0')], exemptions: { hostPath: 'Zigbee stick' } })), layer: 'props', path: 'z', field: 'devices[0].path' },
  { name: "a probe in docker's CMD-SHELL form", build: labApp('web', { probes: { readiness: { command: ['CMD-SHELL', 'curl -f http://localhost:8080/ || exit 1'] } } }), layer: 'props', path: 'web', field: 'probes.readiness.command', hint: /\["sh", "-c", "curl/ },
  { name: "a probe in docker's CMD form", build: podWith({ readinessProbe: { exec: { command: ['CMD', 'pg_isready'] } } }), layer: 'schema', path: 'w', field: `${CONTAINER}.readinessProbe.exec.command`, hint: /\["pg_isready"\]/ },
  { name: "memory written as docker's 512m", build: podWith(resources('512m')), layer: 'policy', path: 'w', field: `${CONTAINER}.resources.requests.memory`, hint: /512Mi/ },
  { name: 'memory written as a bare number of bytes', build: podWith(resources('512')), layer: 'policy', path: 'w', field: `${CONTAINER}.resources.requests.memory` },
);
