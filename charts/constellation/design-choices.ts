import { formatNodePortRange, K3S_MANIFESTS_DIR, MediaContainer, MediaExposure } from '../../constructs';
import { cloud, constellation, storage } from '../../hosts/constellation';
import { MEDIA_CONTAINERS, NODE_PORT_RANGE, SIZINGS } from './media';
import { KEYCLOAK_ADMIN_SECRET, LLDAP_SECRET } from './startup';

/** The containers of `containers` with the given setting, by name, as prose (`a, b and c`). */
function names(containers: Record<string, MediaContainer>, keep: (c: MediaContainer, name: string) => boolean): string {
  const list = Object.entries(containers).filter(([name, c]) => keep(c, name)).map(([name]) => name);
  return list.length > 1 ? `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}` : list.join('');
}

/**
 * The containers whose listen port the design writes: plex, jellyfin and sonarr in their `media.containers`
 * entries, radarr, ghost and yarr as the node ports of its diagram (port = targetPort = nodePort), authelia in
 * its ingress sketch.
 */
const DESIGN_LISTEN_PORTS: readonly string[] = ['plex', 'jellyfin', 'sonarr', 'radarr', 'ghost', 'yarr', 'authelia'];

/** Where a media container mounts its config folder when its entry names no other: the linuxserver.io images' path. */
const DEFAULT_CONFIG_PATH = '/config';

/**
 * Where each container mounts its config folder, the design's per-container `configDir`, which it gives for none:
 * the path its image keeps its data in, grouped by path. Pure.
 */
export function configFolderPaths(containers: Record<string, MediaContainer>): string {
  const byPath = new Map<string, string[]>();
  for (const [name, c] of Object.entries(containers)) {
    if (c.configDir === false) continue;
    const at = c.configDir ?? DEFAULT_CONFIG_PATH;
    byPath.set(at, [...(byPath.get(at) ?? []), name]);
  }
  const list = [...byPath].map(([at, who]) => `${names(Object.fromEntries(who.map((n) => [n, containers[n]])), () => true)} at ${at}`);
  return 'In the container the folder is mounted at the design\'s `container.configDir`, which it gives for no container: here the path '
    + `each image keeps its data in (${list.join('; ')}); where a Podman entry mounts it elsewhere, write that path as the entry's \`configDir\` `
    + 'in charts/constellation/media.ts.';
}

/** How long the design's Podman alternative has systemd wait before it starts a crashed container again (`RestartSec`). */
const PODMAN_RESTART_DELAY = '30s';

/**
 * What the design counts K3s to cost in memory, in MB: the server, an agent and each pod, about 1GB in all
 * against Podman's 100MB.
 */
const K3S_OVERHEAD_MB = { server: 512, agent: 256, perPod: 50, total: '1GB', podman: '100MB' } as const;

/**
 * The design's count of K3s' own memory, with the pods each host runs here: K3s reserves none of it from
 * what the pods may be scheduled into, so the owner sizes the hosts with it. Pure.
 */
export function k3sOverhead(containers: Record<string, MediaContainer>): string {
  const pods = (hostName: string) => Object.values(containers).filter((c) => c.host?.name === hostName).length;
  return `**It costs what the design counts:** about ${K3S_OVERHEAD_MB.server}MB of RAM for the K3s server on ${storage.name}, `
    + `${K3S_OVERHEAD_MB.agent}MB for the agent on ${cloud.name} and ${K3S_OVERHEAD_MB.perPod}MB per pod (${pods(storage.name)} on ${storage.name}, `
    + `${pods(cloud.name)} on ${cloud.name}, and the GPU plugin's), about ${K3S_OVERHEAD_MB.total} in all against Podman's ${K3S_OVERHEAD_MB.podman}; `
    + 'K3s reserves none of it from the memory the pods are scheduled into, so each host needs it free beside the memory limits of its pods.';
}

/**
 * Where the constellation cluster departs from its design, or fills in what the design leaves open: the
 * cluster README lists them (`designChoices`), so that a reader of the output alone can tell a deliberate
 * difference from a mistake. What the design leaves out is a placeholder among the owner's steps instead.
 */
export function constellationDesignChoices(exposure: MediaExposure, containers: Record<string, MediaContainer> = MEDIA_CONTAINERS): string[] {
  const hostsOf = (hostName: string) => names(containers, (c) => c.host?.name === hostName);
  const designPorts = Object.entries(containers).filter(([, c]) => c.exposePort !== undefined && c.exposePort === c.listenPort)
    .map(([name, c]) => `${name} ${c.exposePort}`).join(', ');
  const hostNetwork = Object.entries(containers).filter(([, c]) => c.network === 'host');
  const plex = containers.plex;
  const imagePorts = Object.entries(containers).filter(([name]) => !DESIGN_LISTEN_PORTS.includes(name))
    .map(([name, c]) => `${name} ${[c.listenPort, ...(c.extraPorts ?? []).map((p) => p.port)].join(' and ')}`);
  const nodePortServices = '**Two Services per container, selected by `app.kubernetes.io/name`.** Pods carry the design\'s `app: <name>`, '
    + 'but every selector matches `app.kubernetes.io/name: <name>`. Each container gets a ClusterIP Service `<name>` on its listen port, for calls inside the cluster, '
    + 'and the design\'s NodePort Service as `<name>-nodeport` (port = targetPort = listen port), whose node port is the design\'s '
    + `(${designPorts}) or, where the design derives it with its undefined \`nameToPort\`, a placeholder. The K3s server starts with `
    + `\`--service-node-port-range=${formatNodePortRange(NODE_PORT_RANGE)}\`, which admits those ports below Kubernetes' 30000. `
    + `${names(Object.fromEntries(hostNetwork), () => true)}, on the host network, get no node port: Caddy reaches them on their own port of their node `
    + `(${hostNetwork.map(([, c]) => c.listenPort).join(', ')}), as the design's "Host Network K8s → storage:port".`;
  return [
    '**Kubernetes, which the design weighs against Podman.** Its conclusion rates the migration\'s practical benefits minimal for two '
      + 'hosts and recommends enhancing the Podman abstraction first (resource limits, health checks, a restart policy `unless-stopped` '
      + 'with `exponential` backoff), migrating for a specific need such as learning or more hosts. This cluster is that migration, the '
      + 'option its "Recommended Approach with Abstraction Layer" marks RECOMMENDED (Option 1, "Abstraction-Powered Migration"), with the '
      + 'rollback to Podman a step; the enhanced '
      + 'abstraction\'s settings are Kubernetes\' own here: Plex\'s resources and check below, and a crashed container restarted with a '
      + `back-off from 10 s that doubles up to five minutes, where the design's Podman alternative has systemd wait ${PODMAN_RESTART_DELAY} each time `
      + `(\`Restart = "always"\`, \`RestartSec = "${PODMAN_RESTART_DELAY}"\`). ${k3sOverhead(containers)}`,
    `**The containers the design names, not all of them.** The design switches all 50+ \`media.containers\` to Kubernetes at once; it names `
      + `${Object.keys(containers).length}, and this cluster runs those: ${hostsOf('storage')} on storage, ${hostsOf('cloud')} on cloud `
      + '(`special-service`, its example of a privileged container, is none of them: a container that must run privileged '
      + 'sets `privileged` with the reason). '
      + 'The others stay on Podman behind Caddy, so the step that stops Podman turns off only these (`media.containers.<name>.enable = '
      + 'lib.mkForce false`) where the design empties `virtualisation.oci-containers.containers`.',
    `**Both hosts at once, no test cluster.** The design tries K3s on test VMs for a week, then moves ${storage.name}'s containers one week `
      + `and ${cloud.name}'s the next (\`media.kubernetes.backend = "podman"; # migrate later\` on ${cloud.name} meanwhile). The files here hold `
      + 'the containers of both hosts, and no cluster of this repository stands for the test VMs. To move one host at a time, keep the other '
      + 'host\'s entries out of charts/constellation/media.ts until its week: they stay on Podman, and its node joins with no pod of its own.',
    '**Host folders, no PersistentVolumes.** The design\'s "Set up persistent volumes" is, in its own translation, host folders: each pod '
      + 'mounts `<configDir>/<name>` of its node, and with mediaVolumes `<dataDir>/files` and `<storageDir>/media`, where its Podman container '
      + 'keeps its data today; there is no PersistentVolume or claim, and K3s\' local-path StorageClass is not used. '
      + configFolderPaths(containers),
    '**Manifests from TypeScript, applied by K3s.** The design generates the manifests from Nix modules and links them to `/etc/k3s/manifests`, '
      + `a folder K3s does not read. Here \`charts/constellation/media.ts\` holds the same entries (listenPort, exposePort, mediaVolumes, network, `
      + `devices, environment, host) and synth writes the files, which go into ${K3S_MANIFESTS_DIR} on the server (NixOS: \`services.k3s.manifests\`), `
      + (exposure === 'ingress'
        ? 'the folder K3s applies; still no Argo CD or Flux, as the design asks, but not without Helm: the charts of the ingress alternative '
          + '(ingress-nginx, and cert-manager for the wildcard certificate, made in namespace media beside every Ingress that serves it) are HelmChart '
          + 'objects, which K3s\' own Helm controller installs; no Helm CLI runs.'
        : 'the folder K3s applies; still no Argo CD, Flux or Helm, as the design asks.')
      + ' So no `media.kubernetes` option (`enable`, `backend = "kubernetes"`) is set on either host: the design\'s switch is the step that '
      + 'stops each Podman container and the copy of the files into K3s\' folder, its rollback by `backend = "podman"` the step that moves a '
      + 'container back, and `constellation.media.enable = true` stays as it is, for the containers left on Podman.',
    ...(exposure === 'nodePort' ? [nodePortServices] : []),
    '**Listen ports the design does not write.** The design gives the ports of '
      + `${names(Object.fromEntries(Object.entries(containers).filter(([name]) => DESIGN_LISTEN_PORTS.includes(name))), () => true)} `
      + `(authelia's ${containers.authelia?.listenPort} in its ingress sketch); ${imagePorts.join(', ')} are their images' own defaults, `
      + 'which the placeholder images listen on. Where a config folder the pod keeps sets another port (Stash\'s config.yml, on the host '
      + 'network), write that port as the container\'s listenPort in charts/constellation/media.ts.',
    `**Host names.** Each container is served at \`<name>.${constellation.domain}\`, the design's \`\${serviceName}.\${cfg.domain}\`, `
      + `except ${Object.entries(containers).filter(([name, c]) => c.route !== undefined && c.route !== name)
        .map(([name, c]) => `${name} at ${c.route}.${constellation.domain}`).join(' and ')}, the design's own names; Ghost's is a placeholder, `
      + `as the design calls it ghost.${constellation.domain} in its Caddy example and blog.${constellation.domain} in its ingress section; `
      + 'where a container is reached under another name today, write that name as its `route` in charts/constellation/media.ts.',
    `**Plex's check asks /identity.** The design's check is \`curl -f http://localhost:${plex.listenPort}/health\`, a path Plex does not serve: `
      + 'it would fail for ever and the pod would never turn Ready. It asks `/identity`, which Plex answers without a token once up, as a '
      + `readiness probe every ${plex.healthCheck?.interval ?? '30s'} with ${plex.healthCheck?.retries ?? 3} retries, each given Podman's 30 s; `
      + 'liveness checks the port after up to 5 minutes of start-up.',
    '**No rolling updates, no failover.** Each Deployment replaces its pod (`Recreate`): a config folder is a single-writer database and a '
      + 'host-network port binds once per node. Each pod stays on its host, through the design\'s `nodeSelector` on `kubernetes.io/hostname`, '
      + 'beside the folders it keeps its data in, so it does not move to the other host when its host fails; the design\'s own table rates '
      + 'rolling updates and failover "No" for two hosts.',
    '**/dev/dri through Intel\'s device plugin**, the design\'s "K8s translation: device plugins": a hostPath of /dev/dri lets no unprivileged '
      + `pod open the device nodes. ${names(containers, (c) => (c.devices ?? []).length > 0)} each ask for one gpu.intel.com/i915 and run with the `
      + 'render and video groups; the plugin shares the iGPU between them. The design names only /dev/dri: the vendor, Intel, is a placeholder, '
      + 'as are the ids of the two groups.',
    '**Secure defaults the design does not ask for.** Every container drops its capabilities and runs with seccomp\'s default profile and, '
      + 'where its image allows, a read-only root filesystem; the linuxserver.io images start as root with the capabilities to switch to PUID, '
      + 'each exemption annotated on its pod. Network policies admit each container\'s own port only'
      + (exposure === 'ingress' ? ', from ingress-nginx\'s pods, Sonarr\'s and Radarr\'s also from Bazarr and Overseerr, which call them,' : ',')
      + ' and lldap\'s LDAP port (3890) to Authelia and Keycloak only. Every container gets requests and a memory limit: Plex the design\'s, '
      + `${names(containers, (_c, name) => name in SIZINGS)} placeholders, `
      + 'the others the media containers\' default (50m / 128Mi, limit 512Mi), as the design sizes Plex only.',
    `**Secrets made by hand.** The design keeps its secrets age-encrypted in its repository, and so does the K3s join token here (agenix). `
      + `The Secrets of the pods (${LLDAP_SECRET}, ${KEYCLOAK_ADMIN_SECRET}) are created with kubectl before the first sync instead, as K3s' `
      + 'folder applies files as they are and decrypts none; K3s\' datastore alone keeps them, which the backup step adds.',
    '**K3s settings.** The join token is read from the agenix secret\'s path through `tokenFile` (the design\'s `token =` takes the token '
      + 'itself, so it would make the path the token); `serverAddr` is set on the agent only (the design sets it on the server, which would '
      + 'then join itself); `--tls-san` adds the tailnet name agents and kubectl dial to the server\'s certificate.',
    exposure === 'nodePort'
      ? '**Node ports behind Caddy, not the ingress alternative.** The design also sketches ingress-nginx with cert-manager on both hosts; it '
        + 'recommends keeping Caddy unchanged ("Zero change to DNS, routing, or Caddy configuration"), which this cluster does: Caddy on both '
        + `hosts keeps serving *.${constellation.domain} with its Cloudflare DNS certificates and proxies to the node ports, each line naming `
        + 'the node\'s address (the design\'s diagram writes localhost:nodeport), which either host\'s Caddy reaches. '
        + "`new Main(site, { exposure: 'ingress' })` builds the alternative."
      : '**One ingress-nginx on both nodes, not one per host with a cross-host proxy.** The design\'s alternative runs a controller per host '
        + 'and proxies the other host\'s names across; here ingress-nginx runs as a DaemonSet on ports 80 and 443 of both nodes (servicelb is '
        + 'off) and every node serves every name, through one wildcard certificate from ClusterIssuer cloudflare. Caddy moves off those ports '
        + `and keeps the sites that are not containers, behind ingress-nginx, which routes files.${constellation.domain} and api.${constellation.domain} `
        + `to it on ${storage.name}, as the design's "files.arsfeld.one → static files".`,
  ];
}
