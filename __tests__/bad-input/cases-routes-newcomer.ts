import type { App as CdkApp } from 'cdk8s';
import { caIssuer, ClusterIssuer, IngressTls, ingressNginx, SecretReference } from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { goodDeployment, gpu1, guarded, labApp, labCluster, raw, serviceManifest } from './lab';

// Routes, certificates and DNS records written by hand from upstream guides, without reading the README:
// each was written out as it stood, and the controller refused it or ignored it without a word.

/** The good Deployment `web` and its Service `web` (port 80, `http`), then `build`. */
const withWeb = (build: (c: ClusterChart) => void) => (c: ClusterChart) => {
  raw(c, 'workload', goodDeployment());
  raw(c, 'svc', serviceManifest('web'));
  build(c);
};
/** A LoadBalancer Service `lb` of namespace `web` whose external-dns target annotation is `target`. */
const targeted = (name: string, target: string, hint: RegExp): BadInput => ({
  name,
  build: withWeb((c) => raw(c, 'x', serviceManifest('lb', { type: 'LoadBalancer' }, { annotations: { 'external-dns.alpha.kubernetes.io/target': target } }))),
  layer: 'references', path: 'x', field: 'metadata.annotations.external-dns.alpha.kubernetes.io/target', hint,
});

const DNS_TARGET_CASES: BadInput[] = [
  // external-dns targets written as a URL or with a port.
  targeted('an external-dns target written as a URL', 'https://10.0.8.12/', /target: '10\.0\.8\.12'/),
  targeted('an external-dns target with a port', 'router.lab.test:443', /target: 'router\.lab\.test'/),
];

/** As `withWeb`, with cert-manager brought by the CA ClusterIssuer `lab-ca`. */
const withIssuer = (build: (c: ClusterChart) => void) => withWeb((c) => {
  new ClusterIssuer(c, 'issuer', { name: 'lab-ca', issuer: caIssuer({ keyPair: SecretReference.external('cert-manager', 'lab-root-ca', 'tls.key') }) });
  build(c);
});
/** A Certificate `web` of namespace `namespace` for `dnsNames` from the ClusterIssuer `issuer`, into Secret `web-tls`. */
const certificate = (dnsNames: string[], issuer = 'lab-ca', namespace = 'web') => ({
  apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'web', namespace },
  spec: { secretName: 'web-tls', dnsNames, issuerRef: { name: issuer, kind: 'ClusterIssuer' } },
});
const certificateFor = (name: string, dnsName: string, hint: RegExp): BadInput => ({
  name, build: withIssuer((c) => raw(c, 'x', certificate([dnsName]))), layer: 'schema', path: 'x', field: 'spec.dnsNames[0]', hint,
});
/** A ClusterIssuer `letsencrypt` of Let's Encrypt with `solvers`. */
const acmeClusterIssuer = (solvers: unknown[]) => ({
  apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', metadata: { name: 'letsencrypt' },
  spec: { acme: { server: 'https://acme-v02.api.letsencrypt.org/directory', email: 'ops@example.org', privateKeySecretRef: { name: 'letsencrypt-account' }, solvers } },
});
const issuerWith = (name: string, solvers: unknown[], field: string, hint?: RegExp): BadInput => ({
  name, build: withIssuer((c) => raw(c, 'x', acmeClusterIssuer(solvers))), layer: 'schema', path: 'x', field, hint,
});

const CERT_MANAGER_WEBHOOK_CASES: BadInput[] = [
  // Certificate names copied from the address bar.
  certificateFor('a Certificate DNS name written as a URL', 'https://web.lab.test/', /'web\.lab\.test'/),
  certificateFor('a Certificate DNS name with a port', 'web.lab.test:443', /'web\.lab\.test'/),
  // ACME issuers written from a guide for another zone or provider.
  issuerWith('a Cloudflare DNS-01 solver without its token Secret', [{ dns01: { cloudflare: { email: 'ops@example.org' } } }], 'spec.acme.solvers[0].dns01.cloudflare', /apiTokenSecretRef/),
  issuerWith('a Cloudflare DNS-01 token Secret named without its key', [{ dns01: { cloudflare: { apiTokenSecretRef: { name: 'cloudflare-api-token' } } } }],
    'spec.acme.solvers[0].dns01.cloudflare.apiTokenSecretRef.key', /key: 'api-token'/),
];

const SOLVER_SELECTION_CASES: BadInput[] = [
  {
    name: 'a Certificate no solver of its ACME issuer selects (a selector of the guide\'s zone)',
    build: withIssuer((c) => {
      raw(c, 'iss', acmeClusterIssuer([{ selector: { dnsZones: ['example.com'] }, dns01: { cloudflare: { apiTokenSecretRef: { name: 'cloudflare-api-token', key: 'api-token' } } } }]));
      raw(c, 'x', certificate(['web.example.org'], 'letsencrypt'));
    }),
    layer: 'references', path: 'x', field: 'spec.dnsNames', hint: /dnsZones: \['example\.org'\]/,
  },
];

/** A Traefik IngressRoute `web` of namespace `web` to the Service `web`, matching `match`; `spec` adds to its spec. */
const ingressRoute = (match: string, spec: Record<string, unknown> = {}) => ({
  apiVersion: 'traefik.io/v1alpha1', kind: 'IngressRoute', metadata: { name: 'web', namespace: 'web' },
  spec: { entryPoints: ['websecure'], routes: [{ kind: 'Rule', match, services: [{ name: 'web', port: 80 }] }], tls: {}, ...spec },
});

const ROUTE_TLS_CASES: BadInput[] = [
  // The certificate of a route in another namespace, or in none.
  {
    name: 'an IngressRoute TLS Secret made in another namespace',
    build: withIssuer((c) => {
      c.namespaces.ensure('certs');
      raw(c, 'cert', certificate(['web.lab.test'], 'lab-ca', 'certs'));
      raw(c, 'x', ingressRoute('Host(`web.lab.test`)', { tls: { secretName: 'web-tls' } }));
    }),
    layer: 'references', path: 'x', field: 'spec.tls.secretName', hint: /made in namespace "certs"/,
  },
  {
    name: 'an IngressRoute TLS Secret nothing makes',
    build: withWeb((c) => raw(c, 'x', ingressRoute('Host(`web.lab.test`)', { tls: { secretName: 'web-tls' } }))),
    layer: 'references', path: 'x', field: 'spec.tls.secretName',
  },
];

const routeMatching = (name: string, match: string, hint?: RegExp): BadInput => ({
  name, build: withWeb((c) => raw(c, 'x', ingressRoute(match))), layer: 'references', path: 'x', field: 'spec.routes[0].match', hint,
});
/** An Ingress `web` of class `ingressClassName` for web.lab.test whose one path is `path` of `pathType`. */
const ingress = (path: string, pathType: string, ingressClassName = 'traefik') => ({
  apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: 'web' },
  spec: { ingressClassName, rules: [{ host: 'web.lab.test', http: { paths: [{ path, pathType, backend: { service: { name: 'web', port: { number: 80 } } } }] } }] },
});
/** A second cluster `edge` of the lab whose routes are ingress-nginx's, without TLS. */
const nginxCluster = (root: CdkApp) => labCluster(root, 'edge', { hosts: [], storage: {}, routes: ingressNginx({ tls: IngressTls.none() }) });
/** An HTTPRoute `web` for web.lab.test on the lab Gateway's https listener, with `rules`. */
const httpRoute = (rules: unknown[]) => ({
  apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'web', namespace: 'web' },
  spec: { parentRefs: [{ name: 'main-gateway', namespace: 'gateway', sectionName: 'https' }], hostnames: ['web.lab.test'], rules },
});

const ROUTE_MATCHER_CASES: BadInput[] = [
  // Traefik v3 rules as v2 guides and other proxies write them.
  routeMatching('an IngressRoute Host matcher with a wildcard', 'Host(`*.lab.test`)', /HostRegexp\(`\^\[\^\.\]\+\\\.lab\\\.test\$`\)/),
  routeMatching('an IngressRoute PathPrefix without its leading slash', 'Host(`web.lab.test`) && PathPrefix(`api`)', /PathPrefix\(`\/api`\)/),
  routeMatching('an IngressRoute Path without its leading slash', 'Host(`web.lab.test`) && Path(`api/v1`)', /Path\(`\/api\/v1`\)/),
  routeMatching('an IngressRoute PathPrefix written as a regular expression', 'Host(`web.lab.test`) && PathPrefix(`/api/.*`)', /PathPrefix\(`\/api\/`\).*PathRegexp\(`\^\/api\/\.\*`\)/),
  routeMatching('an IngressRoute HostRegexp written as a wildcard', 'HostRegexp(`*.lab.test`)', /HostRegexp\(`\^\[\^\.\]\+\\\.lab\\\.test\$`\)/),
  routeMatching('an IngressRoute Host matcher given two names, as Traefik v2 took them', 'Host(`web.lab.test`, `www.lab.test`)', /Host\(`web\.lab\.test`\) \|\| Host\(`www\.lab\.test`\)/),
  // Regular expressions where an Ingress or an HTTPRoute compares a prefix as text.
  {
    name: 'an Ingress Prefix path written as a regular expression',
    build: withWeb((c) => raw(c, 'x', ingress('/api/.*', 'Prefix'))), layer: 'references', path: 'x', field: 'spec.rules[0].http.paths[0].path', hint: /path: '\/api\/'/,
  },
  {
    name: 'an Ingress Exact path with a v2 template of Traefik',
    build: withWeb((c) => raw(c, 'x', ingress('/users/{id}', 'Exact'))), layer: 'references', path: 'x', field: 'spec.rules[0].http.paths[0].path', hint: /path: '\/users\/'/,
  },
  {
    name: 'an HTTPRoute PathPrefix written as a regular expression', gatewayCluster: true,
    build: withWeb((c) => raw(c, 'x', httpRoute([{ matches: [{ path: { type: 'PathPrefix', value: '/api/.*' } }], backendRefs: [{ name: 'web', port: 80 }] }]))),
    layer: 'references', path: 'x', field: 'spec.rules[0].matches[0].path.value', hint: /value: '\/api\/'/,
  },
  // A redirect back to the address the request asked for.
  {
    name: 'an HTTPRoute redirect to its own host', gatewayCluster: true,
    build: withWeb((c) => raw(c, 'x', httpRoute([{ filters: [{ type: 'RequestRedirect', requestRedirect: { hostname: 'web.lab.test', statusCode: 301 } }] }]))),
    layer: 'references', path: 'x', field: 'spec.rules[0].filters[0].requestRedirect.hostname', message: /too many redirects/,
  },
  {
    name: 'a Traefik redirectRegex that redirects to its own host again and again',
    build: withWeb((c) => {
      raw(c, 'redirect', {
        apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware', metadata: { name: 'to-app', namespace: 'web' },
        spec: { redirectRegex: { regex: '^https://web\\.lab\\.test/(.*)', replacement: 'https://web.lab.test/app/${1}' } },
      });
      raw(c, 'x', ingressRoute('Host(`web.lab.test`)', { routes: [{ kind: 'Rule', match: 'Host(`web.lab.test`)', middlewares: [{ name: 'to-app' }], services: [{ name: 'web', port: 80 }] }] }));
    }),
    layer: 'references', path: 'x', field: 'spec.routes[0].middlewares[0]', message: /too many redirects/,
  },
  {
    name: 'an ingress-nginx permanent redirect to the Ingress\'s own host',
    build: guarded((cluster: ClusterChart) => {
      const edge = nginxCluster(cluster.node.root as CdkApp);
      raw(edge, 'workload', goodDeployment());
      raw(edge, 'svc', serviceManifest('web'));
      raw(edge, 'x', {
        ...ingress('/', 'Prefix', 'nginx'),
        metadata: { name: 'web', namespace: 'web', annotations: { 'nginx.ingress.kubernetes.io/permanent-redirect': 'https://web.lab.test/' } },
      });
    }),
    layer: 'references', path: 'edge/x', field: 'metadata.annotations["nginx.ingress.kubernetes.io/permanent-redirect"]', message: /too many redirects/,
  },
];

/** A machine of the inventory given as the route's host, where the app was meant to run on it. */
const MACHINE_AS_ROUTE_HOST: BadInput[] = [
  {
    name: "a host of the inventory as the route's host: the name to answer to, and placement for the machine",
    build: guarded(labApp('web', { route: { host: gpu1 } })),
    layer: 'props', path: 'web', field: 'route.host', hint: /^route\.host is the name the route answers to, not a machine: .*placement: \{ host: gpu1 \}$/,
  },
];

export const CASES: BadInput[] = [...MACHINE_AS_ROUTE_HOST, ...DNS_TARGET_CASES, ...CERT_MANAGER_WEBHOOK_CASES, ...SOLVER_SELECTION_CASES, ...ROUTE_TLS_CASES, ...ROUTE_MATCHER_CASES];
