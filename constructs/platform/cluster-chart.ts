import { keepDataWhenRemoved, replaceStorageClassesWhenChanged } from './data-protection';
import { ApiObject, App, Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { type ExternalHost, Host, type Taint } from '../inventory/host';
import { describeValue } from '../inventory/problems';
import { ZfsPool } from '../inventory/zfs-pool';
import { nodeTaints } from '../inventory/node-taints';
import { nodeLabels as inventoryNodeLabels } from '../validation/scheduling';
import { Site } from '../inventory/site';
import type { SecretReference } from '../secrets/secret-reference';
import { reportFinding } from '../validation/finding';
import { valuesBeyondNamespaceLevel } from './chart-pod-security';
import { LAYERS, PlatformLayer, Preinstalled, PreinstalledChoice, preinstalledCrdProblems, preinstalledOf } from './component';
import { cidrProblem } from '../app/network';
import { type CniChoice, notACniProblem } from './cni';
import { checkQuotaFit } from './quota-fit';
import { runClusterChecks } from './cluster-checks';
import { componentReadsSecret } from './component-secrets';
import { EXTERNAL_DNS_NAMESPACE, externalDnsComponent } from './components/external-dns';
import { intelGpuPluginComponent } from './components/intel-gpu-plugin';
import { servesGpusToPods } from './kubevirt-host-devices';
import { NVIDIA_RUNTIME_CLASS, nvidiaDevicePluginComponent } from './components/nvidia-device-plugin';
import { GitOpsEngine, notAnEngineProblem } from './gitops';
import { assignLayer, clusterFolder, layerFolder, repositoryPath } from './layout';
import type { LoadBalancerFlavor } from './load-balancer';
import { leaveNamespaceLevelSteps } from './namespace-levels';
import { applyComponentNetworks } from './component-network';
import { Namespaces } from './namespaces';
import { leaveOwnerAction, leavePlaceholder } from '../synth/owner-action';
import { factValue, isPlaceholder, type Fact } from '../inventory/placeholder';
import { CLUSTER_PROPS_SHAPE, CLUSTER_UNIQUE_LISTS } from '../validation/cluster-props-shape';
import { type ClusterComponentResources, componentResourcesProblems, unusedComponentResourcesProblems } from './cluster-component-resources';
import { SYSTEM_NAMESPACES } from '../validation/system-namespaces';
import { checkProps } from '../validation/known-props';
import { InputError, PropsRejected } from '../validation/input-error';
import { hasChoiceProblems, reportChoiceProblems } from '../validation/choice-props';
import { reportSecondInstalls } from './preinstalled-twice';
import { kubeadmUntaintStep } from './kubeadm-taint';
import { markCutShort, markFinished } from '../validation/finished';
import { DNS1123_LABEL, DNS_NAME, domainHint, nameMeant, nameProblem } from '../validation/dns-names';
import { checkNetworkPolicyProvider, NetworkPolicyKind } from './network-policy';
import { Platform } from './platform';
import { refusePlainCdk8sSynth } from './plain-cdk8s-synth';
import { acknowledgementProblems, PolicyEnforcement, policyEnforcement } from './policy-enforcement';
import type { RouteFlavor } from './route-flavor';
import { LOCAL_PATH_MAKER, nfsExportOfTier, storageClassMakerOf, storageClassNameOf, StorageTier, storageTierSetup } from './storage';
import { reportForeignNfsExport } from '../validation/nfs-export-site';
import { keyText } from '../validation/text-lists';
import { runsTalos } from './distributions';
import { reportRangeVlans } from './cluster-range-vlans';
import { apiObjectsOf, requireComponentsForKinds } from './triggers';
import { requireResourceMetricsApi } from './metrics-api';
import { annotateChartDefaultResources, checkComponentResources } from './component-resources';
import { requiredArgument } from './component-arguments';
import { requiredHost, roleLabelCommand } from './node-role';
import { publicTargetHint, reportAdGuardUrl } from './split-horizon-dns-props';
import { notALoadBalancerProblem, notARouteFlavorProblem } from './choice-kinds';
import { clusterNodePortRange } from './node-port-range';

/** AdGuard Home as the internal half of a split horizon, written through external-dns' webhook provider. */
export interface AdGuardDnsProps {
  /**
   * AdGuard Home's URL as the cluster reaches it, with its scheme and the port of its web interface, e.g.
   * `http://adguard-home.adguard-home.svc:3000`. An AdGuard Home of the cluster must serve that port and admit
   * external-dns' pods: `allowFrom: [{ namespace: 'external-dns' }]` on its app.
   */
  readonly url: string;
  /** AdGuard Home's user name, a key of a Secret in namespace `external-dns`. */
  readonly username: SecretReference;
  /** AdGuard Home's password, a key of a Secret in namespace `external-dns`. */
  readonly password: SecretReference;
}

/** Cloudflare as the public half of a split horizon. */
export interface CloudflareDnsProps {
  /** API token with Zone:DNS:Edit and Zone:Zone:Read (it finds each zone by name), a key of a Secret in namespace `external-dns`. */
  readonly apiToken: SecretReference;
}

/**
 * Split-horizon DNS through external-dns. The cluster that runs on `publicTarget` publishes its routes
 * in Cloudflare, pointing at the target's public address; every other cluster writes its routes into
 * AdGuard Home, pointing at its own ingress address. A lab whose names resolve on the LAN alone gives
 * `adguard` and no `publicTarget`.
 */
export interface SplitHorizonDnsProps {
  /**
   * Host whose public address public DNS records point at (a VPS that proxies inwards).
   * @default - none: no cluster publishes public records, and each writes its routes into AdGuard Home
   */
  readonly publicTarget?: Host<any, any>;
  /** Cloudflare credentials; required on the cluster that runs on `publicTarget`. @default - none */
  readonly cloudflare?: CloudflareDnsProps;
  /** AdGuard Home; required on the other clusters. @default - none */
  readonly adguard?: AdGuardDnsProps;
}

/** The platform choices of one cluster. */
export interface ClusterChartProps {
  /** The site (inventory) the cluster belongs to. */
  readonly site: Site<any, any, any, any>;
  /** The nodes of this cluster, all from the site's inventory. */
  readonly hosts: Host<any, any>[];
  /**
   * The machines outside Kubernetes that this cluster uses (an ExternalName Service's target, an agent's
   * manager, the hypervisor of one of its nodes), all from the site's `externalHosts`: its README lists
   * these, and a construct of the cluster that names another machine is refused.
   * @default - every external host of the site
   */
  readonly externalHosts?: readonly ExternalHost[];
  /** How route intents are rendered (Gateway API, Traefik, …). */
  readonly routes: RouteFlavor;
  /** The pod network, when the repository installs it (`cilium({...})`). @default - the distribution's own */
  readonly cni?: CniChoice;
  /** How LoadBalancer Services get addresses. @default - no load-balancer support; apps cannot ask for one */
  readonly loadBalancer?: LoadBalancerFlavor;
  /**
   * Storage tiers by name (e.g. `fast`, `vm`, `bulk`): what an app's `tier` means in this cluster.
   * ZFS pools get their StorageClass declared here.
   * @default {} — apps cannot ask for new claims
   */
  readonly storage?: Record<string, StorageTier>;
  /** How the cluster pulls its folder of `dist/`. @default - none: applied by hand */
  readonly gitops?: GitOpsEngine;
  /**
   * Domain routes live under. A placeholder's stand-in is used as the domain, listed among the owner's steps
   * before the first sync and marked as a placeholder where the README names the domain.
   * @default - the site's domain
   */
  readonly domain?: Fact<string>;
  /** Split-horizon DNS annotations on routes. @default - none */
  readonly dns?: SplitHorizonDnsProps;
  /**
   * Install the device plugin of each GPU vendor among the cluster's hosts (and NVIDIA's RuntimeClass), so
   * pods can request GPUs as resources. Turn it off when workloads reach the GPUs only through `/dev/dri`
   * device mounts.
   * @default true
   */
  readonly gpuDevicePlugins?: boolean;
  /**
   * How many pods may share each NVIDIA GPU: the NVIDIA device plugin time-slices it (`sharing.timeSlicing` of
   * its configuration) and advertises each GPU as that many `nvidia.com/gpu`, so several apps (vLLM, ComfyUI,
   * Whisper) run on one card. The pods share its memory with no isolation between them: bound each app's share
   * (vLLM's `--gpu-memory-utilization`). A whole number, 2 or more.
   * @default - none: each GPU is handed to one pod, and apps that ask for more GPUs together than the hosts have are an error
   */
  readonly nvidiaTimeSlicing?: number;
  /**
   * What the cluster has from outside the repository: a distribution's built-ins (K3s' local-path and
   * HelmChart CRD), CRDs installed by hand. Validation accepts objects that rely on them, and the
   * cluster's README lists them. A distribution such as `k3s()` stands for its `.preinstalled`.
   * @default []
   */
  readonly preinstalled?: PreinstalledChoice[];
  /**
   * Which NetworkPolicy API the cluster's CNI enforces; apps render their default-deny policies in it.
   * `cilium` renders CiliumNetworkPolicy (cilium.io/v2), which can also admit Cilium's own ingress proxy.
   * @default 'kubernetes'
   */
  readonly networkPolicy?: NetworkPolicyKind;
  /**
   * Why the cluster runs without its NetworkPolicies enforced, when its pod network enforces none (Talos'
   * built-in Flannel, K3s with `--disable-network-policy`): the policies are still written, the warning
   * that nothing enforces them is not, and the cluster's README carries the reason.
   * @default - not accepted: synth warns once when the cluster writes policies that nothing enforces
   */
  readonly unenforcedNetworkPolicies?: string;
  /**
   * Range NodePort Services take their ports from (the API server's `--service-node-port-range`).
   * @default - the range of a `k3s({ serviceNodePortRange })` in `preinstalled`, else { first: 30000, last: 32767 }
   */
  readonly nodePortRange?: { readonly first: number; readonly last: number };
  /**
   * Requests and limits of the components the cluster brings itself (GPU device plugins, the Secrets Store
   * CSI driver and its Vault provider, cert-manager, the External Secrets Operator, Sealed Secrets,
   * external-dns, the Tailscale operator, Gatekeeper, Crossplane, KubeVirt and CDI, OpenEBS ZFS, Multus), by
   * component and part, each as an App's `resources` merged key by key into the default, e.g.
   * `{ intelGpuPlugin: { plugin: { memoryLimit: '256Mi' } } }`.
   * @default - the library's sizes
   */
  readonly componentResources?: ClusterComponentResources;
  /**
   * Where the cluster departs from the design it was written from, or fills in what that design leaves
   * open, one Markdown paragraph each (what the design says, what the cluster does, and why). The cluster's
   * README lists them under "Choices against the design", so that a reader of the output alone can tell a
   * deliberate difference from a mistake.
   * @default - none: the README has no such section
   */
  readonly designChoices?: readonly string[];
}

/**
 * One Kubernetes cluster of a site: its hosts and platform choices. Apps added to it state intent
 * (a route, a storage tier, a GPU) and the cluster decides how that is rendered.
 * Synthesizes to `dist/<site>/<cluster>/`.
 */
export class ClusterChart extends Chart {
  /**
   * `x instanceof ClusterChart` (or of a subclass) by the prototype chain. cdk8s' Chart answers instanceof
   * with `Chart.isChart`, which subclasses inherit: without this, every chart would pass for a cluster.
   */
  public static [Symbol.hasInstance](instance: unknown): instance is ClusterChart {
    return Function.prototype[Symbol.hasInstance].call(this, instance);
  }

  /** The cluster that `scope` belongs to; throws when there is none. */
  public static of(scope: IConstruct): ClusterChart {
    if (!Construct.isConstruct(scope)) {
      throw new InputError(`ClusterChart.of() was given ${describeValue(scope)}, not a construct`, 'scope', 'give it a construct of the cluster: ClusterChart.of(this)');
    }
    for (let current: IConstruct | undefined = scope; current; current = current.node.scope) {
      if (current instanceof ClusterChart) {
        return current as ClusterChart;
      }
    }
    throw new InputError(`${scope.node.path} is not inside a cluster`, 'scope',
      'create it inside a cluster chart: new App(cluster, id, { … }), where cluster is a ClusterChart', scope);
  }

  /** Cluster name: the folder under `dist/<site>/`. */
  public readonly clusterName: string;
  /** The site. */
  public readonly site: Site<any, any, any, any>;
  /** The cluster's nodes. */
  public readonly hosts: readonly Host<any, any>[];
  /** The machines outside Kubernetes that the cluster uses. */
  public readonly externalHosts: readonly ExternalHost[];
  /** Route flavor. */
  public readonly routes: RouteFlavor;
  /** Load-balancer flavor, if any. */
  public readonly loadBalancer?: LoadBalancerFlavor;
  /** The CNI the repository installs, if any. */
  public readonly cni?: CniChoice;
  /** GitOps engine, if any. */
  public readonly gitops?: GitOpsEngine;
  /** Domain routes live under. */
  public readonly domain: string;
  /** Whether {@link domain} is still a placeholder's stand-in: the cluster's own, or the site's it falls back to. */
  public readonly domainIsPlaceholder: boolean;
  /** Split-horizon DNS settings, if any. */
  public readonly dns?: SplitHorizonDnsProps;
  /** The cluster's namespaces. */
  public readonly namespaces: Namespaces;
  /** The cluster's platform components and what it has preinstalled. */
  public readonly platform: Platform;
  /** Which NetworkPolicy API apps render their policies in. */
  public readonly networkPolicy: NetworkPolicyKind;
  /** Whether its NetworkPolicies take effect, from its CNI or its distribution's pod network. */
  public readonly policyEnforcement: PolicyEnforcement;
  /** Range of node ports. */
  public readonly nodePortRange: { readonly first: number; readonly last: number };
  /** Sizes of the components the cluster brings itself. */
  public readonly componentResources: ClusterComponentResources;
  /** How many pods share each NVIDIA GPU by time-slicing. @default - none: each GPU goes to one pod */
  public readonly nvidiaTimeSlicing?: number;
  /** Where the cluster departs from its design, and why, one Markdown paragraph each (`designChoices`). */
  public readonly designChoices: readonly string[];
  private readonly tiers: Record<string, StorageTier>;
  private readonly prepareHooks: Array<() => void> = [];
  private readonly platformHooks: Array<() => void> = [];
  private prepared = false;

  constructor(scope: Construct, id: string, props: ClusterChartProps) {
    super(scope, id, { disableResourceNameHashes: true });
    reportEnclosingCluster(this);
    // After every other hook, so workloads rendered in hooks count too.
    this.onPrepare(() => this.onPrepare(() => checkQuotaFit(this)));
    // A distribution (`k3s()`) stands for what it brings; the declarations are what the shape describes.
    // One whose factory found its options wrong is reported with them below, and is not asked.
    const unsetTiers = reportUnsetTiers(this, props?.storage, props?.hosts);
    const namedOnly = reportDistributionsByName(this, props?.preinstalled);
    const declared = Array.isArray(props?.preinstalled)
      ? { ...props, preinstalled: props.preinstalled.map((c, i) => (!c ? c : hasChoiceProblems(c) || namedOnly.includes(i) ? { source: 'a rejected choice' } : preinstalledOf(c))) }
      : props;
    const policyByCni = reportPolicyKindByCni(this, props?.networkPolicy);
    // What is reported above is left out of the props the shape checks, so that each mistake is one error.
    const shaped = unsetTiers.length === 0 && !policyByCni ? declared : {
      ...declared,
      ...(unsetTiers.length > 0 ? { storage: Object.fromEntries(Object.entries(declared.storage ?? {}).filter(([tier]) => !unsetTiers.includes(tier))) } : {}),
      ...(policyByCni ? { networkPolicy: undefined } : {}),
    };
    const sound = checkProps(this, 'ClusterChart', shaped, CLUSTER_PROPS_SHAPE, {
      required: [
        ['site', "pass the site of the inventory: site: mySite, declared with site('name', { … })"],
        ['hosts', 'list the hosts of the site that are nodes of this cluster: hosts: [host1, host2]'],
        ['routes', 'choose the ingress: routes: traefik() or routes: gatewayApi({ … })'],
        ['preinstalled.*.source', "say where it comes from: preinstalled: [{ source: 'k3s', provides: { … } }]"],
        ['preinstalled.*.crds.*.group', "name the API group of the kinds: crds: [{ group: 'traefik.io', kinds: ['IngressRoute'] }]"],
        ['preinstalled.*.crds.*.kinds', "list the kinds of the group: crds: [{ group: 'traefik.io', kinds: ['IngressRoute'] }]"],
        ['preinstalled.*.podNetwork.name', "say what it is, for the README and messages: podNetwork: { name: 'Calico', enforcesNetworkPolicies: true }"],
        ['preinstalled.*.podNetwork.enforcesNetworkPolicies', "say whether it enforces NetworkPolicies: podNetwork: { name: 'Calico', enforcesNetworkPolicies: true }"],
        ['preinstalled.*.controlPlaneTaints.*.key', "give the taint's key: controlPlaneTaints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]"],
        ['preinstalled.*.apiServer.*.cidr', "give the network of the API server's address: apiServer: [{ cidr: '192.168.4.5/32', ports: [{ port: 31443 }] }]"],
        ['preinstalled.*.controlPlaneTaints.*.effect', "give the taint's effect, NoSchedule, PreferNoSchedule or NoExecute: controlPlaneTaints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]"],
      ],
      foreign: CHOICES_SIZED_BY_FACTORY,
      unique: CLUSTER_UNIQUE_LISTS,
    }) && unsetTiers.length === 0 && namedOnly.length === 0 && !policyByCni;
    const reachable = reportAdGuardUrl(this, props?.dns?.adguard?.url);
    const named = reportNameProblems(this, id, props?.domain);
    const ranged = reportNodePortRange(this, props?.nodePortRange) && reportTimeSlicing(this, props?.nvidiaTimeSlicing);
    const engine = reportNotChoices(this, props);
    const cniProblem = notACniProblem(props?.cni);
    if (cniProblem) {
      reportFinding(this, { layer: 'props', severity: 'error', field: 'cni', ...cniProblem });
    }
    const sized = sound && reportComponentResources(this, props?.componentResources) && reportPreinstalledDeclarations(this, (declared?.preinstalled ?? []).map((c) => (c ? preinstalledOf(c) : undefined)));
    if (!sound || !reachable || !named || !ranged || !engine || cniProblem || !sized || !(props.site instanceof Site && Array.isArray(props.hosts) && props.routes) || !reportChoiceProblems(this, [
      ['routes', props.routes], ['loadBalancer', props.loadBalancer], ['gitops', props.gitops], ['cni', props.cni],
      ...Object.entries(props.storage ?? {}).map(([tier, choice]) => [`storage.${tier}`, choice] as const),
      ...(props.preinstalled ?? []).map((choice, i) => [`preinstalled[${i}]`, choice] as const),
    ])) {
      if (props?.site instanceof Site) {
        // A fact of the inventory written wrong may be what a prop above was refused for (a host's address in
        // a CIDR block): the run that stops here reports the site's problems too, as for a chart that was built.
        this.site = props.site;
        this.hosts = Array.isArray(props.hosts) ? props.hosts : [];
      }
      markCutShort(this);
      throw new PropsRejected('the cluster');
    }
    this.clusterName = id;
    this.site = props.site;
    this.hosts = props.hosts;
    this.externalHosts = props.externalHosts ?? Object.values(props.site.externalHosts);
    this.routes = props.routes;
    this.loadBalancer = props.loadBalancer;
    this.cni = props.cni;
    this.gitops = props.gitops;
    this.domain = factValue(props.domain) ?? props.site.domain;
    this.domainIsPlaceholder = isPlaceholder(props.domain)
      || (this.domain === props.site.domain && props.site.placeholders([]).some((fact) => fact.where === `site ${props.site.name} domain`));
    if (isPlaceholder(props.domain)) {
      leavePlaceholder(this, props.domain);
    }
    this.dns = props.dns;
    this.tiers = props.storage ?? {};
    this.networkPolicy = props.networkPolicy ?? 'kubernetes';
    this.nodePortRange = clusterNodePortRange(props.nodePortRange, props.preinstalled);
    this.componentResources = props.componentResources ?? {};
    this.nvidiaTimeSlicing = props.nvidiaTimeSlicing;
    this.designChoices = props.designChoices ?? [];
    this.namespaces = new Namespaces(this, 'namespaces');
    assignLayer(this.namespaces, 'platform');
    this.platform = new Platform(this, 'platform');
    for (const choice of props.preinstalled ?? []) {
      this.platform.declarePreinstalled(preinstalledOf(choice));
    }
    reportSecondDistribution(this, (props.preinstalled ?? []).map(preinstalledOf));
    this.policyEnforcement = policyEnforcement(this.cni, (props.preinstalled ?? []).map((choice, i) => [`preinstalled[${i}]`, preinstalledOf(choice)] as const),
      props.unenforcedNetworkPolicies);
    acknowledgementProblems(this.policyEnforcement).forEach((problem) => reportFinding(this, { layer: 'props', severity: 'error', ...problem }));
    reportRangeVlans(this, (props.preinstalled ?? []).map(preinstalledOf));

    const storage = new Construct(this, 'storage');
    assignLayer(storage, 'platform');
    const seen = new Set<string>();
    const zfsTiers = new Map<string, readonly [tierName: string, pool: ZfsPool]>();
    const madeClasses = new Map<string, readonly [tierName: string, tier: StorageTier]>();
    for (const [name, tier] of Object.entries(this.tiers)) {
      reportForeignNfsExport(this, `storage.${name}`, nfsExportOfTier(tier), this.site);
      if (tier instanceof ZfsPool) {
        reportZfsNamesake(this, name, tier, zfsTiers);
      }
      reportStorageClassNamesake(this, name, tier, madeClasses);
      storageTierSetup(tier, storage, this, seen);
    }
    // The inventory's taints are the nodes' own: Kubernetes learns them from the node, not from Git. They
    // come before the first sync, whose pods would otherwise land on the node and stay there once it is tainted.
    for (const tainted of this.hosts.filter((h) => h.taints.length > 0)) {
      leaveOwnerAction(this, {
        kind: 'bootstrap',
        action: `taint node ${tainted.nodeName} as the inventory says once it joins (or register it with them: the kubelet's --register-with-taints)`,
        command: `kubectl taint nodes ${tainted.nodeName} ${tainted.taints.map((t) => `${t.key}${t.value === undefined ? '' : `=${t.value}`}:${t.effect}`).join(' ')}`,
        beforeFirstSync: true,
      });
    }
    // kubeadm's taint on the control planes that are workers too, before the first sync for the same reason.
    const untaint = kubeadmUntaintStep((props.preinstalled ?? []).map(preinstalledOf), this.hosts);
    if (untaint !== undefined) {
      leaveOwnerAction(this, { kind: 'bootstrap', ...untaint, beforeFirstSync: true });
    }
    // So are the workload roles' labels, which placements by role select: before the first sync too, whose
    // pods placed by role would otherwise wait unscheduled, and its releases that wait for them fail.
    for (const labelled of this.hosts.filter((h) => h.workloadRoles.length > 0)) {
      leaveOwnerAction(this, {
        kind: 'bootstrap',
        action: `label node ${labelled.nodeName} with its workload roles (${labelled.workloadRoles.join(', ')}) once it joins`,
        command: roleLabelCommand(labelled),
        beforeFirstSync: true,
      });
    }
    // The CNI first: its bootstrap step comes before the engine's, as pods need it before any engine runs.
    this.cni?.bind(this);
    this.gitops?.bind(this);
    this.routes.bind(this);
    this.loadBalancer?.bind(this);
    // What a distribution needs of the cluster's other choices (Talos' CNI, K3s' bundled Traefik).
    // A second distribution is reported on its entry alone: its checks are of a cluster it does not run.
    const firstDistribution = (props.preinstalled ?? []).findIndex((choice) => preinstalledOf(choice).distribution !== undefined);
    runClusterChecks(this, (props.preinstalled ?? []).map((choice, i) => [`preinstalled[${i}]`, choice] as const)
      .filter(([, choice], i) => i <= firstDistribution || preinstalledOf(choice).distribution === undefined));
    reportSecondInstalls(this, (props.preinstalled ?? []).map((choice, i) => [`preinstalled[${i}]`, preinstalledOf(choice)] as const));
    checkNetworkPolicyProvider(this);
    if (props.gpuDevicePlugins ?? true) {
      this.requireGpuPlugins();
    }
    this.requireExternalDns();
    // What the chart adds itself is complete here; an error raised later is the subclass' own.
    this.node.children.forEach(markFinished);
  }

  /** Device plugins for the GPUs of the cluster's hosts, and the `nvidia` RuntimeClass. */
  private requireGpuPlugins(): void {
    // Before the apps render, which ask whether the plugin serves their GPU; after the VMs are declared.
    this.onPrepare(() => this.requireNvidiaPlugin());
    if (this.hosts.some((h) => h.hasGpu('intel'))) {
      this.platform.require(intelGpuPluginComponent(this.componentResources.intelGpuPlugin));
    }
  }

  /**
   * The NVIDIA device plugin, its driver step and the `nvidia` RuntimeClass, on the hosts with an NVIDIA GPU
   * left for containers: a host whose NVIDIA GPUs are all given to KubeVirt VMs binds them to vfio-pci, where
   * the plugin would find no GPU to advertise (and fail to start), and no NVIDIA driver may take them first.
   */
  private requireNvidiaPlugin(): void {
    const nvidiaHosts = this.hosts.filter((h) => h.hasGpu('nvidia') && servesGpusToPods(this, h, 'nvidia'));
    if (nvidiaHosts.length > 0) {
      this.platform.require(nvidiaDevicePluginComponent(nvidiaHosts.map((h) => h.nodeName), nvidiaHosts.flatMap((h) => h.taints), this.componentResources.nvidiaDevicePlugin, this.nvidiaTimeSlicing));
      const runtimeClasses = new Construct(this, 'runtime-classes');
      assignLayer(runtimeClasses, 'platform');
      // On Talos nothing is installed on a node by hand: its steps put the NVIDIA system extensions in the image.
      if (!runsTalos(this.platform.preinstalled)) {
        leaveOwnerAction(runtimeClasses, {
          kind: 'bootstrap',
          action: `install the NVIDIA driver and the NVIDIA Container Toolkit on ${nvidiaHosts.map((h) => h.name).join(', ')}, with containerd's runtime handler "${NVIDIA_RUNTIME_CLASS}" (the RuntimeClass of GPU pods names it)`,
        });
      }
      new ApiObject(runtimeClasses, NVIDIA_RUNTIME_CLASS, {
        apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass',
        metadata: { name: NVIDIA_RUNTIME_CLASS },
        handler: NVIDIA_RUNTIME_CLASS,
      });
    }
  }

  /** external-dns for split-horizon DNS: Cloudflare on the public target's cluster, AdGuard Home elsewhere. */
  private requireExternalDns(): void {
    if (!this.dns) {
      return;
    }
    const ownerId = `${this.site.name}-${this.clusterName}`;
    const refs: Array<[string, SecretReference | undefined]> = [
      ['dns.cloudflare.apiToken', this.dns.cloudflare?.apiToken], ['dns.adguard.username', this.dns.adguard?.username], ['dns.adguard.password', this.dns.adguard?.password],
    ];
    for (const [field, ref] of refs) {
      if (ref && ref.namespace !== EXTERNAL_DNS_NAMESPACE) {
        reportFinding(this, {
          layer: 'references', severity: 'error', field,
          message: `external-dns reads Secret ${ref.namespace}/${ref.secretName}, but runs in namespace "${EXTERNAL_DNS_NAMESPACE}"`,
          hint: `keep the Secret in namespace ${EXTERNAL_DNS_NAMESPACE}`,
        });
      }
    }
    // Keys left out of a provider's options (the type checker may not see the lab): each is named, and no
    // external-dns is rendered without them.
    const missing = [
      ...(this.dns.cloudflare && this.runsPublicTarget && !this.dns.cloudflare.apiToken ? [['dns.cloudflare.apiToken', 'the Cloudflare API token, a key of a Secret in namespace external-dns: apiToken: sealed.key(\'api-token\')']] : []),
      ...(this.dns.adguard && !this.runsPublicTarget ? ([
        ['url', "AdGuard Home's address: url: 'http://adguard.home.arpa'"], ['username', "the key of its user's name: username: sealed.key('username')"], ['password', "the key of its password: password: sealed.key('password')"],
      ] as const).filter(([key]) => !this.dns!.adguard![key]).map(([key, what]) => [`dns.adguard.${key}`, what]) : []),
    ];
    for (const [field, what] of missing) {
      reportFinding(this, {
        layer: 'props', severity: 'error', field,
        message: `${field} is missing, so external-dns could not write the cluster's records`, hint: `give ${what}`,
      });
    }
    if (missing.length > 0) {
      return;
    }
    if (this.runsPublicTarget) {
      if (!this.dns.cloudflare) {
        reportFinding(this, {
          layer: 'references', severity: 'error', field: 'dns.cloudflare',
          message: `cluster "${this.clusterName}" runs on the public target ${this.dns.publicTarget!.name} but names no Cloudflare token for its public records`,
          hint: publicTargetHint(this.dns.publicTarget!.name, this.dns.adguard !== undefined),
        });
        return;
      }
      const externalDns = this.platform.require(externalDnsComponent({ provider: { kind: 'cloudflare', ...this.dns.cloudflare }, domains: [this.domain], ownerId, resources: this.componentResources.externalDns }));
      // The chart's Deployment is named after the release, which holds the chart's name.
      componentReadsSecret(this, externalDns, 'external-dns (Cloudflare)', [this.dns.cloudflare.apiToken], { workload: `deployment/${externalDns.name}` });
    } else {
      if (!this.dns.adguard) {
        reportFinding(this, {
          layer: 'references', severity: 'error', field: 'dns.adguard',
          message: `cluster "${this.clusterName}" keeps its records inside the split horizon but names no AdGuard Home to write them to`,
          hint: 'set dns.adguard to the URL and SecretReferences of AdGuard Home',
        });
        return;
      }
      const externalDns = this.platform.require(externalDnsComponent({ provider: { kind: 'adguard', ...this.dns.adguard }, domains: [this.domain], ownerId, resources: this.componentResources.externalDns }));
      componentReadsSecret(this, externalDns, 'external-dns (AdGuard Home)', [this.dns.adguard.username, this.dns.adguard.password], {
        workload: `deployment/${externalDns.name}`,
        alsoChange: "AdGuard Home keeps that user's password too (its bcrypt hash under users in AdGuardHome.yaml): change it there at the same time",
      });
    }
  }

  /**
   * The taints `host` carries as a node of this cluster: the inventory's, and those the distribution puts on
   * control-plane nodes (Talos' unless `allowSchedulingOnControlPlanes`). The scheduling checks read these.
   */
  public nodeTaints(host: Host<any, any>): readonly Taint[] {
    requiredHost(host, 'nodeTaints', this);
    // Asked for every host of every pod template by several checks: kept per host until a preinstalled
    // declaration is added.
    const declared = this.platform.preinstalled.length;
    if (this.taintsByHost?.declared !== declared) {
      this.taintsByHost = { declared, byHost: new Map() };
    }
    let taints = this.taintsByHost.byHost.get(host);
    if (taints === undefined) {
      taints = nodeTaints(host, this.hosts, this.platform.preinstalled.flatMap((p) => p.controlPlaneTaints ?? []));
      this.taintsByHost.byHost.set(host, taints);
    }
    return taints;
  }

  /**
   * The labels `host` carries as a node of this cluster: the inventory's, with the values the distribution writes on
   * control-plane nodes (K3s' `"true"`). The scheduling checks match node selectors against these.
   */
  public nodeLabels(host: Host<any, any>): Readonly<Record<string, string>> {
    requiredHost(host, 'nodeLabels', this);
    // Asked for every host of every pod template that selects nodes: kept as the taints are.
    const declared = this.platform.preinstalled.length;
    if (this.labelsByHost?.declared !== declared) {
      this.labelsByHost = { declared, byHost: new Map() };
    }
    let labels = this.labelsByHost.byHost.get(host);
    if (labels === undefined) {
      const own: Record<string, string> = inventoryNodeLabels(host);
      const made: Readonly<Record<string, string>> = host.roles.includes('control-plane') ? Object.assign(own, ...this.platform.preinstalled.map((p) => p.controlPlaneLabels ?? {})) : own;
      this.labelsByHost.byHost.set(host, made);
      return made;
    }
    return labels;
  }

  /** {@link nodeLabels} by host, for the number of preinstalled declarations they were derived from. */
  private labelsByHost?: { readonly declared: number; readonly byHost: Map<Host<any, any>, Readonly<Record<string, string>>> };

  /** {@link nodeTaints} by host, for the number of preinstalled declarations they were derived from. */
  private taintsByHost?: { readonly declared: number; readonly byHost: Map<Host<any, any>, readonly Taint[]> };

  /**
   * Whether one of the cluster's hosts is the public target of its split-horizon DNS: its external-dns writes
   * public DNS (Cloudflare), which every resolver of the internet answers from.
   */
  get runsPublicTarget(): boolean {
    return this.dns?.publicTarget !== undefined && this.hosts.includes(this.dns.publicTarget);
  }

  /**
   * Runs `hook` once the whole tree is built, before the cluster is synthesized: for constructs that
   * render from state that may still change after their constructor (routes added later, entry points).
   * Hooks run in the order they were added, before the platform renders its components; a hook added
   * by a running hook runs after every hook added before it (checks over what other hooks render).
   */
  public onPrepare(hook: () => void): void {
    // Run only once synthesis has begun, a hook that is no function would fail there, far from the call.
    this.prepareHooks.push(requiredArgument(hook, 'onPrepare()', 'onPrepare.hook', 'function', 'a function of no arguments, e.g. () => app.addRoute(\'web\')', this));
  }

  /**
   * Runs `hook` after every {@link onPrepare} hook, when all apps have rendered their objects: for
   * platform components whose values follow from what the apps rendered (an entry point for each TCP
   * route). Hooks run in the order they were added.
   */
  public onPlatformPrepare(hook: () => void): void {
    this.platformHooks.push(requiredArgument(hook, 'onPlatformPrepare()', 'onPlatformPrepare.hook', 'function', 'a function of no arguments', this));
  }

  /**
   * Finishes the cluster before it is synthesized: prepare hooks, platform hooks, then the engine renders
   * every component and the objects that apply the layers in order. Idempotent.
   */
  public prepare(): void {
    if (this.prepared) {
      return;
    }
    this.prepared = true;
    // Hooks may add hooks; those run too.
    for (let i = 0; i < this.prepareHooks.length; i++) {
      this.prepareHooks[i]();
    }
    // Every app has rendered its autoscalers; the platform hooks check the components this may bring.
    requireResourceMetricsApi(this);
    for (let i = 0; i < this.platformHooks.length; i++) {
      this.platformHooks[i]();
    }
    // Run once: kept, they would hold every app that added one for as long as the chart lives.
    this.prepareHooks.length = 0;
    this.platformHooks.length = 0;
    requireComponentsForKinds(this, this.platform, this.componentResources);
    const components = this.platform.components;
    const isIdle = (part: string) => (this.loadBalancer?.idleParts?.(this) ?? []).includes(part);
    for (const problem of unusedComponentResourcesProblems(this.componentResources, components.map((c) => c.name), this.platform.keptAsAsked, isIdle)) {
      reportFinding(this, { layer: 'props', severity: 'warning', ...problem });
    }
    this.platform.checkDependencies();
    if (!this.gitops) {
      if (components.length > 0) {
        reportFinding(this, {
          layer: 'references', severity: 'error', field: 'gitops',
          message: `cluster "${this.clusterName}" installs ${components.map((c) => c.name).join(', ')} but has no GitOps engine to install them`,
          hint: 'set `gitops:` to flux(), argoCd(), k3sManifests() or another engine',
        });
      } else {
        // Nothing syncs the folder: the README would otherwise say there is nothing to do, and nothing would run.
        leaveOwnerAction(this, {
          kind: 'bootstrap', startsFirstSync: true,
          action: 'apply the cluster folder by hand, as no GitOps engine syncs it, and again after every synth that changes it '
            + '(an object that leaves the folder stays in the cluster until you delete it)',
          command: `kubectl apply -k ${this.repositoryPath()}`,
        });
      }
      return;
    }
    for (const component of components) {
      // kube-system and the other system namespaces exist in every cluster; owning one from Git would let a prune delete it.
      if (!SYSTEM_NAMESPACES.includes(component.namespace)) this.namespaces.ensure(component.namespace, {
        podSecurity: component.props.podSecurity ?? 'restricted',
        reason: component.props.podSecurityReason && `${component.name}: ${component.props.podSecurityReason}`,
        component: component.name,
      });
      // Apps put into the namespace the component's files make widen the level the engine labels it with.
      component.widenNamespaceLevel(this.namespaces.levelOf(component.namespace).level);
      this.gitops.renderComponent(this.platform.installScope(component), component, this);
      annotateChartDefaultResources(this.platform.installScope(component), component.props.resources);
    }
    // Judged against the level each namespace ends with, the widest asked of it: a component that asks for less
    // than a neighbour (Loki beside kube-prometheus-stack in monitoring) runs there, so only values beyond that level err.
    for (const component of components) {
      const problem = component.install.type === 'helm' && !SYSTEM_NAMESPACES.includes(component.namespace)
        ? valuesBeyondNamespaceLevel(component.values, component.namespace, this.namespaces.levelOf(component.namespace).level) : undefined;
      if (problem !== undefined) {
        reportFinding(this.platform, { layer: 'policy', severity: 'error', ...problem, field: `components.${component.name}.${problem.field}` });
      }
    }
    // A namespace that the engine's bootstrap makes (flux-system) belongs to it, as one that upstream files
    // create belongs to them; the system ones are never declared.
    this.namespaces.leaveOut(this.platform.namespacesMadeElsewhere.keys());
    leaveNamespaceLevelSteps(this.namespaces, this.platform);
    applyComponentNetworks(this.namespaces, components, this.platform, { kind: this.networkPolicy, ingressPeer: this.routes.ingressPeer });
    checkComponentResources(components, this.platform);
    const objects = apiObjectsOf(this);
    keepDataWhenRemoved(this, this.gitops, objects);
    replaceStorageClassesWhenChanged(this.gitops, objects);
    const sync = new Construct(this, this.gitops.name);
    assignLayer(sync, 'sync');
    this.gitops.renderSync(sync, this, LAYERS);
  }

  /** The cluster's folder relative to the output folder: `<site>/<cluster>`. */
  public get folder(): string {
    return clusterFolder(this.site.name, this.clusterName);
  }

  /**
   * Refuses cdk8s' own synthesis (`app.synth()`): it would write a few of the cluster's objects, unchecked,
   * in one file. Prints one error and sets the exit status to 1; synthesize with `runSynthCli` instead.
   */
  public toJson(): any[] {
    return refusePlainCdk8sSynth(this);
  }

  /**
   * The path in the Git repository that engines sync a layer (or, without one, the cluster folder) from,
   * honouring the output folder the app was created with: the path in the repository that holds that folder.
   */
  public repositoryPath(layer?: PlatformLayer): string {
    const root = this.node.root;
    const outdir = root instanceof App ? root.outdir : 'dist';
    return repositoryPath(outdir, layer ? layerFolder(this.site.name, this.clusterName, layer) : this.folder);
  }

  /** The storage tier of that name, or undefined when the cluster defines none. */
  public tier(name: string): StorageTier | undefined {
    return Object.prototype.hasOwnProperty.call(this.tiers, name) ? this.tiers[name] : undefined;
  }

  /** Names of the cluster's storage tiers. */
  public get tierNames(): string[] {
    return Object.keys(this.tiers).sort();
  }

  /**
   * The hint of a finding on storage tier `name`, which the cluster does not define: its tiers, or, on a
   * cluster without any, how to declare that one (on a ZFS pool of its hosts, or the local-path provisioner).
   */
  public unknownTierHint(name: string): string {
    // A claim names a tier; the StorageClass or ZFS pool behind it is what `kubectl get pvc` and `zfs list` show.
    const behind = this.tierNames.find((tierName) => {
      const tier = this.tier(tierName)!;
      return storageClassNameOf(tier) === name || (tier instanceof ZfsPool && tier.name === name);
    });
    if (behind !== undefined) {
      return `"${name}" is what tier ${behind} is backed by; a claim names the tier: tier: '${behind}'`;
    }
    if (this.tierNames.length > 0) {
      return `use one of: ${this.tierNames.join(', ')}`;
    }
    const pool = this.hosts.flatMap((h) => Object.keys(h.zfs).map((p) => `${h.name}.zfs.${p}`))[0];
    return `the cluster declares no storage tier: give it one, e.g. storage: { ${keyText(name)}: ${pool ?? 'localPathStorage()'} }`;
  }

  /** A bare host label placed under the cluster domain; a dotted name is kept as is. */
  public hostname(host: string): string {
    requiredArgument(host, 'hostname()', 'hostname.host', 'string', "a host label, e.g. 'jellyfin', or a full host name", this);
    return host.includes('.') ? host : `${host}.${this.domain}`;
  }

  /**
   * external-dns annotations for a route, per the cluster's split-horizon settings: the public target's
   * address on the cluster that runs it, the cluster's own ingress address elsewhere.
   */
  public dnsAnnotations(): Record<string, string> {
    if (!this.dns) {
      return {};
    }
    const target = this.runsPublicTarget ? this.dns.publicTarget?.publicAddress : this.routes.address?.address;
    return target ? { 'external-dns.alpha.kubernetes.io/target': target } : {};
  }
}

/**
 * Refuses a cluster chart created inside another one: the outer chart would collect its objects as its
 * own (apps lose what the inner cluster would render for them) and it would never be a cluster of its own.
 */
function reportEnclosingCluster(chart: ClusterChart): void {
  for (let scope = chart.node.scope; scope; scope = scope.node.scope) {
    if (scope instanceof ClusterChart) {
      reportFinding(chart, {
        layer: 'props', severity: 'error', field: 'scope',
        message: `a cluster chart is created inside cluster ${scope.node.path}; its objects would be merged into that cluster's`,
        hint: 'create each ClusterChart under the app, or in a fleet under the site construct its build is given: new ClusterChart(site, id, { … })',
      });
      markCutShort(chart);
      throw new PropsRejected('the cluster');
    }
  }
}

/**
 * Reports a cluster name (the chart's id) that is no DNS label, and a domain that is no DNS name: both end
 * up in the names of many objects, and one finding here says what each of those would. Returns whether
 * both are sound.
 */
/**
 * Storage tiers given as `undefined`, each an error on `storage.<tier>`: most often a ZFS pool the host does
 * not have (`nuc.zfs.tnak` reads as undefined where the types are not checked) or an unset variable; and
 * tiers that are objects of neither kind, a ZFS pool nor a StorageClass (`{ pool: 'tank' }`), which no
 * provisioner could be set up for. The hint lists the pools of the cluster's hosts. Returns the tiers reported.
 */
function reportUnsetTiers(chart: ClusterChart, storage: unknown, hosts: unknown): string[] {
  if (storage === null || typeof storage !== 'object' || Array.isArray(storage)) {
    return [];
  }
  const unusable = Object.entries(storage).flatMap(([tier, value]): Array<[string, string]> => {
    if (value === undefined) {
      return [[tier, `storage tier "${tier}" is undefined, as a ZFS pool a host does not have (host.zfs.<pool>) or an unset variable reads`]];
    }
    // A factory's result carries its own problems (existingStorageClass() without a name), reported as the choice's.
    const notATier = value !== null && typeof value === 'object' && !(value instanceof ZfsPool) && !hasChoiceProblems(value)
      && typeof (value as { storageClassName?: unknown }).storageClassName !== 'string';
    return notATier ? [[tier, `storage tier "${tier}" is ${describeValue(value)}, neither a ZFS pool of the inventory nor a StorageClass`]] : [];
  });
  const pools = (Array.isArray(hosts) ? hosts : []).filter((h) => h instanceof Host)
    .flatMap((h: Host<any, any>) => Object.keys(h.zfs).map((pool) => `${h.name}.zfs.${pool}`));
  for (const [tier, message] of unusable) {
    reportFinding(chart, {
      layer: 'props', severity: 'error', field: `storage.${tier}`, message,
      hint: `give the tier ${pools.length > 0 ? `a pool of the cluster's hosts (${pools.join(', ')}), ` : ''}localPathStorage(), nfsStorage(site.nfs.<export>) or existingStorageClass('<name>'), or leave it out`,
    });
  }
  return unusable.map(([tier]) => tier);
}

/** CNIs that enforce Kubernetes NetworkPolicies themselves, by the names a `networkPolicy` may give them. */
const KUBERNETES_POLICY_CNIS: Readonly<Record<string, string>> = { calico: 'Calico', antrea: 'Antrea', 'kube-router': 'kube-router', weave: 'Weave Net', canal: 'Canal' };

/**
 * A `networkPolicy` that names a CNI enforcing Kubernetes NetworkPolicies (`'calico'`), one error on it: the
 * prop picks the kind of policy written, and such a CNI is declared as the pod network. Whether reported.
 */
function reportPolicyKindByCni(chart: ClusterChart, kind: unknown): boolean {
  const cni = typeof kind === 'string' ? KUBERNETES_POLICY_CNIS[kind.trim().toLowerCase()] : undefined;
  if (cni === undefined) {
    return false;
  }
  reportFinding(chart, {
    layer: 'props', severity: 'error', field: 'networkPolicy',
    message: `networkPolicy is ${describeValue(kind)}, a CNI, where it picks the kind of policy written: kubernetes (NetworkPolicy) or cilium (CiliumNetworkPolicy)`,
    hint: `${cni} enforces Kubernetes NetworkPolicies: write networkPolicy: 'kubernetes' (or leave it out) and declare the CNI as the pod network: `
      + `preinstalled: [{ source: '${kind}', podNetwork: { name: '${cni}', enforcesNetworkPolicies: true } }]`,
  });
  return true;
}

/** The distributions a factory of the library declares, by the names a preinstalled entry may give them. */
const DISTRIBUTION_FACTORIES: Readonly<Record<string, string>> = { 'k3s': 'k3s()', 'talos': 'talos()', 'talos linux': 'talos()' };

/**
 * Entries of `preinstalled` that name a distribution the library has a factory for and nothing more (`'k3s'`,
 * `{ source: 'talos' }`), each an error on `preinstalled[i]`: such an entry declares nothing, while the
 * factory declares what the distribution brings and leaves its steps. Returns their indexes.
 */
function reportDistributionsByName(chart: ClusterChart, preinstalled: unknown): number[] {
  if (!Array.isArray(preinstalled)) {
    return [];
  }
  return preinstalled.flatMap((entry: unknown, i) => {
    const named = typeof entry === 'string' ? entry
      : entry !== null && typeof entry === 'object' && Object.keys(entry).join() === 'source' ? (entry as { source: unknown }).source : undefined;
    const factory = typeof named === 'string' ? DISTRIBUTION_FACTORIES[named.trim().toLowerCase()] : undefined;
    if (factory === undefined) {
      return [];
    }
    reportFinding(chart, {
      layer: 'props', severity: 'error', field: `preinstalled[${i}]`,
      message: `preinstalled[${i}] names ${describeValue(named)} and declares nothing of it, while ${factory} declares what the distribution brings and leaves the steps that set it up`,
      hint: `write preinstalled[${i}]: ${factory}, with its options inside the parentheses`,
    });
    return [i];
  });
}

function reportNameProblems(chart: ClusterChart, id: string, domain: unknown): boolean {
  const idProblem = nameProblem(id, DNS1123_LABEL);
  if (idProblem) {
    reportFinding(chart, {
      layer: 'props', severity: 'error', field: 'id',
      message: `cluster name ${idProblem}; it names the cluster's folder and objects`,
      hint: `use lower-case letters, digits and '-', e.g. ${nameMeant(id, DNS1123_LABEL) ?? 'main'}`,
    });
  }
  const value = factValue(domain as Fact<string> | undefined);
  const domainProblem = value === undefined ? undefined
    : typeof value === 'string' ? nameProblem(value, DNS_NAME) : `${describeValue(value)} is not a DNS name`;
  if (domainProblem) {
    reportFinding(chart, {
      layer: 'props', severity: 'error', field: 'domain',
      message: `domain ${domainProblem}`,
      hint: domainHint(value),
    });
  }
  return idProblem === undefined && domainProblem === undefined;
}

/** Reports a node-port range that is reversed or leaves 1–65535. Returns whether it is sound (or not given). */
function reportNodePortRange(chart: ClusterChart, range: { readonly first: number; readonly last: number } | undefined): boolean {
  if (range === undefined || range === null || !Number.isInteger(range.first) || !Number.isInteger(range.last)) {
    return true; // the props shape reports ranges that are no whole numbers
  }
  const problem = range.first < 1 || range.last > 65535
    ? `node-port range ${range.first}-${range.last} leaves 1–65535`
    : range.first > range.last ? `node-port range ${range.first}-${range.last} is reversed` : undefined;
  if (problem) {
    reportFinding(chart, {
      layer: 'props', severity: 'error', field: 'nodePortRange', message: problem,
      hint: "give the API server's --service-node-port-range, first port first, e.g. { first: 30000, last: 32767 }",
    });
  }
  return problem === undefined;
}

/** A time-slicing of NVIDIA GPUs that shares each with fewer than two pods, which is no sharing. Whether sound. */
function reportTimeSlicing(chart: ClusterChart, replicas: number | undefined): boolean {
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas >= 2) {
    return true; // the props shape reports one that is no whole number
  }
  reportFinding(chart, {
    layer: 'props', severity: 'error', field: 'nvidiaTimeSlicing',
    message: `nvidiaTimeSlicing ${replicas} shares each NVIDIA GPU with fewer than two pods, which is no time-slicing`,
    hint: 'give how many pods may share each GPU, 2 or more (e.g. nvidiaTimeSlicing: 4), or leave it out to give each GPU to one pod',
  });
  return false;
}

/**
 * The API server addresses of preinstalled declarations that are no network: an address without its prefix
 * (`192.168.4.5`), host bits set (`192.168.4.5/24`, which opens the whole network), leading zeros; and their CRD
 * groups and kinds that no object can name (see {@link preinstalledCrdProblems}).
 */
function reportPreinstalledDeclarations(chart: ClusterChart, preinstalled: ReadonlyArray<Partial<Preinstalled> | undefined>): boolean {
  const problems = preinstalled.flatMap((declaration, i) => [
    ...(Array.isArray(declaration?.apiServer) ? declaration.apiServer : []).flatMap((peer, j) => {
      const problem = cidrProblem(peer.cidr);
      return problem === undefined ? [] : [{ field: `preinstalled[${i}].apiServer[${j}].cidr`, ...problem }];
    }),
    ...preinstalledCrdProblems(declaration, `preinstalled[${i}]`),
  ]);
  for (const problem of problems) {
    reportFinding(chart, { layer: 'props', severity: 'error', ...problem });
  }
  return problems.length === 0;
}

/** A `gitops`, `routes` or `loadBalancer` that is an object yet no such choice, reported before anything calls it. */
function reportNotChoices(chart: ClusterChart, props: ClusterChartProps | undefined): boolean {
  const problems = ([
    ['gitops', notAnEngineProblem(props?.gitops)], ['routes', notARouteFlavorProblem(props?.routes)], ['loadBalancer', notALoadBalancerProblem(props?.loadBalancer)],
  ] as const).filter(([, problem]) => problem !== undefined);
  for (const [field, problem] of problems) {
    reportFinding(chart, { layer: 'props', severity: 'error', field, ...problem! });
  }
  return problems.length === 0;
}

/**
 * The platform choices sized by their own factory, not by `componentResources`, under the names users
 * give them there (`metallb`, `metalLb`), each with the factory's `resources` option for the hint.
 */
const CHOICES_SIZED_BY_FACTORY: ReadonlyArray<readonly [string, string]> = ([
  [['metalLb', 'metallb', 'metalLB'], 'MetalLB is sized by its factory: loadBalancer: metalLb({ pools, resources: { … } })'],
  [['traefik'], "Traefik is sized by its factory: routes: traefik({ resources: { traefik: { … } } })"],
  [['ingressNginx', 'nginx', 'ingress-nginx'], 'ingress-nginx is sized by its factory: routes: ingressNginx({ tls, resources: { controller: { … } } })'],
  [['cilium'], 'Cilium is sized by its factory: cni: cilium({ resources: { agent: { … } } })'],
  [['argoCd', 'argocd', 'argo-cd'], 'Argo CD is sized by its factory: gitops: argoCd({ selfManaged, resources: { … } })'],
  [['localPath', 'localPathStorage', 'local-path'], 'the local-path provisioner is sized by its storage tier: localPathStorage({ resources: { … } })'],
  [['nfs', 'nfsCsi', 'nfsCsiDriver', 'csiDriverNfs', 'csi-driver-nfs'], "the NFS CSI driver, which nfsStorage() brings, keeps its chart's own sizes: componentResources has no key for it; leave it out"],
] as const).flatMap(([names, hint]) => names.map((name) => [`componentResources.${name}`, hint] as const));

/** Reports what is wrong with the sizes of the components the cluster brings itself. Returns whether nothing is. */
function reportComponentResources(chart: ClusterChart, resources: ClusterComponentResources | undefined): boolean {
  const problems = componentResourcesProblems(resources);
  for (const problem of problems) {
    reportFinding(chart, { layer: 'props', severity: 'error', ...problem });
  }
  return problems.length === 0;
}

/** A cluster runs one Kubernetes distribution; a second one in `preinstalled` is reported on its entry. */
function reportSecondDistribution(cluster: ClusterChart, declared: readonly Preinstalled[]): void {
  const first = declared.find((d) => d.distribution !== undefined);
  declared.forEach((d, i) => {
    if (d.distribution !== undefined && d !== first) {
      reportFinding(cluster, {
        layer: 'props', severity: 'error', field: `preinstalled[${i}]`,
        message: `cluster "${cluster.clusterName}" runs ${first!.distribution} already; it cannot run ${d.distribution} as well`,
        hint: 'keep the distribution the nodes run, and declare what else they have as a plain { source, ... } entry',
      });
    }
  });
}

/**
 * The tier met before `tier` whose StorageClass has its name, with that tier's name; undefined for the first of
 * its class, which `seen` (tiers by class name) then takes.
 */
function firstOfClass<T extends StorageTier>(seen: Map<string, readonly [string, T]>, tierName: string, tier: T): readonly [string, T] | undefined {
  const className = storageClassNameOf(tier);
  const earlier = seen.get(className);
  if (earlier === undefined) {
    seen.set(className, [tierName, tier]);
  }
  return earlier;
}

/**
 * Reports a storage tier whose StorageClass has the name of another tier's class made another way (an NFS tier
 * named `local-path` beside `localPathStorage()`, two NFS tiers on other exports that both keep the default
 * `nfs-csi`): a cluster holds one class of a name, the tier met first makes it, and the later tier's claims
 * would be made by the earlier one's provisioner, in its place, without a word. Two ZFS pools of one name are
 * {@link reportZfsNamesake}'s. `made` holds the tiers met so far by class name, and takes this one.
 */
function reportStorageClassNamesake(cluster: ClusterChart, tierName: string, tier: StorageTier, made: Map<string, readonly [string, StorageTier]>): void {
  const maker = storageClassMakerOf(tier);
  if (maker === undefined) {
    return;
  }
  const className = storageClassNameOf(tier);
  const earlier = firstOfClass(made, tierName, tier);
  if (earlier === undefined) {
    return;
  }
  const [earlierTier, earlierBacking] = earlier;
  const earlierMaker = storageClassMakerOf(earlierBacking);
  if (earlierMaker === maker || tier instanceof ZfsPool && earlierBacking instanceof ZfsPool) {
    return;
  }
  reportFinding(cluster, {
    layer: 'props', severity: 'error', field: `storage.${tierName}`,
    message: `storage tier "${tierName}" makes StorageClass ${className} with ${maker}, and tier "${earlierTier}" makes a StorageClass of that name with ${earlierMaker}: `
      + `the cluster holds one class of a name, so the claims of tier "${tierName}" would be made by ${earlierMaker} instead`,
    // A ZFS pool's class and local-path's have fixed names: the other tier is the one to rename.
    hint: tier instanceof ZfsPool || maker === LOCAL_PATH_MAKER
      ? `give tier "${earlierTier}" a StorageClass name of its own, e.g. storageClassName: 'nfs-${earlierTier}'`
      : `give tier "${tierName}" a StorageClass name of its own, e.g. storageClassName: '${className === 'local-path' || className.startsWith('zfs-') ? (tierName === 'nfs' ? 'nfs-csi' : `nfs-${tierName}`) : `${className}-${tierName}`}'`,
  });
}

/**
 * Reports a storage tier whose ZFS pool has the name of another tier's pool on another host: ZFS LocalPV
 * tells pools apart by name alone, so both would be one StorageClass, which places volumes on the first
 * tier's host only, and the claims of the second could never be made. `tiers` holds the tiers met so far by
 * StorageClass name, and takes this one.
 */
function reportZfsNamesake(cluster: ClusterChart, tierName: string, pool: ZfsPool, tiers: Map<string, readonly [string, ZfsPool]>): void {
  const className = storageClassNameOf(pool);
  const earlier = firstOfClass(tiers, tierName, pool);
  if (earlier === undefined) {
    return;
  }
  const [earlierTier, earlierPool] = earlier;
  if (earlierPool === pool) {
    return; // two names of one pool, which one class serves
  }
  reportFinding(cluster, {
    layer: 'inventory', severity: 'error', field: `storage.${tierName}`,
    message: `storage tier "${tierName}" is ZFS pool "${pool.name}" of ${pool.host.name}, and tier "${earlierTier}" pool "${earlierPool.name}" of ${earlierPool.host.name}: `
      + `ZFS LocalPV tells pools apart by name alone, so both would be StorageClass ${className}, which places volumes on ${earlierPool.host.name} only, and no claim of tier "${tierName}" could be made`,
    hint: `give the two pools names of their own (zpool export ${pool.name} && zpool import ${pool.name} <new name> on ${pool.host.name}, and the same in its inventory), or keep one tier of them`,
  });
}
