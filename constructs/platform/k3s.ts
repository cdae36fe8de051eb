import { addressInUrl, canonicalIp } from '../inventory/ip-address';
import { runsEmbeddedEtcd, serversOnFlash } from './k3s-etcd-flash';
import { ApiObject } from 'cdk8s';
import { dump } from 'js-yaml';
import type { Construct } from 'constructs';
import { formatNodePortRange, NodePortRange } from '../services/node-ports';
import { leaveOwnerAction } from '../synth/owner-action';
import { ensureNamespaceCommand } from '../synth/bootstrap-secret';
import { BUILT_IN_NAMESPACES } from '../validation/external';
import { reportFinding } from '../validation/finding';
import type { ClusterChart } from './cluster-chart';
import { INGRESS_NGINX_COMPONENT } from './components/ingress-nginx';
import { Installable, LAYERS, PlatformLayer, Preinstalled } from './component';
import { namespaceLabelCommands, upstreamFileUrls, upstreamPatchCommands } from './upstream-manifests';
import { type GitOpsEngine, requiredApiObject } from './gitops';
import { checkedChoice, withChoiceProblemsOf } from '../validation/choice-props';
import { distributionVersionRules } from './distribution-version';
import { oneOfWithHabits, PropShape } from '../validation/known-props';
import { withClusterCheck } from './cluster-checks';
import { K3S_PRUNE_LABEL } from './engine-marks';
import { k3sApiServerOidc, k3sOptionProblems, k3sUsernamePrefix, serverFlagValues, shellFlag } from './k3s-options';
import { noteApiServerOidc } from './talos-oidc';
import { noteIssuer } from '../validation/oidc-issuer';
import { nixosK3sLines, NixosTokenFile } from './k3s-nixos';
import { k3sKubeconfigFile, k3sKubeconfigStep } from './k3s-kubeconfig';
import { apiServerVipHeldAfterFirstSync } from './kube-vip-cluster-facts';
import { k3sTokenRotationStep, k3sTokenStep } from './k3s-token';
import { reportEvenEtcdMembers } from './etcd-members';
import { cidrBlocks, KNOWN_DISTRIBUTIONS } from './cluster-ranges';
import type { BuiltInPodNetwork } from './policy-enforcement';
import { CiliumCni } from './cni';
import { loadBalancersServed } from './load-balancer';
import { reportNoControlPlaneHost } from './control-plane-hosts';
import { rangesInForce } from './cluster-range-vlans';
import { endpointAddressProblems } from './talos-endpoint';
import { BuiltInChart, declareBuiltInCharts } from './built-in-charts';
import { RESOURCE_METRICS_API_SERVICE } from './components/metrics-server';

/** The folder K3s servers apply manifests from, and keep applying as files change. */
export const K3S_MANIFESTS_DIR = '/var/lib/rancher/k3s/server/manifests';

/**
 * The folder of a K3s server's SQLite datastore, the default of a single server without `--cluster-init`:
 * its backup, with the server's token, is the cluster's (K3s' docs, "Backup and Restore with SQLite").
 */
export const K3S_SQLITE_DATASTORE_DIR = '/var/lib/rancher/k3s/server/db';

/**
 * The least memory of a K3s server, in gigabytes: K3s' docs ("Resource Profiling") measured a server with a
 * workload at 1588 MB with SQLite and 1613 MB with embedded etcd on a Raspberry Pi 4, and its agent at 268 MB.
 */
const K3S_SERVER_LEAST_MEMORY_GIGABYTES = 1.6;

/** The file a K3s server keeps the token it made itself in, which agents read when no token file is shared. */
const SERVER_TOKEN_FILE = '/var/lib/rancher/k3s/server/token';

/** The CRDs K3s installs itself: its Helm controller's and its own Addon. */
export const K3S_CRDS = [
  { group: 'helm.cattle.io', kinds: ['HelmChart', 'HelmChartConfig'] },
  { group: 'k3s.cattle.io', kinds: ['Addon'] },
] as const;

/**
 * The role labels a K3s server writes on its own node, each with the value `"true"` (where kubeadm and Talos write
 * the empty value), so `node-role.kubernetes.io/control-plane In ["true"]`, as K3s' upgrade plans select servers,
 * matches them.
 */
export const K3S_CONTROL_PLANE_LABELS: Readonly<Record<string, string>> = {
  'node-role.kubernetes.io/control-plane': 'true',
  'node-role.kubernetes.io/master': 'true',
};

/** The packaged components K3s' `--disable` takes (K3s' docs, "Managing Packaged Components"). */
export const K3S_PACKAGED_COMPONENTS = ['coredns', 'servicelb', 'traefik', 'local-storage', 'metrics-server', 'runtimes'] as const;

/**
 * How to write a component `--disable` takes, given by the name it goes by elsewhere (in upper case, as
 * habits are keyed): K3s' local-path provisioner is `local-storage` to the flag, its Klipper load balancer `servicelb`.
 */
const K3S_COMPONENT_HABITS: Readonly<Record<string, string>> = {
  'LOCAL-PATH': "K3s' flag calls its local-path provisioner local-storage: 'local-storage'",
  'LOCAL-PATH-PROVISIONER': "K3s' flag calls its local-path provisioner local-storage: 'local-storage'",
  KLIPPER: "K3s' flag calls its Klipper load balancer servicelb: 'servicelb'",
  'KLIPPER-LB': "K3s' flag calls its Klipper load balancer servicelb: 'servicelb'",
};

/** K3s' packaged components that a chart installs again, by the name `--disable` takes (K3s' docs, "Managing Packaged Components"). */
const K3S_BUILT_IN_CHARTS: ReadonlyArray<{ readonly component: typeof K3S_PACKAGED_COMPONENTS[number] } & Omit<BuiltInChart, 'hint'>> = [
  {
    component: 'coredns', charts: ['coredns'], what: "K3s' packaged CoreDNS (Service kube-dns in kube-system)",
    clash: "two DNS servers for one cluster, and pods would still ask K3s' one, whose address the kubelet hands them",
  },
  { component: 'traefik', charts: ['traefik'], what: "K3s' packaged Traefik", clash: "both would own the traefik IngressClass and Traefik's CRDs" },
  {
    component: 'local-storage', charts: ['local-path-provisioner'], what: "K3s' packaged local-path provisioner",
    clash: 'both would make StorageClass local-path and provision its claims',
  },
  {
    component: 'metrics-server', charts: ['metrics-server'], what: "K3s' packaged metrics-server",
    clash: "both would serve the metrics API (APIService v1beta1.metrics.k8s.io), each apply taking it from the other",
  },
];

/** Options of a K3s cluster. */
export interface K3sProps {
  /**
   * The API server's `--service-node-port-range`. Kubernetes' default, 30000-32767, does not admit
   * node ports such as 8989 that keep a service on its usual port; set the range wide enough for them.
   * @default 30000-32767
   */
  readonly serviceNodePortRange?: NodePortRange;
  /**
   * Packaged components switched off with `--disable`: some of coredns, servicelb, traefik, local-storage,
   * metrics-server and runtimes. With the cluster's routes on traefik(), it must include `traefik`.
   * @default ['traefik', 'servicelb']
   */
  readonly disable?: string[];
  /**
   * Further flags of the K3s server, as on its command line (e.g. `--disable-cloud-controller`,
   * `--write-kubeconfig-mode=644`). @default []
   */
  readonly extraServerFlags?: string[];
  /**
   * The URL agents join the cluster at, e.g. `https://storage.example.ts.net:6443`.
   * @default - `https://<address of the first control-plane host>:6443`
   */
  readonly serverUrl?: string;
  /**
   * The file the server and each agent read the cluster's join token from (`--token-file`), e.g. a path
   * an encrypted secret is decrypted to on every machine: the server starts with that token instead of
   * making one of its own.
   * @default - the server's token file, /var/lib/rancher/k3s/server/token, copied to each agent
   */
  readonly tokenFile?: string;
  /**
   * The agenix secret the join token is decrypted from on every host (NixOS only), e.g. `k3s-token`: each
   * host's `services.k3s.tokenFile` is `config.age.secrets.<name>.path` (`/run/agenix/<name>` by agenix'
   * default), and a step before the server's says to make the secret and declare it on every host. Give
   * it instead of `tokenFile`.
   * @default - none: the token comes from `tokenFile`, or the server makes its own
   */
  readonly agenixToken?: string;
  /**
   * The hosts run NixOS: the steps that start the server and join each agent are the `services.k3s`
   * settings of that host's configuration (role, server address, token file, flags) and the firewall
   * ports the nodes use between them, instead of command lines.
   * @default false
   */
  readonly nixos?: boolean;
  /**
   * With `nixos`, the file of each host's NixOS configuration its K3s lines go into, by host name, e.g.
   * `{ storage: 'hosts/storage/k8s-server.nix', cloud: 'hosts/cloud/k8s-agent.nix' }`: the steps name it
   * above the lines. A host left out gets lines for its configuration, unnamed.
   * @default - none
   */
  readonly nixosFiles?: Readonly<Record<string, string>>;
  /**
   * With `nixos`, the command that deploys one host's NixOS configuration, `{host}` standing for the host's
   * name, e.g. `just deploy {host}`: the steps that start the server and join each host name it.
   * @default - none: the steps say to deploy the host's configuration
   */
  readonly nixosDeployCommand?: string;
}

/**
 * A K3s cluster's distribution: the server flags this repository relies on, and what K3s brings itself
 * (its Helm controller's CRDs, the `local-path` StorageClass unless disabled).
 */
export class K3s {
  /** The node-port range the server is started with. */
  public readonly serviceNodePortRange: NodePortRange;
  /** Packaged components that are switched off. */
  public readonly disabled: readonly string[];
  /** Clusters configured already: `k3s()` in `preinstalled` configures its cluster, and a chart may call `configure` too. */
  private readonly configured = new WeakSet<ClusterChart>();

  constructor(private readonly props: K3sProps = {}) {
    this.serviceNodePortRange = props.serviceNodePortRange ?? { first: 30000, last: 32767 };
    this.disabled = props.disable ?? ['traefik', 'servicelb'];
  }

  /** Ports K3s itself listens on in every node, which node ports must avoid when the range covers them. */
  public get reservedPorts(): Readonly<Record<number, string>> {
    return { 6443: 'the K3s API server', 6444: 'the K3s supervisor', 10250: 'the kubelet' };
  }

  /**
   * The server's flags: `--disable` per switched-off component, the node-port range, the shared token
   * file and the name agents join at (when given), then the extra flags.
   */
  public get serverFlags(): string[] {
    const joinHost = this.props.serverUrl === undefined ? undefined : hostOfUrl(this.props.serverUrl);
    return [
      ...this.disabled.map((name) => `--disable=${name}`),
      `--service-node-port-range=${formatNodePortRange(this.serviceNodePortRange)}`,
      ...(this.props.tokenFile === undefined ? [] : [`--token-file=${this.props.tokenFile}`]),
      // The server's certificate must name the host agents dial, or they refuse it.
      ...(joinHost === undefined ? [] : [`--tls-san=${joinHost}`]),
      ...(this.props.extraServerFlags ?? []),
    ];
  }

  /**
   * Adapts the cluster's components to this distribution, once the tree is built. Without servicelb, and
   * without a load balancer of the cluster's own (MetalLB, Cilium LB-IPAM), nothing gives LoadBalancer
   * Services an address, so ingress-nginx runs as a DaemonSet that binds ports 80 and 443 of every node
   * through hostPorts, behind a ClusterIP Service.
   */
  public configure(cluster: ClusterChart): void {
    if (this.configured.has(cluster)) {
      return;
    }
    this.configured.add(cluster);
    declareBuiltInCharts(cluster, K3S_BUILT_IN_CHARTS.filter((builtIn) => !this.disabled.includes(builtIn.component)).map(({ component, ...builtIn }) => ({
      ...builtIn, hint: `drop this release, or switch K3s' own off: k3s({ disable: [${[...this.disabled, component].map((d) => `'${d}'`).join(', ')}] })`,
    })));
    this.leaveNodeSteps(cluster);
    cluster.onPrepare(() => {
      const ingress = cluster.platform.get(INGRESS_NGINX_COMPONENT);
      if (!ingress || !this.disabled.includes('servicelb') || loadBalancersServed(cluster)) {
        return;
      }
      // The library's own adaptation, which its checks and the README read back from the merged values:
      // no call of the user's replaces a value here, so nothing is reported on it.
      ingress.replaceValues({
        controller: {
          kind: 'DaemonSet',
          hostPort: { enabled: true, ports: { http: 80, https: 443 } },
          // null removes the chart's LoadBalancer-only setting.
          service: { type: 'ClusterIP', externalTrafficPolicy: null },
        },
      });
      cluster.namespaces.ensure(ingress.namespace, {
        podSecurity: 'privileged',
        reason: 'ingress-nginx: binds ports 80 and 443 of each node through hostPorts (K3s runs without servicelb)',
      });
    });
  }

  /**
   * A step per host without the control-plane role: it joins the cluster as an agent. On NixOS, also the
   * server's step, as its configuration; both come before the first sync, as the hosts' configurations are
   * deployed before the files that run on them. With several control-plane hosts the first server starts
   * the embedded etcd (`--cluster-init`, unless the flags name a datastore) and each other one joins it as
   * a server with the same flags (K3s refuses a server whose critical flags differ).
   */
  private leaveNodeSteps(cluster: ClusterChart): void {
    const servers = cluster.hosts.filter((h) => h.roles.includes('control-plane'));
    const server = servers[0];
    const url = this.props.serverUrl ?? `https://${server ? addressInUrl(server.address) : '<server address>'}:6443`;
    const sharedToken = this.sharedTokenFile;
    // Command lines read a path; NixOS' lines may name agenix' instead.
    const tokenPath = this.props.tokenFile ?? SERVER_TOKEN_FILE;
    const tokenFile = sharedToken ?? SERVER_TOKEN_FILE;
    const copiedFrom = (name: string) => (sharedToken === undefined ? `, with the token of ${SERVER_TOKEN_FILE} on ${server?.name ?? 'the server'} copied to ${name}` : '');
    const joining = servers.slice(1);
    const clusterInit = joining.length > 0 && !(this.props.extraServerFlags ?? []).some((flag) => /^--(cluster-init|datastore-endpoint)(=|$)/.test(flag));
    if (clusterInit) {
      reportEvenEtcdMembers(cluster, "K3s' embedded etcd", "or name an external datastore in k3s({ extraServerFlags: ['--datastore-endpoint=…'] })", serversWithoutK3sMemory(cluster, true));
    }
    const firstFlags = clusterInit ? ['--cluster-init'] : [];
    this.leaveTokenStep(cluster);
    if (this.props.nixos) {
      const serverName = server?.name ?? 'the server';
      leaveOwnerAction(cluster, {
        kind: 'bootstrap',
        action: `start the K3s server on ${serverName}: set services.k3s in its NixOS configuration and ${this.deployText(serverName)}`,
        command: nixosK3sLines({ hostName: serverName, file: this.nixosFileOf(serverName), role: 'server', tokenFile: sharedToken, extraFlags: [...this.nixosServerFlags, ...firstFlags], etcd: clusterInit }),
        beforeFirstSync: true,
      });
    } else if (joining.length > 0) {
      // The step names the first server: the others are started by steps of their own.
      const declared = cluster.platform.preinstalled.find((p) => p.distribution === K3S_DISTRIBUTION && p.manualSteps?.[0] === this.serverStep);
      if (declared !== undefined) {
        cluster.platform.replacePreinstalled(declared, { ...declared, manualSteps: [`start the K3s server on ${server.name} with ${[...this.serverFlags, ...firstFlags].map(shellFlag).join(' ')}`] });
      }
    }
    // What a step before the first sync joins at, read once the tree is built: kube-vip's release may come after k3s().
    let bootstrap: ReturnType<K3s['bootstrapServer']> | undefined;
    const early = () => (bootstrap ??= this.bootstrapServer(cluster, url, server));
    const deployText = (hostName: string) => this.deployText(hostName);
    const nixosFileOf = (hostName: string) => this.nixosFileOf(hostName);
    const nixosServerFlags = this.nixosServerFlags;
    for (const other of joining) {
      leaveOwnerAction(cluster, this.props.nixos
        ? {
          kind: 'bootstrap',
          get action() {
            return `join ${other.name} (${other.address}) to the cluster as a further K3s server: set services.k3s in its NixOS configuration and ${deployText(other.name)}${copiedFrom(other.name)}${early().joinNote}`;
          },
          get command() {
            return nixosK3sLines({ hostName: other.name, file: nixosFileOf(other.name), role: 'server', serverAddr: early().serverUrl, tokenFile, extraFlags: nixosServerFlags, etcd: clusterInit });
          },
          beforeFirstSync: true,
        }
        : {
          kind: 'bootstrap',
          action: `join ${other.name} (${other.address}) to the cluster as a further K3s server, with the flags of the first${copiedFrom(other.name)}`,
          command: `k3s server --server ${url}${this.props.tokenFile === undefined ? ` --token-file ${tokenPath}` : ''} ${this.serverFlags.map(shellFlag).join(' ')}`,
        });
    }
    for (const agent of cluster.hosts.filter((h) => !h.roles.includes('control-plane'))) {
      leaveOwnerAction(cluster, this.props.nixos
        ? {
          kind: 'bootstrap',
          get action() {
            return `join ${agent.name} (${agent.address}) to the cluster as a K3s agent: set services.k3s in its NixOS configuration and ${deployText(agent.name)}${copiedFrom('it')}${early().joinNote}`;
          },
          get command() {
            return nixosK3sLines({ hostName: agent.name, file: nixosFileOf(agent.name), role: 'agent', serverAddr: early().serverUrl, tokenFile, extraFlags: [] });
          },
          beforeFirstSync: true,
        }
        : {
          kind: 'bootstrap',
          action: `join ${agent.name} (${agent.address}) to the cluster as a K3s agent${copiedFrom('it')}`,
          command: `k3s agent --server ${url} --token-file ${tokenPath}`,
        });
    }
    if (server !== undefined) {
      const serverFlags = this.serverFlags;
      const step = () => k3sKubeconfigStep({ serverName: server.name, ...early(), serverFlags, file: k3sKubeconfigFile(cluster) });
      leaveOwnerAction(cluster, { kind: 'bootstrap', beforeFirstSync: true, get action() { return step().action; }, get command() { return step().command; } });
    }
  }

  /**
   * Where the steps before the first sync reach the first server: at `url`, unless that is a VIP the cluster's own
   * GitOps engine installs kube-vip to hold ({@link apiServerVipHeldAfterFirstSync}), which answers only after that
   * sync; then at the server's own address, which its certificate names too, with the VIP to switch to after it.
   */
  private bootstrapServer(cluster: ClusterChart, url: string, server: { readonly name: string; readonly address: string } | undefined): {
    readonly serverUrl: string; readonly vipAfterFirstSync?: string; readonly joinNote: string;
  } {
    if (server === undefined || !apiServerVipHeldAfterFirstSync(cluster)) {
      return { serverUrl: url, joinNote: '' };
    }
    const own = `https://${addressInUrl(server.address)}:${serverFlagValues(this.serverFlags, '--https-listen-port')[0] ?? '6443'}`;
    return {
      serverUrl: own, vipAfterFirstSync: url,
      joinNote: `, joined at ${server.name}'s own address ${own}: the VIP ${url} answers only once the first sync has started kube-vip, which holds it; after that sync, set serverAddr to it and deploy again`,
    };
  }

  /** How a step says to deploy `hostName`'s NixOS configuration: with the owner's command, when `nixosDeployCommand` gives one. */
  private deployText(hostName: string): string {
    const command = this.props.nixosDeployCommand;
    return command === undefined ? 'deploy it' : `deploy it (\`${command.split('{host}').join(hostName)}\`)`;
  }

  /** The file of `hostName`'s NixOS configuration its K3s lines go into, when `nixosFiles` names one. */
  private nixosFileOf(hostName: string): string | undefined {
    return this.props.nixosFiles?.[hostName];
  }

  /**
   * The token file every host reads the join token from when the owner provides it (`tokenFile`, or the
   * path NixOS' agenix module decrypts `agenixToken` to); undefined when the server makes its own.
   */
  private get sharedTokenFile(): NixosTokenFile | undefined {
    return this.props.agenixToken === undefined ? this.props.tokenFile : { nix: `config.age.secrets.${this.props.agenixToken}.path` };
  }

  /**
   * A step before the server's when the owner provides the join token: K3s reads it from the file on every
   * host as it starts, and starts on none without it; nothing in the cluster makes it. Another says how to
   * rotate it, as a new value alone keeps the server from starting.
   */
  private leaveTokenStep(cluster: ClusterChart): void {
    const secret = this.props.agenixToken;
    const file = this.props.tokenFile;
    const token = secret !== undefined ? { agenixSecret: secret } : file !== undefined ? { file } : undefined;
    if (token === undefined) {
      return;
    }
    const server = cluster.hosts.find((h) => h.roles.includes('control-plane'));
    const props = { token, hostNames: cluster.hosts.map((h) => h.name), serverName: server?.name ?? 'the server', nixos: this.props.nixos === true };
    leaveOwnerAction(cluster, k3sTokenStep(props));
    leaveOwnerAction(cluster, k3sTokenRotationStep(props));
  }

  /** The step that starts the server, as the declaration lists it (NixOS' is a configuration instead). */
  private get serverStep(): string {
    return `start the K3s server with ${this.serverFlags.map(shellFlag).join(' ')}`;
  }

  /** The server's flags as NixOS' `services.k3s.extraFlags`: the token file is the module's own `tokenFile`. */
  private get nixosServerFlags(): string[] {
    return this.serverFlags.filter((flag) => !flag.startsWith('--token-file='));
  }

  /**
   * Reports what K3s would break of `cluster`: its bundled Traefik, left on beside the repository's
   * traefik() routes, would take the same IngressClass and CRDs (two controllers, one owner each).
   */
  public checkCluster(cluster: ClusterChart, field: string): void {
    const oidc = k3sApiServerOidc(this.props.extraServerFlags);
    if (oidc !== undefined) {
      noteApiServerOidc(
        cluster, oidc, `${field}.extraServerFlags`, "extraServerFlags: [ …, '--kube-apiserver-arg=oidc-groups-claim=groups' ]", k3sUsernamePrefix(this.props.extraServerFlags),
      );
      noteIssuer(cluster, oidc.issuerUrl, `k3s()'s ${field}.extraServerFlags (oidc-issuer-url)`, `${field}.extraServerFlags`);
    }
    if (cluster.routes.name === 'traefik' && !this.disabled.includes('traefik')) {
      reportFinding(cluster, {
        layer: 'props', severity: 'error', field: `${field}.disable`,
        message: "K3s' bundled Traefik stays on beside the Traefik the cluster's routes install: both would own the traefik IngressClass and Traefik's CRDs",
        hint: `add 'traefik' to k3s({ disable }): disable: [${[...this.disabled, 'traefik'].map((d) => `'${d}'`).join(', ')}]`,
      });
    }
    // ServiceLB answers every LoadBalancer Service that names no class, as MetalLB and Cilium's LB-IPAM do:
    // each would give the Service an address, and ServiceLB's pods take its ports on every node.
    const loadBalancer = cluster.loadBalancer?.name;
    if ((loadBalancer === 'metallb' || loadBalancer === 'cilium') && !this.disabled.includes('servicelb')) {
      reportFinding(cluster, {
        layer: 'props', severity: 'error', field: `${field}.disable`,
        message: `K3s' ServiceLB stays on beside the cluster's ${loadBalancer === 'metallb' ? 'MetalLB' : 'Cilium LB-IPAM'} load balancer: both would answer every LoadBalancer Service`,
        hint: `add 'servicelb' to k3s({ disable }): disable: [${[...this.disabled, 'servicelb'].map((d) => `'${d}'`).join(', ')}]`,
      });
    }
    this.checkPodNetwork(cluster, field);
    // Every host would be joined as an agent of a server that none of them is.
    reportNoControlPlaneHost(cluster, 'the K3s server, with the API server,', 'the steps would join every host as an agent, and start the server on none');
    this.checkServerMemory(cluster);
    this.checkEtcdFlash(cluster);
    // A VIP the agents join at (kube-vip's, keepalived's) is checked as Talos' cluster endpoint is.
    const joinAddress = this.props.serverUrl === undefined ? undefined : hostOfUrl(this.props.serverUrl)?.replace(/^\[(.*)\]$/, '$1');
    const controlPlanes = cluster.hosts.filter((h) => h.roles.includes('control-plane')).map((h) => h.address);
    for (const problem of endpointAddressProblems(joinAddress, rangesInForce(cluster, cluster.platform.preinstalled).inForce, Object.values(cluster.site.pools), controlPlanes, 'serverUrl')) {
      reportFinding(cluster, { layer: 'props', severity: 'error', ...problem, field: `${field}.${problem.field}` });
    }
    // An agent runs no API server: agents told to join there would wait for good.
    const agent = joinAddress === undefined ? undefined : cluster.hosts.find((h) => !h.roles.includes('control-plane') && h.addresses.includes(canonicalIp(joinAddress)));
    if (agent !== undefined) {
      reportFinding(cluster, {
        layer: 'props', severity: 'error', field: `${field}.serverUrl`,
        message: `serverUrl names ${joinAddress}, the address of ${agent.name}, which has no control-plane role: it runs a K3s agent, and no API server listens there for the others to join`,
        hint: `join at a control-plane host's address (${controlPlanes.join(', ') || 'none has the role'}), a VIP the servers share, or a DNS name of them: serverUrl: 'https://${addressInUrl(controlPlanes[0] ?? '<server address>')}:6443'`,
      });
    }
    const named = new Set(cluster.hosts.map((h) => h.name));
    for (const hostName of Object.keys(this.props.nixosFiles ?? {}).filter((h) => !named.has(h))) {
      reportFinding(cluster, {
        layer: 'props', severity: 'error', field: `${field}.nixosFiles.${hostName}`,
        message: `nixosFiles names ${hostName}, which is no host of the cluster: its file would go into no step`,
        hint: `key each file by a host of the cluster (${[...named].join(', ')})`,
      });
    }
  }

  /**
   * A warning on the cluster's `hosts` for each control-plane host whose memory (not a placeholder's stand-in)
   * is below what K3s measured its server at: the server, its datastore and the kubelet would not fit beside
   * the system, and the kernel kills them for memory. Such a board still serves as an agent.
   */
  private checkServerMemory(cluster: ClusterChart): void {
    // An amount that is no positive number is the host's own error.
    for (const server of serversWithoutK3sMemory(cluster)) {
      reportFinding(cluster, {
        layer: 'inventory', severity: 'warning', field: 'hosts',
        message: `host ${server.name} of cluster "${cluster.clusterName}" has the role control-plane, so it runs a K3s server, with ${server.memoryGigabytes} GB of memory: `
          + `K3s measured its server with a workload at ${K3S_SERVER_LEAST_MEMORY_GIGABYTES} GB (1613 MB with embedded etcd on a Raspberry Pi 4), so the kernel would kill the server for memory`,
        hint: `give the control-plane role to a host with 2 GB or more, and keep ${server.name} as an agent, roles: ['worker'] (K3s measured its agent at 268 MB)`,
      });
    }
  }

  /**
   * A warning on the cluster's `hosts` for each server of the embedded etcd whose datastore is on a board's SD card
   * or eMMC ({@link serversOnFlash}): a warning, as a board may boot from an SSD its inventory does not list.
   */
  private checkEtcdFlash(cluster: ClusterChart): void {
    const servers = cluster.hosts.filter((h) => h.roles.includes('control-plane'));
    if (!runsEmbeddedEtcd(servers.length, this.props.extraServerFlags ?? [])) {
      return;
    }
    for (const server of serversOnFlash(servers)) {
      reportFinding(cluster, {
        layer: 'inventory', severity: 'warning', field: 'hosts',
        message: `host ${server.name} of cluster "${cluster.clusterName}" (${server.model}) runs a member of K3s' embedded etcd, and its inventory lists no SSD or NVMe disk, `
          + 'so etcd writes and syncs every change to the board\'s SD card or eMMC, which serves that slowly and wears out under it: missed heartbeats, leader elections and API timeouts follow',
        hint: `boot ${server.name} from a USB SSD and list it, disks: [{ media: 'ssd', sizeGigabytes: 500 }], or run one server on K3s' SQLite datastore (one control-plane host, without --cluster-init)`,
      });
    }
  }

  /**
   * A CNI of the repository, or one installed by hand and declared preinstalled (Calico), needs K3s' own
   * Flannel and network-policy controller off (K3s' docs, "Custom CNI"): two pod networks would each give
   * pods addresses and routes. Cilium replacing kube-proxy also wants K3s' kube-proxy off, which would
   * program the same Services.
   */
  private checkPodNetwork(cluster: ClusterChart, field: string): void {
    const declared = cluster.platform.preinstalled.find((p) => p.podNetwork !== undefined && p.distribution !== K3S_DISTRIBUTION);
    const other = cluster.cni !== undefined ? { what: `the cluster's cni (${cluster.cni.name})`, drop: 'drop cni' }
      : declared !== undefined ? { what: `the pod network declared preinstalled (${declared.podNetwork!.name})`, drop: 'drop that declaration' } : undefined;
    if (other === undefined) {
      return;
    }
    const flags = this.props.extraServerFlags ?? [];
    const replacesKubeProxy = cluster.cni instanceof CiliumCni && (cluster.cni.options.kubeProxyReplacement ?? true);
    const needed = ['--flannel-backend=none', '--disable-network-policy', ...(replacesKubeProxy ? ['--disable-kube-proxy'] : [])];
    const missing = needed.filter((flag) => !flags.includes(flag));
    if (missing.length === 0) {
      return;
    }
    reportFinding(cluster, {
      layer: 'props', severity: 'error', field: `${field}.extraServerFlags`,
      message: `K3s runs its own Flannel${replacesKubeProxy ? ', network-policy controller and kube-proxy' : ' and network-policy controller'} beside ${other.what}: `
        + `the server lacks ${missing.join(' ')}`,
      hint: `start the server without them: k3s({ extraServerFlags: [${[...flags, ...missing].map((f) => `'${f}'`).join(', ')}] }); or ${other.drop} to keep K3s' Flannel`,
    });
  }

  /** The pod and Service ranges `--cluster-cidr` and `--service-cidr` among the extra flags give (K3s' defaults otherwise). */
  public get clusterRanges(): { pods: string[]; services: string[] } {
    const flags = this.props.extraServerFlags;
    return { pods: cidrBlocks(serverFlagValues(flags, '--cluster-cidr')), services: cidrBlocks(serverFlagValues(flags, '--service-cidr')) };
  }

  /** What K3s brings, for the cluster's `preinstalled`. */
  public get preinstalled(): Preinstalled {
    // Handed to a cluster in place of this choice, the declaration carries what was wrong with its options.
    return withChoiceProblemsOf({
      source: 'k3s',
      distribution: K3S_DISTRIBUTION,
      clusterRanges: this.clusterRanges,
      crds: K3S_CRDS.map((crd) => ({ group: crd.group, kinds: [...crd.kinds] })),
      namespaces: ['kube-system', 'default'],
      controlPlaneLabels: K3S_CONTROL_PLANE_LABELS,
      ...(this.props.serverUrl === undefined ? {} : { apiServerEndpoint: hostOfUrl(this.props.serverUrl)?.replace(/^\[(.*)\]$/, '$1') }),
      provides: {
        storageClasses: this.disabled.includes('local-storage') ? [] : ['local-path'],
        loadBalancers: this.disabled.includes('servicelb') ? [] : ['servicelb'],
        apiServices: this.disabled.includes('metrics-server') ? [] : [RESOURCE_METRICS_API_SERVICE],
      },
      // On NixOS the server's step is its configuration, a block of lines left by configure().
      manualSteps: this.props.nixos ? [] : [this.serverStep],
      podNetwork: this.podNetwork,
    }, this);
  }

  /**
   * K3s' own pod network: Flannel, with the embedded network-policy controller that enforces
   * NetworkPolicies unless the server runs with `--disable-network-policy`.
   */
  public get podNetwork(): BuiltInPodNetwork {
    const nodeUdpPorts = flannelNodePorts(serverFlagValues(this.props.extraServerFlags, '--flannel-backend')[0] ?? 'vxlan');
    return (this.props.extraServerFlags ?? []).some((f) => f === '--disable-network-policy' || /^--disable-network-policy=(true|1)$/i.test(f))
      ? {
        nodeUdpPorts,
        name: "K3s' Flannel without its network-policy controller (--disable-network-policy)", enforcesNetworkPolicies: false, field: 'extraServerFlags',
        change: 'drop --disable-network-policy from k3s({ extraServerFlags }), or install a CNI that enforces them (cni: cilium({ … }), or one you install by hand '
          + "declared as preinstalled: [{ source: 'calico', podNetwork: { name: 'Calico', enforcesNetworkPolicies: true } }])",
      }
      : { name: "K3s' Flannel with its network-policy controller", enforcesNetworkPolicies: true, nodeUdpPorts };
  }
}

/**
 * The UDP ports K3s' Flannel binds on every node for a `--flannel-backend` (K3s' docs, "Networking Options" and
 * "Inbound rules for K3s nodes"): VXLAN's 8472, wireguard-native's 51820 and 51821; host-gw and none bind none.
 */
function flannelNodePorts(backend: string): Readonly<Record<number, string>> {
  if (backend === 'vxlan') {
    return { 8472: "K3s' Flannel VXLAN" };
  }
  return backend === 'wireguard-native' ? { 51820: "K3s' Flannel WireGuard (IPv4)", 51821: "K3s' Flannel WireGuard (IPv6)" } : {};
}

/** The options of `k3s()`, for callers the type checker does not see. */
/** The name `k3s()` gives its distribution (`Preinstalled.distribution`). */
export const K3S_DISTRIBUTION = KNOWN_DISTRIBUTIONS.k3s.name;

const K3S_PROPS_SHAPE = {
  serviceNodePortRange: { first: 'port', last: 'port' } satisfies Record<keyof NodePortRange, PropShape>,
  disable: { '[]': oneOfWithHabits(K3S_PACKAGED_COMPONENTS, K3S_COMPONENT_HABITS) }, extraServerFlags: 'strings', serverUrl: 'string', tokenFile: 'string', agenixToken: 'string', nixos: 'boolean',
  nixosFiles: { '{}': 'string' }, nixosDeployCommand: 'string',
} as const satisfies Record<keyof K3sProps, PropShape>;

/**
 * The control-plane hosts of `cluster` whose memory cannot hold a K3s server: below what K3s measured its server at
 * (a warning of their own tells them to stay agents). A placeholder's stand-in amount is none of them. With
 * `misstated`, also those whose amount is no positive number, which the host's own error tells of.
 */
function serversWithoutK3sMemory(cluster: ClusterChart, misstated = false): ClusterChart['hosts'] {
  return cluster.hosts.filter((h) => h.roles.includes('control-plane') && !h.placeholderSizes.includes('memoryGigabytes') && (typeof h.memoryGigabytes === 'number'
    ? h.memoryGigabytes < K3S_SERVER_LEAST_MEMORY_GIGABYTES : misstated && h.problems.some((p) => p.field === 'memoryGigabytes')));
}

/** k3s() takes no release: the hosts install one. */
const K3S_VERSION_RULES = distributionVersionRules('k3sVersion',
  'k3s() takes no release: the K3s release is what each host installs, INSTALL_K3S_VERSION=v1.30.4+k3s1 for the install script '
  + '(written with its v and +k3s suffix, as K3s tags it), or services.k3s.package on NixOS');

/**
 * A K3s cluster; its options are checked here, and against the cluster it goes into once bound. Given itself
 * in the cluster's `preinstalled`, it also configures that cluster (`configure`): the steps that start its
 * server and join its agents, and the components it adapts.
 */
export function k3s(props: K3sProps = {}): K3s {
  // Given null (JavaScript), the options' check reports it, and the distribution is made with none.
  const options = props ?? {};
  const distribution = new K3s(options);
  return withClusterCheck(
    checkedChoice(distribution, 'k3s()', props, K3S_PROPS_SHAPE, { foreign: K3S_VERSION_RULES }, k3sOptionProblems(options)),
    (cluster, field) => {
      distribution.checkCluster(cluster, field);
      distribution.configure(cluster);
    },
  );
}

/**
 * What becomes of a file that leaves the folder. K3s deletes nothing when a manifest file is deleted (its
 * docs, "Managing Packaged Components": deleting files out of this directory will not delete the
 * corresponding resources; `pkg/deploy/controller.go` deletes only for `--disable`), while a file applied
 * empty is a desired set without objects, whose objects it prunes (k3s-io/k3s#5560).
 */
const REMOVED_FILE_STEP = 'when a file leaves this folder (an app removed or renamed), K3s leaves every object of it running: '
  + `empty the file in ${K3S_MANIFESTS_DIR} instead of deleting it, wait until K3s has deleted its objects (claims, volumes and namespaces `
  + `marked ${K3S_PRUNE_LABEL}=false stay, with their data), then delete it; or delete its objects by hand`;

/** Options of the K3s auto-deploy engine. */
export interface K3sManifestsProps {
  /** Namespace the HelmChart objects live in (K3s' Helm controller watches it). @default 'kube-system' */
  readonly helmChartNamespace?: string;
}

/**
 * K3s' auto-deploy folder as the engine: no controller to install, no Git source. The cluster folder's
 * files are placed in the server's manifests folder (NixOS: `services.k3s.manifests`) and K3s applies
 * them in name order, again whenever one changes. Files are therefore flat and prefixed by layer
 * (`0-platform-…`, `1-config-…`, `2-apps-…`); charts become K3s `HelmChart` objects, so a cluster with
 * charts declares K3s (`preinstalled: [k3s()]`) for its helm-controller to install them.
 */
export class K3sManifests implements GitOpsEngine {
  public readonly name = 'k3s-manifests';
  private readonly helmChartNamespace: string;

  constructor(props: K3sManifestsProps = {}) {
    this.helmChartNamespace = props?.helmChartNamespace ?? 'kube-system';
  }

  public bind(cluster: ClusterChart): void {
    // Without a declared distribution the cluster may still run K3s (declared by hand); another one has no such
    // folder. A second distribution is an error of its own, on its entry.
    const other = cluster.platform.preinstalled.find((p) => p.distribution !== undefined);
    if (other !== undefined && other.distribution !== K3S_DISTRIBUTION) {
      reportFinding(cluster, {
        layer: 'props', severity: 'error', field: 'gitops',
        message: `k3sManifests() places the cluster's files in K3s' auto-deploy folder, and cluster "${cluster.clusterName}" runs ${other.distribution}, which has none: nothing would apply them`,
        hint: 'give the cluster an engine that runs on it, e.g. gitops: flux() or gitops: argoCd()',
      });
    }
    cluster.platform.declarePreinstalled({
      source: 'k3s auto-deploy folder',
      // Copying the files in is what makes K3s apply them: the steps marked beforeFirstSync come ahead of it.
      startsFirstSync: true,
      // The HelmChart objects' missing kind is the mistake named above, not one more per chart.
      ...(other ? { crds: K3S_CRDS.map((crd) => ({ group: crd.group, kinds: [...crd.kinds] })) } : {}),
      manualSteps: [
        `copy or link every file of ${cluster.repositoryPath()} except kustomization.yaml into ${K3S_MANIFESTS_DIR} on the K3s server `
          + '(NixOS: services.k3s.manifests); K3s applies them in name order and re-applies a file when it changes',
        REMOVED_FILE_STEP,
      ],
    });
  }

  public renderComponent(scope: Construct, component: Installable, cluster: ClusterChart): void {
    const install = component.install;
    if (install.type !== 'helm') {
      // K3s applies local files only and the output never copies upstream manifests, so this one step is the owner's.
      // Into the component's namespace, as other engines apply them (files that name none would land in default).
      // That namespace is one of the folder's files, which K3s applies some time after they are copied in, so the
      // step makes it unless it exists rather than racing K3s for it.
      leaveOwnerAction(scope, {
        kind: 'bootstrap',
        action: `install ${component.name} ${install.tag} from its upstream manifests once (K3s' auto-deploy folder holds no upstream files)`,
        command: [
          ...(BUILT_IN_NAMESPACES.includes(component.namespace) ? [] : [ensureNamespaceCommand(component.namespace)]),
          `kubectl apply -n ${component.namespace} ${upstreamFileUrls(install).map((url) => `-f ${url}`).join(' ')}`,
          ...upstreamPatchCommands(install, component.namespace),
          ...namespaceLabelCommands(install, component.namespace),
        ].join(' && '),
      });
      reportFinding(scope, {
        layer: 'references', severity: 'warning', field: 'install',
        message: `component "${component.name}" comes from upstream manifests, which K3s' auto-deploy folder cannot fetch; it is listed as a step by hand`,
        hint: 'install it from a Helm chart to have K3s install it through a HelmChart object',
      });
      return;
    }
    requireHelmController(cluster);
    const values = component.values;
    new ApiObject(scope, 'helm-chart', {
      apiVersion: 'helm.cattle.io/v1', kind: 'HelmChart',
      metadata: { name: install.releaseName ?? component.name, namespace: this.helmChartNamespace },
      spec: {
        repo: install.chart.repository,
        chart: install.chart.chart,
        version: install.chart.version,
        targetNamespace: component.namespace,
        // The cluster declares the namespace with its Pod Security labels; this only covers the first apply.
        createNamespace: true,
        valuesContent: Object.keys(values).length > 0 ? toYamlBlock(values) : undefined,
      },
    });
  }

  /**
   * K3s deletes an object that leaves a file it still applies (a claim an app no longer has, a namespace
   * that leaves the namespaces file), unless the object carries `objectset.rio.cattle.io/prune: "false"`
   * (see {@link K3S_PRUNE_LABEL}).
   */
  public keepWhenRemoved(object: ApiObject): void {
    requiredApiObject(object, 'keepWhenRemoved').metadata.addLabel(K3S_PRUNE_LABEL, 'false');
  }

  /** Nothing to render: K3s applies the folder itself. */
  public renderSync(): void {}

  public fileName(layer: PlatformLayer, unit: string): string {
    return `${LAYERS.indexOf(layer)}-${layer}-${unit}.yaml`;
  }
}

/**
 * A HelmChart object needs K3s' helm-controller, which serves the kind. A cluster that declares no
 * distribution may still run K3s, but until it says so (`k3s()`, or a declaration of the HelmChart CRD)
 * nothing installs its charts: that is one error on `gitops`, said at its first chart, after which the
 * kind counts as declared so that each chart is not reported again as a kind without a CRD.
 */
function requireHelmController(cluster: ClusterChart): void {
  const [group, kinds] = [K3S_CRDS[0].group, K3S_CRDS[0].kinds];
  if (cluster.platform.providesKind(group, 'HelmChart')) {
    return;
  }
  const charts = cluster.platform.components.filter((c) => c.install.type === 'helm').map((c) => c.name);
  reportFinding(cluster, {
    layer: 'references', severity: 'error', field: 'gitops',
    message: `k3sManifests() installs charts as K3s HelmChart objects${charts.length > 0 ? ` (${charts.join(', ')})` : ''}, which K3s' helm-controller serves, `
      + `and cluster "${cluster.clusterName}" declares no K3s: nothing would install them`,
    hint: "declare the distribution: preinstalled: [k3s()] (K3s' helm-controller serves HelmChart), or give the cluster an engine that installs charts itself, e.g. gitops: flux()",
  });
  cluster.platform.declarePreinstalled({ source: 'k3s auto-deploy folder', crds: [{ group, kinds: [...kinds] }] });
}

/** Deterministic YAML of plain Helm values, for `valuesContent`. */
function toYamlBlock(values: Record<string, unknown>): string {
  return dump(values, { sortKeys: true, lineWidth: -1, noRefs: true });
}

/** The options of `k3sManifests()`, for callers the type checker does not see. */
const K3S_MANIFESTS_PROPS_SHAPE = { helmChartNamespace: 'namespace' } as const satisfies Record<keyof K3sManifestsProps, PropShape>;

/** Apply the cluster folder through K3s' auto-deploy manifests folder. */
export function k3sManifests(props: K3sManifestsProps = {}): K3sManifests {
  return checkedChoice(new K3sManifests(props), 'k3sManifests()', props, K3S_MANIFESTS_PROPS_SHAPE);
}

/** The host of a URL such as `https://storage.example.ts.net:6443`, or undefined when it is none. */
function hostOfUrl(url: string): string | undefined {
  try {
    return new URL(url).hostname || undefined;
  } catch {
    return undefined;
  }
}

