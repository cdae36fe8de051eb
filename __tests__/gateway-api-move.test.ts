import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { load, loadAll } from 'js-yaml';
import {
  acmeIssuer, App, cilium, ciliumOnTalos, cloudflareDns01, ClusterChart, ClusterIssuer, flux, gatewayApi, host, LETSENCRYPT_PRODUCTION,
  localPathStorage, metalLb, SecretReference, site, talos, WildcardCertificate,
} from '../constructs';
import { shownFindings } from './support/lab-output';
import { sitesInMemory } from './support/synth';

// A lab moved from ingress-nginx to the Gateway API as its README tells: Cilium's Gateway for the apps' routes
// (path rewrites, header matches, weighted backends during a move), a Gateway of the owner's own whose per-host
// certificates cert-manager issues from its annotation, plain HTTP sent to HTTPS by a route on each Gateway's
// port-80 listener, a route to a backend of another namespace with its ReferenceGrant, TLS passed through to an app
// that terminates it itself, and an old Ingress kept until its host's DNS record moves. It synthesizes with a warning
// on that Ingress alone, and cert-manager is installed to read the Gateway.

const DOMAIN = 'home.jdoe.dev';
const ALL = { namespaces: { from: 'All' } };

/** A hand-written object of the Gateway API in `namespace`. */
const gatewayObject = (scope: Construct, id: string, kind: string, name: string, namespace: string, spec: Record<string, unknown>, apiVersion = 'gateway.networking.k8s.io/v1') =>
  new ApiObject(scope, id, { apiVersion, kind, metadata: { name, namespace }, spec });

/** A CiliumNetworkPolicy that lets Cilium's Gateway proxies reach `app`'s pods on `port`. */
const admitGateway = (scope: Construct, app: string, port: number) => new ApiObject(scope, `${app}-from-gateway`, {
  apiVersion: 'cilium.io/v2', kind: 'CiliumNetworkPolicy', metadata: { name: `${app}-from-gateway`, namespace: app },
  spec: { endpointSelector: { matchLabels: { 'app.kubernetes.io/name': app } }, ingress: [{ fromEntities: ['ingress'], toPorts: [{ ports: [{ port: String(port), protocol: 'TCP' }] }] }] },
});

function movedLab(scope: Construct): void {
  const nuc = host('nuc', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.10' });
  const home = site('home', { domain: DOMAIN, hosts: [nuc], pools: { lb: { first: '192.168.1.240', last: '192.168.1.250' } }, git: { url: 'https://github.com/jdoe/home.git' } });
  const cluster = new ClusterChart(scope, 'main', {
    site: home, hosts: [nuc], preinstalled: [talos({ bootstrapNode: nuc, allowSchedulingOnControlPlanes: true })],
    cni: cilium({ ...ciliumOnTalos(), gatewayApi: {} }), networkPolicy: 'cilium',
    loadBalancer: metalLb({ pools: [home.pools.lb] }),
    routes: gatewayApi({ gatewayClassName: 'cilium', address: home.pools.lb.at('192.168.1.240') }),
    storage: { fast: localPathStorage() }, gitops: flux(),
  });
  new ClusterIssuer(cluster, 'letsencrypt', {
    name: 'letsencrypt',
    issuer: acmeIssuer({ server: LETSENCRYPT_PRODUCTION, email: 'me@jdoe.dev', solvers: [cloudflareDns01({ apiToken: SecretReference.external('cert-manager', 'cloudflare', 'api-token') })] }),
  });
  new WildcardCertificate(cluster, 'wildcard', { issuer: 'letsencrypt', namespace: 'gateway', secretName: 'main-gateway-tls', replicate: false });

  // The apps' routes through the flavor's Gateway.
  new App(cluster, 'whoami', { image: 'traefik/whoami:v1.10.3', namespace: 'web', ports: [{ name: 'http', port: 8080 }], args: ['--port', '8080'], route: { host: 'whoami' } });
  new App(cluster, 'blog-old', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'blog', ports: [{ name: 'http', port: 8080 }] });
  new App(cluster, 'blog', {
    image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'blog', ports: [{ name: 'http', port: 8080 }],
    route: {
      host: 'blog', rules: [
        { path: '/api', rewrite: { pathPrefix: '/' } },
        { path: '/', headers: [{ name: 'X-Canary', value: 'true' }], backends: [{ service: 'blog-old', port: 8080 }] },
        { path: '/', backends: [{ weight: 90 }, { service: 'blog-old', port: 8080, weight: 10 }] },
      ],
    },
  });
  // Plain HTTP to HTTPS for one host, on the flavor's Gateway: the route on port 80 beside the app's own on 443.
  gatewayObject(cluster, 'whoami-redirect', 'HTTPRoute', 'whoami-redirect', 'web', {
    parentRefs: [{ name: 'main-gateway', namespace: 'gateway', sectionName: 'http' }], hostnames: [`whoami.${DOMAIN}`],
    rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] }],
  });

  // A Gateway of the owner's own, whose certificate cert-manager issues from its annotation.
  cluster.namespaces.ensure('edge');
  new ApiObject(cluster, 'edge', {
    apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway',
    metadata: { name: 'edge', namespace: 'edge', annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt' } },
    spec: {
      gatewayClassName: 'cilium',
      listeners: [
        { name: 'http', protocol: 'HTTP', port: 80, hostname: `photos.${DOMAIN}`, allowedRoutes: ALL },
        { name: 'https', protocol: 'HTTPS', port: 443, hostname: `photos.${DOMAIN}`, tls: { mode: 'Terminate', certificateRefs: [{ name: 'photos-tls' }] }, allowedRoutes: ALL },
      ],
    },
  });
  gatewayObject(cluster, 'photos-redirect', 'HTTPRoute', 'photos-redirect', 'edge', {
    parentRefs: [{ name: 'edge', sectionName: 'http' }], hostnames: [`photos.${DOMAIN}`],
    rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] }],
  });
  new App(cluster, 'photos', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'photos', ports: [{ name: 'http', port: 8080 }] });
  admitGateway(cluster, 'photos', 8080);
  gatewayObject(cluster, 'photos-route', 'HTTPRoute', 'photos', 'edge', {
    parentRefs: [{ name: 'edge', sectionName: 'https' }], hostnames: [`photos.${DOMAIN}`], rules: [{ backendRefs: [{ name: 'photos', namespace: 'photos', port: 8080 }] }],
  });
  gatewayObject(cluster, 'photos-grant', 'ReferenceGrant', 'from-edge', 'photos', {
    from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'edge' }], to: [{ group: '', kind: 'Service' }],
  }, 'gateway.networking.k8s.io/v1beta1');

  // An app whose old Ingress, served by the ingress-nginx installed before the move, is kept until its DNS record
  // moves to the Gateway.
  cluster.platform.declarePreinstalled({ source: 'ingress-nginx, installed by hand before the move', namespaces: ['ingress-nginx'], provides: { ingressClasses: ['nginx'] } });
  new App(cluster, 'wiki', {
    image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'wiki', ports: [{ name: 'http', port: 8080 }], allowFrom: [{ namespace: 'ingress-nginx' }], route: { host: 'wiki' },
  });
  new ApiObject(cluster, 'wiki-ingress', {
    apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'wiki-old', namespace: 'wiki', annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt' } },
    spec: {
      ingressClassName: 'nginx', tls: [{ hosts: [`wiki.${DOMAIN}`], secretName: 'wiki-tls' }],
      rules: [{ host: `wiki.${DOMAIN}`, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'wiki', port: { number: 8080 } } } }] } }],
    },
  });

  // TLS passed through to an app that terminates it itself.
  new App(cluster, 'unifi', { image: 'ghcr.io/jdoe/tls-echo:1.0.0', namespace: 'unifi', ports: [{ name: 'https', port: 8443 }] });
  admitGateway(cluster, 'unifi', 8443);
  gatewayObject(cluster, 'passthrough', 'Gateway', 'passthrough', 'edge', {
    gatewayClassName: 'cilium', listeners: [{ name: 'tls', protocol: 'TLS', port: 443, hostname: `unifi.${DOMAIN}`, tls: { mode: 'Passthrough' }, allowedRoutes: { ...ALL, kinds: [{ kind: 'TLSRoute' }] } }],
  });
  gatewayObject(cluster, 'unifi-route', 'TLSRoute', 'unifi', 'unifi', {
    parentRefs: [{ name: 'passthrough', namespace: 'edge', sectionName: 'tls' }], hostnames: [`unifi.${DOMAIN}`], rules: [{ backendRefs: [{ name: 'unifi', port: 8443 }] }],
  }, 'gateway.networking.k8s.io/v1alpha2');
}

describe('a lab moved from ingress-nginx to the Gateway API', () => {
  it('synthesizes with one warning, on the Ingress kept beside its HTTPRoute: redirects on port 80 and an annotated Gateway pass', () => {
    // The old Ingress and the app's HTTPRoute serve one host at two addresses, which its DNS record chooses between.
    expect(shownFindings(movedLab)).toEqual(['warning main/wiki-ingress spec.rules[0].host']);
  });

  it("turns on cert-manager's Gateway API support, after the Gateway API CRDs, for the annotated Gateway", () => {
    const files = sitesInMemory(movedLab).files;
    const release = load(files.get('home/main/platform/cert-manager/release.yaml')!) as { spec: { values: Record<string, unknown> } };
    expect(release.spec.values.config).toEqual({ apiVersion: 'controller.config.cert-manager.io/v1alpha1', kind: 'ControllerConfiguration', enableGatewayAPI: true });
    const sync = (loadAll(files.get('home/main/platform/cert-manager.yaml')!) as { kind: string; spec: { dependsOn?: { name: string }[] } }[]).find((o) => o.kind === 'Kustomization');
    expect(sync?.spec.dependsOn).toEqual([{ name: 'gateway-api-crds' }]);
  });
});
