import { cilium, ciliumOnTalos, ClusterChart, gatewayApi, openTelemetryNodeCollector, SecretReference, ServiceRoute, talos } from '../../constructs';
import type { OidcLogin, ServiceRouteProps } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labCluster } from './lab';

// Who reaches the cluster's admin UIs and the kubelets: Hubble UI only behind a login (or an exemption that
// says why not), and the kubelets' certificates verified (or an exemption that says why not).

const HUBBLE = { host: 'hubble', namespace: 'kube-system', serviceName: 'hubble-ui', port: 80 } as const;
const LOGIN: OidcLogin = {
  issuerUrl: 'https://auth.lab.test/realms/lab', clientId: 'hubble',
  clientSecret: SecretReference.external('web', 'hubble-login', 'client-secret'), cookieSecret: SecretReference.external('web', 'hubble-login', 'cookie-secret'),
  allowedGroups: ['/admins'], namespace: 'web', backendPods: { podLabels: { 'k8s-app': 'hubble-ui' }, port: 8081 },
};
const route = (props: Partial<ServiceRouteProps>) => guarded((cluster: ClusterChart) => {
  new ServiceRoute(cluster, 'hubble', { ...HUBBLE, ...props } as ServiceRouteProps);
});
const OTLP = { export: { endpoint: 'otel.lab.test:4317' } };

export const CASES: BadInput[] = [
  {
    name: 'Hubble UI routed without a login or a reason for none',
    build: route({}), layer: 'props', path: 'hubble', field: 'login', hint: /login: \{ issuerUrl/,
  },
  {
    name: "Hubble UI's login that lets no group through, and so every user of the issuer",
    build: route({ login: { ...LOGIN, allowedGroups: [] } }), layer: 'props', path: 'hubble', field: 'login.allowedGroups',
  },
  {
    name: "Hubble UI's login at an issuer URL that is not https",
    build: route({ login: { ...LOGIN, issuerUrl: 'http://auth.lab.test/realms/lab' } }), layer: 'props', path: 'hubble', field: 'login.issuerUrl',
  },
  {
    name: 'Hubble UI routed without a login, the exemption empty',
    build: route({ exemptions: { noLogin: ' ' } }), layer: 'props', path: 'hubble', field: 'exemptions.noLogin',
  },
  {
    name: 'Hubble UI routed with a login and the exemption that says it has none',
    build: route({ login: LOGIN, exemptions: { noLogin: 'VPN only' } }), layer: 'props', path: 'hubble', field: 'exemptions.noLogin',
  },
  {
    name: "the node collector's unverified kubelet TLS without its reason",
    build: guarded((cluster: ClusterChart) => cluster.platform.require(openTelemetryNodeCollector({ ...OTLP, exemptions: { unverifiedKubeletTls: '' } }))),
    layer: 'props', path: 'platform', field: 'components.otel-node-collector.exemptions.unverifiedKubeletTls',
  },
  {
    name: "Talos kubelets keeping their own certificates while the node collector verifies them",
    build: guarded((_c, root) => {
      const edge = labCluster(root, 'edge', {
        storage: {}, routes: gatewayApi({ gatewayClassName: 'cilium' }), loadBalancer: undefined, cni: cilium({ ...ciliumOnTalos(), gatewayApi: {} }),
        preinstalled: [talos({ allowSchedulingOnControlPlanes: true, kubeletServingCertificates: false })],
      });
      edge.platform.require(openTelemetryNodeCollector(OTLP));
    }),
    layer: 'props', path: 'edge', field: 'preinstalled[0].kubeletServingCertificates', hint: /unverifiedKubeletTls/,
  },
];
