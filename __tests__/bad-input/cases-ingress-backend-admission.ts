import type { App as CdkApp } from 'cdk8s';
import { App, gatewayApi, tailscaleLoadBalancer } from '../../constructs';
import type { ClusterChart, ClusterChartProps } from '../../constructs';
import { GATEWAY_IMPLEMENTATION } from '../support/preinstalled';
import type { BadInput } from './cases';
import { guarded, labCluster, raw } from './lab';

// An Ingress written by hand, as an upstream guide writes it, to an App of the cluster that has no route of its
// own: the App's default-deny policy keeps the ingress controller out, and every request times out.

/** The app web (no route) and a hand-written Ingress of class `className` to its Service on `port`, in `main` or a cluster `edge` of `props`. */
const handWritten = (className: string, port: Record<string, unknown>, props?: Partial<ClusterChartProps>) => guarded((main: ClusterChart, root: CdkApp) => {
  const c = props === undefined ? main : labCluster(root, 'edge', props);
  new App(c, 'web', { namespace: 'web', image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }] });
  raw(c, 'ing', {
    apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: 'web' },
    spec: { ingressClassName: className, rules: [{ host: 'web.lab.test', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port } } }] } }] },
  });
});

/** The app web (no route) and a hand-written Traefik IngressRoute to its Service on port 8080. */
const handWrittenIngressRoute = guarded((c: ClusterChart) => {
  new App(c, 'web', { namespace: 'web', image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }] });
  raw(c, 'ir', {
    apiVersion: 'traefik.io/v1alpha1', kind: 'IngressRoute', metadata: { name: 'web', namespace: 'web' },
    spec: { entryPoints: ['websecure'], routes: [{ match: 'Host(`web.lab.test`)', kind: 'Rule', services: [{ name: 'web', port: 8080 }] }], tls: {} },
  });
});

/** The app web (no route) and a hand-written HTTPRoute, attached to the cluster's Gateway, to its Service on port 8080. */
const handWrittenHttpRoute = (props: Partial<ClusterChartProps>) => guarded((_main: ClusterChart, root: CdkApp) => {
  const c = labCluster(root, 'edge', props);
  new App(c, 'web', { namespace: 'web', image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }] });
  raw(c, 'hr', {
    apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'web', namespace: 'web' },
    spec: { parentRefs: [{ name: 'main-gateway', namespace: 'gateway' }], hostnames: ['web.lab.test'], rules: [{ backendRefs: [{ name: 'web', port: 8080 }] }] },
  });
});

export const CASES: BadInput[] = [
  {
    name: "a hand-written Traefik Ingress to an app whose policy keeps the controller out",
    build: handWritten('traefik', { number: 8080 }),
    layer: 'policy', path: 'ing', field: 'spec.rules[0].http.paths[0].backend.service.port',
    message: /admits nothing from the traefik controller's pods/, hint: /route: \{ host \}.*allowFrom: \[\{ namespace: 'traefik' \}\] on web/,
  },
  {
    name: "a hand-written Traefik Ingress naming the app's Service port by name, with the controller kept out",
    build: handWritten('traefik', { name: 'http' }),
    layer: 'policy', path: 'ing', field: 'spec.rules[0].http.paths[0].backend.service.port',
  },
  {
    name: "a hand-written Traefik IngressRoute to an app whose policy keeps the controller out",
    build: handWrittenIngressRoute,
    layer: 'policy', path: 'ir', field: 'spec.routes[0].services[0].port', message: /the IngressRoute sends to Service web\.web:8080/,
  },
  {
    name: "a hand-written Ingress of the Tailscale operator's class to an app whose policy keeps its proxies out",
    build: handWritten('tailscale', { number: 8080 }, { loadBalancer: tailscaleLoadBalancer() }),
    layer: 'policy', path: 'ing', field: 'spec.rules[0].http.paths[0].backend.service.port',
    message: /admits nothing from the Tailscale operator's proxy pods \(namespace tailscale\)/, hint: /^let the proxy in: allowFrom: \[\{ namespace: 'tailscale' \}\] on web/,
  },
  {
    name: "a hand-written HTTPRoute on the cluster's Envoy Gateway to an app whose policy keeps the proxies out",
    build: handWrittenHttpRoute({ routes: gatewayApi({ gatewayClassName: 'envoy-gateway' }) }),
    layer: 'policy', path: 'hr', field: 'spec.rules[0].backendRefs[0].port',
    message: /admits nothing from the proxies of Gateway gateway\/main-gateway \(namespace envoy-gateway-system\)/, hint: /route: \{ host \}.*allowFrom: \[\{ namespace: 'envoy-gateway-system' \}\]/,
  },
  {
    name: "a hand-written HTTPRoute on the cluster's Cilium Gateway to an app whose CiliumNetworkPolicy keeps Cilium's ingress identity out",
    build: handWrittenHttpRoute({ routes: gatewayApi({ gatewayClassName: 'cilium' }), networkPolicy: 'cilium', preinstalled: [GATEWAY_IMPLEMENTATION] }),
    layer: 'policy', path: 'hr', field: 'spec.rules[0].backendRefs[0].port',
    message: /\(Cilium's identity ingress\)/, hint: /route: \{ host \}.*fromEntities: \[ingress\]/,
  },
];
