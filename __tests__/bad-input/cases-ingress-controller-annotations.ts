import type { App as CdkApp } from 'cdk8s';
import { App, ingressNginx, IngressTls } from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, lab, labApp, labCluster, raw } from './lab';

// Ingresses copied from a guide written for the other controller: the controller that serves the class reads
// none of the other's annotations.

/** An Ingress of `className` for the app web, with `annotations`. */
function ingress(className: string | undefined, annotations: Record<string, string>, legacyClass?: string): Record<string, unknown> {
  return {
    apiVersion: 'networking.k8s.io/v1', kind: 'Ingress',
    metadata: { name: 'web-copied', namespace: 'web', annotations: { ...annotations, ...(legacyClass ? { 'kubernetes.io/ingress.class': legacyClass } : {}) } },
    spec: {
      ...(className ? { ingressClassName: className } : {}),
      rules: [{ host: 'copied.lab.test', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 8080 } } } }] } }],
    },
  };
}

/** The lab's main cluster (Traefik) with the app web and `manifest`. */
const onTraefik = (manifest: Record<string, unknown>) => guarded((c: ClusterChart) => {
  labApp('web', { namespace: 'web' })(c);
  raw(c, 'ing', manifest);
});

/** A cluster whose routes are ingress-nginx, with the app web and `manifest`. */
const onNginx = (manifest: Record<string, unknown>) => guarded((_c: ClusterChart, app: CdkApp) => {
  const edge = labCluster(app, 'edge', { routes: ingressNginx({ address: lab.pools.vips.at('10.0.8.11'), tls: IngressTls.none() }) });
  new App(edge, 'web', { namespace: 'web', image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }] });
  raw(edge, 'ing', manifest);
});

export const CASES: BadInput[] = [
  {
    name: "an ingress-nginx body-size annotation on an Ingress of Traefik's class",
    build: onTraefik(ingress('traefik', { 'nginx.ingress.kubernetes.io/proxy-body-size': '0' })),
    layer: 'references', path: 'ing', field: 'metadata.annotations["nginx.ingress.kubernetes.io/proxy-body-size"]',
    message: /served by Traefik, which ignores it/, hint: /maxRequestBodyBytes/,
  },
  {
    name: "an ingress-nginx allow-list on an Ingress of Traefik's class named by the old class annotation",
    build: onTraefik(ingress(undefined, { 'nginx.ingress.kubernetes.io/whitelist-source-range': '10.0.0.0/16' }, 'traefik')),
    layer: 'references', path: 'ing', field: 'metadata.annotations["nginx.ingress.kubernetes.io/whitelist-source-range"]', hint: /ipAllowList/,
  },
  {
    name: "an ingress-nginx sign-in annotation on an Ingress of Traefik's class",
    build: onTraefik(ingress('traefik', { 'nginx.ingress.kubernetes.io/auth-url': 'https://auth.lab.test/api/verify' })),
    layer: 'references', path: 'ing', field: 'metadata.annotations["nginx.ingress.kubernetes.io/auth-url"]', hint: /forwardAuth/,
  },
  {
    name: 'a Traefik middleware annotation on an Ingress of the ingress-nginx class',
    build: onNginx(ingress('nginx', { 'traefik.ingress.kubernetes.io/router.middlewares': 'web-auth@kubernetescrd' })),
    layer: 'references', path: 'ing', field: 'metadata.annotations["traefik.ingress.kubernetes.io/router.middlewares"]',
    message: /served by ingress-nginx, which ignores it/, hint: /nginx\.ingress\.kubernetes\.io\//,
  },
];
