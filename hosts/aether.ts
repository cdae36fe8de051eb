import { type AlertReceiverKind, externalHost, factValue, host, placeholder, site, vlan, WAZUH_AGENT_PINS } from '../constructs';

// Aether, a 3-node Talos cluster on Proxmox (Ceph RBD underneath) used as an application
// platform. Facts only; charts/aether/ decides what runs where. The identity, secrets, CA, monitoring
// and network services stay on VMs and appear here as external hosts only.

export const vlans = {
  // "k8s on VLAN 3": the three nodes and the load-balancer VIP; gateway from the nodes' Talos config.
  kubernetes: vlan('kubernetes', { id: 3, cidr: '10.0.3.0/24', gateway: '10.0.3.1', purpose: 'Talos nodes and the Cilium L2 VIP' }),
};

/** The pods' network, "invisible" to VyOS: pod traffic crosses VLAN 3 inside the nodes' VXLAN tunnels. */
export const podNetwork = '10.244.0.0/16';

// Each node is a Proxmox VM (8 vCPU, 16 GB, 100 GB on ceph-vm-disks) named after the Proxmox host it
// runs on; all three are control plane and worker (allowSchedulingOnControlPlanes: true). No GPUs: GPU
// work stays on the GPU workstation VM.
/**
 * What a node is: the design's Proxmox VM, by its VM id and the Proxmox host it runs on, with its 100 GB
 * virtual disk on the Ceph pool ceph-vm-disks (a disk of no media of its own, so not one of `disks`).
 */
const proxmoxVm = (vmId: number, proxmoxHost: string) => `Proxmox VM ${vmId} on host ${proxmoxHost}, 100 GB disk on ceph-vm-disks`;
export const talosTrinity = host('talos-trinity', {
  arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.0.3.16', cores: 8, memoryGigabytes: 16, model: proxmoxVm(1030, 'trinity'),
});
export const talosNeo = host('talos-neo', {
  arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.0.3.17', cores: 8, memoryGigabytes: 16, model: proxmoxVm(1031, 'neo'),
});
export const talosNiobe = host('talos-niobe', {
  arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.0.3.18', cores: 8, memoryGigabytes: 16, model: proxmoxVm(1032, 'niobe'),
});
/**
 * The cluster's nodes, in the order the owner's steps name them: the one list the site, the cluster and every
 * step that names the nodes (their export of the media library, their health check, their upgrades) read, so a
 * node added here reaches all of them.
 */
export const talosNodes = [talosTrinity, talosNeo, talosNiobe];

/**
 * The name of the nodes' one network interface, on VLAN 3: their Talos configs put the static address on it, and
 * Cilium announces the VIP on it. The design writes eth0, but Talos names interfaces predictably on a new install
 * (since 1.5), and its nocloud platform adds no `net.ifnames=0` to the kernel's command line, nor does the image
 * of the design's default schematic: the virtio NIC of a Proxmox VM (net0, in PCI slot 18) comes up as ens18.
 */
export const nodeInterface = placeholder('ens18', {
  fact: "name of the nodes' network interface on VLAN 3",
  owner: "set to the name `talosctl get links` shows for it on a node (ens18 for net0 of a Proxmox VM under Talos' predictable names; eth0 only where "
    + 'the kernel\'s command line carries net.ifnames=0): the static address of each node\'s Talos config and the VIP\'s L2 announcements name it, '
    + 'and an interface of another name gets neither',
});

/** The design's Proxmox host of a VM that stays outside the cluster, for the README's machines table. */
const vmOn = (proxmoxHost: string) => ({ model: `VM on Proxmox host ${proxmoxHost}` });

const vmAddress = (fact: string) => placeholder('10.0.0.10', { fact: `${fact} address`, owner: `set to the LAN address of the ${fact} VM` });

/** OpenBao, on the Oracle host: secrets for the Secrets Store CSI driver and External Secrets. */
export const openBao = externalHost('openbao', { address: vmAddress('OpenBao'), hardware: vmOn('Oracle'), dnsName: 'bao.home.shdr.ch', ports: { https: 443 } });
/** Keycloak, on the Oracle host: the OIDC issuer of the API server, realm `aether`. */
export const keycloak = externalHost('keycloak', { address: vmAddress('Keycloak'), hardware: vmOn('Oracle'), dnsName: 'auth.shdr.ch', ports: { https: 443 } });
/** The GitLab instance CI deploys from (its agent server, KAS, is at `/-/kubernetes-agent/`). */
export const gitlab = externalHost('gitlab', { address: vmAddress('GitLab'), hardware: vmOn('Trinity'), dnsName: 'gitlab.home.shdr.ch', ports: { https: 443 } });
/** step-ca, on the Oracle host: the CA cert-manager gets certificates from over ACME. */
export const stepCa = externalHost('step-ca', {
  address: vmAddress('step-ca'), hardware: vmOn('Oracle'),
  dnsName: placeholder('ca.home.shdr.ch', { fact: 'step-ca host name', owner: 'set to the name step-ca serves its ACME directory under' }),
  ports: { https: 443 },
});
/** The OpenTelemetry Collector gateway of the monitoring stack on Niobe; in-cluster collectors export to it. */
export const otelGateway = externalHost('otel-gateway', {
  address: vmAddress('monitoring stack'), hardware: vmOn('Niobe'),
  dnsName: placeholder('otel.home.shdr.ch', { fact: 'OTLP gateway host name', owner: 'set to the monitoring VM\'s OTLP gateway name' }),
  ports: { otlpGrpc: 4317 },
});
/**
 * The Wazuh manager of the IDS stack VM on the Oracle host; the Wazuh agent on every node reports to it
 * (events on 1514, enrollment on 1515, Wazuh's defaults). The design places it but gives no address.
 */
export const wazuhManager = externalHost('wazuh-manager', {
  address: vmAddress('IDS stack (Wazuh manager)'), hardware: vmOn('Oracle'),
  ports: { events: 1514, enrollment: 1515 },
});
/** The GPU workstation on Neo: Jellyfin transcodes on it through rffmpeg over SSH. */
export const gpuWorkstation = externalHost('gpu-workstation', {
  address: vmAddress('GPU workstation'), hardware: vmOn('Neo'),
  dnsName: placeholder('gpu.home.shdr.ch', { fact: 'GPU workstation host name', owner: 'set to the GPU workstation\'s name' }),
  ports: { ssh: 22 },
});
/**
 * The release of the Wazuh agent on every node: the design moves the VMs' agents into a DaemonSet and gives no
 * release of them or of the IDS stack's manager, which refuses an agent newer than itself.
 */
export const wazuhAgentVersion = placeholder<string>(WAZUH_AGENT_PINS.version, {
  fact: 'release of the Wazuh agent (tag of wazuh/wazuh-agent)',
  owner: "set to the release of the IDS stack's Wazuh manager, or an older one: the manager refuses an agent of a newer release than its own",
});
/** The rotating SOCKS5 proxy qBittorrent's traffic leaves through. */
export const rotatingProxy = externalHost('rotating-proxy', {
  address: vmAddress('rotating proxy'),
  dnsName: placeholder('proxy.home.shdr.ch', { fact: 'rotating SOCKS5 proxy host name', owner: 'set to the rotating proxy\'s name' }),
  // The design says qBittorrent goes through the rotating proxy's SOCKS5, not on which port: its pods may reach that one alone.
  ports: { socks5: placeholder(1080, { fact: "rotating proxy's SOCKS5 port", owner: 'set to the port the rotating proxy serves SOCKS5 on (1080 is SOCKS\' usual one)' }) },
});
/** Ceph's RADOS Gateway: S3 for Crossplane's buckets and IAM. */
export const cephRgw = externalHost('ceph-rgw', {
  address: vmAddress('Ceph RGW'),
  dnsName: placeholder('s3.home.shdr.ch', { fact: 'Ceph RGW host name', owner: 'set to the S3 endpoint of Ceph RGW' }),
  ports: { https: 443 },
});
/**
 * Whether provider-sql talks to the database server over TLS (its ProviderConfig's `sslMode`): the design names
 * the server's config `surrealdb` and says nothing of its TLS. `require` encrypts without checking the server's
 * certificate; a server with `ssl = off` refuses it, and one that takes TLS connections alone refuses `disable`.
 */
export const databaseSslMode = placeholder<'require' | 'disable'>('require', {
  fact: "TLS of the connection provider-sql makes to the database server (its sslMode: require or disable)",
  owner: "keep require if the PostgreSQL server has ssl on (Debian's packages turn it on, with a self-signed certificate); set disable if it serves plain connections alone",
});
/** The PostgreSQL server Crossplane's SQL provider manages databases on (the ProviderConfig `surrealdb`). */
export const databaseServer = externalHost('database', {
  address: vmAddress('database server'),
  dnsName: placeholder('db.home.shdr.ch', { fact: 'database server host name', owner: 'set to the database server Crossplane manages' }),
  ports: { postgres: 5432 },
});
/**
 * The gateway stack on the Oracle host: Caddy, the single entry point, terminates TLS and proxies
 * `*.apps.home.shdr.ch` to the cluster's VIP; AdGuard resolves those names to it.
 */
export const gatewayStack = externalHost('gateway-stack', { address: vmAddress('gateway stack (Caddy)'), hardware: vmOn('Oracle'), ports: { https: 443 } });
/** AdGuard on the Oracle host: the DNS server of the nodes, which resolves the lab's names (`*.home.shdr.ch`) for them and their pods. */
export const adGuard = externalHost('adguard', { address: vmAddress('AdGuard'), hardware: vmOn('Oracle'), ports: { dns: 53 } });
/** What the media export holds: the design gives the NFS server no disk size. */
export const mediaExportCapacity = placeholder('4T', { fact: 'capacity of the NFS export of the media library', owner: "set to what the Smith NFS server's media export holds (`df -h` of its path on the server)" });
/** The NFS server VM on Smith, which holds the media library Jellyfin serves and qBittorrent downloads into. */
export const nfsServer = externalHost('nfs-server', { address: vmAddress('NFS server'), hardware: vmOn('Smith'), ports: { nfs: 2049 } });
/** The UPS the NUT server watches, on the network. */
export const ups = externalHost('ups', {
  address: placeholder('10.0.0.20', { fact: 'UPS network card address', owner: 'set to the UPS (SNMP) address' }),
  ports: { snmp: 161 },
});

/**
 * The address Knative's cluster-local Gateway takes inside the cluster: the design gives none. An address of
 * VLAN 3 that no host uses; Cilium hands it to that Gateway alone and never announces it on the LAN.
 */
export const knativeLocalGatewayAddress = placeholder('10.0.3.20', {
  fact: "address of Knative's cluster-local Gateway",
  owner: 'set to an address of VLAN 3 (10.0.3.0/24) that no host uses and no DHCP server hands out; Cilium serves it inside the cluster only, for the Knative Services\' cluster-local names',
});

export const aether = site('aether', {
  // Apps live under their own subdomain; *.home.shdr.ch stays with the VM services behind Caddy.
  domain: 'apps.home.shdr.ch',
  hosts: talosNodes,
  externalHosts: { adGuard, openBao, keycloak, gitlab, stepCa, otelGateway, wazuhManager, gpuWorkstation, rotatingProxy, cephRgw, databaseServer, ups, gatewayStack, nfsServer },
  vlans,
  pools: {
    // The single VIP for every LoadBalancer (Cilium L2, HA failover). The design's traffic table names
    // 10.0.3.60 once; that is a typo for 10.0.3.19, which Caddy proxies to and the IP pool holds.
    'ingress-pool': { first: '10.0.3.19', last: '10.0.3.19', vlan: 3 },
    // Knative's cluster-local Gateway's own address, which Cilium serves inside the cluster only; the
    // placeholder is listed where the chart takes the address.
    'knative-local-gateway': { first: factValue(knativeLocalGatewayAddress), last: factValue(knativeLocalGatewayAddress), vlan: 3 },
  },
  nfs: {
    // The media stack's library and downloads; the design names the NFS server but not its export.
    media: {
      server: nfsServer.address,
      path: placeholder('/srv/nfs/media', { fact: 'NFS export of the media library', owner: 'set to the path the Smith NFS server exports for media, as the export step below sets it up' }),
      capacity: mediaExportCapacity,
    },
  },
  git: {
    url: placeholder('ssh://git@gitlab.home.shdr.ch/infra/homelab.git', { fact: 'GitLab project of this repository', owner: 'set to the clone URL of this repository on gitlab.home.shdr.ch' }),
    branch: 'main',
  },
});

/**
 * MCPO, the proxy that offers MCP tool servers to OpenWebUI as OpenAPI endpoints; the design migrated it
 * with OpenWebUI but names neither its release nor its servers.
 */
export const openWebUiMcpoImage = placeholder('ghcr.io/open-webui/mcpo:v0.0.17', {
  fact: 'image of MCPO, the MCP-to-OpenAPI proxy OpenWebUI calls tools through',
  owner: 'set to the MCPO release the lab runs',
});

/**
 * MCPO's `config.json`: the MCP servers it proxies, none until the owner lists them. MCPO exits at start on
 * a config without a server, so it runs no pod until one is listed.
 */
export const openWebUiMcpoServers = placeholder('{"mcpServers": {}}\n', {
  fact: "MCP servers of MCPO's config.json",
  owner: 'list the MCP servers OpenWebUI uses (`{"mcpServers": {"<name>": {"command": "…", "args": […]}}}`); MCPO refuses a config without one, and runs no pod until one is listed',
});

/**
 * SearXNG's `settings.yml`: what the AI tool stack VM's SearXNG sets beside SearXNG's own defaults. The design
 * moves SearXNG without it; the stand-in sets nothing beyond them, as the image's copied file does (its secret
 * key and base URL come from the environment either way).
 */
export const searxngSettings = placeholder('use_default_settings: true\n', {
  fact: "SearXNG's settings.yml",
  owner: "write what the AI tool stack VM's SearXNG sets beside SearXNG's defaults, below `use_default_settings: true` (its engines, its UI); "
    + 'a caller that reads its results as JSON, as OpenWebUI\'s web search and Firecrawl\'s search do, needs `search: {formats: [html, json]}` '
    + '(SearXNG answers JSON with 403 otherwise); secret_key and base_url come from the environment',
});

/**
 * LiteLLM's `config.yaml`: the models it proxies. The design moves LiteLLM without them, and the stand-in lists
 * none, so LiteLLM starts and answers every caller with its master key, but serves no model until the owner
 * lists them.
 */
export const litellmConfig = placeholder('model_list: []\n', {
  fact: "models LiteLLM proxies (its config.yaml's model_list)",
  owner: 'list the models of the AI tool stack VM\'s LiteLLM, e.g. one of the GPU workstation\'s Ollama: '
    + '`model_list: [{model_name: <name>, litellm_params: {model: ollama/<model>, api_base: "http://<workstation>:11434"}}]`; '
    + 'a provider key is written as os.environ/<NAME>, with <NAME> added to LiteLLM\'s env from OpenBao',
});

/**
 * The root certificate of the lab's step-ca, which signs its ACME server's TLS certificate: cert-manager
 * trusts only the public roots otherwise, and could not reach the server.
 */
export const stepCaRootCertificate = placeholder('-----BEGIN CERTIFICATE-----\n(the step-ca root certificate)\n-----END CERTIFICATE-----\n', {
  fact: 'root certificate of step-ca (PEM), which cert-manager needs to trust its ACME server',
  owner: 'paste what `step ca root` prints on the step-ca host',
});

/**
 * Which CA signs the certificates of the lab's services the cluster's platform calls over TLS: OpenBao
 * (bao.home.shdr.ch), which External Secrets and the Secrets Store CSI provider read secrets from, GitLab's
 * agent server (gitlab.home.shdr.ch), which the GitLab agent connects to, and the monitoring VM's OTLP
 * gateway, which the OpenTelemetry collectors export to. The design has the cluster trust the identity
 * layer's certificates, and names no CA for these names. With `step-ca`, every one of those clients trusts
 * step-ca's root certificate (its own placeholder) for them; with `public`, the system's public roots.
 */
export const labServicesCa = placeholder<'public' | 'step-ca'>('public', {
  fact: "CA that signs the certificates of OpenBao (bao.home.shdr.ch), GitLab's agent server (gitlab.home.shdr.ch) and the OTLP gateway (public or step-ca)",
  owner: 'set to step-ca if the gateway stack and the monitoring VM serve them with certificates step-ca signs: External Secrets, the Secrets Store CSI provider '
    + "(the NUT server's password), the GitLab agent and the OpenTelemetry collectors then trust step-ca's root certificate, set before the first sync too",
});

/**
 * The ACME provisioner of step-ca, whose directory (`/acme/<name>/directory`) cert-manager registers with and
 * orders from. The design has cert-manager use a step-ca issuer and names none of step-ca's provisioners.
 */
export const stepCaAcmeProvisioner = placeholder('acme', {
  fact: "name of step-ca's ACME provisioner, whose directory cert-manager orders the gateway's certificate from",
  owner: 'set to the name `step ca provisioner list` shows for the provisioner of type ACME on the step-ca host; with none, add one: '
    + '`step ca provisioner add acme --type ACME` names it acme',
});

/** Contact address of the ACME account cert-manager registers with step-ca. */
export const acmeContactEmail = placeholder('admin@shdr.ch', {
  fact: 'contact e-mail of the ACME account at step-ca',
  owner: "set to the lab owner's address",
});

/**
 * The address of MediaManager's administrator. On a database without users MediaManager makes an administrator
 * with the first of its admin addresses and the password `admin`, and makes every account that registers with
 * one of them an administrator: its example config lists `admin@example.com` and `admin2@example.com`.
 */
export const mediaManagerAdminEmail = placeholder('admin@shdr.ch', {
  fact: "address of MediaManager's administrator (its auth.admin_emails)",
  owner: "set to the lab owner's address before MediaManager first starts: its first administrator gets it, and an account that registers with it becomes an administrator",
});

/**
 * The edition of GitLab the chart runs (its `global.edition`, `ee` by default): the design moves the GitLab VM
 * into the cluster without naming its edition, and a GitLab backup restores only into the edition and release
 * that made it.
 */
export const gitlabEdition = placeholder<'ee' | 'ce'>('ee', {
  fact: 'edition of GitLab the chart runs (ee or ce)',
  owner: "set to the edition the GitLab VM runs (its Help page names it), before GitLab first starts: the VM's backup restores only into the same edition",
});

/**
 * Synapse's `server_name`, the domain of every Matrix ID (`@user:<name>`) and room alias. The design names
 * none, and it cannot change once users or rooms exist: Synapse refuses to start on a database made under
 * another name.
 */
export const matrixServerName = placeholder('shdr.ch', {
  fact: 'Matrix server name (the domain of Matrix IDs, `@user:<name>`)',
  owner: 'set to the domain the Matrix IDs are to carry before Synapse first starts; it can never change once users or rooms exist',
});

/**
 * The GitLab project the agent `k8s-agent` is registered in (its configuration is
 * `.gitlab/agents/k8s-agent/config.yaml` there); CI jobs reach the cluster through the context
 * `<project>:k8s-agent`. The design names the agent, not its project.
 */
export const gitLabAgentProject = placeholder('infra/k8s-agent', {
  fact: 'GitLab project of the agent k8s-agent',
  owner: 'set to the path of the GitLab project that holds .gitlab/agents/k8s-agent/config.yaml, where the agent is registered',
});

/** NUT's driver for the UPS: the design says only "NUT Server" and names neither the UPS nor how it is attached. */
export const upsDriver = placeholder('snmp-ups', {
  fact: 'NUT driver of the UPS',
  owner: 'set to the driver of the UPS (snmp-ups for a network card at the UPS address; a USB UPS needs usbhid-ups and the device on one node)',
});

/** The stock Jellyfin image: it ships jellyfin-ffmpeg, and no rffmpeg. */
export const JELLYFIN_STOCK_IMAGE = 'jellyfin/jellyfin:10.10.7';

/**
 * Jellyfin's image. The design sends every transcode to the GPU workstation through rffmpeg, which the stock
 * image does not ship: until this names an image that adds it, Jellyfin transcodes in its pod.
 */
export const jellyfinImage = placeholder(JELLYFIN_STOCK_IMAGE, {
  fact: `Jellyfin's image, one that adds rffmpeg at /usr/local/bin/rffmpeg to ${JELLYFIN_STOCK_IMAGE}`,
  owner: 'set to the image you build with rffmpeg, its rffmpeg.yml and the SSH key of user jellyfin on the GPU workstation, on the release that wrote the media stack '
    + "VM's /config or a newer one when you bring that /config; the stock image transcodes in the pod",
});

/** The lab's time zone, which the design does not give: qBittorrent's scheduler and log times follow it. */
export const labTimeZone = placeholder('Etc/UTC', {
  fact: "the lab's time zone (TZ of qBittorrent, a tz database name)",
  owner: "set to the lab's zone, e.g. Europe/Zurich: qBittorrent's speed schedule and its log times follow it",
});

/** When the weekly Nuclei scan runs: the design says weekly and leaves the day and hour to `network-security.md`. */
export const nucleiSchedule = placeholder('0 3 * * 0', {
  fact: 'day and hour of the weekly Nuclei scan (cron)',
  owner: 'set to the weekly schedule network-security.md gives',
});

/**
 * What Nuclei scans, comma-separated: the design points to `network-security.md`, which is not given; the
 * stand-ins are the three routes its traffic diagram names.
 */
export const nucleiTargets = placeholder('https://openwebui.apps.home.shdr.ch,https://litellm.apps.home.shdr.ch,https://gitlab.apps.home.shdr.ch', {
  fact: 'targets of the weekly Nuclei scan (comma-separated URLs)',
  owner: 'set to the targets network-security.md lists',
});

/**
 * The ClusterRole provider-kubernetes acts with (its ProviderConfig `default` uses the pod's own identity):
 * the design says only "K8s resources (for compositions)". The stand-in lets it edit namespaced objects.
 */
export const crossplaneKubernetesRole = placeholder('edit', {
  fact: 'ClusterRole provider-kubernetes acts with for compositions',
  owner: "set to the role the compositions' objects need (cluster-admin to make namespaces, RBAC or CRDs too)",
});

/**
 * The audience (`aud`) of the ID tokens GitLab CI jobs present to Ceph RGW's STS to assume a role without
 * static keys: the design names the flow (OIDC, `AssumeRoleWithWebIdentity`) but no audience. The stand-in is
 * the S3 endpoint, the service the tokens are meant for.
 */
export const rgwOidcAudience = placeholder('https://s3.home.shdr.ch', {
  fact: "audience of GitLab CI's ID tokens for Ceph RGW (the OIDC provider's client ID)",
  owner: 'set to the aud the CI jobs write under id_tokens and the roles\' trust policies check',
});

/**
 * Whether the monitoring VM's OTLP gateway serves TLS on 4317: the design says only "OTLP export". With TLS
 * the collectors trust the CA {@link labServicesCa} names for it.
 */
export const otlpTransport = placeholder<'tls' | 'plaintext'>('tls', {
  fact: 'transport of the OTLP gateway on the monitoring VM (tls or plaintext)',
  owner: 'set to plaintext if the gateway serves plain gRPC on 4317; with tls the collectors trust the CA of the lab\'s services for its certificate (the public roots, or step-ca\'s root)',
});

/**
 * Where the monitoring VM's alerts reach someone: the design has the monitoring stack alert when the cluster
 * is down, and names no channel.
 */
export const monitoringAlertReceiver = placeholder<AlertReceiverKind>('webhook', {
  fact: "kind of receiver the monitoring VM's Alertmanager sends alerts to (webhook, slack, discord or msteams)",
  owner: 'the design has the monitoring stack alert when the cluster is down but names no channel: pick the service that should notify you '
    + "(webhook is Alertmanager's own format, which ntfy and Gotify bridges read); its step below gives the Alertmanager configuration",
});

/**
 * The StorageClass of the Ceph RBD volumes the design's storage row names ("Ceph RBD") without naming the class:
 * every claim of the cluster, the Helm charts' bundled databases among them, is made in it.
 */
export const cephRbdStorageClass = placeholder('ceph-rbd', {
  fact: 'name of the StorageClass of Ceph RBD (ceph-csi) the claims are made in',
  owner: 'set to the name of the ceph-csi RBD StorageClass the cluster already has, or keep it and create that class by the Ceph CSI step',
});

/**
 * Sizes of the Ceph RBD claims the design gives none for, which the data of the VMs it retires moves into.
 * The stand-ins suit a small lab.
 */
export const claimSizes = {
  openWebUiData: placeholder('10Gi', {
    fact: "size of OpenWebUI's data claim (uploads, the embedding model's cache)",
    owner: "set to what the AI tool stack VM's OpenWebUI data folder holds, with room to grow",
  }),
  openWebUiDatabase: placeholder('20Gi', {
    fact: "size of OpenWebUI's PostgreSQL and pgvector claim (chats and embeddings)",
    owner: 'set to the size the chats and document vectors need, with room to grow',
  }),
  mediaManagerDatabase: placeholder('5Gi', {
    fact: "size of MediaManager's PostgreSQL claim (its library, requests and users)",
    owner: "set to what the media stack VM's MediaManager database holds, with room to grow",
  }),
  bytebotDatabase: placeholder('5Gi', {
    fact: "size of Bytebot's PostgreSQL claim (its tasks and messages)",
    owner: "set to what the AI tool stack VM's Bytebot database holds, with room to grow",
  }),
  synapseDatabase: placeholder('16Gi', {
    fact: "size of Synapse's PostgreSQL claim (rooms, events and users; its media has a claim of the chart's)",
    owner: "set to what the messaging stack VM's Synapse database holds, with room to grow",
  }),
  jellyfinConfig: placeholder('20Gi', {
    fact: "size of Jellyfin's /config claim (its database, metadata and artwork)",
    owner: "set to what the media stack VM's Jellyfin config holds, with room to grow",
  }),
  qbittorrentConfig: placeholder('2Gi', {
    fact: "size of qBittorrent's /config claim",
    owner: "set to what the media stack VM's qBittorrent config holds",
  }),
  // The GitLab and Synapse charts' own claims; the stand-ins are the charts' defaults.
  gitlabRepositories: placeholder('50Gi', {
    fact: "size of GitLab's Gitaly claim (the Git repositories)",
    owner: "set to what the GitLab VM's repositories hold, with room to grow",
  }),
  gitlabDatabase: placeholder('8Gi', {
    fact: "size of GitLab's bundled PostgreSQL claim",
    owner: "set to what the GitLab VM's database holds, with room to grow",
  }),
  gitlabObjectStorage: placeholder('10Gi', {
    fact: "size of GitLab's bundled MinIO claim (uploads, LFS objects, CI artifacts, packages and the container registry's images)",
    owner: "set to what the GitLab VM's uploads, LFS objects, artifacts, packages and registry hold, with room to grow",
  }),
  synapseMedia: placeholder('10Gi', {
    fact: "size of Synapse's media claim (uploaded media and the remote media it caches)",
    owner: "set to what the messaging stack VM's Synapse media store holds, with room to grow",
  }),
};

/**
 * Where OpenWebUI and MCPO run today: the design has already moved them into this cluster with OpenTofu, whose
 * file holds their route, their PostgreSQL with pgvector and the tuning for 4+ concurrent users.
 */
export const OPENWEBUI_TOFU_FILE = 'tofu/home/kubernetes/openwebui.tf';

/**
 * OpenWebUI's image. The design runs OpenWebUI in this cluster already, from its OpenTofu file, at a release it
 * does not name; its database and data folder move here, and OpenWebUI migrates them forward only: at its start
 * it upgrades the database to its own schema, and it knows no schema a newer release wrote. The stand-in is a
 * release that reads the four variables of the design's tuning for 4+ users (v0.6.5 read only
 * `AIOHTTP_CLIENT_TIMEOUT`; the streaming batch came in v0.6.19, the model-list cache after it).
 */
export const openWebUiImage = placeholder('ghcr.io/open-webui/open-webui:v0.6.33', {
  fact: 'image of OpenWebUI',
  owner: `set to the release OpenTofu's OpenWebUI runs (its image in ${OPENWEBUI_TOFU_FILE}) or a newer one, before its database and data folder move here: `
    + 'OpenWebUI migrates them forward only',
});

/**
 * OpenWebUI's tuning for four or more concurrent users, which the design says was done (cache, streaming
 * batch, thread pool, timeouts) without its values. Each is an environment variable of OpenWebUI's backend;
 * the stand-ins are OpenWebUI's own defaults, so nothing changes until the owner writes the tuned values.
 */
export const openWebUiTuning = {
  /** Seconds OpenWebUI keeps the model list of its connections before it asks them again. */
  MODELS_CACHE_TTL: placeholder(1, {
    fact: "OpenWebUI's model-list cache (MODELS_CACHE_TTL, seconds)",
    owner: `set to the cache time of the tuning for 4+ concurrent users (${OPENWEBUI_TOFU_FILE})`,
  }),
  /** Tokens OpenWebUI batches into one streamed update of a chat response. */
  CHAT_RESPONSE_STREAM_DELTA_CHUNK_SIZE: placeholder(1, {
    fact: "OpenWebUI's streaming batch (CHAT_RESPONSE_STREAM_DELTA_CHUNK_SIZE, tokens per update)",
    owner: `set to the streaming batch of the tuning for 4+ concurrent users (${OPENWEBUI_TOFU_FILE})`,
  }),
  /** Threads of the backend's pool for blocking work (AnyIO's default is 40). */
  THREAD_POOL_SIZE: placeholder(40, {
    fact: "OpenWebUI's thread pool (THREAD_POOL_SIZE, threads)",
    owner: `set to the thread pool of the tuning for 4+ concurrent users (${OPENWEBUI_TOFU_FILE})`,
  }),
  /** Seconds OpenWebUI waits for a model's answer (LiteLLM's, through its OpenAI-compatible API). */
  AIOHTTP_CLIENT_TIMEOUT: placeholder(300, {
    fact: "OpenWebUI's timeout towards the models (AIOHTTP_CLIENT_TIMEOUT, seconds)",
    owner: `set to the timeout of the tuning for 4+ concurrent users (${OPENWEBUI_TOFU_FILE})`,
  }),
};

/**
 * The Keycloak group of realm aether whose members may use the cluster's admin UIs (Hubble UI): the design
 * names the peers' groups only, whose members must not see every flow of the cluster.
 */
export const adminGroup = placeholder('/admins', {
  fact: 'Keycloak group of the cluster admins (Hubble UI)',
  owner: "set to the full path of the realm aether group whose members may see every network flow in Hubble UI (Keycloak's groups claim writes /<group>)",
});
