import { type RedisCheckApp, redisDatabaseProblems } from './redis-database-numbers';
import { configRestart } from './config-restarts';
import { reloaderComponent } from '../platform/components/reloader';
import { noteAutoscalerProp } from '../platform/metrics-api';
import { runsDocker } from '../inventory/host-service-ports';
import { singleAddressNetwork } from '../inventory/ip';
import { relativeLookingHost, routeHostProblem, routeHostPropProblems } from './route-host';
import { ApiObject } from 'cdk8s';
import type { k8s } from 'cdk8s-plus-30';
import { Construct } from 'constructs';
import type { Arch, Host } from '../inventory/host';
import type { VmHostDevice } from '../inventory/vm-host-device';
import { resolvePlacement, ResolvedPlacement } from '../inventory/placement';
import { checkImagePlatforms, imageRef, pinnedImage, pinnedImageGiven } from './image-platforms';
import { mongodbArmCpuProblem } from './mongodb-arm-cpu';
import { describeValue } from '../inventory/problems';
import { ClusterChart } from '../platform/cluster-chart';
import { KNATIVE_CLUSTER_LOCAL_LABELS, knativeDomainMappingProblem, knativeDomainNamespaces, knativeServiceHost } from '../platform/knative';
import { shortNameNamespaces, stateAppPods } from '../platform/component-network';
import { dualStackProblem, serviceIpFamilies } from '../platform/ip-families';
import { LoadBalancerSettings, loadBalancersServed } from '../platform/load-balancer';
import { PoolAddress } from '../inventory/address-pool';
import { ZfsPool } from '../inventory/zfs-pool';
import { isNodeLocalClass } from '../validation/node-local-classes';
import type { AddressPeer, NetworkPeer } from '../platform/network-policy';
import { clusterApiServer } from '../platform/network-policy';
import type { BackendTls, RouteIntent, RouteRule, RouteRuleIntent } from '../platform/route-flavor';
import { nfsExportOfTier, storageClassNameOf, tierAccessModeProblem } from '../platform/storage';
import { noteClaimModesChecked } from '../validation/claim-modes';
import { bootstrapSecretStep } from '../synth/bootstrap-secret';
import { nfsTierProblem } from '../platform/component-tiers';
import { databaseDataOnVolume, unreplicatedServer } from './database-data';
import { statefulServerProblems } from './stateful-servers';
import { leaveOwnerAction } from '../synth/owner-action';
import { declareControllerMade, declareExternal } from '../validation/external';
import { reportFinding } from '../validation/finding';
import { noteRenderedFor } from '../validation/rendered-for';
import { TAILSCALE_HOSTNAME_ANNOTATION } from '../validation/tailnet-names';
import { reportForeignNfsExport } from '../validation/nfs-export-site';
import type { NfsExport } from '../inventory/nfs-export';
import { appNameMaxLength, appNameMeant, appNameProblem } from './app-name';
import { appNamespaceProblems } from './app-namespace';
import { AppContainer, ContainerChange, ContainerMountProps, ContainerProps, ContainerOwner, PortAdder } from './container';
import { AppController, controllerProblems, controllerSpec, controllerType, hasReplicas, runsToCompletion } from './controller';
import { applyEngineToJob } from './job-engine';
import { noteRefusedClaim, reportSharedExistingClaims, sharesRefusedClaim, takeClaimVolume } from './shared-claims';
import { isGluetunImage, vpnFirewallProblems } from './vpn-firewall';
import { vpnOutboundProblems } from './vpn-outbound';
import { vpnPortForwardingProblems } from './vpn-port-forwarding';
import { type ListedEgress, vpnTunnelEgressProblems } from './vpn-tunnel-egress';
import { transmissionWhitelistProblems } from './transmission-whitelists';
import { disagreeingMounts, linesUpWithSome, SharedFolderMount, sharedFolderMounts } from './shared-folder-paths';
import { splitImportMounts } from './import-hardlinks';
import { readOnlyImportFolders } from './arr-import-folders';
import { isNodeTree } from './node-trees';
import {
  composeDeviceProblems, DEVICE_VARIANTS, deviceContainersProblems, deviceCountProblems, devicePathProblems, deviceResourceProblems, deviceTypeProblems, deviceVolumeName, repeatedDeviceProblems,
  inventoryDeviceProblems, isOneMachineDevice, isRaspberryPiDevice, isUsbSerialDevice, TUN_DEVICE, tunCapabilityProblem, unmountedDeviceEnvProblems,
} from './devices';
import { envProblems, EnvValue } from './env';
import { cudaWithoutGpuProblem, gpuDeviceProblems, gpuEnvProblems, gpuGroupProblem, GpuRequest, gpuPlacementProblems, renderGpu } from './gpu';
import { takesDefaultGpuMemory, vllmArgProblems } from './vllm-args';
import { GPU_VENDOR_NAMES } from '../validation/inventory';
import { rootPathHint } from '../validation/http-syntax';
import { noteWrittenProps } from '../validation/written-props';
import type { GpuVendor } from '../inventory/gpu';
import { servesGpusToPods } from '../platform/kubevirt-host-devices';
import { reportUnservedDevice, reportUnservedGpu } from './gpu-plugins';
import { podsPerGpu, recordGpuDemand } from './gpu-sharing';
import { redirectUrlProblems } from './redirect-urls';
import { seafileUrlProblems } from './seafile-urls';
import { zulipProxyProblems } from './zulip-proxy';
import { duplicatiHostnameProblems } from './duplicati-hostnames';
import { N8N_IMAGE } from './household-app-images';
import { n8nProcess } from './n8n-queue-env';
import { rangesInForce } from '../platform/cluster-range-vlans';
import { onlyofficeJwtProblems } from './onlyoffice-jwt';
import { hedgedocServerUrlProblems } from './hedgedoc-server-url';
import { zitadelExternalProblems } from './zitadel-external';
import { minifluxStartProblems } from './miniflux-start';
import { excalidrawBuildEnvProblems } from './excalidraw-build-env';
import { outlineDatabaseTlsProblems } from './outline-database-tls';
import { type ClusterAppImage, immichVectorDatabaseProblems } from './immich-vector-database';
import { librephotosProxyProblems, type NamespaceService } from './librephotos-proxy';
import { photoprismDatabaseDriverProblems } from './photoprism-database-driver';
import { issuerProblems } from '../validation/oidc-issuer';
import { urlBaseProblems } from './url-base';
import { leaveReverseProxyStep } from './reverse-proxy-step';
import { leaveSabnzbdHostStep } from './sabnzbd-host-step';
import { leaveSonarQubeHostStep } from './sonarqube-host-step';
import { scheduledToolProblems } from './scheduled-tools';
import { tenantGroups } from '../platform/tenant-namespaces';
import { forwardingSysctlProblems } from './forwarding-sysctls';
import { headscaleCommandProblems } from './headscale-command';
import { ustreamerListenProblems } from './ustreamer-listen';
import { klippySocketProblems } from './klippy-socket';
import { cloudflareDdnsProblems } from './cloudflare-ddns';
import { navidromeScanScheduleProblems } from './navidrome-scan-schedule';
import { downloaderEgressProblems } from './downloader-egress';
import { modelDownloadEgressProblems } from './model-download-egress';
import { tubeArchivistChownNotes } from './tubearchivist-env';
import { navidromeMusicFolderProblems } from './navidrome-music-folder';
import { postfixRelayProblems } from './postfix-relay-warnings';
import { teslaMateEnvProblems } from './teslamate-env';
import { wingsFolderProblems } from './pterodactyl-wings';
import { calibreWebLibraryProblems } from './calibre-web-library';
import { DOCKER_MODS, dockerModArchProblem } from './docker-mods';
import { mailServerProblems } from './mail-server-settings';
import { wgEasyPlainUiProblems, wgEasyProblems } from './wg-easy-settings';
import { loadBalancerUdpFirstProblems, UDP_FIRST_PORTS } from './udp-first-ports';
import { tailscaleStateProblems } from './tailscale-state';
import { tailscaleKernelModeProblems } from './tailscale-kernel-mode';
import { smartctlDeviceProblems } from './smartctl-devices';
import { dongleOpened, dongleText, isUsbDeviceTree, sdrDongleProblems } from './sdr-receivers';
import { usbTreeDeviceOf } from './usb-tree-devices';
import { beastHostProblems } from './beast-host';
import { packetCaptureProblems } from './packet-capture';
import { scrutinyCollectorEndpointProblems } from './scrutiny-collector';
import { hostListProbeProblems } from './host-lists';
import { guacamoleProbeProblems } from './guacamole-context';
import { vaultHealthProbeProblems } from './vault-health-probes';
import { vaultwardenDomainProblems, vaultwardenWebsocketProblems } from './vaultwarden-settings';
import { rustdeskPortProblems } from './rustdesk-ports';
import { APP_NAME_LABEL, appNetworkPolicy, onePeerProblems, peerProblems, policyPort, relayEgressProblems, udpOnlyEgressNotes, udpOnlyUse, unreachableEgressNotes } from './network';
import { renderPlacement, reportDistributionTaintedPlacement, reportUnmetPlacement, tolerationsOf } from './placement';
import type { AppPeer, AppPort, AppProps, LoadBalancerProps } from './props';
import { plainJson, quantity, renderedBodyJson, setPresent, sortedJson } from './plain';
import { parseSize } from './quantities';
import {
  APP_PROP_RULES, APP_PROPS_SHAPE, AUTOSCALING_SHAPE, CONTAINER_RULES, CONTAINER_SHAPE, LOAD_BALANCER_SHAPE, PORT_SHAPE, ROUTE_HOST_REQUIRED, ROUTE_SHAPE, VOLUME_MOUNT_SHAPE,
  VOLUME_SHAPE,
} from '../validation/app-props-shape';
import { checkProps, propProblems, PropProblem, PropRules, PropShape, rejectPropProblems } from '../validation/known-props';
import { committedValueProblems } from './committed-values';
import { labSecretReference } from '../secrets/lab-secret-reference';
import { mountCallProblem } from './mount-calls';
import { callMountPathProblems, containerMountsProblems, mountPathProblems, normalMountPath } from './mount-paths';
import { persistenceNameProblems, volumeNameProblems } from './volume-names';
import { containerNameProblems, initContainerProblems, initPortProblem, sameNameProblem } from './container-names';
import { labelMapProblems } from '../validation/label-map';
import { KNATIVE_CLUSTER_LOCAL_PORT } from '../platform/knative-local-port';
import { sysctlPropProblems } from '../validation/sysctl-rules';
import { taggedProblems } from '../validation/tagged-props';
import { InputError, PropsRejected } from '../validation/input-error';
import { markFinished } from '../validation/finished';
import { RenderedObject } from './rendered-object';
import { noteWrittenPodProps } from './written-pod-props';
import { AppAutoscaling, autoscalerPropFields, autoscalingProblems, EXTERNAL_AUTOSCALING_ANNOTATION, horizontalAutoscalerSpec, isExternalAutoscaling, mostReplicas, mostReplicasField } from './autoscaling';
import { releaseObjectsWhenCollected } from '../synth/released-objects';
import { withoutServiceLinks } from './service-link-images';
import { resourcesProblems } from './resources';
import { checkServiceProps, servicePropNamer, serviceEnvProblems, serviceRouteBodySize, serviceVersionProp, serviceVolumeProps, serviceWrittenProp, withServiceMark } from './service-props';
import { routeBodyLimit } from '../platform/body-size';
import { declaredPorts, portProblems } from './port-names';
import { hostsRoutedByOthers, portsRoutedByOthers, recordRouteBackends } from './route-backends';
import { traefikDockerLabelProblems } from '../validation/traefik-labels';
import { routePortTextForm } from '../validation/route-port-names';
import { NEXTCLOUD_IMAGE, runsCollabora, wopiHostProblems } from './wopi-hosts';
import { matrixDelegationProblem } from './matrix-delegation';
import { addressJudgeOf, nonHttpPortRouteProblem, nonHttpProtocolOf, PALWORLD_REST_API } from '../validation/non-http-ports';
import { palworldRestApiPort } from './palworld-server';
import type { AddressJudge, NonHttpProtocol } from '../validation/non-http-ports';
import { claimRoutePaths, intentPaths } from '../platform/route-claims';
import { clientsOf, isLinkedApp, type LinkedApp, recordAppLink, serversOf, withLinkedApps } from './app-links';
import { closestName } from '../validation/closest-name';
import { DNS1123_LABEL, nameProblem } from '../validation/dns-names';
import { claimTcpListener, tcpRoutePortProblem } from './tcp-listeners';
import { probeSwitchProblems } from './probes';
import { noteNamedNamespace } from '../validation/named-namespaces';
import { noteNodePorts } from '../validation/node-port-use';
import { noteLoadBalancerAddresses } from '../validation/addresses';
import { noteSubPathProp, SubPathProp } from '../secrets/secret-keys';
import { noteTokenlessPods } from '../validation/app-token-patches';
import { notePlacedPods } from '../validation/placement-patches';
import { routeIntentProblems } from './route-props';
import { inNodePortRange } from '../services/node-ports';
import {
  containerExemptionsOf, EXEMPTION_ANNOTATION_KEYS, EXEMPTION_ANNOTATION_PREFIX, podExemptionAnnotations, podSecurityLevelOf, runAsRootProblems, SecurityExemptions, wideningReasons,
} from './security';
import { AppVolume, dockerHostPath, isSingleWriter, PersistenceProps, persistenceHabitProblems, volumeSourceProblems } from './volumes';
import { unusedExemptions } from './unused-exemptions';
import { MissingProbes, missingProbesReason } from './probe-exemption';
import { RootStartedContainer, rootStartNote } from './root-started-images';
import { stateDirProblems } from './image-state-dirs';
import { soleWriterOf } from './sole-writers';
import type { SoleWriter } from './sole-writers';
import { programMemoryProblems } from './program-memory';
import { minecraftProbeProblems, offlineServerPort, serverStopSeconds, stopGracePeriod } from './minecraft-server';
import { dualProtocolUse } from './dual-protocol-ports';
import { cronZoneProblems, fixedOffsetZoneProblems } from './time-zone-env';
import { containerStartProblems } from './container-start';
import { nodeAgentControllerProblems } from './node-agents';
import { videobridgeAddressProblems } from './jitsi-videobridge';
import { netbootTftpProblems } from './netboot-tftp';
import { chronyClockProblems } from './chrony-clock';
import { turnExternalAddressNotes } from './turn-external-address';
import { woodpeckerAgentProblems, woodpeckerStepNamespaceProblem } from './woodpecker-agent';
import { dockerProviderProblems } from './docker-provider-images';
import { traefikDockerProviderProblems } from './traefik-docker-provider';
import { codeServerAuthProblems } from './code-server-auth';
import { FRIGATE_LOGIN_PORT, frigateOpenPortProblem, hasFrigateLoginPort } from './frigate-open-port';
import { noteFrigatePlainRoute } from '../validation/frigate-tls-routes';
import { plainHttpToTlsPort, tlsOnlyPort, tlsTurnedOffHint } from './tls-only-ports';
import { inPropTerms, propInTermsOf, withPropTerms } from './prop-problem-terms';
import { listenPortProblems, loopbackListenProblems, sshListenPortProblems } from './image-listen-ports';
import { mountedConfigMapFiles } from './mounted-config-files';
import type { MountedConfigFile } from './mounted-config-files';
import { litestreamConfigs } from './litestream-command';
import { litestreamDatabaseProblems } from './litestream-databases';
import { litestreamEgressProblems } from './litestream-egress';
import { smokepingIcmpProblems } from './smokeping-icmp';
import type { PropContainerMounts } from './prop-containers';
import { apiObjectsOf } from '../platform/triggers';
import { piholeListeningProblems } from './pihole-listening';
import { piholeUpstreamProblems } from './pihole-upstreams';
import { sharedMemoryProblems } from './image-shared-memory';
import { addedPropContainer, propContainers, runningPropContainers } from './prop-containers';
import { objectStoreRouteBodySize } from './object-store-images';
import { renderServiceAccount, serviceAccountProblems, serviceAccountTokenAnnotation } from './service-account';
import { serviceAccountBreadthNotes } from './service-account-breadth';
import { addedCapabilityProblems } from '../validation/capabilities';
import { warnCredentialOverPlainHttp } from '../platform/plain-http-credentials';
import { reportSelfRedirects } from '../platform/self-redirects';
import { hostNetworkImageFinding } from './host-network-images';

export { APP_NAME_LABEL };

/** The number a port has on the app's Services. */
export function servicePortOf(port: AppPort | undefined): number | undefined {
  return port ? port.servicePort ?? port.port : undefined;
}

/** A plain TCP port the cluster's ingress forwards to the app. */
export interface AppTcpRoute {
  /**
   * Ingress listener (Gateway listener, Traefik entry point), e.g. `ssh`: under Traefik one of its
   * `tcpEntryPoints`. Plain TCP carries no host name, so a listener forwards to one TCP route of the cluster.
   */
  readonly listenerName: string;
  /** Port clients connect to on the ingress address, and the app's Service port it reaches. */
  readonly port: number;
}

/** The sysctl below whose value only root may bind a port (1024 unless set). */
const UNPRIVILEGED_PORT_START = 'net.ipv4.ip_unprivileged_port_start';

/**
 * UDP ports whose clients send to a broadcast or multicast address (a DHCP request, SSDP and mDNS queries,
 * UniFi's and Omada's device discovery, Syncthing's local discovery, Plex's GDM discovery, which the images' compose
 * files publish beside their unicast ports), by number, with what they carry. Omada's app discovery (UDP 27001) is
 * left out: Steam's game servers use that number for their clients' unicast traffic.
 */
const BROADCAST_UDP_PORTS: Readonly<Record<number, string>> = {
  67: 'DHCP, whose clients ask for a lease', 1900: 'SSDP discovery', 5353: 'mDNS discovery', 10001: "UniFi's device discovery",
  29810: "Omada's device discovery", 21027: "Syncthing's local discovery", 32410: "Plex's GDM discovery", 32412: "Plex's GDM discovery", 32413: "Plex's GDM discovery", 32414: "Plex's GDM discovery",
};

/**
 * Whether a port of mDNS' number is a DNS server's own, asked by unicast: a DNS server that may not bind 53
 * (AdGuard Home, Blocky, CoreDNS run without root) often listens on 5353, with a port named for DNS.
 */
function unicastDnsPort(port: { readonly name: string; readonly port: number }): boolean {
  return port.port === 5353 && /(^|[-_])dns([-_]|$)/i.test(port.name);
}

/** Construct ids of the controller objects (the Deployment keeps its historic id). */
const CONTROLLER_IDS: Record<AppController['kind'], string> = {
  Deployment: 'deployment', StatefulSet: 'statefulset', DaemonSet: 'daemonset', Job: 'job', CronJob: 'cronjob', KnativeService: 'knative-service',
};

/**
 * Rejects the argument of one of an app's methods (`addPort`) that does not fit `shape`, for callers the
 * type checker does not see, as props of the constructor would be: each problem is reported under the
 * method's name (`addPort.port`).
 */
function rejectArgument(app: HomelabApp, method: string, value: unknown, shape: PropShape, rules: PropRules = {}, restate: (problem: PropProblem) => PropProblem = (problem) => problem): void {
  const problems = value === undefined || value === null
    ? [{ field: method, message: `${method} was given ${describeValue(value)}`, hint: `pass ${method} what it adds` }]
    : propProblems(method, value, shape, rules);
  rejectPropProblems(app, method, problems.map((problem) =>
    restate({ ...problem, field: problem.field === method || problem.field === 'props' ? method : `${method}.${problem.field}` })));
}

/**
 * `addLoadBalancer` given the address alone, an address of a pool or its text, where it takes the load
 * balancer's props: one problem whose hint puts the address in them. Pure.
 */
function addressAloneProblems(props: unknown): PropProblem[] {
  const address = props instanceof PoolAddress ? `site.pools.${props.pool.name}.at('${props.address}')`
    : typeof props === 'string' ? `site.pools.<pool>.at('${props}')` : undefined;
  return address === undefined ? [] : [{
    field: 'addLoadBalancer', message: `addLoadBalancer was given ${props instanceof PoolAddress ? `the address ${props.address}` : describeValue(props)} alone, where it takes the load balancer's props`,
    hint: `give the address in them: addLoadBalancer({ address: ${address} })`,
  }];
}

/** An app's `addTcpRoute` argument. */
const TCP_ROUTE_SHAPE = { listenerName: 'string', port: 'integer' } as const satisfies Record<keyof AppTcpRoute, PropShape>;

/**
 * A floating image or a secret written out in `env`, on the prop of the App or of its containers that
 * holds it. The App's `floatingImage` exemption lets every image of its pod float, as its annotation does; a
 * secret's hint writes its reference as `secretReference` does, the lab's own way.
 */
function appCommittedValueProblems(props: AppProps, secretReference: (variable: string) => string): PropProblem[] {
  const mayFloat = props.exemptions?.floatingImage !== undefined;
  return [
    ...committedValueProblems(props, '', mayFloat, secretReference),
    ...(['containers', 'initContainers', 'sidecars'] as const).flatMap((kind) => (Array.isArray(props[kind]) ? props[kind]! : [])
      .flatMap((c, i) => committedValueProblems(c, `${kind}[${i}].`, mayFloat, secretReference))),
  ];
}

/** The options of an app's `mount`. */
const MOUNT_OPTIONS_SHAPE = { container: 'string', subPath: 'string', readOnly: 'boolean' } as const;

/** A duration as Prometheus and its operator take it: whole numbers with units, largest first. */
const PROMETHEUS_DURATION = /^(0|([0-9]+y)?([0-9]+w)?([0-9]+d)?([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?)$/;

/**
 * A general home-lab workload under one controller (Deployment, StatefulSet, DaemonSet, Job, CronJob or
 * Knative Service), with secure defaults, several containers, its Services, claims, routes, network
 * policy and reliability objects. The cluster it is added to decides how intent (route, tier, GPU,
 * CNI) renders.
 *
 * Everything may still change after the constructor (`addContainer`, `addEnv`, `addVolume`, `mount`,
 * `addRoute`, `addPort`); objects are rendered when the cluster is prepared for synthesis, as plain JSON.
 */
export class HomelabApp extends Construct {
  /** Object name of the app (controller, Service, route). */
  public readonly name: string;
  /** Namespace of all the app's objects. */
  public readonly namespace: string;
  /** The cluster the app runs in. */
  public readonly cluster: ClusterChart;
  /** Labels on every object of the app. */
  public readonly labels: Record<string, string>;
  /** The workload controller. */
  public readonly controller: AppController;
  /** The controller object (Deployment, StatefulSet, DaemonSet, Job, CronJob or Knative Service). */
  public readonly workload: ApiObject;
  /** The main container, named like the app. */
  public readonly container: AppContainer;
  private readonly props: AppProps;
  /** The autoscaler that sets the replica count, and the prop or call that gave it (`autoscaling`, `addAutoscaling`). */
  private autoscaling?: { readonly spec: AppAutoscaling; readonly field: string };
  /** The architectures the main container's image is published for, where it was given as `pinnedImage(ref, platforms)`. */
  private readonly imagePlatforms?: readonly Arch[];
  /** The RTL-SDR dongle the app's receiver opens and the one host it runs on, for the receivers declared after it. */
  private dongle?: { readonly name: string; readonly host: string };
  private readonly mainContainers: AppContainer[];
  private readonly initContainerList: AppContainer[] = [];
  private readonly volumeSources = new Map<string, AppVolume>();
  /** The prop of a service construct that gave a volume, by volume name (see `ServicePropsCheck.volumeProps`). */
  private readonly volumeProps: ReadonlyMap<string, string>;
  /** The service prop the `gpu` was built from (Jellyfin's `hardwareTranscoding`), for findings. */
  private gpuProp?: string;
  /** The service construct's prop that takes the GPU's render group, where its GPU prop has none (see `gpuGivenAs`). */
  private gpuGroupsProp?: string;
  /** Whether that prop also gave the placement's `gpu` (Jellyfin's `/dev/dri`, which asks for a GPU host but no device). */
  private gpuPlacementFromProp = false;
  /** Routes, each with the field findings name it by: `route`, or the `addRoute(<host>)` call that added it. */
  private readonly routeIntents: Array<{ readonly intent: RouteIntent; readonly field: string }> = [];
  /** Load balancers, each with the field findings about its ports name: `loadBalancer`, or the `addLoadBalancer` call. */
  private readonly loadBalancers: Array<{ readonly lb: LoadBalancerProps; readonly field: string }> = [];
  /** TCP routes, each with the `addTcpRoute(<listener>)` call findings name it by. */
  private readonly tcpRoutes: Array<{ readonly route: AppTcpRoute; readonly field: string }> = [];
  private readonly allowFrom: AppPeer[];
  /**
   * Mounts of `persistence` volumes, attached when rendering: the containers they name may be added later.
   * `field` is where the container was named, for a finding when there is none of that name.
   */
  private readonly pendingMounts: Array<{ container: string; mount: ContainerMountProps; field: string }> = [];
  /** Volumes a mount was meant for that named no container of the app: that error says why nothing mounts them. */
  private readonly volumesMountedIntoNoContainer = new Set<string>();
  /** The props that wrote a mount's sub-path: one of a Secret volume names a key, reported there when the Secret lacks it. */
  private readonly subPathFields: SubPathProp[] = [];
  private serviceObject?: ApiObject;
  private renderedBody?: Record<string, unknown>;
  /** Whether `renderedBody` is plain JSON yet (it is once rendering finished). */
  private bodyIsPlain = false;
  /** The ports as rendered: fixed once rendering starts, read by every object that names them. */
  private renderedPorts?: readonly AppPort[];
  private rendering = false;
  /** Whether the GPUs the app may run on hold no pod beyond its replicas, so that a surged pod would wait for good. */
  private rolloutWaitsForGpu = false;
  /** Whether a route to an HTTPS port without the `unverifiedBackendTls` exemption has been reported. */
  private unverifiedTlsReported = false;
  /** The ports a route to which, in plain HTTP where the image answers only TLS, was reported. */
  private readonly plainHttpToTlsReported = new Set<string>();

  constructor(scope: Construct, id: string, given: AppProps) {
    super(scope, id);
    // A pinned image is its reference to every check, and its architectures to the one of the hosts it may run on.
    const pinned = pinnedImageGiven(given?.image);
    const props: AppProps & { readonly image: string } = pinned === undefined || Object.getPrototypeOf(given) !== Object.prototype
      ? given as AppProps & { readonly image: string } : withPropTerms(given, withServiceMark(given, { ...given, image: pinned.ref }));
    this.imagePlatforms = pinned?.platforms;
    checkServiceProps(this, props);
    this.volumeProps = new Map(Object.entries(serviceVolumeProps(props)));
    if (!checkProps(this, 'App', props, APP_PROPS_SHAPE, APP_PROP_RULES)) {
      throw new PropsRejected('the app'); // reported above; building on would only add errors that repeat it
    }
    const badName = appNameProblem(id, props);
    if (badName !== undefined) {
      // Every object of the app carries the id; reported once here rather than once per object.
      const meant = appNameMeant(id, props);
      reportFinding(this, {
        layer: 'props', severity: 'error', field: 'id', message: badName,
        hint: `give the app an id of lower-case letters, digits and '-', starting with a letter, at most ${appNameMaxLength(props)} characters`
          + `${meant === undefined ? '' : `, e.g. '${meant}'`}`,
      });
      throw new PropsRejected('the app');
    }
    // Found without throwing: an app outside every cluster is reported on its scope below.
    const ownCluster = this.node.scopes.find((scope) => scope instanceof ClusterChart);
    // The props' containers, with the paths each mounts (worked out when first read), for every check below.
    const entries = propContainers(props, id);
    const listenPorts = [...listenPortProblems(props, id, entries), ...sshListenPortProblems(props, id, entries), ...loopbackListenProblems(props, id, entries)];
    // Told in the terms of the props the App was built from, where another construct built it.
    rejectPropProblems(this, 'app', inPropTerms(props, [
      ...appNamespaceProblems(props.namespace, id),
      ...controllerProblems(props.controller),
      ...autoscalingProblems(props.autoscaling, 'autoscaling', props.replicas),
      ...(Array.isArray(props.devices) ? props.devices.flatMap((device, i) => {
        const written = [...inventoryDeviceProblems(device, `devices[${i}]`), ...composeDeviceProblems(device, `devices[${i}]`)];
        const shapeProblems = written.length > 0 ? written : taggedProblems(device, `devices[${i}]`, 'type', DEVICE_VARIANTS);
        return shapeProblems.length > 0 ? shapeProblems : [...deviceCountProblems(device, `devices[${i}]`), ...deviceResourceProblems(device, `devices[${i}]`), ...devicePathProblems(device, `devices[${i}]`), ...deviceTypeProblems(device, `devices[${i}]`), ...deviceContainersProblems(device, `devices[${i}]`)];
      }) : []),
      ...(Array.isArray(props.devices) ? repeatedDeviceProblems(props.devices) : []),
      ...peerProblems(props.allowFrom, 'allowFrom', false, ownCluster),
      ...(props.egress === 'any' ? [] : peerProblems(props.egress, 'egress', true, ownCluster)),
      ...probeSwitchProblems(props.probes, 'probes'),
      ...runAsRootProblems(props, '', true),
      ...containerStartProblems(props, id, entries),
      ...programMemoryProblems(props, id),
      ...minecraftProbeProblems(props),
      ...scheduledToolProblems(props),
      ...listenPorts.filter((p) => p.severity === 'error'),
      ...stateDirProblems(props, id),
      ...addedCapabilityProblems(props.exemptions, ''),
      ...gpuPlacementProblems(props.gpu, props.placement),
      ...gpuDeviceProblems(props.gpu, props.devices),
      ...gpuEnvProblems(props.gpu, props.env, 'env'),
      ...vllmArgProblems(props),
      ...piholeUpstreamProblems(props, id),
      ...(['containers', 'sidecars'] as const).flatMap((kind) => (Array.isArray(props[kind]) ? props[kind]! : [])
        .flatMap((c, i) => probeSwitchProblems(c?.probes, `${kind}[${i}].probes`))),
      ...(['containers', 'initContainers', 'sidecars'] as const).flatMap((kind) => (Array.isArray(props[kind]) ? props[kind]! : [])
        .flatMap((c, i) => [...runAsRootProblems(c, `${kind}[${i}].`), ...addedCapabilityProblems(c?.exemptions, `${kind}[${i}].`), ...resourcesProblems(c?.resources, `${kind}[${i}].resources`), ...envProblems(c?.name, c?.env, `${kind}[${i}].env`), ...containerMountsProblems(c?.mounts, `${kind}[${i}].`)])),
      ...envProblems(id, props.env, 'env'),
      ...resourcesProblems(props.resources, 'resources'),
      ...appCommittedValueProblems(props, (variable) => labSecretReference(ownCluster as ClusterChart | undefined, { namespace: typeof props.namespace === 'string' ? props.namespace : id, secret: id, variable })),
      ...mountPathProblems(props.persistence, id, serviceVolumeProps(props), (['containers', 'initContainers', 'sidecars'] as const)
        .flatMap((kind) => (Array.isArray(props[kind]) ? props[kind]! : []).map((c, i) => ({ name: String(c?.name), mounts: c?.mounts, prefix: `${kind}[${i}].` })))),
      ...portProblems([...declaredPorts(props.ports, 'ports'), ...(['containers', 'sidecars'] as const)
        .flatMap((kind) => (Array.isArray(props[kind]) ? props[kind]! : []).flatMap((c, i) => declaredPorts(c?.ports, `${kind}[${i}].ports`)))]),
      ...(props.route ? routeIntentProblems(props.route, 'route') : []),
      ...labelMapProblems(props.labels, 'labels'),
      ...sysctlPropProblems(props.sysctls, props.exemptions?.hostNetwork !== undefined, 'sysctls'),
      ...serviceAccountProblems(props.serviceAccount),
      ...woodpeckerAgentProblems(props, props.namespace ?? id),
      ...dockerProviderProblems(props),
      ...traefikDockerProviderProblems(props),
      ...codeServerAuthProblems(props),
      ...persistenceHabitProblems(props.persistence),
      ...persistenceNameProblems(props.persistence),
      ...containerNameProblems(id, props),
      ...(Array.isArray(props.initContainers) ? props.initContainers : []).flatMap((c, i) => initContainerProblems(c, `initContainers[${i}].`)),
    ]));
    this.cluster = ClusterChart.of(this);
    // The props as given now: a loop that hands one object to several apps and changes it between them
    // (base.replicas = 3 for the next app) would otherwise change the apps made before, whose props are
    // read again as they render. An object of a class keeps its getters, which a copy would lose.
    this.props = Object.getPrototypeOf(props) === Object.prototype ? withPropTerms(props, withServiceMark(props, { ...props })) : props;
    this.name = id;
    this.namespace = props.namespace ?? id;
    this.autoscaling = props.autoscaling === undefined ? undefined : { spec: props.autoscaling, field: 'autoscaling' };
    const nameLabel = props.labels?.[APP_NAME_LABEL];
    if (nameLabel !== undefined && nameLabel !== this.name) {
      // The label is what the app's Service, NetworkPolicy and workload select its pods by.
      reportFinding(this, {
        layer: 'props', severity: 'error', field: `labels.${APP_NAME_LABEL}`,
        message: `the label ${APP_NAME_LABEL} names the app and selects its pods; it is "${this.name}", the app's id, not "${nameLabel}"`,
        hint: `drop it from labels, or give the app the id "${nameLabel}"`,
      });
    }
    // A port a configuration file may set is judged once the cluster is built, with the ConfigMaps the app mounts.
    const portWarnings = listenPorts.some((p) => p.severity === 'warning') && ownCluster !== undefined ? [] : listenPorts;
    const warnings = [
      ...traefikDockerLabelProblems(props.labels, 'labels'), ...portWarnings, ...cronZoneProblems(props), ...fixedOffsetZoneProblems(props, id), ...sharedMemoryProblems(props, id), ...piholeListeningProblems(props, id),
      ...entries.flatMap(navidromeMusicFolderProblems), ...calibreWebLibraryProblems(props), ...smokepingIcmpProblems(props),
      ...wingsFolderProblems(props, id), ...entries.flatMap((entry, _i, all) => minifluxStartProblems(entry, all)),
      ...entries.flatMap(excalidrawBuildEnvProblems), ...teslaMateEnvProblems(entries), ...postfixRelayProblems(props),
      ...nodeAgentControllerProblems(props, ownCluster?.hosts.length ?? 0),
    ].filter((p) => p.severity === 'warning');
    // Told in the terms of the props the App was built from, as its errors are.
    for (const note of inPropTerms(props, warnings.map(({ severity: _severity, ...note }) => note))) {
      reportFinding(this, { layer: 'props', severity: 'warning', ...note });
    }
    if (portWarnings !== listenPorts) {
      (ownCluster as ClusterChart).onPrepare(() => this.reportConfiguredListenPorts(props, id));
    }
    ownCluster?.onPrepare(() => this.reportLitestreamDatabases(props, id));
    // Judged once every app has rendered, when the namespaces' levels are final.
    ownCluster?.onPlatformPrepare(() => {
      const steps = woodpeckerStepNamespaceProblem(props, props.namespace ?? id, (namespace) => ownCluster.namespaces.names.includes(namespace) ? ownCluster.namespaces.levelOf(namespace).level : undefined);
      if (steps !== undefined) {
        reportFinding(this, { layer: 'policy', severity: 'error', ...steps });
      }
    });
    this.labels = { ...props.labels, [APP_NAME_LABEL]: this.name };
    this.controller = props.controller ?? AppController.deployment({ strategy: props.strategy });
    this.allowFrom = [...(props.allowFrom ?? [])];
    notePeerNamespaces(this, props.allowFrom ?? [], (i) => `allowFrom[${i}].namespace`);
    notePeerNamespaces(this, props.egress === 'any' ? [] : props.egress ?? [], (i) => `egress[${i}].namespace`);
    this.checkDeviceEnv(props);
    const containers = runningPropContainers(props, this.name);
    const hostDevices = (Array.isArray(props.devices) ? props.devices : []).filter((d) => d?.type === 'hostDevice');
    const containersOf = (d: typeof hostDevices[number]) => (Array.isArray(d.containers) ? d.containers : [this.name]);
    const tunContainers = hostDevices.flatMap((d) => (d.path === TUN_DEVICE ? containersOf(d) : []));
    const deviceContainers = hostDevices.filter((d) => d.path !== TUN_DEVICE).flatMap(containersOf);
    // A device plugin's resource (generic-device-plugin's, for a dongle) goes to the main container.
    const usbContainers = [
      ...hostDevices.filter((d) => typeof d.path === 'string' && isUsbDeviceTree(d.path)).flatMap(containersOf),
      ...((Array.isArray(props.devices) ? props.devices : []).some((d) => d?.type === 'plugin') ? [this.name] : []),
    ];
    for (const problem of [
      ...forwardingSysctlProblems(containers, props.sysctls, props.exemptions?.hostNetwork !== undefined),
      ...tailscaleStateProblems(containers, props.serviceAccount),
      ...tailscaleKernelModeProblems(containers, tunContainers, props.exemptions?.privileged !== undefined),
      ...smartctlDeviceProblems(containers, deviceContainers, props.exemptions?.privileged !== undefined),
      ...sdrDongleProblems(props, this.name, usbContainers, props.exemptions?.privileged !== undefined),
      ...packetCaptureProblems(props, this.name),
      ...scrutinyCollectorEndpointProblems(props, this.name),
      ...wgEasyProblems(containers),
      ...wgEasyPlainUiProblems(props),
      ...mailServerProblems(props, this.name),
      ...headscaleCommandProblems(props),
      ...cloudflareDdnsProblems(props),
      ...navidromeScanScheduleProblems(props),
      ...videobridgeAddressProblems(props, this.name, this.cluster.hosts.flatMap((h) => (h.publicAddress === undefined ? [] : [h.publicAddress]))),
      ...netbootTftpProblems(props, this.name),
      ...chronyClockProblems(props, this.name),
      ...ustreamerListenProblems(props, this.name),
      ...klippySocketProblems(props, this.name, entries),
      ...entries.flatMap(beastHostProblems),
    ]) {
      reportFinding(this, { layer: 'props', severity: 'error', ...problem });
    }
    for (const note of unreachableEgressNotes(props.egress, 'egress', props.exemptions?.hostNetwork !== undefined)) {
      reportFinding(this, { layer: 'props', ...note });
    }
    for (const note of [...udpOnlyEgressNotes(props.egress, 'egress'), ...tubeArchivistChownNotes(props), ...modelDownloadEgressProblems(props)]) {
      reportFinding(this, { layer: 'props', severity: 'warning', ...note });
    }
    for (const problem of [...relayEgressProblems(props.image, props.egress, props.exemptions?.hostNetwork !== undefined, 'egress'), ...downloaderEgressProblems(props)]) {
      reportFinding(this, { layer: 'props', severity: 'error', ...problem });
    }
    for (const note of serviceAccountBreadthNotes(props.serviceAccount)) {
      reportFinding(this, { layer: 'policy', severity: 'warning', ...note });
    }
    this.noteRootStart(props, '');
    this.allowFrom.filter(isLinkedApp).forEach((client) => recordAppLink(this.cluster, client, this));
    (props.egress === 'any' ? [] : props.egress ?? []).filter(isLinkedApp).forEach((server) => recordAppLink(this.cluster, this, server));
    this.cluster.namespaces.ensure(this.namespace);
    // Its own policy (or its stated exemption) governs its pods: a policy over the rest of the namespace leaves them out.
    stateAppPods(this.cluster.namespaces, this.namespace, this.name);

    this.container = new AppContainer({
      name: this.name, image: props.image, imagePullPolicy: props.imagePullPolicy, command: props.command, args: props.args, ports: props.ports, env: props.env,
      probes: props.probes, resources: props.resources, exemptions: containerExemptionsOf(props.exemptions ?? {}),
    }, 'main', '', this.mainContainerOwner);
    this.mainContainers = [this.container];
    for (const [volumeName, persistence] of Object.entries(props.persistence ?? {})) {
      this.addPersistence(volumeName, persistence);
    }
    props.containers?.forEach((c) => this.addContainer(c));
    props.initContainers?.forEach((c) => this.addInitContainer(c));
    props.sidecars?.forEach((c) => this.addSidecar(c));

    const type = controllerType(this.controller);
    this.workload = new RenderedObject(this, CONTROLLER_IDS[this.controller.kind], {
      apiVersion: type.apiVersion, kind: type.kind,
      metadata: { name: this.name, namespace: this.namespace, labels: this.labels },
    }, () => this.body(), true);
    if (props.serviceAccount === undefined) {
      noteTokenlessPods(this.workload);
    }
    const restart = configRestart(this.controller, props.restartOnConfigChange);
    if (restart !== undefined && 'problem' in restart) {
      reportFinding(this, { layer: 'props', severity: 'warning', field: 'restartOnConfigChange', ...restart.problem });
    } else if (restart !== undefined) {
      this.cluster.platform.require(reloaderComponent());
      for (const [key, value] of Object.entries(restart.annotations)) {
        this.workload.metadata.addAnnotation(key, value);
      }
    }
    // A GPU's placement is held by the check of its device resource.
    const placed = props.gpu === undefined ? this.placement() : undefined;
    if (placed?.constrained && placed.candidates.length > 0) {
      notePlacedPods(this.workload, placed.candidates.map((h) => h.nodeName));
    }
    for (const note of turnExternalAddressNotes(props, this.hostNetworkHosts())) {
      reportFinding(this, { layer: 'props', severity: 'warning', ...note });
    }
    if (this.ports.length > 0) {
      this.ensureService();
    }
    if (props.route) {
      this.declareRoute(props.route, 'route');
    }
    if (props.loadBalancer) {
      this.addLoadBalancerFor(props.loadBalancer, 'loadBalancer');
    }
    this.cluster.onPrepare(() => this.render());
    releaseObjectsWhenCollected(this);
    // A subclass goes on building after this; it is complete only when its own constructor returns.
    if (new.target === HomelabApp) {
      markFinished(this);
    }
  }

  /** The controller object; kept for code written when every app was a Deployment. */
  public get deployment(): ApiObject {
    return this.workload;
  }

  /** The ClusterIP Service, when the app has ports (Knative makes its own). */
  public get service(): ApiObject | undefined {
    return this.serviceObject;
  }

  /** Ports of all main containers and sidecars, main container first. */
  public get ports(): readonly AppPort[] {
    return this.renderedPorts
      ?? [...this.mainContainers, ...this.initContainerList.filter((c) => c.role === 'sidecar')].flatMap((c) => c.ports);
  }

  /** Fully qualified host name of the app's first route, when it has one. */
  public get routeHostname(): string | undefined {
    return this.routeHostnames[0];
  }

  /** Fully qualified host names of every route. */
  public get routeHostnames(): string[] {
    return this.routeIntents.map(({ intent }) => this.cluster.hostname(intent.host));
  }

  /** The host names the app is reached at: its own routes' first, then those of other routes to its Service (a `ServiceRoute`'s). */
  private servedHostnames(): string[] {
    return [...new Set([...this.routeHostnames, ...hostsRoutedByOthers(this.cluster, this.namespace, this.name)])];
  }

  /**
   * The host names a URL the app is given is held to: none while a route's own host is no usable name, as the
   * route's finding says so, and a URL naming the host it meant (`https://vault.example.com` for a route written
   * that way) would otherwise be told to name the mistake.
   */
  private urlCheckedHostnames(): string[] {
    return this.routeIntents.every(({ intent }) => this.hostnameProblem(intent).usable !== undefined) ? this.servedHostnames() : [];
  }

  /**
   * The host names the URL the app is told it is reached at may name: those it is reached at and, for an n8n main
   * process, those its webhook processors (n8n of its namespace run as `webhook`) are: in queue mode the production
   * webhooks its WEBHOOK_URL names are served by them, which may have a host of their own.
   */
  private publicUrlHostnames(): string[] {
    const isN8n = (props: AppProps) => typeof props.image === 'string' && N8N_IMAGE.test(props.image);
    if (!isN8n(this.props) || n8nProcess(this.props) !== 'main') {
      return this.urlCheckedHostnames();
    }
    const webhooks = this.cluster.node.findAll()
      .filter((c): c is HomelabApp => c instanceof HomelabApp && c !== this && c.namespace === this.namespace && isN8n(c.props) && n8nProcess(c.props) === 'webhook');
    return [...new Set([...this.urlCheckedHostnames(), ...webhooks.flatMap((webhook) => webhook.servedHostnames())])];
  }

  /** A container by name (the main one is named like the app), or undefined. */
  public containerNamed(name: string): AppContainer | undefined {
    return [...this.mainContainers, ...this.initContainerList].find((c) => c.name === name);
  }

  /** This app as a network peer of another app's policy. */
  public asNetworkPeer(): NetworkPeer {
    return { namespace: this.namespace, podLabels: { [APP_NAME_LABEL]: this.name } };
  }

  /** Adds a main container. */
  public addContainer(props: ContainerProps): AppContainer {
    const { container, added } = this.containerAddedBy('addContainer', 'main', 'containers', props);
    if (added) {
      this.mainContainers.push(container);
      this.afterPortChange();
    }
    return container;
  }

  /** Adds an init container, run to completion after those added before it. */
  public addInitContainer(props: ContainerProps): AppContainer {
    const { container, added } = this.containerAddedBy('addInitContainer', 'init', 'initContainers', props);
    if (added) {
      this.initContainerList.push(container);
    }
    return container;
  }

  /** Adds a native sidecar: an init container with `restartPolicy: Always`, kept running beside the app. */
  public addSidecar(props: ContainerProps): AppContainer {
    const { container, added } = this.containerAddedBy('addSidecar', 'sidecar', 'sidecars', props);
    if (added) {
      this.initContainerList.push(container);
      this.afterPortChange();
    }
    return container;
  }

  /** Sets an environment variable of the main container. */
  public addEnv(name: string, value: EnvValue): this {
    this.container.addEnv(name, value);
    return this;
  }

  /** Adds a port to the main container (and the Service). */
  public addPort(port: AppPort): this {
    this.container.addPort(port);
    return this;
  }

  /** Adds a volume to the pod; mount it with `mount` or by giving `mountPath` here (main container). */
  public addVolume(name: string, volume: AppVolume, mount?: { mountPath: string; subPath?: string; readOnly?: boolean }): this {
    if (this.changedTooLate(`addVolume(${name})`)) {
      return this;
    }
    rejectArgument(this, 'addVolume', { name, volume, ...(mount === undefined ? {} : { mount }) }, { name: 'string', volume: VOLUME_SHAPE, mount: VOLUME_MOUNT_SHAPE }, {
      required: [['name', 'name the volume'], ['volume', "give the volume, e.g. AppVolume.emptyDir()"], ['volume.type', 'make the volume with an AppVolume factory'], ['mount.mountPath', "give the path in the container, e.g. { mountPath: '/cache' }"]],
    });
    rejectPropProblems(this, 'addVolume', [
      ...volumeNameProblems(name, `addVolume(${name})`), ...callMountPathProblems(mount?.mountPath, mount?.subPath, `addVolume(${name})`),
      ...volumeSourceProblems(volume, `addVolume(${name}).volume`),
      ...(mount ? this.mountPathTaken(this.container.name, name, mount.mountPath, `addVolume(${name}).mountPath`) : []),
    ]);
    if (this.volumeSources.has(name)) {
      // A second source of one name would replace the first under every mount already made.
      reportFinding(this, {
        layer: 'props', severity: 'error', field: `addVolume(${name})`,
        message: `the app has a volume "${name}" already`,
        hint: `give the new volume another name, or mount the existing one again with mount('${name}', path)`,
      });
      return this;
    }
    this.volumeSources.set(name, this.takenVolume(name, volume));
    if (mount) {
      this.container.mount(name, mount.mountPath, mount);
      this.noteSubPath(this.container.name, name, mount.subPath, `addVolume(${name}).subPath`);
    }
    return this;
  }

  /** Mounts a volume of the app into a container (the main one unless `container` names another, which may be added later). */
  public mount(volume: string, mountPath: string, options: { container?: string; subPath?: string; readOnly?: boolean } = {}): this {
    if (this.changedTooLate(`mount(${volume})`)) {
      return this;
    }
    const asOne = mountCallProblem(volume, mountPath, 'mount');
    rejectPropProblems(this, 'mount', asOne ? [asOne] : []);
    rejectArgument(this, 'mount', { volume, mountPath, options }, { volume: 'string', mountPath: 'string', options: MOUNT_OPTIONS_SHAPE }, {
      required: [['volume', 'name the app volume to mount'], ['mountPath', "give the path in the container, e.g. '/data'"], ['options', 'leave the options out, or give them as { container, subPath, readOnly }']],
    });
    rejectPropProblems(this, 'mount', [
      ...callMountPathProblems(mountPath, options.subPath, `mount(${volume})`),
      ...this.mountPathTaken(options.container ?? this.container.name, volume, mountPath, `mount(${volume}).mountPath`),
    ]);
    this.noteSubPath(options.container ?? this.container.name, volume, options.subPath, `mount(${volume}).subPath`);
    if (options.container !== undefined && !this.containerNamed(options.container) && !this.rendering && !this.renderedBody) {
      // The container may be added later (addSidecar): the mount is attached when the app renders, as persistence's are.
      this.pendingMounts.push({ container: options.container, field: `mount(${volume})`, mount: { volume, mountPath, subPath: options.subPath, readOnly: options.readOnly } });
      return this;
    }
    return this.mountInto(volume, mountPath, options, `mount(${volume})`);
  }

  /**
   * A mount path given on a call (`field`, mounting `volume`) that the container `container` mounts already, through its props,
   * `persistence` or an earlier call: the second volume would hide the first. Reported on the call, the
   * later of the two, rather than on the rendered pod.
   */
  private mountPathTaken(container: string, volume: string, mountPath: unknown, field: string): PropProblem[] {
    if (typeof mountPath !== 'string' || !mountPath.startsWith('/')) {
      return []; // the path's own problem is reported
    }
    const normal = normalMountPath(mountPath);
    const made = this.containerNamed(container)?.mounts.find((m) => normalMountPath(m.mountPath) === normal);
    const pending = this.pendingMounts.find((p) => p.container === container && normalMountPath(p.mount.mountPath) === normal);
    const first = made ? { volume: made.volume, by: '' } : pending ? { volume: pending.mount.volume, by: ` (${pending.field})` } : undefined;
    return first === undefined ? [] : [{
      field, message: `container "${container}" mounts ${normal} already, through volume "${first.volume}"${first.by}; `
        + (first.volume === volume ? 'the API server refuses a path mounted twice' : 'the second volume would hide the first'),
      hint: 'mount each path once: give this mount another path, or mount directories of one volume at several paths with subPath',
    }];
  }

  /** Mounts a volume into the container `options.container` names; a finding about that name goes to `field`, where the user wrote it. */
  private mountInto(volume: string, mountPath: string, options: { container?: string; subPath?: string; readOnly?: boolean }, field: string): this {
    const container = options.container ? this.containerNamed(options.container) : this.container;
    if (!container) {
      this.volumesMountedIntoNoContainer.add(volume);
      reportFinding(this, {
        layer: 'references', severity: 'error', field,
        message: `the app has no container "${options.container}"`,
        hint: containerNameHint(options.container ?? '', [...this.mainContainers, ...this.initContainerList].map((c) => c.name)),
      });
      return this;
    }
    // Knative's webhook takes a Secret's or a ConfigMap's volume mounted read-only only, which the kubelet makes
    // it anyway: a mount that does not say so is read-only there, and one that says read-write is refused.
    const source = this.volumeSources.get(volume)?.type;
    const readOnlyOnly = this.controller.kind === 'KnativeService' && (source === 'secret' || source === 'configMap');
    if (readOnlyOnly && options.readOnly === false) {
      reportFinding(this, {
        layer: 'props', severity: 'error', field: `${field}.readOnly`,
        message: `a Knative Service mounts a ${source === 'secret' ? 'Secret' : 'ConfigMap'}'s volume read-only only, and volume "${volume}" is mounted with readOnly: false`,
        hint: 'leave readOnly out (the mount is read-only), or copy the files to an emptyDir in an init container where the app must write beside them',
      });
    }
    container.mount(volume, mountPath, { ...options, readOnly: readOnlyOnly || options.readOnly });
    return this;
  }

  /**
   * Exposes the app through the cluster's ingress: a route intent, or (as before) a host, path prefix and
   * port. An app may have several routes.
   */
  public addRoute(route: RouteIntent | string, path?: string, port?: number): this {
    const intent = typeof route === 'string' ? { host: route, path, port } : route;
    if (this.changedTooLate(`addRoute(${intent?.host})`)) {
      return this;
    }
    rejectArgument(this, 'addRoute', intent, ROUTE_SHAPE, {
      required: [['host', ROUTE_HOST_REQUIRED[1]]],
      foreignForms: [['', (written) => routePortTextForm(written, this.ports, 'addRoute', (text) => `addRoute(${text})`)]],
    });
    // Findings name the call, which the user wrote, rather than a prop the app was never given.
    const field = `addRoute(${intent.host})`;
    rejectPropProblems(this, 'addRoute', routeIntentProblems(intent, field));
    this.declareRoute(intent, field);
    return this;
  }

  /**
   * Takes a route the user declared under `field`: its host name and paths are claimed in the cluster when
   * declared, so a second route of the same host and path is the one reported, where it was written.
   * Knative serves its routes' hosts itself, through domain mappings.
   */
  private declareRoute(intent: RouteIntent, field: string): void {
    const hostname = this.hostnameProblem(intent).usable;
    if (this.controller.kind !== 'KnativeService' && hostname !== undefined
      && !claimRoutePaths(this, this.cluster, { hostname, paths: intentPaths(intent, field), hostField: `${field}.host`, route: field })) {
      return;
    }
    this.routeIntents.push({ intent, field });
    recordRouteBackends(this.cluster, this.namespace, this.name, intent);
  }

  /** Exposes ports on the app's one LoadBalancer Service (`<app>-lb`), addressed by the cluster's load-balancer flavor; a second call, or one beside the `loadBalancer` prop, is an error. */
  public addLoadBalancer(props: LoadBalancerProps): this {
    if (this.changedTooLate('addLoadBalancer')) {
      return this;
    }
    rejectPropProblems(this, 'addLoadBalancer', addressAloneProblems(props));
    rejectArgument(this, 'addLoadBalancer', props, LOAD_BALANCER_SHAPE);
    return this.addLoadBalancerFor(props, 'addLoadBalancer');
  }

  /**
   * Leaves the replica count to an autoscaler, as the `autoscaling` prop does (see `AppProps.autoscaling`); a second
   * call, one beside that prop, or one on an app of `replicas` is an error.
   */
  public addAutoscaling(autoscaling: AppAutoscaling): this {
    const field = 'addAutoscaling';
    if (this.changedTooLate(field)) {
      return this;
    }
    rejectArgument(this, field, autoscaling, AUTOSCALING_SHAPE);
    if (this.autoscaling !== undefined) {
      reportFinding(this, {
        layer: 'props', severity: 'error', field,
        message: `the app has an autoscaler already (${this.autoscaling.field}); one autoscaler sets its count`,
        hint: `give the bounds and targets once, in ${this.autoscaling.field}`,
      });
      return this;
    }
    rejectPropProblems(this, field, autoscalingProblems(autoscaling, field, this.props.replicas));
    this.autoscaling = { spec: autoscaling, field };
    return this;
  }

  /**
   * Adds a LoadBalancer Service that a prop of a service asked for; its findings name that prop (Forgejo's
   * `ssh.loadBalancer`), which the user wrote, rather than an `addLoadBalancer` call they never made.
   */
  protected addLoadBalancerFor(props: LoadBalancerProps, field: string): this {
    const earlier = this.loadBalancers[0];
    if (earlier !== undefined) {
      // Both would be the Service `<id>-lb`, the second refused as a repeated object with no word of the call.
      reportFinding(this, {
        layer: 'props', severity: 'error', field,
        message: `the app has a load balancer already (${earlier.field}); an app has one LoadBalancer Service, ${this.name}-lb`,
        hint: `expose every port it needs on that one: list them in ${earlier.field}'s ports${props.ports ? ` (${[...(earlier.lb.ports ?? []), ...props.ports].map((p) => `'${p}'`).join(', ')})` : ''}, or leave ports out there for all of the app's ports`,
      });
      return this;
    }
    // Its Service is named `<id>-lb`, which the id, checked before any load balancer was asked for, may leave no room for.
    const badName = appNameProblem(this.name, { loadBalancer: props });
    if (badName !== undefined) {
      const meant = appNameMeant(this.name, { loadBalancer: props });
      reportFinding(this, {
        layer: 'props', severity: 'error', field: 'id', message: `${badName} (${field} asks for it)`,
        hint: `give ${field === 'addLoadBalancer' ? 'the app' : 'it'} an id of at most ${appNameMaxLength({ loadBalancer: props })} characters${meant === undefined ? '' : `, e.g. '${meant}'`}`,
      });
      return this;
    }
    this.loadBalancers.push({ lb: props, field });
    return this;
  }

  /** Forwards a plain TCP port of the cluster's ingress to the app's Service port of that number. */
  public addTcpRoute(route: AppTcpRoute): this {
    if (this.changedTooLate(`addTcpRoute(${route?.listenerName})`)) {
      return this;
    }
    rejectArgument(this, 'addTcpRoute', route, TCP_ROUTE_SHAPE, { required: [['listenerName', 'name the TCP entry point or listener of the ingress'], ['port', "give the app's Service port it forwards to"]] });
    return this.addTcpRouteFor(route, `addTcpRoute(${route.listenerName})`);
  }

  /**
   * Adds a TCP route that a prop of a service asked for; its findings name that prop (`field`, Forgejo's
   * `ssh`), which the user wrote, rather than an `addTcpRoute` call they never made.
   */
  protected addTcpRouteFor(route: AppTcpRoute, field: string): this {
    this.tcpRoutes.push({ route, field });
    return this;
  }

  /** Admits traffic from another app or namespace to every port. */
  public addAllowFrom(peer: AppPeer): this {
    if (this.changedTooLate('addAllowFrom')) {
      return this;
    }
    rejectPropProblems(this, 'peer', onePeerProblems(peer, 'addAllowFrom', this.cluster));
    notePeerNamespaces(this, [peer], () => 'addAllowFrom.namespace');
    this.allowFrom.push(peer);
    if (isLinkedApp(peer)) {
      recordAppLink(this.cluster, peer, this);
    }
    return this;
  }

  /**
   * Takes a port added to a container after construction as a port of the props is taken: its shape, its
   * name and numbers against the app's other ports, each problem on the call (`addPort.name`).
   */
  private readonly portAdder: PortAdder = (port, field, add) => {
    if (this.changedTooLate(field)) {
      return;
    }
    rejectArgument(this, field, port, PORT_SHAPE, { required: [['name', "name the port, e.g. name: 'metrics'"], ['port', 'give the port the process listens on']] });
    rejectPropProblems(this, field, this.addedPortProblems([port], field).map((p) => ({ ...p, field: p.field.replace(`${field}[0]`, field) })));
    add();
    this.afterPortChange();
  };

  /** Takes another change to a container after construction (`addEnv`, `mount`): reports its problems on the call, or makes it. */
  private readonly containerChange: ContainerChange = (field, problems, change) => {
    if (this.changedTooLate(field)) {
      return;
    }
    rejectPropProblems(this, field, problems);
    change();
  };

  /** Takes a port added to a plain init container, which serves none: the call is reported, and the port left out. */
  private readonly initPortAdder: PortAdder = (_port, field) => {
    if (!this.changedTooLate(field)) {
      rejectPropProblems(this, field, [initPortProblem(field)]);
    }
  };

  /** How the app takes changes to its containers that take ports. */
  private readonly containerOwner: ContainerOwner = { addPort: this.portAdder, change: this.containerChange };

  /** How the app takes changes to its main container, whose variables a service built on the app may rely on. */
  private readonly mainContainerOwner: ContainerOwner = {
    ...this.containerOwner, envProblems: (name, value, field) => serviceEnvProblems(this.props, name, value, field),
  };

  /**
   * Reports a change the user asked for at `field` once the app has rendered its objects (after synthesis,
   * or from a hook that runs later), which would change nothing; returns whether it did.
   */
  private changedTooLate(field: string): boolean {
    if (this.renderedBody === undefined || this.rendering) {
      return false;
    }
    reportFinding(this, {
      layer: 'props', severity: 'error', field,
      message: `app "${this.name}" has rendered its objects for synthesis already, so ${field} would change nothing`,
      hint: "make every change to the app before the cluster is synthesized, e.g. in the chart's constructor after the app is built",
    });
    return true;
  }

  /** How findings name the props of `container`, as the env checks do: `''` for the main one, `sidecars[0].` for one of the app's props, else its own (`containers.<name>.`). */
  private writtenContainerPrefix(container: AppContainer): string {
    if (container === this.container) {
      return '';
    }
    for (const kind of ['containers', 'initContainers', 'sidecars'] as const) {
      const i = (this.props[kind] ?? []).findIndex((props) => props?.name === container.name);
      if (i >= 0) {
        return `${kind}[${i}].`;
      }
    }
    return container.propField('');
  }

  /** How a container's props are named in findings: `sidecars[0].` for one of the app's props, else the call, `addSidecar.`. */
  private containerPrefix(props: ContainerProps, kind: 'containers' | 'initContainers' | 'sidecars', method: string): string {
    const i = this.props[kind]?.indexOf(props) ?? -1;
    return i >= 0 ? `${kind}[${i}].` : `${method}.`;
  }

  /** Warns of a container run as root from an image that drops to its own user without the capabilities that takes. */
  private noteRootStart(container: RootStartedContainer | undefined, prefix: string): void {
    const note = rootStartNote(container, prefix);
    if (note !== undefined) {
      reportFinding(this, { layer: 'props', severity: 'warning', ...note });
    }
  }

  /**
   * The container `method` gives the app, its props checked on the call. Once the app has rendered, the
   * call is reported and the container is not `added`: a change then would reach no output.
   */
  private containerAddedBy(method: string, role: 'main' | 'init' | 'sidecar', listProp: 'containers' | 'initContainers' | 'sidecars', props: ContainerProps): { container: AppContainer; added: boolean } {
    if (this.changedTooLate(method)) {
      return { container: new AppContainer(props, role), added: false };
    }
    // A container left without an image is named as its other findings name it (`containers.side.image`).
    const named = typeof props?.name === 'string' && props.name !== '' ? props.name : undefined;
    rejectArgument(this, method, props, CONTAINER_SHAPE, CONTAINER_RULES, (problem) => (named !== undefined && problem.field === `${method}.image` && props.image === undefined
      ? { ...problem, field: `containers.${named}.image`, message: `container "${named}", added with ${method}, has no image` } : problem));
    // Init containers serve no port, so only the others' ports are checked against the app's.
    const addedPorts = role === 'init' ? [] : this.addedPortProblems(props.ports, `${method}.ports`);
    const sameName = this.containerNamed(props.name);
    rejectPropProblems(this, method, [
      ...this.addedContainerProblems(props, method), ...addedPorts,
      ...(role === 'init' ? initContainerProblems(props, `${method}.`) : []),
      ...(sameName ? [sameNameProblem(props.name, sameName === this.container ? 'the main container (named after the app)' : `the app's container "${sameName.name}"`, `${method}.name`)] : []),
    ]);
    this.noteRootStart(props, this.containerPrefix(props, listProp, method));
    const owner = role === 'init' ? { change: this.containerChange, addPort: this.initPortAdder } : this.containerOwner;
    return { container: new AppContainer(props, role, undefined, owner), added: true };
  }

  /** Problems of a container given to the app after construction by `method`, each on the call. */
  private addedContainerProblems(props: ContainerProps, method: string) {
    // A secret written out is named on the call; an image is judged with the pod, whose exemptions may still grow.
    const added = addedPropContainer(this.props, this.name, props, method);
    return [...runAsRootProblems(props, `${method}.`), ...resourcesProblems(props.resources, `${method}.resources`), ...envProblems(props.name, props.env, `${method}.env`),
      ...committedValueProblems(props, `${method}.`, true, (variable) => labSecretReference(this.cluster, { namespace: this.namespace, secret: this.name, variable })), ...containerMountsProblems(props.mounts, `${method}.`),
      ...containerStartProblems(this.props, this.name, [added]), ...programMemoryProblems(this.props, this.name, [added])];
  }

  /** Problems of ports given to the app after construction at `field`, against the ports it has. */
  private addedPortProblems(ports: unknown, field: string) {
    const others = this.ports.map((p) => ({ port: p as unknown as Record<string, unknown>, field: `the app's port "${p.name}"` }));
    return portProblems([...others, ...declaredPorts(ports, field)]).filter((p) => p.field.startsWith(`${field}`));
  }

  private afterPortChange(): void {
    if (this.ports.length > 0 && this.controller.kind !== 'KnativeService') {
      this.ensureService();
    }
  }

  private ensureService(): void {
    if (!this.serviceObject && this.controller.kind !== 'KnativeService') {
      this.serviceObject = this.serviceOf('service', this.name, () => ({
        type: 'ClusterIP', clusterIP: this.props.headless ? 'None' : undefined, ports: this.ports,
      }));
    }
  }

  private addPersistence(volumeName: string, props: PersistenceProps): void {
    this.volumeSources.set(volumeName, this.takenVolume(volumeName, props.volume));
    // Left unset where the props leave it, so that a mount of a source only read-only mounts can default to it (see mountInto).
    const readOnly = props.readOnly;
    const targets = (props.containers ?? [this.name]).map((container, i) =>
      ({ container, field: props.containers ? `persistence.${volumeName}.containers[${i}]` : `persistence.${volumeName}` }));
    const mounts: Omit<ContainerMountProps, 'volume'>[] = [
      ...(props.mountPath ? [{ mountPath: props.mountPath, readOnly }] : []),
      ...(props.mounts ?? []).map((m) => ({ mountPath: m.mountPath, subPath: m.subPath, readOnly: m.readOnly ?? readOnly })),
    ];
    this.pendingMounts.push(...targets.flatMap(({ container, field }) => mounts.map((m) => ({ container, field, mount: { volume: volumeName, ...m } }))));
    for (const { container } of targets) {
      (props.mounts ?? []).forEach((m, i) => this.noteSubPath(container, volumeName, m.subPath, `persistence.${volumeName}.mounts[${i}].subPath`));
    }
  }

  /**
   * The source the app mounts for its volume `volumeName`, given as `volume`: a claim volume another app (or
   * another volume of this one) took first is shared, or reported on the prop that holds it (see takeClaimVolume).
   */
  private takenVolume(volumeName: string, volume: AppVolume): AppVolume {
    const field = this.volumeField(volumeName);
    const taken = takeClaimVolume(this.cluster, volume, { app: this.name, namespace: this.namespace, field, volumeName, perPod: this.controller.kind === 'StatefulSet' });
    if ('volume' in taken) {
      return taken.volume;
    }
    reportFinding(this, { layer: 'props', severity: 'error', field, ...taken.problem });
    // Stands in for the volume reported: a second claim of it would only be reported again.
    return AppVolume.emptyDir();
  }

  /** Keeps the prop that wrote a mount's sub-path; noted when rendering for the mounts of Secret volumes. */
  private noteSubPath(container: string, volume: string, subPath: string | undefined, field: string): void {
    if (typeof subPath === 'string' && subPath !== '') {
      this.subPathFields.push({ container, volume, subPath, field });
    }
  }

  /** Renders every object once; the prepare hook and the controller object's body both call it. */
  private render(): void {
    if (this.renderedBody || this.rendering) {
      return;
    }
    this.rendering = true;
    for (const { container, mount, field } of this.pendingMounts.splice(0)) {
      this.mountInto(mount.volume, mount.mountPath, { container, subPath: mount.subPath, readOnly: mount.readOnly }, field);
    }
    for (const prop of this.subPathFields.filter((p) => ['secret', 'configMap'].includes(this.volumeSources.get(p.volume)?.type ?? ''))) {
      noteSubPathProp(this, prop);
    }
    this.renderedPorts = this.ports;
    // Mounts split apart are told to become one, which also lines up their paths with the download client's.
    if (!this.reportSplitImportMounts()) {
      this.reportDisagreeingSharedFolders();
    }
    this.reportReadOnlyImportFolders();
    const exemptions = this.podExemptions();
    const others = [...this.mainContainers.slice(1), ...this.initContainerList];
    const annotations = Object.fromEntries(Object.entries({ ...podExemptionAnnotations(exemptions, others), ...serviceAccountTokenAnnotation(this.props.serviceAccount) })
      .sort(([a], [b]) => (a < b ? -1 : 1)));
    const level = podSecurityLevelOf(exemptions, others);
    // A namespace's Pod Security level is every pod's there: a tenant's people, who may edit their namespace, could run any pod of the level.
    const people = level === 'restricted' ? [] : [...tenantGroups(this.cluster)].filter(([, namespace]) => namespace === this.namespace).map(([group]) => `"${group}"`);
    if (people.length > 0) {
      reportFinding(this, {
        layer: 'policy', severity: 'error', field: 'exemptions',
        message: `the exemptions widen Pod Security of tenant namespace "${this.namespace}" to ${level}, and the tenant's people (${people.join(', ')}), who may edit the namespace, could then run any ${level} pod there, not only this app's`,
        hint: `run the app in a namespace of the owner's, e.g. namespace: '${this.name}', or without the exemptions that widen the level`,
      });
    }
    this.cluster.namespaces.ensure(this.namespace, {
      podSecurity: level,
      reason: level === 'restricted' ? undefined : `${this.name}: ${wideningReasons(annotations).join('; ')}`,
    });
    for (const [key, value] of Object.entries(annotations)) {
      this.workload.metadata.addAnnotation(key, value);
    }
    this.checkController();
    this.checkUdpProtocols();
    for (const problem of redirectUrlProblems(
      this.props.env ?? {}, Array.isArray(this.props.args) ? this.props.args : [], this.publicUrlHostnames(), this.props.image, this.cluster.routes.plainHttpOnly === undefined,
      this.ports.map((port) => port.port),
    )) {
      reportFinding(this, { layer: 'props', severity: 'error', ...problem });
    }
    for (const problem of hedgedocServerUrlProblems(this.props.image, this.props.env ?? {}, this.urlCheckedHostnames(), this.cluster.routes.plainHttpOnly === undefined)) {
      reportFinding(this, { layer: 'props', severity: 'error', ...problem });
    }
    for (const problem of duplicatiHostnameProblems(this.props.image, this.props.env ?? {}, this.props.command, this.props.args, this.urlCheckedHostnames())) {
      reportFinding(this, { layer: 'props', ...problem });
    }
    for (const problem of zitadelExternalProblems(
      this.props.image, this.props.env ?? {}, [...(Array.isArray(this.props.command) ? this.props.command : []), ...(Array.isArray(this.props.args) ? this.props.args : [])],
      this.servedHostnames(), this.cluster.routes.plainHttpOnly === undefined,
    )) {
      reportFinding(this, { layer: 'props', severity: 'error', ...problem });
    }
    for (const problem of onlyofficeJwtProblems(this.props.image, this.props.env ?? {}, this.namespace)) {
      reportFinding(this, { layer: 'props', severity: 'error', ...problem });
    }
    for (const problem of seafileUrlProblems(this.props.image, this.props.env ?? {}, this.urlCheckedHostnames(), this.cluster.routes.plainHttpOnly === undefined)) {
      reportFinding(this, { layer: 'props', ...problem });
    }
    for (const problem of zulipProxyProblems(
      this.props.image, this.props.env ?? {}, this.servedHostnames().length > 0, this.ports.map((port) => port.port),
      () => this.podRangeBlocks(),
    )) {
      reportFinding(this, { layer: 'props', severity: 'error', ...problem });
    }
    for (const problem of transmissionWhitelistProblems({
      image: this.props.image, env: this.props.env ?? {}, routedHosts: this.servedHostnames(),
      // An ingress controller run as ordinary pods connects from the pod range; one in the node's network does not.
      calledFromPods: (this.servedHostnames().length > 0 && this.cluster.routes.ingressPeer.pods !== undefined) || clientsOf(this.cluster, this).length > 0,
      podRanges: this.podRangeBlocks(),
    })) {
      reportFinding(this, { layer: 'props', severity: 'error', ...problem });
    }
    const databases = serversOf(this.cluster, this).flatMap((server) => (server instanceof HomelabApp
      ? [{ name: server.name, image: server.props.image, words: [...(Array.isArray(server.props.command) ? server.props.command : []), ...(Array.isArray(server.props.args) ? server.props.args : [])] }]
      : []));
    for (const problem of outlineDatabaseTlsProblems(this.props.image, this.props.env ?? {}, databases)) {
      reportFinding(this, { layer: 'references', severity: 'error', ...problem });
    }
    for (const { severity, ...problem } of redisDatabaseProblems(this.redisCheckApp(), () => this.redisCheckApps())) {
      reportFinding(this, { layer: 'references', severity, ...problem });
    }
    for (const problem of photoprismDatabaseDriverProblems(this.props.image, this.props.env ?? {})) {
      reportFinding(this, { layer: 'props', severity: 'error', ...problem });
    }
    for (const problem of [...immichVectorDatabaseProblems(this.props.image, this.props.env ?? {}, this.namespace, () => this.clusterApps()),
      ...librephotosProxyProblems(this.props.image, this.namespace, () => this.namespaceServices())]) {
      reportFinding(this, { layer: 'references', severity: 'error', ...problem });
    }
    for (const problem of issuerProblems(this.cluster, this.node.path, this.props.env ?? {}, Array.isArray(this.props.args) ? this.props.args : [])) {
      reportFinding(this, { layer: 'props', severity: 'error', ...problem });
    }
    if (runsCollabora(this.props.image)) {
      for (const problem of wopiHostProblems(this.props.env ?? {}, this.nextcloudRouteHosts())) {
        reportFinding(this, { layer: 'references', severity: 'error', ...problem });
      }
    }
    for (const problem of [...hostListProbeProblems(this.props.image, this.props.env ?? {}, this.props.probes),
      ...guacamoleProbeProblems(this.props.image, this.props.env ?? {}, this.props.probes), ...rustdeskPortProblems(this.props),
      ...vaultHealthProbeProblems(this.props.image, this.props.replicas, this.props.probes),
      ...vaultwardenWebsocketProblems(this.props.image, this.props.env ?? {}, this.props.ports),
      ...vaultwardenDomainProblems(this.props.image, this.props.env ?? {}, this.routeHostname)]) {
      reportFinding(this, { layer: 'props', severity: 'error', ...problem });
    }
    for (const problem of urlBaseProblems(this.props.image, this.props.env ?? {}, this.name, this.routeIntents, this.props.args)) {
      reportFinding(this, { layer: 'props', ...problem });
    }
    leaveReverseProxyStep(this, this.props.image);
    leaveSabnzbdHostStep(this, this.props.image);
    leaveSonarQubeHostStep(this, this.props.image, this.props.env);
    const offLink = hostNetworkImageFinding(this.props);
    if (offLink !== undefined) {
      reportFinding(this, offLink);
    }
    applyEngineToJob(this, this.controller, this.workload, this.cluster.gitops);
    if (hasReplicas(this.controller)) {
      reportSharedExistingClaims(this, this.cluster, this.namespace, { count: this.replicas, field: this.replicasField }, this.volumeSources);
    }
    const { volumes, claimTemplates, volumeNames } = this.renderVolumes(exemptions);
    const template = {
      metadata: { labels: this.labels, annotations: Object.keys(annotations).length > 0 ? annotations : undefined },
      // Typed data; the body is turned into plain, sorted JSON once, when the object is synthesized.
      spec: this.podSpec(exemptions, volumes, volumeNames) as Record<string, any>,
    };
    const controllerStrategy = this.controller.kind === 'Deployment' ? this.controller.props.strategy : undefined;
    const podVolumeProps = ((template.spec.volumes ?? []) as ReadonlyArray<{ readonly name: string }>).flatMap(({ name }): Array<[string, string]> => {
      const prop = this.volumeSources.has(name) ? this.volumeField(name) : this.deviceField(name);
      return prop === undefined ? [] : [[name, prop]];
    });
    // Plain data and functions of plain data: the note is kept through validation, after the tree is let go.
    noteWrittenPodProps(this, this.workload, {
      containers: this.mainContainers.map((c) => c.propNames()), initContainers: this.initContainerList.map((c) => c.propNames()),
      volumeProps: new Map(podVolumeProps),
      sysctls: Object.keys(this.props.sysctls ?? {}),
      strategyProp: this.props.controller !== undefined && controllerStrategy !== undefined ? 'controller.props.strategy' : 'strategy',
      podFieldProps: this.props.placement !== undefined ? { nodeSelector: 'placement', affinity: 'placement', tolerations: 'placement' } : {},
      resourceProps: Object.fromEntries((this.props.devices ?? []).flatMap((device, i) => (device?.type === 'plugin' ? [[device.resource, `devices[${i}]`]] : []))),
      namesProp: servicePropNamer(this.props),
      inTermsOf: serviceWrittenProp(this.props, propInTermsOf(this.props)),
    });
    const singleWriter = [...this.volumeSources.values()].some(isSingleWriter);
    // A pod on the host's network binds its ports on its node: a surged pod cannot start beside the old one
    // there, so a rollout on as many hosts as replicas (an app pinned to its one host) would never finish.
    const holdsHostPorts = exemptions.hostNetwork !== undefined && this.ports.length > 0;
    // A game server's world and a Litestream replica are one process's: a surged pod would be a second writer of it.
    const soleWriter = this.soleWriter !== undefined;
    const strategy = controllerStrategy ?? this.props.strategy ?? (singleWriter || holdsHostPorts || soleWriter || this.rolloutWaitsForGpu ? 'Recreate' : 'RollingUpdate');
    this.renderedBody = {
      spec: controllerSpec(this.controller, template, {
        replicas: this.autoscaling === undefined ? this.replicas : undefined, selector: { [APP_NAME_LABEL]: this.name }, strategy,
        headlessServiceName: `${this.name}-headless`, volumeClaimTemplates: claimTemplates,
      }),
    };
    noteWrittenProps(this, this.workload, () => claimTemplates.map((t, i) => (
      { field: `spec.volumeClaimTemplates[${i}].spec.resources.requests.storage`, prop: `${this.volumeField((t.metadata as { name: string }).name)}.claim.size` })));
    if (this.props.serviceAccount) {
      renderServiceAccount(this, this.props.serviceAccount, { name: this.name, namespace: this.namespace, labels: this.labels });
    }
    this.renderExposure();
    this.renderAutoscaler();
    this.renderReliability();
    this.renderNetworkPolicy(exemptions);
    // Kept as the plain JSON synthesis writes: the typed data is garbage while still young, and one copy
    // of the app's largest body lives on (parts already plain and sorted are kept rather than copied).
    this.renderedBody = renderedBodyJson(this.renderedBody);
    this.bodyIsPlain = true;
    this.rendering = false;
  }

  /**
   * Reports a port of a protocol that runs over UDP declared for TCP alone: DNS on port 53 (clients, a router's
   * DHCP-given resolver and every device of the LAN, ask over UDP first), STUN and TURN on 3478 (WebRTC asks over
   * UDP first) and the ports only UDP uses (WireGuard's 51820, Tailscale's 41641, IPsec's, NTP's, Minecraft
   * Bedrock's 19132, Valheim's 2456–2458, Factorio's 34197, TeamSpeak's 9987, TFTP's 69, SNMP's 161 and 162, Moonlight's stream on 47998–48000 and Wolf's on 48100 and 48200, Jitsi Videobridge's 10000, Palworld's 8211 and 27015 and MediaMTX's 8000, 8001, 8189 and 8890 in their images), and a port an image serves over both
   * protocols declared for one (Satisfactory's 7777: the game over UDP, its HTTPS API over TCP). The app's Service and load balancer forward only the protocols its
   * ports declare, so every lookup would time out, a call find no relay and a tunnel never come up. Judged once
   * every port is known (`addPort` may add the UDP one).
   */
  /**
   * The warnings of a port the image may not listen on where a configuration it mounts may set it, judged with the
   * files the app mounts from ConfigMaps of its namespace that the cluster holds: none where such a file sets a
   * port the container declares.
   */
  private reportConfiguredListenPorts(props: AppProps, id: string): void {
    const warnings = listenPortProblems(props, id, undefined, this.mountedConfigFiles(props, id)).filter((p) => p.severity === 'warning');
    for (const note of inPropTerms(props, warnings.map(({ severity: _severity, ...note }) => note))) {
      reportFinding(this, { layer: 'props', severity: 'warning', ...note });
    }
  }

  /**
   * Reports a Litestream container that would back up or restore nothing (see `litestreamDatabaseProblems` and
   * `litestreamEgressProblems`), judged
   * once the cluster is built, with the configuration files the app mounts from ConfigMaps of its namespace.
   */
  private reportLitestreamDatabases(props: AppProps, id: string): void {
    const containers = propContainers(props, id);
    const filesOf = this.mountedConfigFiles(props, id);
    const problems = [
      ...litestreamDatabaseProblems(containers, filesOf, props.persistence, id, runsToCompletion(this.controller)),
      ...litestreamEgressProblems(litestreamConfigs(containers, filesOf, id), props.egress, props.exemptions?.hostNetwork !== undefined),
    ];
    for (const problem of inPropTerms(props, problems)) {
      reportFinding(this, { layer: 'props', severity: 'error', ...problem });
    }
  }

  /**
   * The files each container sees of the ConfigMaps of the app's namespace that the cluster holds and the app mounts;
   * the cluster's objects are read at the first call alone, as most apps' checks ask for none.
   */
  private mountedConfigFiles(props: AppProps, id: string): (entry: PropContainerMounts) => MountedConfigFile[] {
    let configMaps: Map<string, Record<string, string>> | undefined;
    const dataOf = (name: string) => {
      configMaps ??= new Map(apiObjectsOf(this.cluster).filter((o) => o.kind === 'ConfigMap' && o.apiVersion === 'v1' && o.metadata.namespace === this.namespace)
        .map((o) => [o.name, (o.toJson() as { data?: Record<string, string> }).data ?? {}]));
      return configMaps.get(name);
    };
    return (entry) => mountedConfigMapFiles(props.persistence, id, entry.prefix === '' ? id : String(entry.container.name), dataOf);
  }

  private checkUdpProtocols(): void {
    const containers = [...this.mainContainers, ...this.initContainerList.filter((c) => c.role === 'sidecar')];
    const exposed = containers.flatMap((c) => c.ports.map((port, i) => ({ port, field: c.portField(i), at: port.servicePort ?? port.port, image: c.image })));
    // The numbers a UDP port takes, container's and Service's, indexed once: an app may declare thousands of ports.
    const udp = new Set(exposed.flatMap(({ port, at }) => (port.protocol === 'UDP' ? [port.port, at] : [])));
    const reported = new Set<number>();
    for (const { port, field, at, image } of exposed) {
      const first = UDP_FIRST_PORTS.get(at);
      // An image that speaks UDP alone there (Headscale's STUN on 3478) is told so below, not to add a TCP port.
      if (first === undefined || (port.protocol ?? 'TCP') !== 'TCP' || udp.has(at) || reported.has(at) || udpOnlyUse(image, port.port, at) !== undefined) {
        continue;
      }
      reported.add(at);
      reportFinding(this, {
        layer: 'props', severity: 'error', field: `${field}.protocol`,
        message: `port ${port.name} serves ${first.serves} on port ${at} over TCP only (the protocol a port takes when none is given), and ${first.clients} ask over UDP first: `
          + `the app's Service and load balancer forward no UDP, so ${first.fails}`,
        hint: `declare the port once per protocol: { name: '${first.names}-tcp', port: ${port.port} }, { name: '${first.names}-udp', port: ${port.port}, protocol: 'UDP' }, and list both in loadBalancer.ports`,
      });
    }
    for (const { port, field, at, image } of exposed) {
      const runs = udpOnlyUse(image, port.port, at);
      if (runs === undefined || port.protocol === 'UDP' || udp.has(port.port) || udp.has(at)) {
        continue;
      }
      reportFinding(this, {
        layer: 'props', severity: 'error', field: `${field}.protocol`,
        message: `port ${port.name} (${at}) is declared for TCP${port.protocol === undefined ? ' (the protocol a port takes when none is given)' : ''}, and ${runs} speaks UDP there: `
          + "the app's Service and load balancer forward no UDP, so none of its packets would reach the app",
        hint: `declare it for UDP: { name: '${port.name}', port: ${port.port}, protocol: 'UDP' }`,
      });
    }
    // A port the app declares for UDP that its load balancer's list leaves out is forwarded by no address of the LAN.
    const served = exposed.map(({ port, at }) => ({ name: port.name, protocol: port.protocol, at }));
    for (const { lb, field } of this.loadBalancers) {
      for (const problem of loadBalancerUdpFirstProblems(served, lb.ports, field)) {
        reportFinding(this, { layer: 'props', severity: 'error', ...problem });
      }
    }
    const declared = new Set(exposed.map(({ port }) => `${port.port}/${port.protocol ?? 'TCP'}`));
    for (const { port, field, at, image } of exposed) {
      const both = dualProtocolUse(image, port.port);
      const protocol = port.protocol ?? 'TCP';
      const other = protocol === 'UDP' ? 'TCP' : 'UDP';
      if (both === undefined || !['TCP', 'UDP'].includes(protocol) || declared.has(`${port.port}/${other}`) || reported.has(port.port)) {
        continue;
      }
      reported.add(port.port);
      reportFinding(this, {
        layer: 'props', severity: 'error', field: `${field}.protocol`,
        message: `port ${port.name} (${at}) is declared for ${protocol}${port.protocol === undefined ? ' (the protocol a port takes when none is given)' : ''} alone, and ${both.server} serves ${both.udp} over UDP and ${both.tcp} over TCP there: `
          + `the app's Service and load balancer forward no ${other}, so ${other === 'UDP' ? 'no player reaches the game' : 'the server can be neither claimed nor joined'}`,
        hint: `declare the port once per protocol: { name: 'game', port: ${port.port}, protocol: 'UDP' }, { name: 'api', port: ${port.port} }, and list both in loadBalancer.ports`,
      });
    }
  }

  /**
   * Reports a variable of the main container that names a serial device the container is not given (see
   * {@link unmountedDeviceEnvProblems}); a privileged container sees every device of its host.
   */
  private checkDeviceEnv(props: AppProps): void {
    if (props.exemptions?.privileged !== undefined) {
      return;
    }
    const mine = (containers: readonly string[] | undefined) => containers === undefined || containers.includes(this.name);
    const devices = (Array.isArray(props.devices) ? props.devices : []).flatMap((d) => (d?.type === 'hostDevice' && typeof d.path === 'string' && mine(d.containers) ? [d.path] : []));
    const volumes = Object.values(props.persistence ?? {}).flatMap((p) => (p !== null && typeof p === 'object' && mine(p.containers)
      ? [p.mountPath, ...(Array.isArray(p.mounts) ? p.mounts.map((m) => m?.mountPath) : [])] : []))
      .filter((path): path is string => typeof path === 'string');
    for (const problem of unmountedDeviceEnvProblems(props.env, [...devices, ...volumes], 'env')) {
      reportFinding(this, { layer: 'props', severity: 'error', ...problem });
    }
  }

  /** The controller object's body as plain, sorted JSON. */
  private body(): Record<string, unknown> {
    this.render();
    // Rendering stopped half-way (on an error) or is under way: the body is still typed data.
    return this.bodyIsPlain ? this.renderedBody! : sortedJson(this.renderedBody ?? {}) as Record<string, unknown>;
  }

  /** The most pods the workload runs: its replicas, or its autoscaler's maximum. */
  private get replicas(): number {
    return mostReplicas(this.autoscaling?.spec, this.props.replicas);
  }

  /** The prop that sets {@link replicas}, for findings about that count. */
  private get replicasField(): string {
    return mostReplicasField(this.autoscaling?.spec, this.autoscaling?.field ?? 'autoscaling');
  }

  /**
   * The user's exemptions without those stated for what the pod does not do (a host path, an NFS export, a
   * node port, a floating image), each reported on the exemption: its annotation would claim the departure,
   * and the namespace would be widened for it.
   */
  private usedExemptions(missingProbes: readonly MissingProbes[]): SecurityExemptions {
    const exemptions = this.props.exemptions ?? {};
    const sources = [...this.volumeSources.values()];
    const unused = unusedExemptions(exemptions, {
      hostPathVolume: sources.some((v) => v.type === 'hostPath') || (this.props.devices ?? []).some((d) => d.type === 'hostDevice'),
      nfsVolume: sources.some((v) => v.type === 'nfs'),
      nodePort: this.ports.some((p) => p.nodePort !== undefined),
      images: [...this.mainContainers, ...this.initContainerList].map((c) => c.image),
      missingProbes: missingProbes.some((c) => c.missing.length > 0),
    });
    for (const { prop, lacking } of unused) {
      reportFinding(this, {
        layer: 'props', severity: 'error', field: `exemptions.${prop}`,
        message: `exemptions.${prop} permits what the app does not do (${lacking}), yet its annotation would claim it${prop === 'hostPath' || prop === 'nfsVolume' ? ' and the namespace would enforce a wider Pod Security level' : ''}`,
        hint: `drop exemptions.${prop}, or add what it is for`,
      });
    }
    const unusedProps = new Set(unused.map((u) => u.prop));
    return Object.fromEntries(Object.entries(exemptions).filter(([prop]) => !unusedProps.has(prop as keyof SecurityExemptions)));
  }

  /**
   * The readiness and liveness probes each container that runs with the pod goes without: the main
   * containers and the sidecars (native sidecars: init containers that keep running), not the init
   * containers that run to completion first.
   */
  private missingProbes(): MissingProbes[] {
    const toCompletion = runsToCompletion(this.controller);
    return this.probedContainers.map((c) => c.missingProbes(toCompletion));
  }

  /** The containers whose probes are recorded: main containers, then sidecars. */
  private get probedContainers(): AppContainer[] {
    return [...this.mainContainers, ...this.initContainerList.filter((c) => c.role === 'sidecar')];
  }

  /**
   * The `probes` exemption in force: the user's reason, or `no port to probe` for containers whose default
   * probes had nothing to check. A probe switched off without a reason is reported where it was switched off.
   */
  private probesExemption(reason: string | undefined, missing: readonly MissingProbes[]): string | undefined {
    missing.forEach((c, i) => {
      if (c.switchedOff && reason === undefined) {
        const written = i === 0 ? this.props.probes : [...this.props.containers ?? [], ...this.props.sidecars ?? []].find((o) => o?.name === c.container)?.probes;
        const probe = c.missing.find((name) => written?.[name] === false) ?? c.missing[0];
        reportFinding(this, {
          layer: 'props', severity: 'error', field: `${i === 0 ? '' : `containers.${c.container}.`}probes.${probe}`,
          message: `${probe}: false runs container "${c.container}" without a ${probe} probe and does not say why`,
          hint: `state why: exemptions: { probes: '…' } (written to the pod as ${EXEMPTION_ANNOTATION_PREFIX}${EXEMPTION_ANNOTATION_KEYS.probes}), or give the probe a check: { httpPath }, { tcp: true } or { command: [...] }`,
        });
      }
    });
    return missingProbesReason(missing, reason, missing.length > 1);
  }

  /** Pod-level exemptions: the app's own, missing probes and NFS volumes recorded with their reasons. */
  private podExemptions(): SecurityExemptions {
    // Each container's probes are rendered to tell which are missing: once for both questions.
    const missingProbes = this.missingProbes();
    const used = this.usedExemptions(missingProbes);
    const probes = this.probesExemption(used.probes, missingProbes);
    const exemptions: SecurityExemptions = { ...used, probes };
    if (probes === undefined) {
      delete (exemptions as { probes?: string }).probes;
    }
    const exports = [...new Set([...this.volumeSources.values()].flatMap((v) => (v.type === 'nfs' ? [`${v.export.mountServer}:${v.path}`] : [])))].sort();
    if (exports.length === 0 || exemptions.nfsVolume !== undefined) {
      return exemptions;
    }
    return { ...exemptions, nfsVolume: `mounts NFS export ${exports.join(', ')}` };
  }

  private checkController(): void {
    const controller = this.controller;
    if (controller.kind === 'KnativeService' && !this.cluster.platform.providesKind('serving.knative.dev', 'Service')) {
      reportFinding(this, {
        layer: 'references', severity: 'error', field: 'controller',
        message: `cluster "${this.cluster.clusterName}" cannot run a Knative Service: Knative Serving is not installed`,
        hint: "add Knative to the cluster (new Knative(cluster, 'knative')), or declare Knative Serving preinstalled",
      });
      // The Knative Service cannot be applied; left in the tree, it would be reported again for its missing CRD.
      this.node.tryRemoveChild(this.workload.node.id);
    }
    if (controller.kind === 'KnativeService' && this.ports.length > 1) {
      reportFinding(this, {
        layer: 'references', severity: 'error', field: 'ports',
        message: `a Knative Service serves one port, and the app has ${this.ports.length}: ${this.ports.map((p) => p.name).join(', ')}`,
        hint: 'keep the port Knative routes requests to, or run the app under a Deployment',
      });
    }
    const udp = (this.props.ports ?? []).findIndex((port) => port?.protocol === 'UDP');
    if (controller.kind === 'KnativeService' && udp >= 0) {
      // Knative's webhook refuses any container port protocol but TCP: it proxies HTTP requests only.
      reportFinding(this, {
        layer: 'references', severity: 'error', field: `ports[${udp}].protocol`,
        message: 'a Knative Service serves HTTP over TCP only, and Knative refuses a UDP port',
        hint: 'leave protocol out (TCP), or run the app under a Deployment: AppController.deployment()',
      });
    }
    const servicePort = (this.props.ports ?? []).findIndex((port) => port?.servicePort !== undefined && port.servicePort !== KNATIVE_CLUSTER_LOCAL_PORT);
    if (controller.kind === 'KnativeService' && servicePort >= 0) {
      // Knative makes the Service itself, and it serves port 80 inside the cluster whatever the app's port says.
      reportFinding(this, {
        layer: 'references', severity: 'error', field: `ports[${servicePort}].servicePort`,
        message: `a Knative Service is served on port ${KNATIVE_CLUSTER_LOCAL_PORT} inside the cluster (and through its ingress), whatever servicePort says: Knative makes its Service, and would ignore ${this.props.ports![servicePort].servicePort}`,
        hint: `leave servicePort out, and call the app at http://${this.name}.${this.namespace} (port ${KNATIVE_CLUSTER_LOCAL_PORT}); or run the app under a Deployment, whose Service serves the port given`,
      });
    }
    if (!hasReplicas(controller) && this.props.replicas !== undefined) {
      reportFinding(this, {
        layer: 'references', severity: 'error', field: 'replicas',
        message: `a ${controllerType(controller).kind} has no replica count`,
        hint: controller.kind === 'KnativeService' ? 'use `minScale` and `maxScale`' : 'remove `replicas`',
      });
    }
    if (!hasReplicas(controller) && this.autoscaling !== undefined) {
      reportFinding(this, {
        layer: 'references', severity: 'error', field: this.autoscaling.field,
        message: `a ${controllerType(controller).kind} has no replica count for an autoscaler to set`,
        hint: controller.kind === 'KnativeService' ? 'Knative scales its Service itself: use `minScale` and `maxScale`' : `remove ${this.autoscaling.field}: only a Deployment or StatefulSet is scaled so`,
      });
    }
    // A StatefulSet gives each pod a claim of its own, and a Deployment without claims each pod its own memory: of a
    // server that does not replicate, each pod is a server of its own. A Deployment's shared claim is the claims check's.
    const claims = [...this.volumeSources.values()].some((volume) => volume.type === 'claim' || volume.type === 'existingClaim');
    const apart = controller.kind === 'StatefulSet' || (controller.kind === 'Deployment' && !claims);
    const unreplicated = apart && this.replicas > 1 ? unreplicatedServer(String(this.props.image)) : undefined;
    if (unreplicated !== undefined) {
      reportFinding(this, {
        layer: 'props', severity: 'error', field: this.replicasField,
        message: `${unreplicated.server} does not replicate by itself: ${this.replicas} replicas are ${this.replicas} separate ${unreplicated.each}, `
          + `${controller.kind === 'StatefulSet' ? 'each on a claim of its own' : 'each with data of its own'}, and the app's Service sends each connection to any of them: ${unreplicated.apart}`,
        hint: `run one replica${controller.kind === 'StatefulSet' ? ' (a pod started again finds its data on its claim)' : ''}; for a replicated ${unreplicated.server}, run ${unreplicated.replicatedBy}`,
      });
    }
    this.checkSoleWriter(controller);
    this.checkStatefulServer(controller);
    const strategy = this.props.strategy;
    if (strategy !== undefined && controller.kind !== 'Deployment') {
      reportFinding(this, {
        layer: 'references', severity: 'error', field: 'strategy',
        message: `a ${controllerType(controller).kind} has no ${strategy} strategy; it would be left out`,
        hint: 'remove `strategy`: only a Deployment takes one',
      });
    } else if (strategy !== undefined && controller.kind === 'Deployment' && controller.props.strategy !== undefined && controller.props.strategy !== strategy) {
      reportFinding(this, {
        layer: 'references', severity: 'error', field: 'strategy',
        message: `strategy ${strategy} and the controller's strategy ${controller.props.strategy} disagree; the controller's would win`,
        hint: 'give the strategy once, on the app or on AppController.deployment({ strategy })',
      });
    }
  }

  /** A database or search server's settings that keep it from starting, from forming its cluster, or its data on its claim. */
  private checkStatefulServer(controller: AppController): void {
    const env = this.props.env ?? {};
    const textEnv = Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
    const wordsOf = (key: 'command' | 'args') => (Array.isArray(this.props[key]) ? this.props[key]! : [])
      .map((word, i) => ({ word: String(word), field: `${key}[${i}]` }));
    const kept = new Set(['claim', 'existingClaim', 'nfs', 'hostPath']);
    // A volume another container of the pod mounts too (an init container that gives it to the server's user).
    const mountedByOthers = new Set((['initContainers', 'containers', 'sidecars'] as const).flatMap((kind) => (Array.isArray(this.props[kind]) ? this.props[kind]! : [])
      .flatMap((c) => (Array.isArray(c?.mounts) ? c.mounts : []).map((m) => String(m?.volume)))));
    const keptMounts = Object.entries(this.props.persistence ?? {})
      .filter(([, entry]) => kept.has(entry?.volume?.type) && (entry.containers === undefined || entry.containers.includes(this.name)))
      .flatMap(([name, entry]) => {
        const about = { freshClaim: entry.volume.type === 'claim', shared: mountedByOthers.has(name) || (entry.containers ?? []).some((c) => c !== this.name) };
        return [
          ...(typeof entry.mountPath === 'string' ? [{ field: `persistence.${name}.mountPath`, mountPath: entry.mountPath, ...about }] : []),
          ...(entry.mounts ?? []).flatMap((mount, i) => (typeof mount?.mountPath === 'string' ? [{ field: `persistence.${name}.mounts[${i}].mountPath`, mountPath: mount.mountPath, ...about }] : [])),
        ];
      });
    for (const problem of statefulServerProblems({
      app: this.name, image: String(this.props.image), env: textEnv, envNames: Object.keys(env), words: [...wordsOf('command'), ...wordsOf('args')],
      replicas: hasReplicas(controller) ? this.replicas : 1, statefulSet: controller.kind === 'StatefulSet', keptMounts,
      runsAsRoot: this.props.exemptions?.runAsRoot !== undefined || this.props.runAsUser === 0,
      longRunning: controller.kind === 'Deployment' || controller.kind === 'StatefulSet',
    })) {
      reportFinding(this, { layer: 'props', severity: 'error', ...problem, field: problem.field === 'replicas' ? this.replicasField : problem.field });
    }
  }

  /**
   * State one process alone writes (see `soleWriterOf`: a game server's world, a Litestream replica): replicas above
   * one are as many writers, and a RollingUpdate starts the new writer beside the old one. Each is an error on the
   * prop that asks for it, unless a ReadWriteOnce claim of a Deployment has the claims check's already.
   */
  private checkSoleWriter(controller: AppController): void {
    const writer = this.soleWriter;
    const singleWriter = [...this.volumeSources.values()].some(isSingleWriter);
    if (writer === undefined || (controller.kind === 'Deployment' && singleWriter)) {
      return;
    }
    if (hasReplicas(controller) && this.replicas > 1) {
      const sharesVolume = [...this.volumeSources.values()].some((volume) => volume.type === 'claim' || volume.type === 'existingClaim' || volume.type === 'nfs');
      reportFinding(this, {
        layer: 'props', severity: 'error', field: this.replicasField,
        message: writer.replicas(this.replicas, controller.kind !== 'StatefulSet' && sharesVolume), hint: writer.replicasHint,
      });
    }
    const strategy = controller.kind === 'Deployment' ? controller.props.strategy ?? this.props.strategy : undefined;
    if (strategy === 'RollingUpdate') {
      reportFinding(this, {
        layer: 'props', severity: 'error', field: this.props.controller !== undefined && controller.kind === 'Deployment' && controller.props.strategy !== undefined ? 'controller.props.strategy' : 'strategy',
        message: writer.rollout, hint: writer.rolloutHint,
      });
    }
  }

  /** The state one process of the app alone may write, or undefined (see `soleWriterOf`). */
  private get soleWriter(): SoleWriter | undefined {
    return soleWriterOf(this.mainContainers.map((c) => c.image), propContainers(this.props, this.name), this.name);
  }

  /**
   * The groups a GPU request adds to the pod (the host's render group), reporting an Intel or AMD GPU its
   * user could not open (see `GpuRequest.renderGroup`).
   */
  private gpuGroups(gpu: GpuRequest, asRoot: boolean): number[] {
    const problem = gpuGroupProblem(gpu, asRoot, this.props.supplementalGroups, this.gpuProp ?? 'gpu', this.gpuGroupsProp);
    if (problem) {
      reportFinding(this, { layer: 'policy', severity: 'warning', ...inPropTerms(this.props, [problem])[0] });
    }
    // A group that is no id is reported on renderGroup, where it was written.
    return Number.isInteger(gpu.renderGroup) ? [gpu.renderGroup!] : [];
  }

  /**
   * Names the prop of a service construct that gave the App's `gpu` (`hardwareTranscoding`, `accelerator`),
   * so that a finding about the GPU (no host has one, no device plugin hands it out) points at what the
   * user wrote. `placement` says the prop gave the placement's `gpu` rather than the App's `gpu`; `groupsProp`, the
   * prop that takes the host's render group when that one has no `renderGroup` of its own.
   */
  protected gpuGivenAs(prop: string, placement = false, groupsProp?: string): void {
    this.gpuProp = prop;
    this.gpuPlacementFromProp = placement;
    this.gpuGroupsProp = groupsProp;
  }

  /** Where the volume `name` was given, for findings: the service's prop, `persistence.<name>.volume`, or the `addVolume(<name>)` call's volume. */
  /** The `devices` entry that mounts the pod volume `name` by its path, if one does. */
  private deviceField(name: string): string | undefined {
    const index = (this.props.devices ?? []).findIndex((device) => device?.type === 'hostDevice' && deviceVolumeName(device.path) === name);
    return index >= 0 ? `devices[${index}]` : undefined;
  }

  private volumeField(name: string): string {
    return this.volumeProps.get(name) ?? (this.props.persistence?.[name] ? `persistence.${name}.volume` : `addVolume(${name}).volume`);
  }

  /**
   * The name of the scratch volume mounted at `/tmp` under a read-only root: `tmp`, unless a volume of the app's own
   * is named so (Pterodactyl Wings' `/tmp/pterodactyl`, given as `persistence.tmp`), which keeps its name.
   */
  private scratchVolumeName(): string {
    let name = 'tmp';
    while (this.volumeSources.has(name)) {
      name = `${name}-scratch`;
    }
    return name;
  }

  /** Pod volumes; a StatefulSet's new claims become per-pod templates instead. */
  private renderVolumes(exemptions: SecurityExemptions): { volumes: k8s.Volume[]; claimTemplates: Record<string, unknown>[]; volumeNames: ReadonlySet<string> } {
    const volumes: k8s.Volume[] = [];
    const claimTemplates: Record<string, unknown>[] = [];
    if ([...this.mainContainers, ...this.initContainerList].some((c) => c.needsTmp)) {
      // A read-only root still needs somewhere for temp files; most images write to /tmp.
      volumes.push({ name: this.scratchVolumeName(), emptyDir: {} });
    }
    for (const [name, source] of this.volumeSources) {
      if (source.type === 'claim' && this.controller.kind === 'StatefulSet') {
        if (source.claim.claimName !== undefined) {
          // Each pod gets its own claim from the template, named by Kubernetes.
          reportFinding(this, {
            layer: 'props', severity: 'error', field: `${this.volumeField(name)}.claimName`,
            message: `a StatefulSet makes a claim per pod, named ${name}-${this.name}-<n>; the claim name "${source.claim.claimName}" would be left out`,
            hint: 'drop claimName, or mount an existing claim with AppVolume.existingClaim(name) under a Deployment',
          });
        }
        const spec = this.claimSpec(name, source.claim);
        if (spec) {
          claimTemplates.push({ metadata: { name, labels: this.labels }, spec });
        } else {
          volumes.push(standInVolume(name));
        }
        continue;
      }
      const volume = this.renderVolume(name, source, exemptions);
      if (volume) {
        volumes.push(volume);
      }
    }
    (this.props.devices ?? []).forEach((device, i) => {
      if (device.type !== 'hostDevice') {
        return;
      }
      if (exemptions.hostPath === undefined) {
        reportFinding(this, {
          layer: 'policy', severity: 'error', field: `devices[${i}]`,
          message: `the host device ${device.path} is a hostPath volume, which needs the hostPath exemption`,
          hint: "state why: `exemptions: { hostPath: '…' }`",
        });
        // One mistake, one error: the pod-security check would report the undeclared hostPath volume again.
        volumes.push(standInVolume(deviceVolumeName(device.path)));
        return;
      }
      volumes.push({ name: deviceVolumeName(device.path), hostPath: { path: device.path, type: device.hostPathType } });
      if (device.path === TUN_DEVICE) {
        this.reportTunWithoutNetAdmin(device.containers, i);
      }
      if (this.props.exemptions?.privileged === undefined && device.path !== TUN_DEVICE) {
        // The runtime's device cgroup admits the devices a device plugin hands over, not device nodes mounted by
        // path; tun/tap is in runc's built-in allow-list, so every container may open it.
        reportFinding(this, {
          layer: 'props', severity: 'warning', field: `devices[${i}]`,
          message: `${device.path} is mounted by path, and an unprivileged container may not open a device mounted so (containerd's device cgroup admits only the devices a device plugin hands over)`,
          hint: "hand it over with a device plugin: AppDevice.plugin('squat.ai/serial') with generic-device-plugin, the GPU's own plugin for /dev/dri; or state exemptions.privileged",
        });
      }
    });
    const known = new Set([...volumes.map((v) => v.name), ...claimTemplates.map((t) => (t.metadata as { name: string }).name)]);
    for (const container of [...this.mainContainers, ...this.initContainerList]) {
      for (const mount of container.mounts) {
        if (!known.has(mount.volume)) {
          reportFinding(this, {
            layer: 'references', severity: 'error', field: container.mountField(mount),
            message: `container "${container.name}" mounts volume "${mount.volume}", which the app does not have`,
            hint: `add it with \`persistence\` or \`addVolume\`; volumes: ${[...known].sort().join(', ') || '(none)'}`,
          });
        }
      }
    }
    this.warnUnmountedVolumes();
    return { volumes, claimTemplates, volumeNames: known };
  }

  /**
   * Warns where an app that calls another (a link either side declared) mounts a folder the other mounts too
   * at a path that does not line up with the other's: the paths they hand each other name nothing in the other's
   * container (see shared-folder-paths). One warning per folder, on the caller's mount.
   */
  private reportDisagreeingSharedFolders(): void {
    const mine = sharedFolderMounts(this.props.persistence, this.namespace);
    if (mine.length === 0) {
      return;
    }
    const servers = serversOf(this.cluster, this).filter((server): server is HomelabApp => server instanceof HomelabApp);
    const serverMounts = servers.map((server) => sharedFolderMounts(server.props.persistence, server.namespace));
    for (const [i, server] of servers.entries()) {
      // A folder another linked app sees at the same path is the one they exchange paths of; this one keeps other files there.
      const disagreeing = disagreeingMounts(mine, serverMounts[i]).filter((d) => !linesUpWithSome(d.mount, serverMounts));
      for (const { mount, other, expected, otherExpected } of disagreeing) {
        if (expected === undefined && otherExpected !== undefined) {
          // The server mounts a folder inside the caller's elsewhere (qBittorrent's /downloads beside Sonarr's /data): the
          // server's mount is the one that leaves the layout, and every app that calls it would say so, so it is told once.
          server.reportMountOutsideCallersLayout(other, otherExpected, this.name);
          continue;
        }
        reportFinding(this, {
          layer: 'references', severity: 'warning', field: mount.field,
          message: `mounts ${mount.source.replace(/^[a-z]+:/, '')} at ${mount.mountPath}, and ${server.name}, which it calls, mounts ${other.source.replace(/^[a-z]+:/, '')} at ${other.mountPath}: the paths the two hand each other (a finished download's folder, where to save) name nothing in the other's container`,
          hint: expected !== undefined
            ? `mount it where ${server.name} sees it, at ${expected}, so the paths line up (as compose's one /data in every container), or map the paths in the app`
            : `mount the shared folder at the same path in both apps (as compose's one /data in every container), or map the paths in the app`,
        });
      }
    }
  }

  /** An error on each media folder of an *arr app that mounts them all read-only, where every import would fail (see arr-import-folders). */
  private reportReadOnlyImportFolders(): void {
    for (const folder of readOnlyImportFolders(this.props.image, this.props.persistence)) {
      const name = `${folder.app[0].toUpperCase()}${folder.app.slice(1)}`;
      reportFinding(this, {
        layer: 'props', severity: 'error', field: folder.field,
        message: `${folder.mountPath} is mounted read-only, and ${name} mounts no folder of media it may write: it moves, hardlinks or copies each finished download into its library and renames it, and clears the download after, so every import fails`,
        hint: `leave ${folder.field} out: ${name} needs to write every folder of the media and downloads it imports between`,
      });
    }
  }

  /** Warns where an *arr app mounts its downloads and its library apart, so that no import can be a hardlink (see import-hardlinks); whether it did. */
  private reportSplitImportMounts(): boolean {
    const split = splitImportMounts(this.props.image, sharedFolderMounts(this.props.persistence, this.namespace));
    if (split === undefined) {
      return false;
    }
    const { mount, other, parent } = split;
    const folder = parent.slice((mount.filesystem ?? '').length).replace(/^\//, '');
    const below = mount.source.slice(parent.length);
    const at = mount.mountPath.endsWith(below) && mount.mountPath.length > below.length ? mount.mountPath.slice(0, mount.mountPath.length - below.length) : '/data';
    reportFinding(this, {
      layer: 'props', severity: 'warning', field: mount.field,
      message: `mounts ${mount.source.replace(/^[a-z]+:/, '')} at ${mount.mountPath} apart from ${other.source.replace(/^[a-z]+:/, '')} at ${other.mountPath} (persistence.${other.volume}), two mounts of one export: a hardlink cannot cross two mounts, so every import from the downloads into the library is a copy that takes its space twice`,
      hint: `mount the folder that holds both once, in place of the two: persistence: { data: { volume: AppVolume.nfs(<site>.nfs.${mount.exportName ?? '<export>'}${folder === '' ? '' : `, '${folder}'`}), mountPath: '${at}' } }, and the download client the same way, so downloads and library are one mount`,
    });
    return true;
  }

  /** Shared-folder mounts of this app already reported as leaving a caller's layout, by field. */
  private readonly mountsOutsideCallersLayout = new Set<string>();

  /**
   * Warns, once per mount, that this app mounts a folder at `mountPath` where `caller`, which calls it, sees it
   * at `expected` (inside a folder it mounts whole): the paths the two hand each other name nothing in the other's container.
   */
  private reportMountOutsideCallersLayout(mount: SharedFolderMount, expected: string, caller: string): void {
    if (this.mountsOutsideCallersLayout.has(mount.field)) {
      return;
    }
    this.mountsOutsideCallersLayout.add(mount.field);
    reportFinding(this, {
      layer: 'references', severity: 'warning', field: mount.field,
      message: `mounts ${mount.source.replace(/^[a-z]+:/, '')} at ${mount.mountPath}, and ${caller}, which calls it, sees that folder at ${expected}: the paths the two hand each other (a finished download's folder, where to save) name nothing in the other's container`,
      hint: `mount it where ${caller} sees it, at ${expected}, so the paths line up (as compose's one /data in every container), or map the paths in the app`,
    });
  }

  /** The ports of the pod a VPN sidecar's firewall keeps out (see vpnFirewallProblems); `rendered` are the containers' objects, in the order of `containers`. */
  private reportVpnFirewall(containers: readonly AppContainer[], rendered: readonly k8s.Container[]): void {
    const read = containers.map((c, i) => ({
      name: c.name, image: c.image, field: (prop: string) => `${this.writtenContainerPrefix(c)}${prop}`,
      env: new Map((rendered[i].env ?? []).flatMap((e) => (e.value !== undefined ? [[e.name, e.value] as const] : []))),
      referenced: new Set((rendered[i].env ?? []).filter((e) => e.valueFrom !== undefined).map((e) => e.name)),
      // A plain init container serves nothing while the pod runs.
      ports: c.role === 'init' ? [] : c.ports.filter((p) => typeof p.port === 'number').map((p) => ({ name: p.name, port: p.port })),
    }));
    const egress = Array.isArray(this.props.egress) ? this.props.egress as readonly ListedEgress[] : undefined;
    for (const problem of [...vpnFirewallProblems(read), ...vpnPortForwardingProblems(read), ...vpnTunnelEgressProblems(read, egress)]) {
      reportFinding(this, { layer: 'props', severity: 'error', ...problem });
    }
    if (read.some((c) => isGluetunImage(c.image))) {
      const ranges = rangesInForce(this.cluster, this.cluster.platform.preinstalled).inForce;
      // Cilium, installed by the library, replaces kube-proxy and translates a Service address in the pod itself.
      for (const problem of vpnOutboundProblems(read, this.calledInCluster(), ranges, this.cluster.cni?.name === 'cilium')) {
        reportFinding(this, { layer: 'props', ...problem });
      }
    }
  }

  /** The CIDR blocks of the cluster's pod ranges in force (none where the library does not know them). */
  private podRangeBlocks(): string[] {
    return rangesInForce(this.cluster, this.cluster.platform.preinstalled).inForce.filter((range) => range.what === 'pod range').map((range) => range.cidr);
  }

  /** What the app calls inside its cluster, for messages: the apps it links to, and the pods its `egress` names by namespace or labels. */
  private calledInCluster(): string[] {
    const apps = serversOf(this.cluster, this).map((server) => (server instanceof HomelabApp ? server.name : 'an app'));
    const pods = (Array.isArray(this.props.egress) ? this.props.egress : []).flatMap((peer, i) => ('cidr' in peer || isLinkedApp(peer) ? [] : [`the pods of egress[${i}]`]));
    return [...new Set([...apps, ...pods])];
  }

  /** `/dev/net/tun` given to containers (the main one unless `containers` names others) that may not create a tunnel on it: one error on `devices[<i>]`. */
  private reportTunWithoutNetAdmin(containers: readonly string[] | undefined, i: number): void {
    const all = [...this.mainContainers, ...this.initContainerList].map((c) => ({
      name: c.name, capabilities: c.exemptions.addCapabilities?.capabilities ?? [], privileged: c.exemptions.privileged !== undefined,
    }));
    // A container the app lacks is reported on the device's containers (see mountInto).
    const given = all.filter((c) => (Array.isArray(containers) ? containers : [this.name]).includes(c.name));
    const problem = tunCapabilityProblem(given, all);
    if (problem !== undefined) {
      reportFinding(this, { layer: 'props', severity: 'error', field: `devices[${i}]`, ...problem });
    }
  }

  /**
   * A volume added with `addVolume`, or an entry of `persistence` without `mountPath` or `mounts`, that no
   * container mounts is in the pod for nothing: most often its mount was forgotten (data or a cache that then
   * lands on the read-only root, a claim that keeps nothing). A warning, not an error: a JSON patch of the
   * workload may still mount it.
   */
  private warnUnmountedVolumes(): void {
    const mounted = new Set([...this.mainContainers, ...this.initContainerList].flatMap((c) => c.mounts.map((m) => m.volume)).concat([...this.volumesMountedIntoNoContainer]));
    for (const name of this.volumeSources.keys()) {
      if (this.props.persistence?.[name] && !mounted.has(name)) {
        reportFinding(this, {
          layer: 'props', severity: 'warning', field: `persistence.${name}`,
          message: `persistence.${name} has no mountPath and no mounts, and no container mounts it: the volume is in the pod for nothing`,
          hint: `mount it where the app keeps that data: persistence: { ${name}: { volume, mountPath: '/${name}' } }, or mounts: [{ mountPath, subPath }] for folders of it`,
        });
      } else if (!this.props.persistence?.[name] && !mounted.has(name)) {
        reportFinding(this, {
          layer: 'props', severity: 'warning', field: `addVolume(${name})`,
          message: `volume "${name}" is added to the pod, and no container mounts it`,
          hint: `mount it: addVolume('${name}', volume, { mountPath: '/…' }), or mount('${name}', '/…', { container }) for another container; or drop the call`,
        });
      }
    }
  }

  /**
   * The owner's step that makes the folder `path` of an NFS export for volume `volume`. An in-tree NFS volume
   * keeps the owners the server gives its files (the pod's fsGroup does not reach them), so the step names the
   * user the app's files are written as: the folder goes to that user where a mount writes, and stays readable
   * by it where every mount reads only. An app run as root without a `PUID` keeps the step's general wording.
   */
  private nfsFolderStep(volume: string, path: string, server: string, exemptions: SecurityExemptions): { action: string; command?: string } {
    const mounts = [...this.mainContainers, ...this.initContainerList].flatMap((c) => c.mounts.filter((m) => m.volume === volume));
    const writes = mounts.some((m) => m.readOnly !== true);
    const paths = [...new Set(mounts.map((m) => m.mountPath))].join(' and ');
    const where = `${this.name} mounts it${paths === '' ? '' : ` at ${paths}`}${writes || mounts.length === 0 ? '' : ', read-only'}`;
    const made = `create the folder ${path} on NFS server ${server} if it does not exist`;
    // A linuxserver.io image, started as root, writes as PUID:PGID; any other app as the pod's user.
    const main = this.mainContainers[0];
    const [user, group] = exemptions.runAsRoot !== undefined
      ? [main?.envText('PUID'), main?.envText('PGID') ?? main?.envText('PUID')]
      : [String(this.props.runAsUser ?? 1000), String(this.props.runAsGroup ?? 1000)];
    if (user === undefined || !/^\d+$/.test(user) || group === undefined || !/^\d+$/.test(group)) {
      return { action: `${made}, with the access its users need (${where})` };
    }
    return writes
      ? {
        action: `${made}, and give it, with everything in it, to uid ${user}, the user ${this.name} writes it as, as root on that server (${where})`,
        command: `mkdir -p ${path} && chown -R ${user}:${group} ${path}`,
      }
      : { action: `${made}, with its files readable by uid ${user}, the user ${this.name} reads them as (${where})` };
  }

  private renderVolume(name: string, source: AppVolume, exemptions: SecurityExemptions): k8s.Volume | undefined {
    switch (source.type) {
      case 'claim': {
        const claimName = this.addClaim(name, source.claim);
        if (claimName === undefined) {
          noteRefusedClaim(this.cluster, source);
        }
        return claimName ? { name, persistentVolumeClaim: { claimName } } : standInVolume(name);
      }
      case 'existingClaim':
        // A claim shared from an app that could make none is reported there, not again as a missing claim here.
        return sharesRefusedClaim(source) ? standInVolume(name) : { name, persistentVolumeClaim: { claimName: source.claimName } };
      case 'nfs':
        if (this.controller.kind === 'KnativeService') {
          // Knative's CRD schema and webhook take claims and a few other sources, never an nfs one.
          reportFinding(this, {
            layer: 'props', severity: 'error', field: this.volumeField(name),
            message: `a Knative Service mounts no NFS volume (Knative takes claims, ConfigMaps, Secrets and a few other sources), so ${source.export.name} cannot be mounted as written`,
            hint: `bind the export to a claim and mount that: new StaticNfsVolume(scope, '${name}', { export, capacity, claim: { name, namespace: '${this.namespace}', size } }), then volume: <it>.volume`,
          });
          return standInVolume(name);
        }
        reportForeignNfsExport(this, this.volumeField(name), source.export, this.cluster.site);
        this.reportDatabaseOnNfsExport(name, `${source.export.mountServer}:${source.path}`);
        if (source.path !== String(source.export.path)) {
          // The server exports its root; a folder under it is the owner's to make, or the mount fails and the pod
          // waits in ContainerCreating: made before the first sync, ahead of the steps that use the running pod.
          leaveOwnerAction(this, { kind: 'manual', ...this.nfsFolderStep(name, source.path, String(source.export.server), exemptions), beforeFirstSync: true });
        }
        return { name, nfs: { server: source.export.mountServer, path: source.path } };
      case 'hostPath':
        // One mistake, one error: a NAS's folder given as a host path is reported as such (checkHostPathsElsewhere),
        // and the pod-security check would report the undeclared hostPath volume again.
        return typeof source.path === 'string' && this.nasExportOfHostPath(source.path) !== undefined
          ? standInVolume(name) : { name, hostPath: { path: source.path, type: source.hostPathType } };
      case 'emptyDir':
        return {
          name,
          emptyDir: {
            medium: source.emptyDir.memory ? 'Memory' : undefined,
            sizeLimit: source.emptyDir.sizeLimit ? quantity(parseSize(source.emptyDir.sizeLimit, `${this.volumeField(name)}.emptyDir.sizeLimit`, this)) : undefined,
          },
        };
      case 'configMap':
        return { name, configMap: { name: source.configMapName } };
      case 'secret':
        return { name, secret: { secretName: source.secretName } };
      case 'secretsStore':
        return { name, csi: { driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: source.secretProviderClass } } };
    }
  }

  /** The spec of a claim on a storage tier, or undefined when the tier does not exist. */
  private claimSpec(volumeName: string, claim: Extract<AppVolume, { type: 'claim' }>['claim']): k8s.PersistentVolumeClaimSpec | undefined {
    const tier = this.cluster.tier(claim.tier);
    if (!tier) {
      // A claim without its tier (from JavaScript) names none: no tier "undefined" would read as a tier of that name.
      const named = typeof claim.tier === 'string';
      const tiers = this.cluster.tierNames;
      reportFinding(this, {
        layer: 'references', severity: 'error', field: `${this.volumeField(volumeName)}.claim.tier`,
        message: named ? `cluster "${this.cluster.clusterName}" has no storage tier "${claim.tier}"`
          : 'AppVolume.claim() was given no tier',
        hint: named || tiers.length === 0 ? this.cluster.unknownTierHint(named ? claim.tier : 'fast')
          : `name one of the cluster's storage tiers (${tiers.join(', ')}): AppVolume.claim({ tier: '${tiers[0]}', size: '10Gi' })`,
      });
      return undefined;
    }
    const accessMode = claim.accessMode ?? 'ReadWriteOnce';
    const unserved = tierAccessModeProblem(claim.tier, tier, accessMode);
    if (unserved !== undefined) {
      reportFinding(this, { layer: 'references', severity: 'error', field: `${this.volumeField(volumeName)}.claim.accessMode`, ...unserved });
    }
    // Reported here, on the prop: the claims this app renders are left out of the check of hand-written ones.
    noteClaimModesChecked(this);
    const database = this.databaseDataOn(volumeName);
    const onNfs = database === undefined ? undefined : nfsTierProblem(claim.tier, tier, database);
    if (onNfs !== undefined) {
      reportFinding(this, { layer: 'references', severity: 'error', field: `${this.volumeField(volumeName)}.claim.tier`, ...onNfs });
    }
    return {
      accessModes: [accessMode],
      resources: { requests: { storage: quantity(parseSize(claim.size, `${this.volumeField(volumeName)}.claim.size`, this)) } },
      storageClassName: storageClassNameOf(tier),
    };
  }

  /** An error where a database server's data (or an app's SQLite database) is mounted straight from an NFS export, as on an NFS tier's claim. */
  private reportDatabaseOnNfsExport(volumeName: string, exported: string): void {
    const database = this.databaseDataOn(volumeName);
    if (database !== undefined) {
      // A tier of the cluster on the nodes' own disks takes the data, where there is one.
      const local = this.cluster.tierNames.find((name) => {
        const tier = this.cluster.tier(name);
        return tier !== undefined && nfsExportOfTier(tier) === undefined;
      });
      reportFinding(this, {
        layer: 'references', severity: 'error', field: this.volumeField(volumeName),
        message: `the volume is the NFS export ${exported}, and ${database}`,
        hint: `keep the data on a claim of a tier on a disk of the node (${local !== undefined ? `AppVolume.claim({ tier: '${local}', size })` : 'AppVolume.claim({ tier, size }) of localPathStorage(), a ZFS pool or a block-storage class'}), and write its backups to the export`,
      });
    }
  }

  /** Why the volume `volumeName` may not live on NFS, when the main container is a database server that keeps its data on it. */
  private databaseDataOn(volumeName: string): string | undefined {
    const entry = this.props.persistence?.[volumeName];
    if (entry === undefined || (entry.containers !== undefined && !entry.containers.includes(this.name))) {
      return undefined;
    }
    const mountPaths = [entry.mountPath, ...(entry.mounts ?? []).map((m) => m.mountPath)].filter((p): p is string => typeof p === 'string');
    return databaseDataOnVolume(String(this.props.image), this.props.env ?? {}, mountPaths);
  }

  /** A new claim on a storage tier; returns its name, or undefined when the tier does not exist. */
  private addClaim(volumeName: string, claim: Extract<AppVolume, { type: 'claim' }>['claim']): string | undefined {
    const spec = this.claimSpec(volumeName, claim);
    const claimName = claim.claimName ?? `${this.name}-${volumeName}`;
    if (!spec) {
      // The tier is the one error: another app that mounts the claim by its name finds it, as synth writes nothing.
      declareControllerMade(this, { claims: [{ namespace: this.namespace, name: claimName }] });
      return undefined;
    }
    const object = new ApiObject(this, `claim-${volumeName}`, {
      apiVersion: 'v1', kind: 'PersistentVolumeClaim',
      metadata: { name: claimName, namespace: this.namespace, labels: this.labels },
      spec: plainJson(spec),
    });
    noteWrittenProps(this, object, () => [{ field: 'spec.resources.requests.storage', prop: `${this.volumeField(volumeName)}.claim.size` }]);
    return claimName;
  }

  /** Where the app's pods may run among the cluster's hosts. */
  private placement(): ResolvedPlacement {
    return resolvePlacement(this.cluster.hosts, { ...this.props.placement, gpu: this.props.gpu?.vendor ?? this.props.placement?.gpu });
  }

  /**
   * The hosts the app's pods may run on when they use the host's network (`exemptions.hostNetwork`), else
   * undefined: their traffic carries the node's address, so a policy admitting the app admits those hosts.
   * @internal
   */
  public hostNetworkHosts(): readonly Host<any, any>[] | undefined {
    return this.props.exemptions?.hostNetwork !== undefined ? this.placement().candidates : undefined;
  }

  /**
   * The GPU request as rendered: more GPUs than any host of the cluster has is reported on `gpu.count`, which
   * the user wrote, and the most a host has stands in for it, so the rendered limit is not reported again.
   */
  private gpuThatFits(request: GpuRequest): GpuRequest {
    const most = Math.max(0, ...this.cluster.hosts.map((h) => h.gpuCount(request.vendor)));
    const count = request.count ?? 1;
    if (most === 0 || count <= most) {
      return request;
    }
    reportFinding(this, {
      layer: 'inventory', severity: 'error', field: this.gpuProp ?? 'gpu.count',
      message: `asks for ${count} ${GPU_VENDOR_NAMES[request.vendor]} GPUs; no host of cluster "${this.cluster.clusterName}" has more than ${most}`,
      hint: `ask for at most ${most}, or list every ${GPU_VENDOR_NAMES[request.vendor]} GPU of a host in its gpus in the inventory`,
    });
    return { ...request, count: most };
  }

  /**
   * Reports a GPU whose every host the pods may run on gives its GPUs of that vendor to KubeVirt VMs: the host
   * binds them to vfio-pci, so the vendor's device plugin advertises none and the pods wait in Pending. Whether reported.
   */
  private reportGpusHeldByVms(vendor: GpuVendor, placement: ResolvedPlacement): boolean {
    const equipped = placement.candidates.filter((h) => h.hasGpu(vendor));
    if (equipped.length === 0 || equipped.some((h) => servesGpusToPods(this.cluster, h, vendor))) {
      return false;
    }
    reportFinding(this, {
      layer: 'inventory', severity: 'error', field: this.gpuProp ?? 'gpu',
      message: `the ${GPU_VENDOR_NAMES[vendor]} GPU${equipped.length === 1 ? '' : 's'} of ${equipped.map((h) => h.name).join(', ')} ${equipped.length === 1 ? 'is' : 'are'} given to a KubeVirt VM (hostDevices), which binds ${equipped.length === 1 ? 'it' : 'them'} to vfio-pci: no container can use ${equipped.length === 1 ? 'it' : 'them'}, and the pods would wait in Pending`,
      hint: 'give the GPU to the VM or to the app, not both; or list another GPU of the host in its gpus, of another PCI ID',
    });
    return true;
  }

  /**
   * Replicas that ask for more GPUs, together, than the hosts they may run on have: the API server takes
   * them, and the pods past the GPUs wait in Pending for good. Each pod takes `count` of the devices the
   * vendor's plugin advertises on one host (a GPU shared by several pods is as many devices). Whether reported.
   */
  /** Pods of `count` GPUs each that the GPUs of the hosts the app may run on hold at once, as the vendor's plugin advertises them. */
  private gpuPodsThatFit(count: number, placement: ResolvedPlacement): number {
    const vendor = this.props.gpu!.vendor;
    const shares = podsPerGpu(this.cluster, vendor);
    return placement.candidates.reduce((pods, h) => pods + Math.floor((h.gpuCount(vendor) * shares) / count), 0);
  }

  private checkGpuReplicas(count: number, placement: ResolvedPlacement): boolean {
    const vendor = this.props.gpu!.vendor;
    const fits = this.gpuPodsThatFit(count, placement);
    if (!hasReplicas(this.controller) || fits === 0 || this.replicas <= fits) {
      return false;
    }
    reportFinding(this, {
      layer: 'inventory', severity: 'error', field: this.replicasField,
      message: `${this.replicas} replicas ask for ${count} ${GPU_VENDOR_NAMES[vendor]} GPU${count === 1 ? '' : 's'} each; the hosts they may run on have GPUs for ${fits} such pod${fits === 1 ? '' : 's'}, so the others would wait in Pending`,
      hint: `run at most ${fits} replica${fits === 1 ? '' : 's'}, or list the GPUs of more hosts in the inventory`,
    });
    return true;
  }

  /**
   * Reports a container image built for one architecture (`…:1.2.3-arm64`) that its pods may run on hosts of
   * another: the placement's hosts, or when it states none, every host whose taints do not keep the pods off;
   * a CUDA build those hosts may run without an NVIDIA GPU; and a linuxserver.io mod built for one of them.
   */
  private checkImageArch(placement: ResolvedPlacement): void {
    const runsOn = this.hostsRunOn(placement);
    for (const container of [...this.mainContainers, ...this.initContainerList]) {
      checkImagePlatforms(this, container.propField('image'), container === this.container && this.imagePlatforms !== undefined
        ? pinnedImage(container.image, this.imagePlatforms) : container.image, runsOn);
      const oldArm = mongodbArmCpuProblem(imageRef(container.image), runsOn);
      if (oldArm !== undefined) {
        reportFinding(this, { layer: 'inventory', severity: 'error', field: container.propField('image'), ...oldArm });
      }
      const cuda = cudaWithoutGpuProblem(imageRef(container.image), runsOn);
      if (cuda !== undefined) {
        reportFinding(this, { layer: 'inventory', severity: 'warning', field: container.propField('image'), ...cuda });
      }
      const mod = dockerModArchProblem(imageRef(container.image), container.envText(DOCKER_MODS), runsOn);
      if (mod !== undefined) {
        reportFinding(this, { layer: 'inventory', severity: 'error', field: container.propField(`env.${DOCKER_MODS}`), ...mod });
      }
    }
  }

  /**
   * Reports a DHCP server on the host's network (a UDP port 67) that runs as more than one pod: several replicas
   * on hosts of one segment, or a DaemonSet on each host it may run on. Each server keeps a lease database of its
   * own and answers every request it hears, so two hand one address to two devices. On `replicas`, or on
   * `controller` for a DaemonSet.
   */
  private checkDhcpServers(placement: ResolvedPlacement): void {
    if (this.props.exemptions?.hostNetwork === undefined || !this.ports.some((port) => port.protocol === 'UDP' && port.port === 67)) {
      return;
    }
    const daemonSet = this.controller.kind === 'DaemonSet';
    const pods = daemonSet ? this.hostsRunOn(placement).length : this.replicas;
    if (pods <= 1) {
      return;
    }
    reportFinding(this, {
      layer: 'props', severity: 'error', field: daemonSet ? 'controller' : this.replicasField,
      message: `the app serves DHCP on the host's network (UDP 67) from ${daemonSet ? `a pod on each of ${pods} hosts` : `${pods} replicas`}: each server keeps its own leases and answers every request it hears, `
        + 'so two of them hand one address to two devices of the LAN',
      hint: daemonSet
        ? 'run one DHCP server: AppController.deployment() with replicas: 1 (on a host of the segment: placement: { host })'
        : "run one DHCP server: replicas: 1; for a standby, a second app configured as the first one's failover peer (ISC dhcpd's failover, Kea's high availability)",
    });
  }

  /** The hosts the pods may run on: the placement's, or when it states none, every host whose taints do not keep them off. */
  private hostsRunOn(placement: ResolvedPlacement): readonly Host<any, any>[] {
    const everyNode = this.controller.kind === 'DaemonSet' && this.controller.props?.everyNode === true;
    return everyNode ? this.cluster.hosts : placement.constrained ? placement.candidates
      : placement.candidates.filter((h) => !h.taints.some((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute'));
  }

  /**
   * Reports a radio receiver that opens, on the one host it runs on, the dongle a receiver declared before it opens
   * there too (by the same serial or index, librtlsdr's first when neither names one): a dongle is claimed by one
   * program at a time, so this one fails to claim it and restarts for ever. On the USB device tree it is given.
   */
  private checkSharedDongle(placement: ResolvedPlacement): void {
    const devices = Array.isArray(this.props.devices) ? this.props.devices : [];
    const at = devices.findIndex((d) => d?.type === 'hostDevice' && typeof d.path === 'string' && isUsbDeviceTree(d.path));
    const dongle = at < 0 ? undefined : dongleOpened(this.props, this.name);
    const runsOn = this.hostsRunOn(placement);
    if (dongle === undefined || runsOn.length !== 1) {
      return;
    }
    this.dongle = { name: dongle, host: runsOn[0].name };
    const holder = this.cluster.node.findAll().find((c): c is HomelabApp => c instanceof HomelabApp && c !== this && c.dongle?.name === dongle && c.dongle.host === runsOn[0].name);
    if (holder !== undefined) {
      reportFinding(this, {
        layer: 'inventory', severity: 'error', field: `devices[${at}]`,
        message: `the app's receiver opens ${dongleText(dongle)} on ${runsOn[0].name}, which app ${holder.name} opens there already: `
          + 'librtlsdr lets one program claim a dongle at a time, so this one fails to claim it and restarts for ever',
        hint: "give each receiver a dongle of its own by its serial (rtl_eeprom -s sets one): READSB_RTLSDR_DEVICE: '<serial>' for readsb, args ['-d', ':<serial>'] for rtl_433, ['-d', '<serial>'] for AIS-catcher",
      });
    }
  }

  /**
   * Reports a device mounted from the host that is missing where the pods may run: a `/dev/dri` device
   * (`AppDevice.dri()`) on hosts that have no GPU in the inventory, and a device plugged into one machine (a
   * USB serial adapter such as a Zigbee or Z-Wave stick, a Coral PCIe card) when the pods may run on more hosts
   * than one. Where the device is missing the kubelet's type check of the hostPath volume keeps the pod from
   * starting, and the scheduler, which knows nothing of the path, may well put it there. A placement no host
   * meets is reported on the placement already. One placement answers every device, so the first device
   * found missing somewhere is the one reported.
   */
  private checkDeviceHosts(placement: ResolvedPlacement): void {
    const runsOn = this.hostsRunOn(placement);
    let reported = false;
    const givesOneMachineDevice = (this.props.devices ?? []).some((device) => device.type === 'hostDevice' && isOneMachineDevice(device.path));
    (this.props.devices ?? []).forEach((device, i) => {
      if (device.type !== 'hostDevice' || runsOn.length === 0 || reported) {
        return;
      }
      // The USB device tree is on every host, but the SDR dongle or the Coral it holds for the app is plugged into
      // one (a DaemonSet is left alone: each node may have a device of its own). Beside a device plugged into one
      // machine for sure (a Coral PCIe card), that device is the one reported: placing the app answers both.
      const tree = isUsbDeviceTree(device.path) && this.controller.kind !== 'DaemonSet' && !givesOneMachineDevice ? usbTreeDeviceOf(this.props, this.name) : undefined;
      const missing = tree?.missing ?? 'the kubelet finds no such device and the pod never starts';
      const what = tree === undefined ? `${device.path} is a device plugged into one machine` : `${device.path} holds ${tree.holds}, which is plugged into one machine`;
      // The hosts whose inventory lists a USB device (one that may be the tree's) are where it is likely plugged in; a
      // Coral PCIe card is no USB device, and those hosts say nothing of where it is.
      const listedAs = isUsbSerialDevice(device.path) ? () => true : tree?.listedAs;
      const listedOn = (h: Host<any, any>) => (listedAs === undefined ? [] : Object.entries<VmHostDevice>(h.usb).filter(([, d]) => listedAs(d)).map(([name]) => name));
      const lists = (h: Host<any, any>) => listedOn(h).length > 0;
      if ((isOneMachineDevice(device.path) || tree !== undefined) && runsOn.length > 1) {
        const withUsb = runsOn.filter(lists);
        reportFinding(this, {
          layer: 'inventory', severity: 'error', field: `devices[${i}]`,
          message: `${what}, and the pods may run on any of ${runsOn.map((h) => h.name).join(', ')}: `
            + `the scheduler does not know where the device is, and on the other hosts ${missing}`,
          hint: `place the app on the host the device is plugged into: placement: { host: ${withUsb.length === 1 ? withUsb[0].name : runsOn[0].name} }`,
        });
        reported = true;
        return;
      }
      const elsewhere = runsOn.length === 1 && !lists(runsOn[0]) ? this.cluster.hosts.filter(lists) : [];
      if (elsewhere.length > 0) {
        // The inventory lists the USB devices of the hosts they are plugged into: a host that lists none has no stick.
        reportFinding(this, {
          layer: 'inventory', severity: 'error', field: `devices[${i}]`,
          message: `${tree === undefined ? `${device.path} is a USB device plugged into one machine` : what}, and the pods run on ${runsOn[0].name}, whose inventory lists no ${tree?.listed ?? 'USB device'}, `
            + `while ${elsewhere.map((h) => `${h.name}'s lists ${listedOn(h).join(', ')}`).join(' and ')}: on ${runsOn[0].name} ${missing}`,
          hint: `place the app on the host the device is plugged into: placement: { host: ${elsewhere[0].name} }; or, if it is plugged into ${runsOn[0].name}, list it there: usbDevices: { <name>: { vendorId, productId } }`,
        });
        reported = true;
        return;
      }
      // A Raspberry Pi is the one arm64 board whose chips these are; an amd64 host has none of them.
      const notPis = isRaspberryPiDevice(device.path) ? runsOn.filter((h) => h.arch !== 'arm64') : [];
      if (notPis.length > 0) {
        reportFinding(this, {
          layer: 'inventory', severity: 'error', field: `devices[${i}]`,
          message: `${device.path} is a device of a Raspberry Pi's own chips, and the pods may run on ${notPis.map((h) => `${h.name} (${h.arch})`).join(', ')}, `
            + `which ${notPis.length === 1 ? 'has' : 'have'} no such device: there the kubelet finds none and the pod never starts`,
          hint: "place the app on the Raspberry Pis: placement: { arch: 'arm64' }, or placement: { host: <the Pi the hardware is wired to> }",
        });
        reported = true;
        return;
      }
      if (!/^\/dev\/dri(\/|$)/.test(device.path)) {
        return;
      }
      const without = runsOn.filter((h) => h.gpus.length === 0 && !h.gpusMisdeclared);
      if (without.length === 0) {
        return;
      }
      const vendors = [...new Set(this.cluster.hosts.flatMap((h) => h.gpus.map((g) => g.vendor)))].filter((v) => v !== 'nvidia');
      const withGpu = this.cluster.hosts.filter((h) => h.gpus.length > 0).map((h) => h.name);
      reportFinding(this, {
        layer: 'inventory', severity: 'error', field: `devices[${i}]`,
        message: `${device.path} is mounted from the host, and the pods may run on ${without.map((h) => h.name).join(', ')}, which ${without.length === 1 ? 'has' : 'have'} no GPU in the inventory: there the kubelet finds no such device and the pod never starts`,
        hint: withGpu.length === 0
          ? "list the host's GPU in the inventory (gpus: [{ vendor: 'intel' }]) and place the app there"
          : `place the app on a host with a GPU (${withGpu.join(', ')}): placement: { ${vendors.length === 1 ? `gpu: '${vendors[0]}'` : `host: ${withGpu[0]}`} }`,
      });
      reported = true;
    });
  }

  /**
   * Warns of a host folder of data (a hostPath volume outside the node's own trees, see {@link isNodeTree})
   * whose pods may run on several hosts: each node has a folder of its own under that path, so a pod moved to
   * another node finds other files, and two apps that mount it to share their files (the *arr apps and a media
   * server on /mnt/media) may see two folders. A DaemonSet's pods are meant to read each node's own.
   */
  private checkHostFolderHosts(placement: ResolvedPlacement): void {
    const runsOn = this.hostsRunOn(placement);
    if (this.controller.kind === 'DaemonSet' || runsOn.length < 2) {
      return;
    }
    // A NAS's folder given as a host path is that one error (checkHostPathsElsewhere), not a folder to place by.
    const folders = [...this.volumeSources].flatMap(([name, source]) => (source.type === 'hostPath' && typeof source.path === 'string' && source.path.startsWith('/')
      && !isNodeTree(source.path) && this.nasExportOfHostPath(source.path, placement) === undefined ? [{ name, path: source.path }] : []));
    if (folders.length === 0) {
      return;
    }
    // One placement answers them all: one warning, on the first folder.
    const paths = folders.map((f) => f.path).join(', ');
    for (const problem of inPropTerms(this.props, [{
      field: this.volumeField(folders[0].name),
      message: `the host folder${folders.length > 1 ? 's' : ''} ${paths} ${folders.length > 1 ? 'are those' : 'is the folder'} of whichever node a pod lands on, and the pods may run on ${runsOn.map((h) => h.name).join(', ')}: a pod moved to another node finds that node's files, or none`,
      hint: `place the app on the host that holds ${folders.length > 1 ? 'them' : 'the folder'}: placement: { host: ${runsOn[0].name} }; or mount an NFS export in place of the folder`,
    }])) {
      reportFinding(this, { layer: 'inventory', severity: 'warning', ...problem });
    }
  }

  /**
   * The site's NFS export, by name, that a host path is a folder of as the NAS names it (`/volume1/media`), when no
   * host the app's pods may run on (under `placement`, the app's own unless given) serves that export: the path then
   * names the NAS's folder, not one of the node's.
   */
  private nasExportOfHostPath(hostPath: string, placement: ResolvedPlacement = this.placement()): [string, NfsExport] | undefined {
    const path = hostPath.replace(/(.)\/+$/, '$1');
    const runsOn = this.hostsRunOn(placement);
    return Object.entries(this.cluster.site.nfs as Record<string, NfsExport>).find(([, e]) => typeof e.path === 'string' && e.path.startsWith('/')
      && (path === e.path.replace(/(.)\/+$/, '$1') || path.startsWith(`${e.path.replace(/\/+$/, '')}/`))
      && !runsOn.some((h) => h.addresses.includes(e.server) || h.name === e.server || h.services.includes('nfs-server')));
  }

  /**
   * Reports host paths carried over from a compose file that the nodes do not have: Docker's socket or data folder, where a
   * host the pods may run on does not list `docker` among its services (a Kubernetes node runs its pods with containerd,
   * which serves no Docker API), and a folder of an NFS export of the site as the NAS names it
   * (`/volume1/media`), which is on the NAS, not on a node that does not serve the export. The API server takes
   * both; the kubelet then finds no socket (the pod never starts) or makes an empty folder on the node's disk
   * (the app writes there, not to the NAS). One problem per app, on the first such volume.
   */
  private checkHostPathsElsewhere(placement: ResolvedPlacement): void {
    const runsOn = this.hostsRunOn(placement);
    if (runsOn.length === 0) {
      return;
    }
    for (const [name, source] of this.volumeSources) {
      if (source.type !== 'hostPath' || typeof source.path !== 'string') {
        continue;
      }
      const path = source.path.replace(/(.)\/+$/, '$1');
      let problem: { message: string; hint: string } | undefined;
      const docker = dockerHostPath(path);
      const withoutDocker = docker === undefined ? [] : runsOn.filter((h) => !runsDocker(h));
      if (withoutDocker.length > 0) {
        problem = {
          message: `host path ${path} is ${docker}, and the pods may run on ${runsOn.map((h) => h.name).join(', ')}, of which ${withoutDocker.map((h) => h.name).join(', ')} list${withoutDocker.length === 1 ? 's' : ''} no docker among its services: `
            + 'a Kubernetes node runs its pods with containerd, which serves no Docker API and keeps no Docker data, so the kubelet finds nothing there and the pod never starts',
          hint: 'drop the mount: an app that manages or watches containers through Docker (Watchtower, Portainer, Dozzle, cAdvisor) has nothing to read here '
            + '(the kubelet reports each container\'s use already: kube-prometheus-stack scrapes it); '
            + "let Renovate update the images in Git in Watchtower's place, and give a dashboard that reads the cluster a serviceAccount with its rules; "
            + "if a host does run Docker beside Kubernetes, list it (services: ['docker']) and place the app there",
        };
      } else {
        const exported = this.nasExportOfHostPath(path, placement);
        if (exported !== undefined) {
          const inside = path.slice(exported[1].path.replace(/\/+$/, '').length).replace(/^\/+/, '');
          problem = {
            message: `host path ${path} is a folder of the site's NFS export ${exported[0]} (${exported[1].server}:${exported[1].path}), as the NAS names it; `
              + `the nodes the pods may run on (${runsOn.map((h) => h.name).join(', ')}) do not hold it, so the kubelet would make an empty folder on the node's disk and the app would write there`,
            hint: `mount the export itself: persistence: { ${name}: { volume: AppVolume.nfs(<site>.nfs.${exported[0]}${inside === '' ? '' : `, '${inside}'`}), mountPath: … } } (and drop exemptions.hostPath if nothing else needs it)`,
          };
        }
      }
      if (problem !== undefined) {
        for (const note of inPropTerms(this.props, [{ field: this.volumeField(name), ...problem }])) {
          reportFinding(this, { layer: 'inventory', severity: 'error', ...note });
        }
        return;
      }
    }
  }

  /**
   * Reports an app placed on several hosts by name (`placement.hosts`) whose claim lives on one node's disks: a
   * ZFS pool's (on the pool's host: an error, as the other hosts listed can never run it) or local-path's (on the
   * node its volume is first made on, whose node affinity keeps every later pod there: a warning, as the first pod
   * may land on any of them). Either way no host takes the app over from another: a failover that never happens.
   * One placement answers every claim, so the first is named.
   */
  private checkNodeLocalClaimHosts(placement: ResolvedPlacement): void {
    const listed = this.props.placement?.hosts;
    const runsOn = this.hostsRunOn(placement);
    if (!Array.isArray(listed) || listed.length < 2 || runsOn.length < 2) {
      return;
    }
    for (const [name, source] of this.volumeSources) {
      const tier = source.type === 'claim' ? this.cluster.tier(source.claim.tier) : undefined;
      const pool = tier instanceof ZfsPool ? tier : undefined;
      if (tier === undefined || (pool === undefined && !isNodeLocalClass(storageClassNameOf(tier), () => undefined))) {
        continue;
      }
      const where = pool !== undefined ? `in ZFS pool ${pool.name} of ${pool.host.name}, so the pods run on ${pool.host.name} alone and never on ${runsOn.filter((h) => h !== pool.host).map((h) => h.name).join(', ')}`
        : 'on local-path, a folder of the node its volume is first made on, whose node affinity keeps every later pod on that one node';
      for (const problem of inPropTerms(this.props, [{
        field: 'placement.hosts',
        message: `the app is placed on ${runsOn.map((h) => h.name).join(', ')}, but its claim ${this.volumeField(name)} lives ${where}: no other host takes the app over, and the one that fails takes it down with its data`,
        hint: `place it on the host that keeps the data: placement: { host: ${pool?.host.name ?? `${runsOn[0].name} }, or the one its volume is on already`}${pool !== undefined ? ' }' : ''}; `
          + 'or keep the data on a tier every listed host mounts (nfsStorage(site.nfs.<name>), or a class of network disks)',
      }])) {
        // A pool of one host leaves the others listed unusable; local-path lets the first pod pick its node, and no other after it.
        reportFinding(this, { layer: 'inventory', severity: pool !== undefined ? 'error' : 'warning', ...problem });
      }
      return;
    }
  }

  /** The pod spec: secure defaults, the containers, and what the inventory derives (placement, GPU). */
  private podSpec(exemptions: SecurityExemptions, volumes: k8s.Volume[], volumeNames: ReadonlySet<string>): k8s.PodSpec {
    const props = this.props;
    const placement = this.placement();
    reportUnmetPlacement(this, placement, 'placement', this.cluster.clusterName, this.cluster.hosts, props.gpu ? this.gpuProp ?? 'gpu' : (this.gpuPlacementFromProp && this.gpuProp) || 'placement.gpu');
    reportDistributionTaintedPlacement(this, placement, props.placement?.host ? 'placement.host' : 'placement', this.cluster);
    const pinned = renderPlacement(placement, props.pinWith);
    this.checkImageArch(placement);
    this.checkDeviceHosts(placement);
    this.checkSharedDongle(placement);
    this.checkDhcpServers(placement);
    this.checkHostFolderHosts(placement);
    this.checkHostPathsElsewhere(placement);
    this.checkNodeLocalClaimHosts(placement);
    // A vendor no host has is one error (above, on gpu): no device plugin or RuntimeClass is asked for on top.
    const gpuHost = props.gpu !== undefined && this.cluster.hosts.some((h) => h.hasGpu(props.gpu!.vendor));
    const fitting = props.gpu && gpuHost ? this.gpuThatFits(props.gpu) : undefined;
    // A GPU every host of the app gives to VMs is one error: no device plugin or RuntimeClass serves it there.
    const heldByVms = props.gpu !== undefined && fitting !== undefined && this.reportGpusHeldByVms(props.gpu.vendor, placement);
    const gpu = fitting && !heldByVms ? renderGpu(fitting) : undefined;
    if (props.gpu && fitting && !heldByVms) {
      // A surged pod asks for GPUs of its own while the old ones hold theirs: with no GPU to spare for it,
      // a rolling update waits in Pending for good.
      this.rolloutWaitsForGpu = hasReplicas(this.controller) && this.gpuPodsThatFit(fitting.count ?? 1, placement) <= this.replicas;
      reportUnservedGpu(this, this.cluster, props.gpu, this.gpuProp ?? 'gpu');
      if (!this.checkGpuReplicas(fitting.count ?? 1, placement) && hasReplicas(this.controller)) {
        recordGpuDemand(this, this.cluster, {
          field: this.gpuProp ?? 'gpu', vendor: props.gpu.vendor, devices: this.replicas * (fitting.count ?? 1), defaultGpuMemory: takesDefaultGpuMemory(props),
        });
      }
    }
    const extraLimits: Record<string, number> = { ...gpu?.limits };
    (props.devices ?? []).forEach((device, i) => {
      if (device.type === 'plugin') {
        extraLimits[device.resource] = device.count;
        reportUnservedDevice(this, this.cluster, device.resource, `devices[${i}]`);
      } else {
        const containers = device.containers ?? [undefined];
        containers.forEach((container, j) => this.mountInto(deviceVolumeName(device.path), device.path, { container }, `devices[${i}].containers[${j}]`));
      }
    });
    const asRoot = exemptions.runAsRoot !== undefined;
    const gpuGroups = gpu && props.gpu ? this.gpuGroups(props.gpu, asRoot) : [];
    const user = asRoot ? 0 : props.runAsUser ?? 1000;
    const group = asRoot ? 0 : props.runAsGroup ?? 1000;
    const hostNetwork = exemptions.hostNetwork !== undefined;
    const anyRoot = asRoot || [...this.mainContainers, ...this.initContainerList].some((c) => c.runsAsRoot);
    const knative = this.controller.kind === 'KnativeService';
    // A container without its own user runs as the app's non-root one: the pod's root, where the app is
    // exempt, is its main container's alone, and under the container's runAsNonRoot the kubelet refuses uid 0.
    const context = { scope: this, namespace: this.namespace, volumeNames, scratchVolume: this.scratchVolumeName(), runAsUser: props.runAsUser ?? 1000, runAsGroup: props.runAsGroup ?? 1000, runsToCompletion: runsToCompletion(this.controller), knative,
      followsMovingTags: exemptions.floatingImage !== undefined, appNamespaces: appNamespacesOf(this.cluster) };
    // A service's image tag comes from its own prop (`version`): a release line there is reported on it.
    const versionProp = serviceVersionProp(this.props);
    const initContainers = this.initContainerList.map((c) => c.render(context));
    const containers = this.mainContainers.map((c, i) => c.render(i === 0 ? { ...context, extraLimits, versionProp } : context));
    this.reportVpnFirewall([...this.mainContainers, ...this.initContainerList], [...containers, ...initContainers]);
    // Keys in sorted order, absent values left out: the form synthesis writes, which it keeps as it is.
    const securityContext: Record<string, unknown> = {
      fsGroup: props.fsGroup ?? props.runAsGroup ?? 1000,
      // Knative's webhook refuses pod fields outside its allowed set, and this is not among them.
      fsGroupChangePolicy: knative ? undefined : 'OnRootMismatch',
      runAsGroup: group,
      runAsNonRoot: !anyRoot,
      runAsUser: user,
      seccompProfile: { type: 'RuntimeDefault' },
    };
    const supplementalGroups = [...new Set([...props.supplementalGroups ?? [], ...gpuGroups])];
    setPresent(securityContext, 'supplementalGroups', supplementalGroups.length > 0 ? supplementalGroups : undefined);
    // Judged by the pod-security rule like any pod's: the unsafe ones need the privileged exemption.
    const sysctls = Object.keys(props.sysctls ?? {}).sort().map((name) => ({ name, value: props.sysctls![name] }));
    setPresent(securityContext, 'sysctls', sysctls.length > 0 ? sysctls : undefined);
    if (!asRoot) {
      this.reportPrivilegedPorts(user, exemptions, props.sysctls);
    }
    const spec: Record<string, unknown> = {};
    setPresent(spec, 'affinity', pinned.affinity);
    // Only an app given its own account reads the API, and only it gets a token. Knative takes the field
    // as false alone, and mounts the token when it is left out.
    setPresent(spec, 'automountServiceAccountToken', knative && props.serviceAccount !== undefined ? undefined : props.serviceAccount !== undefined);
    spec.containers = containers;
    setPresent(spec, 'dnsPolicy', hostNetwork ? 'ClusterFirstWithHostNet' : undefined);
    // Knative turns the links off by itself.
    const images = [...this.mainContainers, ...this.initContainerList].map((c) => c.image);
    setPresent(spec, 'enableServiceLinks', !knative && withoutServiceLinks(images) ? false : undefined);
    setPresent(spec, 'hostNetwork', hostNetwork || undefined);
    setPresent(spec, 'hostPID', exemptions.hostPid !== undefined || undefined);
    setPresent(spec, 'initContainers', initContainers.length > 0 ? initContainers : undefined);
    setPresent(spec, 'nodeSelector', pinned.nodeSelector);
    setPresent(spec, 'runtimeClassName', gpu?.runtimeClassName);
    spec.securityContext = securityContext;
    setPresent(spec, 'serviceAccountName', props.serviceAccount ? this.name : undefined);
    setPresent(spec, 'terminationGracePeriodSeconds', this.stopGracePeriod());
    setPresent(spec, 'tolerations', tolerationsOf(this.controller, pinned.tolerations));
    setPresent(spec, 'volumes', volumes.length > 0 ? volumes : undefined);
    return spec as unknown as k8s.PodSpec;
  }

  /**
   * The grace period of a pod whose server saves its world as it stops (itzg's Minecraft Java image waits
   * STOP_DURATION, 60 seconds unless set, where Kubernetes gives 30): that wait and a margin, for a Deployment or
   * StatefulSet; undefined otherwise, the default.
   */
  private stopGracePeriod(): number | undefined {
    if (this.controller.kind !== 'Deployment' && this.controller.kind !== 'StatefulSet') {
      return undefined;
    }
    const waits = this.mainContainers.map((c) => serverStopSeconds(c.image, { STOP_DURATION: c.envText('STOP_DURATION') })).filter((seconds): seconds is number => seconds !== undefined);
    return waits.length === 0 ? undefined : stopGracePeriod(Math.max(...waits));
  }

  /** Services, routes, load balancers and node ports. */
  /**
   * The networks (`/32`, `/128`) of the cluster's control-plane nodes, each of their addresses, which an app that reads the API reaches
   * under a listed `egress`: the API server's Service address is translated to a node's port 6443 before
   * the policy applies.
   */
  private controlPlaneNetworks(): string[] {
    return this.cluster.hosts.filter((host) => host.roles.includes('control-plane'))
      .flatMap((host) => host.addresses.map(singleAddressNetwork));
  }

  private renderExposure(): void {
    const knative = this.controller.kind === 'KnativeService';
    if (this.controller.kind === 'StatefulSet') {
      // The pods find each other through it while they start (a database's or etcd's peers, before any is ready to
      // serve), so it names them from the start: CoreDNS serves a pod's own name only once it is listed.
      this.serviceOf('headless', `${this.name}-headless`, () => ({ type: 'ClusterIP', clusterIP: 'None', ports: this.ports, publishNotReadyAddresses: true }));
    }
    if (knative) {
      this.refuseKnativeHttps();
      this.renderKnativeRoutes();
    } else {
      this.routeIntents.forEach(({ intent, field }, index) => this.renderRoute(intent, field, index));
    }
    for (const { route, field } of this.tcpRoutes) {
      this.renderTcpRoute(route, field);
    }
    if (knative && this.loadBalancers.length > 0) {
      reportFinding(this, {
        layer: 'references', severity: 'error', field: 'loadBalancer',
        message: 'a Knative Service is reached through Knative\'s ingress, not a LoadBalancer Service',
        hint: 'drop `loadBalancer`, or run the app under a Deployment',
      });
    } else {
      this.checkBroadcastPorts();
      this.loadBalancers.forEach(({ lb, field }) => this.renderLoadBalancer(lb, field));
    }
    if (knative) {
      this.refuseKnativeNodePorts();
    } else {
      this.renderNodePorts();
    }
  }

  /**
   * Reports the first UDP port of a protocol whose clients send to a broadcast or multicast address (a DHCP
   * server's 67, SSDP, mDNS, UniFi's discovery) on an app off the host's network: those packets reach the
   * node's interfaces, never a Service's or a load balancer's address, nor a pod of the pod network, so a
   * DHCP server there hands out no lease and discovery finds nothing. Reported on the load balancer that
   * exposes it, or else on the port.
   */
  private checkBroadcastPorts(): void {
    if (this.props.exemptions?.hostNetwork !== undefined) {
      return;
    }
    const containers = [...this.mainContainers, ...this.initContainerList.filter((c) => c.role === 'sidecar')];
    const found = containers.flatMap((c) => c.ports.map((port, i) => ({ port, field: c.portField(i) })))
      .find(({ port }) => port.protocol === 'UDP' && BROADCAST_UDP_PORTS[port.port] !== undefined && !unicastDnsPort(port));
    if (found === undefined) {
      return;
    }
    const { port } = found;
    const exposing = this.loadBalancers.find(({ lb }) => lb.ports === undefined || lb.ports.includes(port.name));
    reportFinding(this, {
      layer: 'references', severity: 'error',
      field: exposing === undefined ? found.field : exposing.lb.ports === undefined ? exposing.field : `${exposing.field}.ports`,
      message: `port ${port.name} (UDP ${port.port}) is ${BROADCAST_UDP_PORTS[port.port]}, which clients send to a broadcast or multicast address of their segment, `
        + `never to ${exposing === undefined ? "the address of the app's Service or of a pod on the pod network" : "the load balancer's address"}: none of it reaches the app`,
      hint: `serve it on the host's network, where the app's socket hears the segment: exemptions: { hostNetwork: '<why>' }${exposing === undefined ? '' : "; and leave it out of the load balancer's ports"}`,
    });
  }

  /** Knative's queue-proxy speaks plain HTTP to the one port it serves, so that port cannot serve HTTPS. */
  private refuseKnativeHttps(): void {
    const port = this.ports[0];
    if (port?.appProtocol === 'https') {
      reportFinding(this, {
        layer: 'props', severity: 'error', field: `ports.${port.name}.appProtocol`,
        message: 'a Knative Service\'s queue-proxy sends plain HTTP to the container, so it cannot reach a port that serves HTTPS',
        hint: 'serve plain HTTP on the port, or run the app under a Deployment',
      });
    }
  }

  /**
   * A Knative Service's pods carry Knative's labels and scale to zero, so a NodePort Service beside it
   * would select no pod: each node port is reported where it was written.
   */
  private refuseKnativeNodePorts(): void {
    (this.props.ports ?? []).forEach((port, i) => {
      if (port?.nodePort !== undefined) {
        reportFinding(this, {
          layer: 'props', severity: 'error', field: `ports[${i}].nodePort`,
          message: 'a Knative Service takes no nodePort: Knative\'s ingress reaches its pods, and a NodePort Service would reach none',
          hint: 'drop nodePort and reach the app through its route, or run the app under a Deployment',
        });
      }
    });
  }

  /** The Service ports of the app `name` of this app's namespace and cluster, when there is one with a Service. */
  private siblingServicePorts(name: string): number[] | undefined {
    const sibling = this.siblingApp(name);
    return sibling?.serviceObject === undefined ? undefined : sibling.ports.map(servicePortOf).filter((port): port is number => port !== undefined);
  }

  /** The other apps of the cluster, by name, namespace and image. An app whose props were refused was never built, and holds no props to read. */
  private clusterApps(): ClusterAppImage[] {
    return this.cluster.node.findAll().filter((c): c is HomelabApp => c instanceof HomelabApp && c !== this && c.props !== undefined)
      .map((app) => ({ name: app.name, namespace: app.namespace, image: app.props.image }));
  }

  /** The apps of the cluster, this one among them, in the cluster's order, with the env and command line the Redis database check reads. */
  private redisCheckApps(): Array<RedisCheckApp & { readonly self: boolean }> {
    return this.cluster.node.findAll().filter((c): c is HomelabApp => c instanceof HomelabApp && c.props !== undefined)
      .map((app) => ({ self: app === this, ...app.redisCheckApp() }));
  }

  /** What the Redis database check reads of this app: its name, namespace, image, env and main command line. */
  private redisCheckApp(): RedisCheckApp {
    const words = [...(Array.isArray(this.props.command) ? this.props.command : []), ...(Array.isArray(this.props.args) ? this.props.args : [])];
    return { name: this.name, namespace: this.namespace, image: this.props.image, env: this.props.env ?? {}, words };
  }

  /** The Services of this app's namespace but its own: those of its apps, with their ports and images, and those written by hand. */
  private namespaceServices(): NamespaceService[] {
    const ofApps = this.cluster.node.findAll().filter((c): c is HomelabApp => c instanceof HomelabApp && c !== this && c.namespace === this.namespace && c.serviceObject !== undefined)
      .map((app) => ({ name: app.name, ports: app.ports.map(servicePortOf).filter((port): port is number => port !== undefined), image: app.props?.image }));
    const byHand = this.cluster.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject && c.kind === 'Service' && c.metadata.namespace === this.namespace
      && !ofApps.some((app) => app.name === c.metadata.name) && c !== this.serviceObject)
      .map((service) => ({ name: service.metadata.name ?? '' }));
    return [...ofApps, ...byHand];
  }

  /** The other app of this namespace named `name`, whose Service a route rule of this app names, if any. */
  private siblingApp(name: string): HomelabApp | undefined {
    return this.cluster.node.findAll().find((c): c is HomelabApp => c instanceof HomelabApp && c !== this && c.name === name && c.namespace === this.namespace);
  }

  /**
   * What is wrong with a route's `port`, none of the app's Service ports `ownPorts`: most often the container
   * port of a port whose `servicePort` differs, which the route does not name, as it sends to the Service.
   */
  private unknownServicePort(port: number, ownPorts: ReadonlyArray<number | undefined>): { message: string; hint: string } {
    const behind = this.ports.find((p) => p.port === port && servicePortOf(p) !== port);
    return behind === undefined
      ? { message: `port ${port} is not one of the app's ports`, hint: `use one of: ${ownPorts.join(', ')}` }
      : {
        message: `port ${port} is the container port of "${behind.name}", which the app's Service serves as port ${servicePortOf(behind)}: a route sends to the Service's port`,
        hint: `write port: ${servicePortOf(behind)}`,
      };
  }

  /**
   * The Service port a route of this app sends to where it names none: its `port`, else the app's first TCP port that
   * may serve HTTP, as a route carries HTTP over TCP (a UDP port listed first, a VPN's or DNS', is passed over, and so
   * is DNS over TCP or mail's SMTP before a web UI), else its first TCP port. The rules and the ingress controller's
   * admission in the app's policy both take it from here.
   */
  private routeServicePort(port: number | undefined): number | undefined {
    const tcp = this.ports.filter((p) => (p.protocol ?? 'TCP') === 'TCP');
    return port ?? servicePortOf(tcp.find((p) => nonHttpProtocolOf(servicePortOf(p), p.name) === undefined) ?? tcp[0] ?? this.ports[0]);
  }

  /** The route's binding rules, resolved to Services and their ports; reports unknown ports. */
  private resolveRules(route: RouteIntent, field: string): RouteRule[] | undefined {
    const tcpPorts = this.ports.filter((p) => (p.protocol ?? 'TCP') === 'TCP').map(servicePortOf);
    const defaultPort = this.routeServicePort(route.port);
    if (!this.serviceObject || defaultPort === undefined) {
      reportFinding(this, {
        layer: 'references', severity: 'error', field, message: 'a route needs the app to have at least one port',
        hint: 'add the port the app serves HTTP on to `ports`',
      });
      return undefined;
    }
    const ownPorts = this.ports.map(servicePortOf);
    if (!ownPorts.includes(defaultPort)) {
      reportFinding(this, { layer: 'references', severity: 'error', field: `${field}.port`, ...this.unknownServicePort(defaultPort, ownPorts) });
      return undefined;
    }
    if (!tcpPorts.includes(defaultPort)) {
      // A TCP port of another protocol than HTTP (Syncthing's 22000 beside its GUI) would be refused in turn.
      const httpPorts = this.ports.filter((p) => (p.protocol ?? 'TCP') === 'TCP' && nonHttpProtocolOf(servicePortOf(p), p.name) === undefined).map(servicePortOf);
      reportFinding(this, {
        layer: 'references', severity: 'error', field: `${field}.port`, message: `port ${defaultPort} is not a TCP port, and a route carries HTTP over TCP`,
        hint: httpPorts.length > 0 ? `use one of: ${httpPorts.join(', ')}` : 'add the TCP port the app serves HTTP on to `ports`',
      });
      return undefined;
    }
    const intents = route.rules && route.rules.length > 0 ? route.rules : [{ path: route.path ?? '/' }];
    const rules: RouteRule[] = [];
    // A backend port reported here is not rendered: the route object would repeat the finding.
    let unknownPort = this.nonHttpPortRouted(defaultPort, `${field}.port`);
    intents.forEach((rule, i) => {
      const backends = (rule.backends && rule.backends.length > 0 ? rule.backends : [{}]).map((b, j) => {
        const own = b.service === undefined || b.service === this.name;
        const port = b.port ?? (own ? defaultPort : undefined);
        if (own && b.port !== undefined && b.port !== defaultPort && this.nonHttpPortRouted(b.port, `${field}.rules[${i}].backends[${j}].port`)) {
          unknownPort = true;
        }
        // Another app of the namespace is judged by its ports as this one is, on the rule the user wrote.
        const otherPorts = own ? undefined : this.siblingServicePorts(b.service!);
        if (port === undefined || (own && !ownPorts.includes(port)) || (otherPorts !== undefined && !otherPorts.includes(port))) {
          unknownPort = true;
          reportFinding(this, {
            layer: 'references', severity: 'error', field: `${field}.rules[${i}].backends[${j}].port`,
            ...(port !== undefined && own ? this.unknownServicePort(port, ownPorts) : {
              message: port === undefined ? `backend "${b.service}" needs a port` : `port ${port} is not a port of app ${b.service}'s Service`,
              hint: otherPorts !== undefined ? `use one of: ${otherPorts.join(', ')}` : 'give the port of that Service',
            }),
          });
        }
        const delegation = matrixDelegationProblem(rule.path, () => (own ? this.props.image : this.siblingApp(b.service!)?.props.image),
          rule.backends && rule.backends.length > 0 ? `${field}.rules[${i}].backends[${j}]${own ? '' : '.service'}` : `${field}.rules[${i}].path`);
        if (delegation !== undefined) {
          unknownPort = true;
          reportFinding(this, { layer: 'references', severity: 'error', ...delegation });
        }
        return { serviceName: b.service ?? this.name, servicePort: port ?? defaultPort, weight: b.weight, tls: own && port !== undefined ? this.backendTlsOf(port) : undefined };
      });
      rules.push({
        match: { pathType: rule.pathType ?? 'PathPrefix', path: rule.path ?? '/', headers: rule.headers ?? [] },
        backends, requestHeaders: rule.requestHeaders, redirect: rule.redirect, rewrite: rule.rewrite,
      });
    });
    this.reportOpenFrigatePort(route, intents, defaultPort, field);
    return unknownPort ? undefined : rules;
  }

  /**
   * Reports, once for the route, the first backend of the app's own Service that sends to Frigate's port without a
   * login (see {@link frigateOpenPortProblem}), on the port that chose it; and notes each backend that speaks plain HTTP
   * to its login port, which its config may leave on TLS (see {@link noteFrigatePlainRoute}).
   */
  private reportOpenFrigatePort(route: RouteIntent, intents: readonly RouteRuleIntent[], defaultPort: number, field: string): void {
    intents.some((rule, i) => (rule.backends && rule.backends.length > 0 ? rule.backends : [{}]).some((b, j) => {
      if (b.service !== undefined && b.service !== this.name) {
        return false;
      }
      const port = b.port ?? defaultPort;
      const appPort = this.ports.find((p) => servicePortOf(p) === port && (p.protocol ?? 'TCP') === 'TCP');
      const containerPort = appPort?.port;
      if (appPort !== undefined && containerPort === FRIGATE_LOGIN_PORT && appPort.appProtocol !== 'https' && hasFrigateLoginPort(this.props.image)) {
        noteFrigatePlainRoute(this, { port: containerPort, portName: appPort.name });
      }
      const open = containerPort === undefined ? undefined
        : frigateOpenPortProblem(this.props.image, containerPort, route.basicAuth !== undefined, b.port !== undefined ? `${field}.rules[${i}].backends[${j}].port` : `${field}.port`);
      if (open !== undefined) {
        reportFinding(this, { layer: 'policy', ...open });
      }
      return open !== undefined;
    }));
  }

  /**
   * The hosts the routes of the cluster's Nextcloud apps serve, for a Collabora app that edits their documents. An app
   * whose props were refused (reported on it already) was never built, and holds no props to read.
   */
  private nextcloudRouteHosts(): string[] {
    return this.cluster.node.findAll()
      .filter((c): c is HomelabApp => c instanceof HomelabApp && typeof c.props?.image === 'string' && NEXTCLOUD_IMAGE.test(c.props.image))
      .flatMap((app) => app.routeHostnames);
  }

  /**
   * Reports a route to the app's own Service port `servicePort` when it serves a protocol other than HTTP (mail's
   * SMTP or IMAP, a game's, a remote console's), which no HTTP route carries, on `field`; whether it did.
   */
  private nonHttpPortRouted(servicePort: number, field: string): boolean {
    const port = this.ports.find((p) => servicePortOf(p) === servicePort && (p.protocol ?? 'TCP') === 'TCP');
    const served = nonHttpProtocolOf(servicePort, port?.name);
    if (served === undefined) {
      return false;
    }
    reportFinding(this, { layer: 'references', severity: 'error', field, ...nonHttpPortRouteProblem(`${servicePort}${port ? ` (${port.name})` : ''}`, served, 'route') });
    return true;
  }

  /**
   * TLS to the app's own Service port `servicePort` when the port serves HTTPS, which the ingress cannot
   * verify; without the `unverifiedBackendTls` exemption that is reported, once for the app.
   */
  private backendTlsOf(servicePort: number): BackendTls | undefined {
    const port = this.ports.find((p) => servicePortOf(p) === servicePort && (p.protocol ?? 'TCP') === 'TCP');
    if (port?.appProtocol !== 'https') {
      this.reportPlainHttpToTlsPort(port);
      return undefined;
    }
    const field = `ports.${port.name}.appProtocol`;
    const reason = this.props.exemptions?.unverifiedBackendTls;
    if (reason === undefined) {
      if (!this.unverifiedTlsReported) {
        this.unverifiedTlsReported = true;
        reportFinding(this, {
          layer: 'policy', severity: 'error', field: 'exemptions.unverifiedBackendTls',
          message: `a route sends to port ${port.name} (${servicePort}), which serves HTTPS; the ingress dials the pod's address, which no certificate names, so it cannot verify the app's certificate, and skipping the check needs the unverifiedBackendTls exemption`,
          hint: "state why: `exemptions: { unverifiedBackendTls: 'the app signs its own certificate' }`, or route to a port that serves plain HTTP",
        });
      }
      return undefined;
    }
    return { unverifiedReason: reason, field };
  }

  /**
   * Reports, once for the port, a route that speaks plain HTTP to `port` where the app's image answers only TLS
   * (see {@link tlsOnlyPort}), on the port's `appProtocol`.
   */
  private reportPlainHttpToTlsPort(port: AppPort | undefined): void {
    const tls = port === undefined ? undefined : tlsOnlyPort(this.props.image, port.port, this.props.env ?? {});
    if (port === undefined || tls === undefined || this.plainHttpToTlsReported.has(port.name)) {
      return;
    }
    this.plainHttpToTlsReported.add(port.name);
    reportFinding(this, {
      layer: 'references', severity: 'error', field: `ports.${port.name}.appProtocol`,
      message: plainHttpToTlsPort(port.port, tls, 'a route'),
      hint: `set appProtocol: 'https' on the port, with exemptions: { unverifiedBackendTls: 'the app signs its own certificate' }${tls.plainPort === undefined ? '' : `, or route to its plain HTTP port ${tls.plainPort}`}${tlsTurnedOffHint(tls)}`,
    });
  }

  private renderRoute(route: RouteIntent, field: string, index: number): void {
    const rules = this.resolveRules(route, field);
    if (!rules) {
      return;
    }
    reportSelfRedirects(this, this.cluster.routes, this.cluster.hostname(route.host), route.rules, field);
    if (route.basicAuthName !== undefined && !route.basicAuth) {
      reportFinding(this, {
        layer: 'references', severity: 'error', field: `${field}.basicAuthName`,
        message: 'the route names a basic-auth object but has no basicAuth',
        hint: 'add basicAuth (a key of a Secret with htpasswd lines), or drop basicAuthName',
      });
    }
    if (route.basicAuth) {
      warnCredentialOverPlainHttp(this, this.cluster.routes, `${field}.basicAuth`, 'a password (basic auth)');
      if (route.basicAuth.namespace !== this.namespace) {
        reportFinding(this, {
          layer: 'references', severity: 'error', field: `${field}.basicAuth`,
          message: `the basic-auth Secret is in namespace "${route.basicAuth.namespace}", the route in "${this.namespace}"`,
          hint: 'the ingress reads the Secret from the route\'s namespace',
        });
      }
      if (route.basicAuth.origin === 'external') {
        declareExternal(this, { secrets: [route.basicAuth] });
        const { namespace, secretName, key } = route.basicAuth;
        // The route serves nothing until its Secret exists (the ingress drops a route whose basic auth it cannot
        // read), so the Secret is made before the first sync, as the steps that open the app's UI come after it.
        leaveOwnerAction(this, {
          kind: 'bootstrap',
          ...bootstrapSecretStep(
            { namespace, name: secretName, keys: [{ key, file: '<(htpasswd -nB "$WEB_USER")' }] },
            `htpasswd lines, the basic auth of ${this.cluster.hostname(route.host)} (WEB_USER is the login, htpasswd asks for its password)`,
          ),
          beforeFirstSync: true,
        });
      }
    }
    const hostname = this.checkedHostname(route, field);
    if (hostname === undefined) {
      return;
    }
    const name = route.name ?? (index === 0 ? this.name : `${this.name}-${index + 1}`);
    const first = rules[0];
    // Later routes get a scope of their own, so their objects keep distinct construct ids.
    const scope = index === 0 ? this : new Construct(this, `route-${index + 1}`);
    this.cluster.routes.renderRoute(scope, {
      name, namespace: this.namespace, hostname, field,
      path: first.match.path, serviceName: first.backends[0]?.serviceName ?? this.name, servicePort: first.backends[0]?.servicePort ?? 0,
      backendTls: first.backends[0]?.tls,
      rules: route.rules && route.rules.length > 0 ? rules : undefined,
      basicAuth: route.basicAuth, basicAuthName: route.basicAuthName,
      maxBodySize: routeBodyLimit(route.maxBodySize, serviceRouteBodySize(this.props) ?? objectStoreRouteBodySize(this.props.image)),
      labels: this.labels, annotations: this.cluster.dnsAnnotations(),
    });
  }

  /**
   * A Knative Service is reached at the hosts its routes name, and nowhere else. Knative serves it at
   * the host of {@link knativeServiceHost} by itself; any other host is a DomainMapping, where the cluster's
   * Gateway can serve one (see {@link knativeDomainMappingProblem}), with the ClusterDomainClaim that gives
   * the host to the app's namespace (Knative here makes none by itself). Without a route to that host the
   * Service is cluster-local, so Knative does not expose it at a host nobody routed.
   */
  private renderKnativeRoutes(): void {
    const ownHost = knativeServiceHost(this.cluster, this.name, this.namespace);
    let servedByKnative = false;
    this.routeIntents.forEach(({ intent: route, field }, index) => {
      for (const feature of ['rules', 'basicAuth', 'path'] as const) {
        if (route[feature] !== undefined) {
          reportFinding(this, {
            layer: 'references', severity: 'error', field: `${field}.${feature}`,
            message: `a Knative Service's route is a domain only; Knative's ingress does not take \`${feature}\``,
            hint: `drop \`${feature}\`, or run the app under a Deployment`,
          });
        }
      }
      if (route.maxBodySize !== undefined && route.maxBodySize !== 'unlimited') {
        // Knative's ingress (the cluster's Gateway) takes a DomainMapping, which has no field for it.
        reportFinding(this, {
          layer: 'references', severity: 'error', field: `${field}.maxBodySize`,
          message: `a Knative Service's route is a domain only; Knative's ingress takes no request body limit (${route.maxBodySize})`,
          hint: "drop `maxBodySize` (Knative's ingress lets any size through), or run the app under a Deployment",
        });
      }
      const hostname = this.checkedHostname(route, field);
      if (hostname === undefined) {
        return;
      }
      if (hostname.toLowerCase() === ownHost) {
        servedByKnative = true;
        return;
      }
      const mappingProblem = knativeDomainMappingProblem(this.cluster);
      if (mappingProblem !== undefined) {
        reportFinding(this, {
          layer: 'references', severity: 'error', field: `${field}.host`,
          message: `the route's host ${hostname} cannot be served: ${mappingProblem}`,
          hint: `route the app at the host Knative serves it at by itself, host: '${ownHost}' (name the app after the host you want`
            + (knativeDomainNamespaces(this.cluster).includes(this.namespace) ? '' : `, or serve namespace ${this.namespace}, if no tenant deploys there, without its namespace: Knative's domainNamespaces`)
            + '); '
            + "or route the cluster through a Gateway of another class, one that forwards to ExternalName Services (Istio's does); or run the app under a Deployment",
        });
        return;
      }
      new ApiObject(this, index === 0 ? 'domain-mapping' : `domain-mapping-${index + 1}`, {
        apiVersion: 'serving.knative.dev/v1beta1', kind: 'DomainMapping',
        metadata: { name: hostname, namespace: this.namespace, labels: this.labels, annotations: emptyToUndefined(this.cluster.dnsAnnotations()) },
        spec: { ref: { apiVersion: 'serving.knative.dev/v1', kind: 'Service', name: this.name } },
      });
      if (ownHost !== undefined) {
        new ApiObject(this, index === 0 ? 'domain-claim' : `domain-claim-${index + 1}`, {
          apiVersion: 'networking.internal.knative.dev/v1alpha1', kind: 'ClusterDomainClaim',
          metadata: { name: hostname, labels: this.labels },
          spec: { namespace: this.namespace },
        });
      } else {
        leaveOwnerAction(this, {
          kind: 'manual',
          action: `give ${hostname} to namespace ${this.namespace}: create the ClusterDomainClaim ${hostname} (rather than turning on autocreate-cluster-domain-claims in config-network, `
            + 'which gives a free host to whichever namespace maps it first, a tenant\'s included)',
          command: `kubectl create -f - <<< '{"apiVersion":"networking.internal.knative.dev/v1alpha1","kind":"ClusterDomainClaim","metadata":{"name":"${hostname}"},"spec":{"namespace":"${this.namespace}"}}'`,
        });
      }
    });
    if (!servedByKnative) {
      for (const [key, value] of Object.entries(KNATIVE_CLUSTER_LOCAL_LABELS)) {
        this.workload.metadata.addLabel(key, value);
      }
    }
  }

  /**
   * The full host name a route answers to, or undefined when it is none: reported on the route's `host`,
   * unless only the domain a bare label goes under is wrong, which the site (or cluster) reports itself.
   */
  /** The route's host name, when the route can use it (`usable`), or what is wrong with it. */
  private hostnameProblem(route: RouteIntent): { readonly problem?: string; readonly usable?: string } {
    return routeHostProblem(route.host, (label) => this.cluster.hostname(label), this.cluster.domain);
  }

  private checkedHostname(route: RouteIntent, field: string): string | undefined {
    const { usable } = this.hostnameProblem(route);
    for (const problem of routeHostPropProblems(route.host, (label) => this.cluster.hostname(label), this.cluster.domain, `${field}.host`)) {
      reportFinding(this, { layer: 'props', severity: 'error', ...problem });
    }
    const relative = usable === undefined ? undefined : relativeLookingHost(route.host, [this.cluster.domain, this.cluster.site.domain]);
    if (relative) {
      reportFinding(this, { layer: 'props', severity: 'warning', field: `${field}.host`, ...relative });
    }
    return usable;
  }

  private renderTcpRoute(tcp: AppTcpRoute, field: string): void {
    const routes = this.cluster.routes;
    if (!routes.renderTcpRoute) {
      reportFinding(this, {
        layer: 'references', severity: 'error', field,
        message: `the ${routes.name} ingress of cluster "${this.cluster.clusterName}" cannot forward TCP`,
        hint: 'expose the port through a LoadBalancer Service instead',
      });
      return;
    }
    const listenerProblem = nameProblem(tcp.listenerName, DNS1123_LABEL);
    if (listenerProblem) {
      // A Gateway listener's name is such a label, and the route object is named `<app>-<listener>`.
      reportFinding(this, {
        layer: 'props', severity: 'error', field: `${field}.listenerName`,
        message: `listener name ${listenerProblem}, which a Gateway listener and the name of the route object (${this.name}-<listener>) must be`,
        hint: `use lower-case letters, digits and '-', e.g. listenerName: '${tcp.listenerName.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'ssh'}' (under Traefik, the tcpEntryPoints key too)`,
      });
      return;
    }
    const holder = claimTcpListener(this.cluster, tcp.listenerName, `${this.namespace}/${this.name}`);
    if (holder !== undefined) {
      reportFinding(this, {
        layer: 'references', severity: 'error', field: `${field}.listenerName`,
        message: `listener "${tcp.listenerName}" forwards TCP to ${holder} already; plain TCP carries no host name, so the ingress cannot tell two routes on one listener apart and one of them would never be reached`,
        hint: 'give this route a listener of its own on a port of its own (under Traefik, an entry point in tcpEntryPoints)',
      });
      return;
    }
    const findingsBefore = this.node.metadata.length;
    const childrenBefore = new Set(this.node.children);
    routes.renderTcpRoute(this, {
      name: this.name, namespace: this.namespace, listenerName: tcp.listenerName, port: tcp.port,
      serviceName: this.name, servicePort: tcp.port, labels: this.labels, field,
    });
    // The flavor's finding on the listener comes first (a port fixed for a listener that cannot carry the
    // route would only lead to it); else a port the app's Service lacks is reported on the call, and the
    // route object is dropped, so its backend port is not reported a second time on the object.
    const portProblem = this.node.metadata.length === findingsBefore ? tcpRoutePortProblem(this.ports, tcp.port) : undefined;
    if (portProblem) {
      reportFinding(this, { layer: 'references', severity: 'error', field: `${field}.port`, ...portProblem });
      this.node.children.filter((child) => !childrenBefore.has(child)).forEach((child) => this.node.tryRemoveChild(child.node.id));
    }
  }

  private renderLoadBalancer(props: LoadBalancerProps, field: string): void {
    const flavor = this.cluster.loadBalancer;
    // Without a flavor, what the distribution brings (K3s' servicelb) serves the Service, at no address of ours.
    if (!flavor && (!loadBalancersServed(this.cluster) || props.address)) {
      reportFinding(this, {
        layer: 'inventory', severity: 'error', field: props.address ? `${field}.address` : field,
        message: props.address
          ? `cluster "${this.cluster.clusterName}" has no load-balancer flavor to give the Service address ${props.address.address}`
          : `cluster "${this.cluster.clusterName}" has no load-balancer flavor, and nothing preinstalled serves LoadBalancer Services`,
        hint: 'set `loadBalancer: metalLb({ pools: [...] })` or `tailscaleLoadBalancer()` on the cluster',
      });
      return;
    }
    if (flavor?.requiresAddress && !props.address) {
      reportFinding(this, {
        layer: 'inventory', severity: 'error', field: `${field}.address`,
        message: `the ${flavor.name} load balancer of cluster "${this.cluster.clusterName}" needs a fixed address`,
        hint: 'take one from the inventory: site.pools.<pool>.at(...)',
      });
      return;
    }
    if (props.hostname !== undefined && !flavor?.namesServices) {
      // The name would be dropped without a word; the owner most often meant a DNS name for the address.
      reportFinding(this, {
        layer: 'references', severity: 'error', field: `${field}.hostname`,
        message: `${flavor ? `the ${flavor.name} load balancer` : 'what serves LoadBalancer Services'} of cluster "${this.cluster.clusterName}" gives the Service an address and names nothing, so hostname "${props.hostname}" would be ignored: no DNS server learns it`,
        hint: props.address
          ? `drop hostname; to reach the Service by name, publish a record of its address: new DnsRecord(this, '<id>', { name: '<name under the domain>', targets: ['${props.address.address}'] }), or add it to the lab's DNS server`
          : 'drop hostname: it names a Service on a tailnet (tailscaleLoadBalancer()) alone',
      });
      return;
    }
    const familyProblem = dualStackProblem(props);
    if (familyProblem) {
      reportFinding(this, { layer: 'inventory', severity: 'error', ...familyProblem, field: `${field}.${familyProblem.field}` });
      return;
    }
    // An address outside its pool is the address's fault, where the user wrote it, not the rendered Service's.
    for (const [prop, address] of [['address', props.address], ['ipv6Address', props.ipv6Address]] as const) {
      const problem = address instanceof PoolAddress ? address.pool.takeAddressProblem(address) : undefined;
      if (problem) {
        reportFinding(this, { layer: 'inventory', severity: 'error', field: `${field}.${prop}`, ...problem });
        return;
      }
    }
    const serviceName = `${this.name}-lb`;
    let settings: LoadBalancerSettings;
    try {
      settings = flavor?.serviceSettings({ serviceName, address: props.address, ipv6Address: props.ipv6Address, hostname: props.hostname }) ?? { annotations: {} };
    } catch (error) {
      // A flavor names the prop it refuses (a tailnet machine name, the IPv6 address); else the address is at fault.
      const refused = error instanceof InputError && error.field === 'hostname' ? (props.hostname === undefined ? field : `${field}.hostname`)
        : `${field}.${error instanceof InputError && error.field === 'ipv6Address' ? 'ipv6Address' : 'address'}`;
      reportFinding(this, {
        layer: 'inventory', severity: 'error', field: refused, message: (error as Error).message,
        hint: error instanceof InputError ? error.hint : 'take the address from a pool the load balancer serves',
      });
      return;
    }
    for (const name of props.ports ?? []) {
      if (!this.ports.some((p) => p.name === name)) {
        reportFinding(this, {
          layer: 'references', severity: 'error', field: `${field}.ports`, message: `port "${name}" is not a port name of the app`,
          hint: this.ports.length > 0 ? `use one of: ${this.ports.map((p) => p.name).join(', ')}` : 'declare the port in ports',
        });
      }
    }
    const ports = props.ports ? this.ports.filter((p) => props.ports!.includes(p.name)) : this.ports;
    if (ports.length === 0) {
      // The API server requires ports of every Service that is not headless; names the app lacks are reported above.
      if (props.ports === undefined || props.ports.length === 0) {
        reportFinding(this, {
          layer: 'references', severity: 'error', field: props.ports === undefined ? field : `${field}.ports`,
          message: props.ports === undefined ? 'the app has no port for the LoadBalancer Service to expose' : 'the LoadBalancer Service is given no port to expose',
          hint: props.ports === undefined ? 'declare the port in ports (or with addPort) before the load balancer exposes it' : `name the ports to expose, or leave ports out to expose all of them${this.ports.length > 0 ? ` (${this.ports.map((p) => p.name).join(', ')})` : ''}`,
        });
      }
      return;
    }
    // A remote console (RCON) or an admin API takes its password in the clear: exposed, anyone on the LAN (or the internet) may try it.
    const adminApi = palworldRestApiPort(this.props.image, this.props.env);
    const adminOf = (p: AppPort): NonHttpProtocol | undefined => {
      if ((p.protocol ?? 'TCP') !== 'TCP') {
        return undefined;
      }
      const served = nonHttpProtocolOf(p.servicePort ?? p.port, p.name);
      return served?.console === true ? served : p.port === adminApi ? PALWORLD_REST_API : undefined;
    };
    const consolePort = ports.find((p) => adminOf(p) !== undefined);
    if (consolePort !== undefined) {
      const served = adminOf(consolePort)!;
      const others = ports.filter((p) => adminOf(p) === undefined).map((p) => `'${p.name}'`);
      reportFinding(this, {
        layer: 'props', severity: 'error', field: props.ports === undefined ? field : `${field}.ports`,
        message: `the load balancer exposes port ${consolePort.name} (${consolePort.servicePort ?? consolePort.port}), ${served.protocol}, ${served.is}, ${props.ports === undefined ? 'as it exposes every port of the app when ports is left out' : 'as ports names it'}: `
          + 'anyone who reaches the address may try passwords on it, and a password that works runs any command on the server',
        hint: `name the ports players use: loadBalancer: { …, ports: [${others.join(', ')}] }; ${served.instead}`,
      });
    }
    // Offline mode is how a server behind a proxy is set, and how some run deliberately: a warning, not an error.
    const offlinePort = offlineServerPort(this.props.image, this.props.env);
    const offline = ports.find((p) => p.port === offlinePort && (p.protocol ?? 'TCP') === 'TCP');
    if (offline !== undefined && settings.loadBalancerClass === undefined) {
      reportFinding(this, {
        layer: 'props', severity: 'warning', field: props.ports === undefined ? field : `${field}.ports`,
        message: `the load balancer exposes port ${offline.name} (${servicePortOf(offline)}) of a Minecraft server with ONLINE_MODE FALSE, which checks no player's account: `
          + "whoever reaches the address joins under any name, an operator's too (behind a BungeeCord proxy, with forwarded names taken on trust)",
        hint: 'behind a proxy, expose the proxy alone and let it in: leave loadBalancer off this app and give it allowFrom: [<the proxy app>]; '
          + "for players without an account of their own, keep the server on the LAN or a tailnet",
      });
    }
    // The surest harm first: an error where one port's server misjudges every client, else a warning.
    const judgedPorts = ports.map((p) => ({ port: p, judge: addressJudgeOf(p.servicePort ?? p.port, p.protocol) })).filter(({ judge }) => judge !== undefined);
    const judged = judgedPorts.find(({ judge }) => (judge?.severity ?? 'error') === 'error') ?? judgedPorts[0];
    // A tailnet's proxy replaces the client's address whatever the policy; mail and players from the internet come another way.
    if (judged !== undefined && props.externalTrafficPolicy !== 'Local' && settings.loadBalancerClass === undefined) {
      const { port, judge } = judged as { port: AppPort; judge: AddressJudge };
      reportFinding(this, {
        layer: 'props', severity: judge.severity ?? 'error', field: `${field}.externalTrafficPolicy`,
        message: `the load balancer exposes ${judge.server} on port ${port.name} (${port.servicePort ?? port.port}) with externalTrafficPolicy ${props.externalTrafficPolicy ?? 'Cluster (the default)'}, `
          + `which replaces each ${judge.client}'s address with a node's: ${judge.judged}`,
        hint: `keep the ${judge.client}s' addresses: loadBalancer: { …, externalTrafficPolicy: 'Local' }`,
      });
    }
    const id = this.node.tryFindChild('load-balancer') ? `load-balancer-${serviceName}` : 'load-balancer';
    const families = serviceIpFamilies([props.address, props.ipv6Address].flatMap((a) => (a ? [a.address] : [])));
    const service = this.serviceOf(id, serviceName, () => ({ type: 'LoadBalancer', ports, loadBalancerClass: settings.loadBalancerClass, externalTrafficPolicy: props.externalTrafficPolicy, ...families }), settings.annotations);
    if (settings.annotations?.[TAILSCALE_HOSTNAME_ANNOTATION] !== undefined) {
      // A tailnet name another Service takes is the app's hostname (given, or `<app>-lb`), not the annotation it became.
      noteRenderedFor(service, this, `${field}.hostname`);
    }
    noteLoadBalancerAddresses(this, { namespace: this.namespace, name: serviceName }, ([['address', props.address], ['ipv6Address', props.ipv6Address]] as const)
      .flatMap(([prop, address]) => (address ? [{ address: address.address, field: `${field}.${prop}` }] : [])));
  }

  /**
   * Warns of each port below 1024 the app's non-root user `user` is to listen on without NET_BIND_SERVICE or
   * `net.ipv4.ip_unprivileged_port_start` opening it: the kernel refuses the bind, unless the node's
   * container runtime opens low ports to every user (containerd 2 does, 1.7 does not). Most often the
   * image listens on another port (8080 for a rootless web server) and the number is its root image's. On
   * the host's network the node's own setting holds, which no runtime changes and the pod may not set (the
   * kubelet refuses a network sysctl there), and the port is the one clients call on the node. A Knative
   * Service's container binds its port as any other does, and Knative's webhook refuses the sysctl: the hint
   * there is the capability, which Knative takes.
   */
  private reportPrivilegedPorts(user: number, exemptions: SecurityExemptions, sysctls: Readonly<Record<string, string>> | undefined): void {
    const open = Number(sysctls?.[UNPRIVILEGED_PORT_START] ?? 1024);
    if ((exemptions.addCapabilities?.capabilities ?? []).includes('NET_BIND_SERVICE')) {
      return;
    }
    const hostNetwork = exemptions.hostNetwork !== undefined;
    const knative = this.controller.kind === 'KnativeService';
    const capability = "exemptions: { addCapabilities: { capabilities: ['NET_BIND_SERVICE'], reason: '…' } }";
    for (const p of this.ports.filter((port) => port.port > 0 && port.port < Math.min(1024, Number.isFinite(open) ? open : 1024))) {
      reportFinding(this, {
        layer: 'policy', severity: 'warning', field: `ports.${p.name}.port`,
        message: `port ${p.port} is below 1024, where only root may listen, and the app runs as user ${user} without NET_BIND_SERVICE: `
          + (hostNetwork
            ? `its process would fail to bind it on the host's network, where the node's own ${UNPRIVILEGED_PORT_START} holds (1024 unless lowered on the host)`
            : 'its process would fail to bind it, unless the container runtime of the node opens low ports to every user'),
        hint: hostNetwork
          ? `on the host's network the app listens on the node's port ${p.port} itself: give it the capability, ${capability}, `
            + `or lower ${UNPRIVILEGED_PORT_START} on the host (the pod may not set it: the kubelet refuses a network sysctl on the host's network)`
          : knative
            ? `if the image listens on another port (a rootless web server on 8080), declare that one: Knative's ingress serves the app on its own ports whatever the container's; `
              + `if it does listen on ${p.port}, give it the capability, ${capability} (Knative refuses the sysctl that would open the port)`
          : `if the image listens on another port (a rootless web server on 8080), declare that one and keep ${p.port} for clients: `
            + `{ name: '${p.name}', port: 8080, servicePort: ${p.port} }; if it does listen on ${p.port}, open it: sysctls: { '${UNPRIVILEGED_PORT_START}': '${p.port}' }`,
      });
    }
  }

  /** A NodePort Service for the ports that name a node port, each checked against the cluster's range. */
  private renderNodePorts(): void {
    const ports = this.ports.filter((p) => p.nodePort !== undefined);
    if (ports.length === 0) {
      return;
    }
    const range = this.cluster.nodePortRange;
    const servicePorts = ports.map((p) => {
      if (inNodePortRange(p.nodePort!, range)) {
        return p;
      }
      reportFinding(this, {
        layer: 'inventory', severity: 'error', field: `ports.${p.name}.nodePort`,
        message: `node port ${p.nodePort} lies outside the node-port range ${range.first}-${range.last} of cluster "${this.cluster.clusterName}"`,
        hint: `pick a port in ${range.first}-${range.last}, or widen the cluster's \`nodePortRange\` (the API server's --service-node-port-range)`,
      });
      // Reported here, on the field the user wrote: the Service leaves the port to the API server, so the
      // check of Services does not report it a second time.
      return { ...p, nodePort: undefined };
    });
    const serviceName = `${this.name}-nodeport`;
    // Node ports are taken once in the cluster: the check across its Services names the port written here.
    noteNodePorts(this, { namespace: this.namespace, name: serviceName }, servicePorts.flatMap((p) => (p.nodePort === undefined ? []
      : [{ port: p.nodePort, protocol: p.protocol ?? 'TCP', field: `ports.${p.name}.nodePort` }])));
    const service = this.serviceOf('node-port', serviceName, () => ({ type: 'NodePort', ports: servicePorts, nodePorts: true }));
    // A missing exemption is found by the check of every NodePort Service, once: named on the prop it lacks.
    noteWrittenProps(this, service, () => [{ field: 'spec.type', prop: 'exemptions.nodePort' }]);
  }

  /** A Service that selects the app's pods by name; its spec is read when synthesized. */
  private serviceOf(
    id: string, name: string,
    spec: () => ServiceShape,
    annotations?: Record<string, string>,
  ): ApiObject {
    return new RenderedObject(this, id, {
      apiVersion: 'v1', kind: 'Service',
      metadata: { name, namespace: this.namespace, labels: this.labels, annotations },
    }, () => ({ spec: serviceSpecJson(spec(), this.name) }), true);
  }

  /**
   * The autoscaler that sets the count: a HorizontalPodAutoscaler named like the app, or, for one written beside the
   * app, the annotation that says so on the workload.
   */
  private renderAutoscaler(): void {
    const autoscaling = this.autoscaling;
    if (autoscaling === undefined || !hasReplicas(this.controller)) {
      return;
    }
    if (isExternalAutoscaling(autoscaling.spec)) {
      this.workload.metadata.addAnnotation(EXTERNAL_AUTOSCALING_ANNOTATION, autoscaling.spec.external);
      return;
    }
    const autoscaler = new ApiObject(this, 'autoscaler', {
      apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler',
      metadata: { name: this.name, namespace: this.namespace, labels: this.labels },
      spec: horizontalAutoscalerSpec(autoscaling.spec, this.controller.kind, this.name),
    });
    noteWrittenProps(this, autoscaler, () => autoscalerPropFields(autoscaling.field));
    noteAutoscalerProp(autoscaler, this, autoscaling.field);
  }

  /** A PodDisruptionBudget for several replicas; a ServiceMonitor or PodMonitor for a metrics port. */
  private renderReliability(): void {
    if (hasReplicas(this.controller) && this.replicas >= 2) {
      new ApiObject(this, 'disruption-budget', {
        apiVersion: 'policy/v1', kind: 'PodDisruptionBudget',
        metadata: { name: this.name, namespace: this.namespace, labels: this.labels },
        spec: { maxUnavailable: 1, selector: { matchLabels: { [APP_NAME_LABEL]: this.name } } },
      });
    }
    const metrics = this.props.metrics;
    if (!metrics) {
      return;
    }
    const query = metrics.path === undefined ? -1 : metrics.path.search(/[?#]/);
    if (metrics.path !== undefined && !metrics.path.startsWith('/')) {
      reportFinding(this, {
        layer: 'props', severity: 'error', field: 'metrics.path', message: `metrics path "${metrics.path}" does not start with /`,
        hint: rootPathHint(metrics.path),
      });
    } else if (metrics.path !== undefined && query >= 0) {
      // Prometheus puts metrics_path into the URL's path, escaping `?` and `#`: the exporter would answer 404.
      reportFinding(this, {
        layer: 'props', severity: 'error', field: 'metrics.path',
        message: `metrics path "${metrics.path}" holds a ${metrics.path[query] === '?' ? 'query' : 'fragment'}, which Prometheus escapes into the path it requests (${metrics.path.slice(0, query)}%${metrics.path[query] === '?' ? '3F' : '23'}…)`,
        hint: `give the path alone: path: '${metrics.path.slice(0, query) || '/'}'; for an exporter that needs query parameters, write a ServiceMonitor by hand with its endpoint's params`,
      });
    }
    const intervalRefused = metrics.interval !== undefined && !PROMETHEUS_DURATION.test(metrics.interval);
    if (intervalRefused) {
      reportFinding(this, {
        layer: 'props', severity: 'error', field: 'metrics.interval', message: `scrape interval "${metrics.interval}" is no Prometheus duration`,
        hint: 'write whole numbers with units, largest first, e.g. 30s, 1m or 1m30s',
      });
    }
    const port = this.ports.find((p) => p.name === metrics.port);
    if (!port) {
      reportFinding(this, {
        layer: 'references', severity: 'error', field: 'metrics.port',
        message: `the app has no port named "${metrics.port}"`,
        hint: `ports: ${this.ports.map((p) => p.name).join(', ') || '(none)'}`,
      });
      return;
    }
    if (port.protocol === 'UDP') {
      reportFinding(this, {
        layer: 'props', severity: 'error', field: 'metrics.port',
        message: `port "${port.name}" is UDP, and Prometheus scrapes metrics over HTTP, on TCP: it would never reach them`,
        hint: `name the TCP port that serves /metrics, or declare one: ports: [{ name: 'metrics', port: ${port.port} }]`,
      });
      return;
    }
    const monitorKind = this.serviceObject ? 'ServiceMonitor' : 'PodMonitor';
    if (!this.cluster.platform.providesKind('monitoring.coreos.com', monitorKind)) {
      // The prop asks for a scrape; left out silently, the port would be opened to every namespace for nothing.
      reportFinding(this, {
        layer: 'references', severity: 'error', field: 'metrics',
        message: `metrics asks prometheus-operator to scrape port "${port.name}" through a ${monitorKind}, but cluster "${this.cluster.clusterName}" has no prometheus-operator: no component installs the ${monitorKind} CRD and none is declared preinstalled`,
        hint: "add the monitoring component: cluster.platform.require(kubePrometheusStack({ placement, grafanaAdminSecret })); declare a Prometheus operator installed otherwise: "
          + `cluster.platform.declarePreinstalled({ source: '…', crds: [{ group: 'monitoring.coreos.com', kinds: ['${monitorKind}'] }] }); or drop metrics`,
      });
      return;
    }
    // An interval reported above is left to Prometheus' default: the monitor's schema would report it again.
    const endpoint = { port: metrics.port, path: metrics.path ?? '/metrics', interval: intervalRefused ? undefined : metrics.interval };
    const selector = { matchLabels: { [APP_NAME_LABEL]: this.name } };
    const metadata = { name: this.name, namespace: this.namespace, labels: this.labels };
    if (this.serviceObject) {
      new ApiObject(this, 'service-monitor', {
        apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata, spec: { selector, endpoints: [endpoint] },
      });
    } else {
      new ApiObject(this, 'pod-monitor', {
        apiVersion: 'monitoring.coreos.com/v1', kind: 'PodMonitor', metadata, spec: { selector, podMetricsEndpoints: [endpoint] },
      });
    }
  }

  private renderNetworkPolicy(exemptions: SecurityExemptions): void {
    if (exemptions.networkPolicy !== undefined) {
      return;
    }
    const egress = this.props.egress ?? 'any';
    // A link declared by either app is opened on both sides: the other side's default deny would drop it.
    // The pods of a StatefulSet of several replicas find each other through its headless Service (a
    // database or message cluster), and talk on ports their policy would otherwise deny.
    const peers = this.controller.kind === 'StatefulSet' && this.replicas > 1 ? [this] : [];
    const clients = clientsOf(this.cluster, this);
    const allowFrom = withLinkedApps(this.allowFrom, [...peers, ...clients]);
    const linkedServers = serversOf(this.cluster, this);
    const servers = egress === 'any' ? [] : withLinkedApps(egress, [...peers, ...linkedServers]);
    // A linked app on the host's network is reached by its nodes' addresses even where the same pods are also named by labels.
    const nodePeers = (declared: ReadonlyArray<AppPeer | AddressPeer>, linked: readonly LinkedApp[]) => [...new Set([...declared, ...linked])];
    const policy = appNetworkPolicy({
      name: this.name, namespace: this.namespace, labels: this.labels, podLabels: { [APP_NAME_LABEL]: this.name },
      ports: this.ports,
      routedServicePorts: this.routedServicePorts(),
      exposedToAll: [
        ...this.loadBalancers.flatMap(({ lb }) => (lb.ports ? this.ports.filter((p) => lb.ports!.includes(p.name)) : this.ports)),
        ...this.ports.filter((p) => p.nodePort !== undefined),
        // A host-network pod serves its ports on its node, to whatever reaches the node: the policy says so
        // rather than a deny that its network namespace never applies.
        ...(this.props.exemptions?.hostNetwork !== undefined ? this.ports : []),
      ],
      metricsPort: this.props.metrics?.port,
      ingressPeer: this.cluster.routes.ingressPeer,
      knative: this.controller.kind === 'KnativeService',
      allowFrom,
      allowFromNodes: [...new Set(this.hostNetworkPeers(nodePeers(allowFrom, clients), 'allowFrom').flatMap(({ addresses }) => addresses))],
      egress: egress === 'any' ? 'any' : servers,
      egressToNodes: egress === 'any' ? undefined
        : this.hostNetworkPeers(nodePeers(servers, linkedServers), 'egress').map(({ peer, addresses }) => ({ addresses, ports: peer.ports.map(policyPort) })),
      apiServer: this.props.serviceAccount && egress !== 'any' ? clusterApiServer(this.cluster.platform.preinstalled, this.controlPlaneNetworks()) : undefined,
    });
    // The cluster's choice is at fault, whatever the number of routed apps: one warning, on it.
    if (policy.ingressNeedsCilium && this.cluster.networkPolicy !== 'cilium' && !CILIUM_INGRESS_TOLD.has(this.cluster)) {
      CILIUM_INGRESS_TOLD.add(this.cluster);
      reportFinding(this.cluster, {
        layer: 'references', severity: 'warning', field: 'networkPolicy',
        message: `the ${this.cluster.routes.name} ingress proxies from the Cilium entity "${policy.ingressNeedsCilium}", which a Kubernetes NetworkPolicy cannot name; routed traffic to every app is refused`,
        hint: "set networkPolicy: 'cilium' on the cluster",
      });
    }
    new RenderedObject(this, 'network-policy', { ...policy.typeFor(this.cluster.networkPolicy), metadata: policy.metadata }, () => policy.bodyFor(this.cluster.networkPolicy));
  }

  /**
   * The host-network apps among `peers` (of `allowFrom` or `egress`), each with the networks (`/32`, `/128`)
   * of the nodes it may run on: its traffic comes from, and reaches it at, its node's address, which no pod
   * selector matches. A host whose address is still a placeholder is named by its stand-in, and said so.
   */
  private hostNetworkPeers(peers: ReadonlyArray<AppPeer | AddressPeer>, field: 'allowFrom' | 'egress'): Array<{ peer: HomelabApp; addresses: string[] }> {
    return peers.filter((p): p is HomelabApp => p instanceof HomelabApp).flatMap((peer) => {
      const hosts = peer.hostNetworkHosts();
      if (!hosts) {
        return [];
      }
      const pending = hosts.filter((h) => h.addressIsPlaceholder);
      if (pending.length > 0) {
        reportFinding(this, {
          layer: 'inventory', severity: 'warning', field,
          message: `${peer.name} uses the host's network, so ${field === 'allowFrom' ? 'its traffic comes from' : 'it is reached at'} the address of its node; `
            + `the address of ${pending.map((h) => `${h.name} (${h.address})`).join(', ')} is a placeholder, so this policy ${field === 'allowFrom' ? 'admits' : 'lets through to'} the stand-in`,
          hint: `fill in the address of ${pending.map((h) => h.name).join(', ')} in the inventory`,
        });
      }
      return [{ peer, addresses: [...new Set(hosts.flatMap((h) => h.addresses.map((address) => singleAddressNetwork(address))))] }];
    });
  }

  /** Service ports the ingress reaches: every route backend of this app or naming its Service, and TCP routes. */
  private routedServicePorts(): number[] {
    if (this.controller.kind === 'KnativeService') {
      return [];
    }
    const ports = new Set<number>();
    for (const { intent: route } of this.routeIntents) {
      const defaultPort = this.routeServicePort(route.port);
      const rules = route.rules && route.rules.length > 0 ? route.rules : [{}];
      for (const rule of rules) {
        for (const backend of rule.backends && rule.backends.length > 0 ? rule.backends : [{}]) {
          if (backend.service === undefined || backend.service === this.name) {
            const port = backend.port ?? defaultPort;
            if (port !== undefined) {
              ports.add(port);
            }
          }
        }
      }
    }
    this.tcpRoutes.forEach(({ route }) => ports.add(route.port));
    // Another app's route may send a path to this app's Service.
    for (const port of portsRoutedByOthers(this.cluster, this.namespace, this.name)) {
      const servicePort = this.routeServicePort(port);
      if (servicePort !== undefined) {
        ports.add(servicePort);
      }
    }
    return [...ports];
  }
}

/**
 * The general workload under its first name.
 * @deprecated Use `HomelabApp`: `App` collides with cdk8s' `App` in every `main.ts`.
 */
/** The clusters told already that their ingress needs Cilium's policies. */
const CILIUM_INGRESS_TOLD = new WeakSet<ClusterChart>();

export const App = HomelabApp;
/** @deprecated Use `HomelabApp`. */
export type App = HomelabApp;

/**
 * A Service spec selecting the app `appName`, built directly as the plain JSON synthesis writes (keys in
 * sorted order, absent values left out), so that it needs no sorted copy.
 */
/** What an app's Service is made of: its type and ports, and the settings of a LoadBalancer. */
interface ServiceShape {
  readonly type: string;
  readonly clusterIP?: string;
  readonly ports: readonly AppPort[];
  readonly loadBalancerClass?: string;
  readonly externalTrafficPolicy?: string;
  readonly ipFamilies?: ReadonlyArray<string>;
  readonly ipFamilyPolicy?: string;
  readonly nodePorts?: boolean;
  /** Whether DNS names the pods before they are ready (a StatefulSet's headless Service, through which its peers meet). */
  readonly publishNotReadyAddresses?: boolean;
}

function serviceSpecJson(
  s: ServiceShape,
  appName: string,
): Record<string, unknown> {
  const ports = new Array<Record<string, unknown>>(s.ports.length);
  for (let i = 0; i < s.ports.length; i++) {
    const p = s.ports[i];
    const port: Record<string, unknown> = {};
    setPresent(port, 'appProtocol', p.appProtocol);
    setPresent(port, 'name', p.name);
    setPresent(port, 'nodePort', s.nodePorts ? p.nodePort : undefined);
    setPresent(port, 'port', servicePortOf(p));
    port.protocol = p.protocol ?? 'TCP';
    setPresent(port, 'targetPort', p.port);
    ports[i] = port;
  }
  const spec: Record<string, unknown> = {};
  setPresent(spec, 'clusterIP', s.clusterIP);
  setPresent(spec, 'externalTrafficPolicy', s.externalTrafficPolicy);
  setPresent(spec, 'ipFamilies', s.ipFamilies);
  setPresent(spec, 'ipFamilyPolicy', s.ipFamilyPolicy);
  setPresent(spec, 'loadBalancerClass', s.loadBalancerClass);
  spec.ports = ports;
  setPresent(spec, 'publishNotReadyAddresses', s.publishNotReadyAddresses);
  spec.selector = { [APP_NAME_LABEL]: appName };
  setPresent(spec, 'type', s.type);
  return spec;
}


function emptyToUndefined(record: Record<string, string>): Record<string, string> | undefined {
  return Object.keys(record).length > 0 ? record : undefined;
}

/**
 * The volume that stands in for a claim whose storage tier does not exist. The missing tier is reported
 * once, where it is named; the pod keeps its volume, so its mounts are not reported as well. Nothing is
 * written while that finding stands.
 */
function standInVolume(name: string): k8s.Volume {
  return { name, emptyDir: {} };
}

/** Notes the namespaces of peers given by namespace name, for the check once the cluster's namespaces are known. */
function notePeerNamespaces(scope: HomelabApp, peers: ReadonlyArray<AppPeer | AddressPeer>, fieldOf: (index: number) => string): void {
  peers.forEach((peer, i) => {
    const namespace = peer !== null && typeof peer === 'object' && !('asNetworkPeer' in peer) && 'namespace' in peer ? peer.namespace : undefined;
    if (typeof namespace === 'string') {
      noteNamedNamespace(scope, fieldOf(i), namespace, 'the peer matches no pod');
    }
  });
}

/** The namespaces of a cluster's apps and of its components' Services by name, read once per cluster when its apps render. */
const APP_NAMESPACES = new WeakMap<ClusterChart, ReadonlyMap<string, readonly string[]>>();

function appNamespacesOf(cluster: ClusterChart): ReadonlyMap<string, readonly string[]> {
  let namespaces = APP_NAMESPACES.get(cluster);
  if (namespaces === undefined) {
    namespaces = shortNameNamespaces(cluster.namespaces, cluster.platform.components);
    APP_NAMESPACES.set(cluster, namespaces);
  }
  return namespaces;
}

/** How to name one of an app's containers (`names`) where `given` names none: the one it likely meant, then all of them. Pure. */
function containerNameHint(given: string, names: readonly string[]): string {
  const meant = closestName(given, names);
  return `${meant !== undefined ? `did you mean "${meant}"? ` : ''}name one of the app's containers ${names.join(', ')} (the main one is named after the app)`;
}
