import { ApiObject, App as CdkApp } from 'cdk8s';
import { acmeIssuer, AppVolume, cloudflareDns01, ClusterChart, ClusterIssuer, DnsRecord, LETSENCRYPT_PRODUCTION, flux, HomelabApp, host, localPathStorage, metalLb, SecretReference, site, traefik } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// A new user's month, from the README alone, on two mini PCs behind a home router with one public address,
// self-hosting a family's communications: Matrix with a TURN relay, Jitsi Meet, a mail server, Nextcloud with
// Collabora, Vaultwarden and ntfy. Most of their mistakes were refused already (earlier rounds); these passed: each
// was taken by the API server and left calls without a relay, mail answered in HTTP or judged by the node's
// address, public DNS pointing into the home's LAN, documents that never opened, or a synth of minutes.

export const pc1 = host('nu48-pc1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.48.11', publicAddress: '198.51.100.48', memoryGigabytes: 32 });
const pc2 = host('nu48-pc2', { arch: 'amd64', roles: ['worker'], address: '192.168.48.12', memoryGigabytes: 32 });
/** The family's site: the router forwards its public address to pc1, and the NAS exports NFS. */
export const lab48 = site('nu48-family', {
  domain: 'family.example', hosts: [pc1, pc2], pools: { vips: { first: '192.168.48.200', last: '192.168.48.210' } },
  nfs: { share: { server: '192.168.48.5', path: '/export/k8s' } }, git: { url: 'https://git.family.example/lab.git' },
});

/** Builds `build` into the family's cluster `home`, which runs the public target of its split horizon (Cloudflare). */
export const home = (build: (c: ClusterChart) => void) => guarded((_main: ClusterChart, app: CdkApp) => {
  const c = new ClusterChart(app, 'home', {
    site: lab48, hosts: [pc1, pc2], routes: traefik({ address: lab48.pools.vips.at('192.168.48.200') }),
    loadBalancer: metalLb({ pools: [lab48.pools.vips] }), storage: { local: localPathStorage() }, gitops: flux(),
    dns: { publicTarget: pc1, cloudflare: { apiToken: SecretReference.external('external-dns', 'cloudflare', 'token') } },
  });
  build(c);
});

/** The lab's Let's Encrypt ClusterIssuer `letsencrypt`, answering DNS-01 at Cloudflare. */
const letsEncrypt = (c: ClusterChart) => new ClusterIssuer(c, 'letsencrypt', {
  name: 'letsencrypt',
  issuer: acmeIssuer({ server: LETSENCRYPT_PRODUCTION, email: 'admin@family.example', solvers: [cloudflareDns01({ apiToken: SecretReference.external('cert-manager', 'cloudflare', 'token') })] }),
});

/** The address the router forwards mail and calls to, from the pool MetalLB announces. */
export const mailAddress = () => lab48.pools.vips.at('192.168.48.202');

/** coturn in namespace `turn` with `props`, given the capability its binary carries. */
const coturn = (props: Record<string, unknown>) => home((c) => {
  // turnserver carries NET_BIND_SERVICE as a file capability, which each case gives it.
  const exemptions = { addCapabilities: { capabilities: ['NET_BIND_SERVICE'], reason: 'turnserver carries it as a file capability' }, ...props.exemptions as object };
  new HomelabApp(c, 'coturn', { namespace: 'turn', image: 'coturn/coturn:4.6.3', ...props, exemptions } as never);
});

/** Stalwart in namespace `mail`, rootless, with its SMTP on 2525 served at 25 and its web admin on 8080; `props` override. */
const stalwart = (props: Record<string, unknown>) => (c: ClusterChart) => new HomelabApp(c, 'mail', {
  namespace: 'mail', image: 'stalwartlabs/stalwart:v0.11.8',
  ports: [{ name: 'smtp', port: 2525, servicePort: 25 }, { name: 'submission', port: 5587, servicePort: 587 }, { name: 'http', port: 8080 }],
  ...props,
} as never);

/** A hand-written route object `id` in namespace `mail` beside Stalwart. */
const besideStalwart = (id: string, manifest: Record<string, unknown>) => home((c) => {
  stalwart({})(c);
  new ApiObject(c, id, manifest as never);
});

/** Stalwart with a LoadBalancer Service `mx-service` of its SMTP port that asks external-dns for mx.family.example; `annotations` add to it. */
const mxService = (annotations: Record<string, string>) => home((c) => {
  stalwart({})(c);
  new ApiObject(c, 'mx-service', {
    apiVersion: 'v1', kind: 'Service',
    metadata: { name: 'mx', namespace: 'mail', annotations: { 'external-dns.alpha.kubernetes.io/hostname': 'mx.family.example', ...annotations } },
    spec: { type: 'LoadBalancer', externalTrafficPolicy: 'Local', selector: { 'app.kubernetes.io/name': 'mail' }, ports: [{ name: 'smtp', port: 25, targetPort: 2525 }] },
  });
});

/** Nextcloud at cloud.family.example, with the folders its image writes, and Collabora beside it with `env`. */
export const office = (env: Record<string, string>) => (c: ClusterChart) => {
  new HomelabApp(c, 'nextcloud', {
    namespace: 'cloud', image: 'nextcloud:30.0.4-apache', route: { host: 'cloud' }, ports: [{ name: 'http', port: 80 }],
    env: { NEXTCLOUD_TRUSTED_DOMAINS: 'cloud.family.example' },
    exemptions: { runAsRoot: 'its entrypoint installs as root', addCapabilities: { capabilities: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID', 'KILL'], reason: 'its entrypoint switches to www-data' } },
    persistence: {
      apache2: { volume: AppVolume.emptyDir(), mountPath: '/var/run/apache2' },
      html: { volume: AppVolume.claim({ tier: 'local', size: '20Gi' }), mountPath: '/var/www/html' },
    },
  } as never);
  new HomelabApp(c, 'collabora', {
    namespace: 'cloud', image: 'collabora/code:24.04.12.1.1', route: { host: 'office' }, ports: [{ name: 'http', port: 9980 }],
    env: { extra_params: '--o:ssl.enable=false --o:ssl.termination=true', ...env },
  } as never);
};

export const CASES: BadInput[] = [
  // The TURN relay: its port range, and its listening port over the protocol WebRTC asks first.
  {
    name: "coturn's listening port 3478 declared without protocol, so for TCP alone",
    build: coturn({ ports: [{ name: 'turn', port: 3478 }], probes: { readiness: { tcp: true } }, loadBalancer: { address: mailAddress(), ports: ['turn'], externalTrafficPolicy: 'Local' } }),
    layer: 'props', path: 'coturn', field: 'ports[0].protocol', hint: /turn-udp', port: 3478, protocol: 'UDP'/,
  },
  {
    name: "coturn's relay range written as one port '49152-65535'",
    build: coturn({ ports: [{ name: 'turn', port: 3478, protocol: 'UDP' }, { name: 'relay', port: '49152-65535', protocol: 'UDP' }] }),
    layer: 'props', path: 'coturn', field: 'ports[1].port', hint: /range of 16384.*hostNetwork.*--min-port/,
  },
  {
    name: "coturn's relay range in compose's form '49160-49200:49160-49200/udp'",
    build: coturn({ ports: [{ name: 'turn', port: 3478, protocol: 'UDP' }, { name: 'relay', port: '49160-49200:49160-49200/udp', protocol: 'UDP' }] }),
    layer: 'props', path: 'coturn', field: 'ports[1].port', hint: /range of 41/,
  },
  {
    name: "coturn's relay range written out as sixteen thousand UDP ports",
    build: coturn({
      ports: [{ name: 'turn', port: 3478, protocol: 'UDP' }, ...Array.from({ length: 16384 }, (_, i) => ({ name: `relay-${i}`, port: 49152 + i, protocol: 'UDP' }))],
      probes: { readiness: { command: ['turnutils_stunclient', '127.0.0.1'] } },
    }),
    layer: 'props', path: 'coturn', field: 'ports[100]', message: /16385 ports \(from 3478 to 65535\)/, hint: /hostNetwork/,
  },
  {
    name: "coturn's relay ports as node ports outside the node-port range",
    build: coturn({
      ports: [{ name: 'turn', port: 3478, protocol: 'UDP', nodePort: 31478 }, { name: 'relay0', port: 49160, protocol: 'UDP', nodePort: 49160 }],
      probes: { readiness: { command: ['turnutils_stunclient', '127.0.0.1'] } }, exemptions: { nodePort: 'the router forwards the relay range' },
    }),
    layer: 'inventory', path: 'coturn', field: 'ports.relay0.nodePort',
  },
  {
    name: "coturn's listed egress opening the relay only to HTTPS and its own port",
    build: coturn({
      ports: [{ name: 'turn-udp', port: 3478, protocol: 'UDP' }, { name: 'turn-tcp', port: 3478 }],
      loadBalancer: { address: mailAddress(), externalTrafficPolicy: 'Local' },
      egress: [{ cidr: '0.0.0.0/0', ports: [{ port: 443 }, { port: 3478, protocol: 'UDP' }] }],
    }),
    layer: 'props', path: 'coturn', field: 'egress', hint: /cidr: '0\.0\.0\.0\/0'/,
  },
  {
    name: "coturn's shared secret written into its arguments",
    build: coturn({
      args: ['--use-auth-secret', '--static-auth-secret=Zk3hd8s7Fh2kq9Lm4Pq8Rt6Wv', '--realm=turn.family.example'],
      ports: [{ name: 'turn', port: 3478, protocol: 'UDP' }, { name: 'turn-tcp', port: 3478 }],
    }),
    layer: 'props', path: 'coturn', field: 'args[1]', hint: /\$\(NAME\)/,
  },
  // Mail: its ports behind the HTTP ingress.
  {
    name: "Stalwart's SMTP port as the app's route port",
    build: home(stalwart({ route: { host: 'mail', port: 25 } })),
    layer: 'references', path: 'mail', field: 'route.port', message: /25 \(smtp\) serves SMTP/, hint: /loadBalancer/,
  },
  {
    name: "a route rule sending /smtp to Stalwart's SMTP port",
    build: home(stalwart({ route: { host: 'mail', port: 8080, rules: [{ path: '/' }, { path: '/smtp', backends: [{ port: 25 }] }] } })),
    layer: 'references', path: 'mail', field: 'route.rules[1].backends[0].port',
  },
  {
    name: 'an IMAP-only mail server routed with no port, its one port taken',
    build: home((c) => new HomelabApp(c, 'dovecot', {
      namespace: 'mail', image: 'dovecot/dovecot:2.3.21', ports: [{ name: 'imaps', port: 10993, servicePort: 993 }], route: { host: 'imap' },
    } as never)),
    layer: 'references', path: 'dovecot', field: 'route.port', message: /IMAP over TLS/,
  },
  {
    name: 'submission added later as a route of its own',
    build: home((c) => { stalwart({})(c).addRoute({ host: 'smtp', port: 587 }); }),
    layer: 'references', path: 'mail', field: /^addRoute\(smtp\)\.port$|^route\.port$/, message: /SMTP submission/,
  },
  {
    name: 'an Ingress for SMTP to the mail Service port named smtp',
    build: besideStalwart('smtp-ingress', {
      apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'smtp', namespace: 'mail' },
      spec: { ingressClassName: 'traefik', rules: [{ host: 'smtp.family.example', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'mail', port: { name: 'smtp' } } } }] } }] },
    }),
    layer: 'references', path: 'smtp-ingress', field: 'spec.rules[0].http.paths[0].backend.service.port', message: /Ingress carries HTTP/,
  },
  {
    name: "a Traefik IngressRoute to the mail Service's submission port",
    build: besideStalwart('submission-route', {
      apiVersion: 'traefik.io/v1alpha1', kind: 'IngressRoute', metadata: { name: 'submission', namespace: 'mail' },
      spec: { entryPoints: ['websecure'], routes: [{ kind: 'Rule', match: 'Host(`smtp.family.example`)', services: [{ name: 'mail', port: 587 }] }] },
    }),
    layer: 'references', path: 'submission-route', field: 'spec.routes[0].services[0].port',
  },
  // Mail: the senders' addresses.
  {
    name: "Stalwart's SMTP load balancer left on externalTrafficPolicy Cluster",
    build: home(stalwart({ loadBalancer: { address: mailAddress(), ports: ['smtp', 'submission'] } })),
    layer: 'props', path: 'mail', field: 'loadBalancer.externalTrafficPolicy', hint: /externalTrafficPolicy: 'Local'/,
  },
  {
    name: "docker-mailserver's load balancer set to externalTrafficPolicy Cluster on purpose",
    build: home((c) => new HomelabApp(c, 'dms', {
      namespace: 'mail', image: 'ghcr.io/docker-mailserver/docker-mailserver:15.0.2',
      exemptions: { runAsRoot: 'postfix and dovecot bind their ports as root', addCapabilities: { capabilities: ['NET_BIND_SERVICE'], reason: 'ports below 1024' } },
      ports: [{ name: 'smtp', port: 25 }, { name: 'submissions', port: 465 }, { name: 'imaps', port: 993 }],
      loadBalancer: { address: mailAddress(), externalTrafficPolicy: 'Cluster' },
    } as never)),
    layer: 'props', path: 'dms', field: 'loadBalancer.externalTrafficPolicy', message: /externalTrafficPolicy Cluster,/,
  },
  // DNS records external-dns writes into Cloudflare.
  {
    name: 'the MX host published in public DNS at its LAN address',
    build: home((c) => new DnsRecord(c, 'mx', { name: 'mx.family.example', targets: ['192.168.48.202'] })),
    layer: 'references', path: 'mx', field: 'targets[0]', hint: /198\.51\.100\.48/,
  },
  {
    name: 'a public record listing the public address and the LAN address',
    build: home((c) => new DnsRecord(c, 'turn', { name: 'turn.family.example', targets: ['198.51.100.48', '10.48.0.7'] })),
    layer: 'references', path: 'turn', field: 'targets[1]',
  },
  // Matrix: the delegation of the bare domain.
  {
    name: "Matrix' .well-known delegation routed to Element Web beside Synapse",
    build: home((c) => {
      new HomelabApp(c, 'synapse', { namespace: 'matrix', image: 'matrixdotorg/synapse:v1.120.2', ports: [{ name: 'http', port: 8008 }], route: { host: 'matrix' } } as never);
      new HomelabApp(c, 'web', {
        namespace: 'matrix', image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }],
        route: { host: 'family.example', rules: [{ path: '/' }, { path: '/.well-known/matrix', backends: [{ service: 'element', port: 8080 }] }] },
      } as never);
      new HomelabApp(c, 'element', { namespace: 'matrix', image: 'vectorim/element-web:v1.11.90', ports: [{ name: 'http', port: 8080 }], env: { ELEMENT_WEB_PORT: '8080' }, route: { host: 'chat' } } as never);
    }),
    layer: 'references', path: 'web', field: 'route.rules[1].backends[0].service', hint: /serve_server_wellknown/,
  },
  {
    name: "Element Web's own route taking the bare domain's /.well-known/matrix",
    build: home((c) => new HomelabApp(c, 'element', {
      namespace: 'matrix', image: 'ghcr.io/element-hq/element-web:v1.11.90', ports: [{ name: 'http', port: 8080 }], env: { ELEMENT_WEB_PORT: '8080' },
      route: { host: 'chat', rules: [{ path: '/' }, { path: '/.well-known/matrix/client' }] },
    } as never)),
    layer: 'references', path: 'element', field: 'route.rules[1].path',
  },
  // Jitsi Meet's videobridge.
  {
    name: "Jitsi Videobridge's media port 10000 declared without protocol",
    build: home((c) => new HomelabApp(c, 'jvb', {
      namespace: 'jitsi', image: 'jitsi/jvb:stable-9823', ports: [{ name: 'media', port: 10000 }, { name: 'colibri', port: 8080 }],
      loadBalancer: { address: mailAddress(), ports: ['media'], externalTrafficPolicy: 'Local' },
    } as never)),
    layer: 'props', path: 'jvb', field: 'ports[0].protocol', message: /Jitsi Videobridge's media/,
  },
  // Certificates from the lab's ClusterIssuer.
  {
    name: "the federation host's Certificate naming the ClusterIssuer as an Issuer",
    build: home((c) => {
      letsEncrypt(c);
      c.namespaces.ensure('matrix');
      new ApiObject(c, 'federation-cert', {
        apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'federation', namespace: 'matrix' },
        spec: { secretName: 'federation-tls', dnsNames: ['matrix.family.example'], issuerRef: { name: 'letsencrypt', kind: 'Issuer' } },
      });
    }),
    layer: 'references', path: 'federation-cert', field: 'spec.issuerRef.name', hint: /kind: 'ClusterIssuer'/,
  },
  {
    name: "Element's Ingress annotated with the ClusterIssuer as an Issuer",
    build: home((c) => {
      letsEncrypt(c);
      new HomelabApp(c, 'element', { namespace: 'matrix', image: 'vectorim/element-web:v1.11.90', ports: [{ name: 'http', port: 8080 }], env: { ELEMENT_WEB_PORT: '8080' } } as never);
      new ApiObject(c, 'element-ingress', {
        apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'element', namespace: 'matrix', annotations: { 'cert-manager.io/issuer': 'letsencrypt' } },
        spec: {
          ingressClassName: 'traefik', tls: [{ hosts: ['chat.family.example'], secretName: 'chat-tls' }],
          rules: [{ host: 'chat.family.example', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'element', port: { number: 8080 } } } }] } }],
        },
      });
    }),
    layer: 'references', path: 'element-ingress', field: 'metadata.annotations["cert-manager.io/issuer"]', hint: /cert-manager\.io\/cluster-issuer: letsencrypt/,
  },
  {
    name: "the MX host's LoadBalancer Service annotated for external-dns at its MetalLB address",
    build: mxService({ 'metallb.io/loadBalancerIPs': '192.168.48.204' }),
    layer: 'references', path: 'mx-service', field: 'metadata.annotations.external-dns.alpha.kubernetes.io/hostname', hint: /target: '198\.51\.100\.48'/,
  },
  {
    name: "a Service's external-dns target annotation at a LAN address on the public cluster",
    build: mxService({ 'external-dns.alpha.kubernetes.io/target': '192.168.48.204' }),
    layer: 'references', path: 'mx-service', field: 'metadata.annotations.external-dns.alpha.kubernetes.io/target',
  },
  {
    name: "the mail host's reverse DNS asked of external-dns as a PTR record",
    build: home((c) => new DnsRecord(c, 'ptr', { name: '48.100.51.198.in-addr.arpa', recordType: 'PTR', targets: ['mx.family.example'] } as never)),
    layer: 'props', path: 'ptr', field: 'recordType', hint: /ISP/,
  },
  {
    name: 'an MX record pointing at the mail address itself',
    build: home((c) => new DnsRecord(c, 'mx', { name: 'family.example', recordType: 'MX', targets: ['198.51.100.48'] })),
    layer: 'props', path: 'mx', field: 'targets[0]', hint: /'10 mx\.lab\.example\.com'/,
  },
  {
    name: "the SPF record's type written in lower case from plain JavaScript",
    build: home((c) => new DnsRecord(c, 'spf', { name: 'family.example', recordType: 'txt', targets: ['v=spf1 ip4:198.51.100.48 -all'] } as never)),
    layer: 'props', path: 'spf', field: 'recordType', hint: /write it as 'TXT'/,
  },
  {
    name: 'an MX record without its preference',
    build: home((c) => new DnsRecord(c, 'mx', { name: 'family.example', recordType: 'MX', targets: ['mx.family.example'] })),
    layer: 'props', path: 'mx', field: 'targets[0]', message: /an MX record/, hint: /'10 mx\.family\.example'/,
  },
  {
    name: 'a DKIM key published as an A record, whose name takes no underscore',
    build: home((c) => new DnsRecord(c, 'dkim', { name: 'default._domainkey.family.example', targets: ['198.51.100.48'] })),
    layer: 'props', path: 'dkim', field: 'name',
  },
  // Collabora and Nextcloud.
  {
    name: "Collabora's aliasgroup1 copied from a guide's nextcloud host",
    build: home(office({ aliasgroup1: 'https://nextcloud.family.example:443' })),
    layer: 'references', path: 'collabora', field: 'env.aliasgroup1', hint: /aliasgroup1: 'https:\/\/cloud\.family\.example:443'/,
  },
  {
    name: "Collabora's older domain setting left on Nextcloud's old host",
    build: home(office({ domain: 'nextcloud\\.family\\.example' })),
    layer: 'references', path: 'collabora', field: 'env.domain',
  },
  {
    name: "OnlyOffice's JWT secret written into env",
    build: home((c) => new HomelabApp(c, 'onlyoffice', {
      namespace: 'cloud', image: 'onlyoffice/documentserver:8.2.2', ports: [{ name: 'http', port: 80 }], route: { host: 'office' },
      env: { JWT_SECRET: 'aB3dE5fG7hJ9kL1mN3pQ5rS7' },
    } as never)),
    layer: 'props', path: 'onlyoffice', field: 'env.JWT_SECRET',
  },
];
