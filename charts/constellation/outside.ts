import type { Construct } from 'constructs';
import {
  factValue, HostService, isPlaceholder, K3S_SQLITE_DATASTORE_DIR, leaveOwnerAction, leavePlaceholder, type MediaContainers, MediaExposure, placeholder,
  type Preinstalled, ServiceRoute,
} from '../../constructs';
import { cloud, constellation, mediaSettings, storage, tailnet, tailnetName } from '../../hosts/constellation';
import { ghostName, MEDIA_CONTAINERS } from './media';
import { KEYCLOAK_ADMIN_SECRET, LLDAP_SECRET } from './startup';

// What the design keeps outside Kubernetes: the DNS records, Caddy and the sites it serves that are not
// containers, and the host tools of its later phases. They stay as they are; the cluster README lists them so
// that its reverse-proxy lines are not taken for the whole Caddyfile, nor ingress-nginx for all of Caddy.

const domain = constellation.domain;

/** The host names of Caddy's sites on storage that are not containers: a file server and an API split by path. */
const CADDY_SITE_NAMES = ['files', 'api'] as const;

/** Caddy's sites on storage that are not containers, each at its address (`files.<domain>`, or with a scheme and port). */
function caddySites(address: (name: string) => string): string {
  return [
    `${address(`files.${domain}`)} {`, '\tfile_server browse', '\troot /mnt/storage/files', '}',
    `${address(`api.${domain}`)} {`, '\treverse_proxy /v1/* backend1.internal:8080', '\treverse_proxy /v2/* backend2.internal:9090', '}',
  ].join('\n');
}

/**
 * The port Caddy on storage serves its sites that are not containers on once ingress-nginx binds 80 and 443, for
 * ingress-nginx to route their names to: the design routes them through its ingress on 443 but gives no port.
 */
export const caddyBehindIngressPort = placeholder(8880, {
  fact: `port Caddy on ${storage.name} serves files.${domain} and api.${domain} on, behind ingress-nginx, once off ports 80 and 443`,
  owner: `the design gives none: write a port of ${storage.name} that nothing else listens on; Caddy serves plain HTTP there, as ingress-nginx ends TLS`,
});

/** Caddy's sites that are not containers, in words. */
const CADDY_SITES_TEXT = `files.${domain} and api.${domain} on ${storage.name}, the static sites under /var/www on ${cloud.name}`;

/**
 * What the cluster relies on that neither K3s nor a file here brings, for the README's list of what the cluster
 * gets from outside: the tailnet the agent joins over, the wildcard DNS records, and Caddy, which is the way in
 * with node ports and keeps the sites that are not containers with ingress-nginx. The steps for each are
 * {@link keepOutsideTheCluster}'s and the distribution's.
 */
export function fromOutsideTheCluster(exposure: MediaExposure, joinTokenSecret: string): Preinstalled[] {
  return [
    {
      source: `tailnet ${tailnet} (Tailscale)`,
      brings: [`the names ${tailnetName(storage)} and ${tailnetName(cloud)}: ${cloud.name} joins the K3s server at https://${tailnetName(storage)}:6443 `
        + `and kubectl dials it there${exposure === 'nodePort' ? ', and Caddy\'s tailnet lines name them' : ''}`],
    },
    {
      source: 'agenix',
      brings: [`the join token, the age-encrypted secret ${joinTokenSecret}, which both hosts decrypt before K3s starts`],
    },
    {
      source: 'home DNS and tailnet DNS',
      brings: [`*.${domain} → ${storage.address} at home and → ${tailnetName(storage)} on the tailnet: every container's host name`],
    },
    exposure === 'nodePort'
      ? {
        source: 'Caddy on storage and cloud',
        brings: [`the way in: port 443 for *.${domain} with its Cloudflare DNS certificates, proxied to the node ports and host-network ports its lines `
          + `under *What the owner does by hand* name; the sites that are not containers (${CADDY_SITES_TEXT})`],
      }
      : {
        source: 'Caddy on storage and cloud',
        brings: [`the sites that are not containers (${CADDY_SITES_TEXT}), off ports 80 and 443, which ingress-nginx binds; `
          + `files.${domain} and api.${domain} reach Caddy through ingress-nginx's routes`],
      },
  ];
}

/**
 * Notes, on `scope`, of what the design relies on outside the cluster with either way in: Caddy in front of
 * node ports, or ingress-nginx on the nodes' ports 80 and 443 with Caddy kept for the sites that are not
 * containers (the design's "keep Caddy for special cases").
 */
export function keepOutsideTheCluster(scope: Construct, exposure: MediaExposure, joinTokenSecret: string, routesNamespace: string): void {
  const records = `keep the DNS records *.${domain} → ${storage.address} (home DNS) and *.${domain} → ${tailnetName(storage)} (tailnet DNS)`;
  if (exposure === 'nodePort') {
    leaveOwnerAction(scope, {
      kind: 'manual',
      action: `${records}, and Caddy on port 443 of ${storage.name} (${storage.address}) and ${cloud.name} (${cloud.address}) with its Cloudflare DNS certificates: `
        + 'the reverse-proxy lines below go into that Caddy',
    });
    leaveOwnerAction(scope, { kind: 'manual', action: `keep Caddy's sites that are not containers as they are: ${CADDY_SITES_TEXT}`, command: caddySites((name) => name) });
    // The design's Caddy serves Ghost as ghost.<domain>; under another name, the old one keeps its links.
    const ghost = factValue(ghostName);
    if (ghost !== 'ghost') {
      leaveOwnerAction(scope, {
        kind: 'manual',
        action: `keep ghost.${domain}, the name Caddy serves Ghost at today, as a redirect to ${ghost}.${domain}, Ghost's url`,
        command: `ghost.${domain} {\n\tredir https://${ghost}.${domain}{uri} permanent\n}`,
      });
    }
  } else {
    leaveOwnerAction(scope, { kind: 'manual', action: `${records}: ingress-nginx answers for them on ${storage.name}` });
    routeToCaddy(scope, routesNamespace);
  }
  openHostNetworkPorts(scope, exposure);
  // Plex apps at home reach the server on its own port, not through Caddy: on the host network that port is
  // behind the host's firewall, which NixOS closes by default.
  const plex = MEDIA_CONTAINERS.plex;
  leaveOwnerAction(scope, {
    kind: 'manual',
    action: `keep port ${plex.listenPort}/tcp of ${plex.host!.name} open for the Plex apps that connect to it directly, as the design keeps Plex `
      + `"still accessible at ${plex.host!.name}:${plex.listenPort} directly": the pod serves it on the host network, where NixOS' firewall closes `
      + 'every port it does not list, and an opening that came with the Podman container\'s module leaves with it: deploy it with the line that stops '
      + 'that container, so that the port closes for no moment between the two',
    command: `# NixOS configuration of ${plex.host!.name}\nnetworking.firewall.allowedTCPPorts = [ ${plex.listenPort} ];`,
    beforeFirstSync: true,
  });
  leaveOwnerAction(scope, {
    kind: 'placeholder',
    action: 'service mesh: the design\'s "Network Setup: Configure service mesh" names no product, so none is installed: '
      + 'add the one you choose as a platform component of charts/constellation/main.ts, or keep none (now `none`)',
  });
  leaveOwnerAction(scope, {
    kind: 'manual',
    action: 'integrate the existing Netdata with the cluster (the design\'s "Integrate with existing Netdata"): nothing here installs or configures it',
  });
  // The design's "update backup paths (minimal changes needed)": the apps' folders stay, the cluster's own state is new.
  leaveOwnerAction(scope, {
    kind: 'manual',
    action: `backups: the pods keep their data where the Podman containers kept it (one folder per container under ${factValue(mediaSettings.configDir)} on its host, `
      + `${factValue(mediaSettings.dataDir)}/files and ${factValue(mediaSettings.storageDir)}/media on ${storage.name}), so those backup paths stay as they are; `
      + `add K3s' datastore, ${K3S_SQLITE_DATASTORE_DIR} on ${storage.name}, the one new path: it holds every object of the cluster, among them the Secrets `
      + `made by hand (${LLDAP_SECRET}, ${KEYCLOAK_ADMIN_SECRET}), which are kept nowhere else; the token K3s needs to read it back is the agenix secret ${joinTokenSecret}`,
  });
}

/**
 * The design's ingress keeps serving files.<domain> and api.<domain> on 443 ("files.arsfeld.one → static files"), with
 * Caddy kept for them: ingress-nginx routes each name to Caddy on storage, which moves off ports 80 and 443 to a
 * port of plain HTTP that storage's firewall opens to ingress-nginx's pods. The routes live in `namespace`, beside the
 * wildcard certificate's Secret.
 */
function routeToCaddy(scope: Construct, namespace: string): void {
  const port = factValue(caddyBehindIngressPort);
  const caddy = new HostService(scope, 'caddy', { host: storage, port, namespace });
  for (const name of CADDY_SITE_NAMES) {
    new ServiceRoute(scope, `caddy-${name}`, { host: name, namespace: caddy.namespace, serviceName: caddy.serviceName, port });
  }
  leavePlaceholder(scope, caddyBehindIngressPort);
  leaveOwnerAction(scope, {
    kind: 'manual',
    action: `move Caddy on ${storage.name} and ${cloud.name} off ports 80 and 443, which ingress-nginx binds on both nodes: on ${storage.name} Caddy serves `
      + `files.${domain} and api.${domain} over plain HTTP on port ${port}, where ingress-nginx's routes for those names reach it (its pods connect to `
      + `${storage.address}:${port}, which ${storage.name}'s firewall opens), and ingress-nginx ends their TLS with the wildcard certificate; `
      + `the static sites under /var/www on ${cloud.name}, whose names the design does not give, have no route`,
    command: `${caddySites((name) => `http://${name}:${port}`)}\n# NixOS configuration of ${storage.name}\nnetworking.firewall.allowedTCPPorts = [ ${port} ];`,
  });
}

/**
 * A step per container on the host network other than Plex (whose port the step above opens to everyone):
 * its callers reach it at its node's address, and NixOS' firewall filters that address for them too. A pod's
 * connection to its own node's address passes the host's input rules (as the API server's 6443 does, which
 * the K3s lines open for that reason), and one from the other node or from a Podman container arrives there
 * as well; only the host itself (its Caddy, the kubelet's probes) comes in over loopback, which NixOS admits.
 */
function openHostNetworkPorts(scope: Construct, exposure: MediaExposure): void {
  const others = Object.entries(MEDIA_CONTAINERS).filter(([name, c]) => c.network === 'host' && name !== 'plex' && c.listenPort !== undefined);
  for (const [name, c] of others) {
    const node = c.host!;
    const callers = exposure === 'ingress'
      ? `ingress-nginx's pods, which reach ${name} at ${node.name}'s address through its Service, so that ${name}'s route answers`
      : `Caddy on ${node === storage ? cloud.name : storage.name} and the pods that call ${name}'s Service (${name}:${c.listenPort}), which reach it at ${node.name}'s address, `
        + `and the containers still on Podman that call it at ${node.address}:${c.listenPort}`;
    leaveOwnerAction(scope, {
      kind: 'manual',
      action: `open port ${c.listenPort}/tcp of ${node.name}, where ${name}'s pod listens on the host network, to ${callers}: NixOS' firewall refuses `
        + `every port it does not list, for what a pod sends to its own node's address too (the reason the K3s lines open 6443), and an opening that `
        + `came with the Podman container's module leaves with it; only ${node.name} itself reaches the port without it, over loopback`,
      command: `# NixOS configuration of ${node.name}\nnetworking.firewall.allowedTCPPorts = [ ${c.listenPort} ];`,
      beforeFirstSync: true,
    });
  }
}

/**
 * Authelia answers Caddy for the sites it guards (forward_auth, asked before each request is proxied) as well as at
 * its own name. Those lines name the port its Podman container published, which stops with it before the first
 * sync, and the block each moved container gets holds its upstream only: a guarded site keeps its forward_auth line
 * and asks Authelia where Caddy now reaches it. With ingress-nginx Caddy fronts no container, so there is no such line.
 */
export function keepAutheliaGuards(media: MediaContainers): void {
  const authelia = media.proxyTargets().find((t) => t.name === 'authelia');
  if (authelia === undefined || authelia.via === 'route') {
    return;
  }
  const stillPlaceholder = isPlaceholder(MEDIA_CONTAINERS.authelia.exposePort);
  leaveOwnerAction(media, {
    kind: 'manual',
    action: `Caddy's sites that Authelia guards (a forward_auth line that asks Authelia before the site is proxied): each keeps that line beside `
      + 'the reverse_proxy line its block below the table gives, which holds the upstream only, and asks Authelia at '
      + `${authelia.upstream}${authelia.tailnetUpstream ? ` (tailnet: ${authelia.tailnetUpstream})` : ''}${stillPlaceholder ? ', its node port (placeholder),' : ''} `
      + 'where it names the port Authelia\'s Podman container published, on the sites of the containers still on Podman too; once that container '
      + 'stops, a forward_auth line that names it fails every request to its site, and a site whose line is dropped opens without sign-in',
  });
}
