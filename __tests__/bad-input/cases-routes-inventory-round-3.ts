import { caIssuer, ClusterIssuer, externalHost, HostProps, SecretReference, SiteProps } from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { edgeSite } from './cases-inventory-loose-ends';
import { goodDeployment, guarded, labApp, raw, serviceManifest } from './lab';

// Inventory facts, routes, certificates and DNS written by a new user from blog posts, compose files and
// other tools' configs: each is one error on the construct and field the user wrote, with a hint.

/** A fact of the one host of an edge site, with the error on `inventory/host/<id>-node<under>`. */
const node = (id: string, facts: Partial<HostProps>, field: string, name: string, hint?: RegExp, under = ''): BadInput => ({
  name, build: edgeSite(id, {}, facts), layer: 'inventory', path: `inventory/host/${id}-node${under}`, field, hint,
});
/** A fact of an edge site, with the error on `inventory/<under>`. */
const siteFacts = (id: string, facts: Partial<SiteProps<string, string, string, string>>, field: string, name: string, hint?: RegExp, under = `site/${id}`): BadInput => ({
  name, build: edgeSite(id, facts), layer: 'inventory', path: `inventory/${under}`, field, hint,
});
/** An App `web` of the lab routed with `route`, refused at its props. */
const routed = (name: string, route: Record<string, unknown>, field: string, hint?: RegExp): BadInput => ({
  name, build: guarded(labApp('web', { route })), layer: 'props', path: 'web', field, hint,
});
const withWeb = (build: (c: ClusterChart) => void) => (c: ClusterChart) => {
  raw(c, 'workload', goodDeployment());
  raw(c, 'svc', serviceManifest('web'));
  build(c);
};

/** An Ingress `web` of class traefik with one `rule` and `tls`. */
const ingress = (rule: Record<string, unknown>, tls?: unknown) => ({
  apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: 'web' },
  spec: { ingressClassName: 'traefik', rules: [rule], ...(tls ? { tls } : {}) },
});
/** One path of a rule to the Service `web`. */
const toWeb = (path: string, pathType = 'Prefix') => ({ http: { paths: [{ path, pathType, backend: { service: { name: 'web', port: { number: 80 } } } }] } });
/** An IngressRoute `web` to the Service `web` matching `match`. */
const ingressRoute = (match: string) => ({
  apiVersion: 'traefik.io/v1alpha1', kind: 'IngressRoute', metadata: { name: 'web', namespace: 'web' },
  spec: { entryPoints: ['websecure'], routes: [{ kind: 'Rule', match, services: [{ name: 'web', port: 80 }] }], tls: {} },
});
/** An HTTPRoute `web` on the lab Gateway's https listener; `spec` adds to its spec. */
const httpRoute = (spec: Record<string, unknown>) => ({
  apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'web', namespace: 'web' },
  spec: { parentRefs: [{ name: 'main-gateway', namespace: 'gateway', sectionName: 'https' }], ...spec },
});
/** A hand-written `manifest` beside the web app (and cert-manager, for its kinds), refused as `x`. */
const written = (name: string, manifest: Record<string, unknown>, field: string | RegExp, layer: BadInput['layer'] = 'schema', extra: Partial<BadInput> = {}): BadInput => ({
  name, build: withWeb((c) => {
    if (String(manifest.apiVersion).startsWith('cert-manager.io/')) {
      // cert-manager comes with the lab's CA issuer, as a user who followed the README has it.
      new ClusterIssuer(c, 'issuer', { name: 'lab-ca', issuer: caIssuer({ keyPair: SecretReference.external('cert-manager', 'lab-root-ca', 'tls.key') }) });
    }
    raw(c, 'x', manifest);
  }), layer, path: 'x', field, ...extra,
});

export const MORE: BadInput[] = [
  written('a stripPrefix middleware prefix without a leading slash', { apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware', metadata: { name: 'strip', namespace: 'web' }, spec: { stripPrefix: { prefixes: ['/app', 'api'] } } }, 'spec.stripPrefix.prefixes[1]', 'references', { hint: /'\/api'/ }),
  written('a redirectScheme middleware with the scheme and its colon', { apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware', metadata: { name: 'https', namespace: 'web' }, spec: { redirectScheme: { scheme: 'https://', permanent: true } } }, 'spec.redirectScheme.scheme', 'references', { hint: /scheme: 'https'/ }),
  written('an Ingress host in upper case', ingress({ host: 'Web.lab.test', ...toWeb('/') }), 'spec.rules[0].host'),
  written('an Ingress host with a trailing dot', ingress({ host: 'web.lab.test.', ...toWeb('/') }), 'spec.rules[0].host'),
  written('an Ingress host with a scheme', ingress({ host: 'https://web.lab.test', ...toWeb('/') }), 'spec.rules[0].host'),
  written('an Ingress Prefix path without a leading slash', ingress({ host: 'web.lab.test', ...toWeb('api') }), /spec.rules\[0\].http.paths\[0\].path/),
  written('an Ingress Prefix path as a regex group', ingress({ host: 'web.lab.test', ...toWeb('/api/(.*)') }), 'spec.rules[0].http.paths[0].path', 'references', { hint: /path: '\/api\/' with/ }),
  written('an IngressRoute PathPrefix as a regex group', ingressRoute('Host(`web.lab.test`) && PathPrefix(`/(api|v1)/.*`)'), 'spec.routes[0].match', 'references', { hint: /PathPrefix\(`\/`\)/ }),
  written('an Ingress wildcard host in the middle', ingress({ host: 'web.*.lab.test', ...toWeb('/') }), 'spec.rules[0].host'),
  written('an Ingress TLS host with a port', ingress({ host: 'web.lab.test', ...toWeb('/') }, [{ hosts: ['web.lab.test:443'], secretName: 'web-tls' }]), /spec.tls\[0\].hosts\[0\]/),
  written('an IngressRoute PathPrefix without a leading slash', ingressRoute('Host(`web.lab.test`) && PathPrefix(`api`)'), /spec.routes\[0\].match/, 'references'),
  written('an IngressRoute PathPrefix with a v2 regex', ingressRoute('Host(`web.lab.test`) && PathPrefix(`/{path:.*}`)'), /spec.routes\[0\].match/, 'references'),
  written('an IngressRoute Host with a scheme', ingressRoute('Host(`https://web.lab.test`)'), /spec.routes\[0\].match/, 'inventory'),
  written('an IngressRoute Host in upper case', ingressRoute('Host(`Web.lab.test`)'), /spec.routes\[0\].match/, 'inventory'),
  written('an IngressRoute Host with an underscore', ingressRoute('Host(`web_app.lab.test`)'), /spec.routes\[0\].match/, 'inventory'),
  written('an external-dns hostname with a scheme', serviceManifest('lb', { type: 'LoadBalancer' }, { annotations: { 'external-dns.alpha.kubernetes.io/hostname': 'https://web.lab.test' } }), /external-dns/, 'references'),
  written('an external-dns hostname list with spaces after commas', serviceManifest('lb', { type: 'LoadBalancer' }, { annotations: { 'external-dns.alpha.kubernetes.io/hostname': 'web.lab.test, www.lab.test' } }), /external-dns/, 'references'),
  written('an external-dns ttl with a unit', serviceManifest('lb', { type: 'LoadBalancer' }, { annotations: { 'external-dns.alpha.kubernetes.io/hostname': 'web.lab.test', 'external-dns.alpha.kubernetes.io/ttl': '5 minutes' } }), /external-dns/, 'references'),
  written('a Certificate duration in days', { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'web', namespace: 'web' }, spec: { secretName: 'web-tls', dnsNames: ['web.lab.test'], duration: '90d', issuerRef: { name: 'lab-ca', kind: 'ClusterIssuer' } } }, /spec.duration/),
  written('a Certificate renewBefore beyond its duration', { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'web', namespace: 'web' }, spec: { secretName: 'web-tls', dnsNames: ['web.lab.test'], duration: '24h', renewBefore: '720h', issuerRef: { name: 'lab-ca', kind: 'ClusterIssuer' } } }, /spec.renewBefore/),
  written('a Certificate issuerRef kind in lower case', { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'web', namespace: 'web' }, spec: { secretName: 'web-tls', dnsNames: ['web.lab.test'], issuerRef: { name: 'lab-ca', kind: 'clusterissuer' } } }, /spec.issuerRef.kind/, 'schema'),
  written('an ACME issuer server of Let\'s Encrypt without its directory path', { apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', metadata: { name: 'le' }, spec: { acme: { server: 'https://acme-staging-v02.api.letsencrypt.org', email: 'ops@example.org', privateKeySecretRef: { name: 'le-account' }, solvers: [{ http01: { ingress: { ingressClassName: 'traefik' } } }] } } }, 'spec.acme.server', 'schema', { hint: /\/directory/ }),
  written('an ACME issuer e-mail with a mailto scheme', { apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', metadata: { name: 'le' }, spec: { acme: { server: 'https://acme-v02.api.letsencrypt.org/directory', email: 'mailto:ops@example.org', privateKeySecretRef: { name: 'le-account' }, solvers: [{ http01: { ingress: { ingressClassName: 'traefik' } } }] } } }, 'spec.acme.email', 'schema', { hint: /email: 'ops@example\.org'/ }),
  { ...written('an HTTPRoute hostname in upper case', httpRoute({ hostnames: ['Web.lab.test'], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] }), /spec.hostnames\[0\]/), gatewayCluster: true },
  { ...written('an HTTPRoute hostname with a trailing dot', httpRoute({ hostnames: ['web.lab.test.'], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] }), /spec.hostnames\[0\]/), gatewayCluster: true },
  { ...written('an HTTPRoute PathPrefix without a leading slash', httpRoute({ hostnames: ['web.lab.test'], rules: [{ matches: [{ path: { type: 'PathPrefix', value: 'api' } }], backendRefs: [{ name: 'web', port: 80 }] }] }), /spec.rules\[0\].matches\[0\].path/), gatewayCluster: true },
  { ...written('an HTTPRoute PathPrefix with a regex group', httpRoute({ hostnames: ['web.lab.test'], rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/api/(v1|v2)/.*' } }], backendRefs: [{ name: 'web', port: 80 }] }] }), 'spec.rules[0].matches[0].path.value', 'references', { hint: /value: '\/api\/' with/ }), gatewayCluster: true },
  { ...written('an HTTPRoute hostname with a port', httpRoute({ hostnames: ['web.lab.test:443'], rules: [{ backendRefs: [{ name: 'web', port: 80 }] }] }), /spec.hostnames\[0\]/), gatewayCluster: true },
  { name: 'a VLAN id above 4094', build: edgeSite('r3-vlan-big', { vlans: { lan: { id: 4095, cidr: '10.20.0.0/24' } as never } }), layer: 'inventory', path: 'r3-vlan-big', field: /id|vlans/ },
  { name: 'a GPU of a vendor no host has', build: labApp('web', { gpu: { vendor: 'amd' } }), layer: 'inventory', path: 'web', field: /gpu/ },
  { name: 'an external host port as text', build: edgeSite('r3-ext-porttext', { externalHosts: { ha: externalHost('ha', { address: '10.20.0.9', ports: { http: '8123' as unknown as number } }) } }), layer: 'inventory', path: 'ha', field: /ports/ },
];

export const CASES: BadInput[] = [
  ...MORE,
  node('r3-usbhex', { usbDevices: { zigbee: { vendorId: '0x10c4', productId: '0xea60' } } } as Partial<HostProps>, 'usbDevices.zigbee.vendorId', 'a USB vendor id written with 0x'),
  node('r3-usbpair', { usbDevices: { zigbee: { vendorId: '10c4:ea60', productId: 'ea60' } } } as Partial<HostProps>, 'usbDevices.zigbee.vendorId', 'a USB vendor id written as vendor:product'),
  node('r3-zone', { address: 'fe80::1%eth0' }, 'address', 'a host address with an IPv6 zone'),
  node('r3-cidr', { address: '10.20.0.5/24' }, 'address', 'a host address written with its prefix'),
  node('r3-v6brack', { address: '[2001:db8::5]' }, 'address', 'a host IPv6 address in brackets'),
  node('r3-gpuup', { gpus: [{ vendor: 'NVIDIA' }] } as unknown as Partial<HostProps>, 'gpus[0].vendor', 'a GPU vendor in upper case'),
  node('r3-gpu0', { gpus: [{ vendor: 'intel', count: 0 }] }, 'gpus[0].count', 'a GPU count of zero'),
  node('r3-pci', { gpus: [{ vendor: 'nvidia', pciId: '01:00.0' }] }, 'gpus[0].pciId', 'a GPU PCI id written as a bus address'),
  node('r3-zfsneg', { zfsPools: { tank: { media: 'hdd', sizeTerabytes: -4 } } } as Partial<HostProps>, 'sizeTerabytes', 'a ZFS pool of negative size', /zpool list/, '/zfsPools/tank'),
  node('r3-taint', { taints: [{ key: 'gpu', effect: 'noschedule' as 'NoSchedule' }] }, 'taints[0].effect', 'a taint effect in lower case'),
  node('r3-cores', { cores: '8' as unknown as number }, 'cores', 'host cores written as text'),
  node('r3-mem', { memoryGigabytes: '16GB' as unknown as number }, 'memoryGigabytes', 'host memory written with a unit'),
  node('r3-nodename', { nodeName: 'Node_1' }, 'nodeName', 'a node name with upper case and an underscore'),
  node('r3-bridge', { bridges: { br0: { uplink: 'eth 0' } } } as Partial<HostProps>, 'uplink', 'a bridge uplink with a space', /eno1/, '/bridges/br0'),
  node('r3-role', { roles: ['master'] as unknown as HostProps['roles'] }, 'roles[0]', 'a host role master'),
  siteFacts('r3-dot', { domain: 'r3-dot.test.' }, 'domain', 'a site domain with a trailing dot'),
  siteFacts('r3-scheme', { domain: 'https://r3-scheme.test' }, 'domain', 'a site domain with a scheme'),
  siteFacts('r3-upper', { domain: 'Lab.Test' }, 'domain', 'a site domain in upper case'),
  siteFacts('r3-pool-rev', { pools: { vips: { first: '10.20.0.250', last: '10.20.0.240' } } }, 'last', 'a pool whose first address comes after its last', /swap/, 'site/r3-pool-rev/pools/vips'),
  { ...siteFacts('r3-pool-host', { pools: { vips: { first: '10.20.0.2', last: '10.20.0.9' } } }, 'site.pools.vips', 'a pool over the host address', /addresses no machine uses/), path: 'edge' },
  { ...siteFacts('r3-pool-two', { pools: { vips: { first: '10.20.0.240', last: '10.20.0.250' }, dns: { first: '10.20.0.245', last: '10.20.0.245' } } }, 'site.pools.dns', 'two pools that overlap', /own range/), path: 'edge' },
  siteFacts('r3-nfs-rel', { nfs: { media: { server: '10.20.0.9', path: 'export/media' } } }, 'path', 'an NFS export path without a leading slash', /starting with \//, 'site/r3-nfs-rel/nfs/media'),
  siteFacts('r3-nfs-url', { nfs: { media: { server: 'nfs://nas.r3.test', path: '/export' } } }, 'server', 'an NFS server written as a URL', /nas\.r3\.test/, 'site/r3-nfs-url/nfs/media'),
  siteFacts('r3-nfs-colon', { nfs: { media: { server: 'nas.r3.test:/export', path: '/export' } } }, 'server', 'an NFS server with its path as in fstab', /split it/, 'site/r3-nfs-colon/nfs/media'),
  siteFacts('r3-ext-port', { externalHosts: { ha: externalHost('ha', { address: '10.20.0.9:8123' }) } }, 'address', 'an external host address with a port', /write the address alone, without port 8123: 10\.20\.0\.9$/, 'external-host/ha'),
  siteFacts('r3-vlan-text', { vlans: { lan: { id: '10', cidr: '10.20.0.0/24' } as never } }, 'vlans.lan', 'a VLAN id as text'),
  routed('a route host with a scheme', { host: 'https://web.lab.test' }, 'route.host'),
  routed('a route host in upper case', { host: 'Web' }, 'route.host'),
  routed('a route host with an underscore', { host: 'web_app' }, 'route.host'),
  routed('a route host with a trailing dot', { host: 'web.lab.test.' }, 'route.host'),
  routed('a route host with a port', { host: 'web:8443' }, 'route.host'),
  routed('a route path without a leading slash', { host: 'web', path: 'api' }, 'route.path'),
  routed('a route path as a regex', { host: 'web', path: '/api/.*' }, 'route.path'),
  routed('a route path with a query', { host: 'web', path: '/api?x=1' }, 'route.path'),
  routed('a route path with a fragment', { host: 'web', path: '/#/home' }, 'route.path'),
  routed('a route port as text', { host: 'web', port: '8080' }, 'route.port'),
  { name: 'a wildcard route host on Traefik', build: labApp('web', { route: { host: '*.lab.test' } }), layer: 'references', path: 'web', field: 'route.host', hint: /Gateway API/ },
  {
    name: 'a Tailscale host name with a dot',
    build: withWeb((c) => raw(c, 'x', serviceManifest('ts', { type: 'LoadBalancer', loadBalancerClass: 'tailscale' }, { annotations: { 'tailscale.com/hostname': 'web.lab' } }))),
    layer: 'inventory', path: 'x', field: 'metadata.annotations.tailscale.com/hostname', hint: /tailscale\.com\/hostname: 'web'/,
  },
  {
    name: 'an external-dns host name of a zone the site does not own',
    build: withWeb((c) => raw(c, 'x', serviceManifest('lb', { type: 'LoadBalancer' }, { annotations: { 'external-dns.alpha.kubernetes.io/hostname': 'web.example.com' } }))),
    layer: 'references', path: 'x', field: 'metadata.annotations.external-dns.alpha.kubernetes.io/hostname',
  },
  {
    name: 'an ACME issuer e-mail that is no address',
    build: withWeb((c) => {
      new ClusterIssuer(c, 'issuer', { name: 'lab-ca', issuer: caIssuer({ keyPair: SecretReference.external('cert-manager', 'lab-root-ca', 'tls.key') }) });
      raw(c, 'x', { apiVersion: 'cert-manager.io/v1', kind: 'ClusterIssuer', metadata: { name: 'le' }, spec: { acme: { server: 'https://acme-v02.api.letsencrypt.org/directory', email: 'admin', privateKeySecretRef: { name: 'le-account' }, solvers: [{ http01: { ingress: { ingressClassName: 'traefik' } } }] } } });
    }),
    layer: 'schema', path: 'x', field: 'spec.acme.email', hint: /ops@/,
  },
];

