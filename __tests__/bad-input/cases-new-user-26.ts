import { ApiObject, App as CdkApp } from 'cdk8s';
import {
  acmeCloudflareDns01, acmeHttp01, acmeIssuer, cloudflareDns01, ClusterChart, ClusterIssuer, DnsRecord, flux, Forgejo, host, http01Ingress,
  ingressNginx, IngressTls, LETSENCRYPT_PRODUCTION, LETSENCRYPT_STAGING, localPathStorage, metalLb, SecretReference, site, traefik,
  WildcardCertificate,
} from '../../constructs';
import type { ClusterChartProps } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, lab, labApp } from './lab';

// How a home lab exposes its apps: route hosts and the certificates for them, redirects to HTTPS, the
// load balancers' addresses and names, and the DNS records of the lab.

/** A lab whose domain is a private network's (`home.lan`, as a router hands it out). */
const lanA = host('nu26-lan-a', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.26.1' });
const lanSite = site('nu26-lan', {
  domain: 'home.lan', hosts: [lanA], pools: { vips: { first: '192.168.26.200', last: '192.168.26.210' } },
  git: { url: 'https://git.home.lan/lab.git' },
});

/** A lab under `home.arpa`, the name RFC 8375 gives home networks. */
const arpaA = host('nu26-arpa-a', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.27.1' });
const arpaSite = site('nu26-arpa', {
  domain: 'home.arpa', hosts: [arpaA], pools: { vips: { first: '192.168.27.200', last: '192.168.27.210' } },
  git: { url: 'https://git.home.arpa/lab.git' },
});

/** A lab whose domain is in public DNS. */
const pubA = host('nu26-pub-a', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.28.1', publicAddress: '203.0.113.26' });
const pubSite = site('nu26-pub', {
  domain: 'nu26.example.net', hosts: [pubA], pools: { vips: { first: '192.168.28.200', last: '192.168.28.210' } },
  git: { url: 'https://git.nu26.example.net/lab.git' },
});

/** Split-horizon DNS whose public names point at the public lab's host, written to Cloudflare. */
const splitHorizon = () => ({ dns: { publicTarget: pubA, cloudflare: { apiToken: SecretReference.external('external-dns', 'cloudflare', 'api-token') } } });

/** A LoadBalancer Service `mqtt-public` written by hand for the app `mqtt` of namespace `iot`, asking external-dns for `names`. */
const annotatedService = (c: ClusterChart, names: string) => {
  labApp('mqtt', { namespace: 'iot', image: 'ghcr.io/acme/mqtt:1.0.0', ports: [{ name: 'mqtt', port: 1883 }] })(c);
  new ApiObject(c, 'svc', {
    apiVersion: 'v1', kind: 'Service',
    metadata: { name: 'mqtt-public', namespace: 'iot', annotations: { 'external-dns.alpha.kubernetes.io/hostname': names } },
    spec: { type: 'LoadBalancer', selector: { 'app.kubernetes.io/name': 'mqtt' }, ports: [{ name: 'mqtt', port: 1883, targetPort: 1883 }] },
  });
};
const DNS_ANNOTATION = 'metadata.annotations.external-dns.alpha.kubernetes.io/hostname';

const CLOUDFLARE_TOKEN = SecretReference.external('cert-manager', 'cloudflare', 'api-token');

/** Builds `build` into the cluster `id` of `labSite` (its one host, local-path storage, MetalLB on `vips`); `props` change it. */
const inLab = (labSite: typeof lanSite, id: string, build: (c: ClusterChart) => void, props: (s: typeof lanSite) => Partial<ClusterChartProps> = () => ({})) =>
  guarded((_main: ClusterChart, app: CdkApp) => {
    const c = new ClusterChart(app, id, {
      site: labSite, hosts: [...labSite.hosts], routes: traefik(), loadBalancer: metalLb({ pools: [labSite.pools.vips] }),
      storage: { fast: localPathStorage() }, gitops: flux(), ...props(labSite),
    });
    build(c);
  });

/** A ClusterIssuer `letsencrypt` of Let's Encrypt (`server`) with `solver`. */
const letsEncrypt = (c: ClusterChart, solver: ReturnType<typeof http01Ingress>, server = LETSENCRYPT_PRODUCTION) =>
  new ClusterIssuer(c, 'le', { name: 'letsencrypt', issuer: acmeIssuer({ server, email: 'owner@gmail.com', solvers: [solver] }) });

const nginxPerRoute = (s: typeof lanSite) => ({ routes: ingressNginx({ address: s.pools.vips.at(s.pools.vips.first), tls: IngressTls.perRoute('letsencrypt') }) });

const PRIVATE_NAME = /no public DNS holds/;
const SELF_REDIRECT = /the address its requests asked for/;

export const CASES: BadInput[] = [
  // A public certificate authority certifies names of public DNS alone: a private network's domain gets nothing.
  {
    name: "Traefik's HTTP-01 resolver of Let's Encrypt for the routes of a lab whose domain is home.lan",
    build: inLab(lanSite, 'lan', (c) => labApp('whoami', { route: { host: 'whoami' } })(c),
      (s) => ({ routes: traefik({ address: s.pools.vips.at('192.168.26.200'), certResolver: 'le', acme: { le: acmeHttp01({ email: 'owner@gmail.com' }) } }) })),
    layer: 'references', path: 'lan', field: 'routes.certResolver', message: /whoami\.home\.lan, a name under \.lan/, hint: /caServer/,
  },
  {
    name: "Traefik's Cloudflare DNS-01 resolver asked for a route host of the router's domain (nas.home.lan) on a public lab",
    build: inLab(pubSite, 'pub', (c) => {
      labApp('site', { route: { host: 'www' } })(c);
      labApp('nas-ui', { route: { host: 'nas.home.lan' } })(c);
    }, (s) => ({ routes: traefik({ address: s.pools.vips.at('192.168.28.200'), certResolver: 'le', acme: { le: acmeCloudflareDns01({ apiToken: SecretReference.external('traefik', 'cloudflare', 'api-token') }) } }) })),
    layer: 'references', path: 'pub', field: 'routes.certResolver', message: /nas\.home\.lan/,
  },
  {
    name: "cert-manager's HTTP-01 issuer of Let's Encrypt for the Ingresses of a lab under home.arpa",
    build: inLab(arpaSite, 'arpa', (c) => {
      letsEncrypt(c, http01Ingress('nginx'));
      labApp('whoami', { route: { host: 'whoami' } })(c);
      labApp('grafana', { route: { host: 'grafana' } })(c);
    }, nginxPerRoute),
    layer: 'references', path: 'issuer-letsencrypt', field: 'spec.acme.server', message: /home\.arpa.*and 1 more name/, hint: /caIssuer/,
  },
  {
    name: "a wildcard certificate of Let's Encrypt's staging server by DNS-01 for home.lan",
    build: inLab(lanSite, 'lan', (c) => {
      letsEncrypt(c, cloudflareDns01({ apiToken: CLOUDFLARE_TOKEN }), LETSENCRYPT_STAGING);
      new WildcardCertificate(c, 'wildcard', { issuer: 'letsencrypt' });
      labApp('whoami', { route: { host: 'whoami' } })(c);
    }),
    layer: 'references', path: 'issuer-letsencrypt', field: 'spec.acme.server', message: /Let's Encrypt \(staging\).*\*\.home\.lan/,
  },
  {
    name: "ingress-nginx's wildcard certificate from an HTTP-01 issuer on a .lan lab: told of the private name, once",
    build: inLab(lanSite, 'lan', (c) => {
      letsEncrypt(c, http01Ingress('nginx'));
      labApp('whoami', { route: { host: 'whoami' } })(c);
    }, (s) => ({ routes: ingressNginx({ address: s.pools.vips.at('192.168.26.200'), tls: IngressTls.wildcard({ issuer: 'letsencrypt' }) }) })),
    layer: 'references', path: 'issuer-letsencrypt', field: 'spec.acme.server', message: PRIVATE_NAME,
  },

  // An Ingress' Prefix path ignores its trailing slash.
  {
    name: "two apps of one host at /api and /api/ under ingress-nginx, whose Prefix paths ignore the trailing slash",
    build: inLab(pubSite, 'pub', (c) => {
      labApp('shop-api', { namespace: 'shop', route: { host: 'shop', path: '/api' } })(c);
      labApp('shop-api-v2', { namespace: 'shop', route: { host: 'shop', path: '/api/' } })(c);
    }, (s) => ({ routes: ingressNginx({ address: s.pools.vips.at('192.168.28.200'), tls: IngressTls.none() }) })),
    layer: 'inventory', path: 'shop-api-v2', field: 'route.path', message: /routed already by pub\/shop-api/,
  },

  // "Redirect HTTP to HTTPS" written as a rule answers the HTTPS requests too.
  {
    name: 'a route rule that redirects to https under Traefik, which sends HTTP to HTTPS by itself',
    build: labApp('site', { route: { host: 'www', rules: [{ path: '/', redirect: { scheme: 'https', statusCode: 301 } }] } }),
    layer: 'references', path: 'site', field: 'route.rules[0].redirect.scheme', message: /does nothing/,
  },
  {
    name: 'a redirect to https on port 443 under ingress-nginx with per-route certificates: a redirect loop',
    build: inLab(pubSite, 'pub', (c) => {
      letsEncrypt(c, http01Ingress('nginx'));
      labApp('site', { route: { host: 'www', rules: [{ path: '/', redirect: { scheme: 'https', port: 443 } }] } })(c);
    }, nginxPerRoute),
    layer: 'references', path: 'site', field: 'route.rules[0].redirect.scheme', message: /too many redirects/, hint: /sends plain HTTP requests to HTTPS by itself/,
  },
  {
    name: 'an HTTPS redirect of the Gateway API route added with addRoute',
    gatewayCluster: true,
    build: (c) => labApp('site', {})(c).addRoute({ host: 'www', rules: [{ path: '/old', redirect: { scheme: 'https' } }] }),
    layer: 'references', path: 'site', field: 'addRoute(www).rules[0].redirect.scheme', message: SELF_REDIRECT,
  },

  {
    name: 'a redirect that gives only its status, which sends every request to the address it asked for',
    build: labApp('old-blog', { route: { host: 'blog', rules: [{ path: '/', redirect: { statusCode: 301 } }] } }),
    layer: 'references', path: 'old-blog', field: 'route.rules[0].redirect', hint: /hostname: 'new\.example\.com'/,
  },
  {
    name: "a Gateway API redirect to the route's own host name",
    gatewayCluster: true,
    build: labApp('www', { route: { host: 'www', rules: [{ path: '/', redirect: { hostname: 'www.lab.test', statusCode: 301 } }] } }),
    layer: 'references', path: 'www', field: 'route.rules[0].redirect.hostname', message: /too many redirects/,
  },
  {
    name: 'a redirect to plain http on an ingress-nginx route with TLS, which sends it back to HTTPS',
    build: inLab(pubSite, 'pub', (c) => {
      letsEncrypt(c, http01Ingress('nginx'));
      labApp('legacy', { route: { host: 'legacy', rules: [{ path: '/', redirect: { scheme: 'http' } }] } })(c);
    }, nginxPerRoute),
    layer: 'references', path: 'legacy', field: 'route.rules[0].redirect.scheme', message: /sends plain HTTP back to HTTPS/,
  },

  {
    name: 'a redirect to https on port 80, as a plain-HTTP lab behind a proxy wrote it',
    build: inLab(pubSite, 'pub', (c) => labApp('site', { route: { host: 'www', rules: [{ path: '/', redirect: { scheme: 'https', port: 80 } }] } })(c),
      (s) => ({ routes: ingressNginx({ address: s.pools.vips.at('192.168.28.200'), tls: IngressTls.none() }) })),
    layer: 'props', path: 'site', field: 'route.rules[0].redirect.port', hint: /https takes 443/,
  },
  {
    name: 'a redirect to plain http on port 443',
    build: guarded(labApp('legacy', { route: { host: 'legacy', rules: [{ path: '/', redirect: { hostname: 'old.lab.test', scheme: 'http', port: 443 } }] } })),
    layer: 'props', path: 'legacy', field: 'route.rules[0].redirect.port', message: /plain HTTP to a server that expects TLS/,
  },

  // The Gateway serves one certificate to every route.
  {
    name: "a route two labels under the domain, served the Gateway's wildcard certificate",
    gatewayCluster: true,
    build: (c) => {
      new ClusterIssuer(c, 'le', { name: 'letsencrypt', issuer: acmeIssuer({ server: LETSENCRYPT_PRODUCTION, email: 'owner@gmail.com', solvers: [cloudflareDns01({ apiToken: CLOUDFLARE_TOKEN })] }) });
      new WildcardCertificate(c, 'gateway-certificate', { issuer: 'letsencrypt', namespace: 'gateway', secretName: 'main-gateway-tls', replicate: false });
      labApp('www', { route: { host: 'www' } })(c);
      labApp('grafana', { route: { host: 'grafana.monitoring.lab.test' } })(c);
    },
    layer: 'references', path: 'gateway-certificate', field: 'issuer', message: /grafana\.monitoring\.lab\.test, a host more than one label under lab\.test/, hint: /perHostNames: true/,
  },

  // A load balancer of addresses names nothing.
  {
    name: "a MetalLB load balancer's hostname, meant as its DNS name",
    build: labApp('mqtt', { image: 'ghcr.io/acme/mqtt:1.0.0', ports: [{ name: 'mqtt', port: 1883 }], loadBalancer: { address: lab.pools.vips.at('10.0.8.15'), hostname: 'mqtt.lab.test' } }),
    layer: 'references', path: 'mqtt', field: 'loadBalancer.hostname', hint: /DnsRecord.*10\.0\.8\.15/,
  },
  {
    name: "Forgejo's SSH load balancer given a hostname under MetalLB",
    build: guarded((c: ClusterChart) => new Forgejo(c, 'forgejo', { route: { host: 'git' }, ssh: { loadBalancer: { address: lab.pools.vips.at('10.0.8.16'), hostname: 'git-ssh' } } })),
    layer: 'references', path: 'forgejo', field: 'ssh.loadBalancer.hostname',
  },

  // The DNS records of the lab.
  {
    name: "external-dns' hostname annotation on a hand-written LoadBalancer Service of a cluster that runs no external-dns",
    build: (c) => annotatedService(c, 'mqtt.lab.test'),
    layer: 'references', path: 'svc', field: DNS_ANNOTATION, message: /does not run/, hint: /dns: \{ publicTarget/,
  },
  {
    name: "external-dns' hostname annotation naming a host of another zone than the split horizon's",
    build: inLab(pubSite, 'pub', (c) => annotatedService(c, 'mqtt.nu26.example.net, mqtt.other.example.org'), splitHorizon),
    layer: 'references', path: 'svc', field: DNS_ANNOTATION, message: /mqtt\.other\.example\.org of its .* annotation lies outside nu26\.example\.net/,
  },
  {
    name: "a DNS record's address with an octet above 255",
    build: guarded((c: ClusterChart) => new DnsRecord(c, 'nas', { name: 'nas.lab.test', targets: ['192.168.1.500'] })),
    layer: 'props', path: 'nas', field: 'targets[0]', hint: /no IPv4 address/,
  },
  {
    name: "a DNS record's address with three numbers",
    build: guarded((c: ClusterChart) => new DnsRecord(c, 'printer', { name: 'printer.lab.test', targets: ['192.168.1'] })),
    layer: 'props', path: 'printer', field: 'targets[0]', hint: /four numbers of 0 to 255/,
  },
];
