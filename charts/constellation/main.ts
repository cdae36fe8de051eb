import { Construct } from 'constructs';
import {
  acmeIssuer, cloudflareDns01, ClusterChart, ClusterDefinition, ClusterIssuer, factValue, ingressNginx,
  IngressTls, k3s, k3sKubeconfigFile, k3sManifests, leaveOwnerAction, leavePlaceholder, LETSENCRYPT_PRODUCTION, MediaContainers, MediaExposure,
  noRoutes, SecretReference,
} from '../../constructs';
import { acmeEmail, constellation, mediaSettings, storage, tailnet } from '../../hosts/constellation';
import { ghostDatabase, ghostName, keycloakDatabase, MEDIA_CONTAINERS, MEDIA_FOLDERS, NODE_PORT_RANGE, SIZINGS } from './media';
import { constellationDesignChoices } from './design-choices';
import { fromOutsideTheCluster, keepAutheliaGuards, keepOutsideTheCluster } from './outside';
import { giveWhatTheImagesNeed } from './startup';

/** Namespace of the media containers, and of every route's wildcard certificate under ingress-nginx. */
const MEDIA_NAMESPACE = 'media';

/** The agenix secret both hosts read the cluster's join token from. */
const JOIN_TOKEN_SECRET = 'k3s-token';

/**
 * K3s on storage, with servicelb and Traefik switched off, and cloud as its agent; the server admits the node
 * ports of NODE_PORT_RANGE (--service-node-port-range=2000-32767), as the design keeps services on their usual ports.
 */
export const distribution = k3s({
  serviceNodePortRange: NODE_PORT_RANGE,
  // The rest of the design's extraFlags; cloud joins over the tailnet with the token of the agenix secret
  // k3s-token, which both hosts read from `config.age.secrets.k3s-token.path`, as the design's server does.
  extraServerFlags: ['--disable-cloud-controller', '--write-kubeconfig-mode=644'],
  serverUrl: 'https://storage.bat-boa.ts.net:6443',
  agenixToken: JOIN_TOKEN_SECRET,
  // Both hosts run NixOS and K3s through its services.k3s module, as the design's k3s-cluster.nix does.
  nixos: true,
  // The design's repository layout gives each host's K3s settings a file of its own.
  nixosFiles: { storage: 'hosts/storage/k8s-server.nix', cloud: 'hosts/cloud/k8s-agent.nix' },
  // The design deploys each host "the same way" as today.
  nixosDeployCommand: 'just deploy {host}',
});

/** Options of the constellation cluster. */
export interface MainProps {
  /**
   * How the media services are reached: `nodePort` (the design's choice) keeps Caddy on the hosts in front of
   * node ports; `ingress` puts ingress-nginx and cert-manager in the cluster.
   * @default 'nodePort'
   */
  readonly exposure?: MediaExposure;
}

/**
 * The one cluster of constellation: storage (server) and cloud (agent), no GitOps controller. Its nodes are
 * every host of the site, so a host added to the inventory gets its join step and the join token's recipients.
 */
export class Main extends ClusterChart {
  /** The media containers. */
  public readonly media: MediaContainers;

  constructor(scope: Construct, props: MainProps = {}) {
    const exposure = props.exposure ?? 'nodePort';
    super(scope, 'main', {
      site: constellation,
      hosts: [...constellation.hosts],
      // The design's alternative: one wildcard certificate for every Ingress, issued through Cloudflare DNS-01.
      routes: exposure === 'ingress'
        ? ingressNginx({ tls: IngressTls.wildcard({ issuer: 'cloudflare', secretName: 'arsfeld-one-tls', namespace: MEDIA_NAMESPACE }) })
        : noRoutes(),
      gitops: k3sManifests(),
      // K3s, and what the design keeps outside Kubernetes: the tailnet, the agenix token, the DNS records and Caddy.
      preinstalled: [distribution.preinstalled, ...fromOutsideTheCluster(exposure, JOIN_TOKEN_SECRET)],
      nodePortRange: distribution.serviceNodePortRange,
      // Written into the cluster README, so that the output alone tells a deliberate difference from a mistake.
      designChoices: constellationDesignChoices(exposure),
    });
    distribution.configure(this);
    // The containers move with their config folders: an image older than the one that wrote them may not read them.
    leaveOwnerAction(this, {
      kind: 'placeholder',
      action: 'images of the media containers, repository and tag (charts/constellation/images.ts): the design gives none; write for each the image '
        + 'its Podman container runs today, at that release or a newer one, as the pods keep its config folder and database and an older release '
        + 'or another image may not read them',
      beforeFirstSync: true,
    });
    // "Zero service definition changes": each pod starts from its container's whole entry, of which the
    // design shows Plex's environment only; what the other entries set stays with their Podman containers.
    leaveOwnerAction(this, {
      kind: 'placeholder',
      action: 'environment and extra volumes of the media containers (charts/constellation/media.ts): the design gives none beyond Plex\'s '
        + '`VERSION = "latest"`; write for each what its `media.containers.<name>` entry sets today in `environment` and `volumes`, which its Podman '
        + 'container runs with and its pod would start without (a secret value goes into a Secret the pod reads, as lldap\'s do, never into media.ts)',
      beforeFirstSync: true,
    });
    if (exposure === 'ingress') {
      const apiToken = SecretReference.external('cert-manager', 'cloudflare-api-token', 'api-token');
      new ClusterIssuer(this, 'cloudflare', {
        name: 'cloudflare',
        issuer: acmeIssuer({ server: LETSENCRYPT_PRODUCTION, email: factValue(acmeEmail), solvers: [cloudflareDns01({ apiToken, dnsZones: [constellation.domain] })] }),
      });
      leaveOwnerAction(this, { kind: 'placeholder', action: `ACME account e-mail: ${acmeEmail.info.owner} (now \`${acmeEmail.value}\`)` });
    }
    keepOutsideTheCluster(this, exposure, JOIN_TOKEN_SECRET, MEDIA_NAMESPACE);
    this.media = new MediaContainers(this, 'media', {
      settings: mediaSettings,
      namespace: MEDIA_NAMESPACE,
      containers: MEDIA_CONTAINERS,
      exposure,
      reservedPorts: distribution.reservedPorts,
      tailnet,
      // The design's `devices = ["/dev/dri:/dev/dri"]` through a device plugin, as it translates them: a
      // hostPath of /dev/dri alone shows the device nodes, but the runtime lets no unprivileged pod open them.
      driDevices: 'intel-plugin',
    });
    Object.entries(MEDIA_FOLDERS).forEach(([name, mounts]) => leavePlaceholder(this.media.apps[name], mounts, { beforeFirstSync: true }));
    for (const [name, size] of Object.entries(SIZINGS)) {
      Object.values(size).forEach((amount) => leavePlaceholder(this.media.apps[name], amount, { beforeFirstSync: true }));
    }
    // The design's backend switch empties oci-containers because it moves all 50+ containers; this cluster runs
    // only the ones the design names, so only those stop (the rest stay on Podman, behind Caddy as today).
    leaveOwnerAction(this.media, {
      kind: 'manual',
      action: `stop the Podman containers of the ${Object.keys(MEDIA_CONTAINERS).length} services this cluster runs before K3s starts their pods `
        + '(they bind the same ports and write the same config folders); the design\'s `virtualisation.oci-containers.containers = lib.mkForce {}` '
        + 'would also stop the media containers the design does not name, which stay on Podman',
      command: podmanStopCommand(),
      beforeFirstSync: true,
    });
    // The design rolls a service back by switching its backend to Podman; here the cluster's side of that
    // switch is the container's entry and file, the host's side the line above.
    leaveOwnerAction(this.media, {
      kind: 'manual',
      action: 'to move a container back to Podman (the design\'s rollback): remove its entry from charts/constellation/media.ts and synth, take '
        + 'its file `2-apps-<name>.yaml` out of K3s\' folder as the step for a file that leaves it says, then drop its '
        + '`media.containers.<name>.enable = lib.mkForce false;` line and deploy its host, so that its Podman container starts again on the '
        + 'same config folder and port, and put back the Caddy site it had',
    });
    // The design names Stash only among the host-network containers, on no host.
    leaveOwnerAction(this.media.apps.stash, {
      kind: 'placeholder',
      action: `host of stash: the design names none (stash is in neither its storage nor its cloud list); write the host its Podman container `
        + `runs on today, ${storage.name} holding the media folders it mounts (now \`${storage.name}\`)`,
      beforeFirstSync: true,
    });
    leavePlaceholder(this.media.apps.ghost, ghostName, { beforeFirstSync: true });
    leavePlaceholder(this.media.apps.ghost, ghostDatabase, { beforeFirstSync: true });
    leavePlaceholder(this.media.apps.keycloak, keycloakDatabase, { beforeFirstSync: true });
    // The design's new justfile recipes beside `just deploy`; the justfile is the owner's, outside this repository.
    // They name the kubeconfig the owner copied from the server, as `just` runs them in a shell of its own.
    const kubectl = `kubectl --kubeconfig ${k3sKubeconfigFile(this)}`;
    leaveOwnerAction(this, {
      kind: 'manual',
      action: `add the design's recipes \`just k8s-status\` and \`just k8s-rollout plex\` to your justfile, with the kubeconfig copied from ${storage.name}`,
      command: `k8s-status:\n\t${kubectl} get pods -A\n\nk8s-rollout name:\n\t${kubectl} -n ${this.media.namespace} rollout restart deployment/{{name}}`,
    });
    // Authelia and Keycloak keep their users in lldap's directory.
    const { lldap, authelia, keycloak, sonarr, radarr, bazarr, overseerr } = this.media.apps;
    lldap.addAllowFrom(authelia).addAllowFrom(keycloak);
    // Bazarr fetches subtitles for what Sonarr and Radarr hold, and Overseerr sends them requests, each at
    // their Service (the settings the step on partners' addresses names): behind ingress-nginx, whose pods
    // alone the other containers admit, they would be refused.
    for (const library of [sonarr, radarr]) {
      library.addAllowFrom(bazarr).addAllowFrom(overseerr);
    }
    this.partnerAddresses(exposure);
    keepAutheliaGuards(this.media);
    this.validationStep(exposure);
    giveWhatTheImagesNeed(this.media);
  }

  /**
   * The design validates each service on its new backend before moving on: it runs, the gateway routes to it,
   * its monitoring sees it; one that fails goes back with the rollback. An answer of most HTTP statuses counts, as a
   * sign-in page or a redirect is what most of these serve at their root; 502, 503 and 504 do not, as the proxy
   * in front sends them itself when it reaches no pod behind the name (a node port that is wrong, a pod not ready).
   */
  private validationStep(exposure: MediaExposure): void {
    const namespace = this.media.namespace;
    const hosts = this.media.proxyTargets().map((t) => t.hostname);
    const proxy = exposure === 'ingress' ? 'ingress-nginx' : 'Caddy';
    leaveOwnerAction(this.media, {
      kind: 'manual',
      action: `validate each service after the first sync and after each change, as the design's per-service validation does: every Deployment of namespace ${namespace} `
        + `Available, then each host name answering over HTTPS through ${proxy} (an HTTP status is an answer, a sign-in page or a redirect, but not `
        + `502, 503 or 504, which ${proxy} sends itself when it reaches no pod behind the name; nor is a connection or certificate error), then the service `
        + 'in its own UI and in the existing Netdata; a service that fails goes back to Podman with the rollback step',
      command: `kubectl -n ${namespace} wait --for=condition=Available deployment --all --timeout=10m && for host in ${hosts.join(' ')}; `
        + `do curl -sS -o /dev/null -w "$host %{http_code}\\n" "https://$host/"; done | sed 's/ \\(50[234]\\)$/ \\1: ${proxy} reaches no pod/'`,
    });
  }

  /**
   * Under Podman the containers reach each other by container name (the design's Caddy: "Podman Services →
   * container:port"), and the config folders the pods keep hold those addresses. In a pod a bare name resolves
   * to a Service of its namespace only: each container here has one of its own name on its listen port, so
   * `sonarr:8989` still answers, while the name of a container left on Podman resolves nowhere, and Podman's
   * resolver no longer knows the moved ones.
   */
  private partnerAddresses(exposure: MediaExposure): void {
    const moved = Object.entries(MEDIA_CONTAINERS).filter(([, c]) => c.listenPort !== undefined).map(([name, c]) => `${name}:${c.listenPort}`);
    const outside = this.media.proxyTargets().map((t) => `${t.name} at ${t.upstream}`);
    // With ingress-nginx no port of a node leads to a pod off the host network: its route does, through ingress-nginx.
    const where = exposure === 'ingress' ? 'at its route through ingress-nginx, or on its host when it runs on the host network' : 'on its host';
    leaveOwnerAction(this.media, {
      kind: 'manual',
      action: 'the addresses the containers call each other at: their settings, in the config folders the pods keep, name partners as Podman did, '
        + `by container name; in a pod a bare name resolves only to a Service of namespace ${this.media.namespace}, which each container here has on its listen port `
        + `(${moved.join(', ')}), so those keep working, but a container still on Podman (the download clients and indexers Sonarr and Radarr call) `
        + 'is reached at its host\'s address and the port Podman publishes: change it there (Sonarr and Radarr: Settings → Download Clients and Indexers; '
        + 'Bazarr: Settings → Sonarr and Radarr; Overseerr: Settings → Plex and Services); and a container still on Podman that calls one of these '
        + `(an indexer manager that syncs to Sonarr and Radarr) reaches it ${where}: ${outside.join(', ')}`,
    });
  }
}

/**
 * The NixOS lines, per host, that turn off the Podman containers the cluster takes over, through the
 * `enable` of the design's `media.containers` entries: one attribute path a line, which reads the same in
 * any module of that host.
 */
function podmanStopCommand(): string {
  return constellation.hosts.filter((h) => Object.values(MEDIA_CONTAINERS).some((c) => c.host === h)).flatMap((h) => [
    `# ${h.name}/configuration.nix`,
    ...Object.entries(MEDIA_CONTAINERS).filter(([, c]) => c.host === h).map(([name]) => name).sort()
      .map((name) => `media.containers.${name}.enable = lib.mkForce false;`),
  ]).join('\n');
}

/** How the fleet builds this cluster. */
export const constellationMain: ClusterDefinition = {
  folder: 'constellation/main',
  source: 'charts/constellation/main.ts',
  build: (site) => new Main(site),
};
