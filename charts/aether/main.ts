import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import {
  acmeIssuer, allowPlatformNamespace, App, AppController, AppVolume, ChartRelease, cilium, ciliumLoadBalancer, ciliumOnTalos,
  ClusterChart, ClusterDefinition, dataClaimsOf, type Host, ClusterIssuer, CROSSPLANE_PROVIDERS, CrossplaneProviders,
  alertReceiverConfig, existingStorageClass, ExternalSecret, factValue, Placeholder, gatewayApi, gitLabCi, GitLabCiAccess, GITLAB_CI_PINS, isolatedNamespace,
  JELLYFIN_CACHE_SIZE_LIMIT, JELLYFIN_TRANSCODE_SIZE_LIMIT, JELLYFIN_TRANSCODES_DIR, IsolatedNamespaceOptions, Knative, leaveFirstVisitorStep, leaveOwnerAction,
  openTelemetryClusterCollector, openTelemetryNodeCollector, openTelemetryNodeCollectorPods, Osquery, PodLabelDefault, RequiredPodLabels, rootInitExemption, SecretReference, ServiceRoute, talos, Tenant,
  StaticNfsVolume, useCertManager, VaultClusterSecretStore, VaultSecretProviderClass, WazuhAgent, WildcardCertificate,
} from '../../constructs';
import { AETHER_DESIGN_CHOICES } from './design-choices';
import { mcpoReplicas, mcpoToolServers } from './mcpo';
import { openBaoKey } from './openbao-key';
import { leaveDeveloperExamples } from './developer-examples';
import { appPostgres, leaveDatabaseEntryStep } from './postgres';
import { freedVms, VMS_THE_CLUSTER_REPLACES } from './replaced-vms';
import {
  acmeContactEmail, stepCaAcmeProvisioner, databaseSslMode, adGuard, adminGroup, aether, cephRbdStorageClass, cephRgw, claimSizes, databaseServer, crossplaneKubernetesRole, gatewayStack, gitlab, gitlabEdition, gitLabAgentProject, gpuWorkstation, keycloak, matrixServerName, mediaExportCapacity, mediaManagerAdminEmail, nucleiSchedule, nucleiTargets, otlpTransport,
  openBao, otelGateway, podNetwork, rgwOidcAudience, rotatingProxy, stepCa, stepCaRootCertificate, talosNodes,
  labServicesCa, labTimeZone, litellmConfig, OPENWEBUI_TOFU_FILE, searxngSettings, openWebUiImage, openWebUiMcpoImage, openWebUiMcpoServers, openWebUiTuning, talosTrinity, ups, upsDriver, vlans, wazuhAgentVersion, wazuhManager, jellyfinImage, JELLYFIN_STOCK_IMAGE, monitoringAlertReceiver, knativeLocalGatewayAddress, nodeInterface,
} from '../../hosts/aether';

/** Where the monitoring VM's Alertmanager reads its receiver's URL: a file of the VM, never a value of Git. */
const MONITORING_ALERT_URL_FILE = '/etc/alertmanager/receiver-url';

const vip = aether.pools['ingress-pool'].at('10.0.3.19');
/** The design's cluster_endpoint: the API server of talos-trinity, which the configs and every kubeconfig name. */
const apiServer = `https://${talosTrinity.address}:6443`;
/** The Talos image factory schematic the design's VMs boot (its extensions), for installs and upgrades. */
const talosSchematic = '376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba';
/** The Talos release the design's VMs are made from: its nocloud image, downloaded from the image factory. */
const talosRelease = 'v1.11.0';
/** The Kubernetes minor release the design's Talos v1.11.0 installs when its configs name none, as the design's do. */
export const TALOS_KUBERNETES_MINOR = '1.34';
/** The peers, each with a namespace peers-<name> and a Keycloak group /peers/<name>. */
const PEERS = ['alice', 'bob'];

/** A peer's namespace. */
function peerNamespace(peer: string): string {
  return `peers-${peer}`;
}

/** The namespaces tenants deploy their own workloads to: side projects' and each peer's. */
function tenantNamespaces(): string[] {
  return ['projects', ...PEERS.map(peerNamespace)];
}
/** The design's GitLab groups → namespaces: peers deploy to their own namespace only. */
const CI_ACCESS: GitLabCiAccess[] = [
  { group: 'infra', defaultNamespace: 'infra' },
  { group: 'projects', defaultNamespace: 'projects' },
  ...PEERS.map((peer) => ({ group: `peers/${peer}`, defaultNamespace: peerNamespace(peer), confined: true })),
];
/** The addresses of the control-plane nodes among `nodes`: talosctl's endpoints, and the members of etcd. Pure. */
function controlPlaneAddresses(nodes: readonly Host[]): string[] {
  return nodes.filter((node) => node.roles.includes('control-plane')).map((node) => node.address);
}

/**
 * The machine configs the design's OpenTofu makes for `nodes`, said for its provisioning step: its
 * talos_machine_configuration gives every node machine_type controlplane, which a node that is a worker alone
 * must not get (it would join etcd). Pure.
 */
function talosMachineConfigs(nodes: readonly Host[]): string {
  const workers = nodes.filter((node) => !node.roles.includes('control-plane')).map((node) => node.name);
  return workers.length === 0 ? 'one controlplane config per node'
    : `one config per node, controlplane for ${controlPlaneAddresses(nodes).length === 1 ? 'the control-plane node' : 'the control-plane nodes'} and worker `
      + `(machine_type = "worker", where the design's code writes controlplane for every node) for ${workers.join(', ')}`;
}

/** The StorageClass of Ceph RBD every claim is made in. */
const CEPH_RBD = factValue(cephRbdStorageClass);
const https = (host: { dnsName?: string; name: string }) => `https://${host.dnsName ?? host.name}`;
/** The address of the GitLab VM, which the chart's GitLab replaces at an address of the cluster's domain. */
const GITLAB_VM_URL = https(gitlab);
/** The design's API server OIDC: Keycloak realm `aether`, client `kubernetes`, whose groups the peers' RoleBindings name. */
const KEYCLOAK_OIDC = { issuerUrl: `${https(keycloak)}/realms/aether`, clientId: 'kubernetes', usernameClaim: 'preferred_username', groupsClaim: 'groups' };

/**
 * The root certificate of step-ca when it signs the certificates of the lab's services the platform calls
 * (OpenBao, GitLab's agent server, the OTLP gateway), which their clients then trust for them alone; nothing
 * when a public CA signs them.
 */
function labServicesCaBundle(): string | undefined {
  return factValue(labServicesCa) === 'step-ca' ? factValue(stepCaRootCertificate) : undefined;
}

/**
 * The value of a fact the design leaves out, listed as a placeholder in the README of the cluster, where
 * `scope` asks for it. A value of several lines (a certificate, a file) is not repeated there. One the first
 * deploy needs (`beforeFirstSync`) is listed before the steps that start it.
 */
function placeholderValue<T extends string | number>(scope: IConstruct, fact: Placeholder<T>, beforeFirstSync = false): T {
  const value = factValue(fact);
  const now = String(value).includes('\n') ? '' : ` (now \`${value}\`)`;
  leaveOwnerAction(scope, { kind: 'placeholder', action: `${fact.info.fact}: ${fact.info.owner}${now}`, ...(beforeFirstSync ? { beforeFirstSync } : {}) });
  return value;
}

/**
 * The addresses of Caddy's site that proxies the cluster's names to its VIP. Knative serves the Knative Services
 * of the tenants' namespaces at <name>.<namespace>.apps…: a certificate's wildcard covers one label, so each tenant
 * namespace is a wildcard address of its own.
 */
function caddySites(): string[] {
  return [`*.${aether.domain}`, ...tenantNamespaces().map((namespace) => `*.${namespace}.${aether.domain}`)];
}

/**
 * The user and group that own the media export: qBittorrent's PUID and PGID, and the ID the export squashes every
 * other writer to (MediaManager runs as root), so that what one writes the others may move and read.
 */
const MEDIA_OWNER_ID = 1000;

/**
 * The folders of the media export MediaManager imports into (its `misc.tv_directory` and `misc.movie_directory`,
 * their defaults under its /data), which Jellyfin's libraries read under its /media.
 */
const MEDIA_LIBRARY_FOLDERS = { tv: 'tv', movies: 'movies' } as const;

/** The file under /run/secrets the NUT server's entrypoint reads the API user's password from (SECRETNAME, its image's default written out). */
const NUT_PASSWORD_FILE = 'nut-upsd-password';

/** Port MCPO serves its tool servers on, and the Service's name OpenWebUI reaches it at. */
const MCPO_PORT = 8000;
const MCPO_HOST = 'openwebui-mcpo.infra.svc.cluster.local';

/** How long one weekly Nuclei scan may run before its Job is stopped, in seconds: one day. */
const NUCLEI_SCAN_DEADLINE_SECONDS = 24 * 3600;

/** Port of the GitLab chart's registry, its Service's and its pods' alike. */
const GITLAB_REGISTRY_PORT = 5000;

/**
 * The GitLab chart's release, and the GitLab release it runs (its appVersion: chart 8.x runs GitLab 17.x), which
 * a backup of the GitLab VM must have been made by to restore here.
 */
const GITLAB_CHART = { version: '8.11.2', gitlab: '17.11.2' } as const;

/**
 * Releases of the apps whose databases come here as dumps from the VMs the cluster replaces: each brings the
 * schema it is given up to its own at start, and none runs on one a newer release wrote.
 */
const BYTEBOT_AGENT_IMAGE = 'ghcr.io/bytebot-ai/bytebot-agent:v0.1.0';
const MEDIAMANAGER_IMAGE = 'ghcr.io/maxdorninger/mediamanager/mediamanager:v1.4.0';
/** The Synapse chart, whose appVersion is the Synapse release it runs unless its values name an image tag. */
const SYNAPSE_CHART = { repository: 'https://ananace.gitlab.io/charts', chart: 'matrix-synapse', version: '3.12.2' } as const;

/** Docker Hub namespace that keeps the tagged Bitnami images a chart of before September 2025 names. */
const BITNAMI_LEGACY = 'bitnamilegacy';

/**
 * Ports of the GitLab chart's agent server (KAS), its Service's and its pods' alike: agents connect to
 * `agent` over WebSocket at the root of its host, and CI jobs' kubectl reaches the clusters through `kubernetesApi`,
 * under `/k8s-proxy`, the paths of the chart's own KAS Ingress (`ingress.agentPath`, `ingress.k8sApiPath`).
 */
const GITLAB_KAS_PORTS = { agent: 8150, kubernetesApi: 8154 } as const;

/**
 * The size of a database's claim, which its StatefulSet's claim template fixes at the first sync: the API server
 * refuses a later change of the template, and with it every deploy. Listed before the first sync.
 */
function databaseClaimSize(scope: IConstruct, fact: Placeholder<string>): string {
  return placeholderValue(scope, fact, true);
}

/** The label Knative Functions' `func deploy` writes on the Knative Service it makes and on its pods: the function's name. */
const KNATIVE_FUNCTION_LABEL = 'function.knative.dev/name';

/** The platform namespace of the design's per-node agents and collectors. */
const SYSTEM_NAMESPACE = 'system';

/**
 * Who reaches the pods of the Helm charts in `infra` besides their own namespace: the node collector, which
 * scrapes the pods annotated for Prometheus (GitLab's exporters), and Knative, for the Knative Services the
 * infra group's CI jobs deploy into infra (those pods are no App either). Peers' pods reach none of them.
 */
const INFRA_CHART_PEERS: IsolatedNamespaceOptions = { allowFrom: [openTelemetryNodeCollectorPods(SYSTEM_NAMESPACE)], knativeServices: true };

/** Namespaces whose apps people deploy: routes from them attach to the Gateway; pods there carry an owner. */
const TENANT_NAMESPACES = ['infra', 'projects', 'peers-alice', 'peers-bob'];

/**
 * Namespaces where Gatekeeper refuses a pod without an owner: those whose pods come from this repository's
 * workloads and the tenants' own. Not `infra`, where Helm charts make pods from their own templates and some
 * have no label value (the Synapse chart's signing-key Job; GitLab's self-signed certificate Job, gitlab#5903):
 * the refusal would fail their install. The repository's own pods there are still checked at synth.
 */
/** Where Synapse's pod reads its macaroon key from the owner's Secret (Synapse 1.121 or later reads the path). */
const SYNAPSE_MACAROON_DIR = '/synapse/macaroon';
/** The variable of Synapse's container that holds the owner's registration secret. */
const SYNAPSE_REGISTRATION_VARIABLE = 'REGISTRATION_SHARED_SECRET';
/**
 * The stand-in the Synapse chart writes as the registration secret into its own Secret, which the pod's start
 * replaces with the variable's value, as the chart does with its database and Redis passwords (`@@POSTGRES_PASSWORD@@`).
 */
const SYNAPSE_REGISTRATION_STAND_IN = `\${${SYNAPSE_REGISTRATION_VARIABLE}}`;
/**
 * The Secret the Synapse chart's signing-key Job fills, and Synapse's pod reads its signing key from (key
 * `signing.key`): `<fullname>-signingkey`, the fullname of release `synapse` of chart `matrix-synapse`.
 */
const SYNAPSE_SIGNING_KEY_SECRET = 'synapse-matrix-synapse-signingkey';
/** The config file the Synapse chart's pod writes its Secret's values to at start, which it reads last. */
const SYNAPSE_SECRETS_FILE = '/synapse/config/conf.d/secrets.yaml';

/** An image reference split into the repository and tag a chart's `image` values take. */
function chartImage(image: string): { repository: string; tag: string } {
  const colon = image.lastIndexOf(':');
  return { repository: image.slice(0, colon), tag: image.slice(colon + 1) };
}

/**
 * Images of the Synapse chart's signing-key Job (chart 3.12.2, `signingkey.job.generateImage` and `.publishImage`),
 * which the first install runs before Synapse starts. Left to the chart, it pulls `matrixdotorg/synapse:latest` to
 * generate the key and `bitnami/kubectl:latest` to store it in a Secret: both tags float, and docker.io/bitnami has
 * served only a trial catalogue of rolling `latest` images since September 2025 (its tagged images moved, frozen,
 * to bitnamilegacy). The store step is a shell script calling `kubectl`, `base64`, `tr`, `date` and `sleep`:
 * alpine/k8s carries them all, at the pin the cluster's deploy jobs run (`GITLAB_CI_PINS.image`).
 */
const SYNAPSE_SIGNING_KEY_IMAGES = {
  /** Runs `generate_signing_key`, which every Synapse 1.x image has. Default: `matrixdotorg/synapse:latest`. */
  generateImage: chartImage('matrixdotorg/synapse:v1.127.1'),
  /** Runs the chart's `signing-key.sh` with kubectl. Default: `bitnami/kubectl:latest`. */
  publishImage: chartImage(GITLAB_CI_PINS.image),
} as const;

const OWNER_ENFORCED_NAMESPACES = TENANT_NAMESPACES.filter((namespace) => namespace !== 'infra');

/**
 * The one cluster of aether: three Talos nodes, Cilium as CNI and L2 load balancer on a single
 * VIP, Gateway API with `main-gateway`, Knative (scale to zero) behind it, peer tenants, Gatekeeper,
 * secrets from OpenBao, Crossplane, OpenTelemetry to the monitoring VM; deployed by GitLab CI with kubectl.
 */
export class Main extends ClusterChart {
  constructor(scope: Construct) {
    super(scope, 'main', {
      site: aether,
      // Where the cluster departs from its design, and why, written into its README.
      designChoices: AETHER_DESIGN_CHOICES,
      hosts: talosNodes,
      cni: cilium({
        ...ciliumOnTalos(),
        gatewayApi: { enableAlpn: true, enableAppProtocol: true },
        l2Announcements: true,
        externalIPs: true,
        hubble: { relay: true, ui: true },
        // Each announced address renews a lease against the API server.
        k8sClientQps: 20,
        operatorReplicas: 2,
        // The design's transparent "mTLS": every pod-to-pod packet between nodes encrypted, no app changes.
        encryption: 'wireguard',
      }),
      // The Gateway lives in namespace `ingress`, the one the tenants' network policies admit.
      // Routes attach from the tenants, kube-system (Hubble) and ingress itself, where cert-manager puts the
      // HTTP-01 solver's route of the gateway certificate.
      // Caddy on the gateway stack terminates TLS and proxies *.apps.home.shdr.ch to the VIP in plain HTTP.
      routes: gatewayApi({
        gatewayClassName: 'cilium', address: vip, namespace: 'ingress', routeNamespaces: [...TENANT_NAMESPACES, 'kube-system', 'ingress'],
        servePlainHttp: true,
      }),
      // The design's failover of the VIP in about 2–5 seconds: a node that stops renewing loses it after 3 s.
      loadBalancer: ciliumLoadBalancer({
        pools: [aether.pools['ingress-pool']], l2PolicyName: 'cluster-ingress', interfaces: [factValue(nodeInterface)],
        lease: { duration: '3s', renewDeadline: '1s', retryPeriod: '200ms' },
      }),
      // Ceph RBD from the Proxmox Ceph cluster; its CSI driver is set up with the cluster, outside this repository.
      storage: { ceph: existingStorageClass(CEPH_RBD) },
      networkPolicy: 'cilium',
      gitops: gitLabCi({
        // The deploy jobs' kubectl is checked against what the cluster runs.
        kubernetesVersion: TALOS_KUBERNETES_MINOR,
        agent: {
          // The design's `helm install gitlab-agent gitlab/gitlab-agent --namespace gitlab-agent`.
          project: gitLabAgentProject.value, name: 'k8s-agent', releaseName: 'gitlab-agent', kasAddress: `wss://${gitlab.dnsName}/-/kubernetes-agent/`,
          kasCaCert: labServicesCaBundle(),
          ciAccess: CI_ACCESS,
        },
      }),
      preinstalled: [
        talos({
          clusterName: 'k8s', bootstrapNode: talosTrinity, allowSchedulingOnControlPlanes: true,
          // The design's DNS for the nodes: AdGuard, which knows the lab's names the pods reach (OpenBao, GitLab, step-ca).
          nameservers: [adGuard.address],
          // The design's pod network, which VyOS never sees: it travels between the nodes inside VXLAN.
          podSubnets: [podNetwork],
          // The design's "K8s API server config (Talos)": peers log in with kubectl through Keycloak.
          apiServerOidc: KEYCLOAK_OIDC,
          // The design provisions the VMs and their configs with OpenTofu's Talos provider, static IPs included.
          provisioningSteps: [
            // The design's tofu/home is the owner's own OpenTofu tree, which this repository does not hold.
            'the VMs and their Talos configs from your own OpenTofu code in tofu/home, as the design lays it out (it is not part of this repository), '
              + `run from the root of its repository: cd tofu/home && tofu init && tofu apply (with the siderolabs/talos provider ~> 0.7: downloads the Talos ${talosRelease} nocloud image of schematic ${talosSchematic} to cephfs on smith `
              + `(https://factory.talos.dev/image/${talosSchematic}/${talosRelease}/nocloud-amd64.raw.xz, as talos-${talosRelease}-nocloud.raw.img), `
              + `makes the machine secrets and ${talosMachineConfigs(talosNodes)} of cluster k8s with endpoint ${apiServer}, its hostname and static IP `
              + `(/24 on ${factValue(nodeInterface)}, gateway ${vlans.kubernetes.gateway}; no DHCP), uploads them as Proxmox snippets on cephfs on smith (<node>-talos.yml), creates the VMs `
              + `(${talosNodes.map((node) => `${node.name}: ${node.model}, ${node.cores} cores, ${node.memoryGigabytes} GiB`).join('; ')}; `
              // The design's VM resource. Talos halts at boot below the x86-64-v2 level, which kvm64, Proxmox's default CPU type
              // before 8, lacks; the cloud-init drive is how a VM gets its config, static address included.
              + 'each with CPU type host (Talos halts at boot on a CPU type below x86-64-v2, such as kvm64), its boot disk on virtio0 made from that image, '
              + 'and a cloud-init drive on ceph-vm-disks whose user data is its snippet, '
              + `the machine config Talos reads at its first boot; VLAN ${vlans.kubernetes.id} on vmbr0) `
              + 'with HA (group ceph_workloads, at most 3 restarts and 2 relocations), each kept started, '
              + 'and bootstraps etcd on talos-trinity with talos_machine_bootstrap). '
              // The design's config patch names eth0, which no interface of its image is called: the node would take no address.
              + `Its config_patches write interface = "eth0"; write "${factValue(nodeInterface)}" there, the name Talos gives the VMs' NIC (the placeholder above): `
              + 'the image names interfaces predictably, and Talos applies an address to the interface of that name alone',
            // talosctl (etcd's bootstrap, the upgrades) needs the client certificate of the machine secrets tofu made, and the nodes as endpoints.
            'write the kubeconfig that data.talos_cluster_kubeconfig.this retrieves and the talosconfig of a data.talos_client_configuration.this '
              + `(its talos_config, from talos_machine_secrets.this.client_configuration with the nodes ${controlPlaneAddresses(talosNodes).join(', ')} as endpoints), as outputs of tofu/home: `
              + 'tofu output -raw kubeconfig > ../../kubeconfig && tofu output -raw talosconfig > ../../talosconfig && cd ../.. && chmod 600 kubeconfig talosconfig '
              + '&& export KUBECONFIG=$PWD/kubeconfig TALOSCONFIG=$PWD/talosconfig; '
              // That tree is another repository: the steps that follow read this one's dist/ by relative paths.
              + 'then cd to the root of this repository, where the steps below run (they read its dist/)',
          ],
        }),
        {
          source: 'Ceph CSI (RBD)',
          provides: { storageClasses: [CEPH_RBD] },
          // GitLab's and Synapse's charts bring databases whose claims name no class: they take the default.
          // Talos enforces the baseline level on a namespace that sets none, which refuses the node plugin (privileged,
          // host network and PID): the namespace the owner installs it in must say privileged. The nodes reach Ceph
          // from VLAN 3, across VyOS.
          manualSteps: [`install ceph-csi-rbd (chart ceph-csi-rbd of https://ceph.github.io/csi-charts) against the Proxmox Ceph cluster and create StorageClass ${CEPH_RBD} `
            + 'as the cluster\'s default (annotation storageclass.kubernetes.io/is-default-class: "true"), which the claims of the Helm charts\' bundled databases use: '
            + 'in a namespace of its own labelled pod-security.kubernetes.io/enforce=privileged, as its node plugin maps RBD images on the host (privileged, host network and PID) '
            + 'and Talos enforces the baseline level on a namespace that sets none; with the Ceph cluster\'s fsid and monitors (ceph mon dump on a Proxmox node), a pool for the claims '
            + 'and a client of its own on it (ceph auth get-or-create client.kubernetes mon \'profile rbd\' osd \'profile rbd pool=<pool>\' mgr \'profile rbd pool=<pool>\'); '
            + `the nodes on VLAN ${vlans.kubernetes.id} reach Ceph's monitors (TCP 3300 and 6789) and OSDs (TCP 6800-7300) through VyOS`],
        },
      ],
    });

    // The agent's project names the context every deploy job uses, and the claims of the first deploy need the class.
    placeholderValue(this, gitLabAgentProject, true);
    placeholderValue(this, cephRbdStorageClass, true);
    // The nodes' addresses and the VIP's announcements name the interface, from the machines' first boot on.
    placeholderValue(this, nodeInterface, true);
    // The design's first phase verifies the cluster's health with talosctl and kubectl. A node is Ready only
    // once the pod network runs, so the check follows Cilium's install, and the first deploy follows the check.
    const controlPlane = controlPlaneAddresses(this.hosts);
    const workers = this.hosts.filter((node) => !node.roles.includes('control-plane')).map((node) => node.address);
    leaveOwnerAction(this, {
      kind: 'bootstrap',
      action: `once Cilium runs (the steps above), check the cluster's health, as the design's first phase does, before the first deploy: Talos' own checks over `
        + `the ${controlPlane.length} control-plane nodes${workers.length === 0 ? '' : ` and the ${workers.length} worker node${workers.length === 1 ? '' : 's'}`} `
        + '(etcd, the API server, every node Ready), then every node Ready as kubectl sees it',
      // talosctl health expects the nodes it is told of, and waits for those alone: a node it is not told of goes unchecked.
      command: `talosctl --nodes ${talosTrinity.address} health --control-plane-nodes ${controlPlane.join(',')}${workers.length === 0 ? '' : ` --worker-nodes ${workers.join(',')}`} `
        + '&& kubectl wait --for=condition=Ready node --all --timeout=10m && kubectl get nodes -o wide',
      beforeFirstSync: true,
    });
    // The design's phases 1 to 3 are partly done: its cluster runs already, with components installed in ways it
    // does not say. The deploy jobs upgrade a Helm release of their name in place; one of another name, or a
    // component installed from manifests, would run a second time beside theirs.
    leaveOwnerAction(this, {
      kind: 'bootstrap',
      action: 'the design\'s cluster runs already, with what its first three phases have done (the Talos VMs, Cilium with L2 announcements and pool ingress-pool, '
        + 'the Gateway API CRDs, Knative Serving, Crossplane, the OpenTelemetry collectors, Hubble UI, the GitLab agent): on it, skip the steps above that made it '
        + `(the VMs, etcd's bootstrap, Cilium's install) and, before the first deploy, compare what runs with the releases the deploy jobs install (helm upgrade --install in ${this.repositoryPath()}/gitlab-ci.yml): `
        + 'a release of the same name and namespace is upgraded in place, while one of another name, or a component installed from manifests (Knative Serving, which the '
        + 'Knative Operator installs here), would run twice: uninstall those first, as their own guides say',
      command: `helm list -A && sed -n 's/.*helm upgrade --install \\([a-z0-9-]*\\) .* --namespace \\([a-z0-9-]*\\) .*/\\2 \\1/p' ${this.repositoryPath()}/gitlab-ci.yml `
        + '&& kubectl get deployments -n knative-serving',
      beforeFirstSync: true,
    });
    this.entryPoint();
    this.platformServices();
    this.tenancy();
    this.aiTools();
    this.messaging();
    this.ups();
    this.media();
    this.security();
    this.migrations();
  }

  /**
   * The way in from outside the cluster, set up on the VMs: Caddy on the gateway stack proxies
   * `*.apps.home.shdr.ch` to the VIP, and AdGuard resolves those names to Caddy.
   */
  private entryPoint(): void {
    const sites = caddySites();
    leaveOwnerAction(this, {
      kind: 'manual',
      action: `on the gateway stack (${gatewayStack.address}), add Caddy's sites ${sites.join(', ')} with the TLS the gateway stack serves *.home.shdr.ch with `
        + `(a wildcard certificate of each, obtained as that one is), proxying in plain HTTP to the cluster's VIP ${vip}: every name under them then `
        + `reaches main-gateway with no further Caddy change (a wildcard stands for one label, and Knative serves the Knative Services of a tenant's `
        + `namespace at <name>.<namespace>.${aether.domain}; a new tenant namespace is a new site)`,
      command: `${sites.join(', ')} {\n\treverse_proxy ${vip}:80\n}`,
    });
    leaveOwnerAction(this, {
      kind: 'manual',
      action: `in AdGuard, add the DNS rewrite *.${aether.domain} → ${gatewayStack.address} (the gateway stack, where Caddy routes to the VIP)`,
    });
    // MediaManager's first administrator starts with the password admin. It scales to zero, so no Deployment keeps a
    // pod for a port forward: the owner reaches it through its route, which Caddy and AdGuard open just above, and
    // sets their own password at once.
    leaveOwnerAction(this, {
      kind: 'bootstrap',
      action: `as soon as Caddy and AdGuard send *.${aether.domain} to the cluster (the two steps above), sign in to MediaManager at https://mediamanager.${aether.domain} `
        + `as ${factValue(mediaManagerAdminEmail)} with the password admin, which MediaManager gives the administrator it makes on its first start, `
        + 'and set a password of your own before anyone else on the network signs in with it',
    });
  }

  /** Identity, certificates, secrets, policy, infrastructure vending and observability. */
  private platformServices(): void {
    new ClusterIssuer(this, 'step-ca', {
      name: 'step-ca',
      issuer: acmeIssuer({
        server: `${https(stepCa)}/acme/${placeholderValue(this, stepCaAcmeProvisioner)}/directory`,
        email: placeholderValue(this, acmeContactEmail),
        // Needed by the first sync as well when External Secrets trusts it for OpenBao.
        caBundle: placeholderValue(this, stepCaRootCertificate, labServicesCaBundle() !== undefined),
        solvers: [{ solver: { http01: { gatewayHTTPRoute: { parentRefs: [{ name: 'main-gateway', namespace: 'ingress', kind: 'Gateway' }] } } } }],
      }),
    });
    // The HTTP-01 solver answers through an HTTPRoute on main-gateway, which cert-manager makes only with Gateway API on.
    useCertManager(this).addValues({ config: { apiVersion: 'controller.config.cert-manager.io/v1alpha1', kind: 'ControllerConfiguration', enableGatewayAPI: true } });
    // step-ca solves HTTP-01 here, and ACME issues a wildcard name through DNS-01 alone: the gateway's
    // certificate lists every routed name under apps.home.shdr.ch instead of *.apps.home.shdr.ch.
    new WildcardCertificate(this, 'gateway-certificate', { issuer: 'step-ca', namespace: 'ingress', secretName: 'main-gateway-tls', replicate: false, perHostNames: true });

    // Every app's Secret comes through this store: which CA it trusts for OpenBao is set before the first sync.
    placeholderValue(this, labServicesCa, true);
    new VaultClusterSecretStore(this, 'openbao-store', { name: 'openbao', server: https(openBao), role: 'external-secrets', caBundle: labServicesCaBundle() });
    // The design's constraint matches every pod; charts label theirs as their templates allow, so admission
    // enforces it where every pod comes from a workload the repository or a tenant writes.
    new RequiredPodLabels(this, 'owner-label', { labels: ['owner'], namespaces: OWNER_ENFORCED_NAMESPACES });
    // The design's scale to zero: a Knative Service idle for 60 s scales to zero, Knative's default written out.
    // The apps of infra keep the design's <name>.apps.home.shdr.ch; every other namespace's Knative Services,
    // the peers' and the side projects', are served under their namespace, so none takes a host another expects.
    // Its cluster-local Gateway is probed, and reached by the Knative Services' cluster-local names, at an address of its own.
    new Knative(this, 'knative', { scaleToZeroAfter: '60s', domainNamespaces: ['infra'], localGatewayAddress: aether.pools['knative-local-gateway'].at(knativeLocalGatewayAddress) });

    const crossplane = new CrossplaneProviders(this, 'crossplane', Object.values(CROSSPLANE_PROVIDERS));
    // Each provider's credentials, from OpenBao: one property `credentials`, in the form that provider reads.
    const credentials = (id: string, form: string, value: string) => {
      const secret = new ExternalSecret(this, id, {
        namespace: 'crossplane-system', store: { name: 'openbao' }, data: { credentials: { remoteKey: `crossplane/${id}`, property: 'credentials' } },
      });
      leaveOwnerAction(secret, {
        kind: 'manual', action: `the property credentials of crossplane/${id} is ${form}`, command: `vault kv put secret/crossplane/${id} credentials="${value}"`, beforeFirstSync: true,
      });
    };
    credentials('ceph-rgw-credentials', "the AWS credentials file provider-aws reads, with an access key of RGW's user for Crossplane",
      '$(printf \'[default]\\naws_access_key_id = %s\\naws_secret_access_key = %s\\n\' "$RGW_ACCESS_KEY" "$RGW_SECRET_KEY")');
    credentials('keycloak-credentials', `the JSON provider-keycloak reads: a client of realm master allowed to manage realm aether at ${https(keycloak)}`,
      `$(jq -nc --arg id "$KEYCLOAK_CLIENT_ID" --arg secret "$KEYCLOAK_CLIENT_SECRET" '{client_id: $id, client_secret: $secret, url: "${https(keycloak)}", realm: "master"}')`);
    credentials('cloudflare-credentials', "the JSON provider-cloudflare v0.1.0 reads: the Cloudflare account's Global API Key and e-mail",
      '$(jq -nc --arg key "$CLOUDFLARE_API_KEY" --arg email "$CLOUDFLARE_EMAIL" \'{APIKey: $key, Email: $email}\')');
    const databaseConnection = new ExternalSecret(this, 'surrealdb-connection', {
      namespace: 'crossplane-system', store: { name: 'openbao' },
      data: { username: { remoteKey: 'crossplane/surrealdb', property: 'username' }, password: { remoteKey: 'crossplane/surrealdb', property: 'password' }, endpoint: { remoteKey: 'crossplane/surrealdb', property: 'endpoint' }, port: { remoteKey: 'crossplane/surrealdb', property: 'port' } },
    });
    // The connection names the inventory's database server: the entry in OpenBao is where that address is written.
    const databaseHost = databaseServer.dnsName ?? databaseServer.name;
    leaveOwnerAction(databaseConnection, {
      kind: 'manual', beforeFirstSync: true,
      action: `the properties of crossplane/surrealdb are the PostgreSQL server provider-sql makes the design's databases on, external host ${databaseServer.name}: `
        + `endpoint ${databaseHost}, port ${databaseServer.port('postgres')}, and the login of a role of it that may create databases and roles (CREATEDB CREATEROLE), ${factValue(databaseSslMode) === 'require' ? 'over TLS (sslMode require)' : 'in plain text (sslMode disable)'}`,
      command: `vault kv put secret/crossplane/surrealdb endpoint=${databaseHost} port=${databaseServer.port('postgres')} username="$DB_ADMIN" password="$DB_ADMIN_PASSWORD"`,
    });
    crossplane.addProviderConfig({
      name: 'ceph-rgw', apiVersion: 'aws.upbound.io/v1beta1',
      spec: {
        credentials: { source: 'Secret', secretRef: { namespace: 'crossplane-system', name: 'ceph-rgw-credentials', key: 'credentials' } },
        // RGW answers S3, IAM and STS at one endpoint; the provider sends a service there only when it is listed,
        // and every other call to AWS itself.
        endpoint: { services: ['s3', 'iam', 'sts'], url: { type: 'Static', static: https(cephRgw) }, hostnameImmutable: true },
        s3_use_path_style: true, skip_credentials_validation: true, skip_metadata_api_check: true, skip_region_validation: true, skip_requesting_account_id: true,
      },
    });
    crossplane.addProviderConfig({
      name: 'keycloak', apiVersion: 'keycloak.crossplane.io/v1beta1',
      spec: { credentials: { source: 'Secret', secretRef: { namespace: 'crossplane-system', name: 'keycloak-credentials', key: 'credentials' } } },
    });
    // The design's database claims name this config; it manages the PostgreSQL-protocol database server.
    crossplane.addProviderConfig({
      name: 'surrealdb', apiVersion: 'postgresql.sql.crossplane.io/v1alpha1',
      spec: { credentials: { source: 'PostgreSQLConnectionSecret', connectionSecretRef: { namespace: 'crossplane-system', name: 'surrealdb-connection' } }, sslMode: placeholderValue(this, databaseSslMode) },
    });

    // The design's DNS records in Cloudflare, through the config a record naming none uses; the account's
    // key and e-mail come from OpenBao, as the JSON provider-cloudflare reads.
    crossplane.addProviderConfig({
      name: 'default', apiVersion: 'cloudflare.crossplane.io/v1alpha1',
      spec: { credentials: { source: 'Secret', secretRef: { namespace: 'crossplane-system', name: 'cloudflare-credentials', key: 'credentials' } } },
    });
    // The design's "K8s resources (for compositions)": provider-kubernetes acts on this cluster as itself.
    crossplane.grantClusterRole(CROSSPLANE_PROVIDERS.kubernetes.name, {
      clusterRole: placeholderValue(this, crossplaneKubernetesRole),
      reason: "the design's compositions make Kubernetes objects through provider-kubernetes, which acts on this cluster with its own identity",
    });
    crossplane.addProviderConfig({ name: 'default', apiVersion: 'kubernetes.crossplane.io/v1alpha1', spec: { credentials: { source: 'InjectedIdentity' } } });
    // The design's static site, as its developers commit it for the providers installed here.
    leaveDeveloperExamples(crossplane, CI_ACCESS);

    this.rgwWebIdentity();

    // No Prometheus in the cluster: both collectors ship everything to the monitoring VM over OTLP.
    const insecure = placeholderValue(this, otlpTransport) === 'plaintext';
    const endpoint = `${otelGateway.dnsName}:${otelGateway.port('otlpGrpc')}`;
    // Over TLS, the gateway's certificate comes from the CA of the lab's services.
    const otlp = { export: { endpoint, insecure, caBundle: insecure ? undefined : labServicesCaBundle() }, namespace: SYSTEM_NAMESPACE };
    this.platform.require(openTelemetryNodeCollector(otlp));
    this.platform.require(openTelemetryClusterCollector(otlp));
    // The other two agents the VMs ran, one pod per node beside the node collector: Wazuh, enrolled with
    // the manager on the IDS stack, and osquery, whose results the node collector ships with the container logs.
    const agents = { namespace: SYSTEM_NAMESPACE, labels: { owner: 'infra' } };
    const agentNamespace = { namespace: SYSTEM_NAMESPACE, reason: "the design's three per-node agents share its platform namespace; the node collector there ships osquery's results" };
    const wazuh = new WazuhAgent(this, 'wazuh-agent', { ...agents, manager: wazuhManager, version: placeholderValue(this, wazuhAgentVersion, true) });
    allowPlatformNamespace(wazuh, agentNamespace);
    allowPlatformNamespace(new Osquery(this, 'osquery', agents), agentNamespace);

    this.hubbleUi();
  }

  /**
   * Hubble UI shows every network flow of the cluster and has no login of its own: the route goes through a
   * Keycloak login (realm aether) that lets the admins' group alone through, and only that proxy reaches the
   * UI's pods. Its client secret and cookie key come from OpenBao.
   */
  private hubbleUi(): void {
    const host = 'hubble';
    const secret = new ExternalSecret(this, 'hubble-login-secret', {
      namespace: 'infra', store: { name: 'openbao' },
      data: { 'client-secret': { remoteKey: 'hubble/login', property: 'client-secret' }, 'cookie-secret': { remoteKey: 'hubble/login', property: 'cookie-secret' } },
    });
    const admins = placeholderValue(this, adminGroup);
    leaveOwnerAction(secret, {
      kind: 'manual',
      action: `Hubble UI's login: in Keycloak realm aether, create the confidential client hubble (standard flow) with redirect URI https://${host}.${aether.domain}/oauth2/callback `
        + `and a Group Membership mapper that writes claim groups with Full group path on, and make the admins members of ${admins}; `
        + "then write the client's secret and a cookie key (32 random bytes) into hubble/login",
      command: 'vault kv put secret/hubble/login client-secret="$HUBBLE_CLIENT_SECRET" cookie-secret="$(openssl rand -base64 32 | tr -- \'+/\' \'-_\')"',
      beforeFirstSync: true,
    });
    new ServiceRoute(this, 'hubble-ui', {
      host, namespace: 'kube-system', serviceName: 'hubble-ui', port: 80,
      login: {
        issuerUrl: KEYCLOAK_OIDC.issuerUrl, clientId: 'hubble', clientSecret: secret.key('client-secret'), cookieSecret: secret.key('cookie-secret'),
        allowedGroups: [admins], namespace: 'infra', labels: { owner: 'infra' },
        // The Cilium chart's labels and port of the UI's frontend.
        backendPods: { podLabels: { 'k8s-app': 'hubble-ui' }, port: 8081 },
      },
    });
  }

  /**
   * GitLab CI uploads to Ceph RGW with no static keys: a job presents its GitLab ID token and assumes an
   * IAM role (`AssumeRoleWithWebIdentity`). The roles are Crossplane objects through ProviderConfig
   * `ceph-rgw`; RGW's STS and its trust in GitLab as an OpenID Connect provider live on the Ceph cluster.
   */
  private rgwWebIdentity(): void {
    const audience = placeholderValue(this, rgwOidcAudience);
    leaveOwnerAction(this, {
      kind: 'manual',
      action: `Ceph RGW: let GitLab CI assume roles with its ID tokens (AssumeRoleWithWebIdentity), so jobs upload to S3 with no static keys: `
        + `enable RGW's STS (rgw_s3_auth_use_sts, and rgw_sts_key, 16 alphanumeric characters), restart the gateways, and register ${https(gitlab)} `
        + `as an OpenID Connect provider of RGW's IAM at ${https(cephRgw)} with client ID ${audience} and the thumbprint of GitLab's token-signing `
        + `certificate, as Ceph's STS guide for the release describes. Each project's role is then an iam.aws.upbound.io Role with providerConfigRef `
        + `ceph-rgw, trusting that provider for sts:AssumeRoleWithWebIdentity with aud ${audience}; its CI job asks for an id_token with that aud`,
      command: [
        'ceph config set client.rgw rgw_s3_auth_use_sts true',
        'ceph config set client.rgw rgw_sts_key "$(openssl rand -hex 8)"',
        `aws iam create-open-id-connect-provider --endpoint-url ${https(cephRgw)} --url ${https(gitlab)} --client-id-list "${audience}" --thumbprint-list "$THUMBPRINT"`,
      ].join('\n'),
    });
  }

  /** Peer namespaces, each isolated with a quota; the API server trusts Keycloak realm `aether` for their groups. */
  private tenancy(): void {
    const issuer = KEYCLOAK_OIDC.issuerUrl;
    // The design's peer flow: kubectl opens the browser, the peer logs in at Keycloak, and may edit their own namespace alone.
    leaveOwnerAction(this, {
      kind: 'manual',
      action: `peer access: in Keycloak realm aether, create the client kubernetes as a public client with redirect URI http://localhost:8000 (kubectl oidc-login's) `
        + `and a Group Membership mapper that writes claim groups with Full group path on (its default), so a peer's group arrives as /peers/<name>, which the API server's OIDC and the peers' RoleBindings name; `
        + `create the group peers with the subgroups ${PEERS.join(' and ')}, and make each peer a member of their own; then give each peer a kubeconfig for the API server `
        + `${apiServer} (the cluster's CA from the admin kubeconfig) whose user logs in through kubectl oidc-login (the kubelogin plugin)`,
      command: `kubectl config set-credentials keycloak --exec-api-version=client.authentication.k8s.io/v1beta1 --exec-command=kubectl `
        + `--exec-arg=oidc-login --exec-arg=get-token --exec-arg=--oidc-issuer-url=${issuer} --exec-arg=--oidc-client-id=${KEYCLOAK_OIDC.clientId}`,
    });
    // Side projects deploy here from their own pipelines (GitLab group projects): isolated as a peer's
    // namespace is, so that a peer's pods reach none of them and theirs reach no peer's.
    const tenants = [new Tenant(this, 'projects', { namespace: 'projects', owner: 'projects', allowIngressFrom: ['ingress', 'knative-serving'] })];
    for (const peer of PEERS) {
      tenants.push(new Tenant(this, peerNamespace(peer), {
        namespace: peerNamespace(peer),
        owner: peer,
        quota: { requestsMemory: '4Gi', limitsMemory: '8Gi', pods: 20 },
        // The Gateway's namespace, as the design writes, and Knative's activator for scaled-to-zero services.
        allowIngressFrom: ['ingress', 'knative-serving'],
        // Keycloak groups of realm aether (oidc-issuer-url https://auth.shdr.ch/realms/aether, groups claim).
        oidcGroups: [`/peers/${peer}`],
      }));
    }
    // The design's last phase tests each peer's kubectl access: logged in through Keycloak, a peer may
    // edit their own namespace and no other.
    const [first, second] = PEERS;
    leaveOwnerAction(this, {
      kind: 'manual',
      action: `test each peer's kubectl access once the peer access step is done, as the design's last phase does: with the peer's kubeconfig, `
        + `the login opens Keycloak, the API server names the peer's group (/peers/<name>), and kubectl may edit the peer's namespace and no other `
        + `(for ${first}: yes in ${peerNamespace(first)}, no in ${peerNamespace(second)}, nor in infra)`,
      command: 'kubectl --user keycloak auth whoami '
        + `&& kubectl --user keycloak auth can-i create deployments.apps -n ${peerNamespace(first)} `
        + `&& ! kubectl --user keycloak auth can-i create deployments.apps -n ${peerNamespace(second)} `
        + '&& ! kubectl --user keycloak auth can-i create deployments.apps -n infra',
    });
    // The design's `func deploy` writes no owner on the Knative Service it makes, so Knative's pods of it would
    // be refused by the owner constraint: they take their namespace's owner instead. Pods written by hand
    // still need the label, and a function that names its own owner (func.yaml's deploy.labels) keeps it.
    for (const tenant of tenants) {
      new PodLabelDefault(this, `${tenant.namespace}-function-owner`, {
        namespace: tenant.namespace, label: 'owner', value: tenant.labels.owner, podsLabelled: KNATIVE_FUNCTION_LABEL, name: `${tenant.namespace}-function-owner`,
      });
    }
  }

  /** The AI tool stack: scale-to-zero Knative Services, OpenWebUI behind the design's two-rule route. */
  private aiTools(): void {
    const infra = { namespace: 'infra', labels: { owner: 'infra' } };
    const litellm = this.litellm();
    this.searxng();
    this.firecrawl();
    this.bytebot();

    // PostgreSQL with pgvector: OpenWebUI's one backend for data and vectors.
    const db = new ExternalSecret(this, 'openwebui-db', {
      namespace: 'infra', store: { name: 'openbao' },
      data: { password: { remoteKey: 'openwebui/db', property: 'password' }, url: { remoteKey: 'openwebui/db', property: 'url' } },
    });
    // OpenWebUI reads the URL alone; the database's server takes the password of the same entry.
    leaveDatabaseEntryStep(db, 'openwebui/db', 'openwebui', "OpenWebUI's");
    // The key OpenWebUI signs sessions with: given, its start script writes no key file into the image's
    // root-owned /app/backend, and sessions outlive a restart.
    const webuiSecretKey = openBaoKey(this, 'openwebui-secret', {
      remoteKey: 'openwebui/webui', property: 'secret-key',
      meaning: "OpenWebUI's WEBUI_SECRET_KEY, which signs its sessions: changing it signs everyone out",
    });
    appPostgres(this, 'openwebui-postgres', {
      image: 'pgvector/pgvector:0.8.0-pg17', database: 'openwebui', password: db.key('password'), entry: { remoteKey: 'openwebui/db', url: true },
      size: databaseClaimSize(this, claimSizes.openWebUiDatabase), client: 'openwebui-api',
    });
    const mcpoImage = factValue(openWebUiMcpoImage);
    const mcpoConfig = factValue(openWebUiMcpoServers);
    // The design's route splits one host over two Services (/api with a request id, / to the frontend on
    // 3000); Knative's ingress takes a domain only, so OpenWebUI runs as a Deployment behind an HTTPRoute.
    const openWebUi = new App(this, 'openwebui-api', {
      ...infra, image: placeholderValue(this, openWebUiImage),
      ports: [{ name: 'http', port: 8080 }],
      env: {
        DATABASE_URL: db.key('url'), PGVECTOR_DB_URL: db.key('url'), VECTOR_DB: 'pgvector', WEBUI_URL: 'https://openwebui.apps.home.shdr.ch',
        WEBUI_SECRET_KEY: webuiSecretKey,
        // The stack's models come through LiteLLM, which OpenWebUI calls over its OpenAI-compatible API inside
        // the cluster (Knative's cluster-local address), with the master key LiteLLM takes callers with; and its
        // tools through MCPO, one tool server per MCP server of MCPO's config. OpenWebUI stores these settings
        // at its first start: later changes go through its admin settings.
        OPENAI_API_BASE_URL: `http://${litellm.host}/v1`, OPENAI_API_KEY: litellm.masterKey,
        TOOL_SERVER_CONNECTIONS: JSON.stringify(mcpoToolServers(mcpoConfig, `http://${MCPO_HOST}:${MCPO_PORT}`)),
        // The design's tuning for 4+ concurrent users: cache, streaming batch, thread pool, timeout.
        ...Object.fromEntries(Object.entries(openWebUiTuning).map(([name, fact]) => [name, String(placeholderValue(this, fact))])),
      },
      // Uploads and the embedding model's cache live in the data folder, which the image leaves to root.
      persistence: { data: { volume: AppVolume.claim({ tier: 'ceph', size: placeholderValue(this, claimSizes.openWebUiData) }), mountPath: '/app/backend/data' } },
      exemptions: { writableRootFilesystem: 'OpenWebUI copies its static files under /app/backend at start' },
      // The image bakes its embedding model and tokenizer caches under /app/backend/data, which the claim hides:
      // the first start downloads them before the port opens, longer than liveness's minute allows.
      probes: { readiness: { httpPath: '/health' }, startup: { httpPath: '/health', failureThreshold: 30 } },
      resources: { cpuRequest: '200m', memoryRequest: '1Gi', memoryLimit: '2Gi' },
      route: {
        name: 'openwebui', host: 'openwebui',
        rules: [
          // Sent as written: the Gateway API flavor doubles the % for Cilium's Envoy, which reads %…% as a command.
          { path: '/api', backends: [{ service: 'openwebui-api', port: 8080 }], requestHeaders: { add: { 'X-Request-ID': '%REQ_ID%' } } },
          { path: '/', backends: [{ service: 'openwebui-frontend', port: 3000 }] },
        ],
      },
    });
    // OpenWebUI's database here is new: its first account to sign up becomes the administrator, and later
    // ones wait as pending (its default role for new users) until an administrator lets them in.
    leaveFirstVisitorStep(openWebUi, {
      label: 'OpenWebUI', task: 'sign up', claims: 'to sign up becomes the administrator',
      then: 'later sign-ups wait as pending until that administrator approves them',
    });
    // The design runs OpenWebUI and MCPO in this cluster already, from OpenTofu: their users, chats and documents
    // move into this repository's, and OpenTofu's route must go, as main-gateway gives a host and path that two
    // HTTPRoutes claim to the older one.
    leaveOwnerAction(openWebUi, {
      kind: 'manual',
      action: `OpenWebUI and MCPO already run in this cluster from OpenTofu (${OPENWEBUI_TOFU_FILE}), with their route ${this.hostname('openwebui')} and their PostgreSQL `
        + 'with pgvector: to keep their users, chats and documents, scale deployment infra/openwebui-api to 0, empty database openwebui of infra/openwebui-postgres '
        + `(its first start made its tables) and load a dump of OpenTofu's OpenWebUI database into it (under OpenWebUI's image set above, ${factValue(openWebUiImage)}, `
        + 'of a release no older than OpenTofu\'s: OpenWebUI migrates a database forward only), copy that OpenWebUI\'s /app/backend/data into claim '
        + `infra/openwebui-api-data, and scale it back to 1; then take OpenWebUI and MCPO out of OpenTofu (their resources in ${OPENWEBUI_TOFU_FILE}, then tofu apply): `
        + `until then main-gateway sends ${this.hostname('openwebui')} to OpenTofu's OpenWebUI, as it gives a host and path that two HTTPRoutes claim to the older one`,
    });
    // OpenWebUI writes its PersistentConfig variables (the connection to LiteLLM and the tool servers among them)
    // into its database at its first start and reads them from there ever after, so a later change of the
    // environment (MCP servers listed in MCPO's config after that start, a new master key of LiteLLM) never
    // reaches it; ENABLE_PERSISTENT_CONFIG=false would instead undo every setting made in its admin panel at
    // each restart.
    leaveOwnerAction(openWebUi, {
      kind: 'manual',
      action: 'OpenWebUI keeps its connection to LiteLLM (OPENAI_API_BASE_URL, OPENAI_API_KEY) and its tool servers (TOOL_SERVER_CONNECTIONS) '
        + 'in its database from its first start and reads these variables no more: for each MCP server MCPO\'s config.json lists after that '
        + `start, add a tool server in its Admin Panel (Settings, External Tools) at http://${MCPO_HOST}:${MCPO_PORT}/<name>, OpenAPI path openapi.json, `
        + `and when LiteLLM's master key changes in OpenBao (litellm/master-key), write the new one as the key of the connection http://${litellm.host}/v1 `
        + '(Settings, Connections); otherwise OpenWebUI offers none of those tools, or LiteLLM refuses its calls',
    });
    // The design's frontend on 3000: OpenWebUI serves its built frontend, and the socket and static paths
    // the page calls beside /api, from the same process, so `openwebui-frontend` is a Service on 3000 in
    // front of those pods. The image has no Node.js to run the frontend build apart.
    new ApiObject(openWebUi, 'frontend', {
      apiVersion: 'v1', kind: 'Service',
      metadata: { name: 'openwebui-frontend', namespace: 'infra', labels: { 'app.kubernetes.io/name': 'openwebui-api', owner: 'infra' } },
      spec: { type: 'ClusterIP', selector: { 'app.kubernetes.io/name': 'openwebui-api' }, ports: [{ name: 'http', port: 3000, targetPort: 'http', protocol: 'TCP' }] },
    });

    // MCPO, migrated with OpenWebUI: its tool servers as OpenAPI endpoints, for OpenWebUI's backend alone.
    // It exits at start on a config that lists no server: it runs once the owner lists one.
    const mcpo = new App(this, 'openwebui-mcpo', {
      ...infra, image: mcpoImage, replicas: mcpoReplicas(this, mcpoConfig),
      args: ['--host', '0.0.0.0', '--port', String(MCPO_PORT), '--config', '/config/config.json'],
      // Servers started through npx or uvx keep their caches under the home folder.
      env: { HOME: '/tmp' },
      ports: [{ name: 'http', port: MCPO_PORT }],
      persistence: { config: { volume: AppVolume.configMap('openwebui-mcpo'), mountPath: '/config', readOnly: true } },
      probes: { readiness: { httpPath: '/docs' } },
      resources: { cpuRequest: '50m', memoryRequest: '128Mi', memoryLimit: '512Mi' },
      allowFrom: [{ namespace: 'infra', podLabels: { 'app.kubernetes.io/name': 'openwebui-api' } }],
    });
    new ApiObject(mcpo, 'config', {
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'openwebui-mcpo', namespace: 'infra' },
      data: { 'config.json': mcpoConfig },
    });
    for (const fact of [openWebUiMcpoImage, openWebUiMcpoServers]) {
      placeholderValue(mcpo, fact);
    }
  }

  /**
   * LiteLLM: without a master key every caller that reaches its route may use every model it proxies. The
   * key comes from OpenBao, as every other secret of the cluster. Its salt key encrypts what LiteLLM keeps in
   * a database, and this one has none (no `DATABASE_URL`): with nothing stored there is nothing to encrypt.
   */
  private litellm(): { host: string; masterKey: SecretReference } {
    const masterKey = openBaoKey(this, 'litellm-secret', {
      remoteKey: 'litellm/master-key', property: 'master-key', value: 'sk-$(openssl rand -hex 32)',
      meaning: "LiteLLM's master key, which every caller sends as its bearer token; LiteLLM takes only keys that start with sk-",
    });
    const litellm = new App(this, 'litellm', {
      namespace: 'infra', labels: { owner: 'infra' }, controller: AppController.knative(), image: 'ghcr.io/berriai/litellm:main-v1.67.4-stable',
      // The image's own arguments (--port 4000), and the config that lists the models.
      args: ['--port', '4000', '--config', '/etc/litellm/config.yaml'],
      ports: [{ name: 'http', port: 4000 }], route: { host: 'litellm' },
      env: { LITELLM_MASTER_KEY: masterKey },
      persistence: { config: { volume: AppVolume.configMap('litellm-config'), mountPath: '/etc/litellm', readOnly: true } },
      probes: { readiness: { httpPath: '/health/readiness' } },
      // The proxy holds about 1 GiB once it runs (its model cost map and clients loaded): a 1Gi limit left it no room for a request.
      resources: { cpuRequest: '100m', memoryRequest: '1Gi', memoryLimit: '2Gi' },
    });
    new ApiObject(litellm, 'config', {
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'litellm-config', namespace: 'infra' },
      data: { 'config.yaml': placeholderValue(litellm, litellmConfig) },
    });
    // Knative answers a Knative Service inside the cluster at its Service's name, on port 80.
    return { host: `${litellm.name}.${litellm.namespace}.svc.cluster.local`, masterKey };
  }

  /**
   * SearXNG: its entrypoint copies `uwsgi.ini`, and `settings.yml` where `SEARXNG_SETTINGS_PATH` names no file, into
   * `/etc/searxng` at every start, so that folder is writable. A folder that goes with each pod (it scales to zero)
   * would keep no settings of the owner's: they come from a ConfigMap, a file the entrypoint finds and keeps.
   * The `secret_key` comes from OpenBao as `SEARXNG_SECRET`, which overrides the file's.
   */
  private searxng(): void {
    const secretKey = openBaoKey(this, 'searxng-secret', { remoteKey: 'searxng/secret', property: 'secret-key', meaning: "SearXNG's secret_key, any random string" });
    const settingsFolder = '/etc/searxng-settings';
    const searxng = new App(this, 'searxng', {
      namespace: 'infra', labels: { owner: 'infra' }, controller: AppController.knative(), image: 'searxng/searxng:2025.5.18-5dff826',
      ports: [{ name: 'http', port: 8080 }], route: { host: 'searxng' },
      // uWSGI starts one worker per CPU of the node (8 here) by default, each loading the whole app (lazy-apps) at about
      // 250 MB: far past the limit. One worker of four threads serves the lab; Knative adds pods under load.
      env: {
        SEARXNG_SECRET: secretKey, SEARXNG_BASE_URL: `https://searxng.${aether.domain}/`, UWSGI_WORKERS: '1', UWSGI_THREADS: '4',
        SEARXNG_SETTINGS_PATH: `${settingsFolder}/settings.yml`,
      },
      persistence: {
        uwsgi: { volume: AppVolume.emptyDir(), mountPath: '/etc/searxng' },
        settings: { volume: AppVolume.configMap('searxng-settings'), mountPath: settingsFolder, readOnly: true },
      },
      probes: { readiness: { httpPath: '/healthz' } },
      resources: { cpuRequest: '50m', memoryRequest: '256Mi', memoryLimit: '512Mi' },
    });
    new ApiObject(searxng, 'settings', {
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'searxng-settings', namespace: 'infra' },
      data: { 'settings.yml': placeholderValue(searxng, searxngSettings) },
    });
  }

  /**
   * Firecrawl: the API queues every scrape and crawl in Redis and separate worker processes run them, so
   * neither starts without Redis, and nothing is scraped without a worker. The API scales to zero; the worker
   * waits on the queue. The design names no Playwright service: pages are fetched without a browser.
   */
  private firecrawl(): void {
    const infra = { namespace: 'infra', labels: { owner: 'infra' } };
    const image = 'ghcr.io/mendableai/firecrawl:v1.9.0';
    new App(this, 'firecrawl-redis', {
      ...infra, image: 'redis:7.4.2', runAsUser: 999, runAsGroup: 999,
      args: ['redis-server', '--bind', '0.0.0.0'],
      ports: [{ name: 'redis', port: 6379 }],
      // The queue only: jobs in flight are lost with the pod, as in the upstream compose file.
      persistence: { data: { volume: AppVolume.emptyDir(), mountPath: '/data' } },
      resources: { cpuRequest: '50m', memoryRequest: '64Mi', memoryLimit: '256Mi' },
      allowFrom: ['firecrawl', 'firecrawl-worker'].map((name) => ({ namespace: 'infra', podLabels: { 'app.kubernetes.io/name': name } })),
      // A store its clients call, which calls nothing: DNS alone.
      egress: [],
    });
    const redis = 'redis://firecrawl-redis.infra.svc.cluster.local:6379';
    // Without database authentication a self-hosted Firecrawl needs no Supabase. The image's entrypoint (a shell
    // form, which drops any arguments) starts node with an 8 GiB heap bound: under a 2Gi limit the kernel kills the
    // process before V8 collects. The command replaces that entrypoint with the same processes, their heap bound
    // three quarters of the limit (the rest for buffers and the native HTML transformer).
    const env = { REDIS_URL: redis, REDIS_RATE_LIMIT_URL: redis, USE_DB_AUTHENTICATION: 'false', HOST: '0.0.0.0', HOME: '/tmp' };
    const memoryLimitGi = 2;
    const resources = { cpuRequest: '100m', memoryRequest: '512Mi', memoryLimit: `${memoryLimitGi}Gi` };
    const node = (script: string) => ['node', `--max-old-space-size=${memoryLimitGi * 1024 * 0.75}`, script];
    // The API serves its queue board and admin calls under /admin/<BULL_AUTH_KEY>/: with no key that path is
    // /admin/undefined/, open to anyone who reaches the route.
    const adminKey = openBaoKey(this, 'firecrawl-secret', {
      remoteKey: 'firecrawl/admin', property: 'bull-auth-key', meaning: "the path segment of Firecrawl's admin and queue board (/admin/<key>/queues), any random string",
    });
    new App(this, 'firecrawl', {
      ...infra, controller: AppController.knative(), image,
      // Knative gives the container its port as PORT, which the API listens on.
      command: node('dist/src/index.js'), env: { ...env, FLY_PROCESS_GROUP: 'app', BULL_AUTH_KEY: adminKey },
      ports: [{ name: 'http', port: 3002 }], route: { host: 'firecrawl' }, resources,
    });
    new App(this, 'firecrawl-worker', {
      ...infra, image, command: node('dist/src/services/queue-worker.js'), env: { ...env, FLY_PROCESS_GROUP: 'worker' }, resources,
    });
  }

  /**
   * Bytebot's agent: it keeps its tasks in PostgreSQL (`DATABASE_URL`), asks a model through a provider's key
   * and drives the desktop at `BYTEBOT_DESKTOP_BASE_URL`. The desktop (a privileged container) and the chat UI
   * are not objects yet: the README says so.
   */
  private bytebot(): void {
    const secret = new ExternalSecret(this, 'bytebot-secret', {
      namespace: 'infra', store: { name: 'openbao' },
      data: {
        password: { remoteKey: 'bytebot/db', property: 'password' }, url: { remoteKey: 'bytebot/db', property: 'url' },
        'anthropic-api-key': { remoteKey: 'bytebot/agent', property: 'anthropic-api-key' },
      },
    });
    leaveDatabaseEntryStep(secret, 'bytebot/db', 'bytebot', "the agent's");
    appPostgres(this, 'bytebot-postgres', {
      image: 'postgres:17.5', database: 'bytebot', password: secret.key('password'), entry: { remoteKey: 'bytebot/db', url: true }, size: databaseClaimSize(this, claimSizes.bytebotDatabase), client: 'bytebot',
    });
    const agent = new App(this, 'bytebot', {
      // Each agent process picks the next pending task from the database on its own schedule: a second pod would run
      // tasks twice, and both would apply the migrations at once.
      namespace: 'infra', labels: { owner: 'infra' }, controller: AppController.knative({ maxScale: 1 }), image: BYTEBOT_AGENT_IMAGE,
      ports: [{ name: 'http', port: 9991 }], route: { host: 'bytebot' },
      // The image's own command (npm run start:prod) builds the shared package and regenerates the Prisma client
      // before it migrates and starts, writing into the root-owned /app: on this read-only root, as a user other
      // than root, it exits there. Both were built into the image; the migrations and the server are what is left.
      // The agent's package lists no Prisma CLI, so npx fetches one: of the 6 line, as its @prisma/client is, since
      // Prisma 7 refuses the schema's datasource url = env("DATABASE_URL").
      args: ['sh', '-c', 'npx --yes prisma@6 migrate deploy && exec node dist/main'],
      env: {
        DATABASE_URL: secret.key('url'), ANTHROPIC_API_KEY: secret.key('anthropic-api-key'),
        BYTEBOT_DESKTOP_BASE_URL: 'http://bytebot-desktop.infra.svc.cluster.local:9990',
        // npx and Prisma, which apply the migrations at start, keep their caches under the home folder.
        HOME: '/tmp',
      },
      resources: { cpuRequest: '100m', memoryRequest: '512Mi', memoryLimit: '2Gi' },
    });
    // The agent's API starts tasks for whoever calls it, and main-gateway offers no login and no limit by
    // source address for a route: who may reach it is decided in front of the cluster, by its owner.
    const bytebotHost = `bytebot.${aether.domain}`;
    leaveOwnerAction(agent, {
      kind: 'manual',
      action: `owner decision: Bytebot's agent API (https://${bytebotHost}) has no login of its own, and main-gateway (Cilium's Gateway API) can neither ask for one `
        + `nor limit a route to source addresses, so whoever reaches that name through Caddy can start tasks that spend the Anthropic key of bytebot/agent. `
        + `Decide who may: in Caddy's site for *.${aether.domain} on the gateway stack (${gatewayStack.address}), answer 403 to requests for ${bytebotHost} from outside the lab's own networks `
        + '(as below: the site of the Caddy step with the refusal added, to put in its place, as Caddy refuses a second site of the same address), '
        + 'or put a login in front of it there (forward_auth to an authenticating proxy of Keycloak)',
      command: `${caddySites().join(', ')} {\n\t@bytebotOutside {\n\t\thost ${bytebotHost}\n\t\tnot remote_ip private_ranges\n\t}\n\trespond @bytebotOutside 403\n\treverse_proxy ${vip}:80\n}`,
    });
    leaveOwnerAction(agent, {
      kind: 'manual',
      action: "Bytebot's desktop, which its agent drives and the design does not size or place: add bytebot-desktop (ghcr.io/bytebot-ai/bytebot-desktop, "
        + 'a privileged container with Xvfb, port 9990) and its chat UI (ghcr.io/bytebot-ai/bytebot-ui, port 9992) as Apps in infra; until then every task of the agent fails',
    });
  }

  /**
   * Messaging: Synapse as a Helm StatefulSet, Element as a scale-to-zero Knative Service; GitLab likewise by chart.
   * Synapse's signing-key Job runs pinned images ({@link SYNAPSE_SIGNING_KEY_IMAGES}): `matrixdotorg/synapse:v1.127.1`
   * and `alpine/k8s` at the deploy jobs' pin, where the chart defaults to `matrixdotorg/synapse:latest` and `bitnami/kubectl:latest`.
   */
  private messaging(): void {
    const serverName = factValue(matrixServerName);
    const synapseHost = `synapse.${aether.domain}`;
    const { databasePassword, redisPassword } = this.synapseStores();
    // Without a macaroon key Synapse derives one from its registration secret: a key of its own lets either
    // be replaced without voiding the other's (the SSO login and unsubscribe tokens in flight).
    const macaroonKey = openBaoKey(this, 'synapse-macaroon-secret', {
      remoteKey: 'synapse/macaroon', property: 'key',
      meaning: "Synapse's macaroon secret key, which signs its login and unsubscribe tokens: changing it voids those in flight",
    });
    // The chart draws the registration secret at random on every render when it is given none, and has no
    // value that reads it from a Secret: it writes a stand-in instead, which the pod replaces at start with
    // the owner's key from OpenBao. Hex, as the replacement is sed's.
    const registrationSecret = openBaoKey(this, 'synapse-registration-secret', {
      remoteKey: 'synapse/registration', property: 'secret',
      meaning: "Synapse's registration shared secret, in hex (register_new_matrix_user -k and the admin API's shared-secret registration sign with it)",
    });
    const synapse = new ChartRelease(this, 'synapse', {
      namespace: 'infra',
      // Clients and other servers (federation, delegated to the routed host) come through the Gateway to
      // Synapse's one HTTP port; its signing-key Job talks to the API server only.
      network: isolatedNamespace({ ...INFRA_CHART_PEERS, routedPorts: [{ port: 8008, purpose: "Synapse's client and federation APIs, through synapse-route" }] }),
      chart: SYNAPSE_CHART,
      values: {
        serverName, publicServerName: synapseHost,
        synapse: {
          labels: { owner: 'infra' },
          // Synapse's media claim is ReadWriteOnce on Ceph RBD: a rolling update starts the new pod while the old
          // one holds the volume, and on another node the new pod waits forever for it (the chart's default).
          strategy: { type: 'Recreate' },
          // Synapse applies its schema changes before it answers, at the first start on the messaging stack VM's database
          // and after an upgrade: the chart's two minutes (12 tries) would kill it midway, and each restart start over.
          startupProbe: { failureThreshold: 60, httpGet: { path: '/health', port: 'http' } },
          extraVolumes: [{ name: 'macaroon-key', secret: { secretName: macaroonKey.secretName, items: [{ key: macaroonKey.key, path: 'key' }] } }],
          extraVolumeMounts: [{ name: 'macaroon-key', mountPath: SYNAPSE_MACAROON_DIR, readOnly: true }],
          extraEnv: [{ name: SYNAPSE_REGISTRATION_VARIABLE, valueFrom: { secretKeyRef: { name: registrationSecret.secretName, key: registrationSecret.key } } }],
          // The chart runs these after it has written its Secret's config and before it starts Synapse.
          // `[$]` is a literal dollar to sed and to the shell alike.
          extraCommands: [`sed -i "s/[$]{${SYNAPSE_REGISTRATION_VARIABLE}}/$${SYNAPSE_REGISTRATION_VARIABLE}/" ${SYNAPSE_SECRETS_FILE}`],
        },
        config: { registrationSharedSecret: SYNAPSE_REGISTRATION_STAND_IN },
        extraConfig: { macaroon_secret_key_path: `${SYNAPSE_MACAROON_DIR}/key` },
        persistence: { storageClass: CEPH_RBD, size: placeholderValue(this, claimSizes.synapseMedia) },
        // The chart's bundled PostgreSQL and Redis start with its default password (synapse), and it reads a
        // Secret's password for them from an external server only: Synapse uses servers of this repository.
        postgresql: { enabled: false },
        externalPostgresql: {
          host: 'synapse-postgres.infra.svc.cluster.local', port: 5432, username: 'synapse', database: 'synapse',
          existingSecret: databasePassword.secretName, existingSecretPasswordKey: databasePassword.key,
        },
        redis: { enabled: false },
        externalRedis: {
          host: 'synapse-redis.infra.svc.cluster.local', port: 6379, existingSecret: redisPassword.secretName, existingSecretPasswordKey: redisPassword.key,
        },
        ingress: { enabled: false },
        signingkey: { job: SYNAPSE_SIGNING_KEY_IMAGES },
      },
    });
    // Synapse refuses to start on a database made under another server name: it is set before the first sync.
    placeholderValue(synapse, matrixServerName, true);
    // Other servers check the events of the messaging stack VM's database with that VM's signing key. The chart's
    // Job makes a key only when its Secret holds none: the VM's key put there first is the one Synapse signs with.
    leaveOwnerAction(synapse, {
      kind: 'bootstrap',
      action: `to keep the messaging stack VM's Matrix identity (${serverName}) when its database moves here, create Secret infra/${SYNAPSE_SIGNING_KEY_SECRET} `
        + 'with key signing.key from that VM\'s signing key (the file signing_key_path of its homeserver.yaml names) before the first deploy: the chart\'s Job '
        + 'makes a new key only when that Secret holds none, and other servers check the events of the copied database with the VM\'s key',
      command: 'kubectl create namespace infra --dry-run=client -o yaml | kubectl apply -f - '
        + `&& kubectl -n infra create secret generic ${SYNAPSE_SIGNING_KEY_SECRET} --from-file=signing.key=./signing.key`,
      beforeFirstSync: true,
    });
    // Federation, the reason Synapse never scales to zero, finds the server through the server name's
    // domain, which this cluster does not serve: the domain delegates to the routed host on 443.
    leaveOwnerAction(synapse, {
      kind: 'manual',
      action: `for federation, serve https://${serverName}/.well-known/matrix/server (Content-Type application/json) from wherever ${serverName} is served, `
        + `holding {"m.server": "${synapseHost}:443"}: it delegates to ${synapseHost}:443, which Caddy and main-gateway route to Synapse. `
        // AdGuard's rewrite answers the lab's own clients only: other servers look the delegated name up in public DNS.
        + `Other servers look ${synapseHost} up in public DNS, not through AdGuard's rewrite: give it a public record for the address the internet reaches `
        + `the gateway stack's Caddy at on 443. The command checks what ${serverName} serves, then asks Matrix's federation tester whether other servers reach Synapse`,
      // The file's content is no command: the owner's shell runs a check of the served file instead.
      command: `curl -fsS https://${serverName}/.well-known/matrix/server | jq -e '."m.server" == "${synapseHost}:443"' `
        + `&& curl -fsS 'https://federationtester.matrix.org/api/report?server_name=${serverName}' | jq -e .FederationOK`,
    });
    // Synapse takes no open registration, so Element offers a sign-in only: each account is made with the
    // registration secret, which the pod's config file holds once its start has written it.
    leaveOwnerAction(synapse, {
      kind: 'manual',
      action: `Element (https://${this.hostname('element')}) signs in to accounts of this Synapse only, and Synapse takes no open registration: make each account, `
        + `yourself first as an administrator (answer yes to "Make admin"), with register_new_matrix_user in Synapse's pod, which signs with the registration secret of synapse/registration `
        + `from its config file; a database copied from the messaging stack VM keeps that VM's accounts`,
      command: `kubectl -n infra exec -it deployment/synapse-matrix-synapse -- register_new_matrix_user -c ${SYNAPSE_SECRETS_FILE} http://localhost:8008`,
    });
    new ServiceRoute(this, 'synapse-route', { name: 'synapse', host: 'synapse', namespace: 'infra', serviceName: 'synapse-matrix-synapse', port: 8008 });
    // Element is the lab's Synapse client: without a config.json it offers matrix.org as the homeserver.
    const element = new App(this, 'element', {
      namespace: 'infra', labels: { owner: 'infra' }, controller: AppController.knative(), image: 'vectorim/element-web:v1.11.100',
      ports: [{ name: 'http', port: 8080 }], env: { ELEMENT_WEB_PORT: '8080' }, route: { host: 'element' },
      // The image gives nginx's cache and config folders to its nginx user (101): as another user, the
      // entrypoint cannot render the config for ELEMENT_WEB_PORT and nginx cannot make its temp folders.
      runAsUser: 101, runAsGroup: 101,
      persistence: { config: { volume: AppVolume.configMap('element-config'), readOnly: true, mounts: [{ mountPath: '/app/config.json', subPath: 'config.json' }] } },
      exemptions: { writableRootFilesystem: 'the entrypoint renders the nginx and Element config at start' },
      resources: { cpuRequest: '20m', memoryRequest: '64Mi', memoryLimit: '128Mi' },
    });
    const elementConfig = { default_server_config: { 'm.homeserver': { base_url: `https://${synapseHost}`, server_name: serverName } } };
    new ApiObject(element, 'config', {
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'element-config', namespace: 'infra' },
      data: { 'config.json': `${JSON.stringify(elementConfig, undefined, 2)}\n` },
    });
    const gitlab = new ChartRelease(this, 'gitlab', {
      namespace: 'infra',
      // Webservice, Gitaly, Shell, KAS, registry, MinIO, PostgreSQL and Redis talk inside infra on ports the
      // chart chooses; browsers, Git over HTTPS and runners come through the Gateway to Workhorse, and CI jobs
      // and the nodes' container runtime to the registry.
      network: isolatedNamespace({
        ...INFRA_CHART_PEERS,
        routedPorts: [
          { port: 8181, purpose: "GitLab's web UI, API and Git over HTTPS (Workhorse), through gitlab-route" },
          { port: GITLAB_REGISTRY_PORT, purpose: "GitLab's container registry, through gitlab-registry-route" },
          { port: GITLAB_KAS_PORTS.agent, purpose: "GitLab's agent server, where the cluster's agent connects, through gitlab-kas-route" },
          { port: GITLAB_KAS_PORTS.kubernetesApi, purpose: "GitLab's agent server's Kubernetes API proxy, which CI jobs' kubectl calls, through gitlab-kas-k8s-proxy-route" },
        ],
      }),
      chart: { repository: 'https://charts.gitlab.io', chart: 'gitlab', version: GITLAB_CHART.version },
      values: {
        global: {
          // The VM's backup restores only into the edition that made it.
          edition: placeholderValue(this, gitlabEdition, true),
          hosts: { domain: 'apps.home.shdr.ch', https: true },
          ingress: { enabled: false, configureCertmanager: false },
          pod: { labels: { owner: 'infra' } },
        },
        // The bundled Bitnami charts read their own pod labels, not GitLab's global ones. This release of the
        // chart predates Bitnami's move of its tagged images to bitnamilegacy: from docker.io/bitnami its
        // PostgreSQL, Redis and their exporters no longer pull, and helm --wait of the apps job would time out.
        // The claims of Gitaly's and PostgreSQL's StatefulSets are fixed at the first sync; MinIO's holds every
        // object GitLab stores (uploads, LFS, artifacts, packages, the registry's images).
        gitlab: { gitaly: { persistence: { size: databaseClaimSize(this, claimSizes.gitlabRepositories) } } },
        minio: { persistence: { size: placeholderValue(this, claimSizes.gitlabObjectStorage) } },
        postgresql: {
          primary: { podLabels: { owner: 'infra' }, persistence: { size: databaseClaimSize(this, claimSizes.gitlabDatabase) } },
          image: { repository: `${BITNAMI_LEGACY}/postgresql` },
          metrics: { image: { repository: `${BITNAMI_LEGACY}/postgres-exporter` } },
        },
        redis: {
          master: { podLabels: { owner: 'infra' } },
          image: { repository: `${BITNAMI_LEGACY}/redis` },
          metrics: { image: { repository: `${BITNAMI_LEGACY}/redis-exporter` } },
        },
        // The cluster runs its own cert-manager. Chart 8.11.2 turns its bundled one off with certmanager.install
        // (installCertmanager, its successor, only came with chart 9.0): a bundled cert-manager would bring the
        // same CRDs under another release, and the install would fail on them.
        certmanager: { install: false },
        'nginx-ingress': { enabled: false },
        prometheus: { install: false },
        'gitlab-runner': { install: false },
      },
    });
    leaveOwnerAction(gitlab, {
      kind: 'manual',
      action: "GitLab's bundled PostgreSQL and Redis run Bitnami's legacy images, which get no security updates, and later GitLab charts no longer bundle them: "
        + `before an upgrade of the chart past ${GITLAB_CHART.version}, or to keep them patched, move GitLab to a PostgreSQL and a Redis of their own (global.psql, global.redis)`,
    });
    // The chart's GitLab starts with keys of its own (Secret gitlab-rails-secret): the VM's database holds columns
    // encrypted with the VM's keys, which a restore brings over without the keys that read them.
    leaveOwnerAction(gitlab, {
      kind: 'manual',
      action: `move GitLab from its VM, the last of the stacks: a GitLab backup restores only into the release and edition that made it, so first bring the VM's GitLab `
        + `to ${GITLAB_CHART.gitlab}, the release chart ${GITLAB_CHART.version} runs, in the edition set above (${factValue(gitlabEdition)}); a VM of a newer release needs a chart of that release instead. There, take a backup `
        + '(sudo gitlab-backup create) and copy it and /etc/gitlab/gitlab-secrets.json out: the gitlab_rails keys of that file decrypt what the database holds encrypted '
        + '(CI/CD variables, two-factor secrets, runner tokens), and this GitLab started with keys of its own. Put the VM\'s keys into Secret infra/gitlab-rails-secret '
        + '(key secrets.yml, under production) and restart the pods that read it, then restore the backup with backup-utility --restore in the toolbox pod '
        + '(deployment gitlab-toolbox), as the chart\'s guide to restoring a GitLab installation describes; the VM\'s users, root among them, then replace this GitLab\'s. '
        // A GitLab backup holds no configuration: what gitlab.rb sets stays on the VM.
        + 'Neither file nor backup holds the VM\'s /etc/gitlab/gitlab.rb: carry the settings of it you use (sign-in through Keycloak or another OmniAuth provider, '
        + 'outgoing e-mail) into the chart\'s values (global.appConfig.omniauth, global.smtp and global.email) before the VM goes. '
        // The agent's ci_access of the groups under other top-level groups than its project's needs GitLab 18.1.
        + `GitLab ${GITLAB_CHART.gitlab} authorizes no agent's CI access outside the top-level group of its project (the step that lets the agent serve the other groups' CI jobs): `
        + 'from the move on, the jobs of the groups outside infra reach the cluster only once the chart runs GitLab 18.1 or later',
      command: "yq -P '{\"production\": .gitlab_rails}' gitlab-secrets.json -o yaml > gitlab-secrets.yaml\n"
        + 'kubectl -n infra create secret generic gitlab-rails-secret --from-file=secrets.yml=gitlab-secrets.yaml --dry-run=client -o yaml | kubectl apply -f -\n'
        + "kubectl -n infra delete pods -l 'release=gitlab,app in (webservice,sidekiq,toolbox)'",
    });
    // The chart makes GitLab's root user with a random password of a Secret of its own; restoring the VM's backup
    // into this GitLab brings that VM's users instead.
    leaveOwnerAction(gitlab, {
      kind: 'manual',
      action: `sign in to GitLab at https://${this.hostname('gitlab')} as root with the password the chart wrote into Secret infra/gitlab-gitlab-initial-root-password `
        + "(key password), and change it; once the GitLab VM's backup is restored here, its users and their passwords replace it",
      command: "kubectl -n infra get secret gitlab-gitlab-initial-root-password -o jsonpath='{.data.password}' | base64 -d",
    });
    // The chart's gitlab-shell serves Git over SSH on a ClusterIP Service: Caddy and main-gateway carry HTTP alone,
    // so once the VM goes, the clones that name it over SSH, this repository's among them, reach nothing.
    const project = /^(?:ssh:\/\/[^/]+\/|[^@/:]+@[^:/]+:)(.+)$/.exec(aether.git?.url ?? '')?.[1] ?? '<group>/<project>.git';
    leaveOwnerAction(gitlab, {
      kind: 'manual',
      action: `GitLab here serves Git over HTTPS alone, at https://${this.hostname('gitlab')}/<group>/<project>.git (an access token as the password): `
        + "its shell, Git over SSH, has no route, as Caddy and main-gateway carry HTTP only, so once GitLab's VM goes the SSH remotes that name it reach nothing. "
        + 'Point each clone at HTTPS, this repository\'s first, and write its new URL as git.url of the site in hosts/aether.ts',
      command: `git remote set-url origin https://${this.hostname('gitlab')}/${project}`,
    });
    // GitLab's own address changes with the move, and every ID token its CI issues names that address as its
    // issuer: RGW trusts the issuer it was given, and a runner talks to the GitLab its config names.
    const movedTo = `https://${this.hostname('gitlab')}`;
    leaveOwnerAction(gitlab, {
      kind: 'manual',
      action: `GitLab's address moves with it, from ${GITLAB_VM_URL}, the VM's, to ${movedTo}, which its CI jobs' ID tokens then name as their issuer: `
        + 'once the VM goes, point each runner at it (url in its config.toml), and register that issuer with RGW\'s IAM as the Ceph RGW step registered the VM\'s, '
        + 'naming it in the roles\' trust policies; otherwise no job reaches GitLab, and RGW refuses every job\'s token',
      command: `aws iam create-open-id-connect-provider --endpoint-url ${https(cephRgw)} --url ${movedTo} --client-id-list "${factValue(rgwOidcAudience)}" --thumbprint-list "$THUMBPRINT"`,
    });
    new ServiceRoute(this, 'gitlab-route', { name: 'gitlab', host: 'gitlab', namespace: 'infra', serviceName: 'gitlab-webservice-default', port: 8181 });
    // The design's deploy jobs push $CI_REGISTRY_IMAGE and Knative pulls it: the chart's registry serves
    // registry.<domain> (global.hosts.registry, its default), a host of its own that Workhorse does not proxy.
    new ServiceRoute(this, 'gitlab-registry-route', {
      name: 'gitlab-registry', host: 'registry', namespace: 'infra', serviceName: 'gitlab-registry', port: GITLAB_REGISTRY_PORT,
    });
    // Once GitLab has moved here and its VM is gone, the agent connects to this GitLab's agent server, which the
    // chart serves at kas.<domain> (global.hosts.kas, its default), a host of its own, like the registry's.
    new ServiceRoute(this, 'gitlab-kas-route', {
      name: 'gitlab-kas', host: 'kas', namespace: 'infra', serviceName: 'gitlab-kas', port: GITLAB_KAS_PORTS.agent,
    });
    new ServiceRoute(this, 'gitlab-kas-k8s-proxy-route', {
      name: 'gitlab-kas-k8s-proxy', host: 'kas', path: '/k8s-proxy', namespace: 'infra', serviceName: 'gitlab-kas', port: GITLAB_KAS_PORTS.kubernetesApi,
    });
  }

  /**
   * Synapse's PostgreSQL, whose database initdb makes with the C collation and character type Synapse requires,
   * in UTF8, which Synapse refuses to start without: initdb derives the encoding from the character type, and
   * C's is SQL_ASCII. And its Redis, which the chart always configures (workers would share it); each password
   * comes from OpenBao.
   * The chart writes a password into Synapse's config with sed, so it must hold no `/`, `&` or backslash: hex has none.
   */
  private synapseStores(): { databasePassword: SecretReference; redisPassword: SecretReference } {
    const infra = { namespace: 'infra', labels: { owner: 'infra' } };
    const synapsePods = [{ namespace: 'infra', podLabels: { 'app.kubernetes.io/name': 'matrix-synapse' } }];
    const databasePassword = openBaoKey(this, 'synapse-postgres-secret', {
      remoteKey: 'synapse/postgres', property: 'password',
      meaning: "the password of Synapse's PostgreSQL role synapse, in hex (the chart puts it into Synapse's config with sed); initdb sets it on the database's first start only",
    });
    appPostgres(this, 'synapse-postgres', {
      image: 'postgres:17.5', database: 'synapse', password: databasePassword, entry: { remoteKey: 'synapse/postgres' }, size: databaseClaimSize(this, claimSizes.synapseDatabase),
      client: 'matrix-synapse', initdbArgs: '--encoding=UTF8 --lc-collate=C --lc-ctype=C',
    });
    const redisPassword = openBaoKey(this, 'synapse-redis-secret', {
      remoteKey: 'synapse/redis', property: 'password', meaning: "the password of Synapse's Redis, in hex (the chart puts it into Synapse's config with sed)",
    });
    new App(this, 'synapse-redis', {
      ...infra, image: 'redis:7.4.2', runAsUser: 999, runAsGroup: 999,
      // Redis reads its password from no variable of its own, and an argument shows it to anyone who lists the
      // node's processes: the shell hands it over as config on standard input (`-`), then becomes Redis.
      args: ['sh', '-c', 'exec redis-server - --bind 0.0.0.0 <<EOF\nrequirepass $REDIS_PASSWORD\nEOF\n'],
      env: { REDIS_PASSWORD: redisPassword },
      ports: [{ name: 'redis', port: 6379 }],
      // Synapse keeps nothing in Redis: it passes messages between its processes there.
      persistence: { data: { volume: AppVolume.emptyDir(), mountPath: '/data' } },
      resources: { cpuRequest: '20m', memoryRequest: '32Mi', memoryLimit: '128Mi' },
      allowFrom: synapsePods,
      // A store its clients call, which calls nothing: DNS alone.
      egress: [],
    });
    return { databasePassword, redisPassword };
  }

  /** The UPS stack: NUT server and its web UI, Peanut. */
  private ups(): void {
    const infra = { namespace: 'infra', labels: { owner: 'infra' } };
    // The image's upsmon, the container's main process, logs in to upsd as the API user with this password and
    // stops the container at start without one; the entrypoint reads it from /run/secrets/nut-upsd-password.
    // A file, so it comes as the design's secrets do: through the Secrets Store CSI driver, never into etcd.
    const apiPassword = new VaultSecretProviderClass(this, 'nut-server-secrets', {
      namespace: 'infra', vaultAddress: https(openBao), roleName: 'k8s-workloads', caBundle: labServicesCaBundle(),
      objects: [{ objectName: NUT_PASSWORD_FILE, secretPath: 'secret/data/nut/upsd', secretKey: 'password' }],
    });
    leaveOwnerAction(apiPassword, {
      kind: 'manual', beforeFirstSync: true,
      action: "the key password of secret/nut/upsd is the password of NUT's API user upsmon, which upsmon in the NUT server's pod logs in to upsd with, any random string",
      command: 'vault kv put secret/nut/upsd password="$(openssl rand -hex 32)"',
    });
    new App(this, 'nut-server', {
      ...infra, image: 'instantlinux/nut-upsd:2.8.2-r2',
      ports: [{ name: 'nut', port: 3493 }],
      env: { NAME: 'ups', DRIVER: factValue(upsDriver), PORT: ups.address, SECRETNAME: NUT_PASSWORD_FILE },
      persistence: { secrets: { volume: apiPassword.volume, mountPath: '/run/secrets', readOnly: true } },
      exemptions: {
        runAsRoot: 'upsd starts as root to write its state directory, then drops to the nut user',
        writableRootFilesystem: 'the entrypoint writes ups.conf and upsd.users at start',
        // upsmon's root parent process only waits for the shutdown command of its child: it signals no nut process.
        addCapabilities: rootInitExemption('exec', 'the entrypoint gives its files to the nut user, and upsd switches to it'),
      },
      resources: { cpuRequest: '20m', memoryRequest: '32Mi', memoryLimit: '64Mi' },
      allowFrom: [{ namespace: 'infra', podLabels: { 'app.kubernetes.io/name': 'peanut' } }],
      // The UPS stack talks to the UPS and nothing else: the driver polls its network card over SNMP.
      egress: [{ cidr: `${ups.address}/32`, ports: [{ port: ups.port('snmp'), protocol: 'UDP' }] }],
    });
    placeholderValue(this, upsDriver);
    new App(this, 'peanut', {
      ...infra, image: 'brandawg93/peanut:5.7.5',
      ports: [{ name: 'http', port: 8080 }], route: { host: 'peanut' },
      // npm, which starts the server, writes its logs under the home folder.
      env: { NUT_HOST: 'nut-server.infra.svc.cluster.local', NUT_PORT: '3493', WEB_PORT: '8080', HOME: '/tmp' },
      // PeaNUT keeps its settings.yml in /config, a folder the image does not make and UID 1000 cannot make
      // under /: without it, settings changed in the web UI are not saved (the servers come from NUT_HOST).
      persistence: { config: { volume: AppVolume.emptyDir(), mountPath: '/config' } },
      exemptions: { writableRootFilesystem: 'Next.js writes its cache under .next' },
      resources: { cpuRequest: '20m', memoryRequest: '128Mi', memoryLimit: '256Mi' },
      // PeaNUT shows what the NUT server reads, and calls nothing else.
      egress: [{ namespace: 'infra', podLabels: { 'app.kubernetes.io/name': 'nut-server' } }],
    });
    // The design moves the UPS stack first, a simple stateless UI that validates the platform, once a deploy
    // from GitLab has been tested: the pipeline, the VIP on main-gateway, and PeaNUT through Caddy end to end.
    const peanut = this.hostname('peanut');
    leaveOwnerAction(this, {
      kind: 'manual',
      action: `test the deploy from GitLab and validate the platform with the UPS stack, the first the design moves, before any other: the pipeline's `
        + `deploy jobs pass, main-gateway is Programmed at the VIP ${vip}, and PeaNUT answers at https://${peanut} through Caddy (AdGuard, Caddy, `
        + 'the VIP, the Gateway and the pod network end to end) and shows the UPS nut-server reads',
      command: 'kubectl -n ingress wait --for=condition=Programmed gateway/main-gateway --timeout=5m '
        + `&& test "$(kubectl -n ingress get gateway main-gateway -o jsonpath='{.status.addresses[0].value}')" = ${vip} `
        + `&& curl -fsS -o /dev/null https://${peanut}/`,
    });
  }

  /** The media stack: Jellyfin (transcoding on the GPU workstation through rffmpeg), qBittorrent through the proxy, MediaManager. */
  private media(): void {
    const infra = { namespace: 'infra', labels: { owner: 'infra' } };
    const gpuHost = gpuWorkstation.dnsName ?? gpuWorkstation.address;
    this.mediaExportStep();
    const image = placeholderValue(this, jellyfinImage);
    // rffmpeg stands in for ffmpeg and runs every transcode on the GPU workstation over SSH: no GPU in the pod.
    // Jellyfin refuses to start when JELLYFIN_FFMPEG names no working ffmpeg, and the stock image has no
    // rffmpeg: it keeps its own jellyfin-ffmpeg until the placeholder names an image that adds rffmpeg.
    const rffmpeg = image !== JELLYFIN_STOCK_IMAGE;
    const jellyfin = new App(this, 'jellyfin', {
      ...infra, image,
      ports: [{ name: 'http', port: 8096 }], route: { host: 'jellyfin' },
      env: rffmpeg ? { JELLYFIN_FFMPEG: '/usr/local/bin/rffmpeg' } : {},
      persistence: {
        config: { volume: AppVolume.claim({ tier: 'ceph', size: placeholderValue(this, claimSizes.jellyfinConfig) }), mountPath: '/config' },
        cache: { volume: AppVolume.emptyDir({ sizeLimit: JELLYFIN_CACHE_SIZE_LIMIT }), mountPath: '/cache' },
        // Its transcodes go under /cache, a film's worth of segments for each stream, more than the cache's limit:
        // on a volume of their own, as the Jellyfin construct keeps them, a long film no longer gets the pod evicted.
        transcodes: { volume: AppVolume.emptyDir({ sizeLimit: JELLYFIN_TRANSCODE_SIZE_LIMIT }), mountPath: JELLYFIN_TRANSCODES_DIR },
        // The library on the Smith NFS server, which qBittorrent downloads into.
        media: { volume: AppVolume.nfs(aether.nfs.media), mountPath: '/media', readOnly: true },
      },
      // Jellyfin migrates its database before it opens its port, at the first start on the media stack VM's /config
      // and after an upgrade: liveness's minute would kill it midway, and every restart would start the migration over.
      probes: { readiness: { httpPath: '/health' }, startup: { httpPath: '/health', failureThreshold: 60 } },
      resources: { cpuRequest: '250m', memoryRequest: '1Gi', memoryLimit: '2Gi' },
    });
    // Its /config claim is new here: Jellyfin's startup wizard makes the administrator for whoever opens it
    // first, until the owner finishes it or copies in the media stack VM's /config, which holds its users.
    leaveFirstVisitorStep(jellyfin, {
      label: 'Jellyfin', task: 'finish its startup wizard', claims: 'makes the administrator',
      then: `add the libraries ${Object.values(MEDIA_LIBRARY_FOLDERS).map((folder) => `/media/${folder}`).join(' and ')}, the folders MediaManager imports into; or, to keep the media stack VM's users and libraries, scale it to 0, copy that VM's /config into its claim and scale it back to 1 `
        // A /config written by a newer release than the image's does not start: Jellyfin migrates its database forward only.
        + `(Jellyfin migrates a /config forward only: one of a release newer than its image's, ${image.slice(image.lastIndexOf(':') + 1)}, first needs the placeholder of Jellyfin's image at that release)`,
    });
    // rffmpeg reads its hosts from its own state, not from the environment, and the image does not ship it. Its
    // default state folder is on the pod's read-only root, where a registration could neither be written nor outlive
    // a restart. ffmpeg then runs on the workstation with Jellyfin's own paths: those it reads and writes must be there too.
    leaveOwnerAction(jellyfin, {
      kind: 'manual',
      action: `rffmpeg: build an image that adds rffmpeg at /usr/local/bin/rffmpeg to ${JELLYFIN_STOCK_IMAGE}, with the SSH key of user jellyfin on ${gpuHost} `
        + "and an rffmpeg.yml whose state folder is under /config (Jellyfin's claim: the image's root is read-only, and the registered hosts must outlive a restart); "
        + `rffmpeg runs ffmpeg on ${gpuHost} with Jellyfin's own paths, so mount the media export there at /media, and Jellyfin's transcodes (${JELLYFIN_TRANSCODES_DIR}, `
        + 'a volume of the pod until then) on storage both mount at the same path; '
        + `name it in the placeholder of Jellyfin's image (which sets JELLYFIN_FFMPEG), and register the workstation once: rffmpeg add ${gpuHost}`,
    });
    const qbittorrent = new App(this, 'qbittorrent', {
      ...infra, image: 'lscr.io/linuxserver/qbittorrent:5.1.0',
      ports: [{ name: 'http', port: 8080 }], route: { host: 'qbittorrent' },
      env: { PUID: String(MEDIA_OWNER_ID), PGID: String(MEDIA_OWNER_ID), TZ: placeholderValue(this, labTimeZone), WEBUI_PORT: '8080' },
      persistence: {
        config: { volume: AppVolume.claim({ tier: 'ceph', size: placeholderValue(this, claimSizes.qbittorrentConfig) }), mountPath: '/config' },
        // The image's default save path, on the media library Jellyfin serves.
        downloads: { volume: AppVolume.nfs(aether.nfs.media), mountPath: '/downloads' },
      },
      exemptions: {
        // s6-overlay drops to PUID with setuid(2), which no_new_privs leaves allowed: no privilege escalation.
        runAsRoot: 'the linuxserver.io image starts s6-overlay as root and drops to PUID',
        writableRootFilesystem: 's6-overlay writes its service tree under /run',
        addCapabilities: rootInitExemption('supervisor', 's6-overlay chowns /config and drops to PUID'),
      },
      resources: { cpuRequest: '100m', memoryRequest: '256Mi', memoryLimit: '1Gi' },
      // The design sends its traffic through the rotating SOCKS5 proxy: its pods reach that proxy alone (and DNS),
      // so no peer, tracker or DHT connection leaves from the nodes' address, before the proxy is set or after.
      egress: [{ cidr: `${rotatingProxy.address}/32`, ports: [{ port: rotatingProxy.port('socks5'), protocol: 'TCP' }] }],
    });
    // qBittorrent 4.6.1 and later give the Web UI's admin a new random password at every start until one is set,
    // and print it to the log: the owner's first sign-in needs it.
    leaveOwnerAction(qbittorrent, {
      kind: 'manual',
      action: `sign in to qBittorrent at https://qbittorrent.${aether.domain} as admin with the temporary password its pod prints at start (a new one at every start `
        + "until one is set), then set your own under Tools → Options → Web UI; a /config copied from the media stack VM keeps that VM's password",
      command: "kubectl -n infra logs deployment/qbittorrent | grep 'temporary password'",
    });
    // Peer traffic leaves only through the rotating SOCKS5 proxy: a setting of qBittorrent's own, in its config.
    leaveOwnerAction(qbittorrent, {
      kind: 'manual',
      action: `in qBittorrent's Web UI (Tools → Options → Connection → Proxy Server): type SOCKS5, host ${rotatingProxy.dnsName ?? rotatingProxy.address}, `
        + `port ${rotatingProxy.port('socks5')}, use the proxy for peer connections (and for RSS): its pods may reach ${rotatingProxy.address} on that port `
        + 'and nothing else outside the cluster, so until the proxy is set it downloads nothing',
    });
    // MediaManager hands its downloads to the stack's qBittorrent through its Web API (its
    // [torrents.qbittorrent] settings), which the Gateway's route alone would otherwise reach.
    qbittorrent.addAllowFrom(this.mediaManager());
  }

  /**
   * The media export, which the first deploy mounts: the kubelet of each node mounts it, so the NFS server sees the
   * nodes' addresses, never the pods'; every writer is squashed to the owner of its folder.
   */
  private mediaExportStep(): void {
    const { server, path } = aether.nfs.media;
    const nodes = this.hosts.map((node) => node.address);
    const options = `rw,sync,no_subtree_check,all_squash,anonuid=${MEDIA_OWNER_ID},anongid=${MEDIA_OWNER_ID}`;
    leaveOwnerAction(this, {
      kind: 'bootstrap', beforeFirstSync: true,
      action: `on the NFS server (${server}), export ${path} read-write to the nodes ${nodes.join(', ')} (VLAN ${vlans.kubernetes.id}: their kubelets mount it for the pods, `
        + `so it sees the nodes' addresses, never the pods' ${podNetwork}) with all_squash,anonuid=${MEDIA_OWNER_ID},anongid=${MEDIA_OWNER_ID}, its folder owned by ${MEDIA_OWNER_ID}:${MEDIA_OWNER_ID}: `
        + `qBittorrent (PUID ${MEDIA_OWNER_ID}) downloads into it, MediaManager (root, squashed to ${MEDIA_OWNER_ID}) imports into its `
        + `${Object.values(MEDIA_LIBRARY_FOLDERS).map((folder) => `${folder}/`).join(' and ')}, and Jellyfin reads it; Jellyfin's, qBittorrent's and MediaManager's pods wait for the mount until then. `
        // The export names each node: a node added later mounts nothing until it is added too.
        + 'A node added to the cluster later needs its own entry in that line (its address with the same options, then exportfs -r) before it joins: '
        + 'until then the server refuses it the mount, and a pod of those three that lands on it waits',
      command: `echo '${path} ${nodes.map((node) => `${node}(${options})`).join(' ')}' >> /etc/exports && chown ${MEDIA_OWNER_ID}:${MEDIA_OWNER_ID} ${path} && exportfs -r`,
    });
  }

  /**
   * MediaManager: PostgreSQL, a `config.toml` and a token secret, or it does not start. Its start script
   * copies the example config into `CONFIG_DIR` when there is none; every value the cluster knows is set
   * through the `MEDIAMANAGER_<SECTION>__<KEY>` variables, which override the file.
   */
  private mediaManager(): App {
    const secret = new ExternalSecret(this, 'mediamanager-secret', {
      namespace: 'infra', store: { name: 'openbao' },
      data: {
        password: { remoteKey: 'mediamanager/db', property: 'password' }, 'token-secret': { remoteKey: 'mediamanager/auth', property: 'token-secret' },
        'qbittorrent-password': { remoteKey: 'mediamanager/qbittorrent', property: 'password' },
      },
    });
    // The server takes the password at its first start only: a later change of the entry locks MediaManager out.
    leaveOwnerAction(secret, {
      kind: 'manual',
      action: "the property password of mediamanager/db is the password of MediaManager's PostgreSQL role mediamanager, which the server and MediaManager both read; "
        + "initdb sets it on the database's first start only",
      command: 'vault kv put secret/mediamanager/db password="$(openssl rand -hex 32)"', beforeFirstSync: true,
    });
    leaveOwnerAction(secret, {
      kind: 'manual', action: "the property token-secret of mediamanager/auth signs MediaManager's logins, any random string",
      command: 'vault kv put secret/mediamanager/auth token-secret="$(openssl rand -hex 32)"', beforeFirstSync: true,
    });
    leaveOwnerAction(secret, {
      kind: 'manual',
      action: "the property password of mediamanager/qbittorrent is the password of qBittorrent's Web UI admin, which MediaManager signs in with: "
        + "choose it now, and give qBittorrent the same one when you set its own after its first start (Tools → Options → Web UI)",
      command: 'vault kv put secret/mediamanager/qbittorrent password="$(openssl rand -base64 24)"', beforeFirstSync: true,
    });
    appPostgres(this, 'mediamanager-postgres', {
      image: 'postgres:17.5', database: 'mediamanager', password: secret.key('password'), entry: { remoteKey: 'mediamanager/db' }, size: databaseClaimSize(this, claimSizes.mediaManagerDatabase), client: 'mediamanager',
    });
    // MediaManager's example config, which its start script copies, makes admin@example.com and admin2@example.com
    // administrators: the first with the password admin on a database without users, the other for whoever
    // registers with it. The owner's address replaces both.
    const adminEmail = placeholderValue(this, mediaManagerAdminEmail, true);
    // A Knative Service mounts claims, not NFS: the media export reaches it as a claim bound to a volume of the export.
    // The volume is the whole export; its capacity is the inventory's placeholder, listed with the site's.
    const capacity = factValue(mediaExportCapacity);
    const library = new StaticNfsVolume(this, 'media-library', {
      export: aether.nfs.media, name: 'aether-media-library', capacity, claim: { name: 'media-library', namespace: 'infra', size: capacity },
    });
    const mediaManager = new App(this, 'mediamanager', {
      // Each process runs its own scheduler over the jobs kept in the database (torrent imports, downloads of approved
      // requests): a second pod would run each job twice, and both would apply the migrations at once.
      namespace: 'infra', labels: { owner: 'infra' }, controller: AppController.knative({ maxScale: 1 }), image: MEDIAMANAGER_IMAGE,
      ports: [{ name: 'http', port: 8000 }], route: { host: 'mediamanager' },
      env: {
        MEDIAMANAGER_DATABASE__HOST: 'mediamanager-postgres.infra.svc.cluster.local', MEDIAMANAGER_DATABASE__PORT: '5432',
        MEDIAMANAGER_DATABASE__USER: 'mediamanager', MEDIAMANAGER_DATABASE__DBNAME: 'mediamanager', MEDIAMANAGER_DATABASE__PASSWORD: secret.key('password'),
        MEDIAMANAGER_AUTH__TOKEN_SECRET: secret.key('token-secret'), MEDIAMANAGER_MISC__FRONTEND_URL: `https://mediamanager.${aether.domain}`,
        // A list setting, which MediaManager's settings read from the environment as JSON.
        MEDIAMANAGER_AUTH__ADMIN_EMAILS: JSON.stringify([adminEmail]),
        // Its config folder goes with each pod (it scales to zero), so its download client is set here, not in the file.
        MEDIAMANAGER_TORRENTS__QBITTORRENT__ENABLED: 'true', MEDIAMANAGER_TORRENTS__QBITTORRENT__HOST: 'http://qbittorrent.infra.svc.cluster.local',
        MEDIAMANAGER_TORRENTS__QBITTORRENT__PORT: '8080', MEDIAMANAGER_TORRENTS__QBITTORRENT__USERNAME: 'admin',
        MEDIAMANAGER_TORRENTS__QBITTORRENT__PASSWORD: secret.key('qbittorrent-password'),
        // qBittorrent saves into the media export's root (its /downloads), mounted here at /data: MediaManager finds each
        // finished torrent there and imports it into /data/tv and /data/movies, the library Jellyfin serves from /media.
        MEDIAMANAGER_MISC__TORRENT_DIRECTORY: '/data',
        // Its defaults, written out: Jellyfin's libraries are these folders of the export.
        MEDIAMANAGER_MISC__TV_DIRECTORY: `/data/${MEDIA_LIBRARY_FOLDERS.tv}`, MEDIAMANAGER_MISC__MOVIE_DIRECTORY: `/data/${MEDIA_LIBRARY_FOLDERS.movies}`,
      },
      // The start script writes the example config here; its library, the posters it downloads and the downloads it imports
      // are on the media export.
      persistence: {
        config: { volume: AppVolume.emptyDir(), mountPath: '/app/config' },
        data: { volume: library.volume, mountPath: '/data' },
      },
      // This release is built for root alone: its base image has no Python, uv installed one under root's home
      // (mode 700) for the project's environment, and the start script runs the migrations and the server through
      // uv run, which locks that environment under /app. As another user it cannot start Python at all.
      exemptions: {
        runAsRoot: "the image's Python lives under /root, which only root may enter",
        writableRootFilesystem: 'uv run, which the start script starts the migrations and the server with, locks and syncs the project environment under /app',
      },
      probes: { readiness: { httpPath: '/api/v1/health' } },
      resources: { cpuRequest: '50m', memoryRequest: '256Mi', memoryLimit: '512Mi' },
    });
    // MediaManager finds torrents only through an indexer ([indexers.prowlarr] or [indexers.jackett]), one of the media
    // stack's *arrs the design does not name; the file it would go into goes with each pod, so it is set as the
    // download client is, in the environment, its API key (made in the indexer's UI) from OpenBao.
    leaveOwnerAction(mediaManager, {
      kind: 'manual',
      action: 'MediaManager searches for torrents only through an indexer, Prowlarr or Jackett, which the design does not name among the media stack\'s *arrs; '
        + 'its config.toml goes with each pod, so once the indexer runs (an App in infra whose allowFrom admits mediamanager) give MediaManager its env in charts/aether/main.ts: '
        + 'MEDIAMANAGER_INDEXERS__PROWLARR__ENABLED true and MEDIAMANAGER_INDEXERS__PROWLARR__URL http://<its Service>.infra.svc.cluster.local:<the Service\'s port> '
        + '(Jackett: MEDIAMANAGER_INDEXERS__JACKETT__…), and its API key (Prowlarr: Settings → General) as the property api-key of mediamanager/indexer in OpenBao, '
        + 'a key of ExternalSecret mediamanager-secret that MEDIAMANAGER_INDEXERS__PROWLARR__API_KEY reads; until then MediaManager finds nothing to hand to qBittorrent',
      command: 'vault kv put secret/mediamanager/indexer api-key="$INDEXER_API_KEY"',
    });
    return mediaManager;
  }

  /** OpenBao secrets as files, and the weekly Nuclei scan of the apps. */
  private security(): void {
    // The design's example of OpenBao secrets as files (secret/data/myapp as /mnt/secrets/api-key) names no
    // app that mounts them: an app that needs them mounts AppVolume.secretsStore('app-secrets'). None does yet,
    // so no pod waits at start for a secret that exists only as an example.
    new VaultSecretProviderClass(this, 'app-secrets', {
      namespace: 'infra', vaultAddress: https(openBao), roleName: 'k8s-workloads', caBundle: labServicesCaBundle(),
      objects: [{ objectName: 'api-key', secretPath: 'secret/data/myapp', secretKey: 'key' }],
    });
    new App(this, 'nuclei', {
      namespace: 'infra', labels: { owner: 'infra' },
      // A Nuclei v3 scan sometimes never finishes (projectdiscovery/nuclei#4823): with the next run forbidden while
      // one runs, a hung scan would stop every later week's. A day is far more than a scan of these few hosts takes.
      controller: AppController.cronJob({ schedule: placeholderValue(this, nucleiSchedule), activeDeadlineSeconds: NUCLEI_SCAN_DEADLINE_SECONDS }),
      image: 'projectdiscovery/nuclei:v3.4.4',
      args: [...placeholderValue(this, nucleiTargets).split(',').flatMap((target) => ['-target', target.trim()]), '-silent'],
      persistence: { templates: { volume: AppVolume.emptyDir(), mountPath: '/home/nuclei' } },
      env: { HOME: '/home/nuclei' },
      resources: { cpuRequest: '100m', memoryRequest: '256Mi', memoryLimit: '1Gi' },
    });
  }
  /**
   * Workloads the design moves to Knative without naming them: the apps of the Coupe, Dokku and Dokploy VMs
   * and the media stack's *arrs; and the shared CI template its peers deploy with. Steps, not objects, until
   * the owner lists them.
   */
  private migrations(): void {
    /** The minor release after `<major>.<minor>`. */
    const nextMinor = (release: string) => release.replace(/\.(\d+)$/, (_, minor: string) => `.${Number(minor) + 1}`);
    // The design's upgrade path, API calls through talosctl. `talosctl upgrade` upgrades the one node it is
    // given, so each node in turn. The design's Kubernetes target, 1.32.0, is older than what its Talos
    // v1.11.0 installs, and upgrade-k8s moves forward only: the owner names the release.
    const nodes = this.hosts.map((node) => node.address).join(' ');
    leaveOwnerAction(this, {
      kind: 'manual',
      action: `upgrades, when you take them: Talos to v1.12.0 with the same schematic, one node after the other (talosctl upgrade upgrades only the node it is given, `
        + `${talosTrinity.address} in the design's example); then Kubernetes one minor release past the one the cluster runs (Talos ${talosRelease} installs ${TALOS_KUBERNETES_MINOR}): `
        + `the design's example target, 1.32.0, is older than that, and talosctl upgrade-k8s does not go back: `
        + `set KUBERNETES_VERSION to that release first (${nextMinor(TALOS_KUBERNETES_MINOR)}.<patch> after the ${TALOS_KUBERNETES_MINOR} Talos ${talosRelease} installs)`,
      command: `for node in ${nodes}; do talosctl upgrade --nodes "$node" --image factory.talos.dev/installer/${talosSchematic}:v1.12.0; done\n`
        + `talosctl upgrade-k8s --nodes ${talosTrinity.address} --to "$KUBERNETES_VERSION"`,
    });
    const chart = this;
    leaveOwnerAction(this, {
      kind: 'manual',
      // Every claim of Ceph RBD here is new and empty: the data of the VMs goes into each; the media export is the NFS server's own folder.
      get action() {
        const fresh = dataClaimsOf(chart).filter((c) => c.storageClassName !== '');
        const named = (statefulSets: boolean) => fresh.filter((c) => c.madeByStatefulSet === statefulSets).map((c) => `${c.namespace}/${c.name}`).join(', ');
        return 'move the stacks in the design\'s order (UPS stack, Dokku apps, Dokploy apps, AI tool stack, media stack, messaging stack; GitLab last), copying each one\'s data '
          + `here before its route takes over: its folders into the claims ${named(false)}, its databases, from dumps, into ${named(true)}, `
          + 'each under a release of its app no older than the VM\'s, as each brings a database forward only (Bytebot '
          + `${BYTEBOT_AGENT_IMAGE}, MediaManager ${MEDIAMANAGER_IMAGE}, Synapse the release chart ${SYNAPSE_CHART.chart} ${SYNAPSE_CHART.version} runs, its appVersion; `
          + 'OpenWebUI as its own step says): a VM of a newer release first needs that image raised in charts/aether/main.ts (Synapse\'s by its chart\'s image.tag), '
          // Each app's first start here made its tables in its database: a dump loaded over them fails on every one.
          + 'and each into a database emptied first of the tables its app\'s first start made (stop the app, Synapse by scaling deployment infra/synapse-matrix-synapse to 0, '
          + 'a Knative Service once idle, then drop and re-create the database, owned by its role, and load the dump into it), '
          + 'Synapse\'s media into its chart\'s claim and GitLab\'s backup, made by the release the chart runs, into its chart\'s as the step of GitLab\'s move below says '
          + '(the media library stays on the NFS server, whose export Jellyfin, qBittorrent and MediaManager mount), '
          + `then shut down and delete the VMs it frees: ${freedVms(VMS_THE_CLUSTER_REPLACES)}; `
          + `before GitLab's VM goes, point the agent at this cluster's GitLab: kasAddress wss://${chart.hostname('kas')} in the agent's options (route gitlab-kas, `
          + `where the agent connects, and gitlab-kas-k8s-proxy, where CI jobs' kubectl goes), re-synth and re-run the agent's install step above by hand `
          + '(pipelines reach the cluster only through the agent), or the agent loses its server with the VM and no pipeline reaches the cluster';
      },
    });
    // The VMs the cluster replaces were backed up whole by the design's PBS; the claims that now hold their data
    // are RBD images ceph-csi maps inside the Talos VMs, which no VM backup includes.
    leaveOwnerAction(this, {
      kind: 'manual',
      get action() {
        const claims = dataClaimsOf(chart);
        const named = (list: typeof claims) => list.map((c) => `${c.namespace}/${c.name}${c.madeByStatefulSet ? ' (its claims)' : ''}`).join(', ');
        // A claim bound to a volume of its own (the media export) holds no RBD image: its data is the NFS server's.
        const exported = claims.filter((c) => c.storageClassName === '');
        return 'backups: the design\'s Proxmox Backup Server (PBS, on Smith) backs up the Proxmox VMs, the Talos nodes\' own disks among them, but not the claims, '
          + `whose RBD images ceph-csi maps inside the nodes: the data PBS kept with the VMs this cluster replaces now lives in ${named(claims.filter((c) => c.storageClassName !== ''))}, `
          + 'and in the claims GitLab\'s chart (Gitaly, PostgreSQL, MinIO) and Synapse\'s (media) make. Back them up off Ceph with a tool you choose '
          + '(the design names none for them; GitLab\'s own backup-utility for GitLab), and check a restore'
          + (exported.length > 0 ? `; ${named(exported)} is no RBD image but the NFS server's export (${aether.nfs.media.server}:${aether.nfs.media.path}), which stays with the backups of that VM on Smith` : '')
          // The chart's guide to backups: the tarball goes to its object storage, and leaves the rails keys out.
          + '. GitLab\'s backup-utility writes its tarball into bucket gitlab-backups of the chart\'s MinIO, itself a claim on Ceph, so copy it off the cluster; '
          + 'and the tarball leaves out the keys its database is encrypted with (Secret infra/gitlab-rails-secret, key secrets.yml): keep a copy of them beside it, '
          + 'as closely guarded as a credential, as without them a restore reads no CI/CD variable, two-factor secret or runner token';
      },
      command: 'kubectl -n infra exec deployment/gitlab-toolbox -- backup-utility\n'
        + 'kubectl -n infra get secret gitlab-rails-secret -o jsonpath="{.data[\'secrets\\.yml\']}" | base64 -d > gitlab-rails-secrets.yaml && chmod 600 gitlab-rails-secrets.yaml',
    });
    leaveOwnerAction(this, {
      kind: 'manual',
      action: 'in Grafana on the monitoring stack (Niobe), add the Kubernetes dashboards over what the collectors send: node and pod metrics (kubeletstats), cluster metrics '
        + 'and events, the pods\' own metrics (prometheus.io/scrape), container logs in Loki and traces in Tempo',
    });
    // Monitoring stays outside the cluster so that it can alert when the cluster is down: the cluster collector
    // reads every node's Ready condition from the API server, so its metrics stop when the API server, the
    // cluster or the collectors are gone, and a node that is not Ready shows as such while the API server runs.
    // The receiver's k8s.node.condition_ready is a gauge of unit 1, which Prometheus's OTLP translation names with
    // the suffix _ratio when it adds unit suffixes (its default, the remote-write exporter's too), and without it otherwise.
    const nodeReady = '{__name__=~"k8s_node_condition_ready(_ratio)?"}';
    leaveOwnerAction(this, {
      kind: 'manual',
      action: 'in Prometheus on the monitoring stack (Niobe), load these alerting rules (rule_files), so that it alerts when the cluster is down: '
        + 'no Ready condition of any node has arrived from the cluster collector for 5 minutes (the API server, the cluster or its collectors are down), '
        + 'or a node has not been Ready for 5 minutes. The condition is the collector\'s k8s.node.condition_ready (1 Ready, 0 not, -1 unknown), a gauge of unit 1, '
        + 'which Prometheus names k8s_node_condition_ready_ratio when its OTLP translation adds unit suffixes, as it does by default, and k8s_node_condition_ready when it does not: '
        + 'the rules match either',
      command: [
        'groups:',
        '  - name: kubernetes',
        '    rules:',
        '      - alert: KubernetesClusterDown',
        `        expr: 'absent_over_time(${nodeReady}[5m])'`,
        '        labels: { severity: critical }',
        '        annotations: { summary: "no metrics from the Kubernetes cluster for 5 minutes: its API server, nodes or collectors are down" }',
        '      - alert: KubernetesNodeNotReady',
        `        expr: '${nodeReady} != 1'`,
        '        for: 5m',
        '        labels: { severity: warning }',
        '        annotations: { summary: "a Kubernetes node has not been Ready for 5 minutes" }',
      ].join('\n'),
    });
    // The rules fire in Prometheus; Alertmanager takes them to someone, on a channel the design leaves open.
    const receiverKind = placeholderValue(this, monitoringAlertReceiver);
    const { route, receivers: [receiver] } = alertReceiverConfig(receiverKind, MONITORING_ALERT_URL_FILE);
    const [list, [config]] = Object.entries(receiver).find(([key]) => key !== 'name') as [string, Array<Record<string, unknown>>];
    leaveOwnerAction(this, {
      kind: 'manual',
      action: `so that the cluster's alerts reach someone, run Alertmanager on the monitoring stack (Niobe) beside Prometheus (alerting.alertmanagers in prometheus.yml) `
        + `with this alertmanager.yml, which sends every alert to a ${receiverKind} receiver; write that service's incoming-webhook URL, a credential, `
        + `to ${MONITORING_ALERT_URL_FILE} on the VM (readable by Alertmanager only, never in Git); then check that a test alert arrives (amtool --alertmanager.url=http://localhost:9093 alert add Test)`,
      command: [
        'route:',
        `  receiver: ${route.receiver}`,
        'receivers:',
        `  - name: ${String(receiver.name)}`,
        `    ${list}:`,
        `      - { ${Object.entries(config).map(([key, value]) => `${key}: ${String(value)}`).join(', ')} }`,
      ].join('\n'),
    });
    leaveOwnerAction(this, {
      kind: 'manual',
      action: 'migrate the apps of the Dokku (Neo), Dokploy (Trinity) and Coupe (Niobe) VMs, which the design moves to Knative Services (Dokploy\'s stateful ones to Helm charts), '
        + 'as Apps with AppController.knative() in infra or projects, each with an owner label; the design names none of them',
    });
    leaveOwnerAction(this, {
      kind: 'manual',
      action: "add the media stack's *arrs, which the design moves with Jellyfin and qBittorrent without naming them, as Apps in infra beside qBittorrent, mounting the media export at /downloads as it does",
    });
    leaveOwnerAction(this, {
      kind: 'manual',
      action: 'create GitLab project infra/ci-templates with knative-deploy.yml, the template peers include (include: [{ project: "infra/ci-templates", file: "knative-deploy.yml" }]): '
        + 'a deploy job that runs kn service apply $CI_PROJECT_NAME --image $CI_REGISTRY_IMAGE:$CI_COMMIT_SHA with an owner label in the job\'s namespace, '
        // kubectl supports one minor release of skew against the API server: the template's tools follow the cluster's.
        + `on an image with kn and a kubectl of Kubernetes ${TALOS_KUBERNETES_MINOR}, the release the cluster runs (the cluster's own deploy jobs run ${GITLAB_CI_PINS.image}). `
        // Knative resolves the tag to a digest and the nodes pull the image, both with the Service's pull secrets:
        // without one, a private project's image is refused and the Service never becomes Ready.
        + 'GitLab\'s registry asks for credentials for a private project\'s image, which Knative reads to resolve its tag and the nodes to pull it: '
        + 'give each deploying project a deploy token named gitlab-deploy-token with read_registry (GitLab hands it to the job as CI_DEPLOY_USER and CI_DEPLOY_PASSWORD), '
        + 'and let the job write pull secret gitlab-registry in its namespace and name it: '
        + 'kubectl create secret docker-registry gitlab-registry --docker-server="$CI_REGISTRY" --docker-username="$CI_DEPLOY_USER" --docker-password="$CI_DEPLOY_PASSWORD" --dry-run=client -o yaml | kubectl apply -f -, '
        + 'then kn service apply … --pull-secret gitlab-registry. '
        // Knative's secure-pod-defaults set runAsNonRoot where the Service sets no user, and the kubelet then
        // refuses an image whose user is root, or a name it cannot check: the revision never becomes Ready.
        + 'The tenants\' namespaces (projects, peers-alice, peers-bob) run pods at the restricted level, and Knative sets runAsNonRoot on a Service that sets no user: '
        + 'an image whose USER is root, or a name rather than a number (node, nginx), starts no container, so build images with a numeric non-root USER, '
        + 'or pass its number: kn service apply … --user 1000',
    });
  }
}

/** How the fleet builds this cluster. */
export const aetherMain: ClusterDefinition = {
  folder: 'aether/main',
  source: 'charts/aether/main.ts',
  build: (site) => new Main(site),
};
