import { App as CdkApp } from 'cdk8s';
import {
  acmeHttp01, acmeIssuer, AppVolume, ClusterChart, ClusterIssuer, existingStorageClass, flux, host, http01Ingress, ingressNginx, IngressTls,
  LETSENCRYPT_PRODUCTION, metalLb, site, traefik,
} from '../../constructs';
import type { ClusterChartProps } from '../../constructs';
import type { BadInput } from './cases';
import { goodDeployment, guarded, labApp, raw } from './lab';

// A lab tried on a laptop before any hardware is bought (kind, minikube, k3d, Docker Desktop), from the README
// alone: one node in Docker's network, routes under .localhost or nip.io, the laptop's videos mounted by the
// laptop's own path. Earlier rounds refused most of its mistakes (a host at 127.0.0.1, a .local domain, a
// `latest` image loaded with `kind load`, NodePorts out of range, the laptop's StorageClass kept after the move);
// these were taken: a LoadBalancer pool in the loopback or link-local range, a Windows folder as a host path, and
// a public ACME authority asked for a name of .localhost or for a nip.io/sslip.io name of a LAN address.

/** The laptop's one node, as minikube's Docker driver addresses it. */
const laptop = host('nu53-laptop', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.49.2' });

/** A one-node site of the laptop, `domain` its routes' domain, `pool` its LoadBalancer addresses. */
const laptopSite = (name: string, domain: string, pool: { first: string; last: string } = { first: '192.168.49.240', last: '192.168.49.250' }) =>
  site(name, { domain, hosts: [laptop], pools: { vips: pool }, git: { url: 'http://192.168.49.1:3000/me/lab.git' } });

/** The laptop's cluster `id` of `labSite`: minikube's StorageClass `standard` declared, Traefik with `routes`' options. */
const onLaptop = (labSite: ReturnType<typeof laptopSite>, id: string, build: (c: ClusterChart) => void, routes?: (s: typeof labSite) => ClusterChartProps['routes']) =>
  guarded((_main: ClusterChart, app: CdkApp) => {
    const c = new ClusterChart(app, id, {
      site: labSite, hosts: [laptop], storage: { fast: existingStorageClass('standard') }, gitops: flux(),
      preinstalled: [{ source: 'minikube', provides: { storageClasses: ['standard'] } }],
      routes: routes?.(labSite) ?? traefik({ address: labSite.pools.vips.at(labSite.pools.vips.first) }), loadBalancer: metalLb({ pools: [labSite.pools.vips] }),
    });
    build(c);
  });

/** Traefik with an HTTP-01 resolver of Let's Encrypt for every route. */
const letsEncryptResolver = (s: ReturnType<typeof laptopSite>) =>
  traefik({ address: s.pools.vips.at(s.pools.vips.first), certResolver: 'le', acme: { le: acmeHttp01({ email: 'owner@gmail.com' }) } });

/** Jellyfin with the laptop's videos at `/media`, read-only, from the host path `path`. */
const jellyfinWith = (path: string) => labApp('jellyfin', {
  image: 'jellyfin/jellyfin:10.10.3', ports: [{ name: 'http', port: 8096 }],
  persistence: { media: { volume: AppVolume.hostPath(path), mountPath: '/media', readOnly: true } },
  exemptions: { hostPath: 'the videos of the laptop' },
});

const WINDOWS = /is a Windows folder/;
const PRIVATE_NAME = /no certificate for it/;

export const CASES: BadInput[] = [
  {
    name: "a LoadBalancer pool of 127.0.0.x, as kind's port mappings listen on the laptop's loopback",
    build: onLaptop(laptopSite('nu53-lo', 'lab.nu53.example.net', { first: '127.0.0.240', last: '127.0.0.250' }), 'lo', () => undefined),
    layer: 'inventory', path: 'inventory/site/nu53-lo/pools/vips', field: 'first', message: /loopback range/, hint: /Docker network/,
  },
  {
    name: 'a LoadBalancer pool in the link-local range, as a VM of the laptop has its addresses there',
    build: onLaptop(laptopSite('nu53-ll', 'lab.nu53.example.net', { first: '169.254.10.240', last: '169.254.10.250' }), 'll', () => undefined),
    layer: 'inventory', path: 'inventory/site/nu53-ll/pools/vips', field: 'first', message: /link-local range/,
  },
  {
    name: "Jellyfin's videos from a Windows folder of the laptop, C:\\Users\\me\\Videos",
    build: guarded(jellyfinWith('C:\\Users\\me\\Videos')),
    layer: 'props', path: 'jellyfin', field: 'persistence.media.volume', message: WINDOWS, hint: /\/run\/desktop\/mnt\/host\/c\/Users\/me\/Videos/,
  },
  {
    name: "Jellyfin's videos from a Windows folder written with forward slashes, D:/Videos",
    build: guarded(jellyfinWith('D:/Videos')),
    layer: 'props', path: 'jellyfin', field: 'persistence.media.volume', message: WINDOWS, hint: /extraMounts/,
  },
  {
    name: "Jellyfin's videos from a Windows share, \\\\nas\\videos",
    build: guarded(jellyfinWith('\\\\nas\\videos')),
    layer: 'props', path: 'jellyfin', field: 'persistence.media.volume', message: WINDOWS, hint: /minikube mount/,
  },
  {
    name: "a hand-written Deployment's hostPath at a Windows folder of the laptop",
    build: (c) => raw(c, 'media', goodDeployment('web', {
      volumes: [{ name: 'media', hostPath: { path: 'C:\\Users\\me\\Videos', type: 'Directory' } }],
    }, {}, { 'security.homelab.dev/host-path': 'the videos of the laptop' })),
    layer: 'schema', path: 'media', field: 'spec.template.spec.volumes[0].hostPath.path', message: WINDOWS,
  },
  {
    name: "Traefik's HTTP-01 resolver of Let's Encrypt for the routes of a lab under .localhost",
    build: onLaptop(laptopSite('nu53-localhost', 'lab.localhost'), 'localhost', (c) => labApp('whoami', { route: { host: 'whoami' } })(c), letsEncryptResolver),
    layer: 'references', path: 'localhost', field: 'routes.certResolver', message: /whoami\.lab\.localhost, a name under \.localhost/, hint: /caServer/,
  },
  {
    name: "Traefik's HTTP-01 resolver of Let's Encrypt for nip.io names of the laptop's LAN address",
    build: onLaptop(laptopSite('nu53-nip', '192.168.49.240.nip.io'), 'nip', (c) => labApp('whoami', { route: { host: 'whoami' } })(c), letsEncryptResolver),
    layer: 'references', path: 'nip', field: 'routes.certResolver', message: /whoami\.192\.168\.49\.240\.nip\.io, a name nip\.io answers with the LAN or loopback address/,
  },
  {
    name: "cert-manager's HTTP-01 issuer of Let's Encrypt for dashed sslip.io names of the loopback",
    build: onLaptop(laptopSite('nu53-sslip', 'lab-127-0-0-1.sslip.io'), 'sslip', (c) => {
      new ClusterIssuer(c, 'le', { name: 'letsencrypt', issuer: acmeIssuer({ server: LETSENCRYPT_PRODUCTION, email: 'owner@gmail.com', solvers: [http01Ingress('nginx')] }) });
      labApp('uptime', { route: { host: 'uptime' } })(c);
    }, (s) => ingressNginx({ address: s.pools.vips.at(s.pools.vips.first), tls: IngressTls.perRoute('letsencrypt') })),
    layer: 'references', path: 'issuer-letsencrypt', field: 'spec.acme.server', message: PRIVATE_NAME,
  },
];
