import { App as CdkApp } from 'cdk8s';
import { App, AppController, ClusterChart, flux, gatewayApi, host, IngressTls, ingressNginx, Knative, metalLb, site } from '../../constructs';
import type { AppProps } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, lab, labCluster } from './lab';

// Apps that serve HTTPS themselves with a certificate they sign (the Unifi Network Application on 8443):
// a route to such a port once spoke plain HTTP to it, and the user got 400 or 502 from the proxy.

const unifiProps = (props: Partial<AppProps> = {}): AppProps => ({
  image: 'jacobalberty/unifi:v8.6.9', namespace: 'unifi',
  ports: [{ name: 'https', port: 8443, appProtocol: 'https' }, { name: 'inform', port: 8080 }],
  route: { host: 'unifi' },
  exemptions: { unverifiedBackendTls: 'the controller signs its own certificate' },
  ...props,
});
const unifi = (props: Partial<AppProps> = {}) => (cluster: ClusterChart) => new App(cluster, 'unifi', unifiProps(props));

const node = host('n1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.2.0.11' });
const nginxLab = site('nginx-lab', {
  domain: 'nginx.test', hosts: [node],
  pools: { lb: { first: '10.2.0.200', last: '10.2.0.210' } },
  git: { url: 'ssh://git@git.nginx.test/lab.git' },
});
function nginxCluster(app: CdkApp): ClusterChart {
  return new ClusterChart(app, 'nginx', {
    site: nginxLab, hosts: [node],
    routes: ingressNginx({ address: nginxLab.pools.lb.at('10.2.0.200'), tls: IngressTls.none() }),
    loadBalancer: metalLb({ pools: [nginxLab.pools.lb] }),
    gitops: flux(),
  });
}

export const CASES: BadInput[] = [
  {
    name: 'a route to an HTTPS port without the unverifiedBackendTls exemption',
    build: unifi({ exemptions: {} }),
    layer: 'policy', path: 'unifi', field: 'exemptions.unverifiedBackendTls', hint: /unverifiedBackendTls/,
  },
  {
    name: 'an appProtocol that is no scheme a route speaks',
    build: guarded(unifi({ ports: [{ name: 'https', port: 8443, appProtocol: 'tls' as any }] })),
    layer: 'props', path: 'unifi', field: 'ports[0].appProtocol', hint: /https/,
  },
  {
    name: 'an unverified HTTPS backend under Gateway API, whose BackendTLSPolicy always verifies',
    gatewayCluster: true,
    build: unifi(),
    layer: 'references', path: 'unifi', field: 'ports.https.appProtocol', hint: /Traefik|ingress-nginx/,
  },
  {
    name: 'an Ingress whose rules send HTTPS to one backend and plain HTTP to another',
    build: (_c, app) => new App(nginxCluster(app), 'unifi', unifiProps({
      route: { host: 'unifi', rules: [{ path: '/inform', backends: [{ port: 8080 }] }, { path: '/' }] },
    })),
    layer: 'references', path: 'unifi', field: 'ports.https.appProtocol',
  },
  {
    name: 'a Knative Service on a port that serves HTTPS',
    build: guarded((_c, app) => {
      const cluster = labCluster(app, 'kn', { routes: gatewayApi({ gatewayClassName: 'cilium', address: lab.pools.vips.at('10.0.8.10') }) });
      new Knative(cluster, 'knative');
      new App(cluster, 'unifi', unifiProps({ controller: AppController.knative(), ports: [{ name: 'https', port: 8443, appProtocol: 'https' }], route: undefined }));
    }),
    layer: 'props', path: 'unifi', field: 'ports.https.appProtocol',
  },
];
