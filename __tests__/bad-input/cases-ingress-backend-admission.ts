import { App } from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, raw } from './lab';

// An Ingress written by hand, as an upstream guide writes it, to an App of the cluster that has no route of its
// own: the App's default-deny policy keeps the ingress controller out, and every request times out.

/** The app web (no route) and a hand-written Ingress of class `className` to its Service on `port`. */
const handWritten = (className: string, port: Record<string, unknown>) => guarded((c: ClusterChart) => {
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
];
