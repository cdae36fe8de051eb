import { ApiObject } from 'cdk8s';
import type { App as CdkApp } from 'cdk8s';
import type { ClusterChart } from '../../constructs';
import { AppVolume, ClusterChart as Cluster, flux, host, rootInitExemption, site, traefik } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labApp } from './lab';

// A new user's month, from the README alone: three Talos VMs on one Proxmox server and an old laptop, Longhorn
// and a TrueNAS box, the Gateway API with cert-manager's DNS-01, Authentik's forward auth, External Secrets,
// Velero; then Home Assistant, Immich, Paperless-ngx, Mealie, Grafana, Gitea and more, a drained laptop and a
// new domain. Most of its mistakes were refused already (earlier rounds); these are the ones that passed, and
// the ones of this lab the corpus did not have in its form.

/** The old laptop, drained and taken out of the cluster's hosts, still named by an app's placement. */
const laptop = host('laptop', { arch: 'amd64', roles: ['worker'], address: '10.0.0.9' });

/** Authentik's server in namespace `authentik` (its Service `authentik`, port 9000), and an app `whoami` behind it. */
const authentik = (cluster: ClusterChart) => {
  labApp('authentik', { namespace: 'authentik', image: 'ghcr.io/goauthentik/server:2024.8.3', args: ['server'], ports: [{ name: 'http', port: 9000 }] })(cluster);
  labApp('whoami')(cluster);
};

/** A forward-auth Middleware of namespace `whoami` whose address is `address`. */
const forwardAuth = (address: string) => guarded((cluster: ClusterChart) => {
  authentik(cluster);
  new ApiObject(cluster, 'authentik-auth', {
    apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware', metadata: { name: 'authentik', namespace: 'whoami' },
    spec: { forwardAuth: { address, trustForwardHeader: true, authResponseHeaders: ['X-authentik-username'] } },
  });
});

/** An app `id` of the lab routed at host `id`, with `image` and `env`, its data in `dataPath`; `extra` adds to its props. */
const routedApp = (id: string, image: string, port: number, env: Record<string, string>, dataPath: string, extra: Record<string, unknown> = {}) =>
  guarded(labApp(id, { image, ports: [{ name: 'http', port }], env, route: { host: id }, persistence: { data: { volume: AppVolume.emptyDir(), mountPath: dataPath } }, ...extra }));

/** Paperless-ngx's image as it is built: s6-overlay starts as root, then runs the app as USERMAP_UID:USERMAP_GID. */
const PAPERLESS_INIT = {
  exemptions: {
    runAsRoot: 'its init starts as root, then runs the app as USERMAP_UID:USERMAP_GID', addCapabilities: rootInitExemption('supervisor', 'switches to USERMAP_UID:USERMAP_GID'),
    writableRootFilesystem: 's6-overlay writes its service tree under /run',
  },
};

/** Immich, and an HTTPRoute written by hand to the Gateway's HTTPS listener for `hostnames`. */
const handRoute = (hostnames: string[]) => guarded((cluster: ClusterChart) => {
  labApp('immich')(cluster);
  new ApiObject(cluster, 'photos-route', {
    apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'photos', namespace: 'immich' },
    spec: { parentRefs: [{ name: 'main-gateway', namespace: 'gateway', sectionName: 'https' }], hostnames, rules: [{ backendRefs: [{ name: 'immich', port: 8080 }] }] },
  });
});

/** The TrueNAS box's share as the site's NFS export `media`, written `{ server, path }`, in a site of its own. */
const truenasExport = (server: string, path: string) => guarded((_lab: ClusterChart, app: CdkApp) => new Cluster(app, 'nas43', {
  site: site('nas43', {
    domain: 'nas43.test', hosts: [host('pve-vm1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.43.0.11' })],
    nfs: { media: { server, path } }, git: { url: 'https://git.lab.test/lab.git' },
  }),
  hosts: [], routes: traefik({ nodePorts: true }), gitops: flux(),
}));

export const CASES: BadInput[] = [
  // The TrueNAS box shares the media folder over SMB and NFS; the SMB share's server name is copied from Explorer.
  {
    name: "an NFS export whose server is written as Windows writes the TrueNAS box's SMB server",
    build: truenasExport('\\\\truenas', '/mnt/tank/media'),
    layer: 'inventory', path: 'inventory/site/nas43/nfs/media', field: 'server', message: /Windows writes an SMB server/, hint: /^write server: 'truenas' alone/,
  },
  // An HTTPRoute written by hand, as the Gateway API docs show one, for a host the Gateway's listeners do not take.
  {
    name: "a hand-written HTTPRoute for a host outside the Gateway listener's domain",
    build: handRoute(['photos.other.test']), gatewayCluster: true,
    layer: 'references', path: 'photos-route', field: 'spec.hostnames[0]', message: /serves host photos\.other\.test \(they take \*\.lab\.test\).*NoMatchingListenerHostname/,
    hint: /<name>\.lab\.test/,
  },
  {
    name: 'a hand-written HTTPRoute whose second host, the apex of the domain, no wildcard listener takes',
    build: handRoute(['photos.lab.test', 'lab.test']), gatewayCluster: true,
    layer: 'references', path: 'photos-route', field: 'spec.hostnames[1]', message: /serves host lab\.test/,
  },
  // The outpost's Service named as Authentik's docs name a deployed outpost, while the lab runs the embedded one.
  {
    name: "Authentik's forward-auth Middleware naming an outpost Service namespace authentik does not have",
    build: forwardAuth('http://authentik-outpost.authentik.svc.cluster.local:9000/outpost.goauthentik.io/auth/traefik'),
    layer: 'references', path: 'authentik-auth', field: 'spec.forwardAuth.address',
    message: /authentik-outpost\.authentik, which nothing in namespace "authentik" makes: Traefik finds no such host/, hint: /the Services of namespace "authentik" are authentik/,
  },
  {
    name: 'a forward-auth address of the outpost written as <service>.<namespace> with a misspelt Service',
    build: forwardAuth('http://authentk.authentik:9000/outpost.goauthentik.io/auth/traefik'),
    layer: 'references', path: 'authentik-auth', field: 'spec.forwardAuth.address', hint: /call authentik\.authentik/,
  },
  // The domain changed from old-domain.test to the lab's; the URLs the apps are told they are reached at did not.
  {
    name: "Grafana's GF_SERVER_ROOT_URL left on the old domain after the domain change",
    build: routedApp('grafana', 'grafana/grafana:11.2.2', 3000, { GF_SERVER_ROOT_URL: 'https://grafana.old-domain.test/' }, '/var/lib/grafana'),
    layer: 'props', path: 'grafana', field: 'env.GF_SERVER_ROOT_URL', message: /Grafana is told it is reached at/, hint: /GF_SERVER_ROOT_URL: 'https:\/\/grafana\.lab\.test\/'/,
  },
  {
    name: "Gitea's ROOT_URL left on the old domain after the domain change",
    build: routedApp('gitea', 'gitea/gitea:1.22.3-rootless', 3000, { GITEA__server__ROOT_URL: 'https://git.old-domain.test/' }, '/var/lib/gitea', {
      persistence: { data: { volume: AppVolume.emptyDir(), mountPath: '/var/lib/gitea' }, config: { volume: AppVolume.emptyDir(), mountPath: '/etc/gitea' } },
    }),
    layer: 'props', path: 'gitea', field: 'env.GITEA__server__ROOT_URL', hint: /'https:\/\/gitea\.lab\.test\/'/,
  },
  {
    name: "Mealie's BASE_URL left on the old domain after the domain change",
    build: routedApp('mealie', 'ghcr.io/mealie-recipes/mealie:v2.0.0', 9000, { BASE_URL: 'https://mealie.old-domain.test' }, '/app/data'),
    layer: 'props', path: 'mealie', field: 'env.BASE_URL', message: /Mealie is told it is reached at/,
  },
  {
    name: "Paperless-ngx's PAPERLESS_URL left on the old domain after the domain change",
    build: routedApp('paperless', 'ghcr.io/paperless-ngx/paperless-ngx:2.12.1', 8000, { PAPERLESS_URL: 'https://paperless.old-domain.test' }, '/usr/src/paperless/data', PAPERLESS_INIT),
    layer: 'props', path: 'paperless', field: 'env.PAPERLESS_URL', hint: /'https:\/\/paperless\.lab\.test'/,
  },
  // Paperless' Redis URL copied from its compose file, password and all.
  {
    name: "Paperless-ngx's Redis URL with a password and no user inline",
    build: guarded(labApp('paperless', { env: { PAPERLESS_REDIS: 'redis://:hunter2@redis.paperless:6379' } })),
    layer: 'props', path: 'paperless', field: 'env.PAPERLESS_REDIS', hint: /SecretReference/,
  },
  // Geyser lets the phones of the house join the Java server; their Bedrock port copied without its protocol.
  {
    name: "the Minecraft server's Bedrock port 19132 (Geyser) declared without its protocol, so for TCP",
    build: guarded(labApp('minecraft', {
      image: 'itzg/minecraft-server:2024.10.1', ports: [{ name: 'java', port: 25565 }, { name: 'bedrock', port: 19132 }], env: { EULA: 'TRUE', TYPE: 'PAPER' },
      resources: { memoryLimit: '2Gi' }, persistence: { data: { volume: AppVolume.claim({ tier: 'local', size: '10Gi' }), mountPath: '/data' } },
    })),
    layer: 'props', path: 'minecraft', field: 'ports[1].protocol', message: /Minecraft Bedrock Edition speaks UDP there/, hint: /protocol: 'UDP'/,
  },
  // The laptop was drained and left the cluster's hosts; the Minecraft server stayed pinned to it.
  {
    name: 'a placement on the laptop drained and taken out of the cluster',
    build: guarded(labApp('minecraft', { placement: { host: laptop } })),
    layer: 'inventory', path: 'minecraft', field: 'placement.host', hint: /hosts of this cluster: gpu1, arm1/,
  },
];
