import { addressInUrl } from '../inventory/ip-address';
import { createHash } from 'crypto';
import { Construct } from 'constructs';
import { App } from '../app/app';
import { appNameMaxLength, appNameMeant, appNameProblem } from '../app/app-name';
import { routeHostPropProblems } from '../app/route-host';
import { TUN_DEVICE, tunCapabilityProblem } from '../app/devices';
import { checkImagePlatforms, imageRef, PinnedImage, pinnedImageProblem } from '../app/image-platforms';
import type { ProbeProps } from '../app/probes';
import { resourcesWrittenAs, type ResourcesProps } from '../app/resources';
import { rootInitExemption, SecurityExemptions } from '../app/security';
import { LINUXSERVER_IMAGE } from '../app/root-started-images';
import { AppVolume, noFolderAt, PersistenceProps } from '../app/volumes';
import type { Host } from '../inventory/host';
import { ClusterChart } from '../platform/cluster-chart';
import { type BodySize, bodySizeProblems } from '../platform/body-size';
import { assignLayerPerChild } from '../platform/layout';
import { reportFinding } from '../validation/finding';
import { DNS_NAME, IANA_SERVICE_NAME, nameProblem, plainHostName } from '../validation/dns-names';
import { describeValue } from '../inventory/problems';
import { leaveOwnerAction, leavePlaceholder, placeholderAction } from '../synth/owner-action';
import { type Fact, factValue, isPlaceholder, placeholderInfoProblem } from '../inventory/placeholder';
import { mediaEnvironmentProblems, mediaEnvironmentText, MediaEnvValue } from './media-environment';
import { MediaSettings, mediaFolder, mediaFolderProblems, mediaIdProblems, mediaSettingsProblems, pendingMediaSettings, settingValue } from './media-settings';
import { absoluteMountPathMeant } from '../app/mount-paths';
import { checkNodePorts, formatNodePortRange, inNodePortRange, nameToPort, NodePortClaim, NodePortRange, reversedNodePortRangeProblem } from './node-ports';
import { noteNodePorts } from '../validation/node-port-use';
import { goDurationMilliseconds, type PropProblem, rejectPropProblems, requireProps } from '../validation/known-props';
import { timeZoneNameHint, timeZoneProblem } from '../validation/cron';
import { timeZoneHint } from '../validation/cron-hints';
import { MEDIA_CONTAINERS_FOREIGN_PROPS, MEDIA_CONTAINERS_PROPS_SHAPE } from '../validation/service-props-shapes';
import { parseDeviceSpec } from './media-devices';
import { MediaConfigFolder, mediaConfigFolders } from './media-config-folders';
import { mediaResourcesProblems } from './media-resources';
import { appPropsInTermsOf } from '../app/prop-problem-terms';
import { mediaContainerTerms, type MediaMount } from './media-prop-terms';

/** Compute resources in the shape container specs use. */
export interface MediaResources {
  /** What the scheduler reserves. @default - 50m CPU, 128Mi */
  readonly requests?: { readonly cpu?: string; readonly memory?: string };
  /** Ceilings. @default - 512Mi memory, no CPU limit */
  readonly limits?: { readonly cpu?: string; readonly memory?: string };
}

/** A command run in the container to check its health. */
export interface MediaHealthCheck {
  /** Command; healthy on exit 0, e.g. `['curl', '-f', 'http://localhost:32400/health']`. */
  readonly command: string[];
  /** Time between checks, in seconds (`30s`) or minutes (`1m`). @default '10s' */
  readonly interval?: string;
  /** Failures in a row before the container counts as unhealthy. @default 3 */
  readonly retries?: number;
  /**
   * Time one check may take before it counts as failed, in seconds (`30s`) or minutes (`1m`): the check's
   * `timeout` of Podman and Docker, whose default it keeps, as a spec written for them assumes it.
   * @default '30s'
   */
  readonly timeout?: string;
}

/** Podman's and Docker's health-check timeout when a spec gives none, in seconds. */
const HEALTH_CHECK_TIMEOUT_SECONDS = 30;

/** Up to five minutes for a media container to open its port, before liveness may restart it. */
const MEDIA_STARTUP: ProbeProps = { tcp: true, failureThreshold: 30 };

/** One media container, in the terse terms of a NixOS `media.containers.<name>` entry. */
export interface MediaContainer {
  /** Image with a pinned tag; a {@link PinnedImage} also says which architectures the tag exists for. */
  readonly image: string | PinnedImage;
  /** Port the app listens on: the container port, and the Service's port. @default - no port and no Service */
  readonly listenPort?: number;
  /**
   * Node port the Service is reachable on. A host-network container gets none: it is reached on its
   * `listenPort` of its node. A placeholder's stand-in is used, listed among the owner's steps before the
   * first sync and marked in the reverse-proxy step that names it.
   * @default - derived from the name ({@link nameToPort})
   */
  readonly exposePort?: Fact<number>;
  /** Mount `<dataDir>/files` read-write at `/files` and `<storageDir>/media` read-only at `/media`. @default false */
  readonly mediaVolumes?: boolean;
  /** Where the host folder `<configDir>/<name>` is mounted in the container; `false` for none. @default '/config' */
  readonly configDir?: string | false;
  /**
   * Further host folders, as `"src:dst"` or `"src:dst:ro"`; a folder listed twice is one volume mounted at
   * both places, each read-only or not as its entry says. A path in the container that `configDir`, `mediaVolumes`
   * or another entry mounts already is an error on the entry: set `configDir: false` to mount a config folder of
   * your own at `/config`. @default []
   */
  readonly volumes?: string[];
  /** `host` runs the pod in the node's network namespace (with `ClusterFirstWithHostNet` DNS). @default - the pod network */
  readonly network?: 'host';
  /**
   * Host devices as compose writes them: `"/dev/x"`, `"src:dst"`, or with docker's default permissions
   * `"src:dst:rwm"`; a folder of devices (`/dev/bus/usb`) is mounted as a folder. `/dev/dri` is rendered per
   * {@link MediaContainersProps.driDevices}. `/dev/net/tun` needs `privileged`: a VPN creates its tunnel with
   * `NET_ADMIN`, and a media container adds no single capability. @default []
   */
  readonly devices?: string[];
  /** Why the container must run privileged; set only when it must. @default - not privileged */
  readonly privileged?: string;
  /**
   * Environment; numbers and booleans become their text, as compose writes them. `PUID`, `PGID` and `TZ`
   * come from the site settings. @default {}
   */
  readonly environment?: Record<string, MediaEnvValue>;
  /** The inventory host the container runs on. @default - any node of the cluster */
  readonly host?: Host<any, any>;
  /** Compute resources. @default - 50m CPU and 128Mi requested, 512Mi memory limit */
  readonly resources?: MediaResources;
  /**
   * Health check, rendered as an exec readiness probe; liveness is then a TCP check of `listenPort` (where
   * there is one), with up to five minutes to start. @default - TCP check of `listenPort`
   */
  readonly healthCheck?: MediaHealthCheck;
  /**
   * Why the image must start as root. Images of linuxserver.io start as root and drop to `PUID`/`PGID`
   * themselves, so they get this exemption (and the capabilities to switch user) without being told.
   * @default - runs as `PUID`:`PGID`, or as root with the linuxserver.io reason for its images
   */
  readonly runAsRoot?: string;
  /** Why the image must write outside its mounted folders. @default - read-only root filesystem */
  readonly writableRoot?: string;
  /**
   * Further groups the container runs with besides `PGID`, e.g. `[0]` for an image whose folders belong to
   * group root and are group-writable (made for arbitrary user ids). @default []
   */
  readonly supplementalGroups?: number[];
  /** Further ports the app listens on, beside `listenPort`, reached inside the cluster only. @default [] */
  readonly extraPorts?: Array<{ readonly name: string; readonly port: number }>;
  /** Arguments to the image's entrypoint. @default - the image's command */
  readonly args?: string[];
  /** Host name under the cluster domain (or a FQDN) when exposed through the cluster's ingress. @default - the container's name */
  readonly route?: string;
  /**
   * The largest request body its route lets through when exposed through the cluster's ingress, as a route's
   * `maxBodySize`: a whole number of `Ki`, `Mi` or `Gi`, or `'unlimited'`, for a container that takes uploads
   * (Jellyfin's images: `'20Mi'`). @default - the ingress' own limit (1 MiB under ingress-nginx)
   */
  readonly maxBodySize?: BodySize;
}

/** How the media Services are reached from outside the cluster. */
export type MediaExposure =
  /** NodePort Services on `exposePort` (or the derived port); a reverse proxy outside the cluster forwards to them. */
  | 'nodePort'
  /** ClusterIP Services behind the cluster's ingress, one route per container with a port. */
  | 'ingress';

/** How containers that list `/dev/dri` get the GPU. */
export type DriDevices =
  /**
   * The host's `/dev/dri` mounted as a hostPath, with the `render` and `video` groups of the settings.
   * The mount shows the device nodes, but runtimes such as containerd let an unprivileged container open
   * only the devices a device plugin hands it: the node's runtime must be set up to allow it.
   */
  | 'mount'
  /**
   * The Intel GPU device plugin's `gpu.intel.com/i915` resource, with the `render` and `video` groups of
   * the settings; the host must have an Intel GPU.
   */
  | 'intel-plugin';

/** Options of {@link MediaContainers}. */
export interface MediaContainersProps {
  /** PUID, PGID, TZ and the host folders. */
  readonly settings: MediaSettings;
  /** The containers by name; the name is the Deployment's, the Service's and the config folder's. */
  readonly containers: Record<string, MediaContainer>;
  /** Namespace of every container. @default 'media' */
  readonly namespace?: string;
  /** How the Services are reached. @default 'nodePort' */
  readonly exposure?: MediaExposure;
  /** Ports node ports are derived from names in. @default 30000-32767 (inside every cluster's range) */
  readonly derivedPortRange?: NodePortRange;
  /** How `/dev/dri` reaches a container. @default 'mount' */
  readonly driDevices?: DriDevices;
  /**
   * Ports of the nodes already in use that node ports must avoid, with what uses them (the API server's
   * 6443, the kubelet's 10250 when the node-port range covers them).
   * @default {}
   */
  readonly reservedPorts?: Readonly<Record<number, string>>;
  /** Tailnet domain of the hosts (`bat-boa.ts.net`), for the tailnet form of reverse-proxy targets. @default - none */
  readonly tailnet?: string;
}

/** Where a reverse proxy outside the cluster sends one public host name. */
export interface ProxyTarget {
  /** Container name. */
  readonly name: string;
  /** Public host name, e.g. `sonarr.arsfeld.one`. */
  readonly hostname: string;
  /**
   * `address:port` on the home network, e.g. `192.168.1.5:8989`; under `ingress` exposure, for a container
   * off the host network, the URL of its route (`https://sonarr.arsfeld.one`): no port of a node reaches its pod.
   */
  readonly upstream: string;
  /** `host.tailnet:port`, when the tailnet is known. @default - no tailnet, or the container is reached through its route */
  readonly tailnetUpstream?: string;
  /** `node-port` through the Service, `host-network` straight to the pod on its node, or `route` through the cluster's ingress. */
  readonly via: 'node-port' | 'host-network' | 'route';
}

const DRI = '/dev/dri';

/** Each amount of an App's resources, as a media container's resources write it. */
const COMPOSE_RESOURCE_FIELDS: Readonly<Record<keyof ResourcesProps, string>> = {
  cpuRequest: 'resources.requests.cpu', cpuLimit: 'resources.limits.cpu', memoryRequest: 'resources.requests.memory', memoryLimit: 'resources.limits.memory',
};

/** `"src:dst[:ro]"` split into its parts. */
export function parseVolumeSpec(spec: string): { src: string; dst: string; readOnly: boolean } | undefined {
  const parts = spec.split(':');
  if (parts.length < 2 || parts.length > 3 || !parts[0].startsWith('/') || !parts[1].startsWith('/') || (parts.length === 3 && !['ro', 'rw'].includes(parts[2]))) {
    return undefined;
  }
  return { src: parts[0], dst: parts[1], readOnly: parts[2] === 'ro' };
}

/**
 * The `"src:dst[:mode]"` line most likely meant by `spec`: each part without blanks around it, the mode in lower
 * case (compose's `:RO`), a Windows source (`D:\\media`, where the compose file was written) as the Linux path.
 * Undefined for a line of another number of parts. Pure.
 */
function volumeSpecMeant(spec: string): string | undefined {
  const drive = /^\s*([A-Za-z]:[\\/][^:]*)(:.*)$/.exec(spec);
  const parts = drive ? [absoluteMountPathMeant(drive[1].trim()), ...drive[2].slice(1).split(':')] : spec.split(':');
  if (parts.length < 2 || parts.length > 3) {
    return undefined;
  }
  return parts.map((part, i) => (i === 2 ? part.trim().toLowerCase() : part.trim())).join(':');
}

/** Volume name of a `"src:dst"` volume: `volume-<md5 of src>`, as the NixOS translation names it. */
export function volumeNameOf(src: string): string {
  return `volume-${createHash('md5').update(src).digest('hex')}`;
}

/** Seconds of a `30s` / `1m` duration; undefined when it is neither. */
function durationSeconds(duration: string | undefined): number | undefined {
  // Compose writes Go durations (`1m30s`); a probe's period is whole seconds, at least one.
  const milliseconds = goDurationMilliseconds(duration);
  return milliseconds !== undefined && milliseconds >= 1000 && milliseconds % 1000 === 0 ? milliseconds / 1000 : undefined;
}

/** How to give each media setting a container needs, for a settings object that lacks it. */
const MEDIA_SETTING_HINTS = {
  puid: "give the user id that owns the media files (`id -u`), e.g. puid: 1000; the key is puid, which the containers get as PUID",
  pgid: "give the group id that owns the media files (`id -g`), e.g. pgid: 1000; the key is pgid, which the containers get as PGID",
  tz: "give the time zone as the tz database names it, e.g. tz: 'Europe/Berlin'; the key is tz, which the containers get as TZ",
  configDir: "give the host folder that holds one config folder per container, e.g. configDir: '/srv/config'",
  dataDir: "give the host folder whose files/ is mounted at /files, e.g. dataDir: '/srv/data'",
  storageDir: "give the host folder whose media/ is mounted read-only at /media, e.g. storageDir: '/srv/storage'",
} as const;

/**
 * Media containers from a terse, NixOS-style spec (`media.containers.<name>`): each becomes a
 * Deployment with one replica in namespace `media` labelled `app=<name>`, pinned to its host, with the
 * site's PUID/PGID/TZ, host folders for config and media, and a Service when it listens on a port —
 * a NodePort for a reverse proxy outside the cluster, or a ClusterIP behind the cluster's ingress.
 *
 * Everything that leaves the secure defaults (host folders, host network, devices, root, privileged)
 * becomes a typed exemption whose reason names the spec field; the namespace's Pod Security level is
 * raised to match. Each container is written to a file of its own.
 */
export class MediaContainers extends Construct {
  /** The apps, by container name. */
  public readonly apps: Readonly<Record<string, App>>;
  /** The namespace. */
  public readonly namespace: string;
  /** The node port of each container with a NodePort Service. */
  public readonly nodePorts: Readonly<Record<string, number>>;
  private readonly cluster: ClusterChart;
  private readonly props: MediaContainersProps;

  constructor(scope: Construct, id: string, props: MediaContainersProps) {
    super(scope, id);
    requireProps(this, 'MediaContainers', props, MEDIA_CONTAINERS_PROPS_SHAPE, {
      required: [
        ['settings', "pass the site's media settings (puid, pgid, tz and the host folders)"],
        ...(['puid', 'pgid', 'tz', 'configDir', 'dataDir', 'storageDir'] as const).map((key) => [`settings.${key}`, MEDIA_SETTING_HINTS[key]] as const),
        ['containers', "give the containers by name: containers: { sonarr: { … } }"],
        ['containers.*.image', "give each container's image with its tag, e.g. image: 'lscr.io/linuxserver/sonarr:4.0.9'"],
      ],
      foreign: MEDIA_CONTAINERS_FOREIGN_PROPS,
    });
    rejectPropProblems(this, 'MediaContainers', [...Object.entries(props.containers).flatMap(([name, container]) => {
      const problem = container.image === undefined ? undefined : pinnedImageProblem(container.image);
      // The name becomes the app's id (its Deployment, container, label and Service): reported on the name written.
      const use = { ports: container.listenPort === undefined ? [] : [{ name: 'http', port: container.listenPort, nodePort: (props.exposure ?? 'nodePort') === 'nodePort' ? 1 : undefined }] };
      const badName = appNameProblem(name, use);
      return [
        ...(badName ? [{
          field: `containers.${name}`, message: badName.replace("the app's id", `the container's name "${name}"`),
          hint: `name it with lower-case letters, digits and '-', starting with a letter, at most ${appNameMaxLength(use)} characters, e.g. containers: { '${appNameMeant(name, use) ?? 'app'}': … }`,
        }] : []),
        ...(problem ? [{ field: `containers.${name}.image`, message: problem, hint: "give the image as a reference with its tag, e.g. 'lscr.io/linuxserver/sonarr:4.0.9'" }] : []),
        ...(container.configDir === undefined || container.configDir === false || typeof container.configDir === 'string' ? [] : [{
          field: `containers.${name}.configDir`, message: `containers.${name}.configDir is ${JSON.stringify(container.configDir)}, neither the path the config folder is mounted at nor false`,
          hint: "write the path in the container, e.g. configDir: '/config', or configDir: false for no config folder",
        }]),
        // The path in the container the config folder is mounted at: compose's relative form has no meaning there.
        ...(typeof container.configDir === 'string' && !container.configDir.startsWith('/') ? [{
          field: `containers.${name}.configDir`, message: `configDir "${container.configDir}" is no absolute path in the container, where the config folder is mounted`,
          hint: `write the path from the container's root: configDir: '${absoluteMountPathMeant(container.configDir)}'`,
        }] : []),
        ...exposePortProblems(container.exposePort, `containers.${name}.exposePort`),
        // A route the container's Service would not carry: said here rather than dropped.
        ...(container.route !== undefined && container.listenPort === undefined ? [{
          field: `containers.${name}.route`, message: `"${name}" has a route but no listenPort, so it gets no Service for the route to send to, and the route would be dropped`,
          hint: 'give the port the app listens on: listenPort: 8080, or leave route out',
        }] : []),
        ...mediaEnvironmentProblems(container.environment, `containers.${name}.environment`),
        ...mediaResourcesProblems(container.resources, `containers.${name}.resources`),
        ...bodySizeProblems(container.maxBodySize, `containers.${name}.maxBodySize`),
        ...healthCheckRetriesProblems(container.healthCheck?.retries, `containers.${name}.healthCheck.retries`),
        // Reported on the prop written: under node-port exposure proxyTargets() names the route's host, and no
        // App route checks it; under ingress exposure the App's route would name the call that made it.
        ...(typeof container.route === 'string'
          ? routeHostPropProblems(container.route, (label) => ClusterChart.of(scope).hostname(label), ClusterChart.of(scope).domain, `containers.${name}.route`)
          : []),
        ...siteSetEnvironment(container.environment).map((key) => ({
          field: `containers.${name}.environment.${key}`,
          message: `${key} comes from the site's media settings and would replace this value`,
          hint: `change ${SITE_SET_ENV[key]} in the media settings, which every container shares`,
        })),
      ];
    }), ...timeZoneSettingProblems(props.settings), ...mediaIdProblems(props.settings), ...rootUserSettingProblems(props.settings, props.containers), ...mediaFolderProblems(props.settings),
    ...tailnetProblems(props.tailnet), ...reservedPortsProblems(props.reservedPorts), ...derivedPortRangeProblems(props.derivedPortRange, ClusterChart.of(this))]);
    assignLayerPerChild(this, 'apps');
    this.cluster = ClusterChart.of(this);
    this.props = props;
    this.namespace = props.namespace ?? 'media';
    const apps: Record<string, App> = {};
    const nodePorts: Record<string, number> = {};
    const claims: NodePortClaim[] = [];
    const hostPorts = new Map<number, string>();
    const range = this.cluster.nodePortRange;
    for (const [name, container] of Object.entries(props.containers)) {
      const requested = this.requestedNodePort(name, container);
      if (requested !== undefined && !inNodePortRange(requested, range)) {
        // Reported here, on the prop written; the app gets no node port, so it does not report it again.
        reportFinding(this, {
          layer: 'inventory', severity: 'error', field: `containers.${name}.exposePort`,
          message: `node port ${requested}${container.exposePort === undefined ? `, derived from the name "${name}",` : ''} lies outside the node-port range ${formatNodePortRange(range)} of cluster "${this.cluster.clusterName}"`,
          hint: `set exposePort to a port in ${formatNodePortRange(range)}, or widen the cluster's nodePortRange (the API server's --service-node-port-range; with K3s: k3s({ serviceNodePortRange: { first, last } }))`,
        });
      }
      if (container.network === 'host' && container.exposePort !== undefined && (props.exposure ?? 'nodePort') === 'nodePort') {
        reportFinding(this, {
          layer: 'props', severity: 'error', field: `containers.${name}.exposePort`,
          message: `"${name}" runs on the host network, where it is reached on its listenPort of its node: it gets no node port`,
          hint: 'remove exposePort, or remove network: \'host\' to reach it on a node port',
        });
      }
      apps[name] = this.addContainer(name, container);
      const port = this.nodePortOf(name, container);
      if (port !== undefined) {
        nodePorts[name] = port;
        if (isPlaceholder(container.exposePort)) {
          leavePlaceholder(apps[name], container.exposePort);
        }
        claims.push({ name, port, field: `containers.${name}.exposePort`, derived: container.exposePort === undefined });
      }
      if (container.network === 'host' && container.listenPort !== undefined) {
        hostPorts.set(container.listenPort, `the host network of "${name}"`);
      }
    }
    this.apps = apps;
    this.nodePorts = nodePorts;
    for (const [port, owner] of Object.entries(props.reservedPorts ?? {})) {
      hostPorts.set(Number(port), owner);
    }
    for (const problem of mediaSettingsProblems(props.settings)) {
      reportFinding(this, { layer: 'props', severity: 'error', ...problem });
    }
    // Every pod starts with these ids, time zone and host folders: they are right before the first sync, or the
    // containers take over their config folders under the wrong owner.
    for (const pending of pendingMediaSettings(props.settings)) {
      leaveOwnerAction(this, { kind: 'placeholder', action: placeholderAction(pending.fact, pending.owner, pending.value), beforeFirstSync: true });
    }
    if ((props.exposure ?? 'nodePort') === 'nodePort') {
      // The App checks each port against the cluster's nodePortRange; here: ports the nodes use already.
      checkNodePorts(this, claims, undefined, hostPorts);
      // Ports taken twice, here or by another Service of the cluster, are reported on the prop that gives them.
      for (const claim of claims) {
        noteNodePorts(this, { namespace: this.namespace, name: `${claim.name}-nodeport` }, [{
          port: claim.port, field: claim.field,
          hint: claim.derived ? `the port is derived from the name "${claim.name}"; set exposePort to a free port` : 'set exposePort to a free port',
        }]);
      }
      for (const target of this.proxyTargets()) {
        leaveOwnerAction(this, {
          kind: 'manual',
          action: `reverse proxy ${target.hostname} to ${target.upstream}${target.tailnetUpstream ? ` (tailnet: ${target.tailnetUpstream})` : ''}, `
            + `${target.via === 'host-network' ? 'the pod\'s own port on its node' : 'its node port'}`
            + `${isPlaceholder(props.containers[target.name].exposePort) ? ' (placeholder)' : ''}`,
          // Caddy reads a directive to the end of its line, so the closing brace needs a line of its own.
          command: `${target.hostname} {\n\treverse_proxy ${target.upstream}\n}`,
        });
      }
    }
  }

  /** The node port a container asks for (its exposePort, or one derived from its name), in the cluster's range or not. */
  private requestedNodePort(name: string, container: MediaContainer): number | undefined {
    // A host-network pod already serves listenPort on its node: a node port would only open it on every node.
    if ((this.props.exposure ?? 'nodePort') !== 'nodePort' || container.listenPort === undefined || container.network === 'host') {
      return undefined;
    }
    return factValue(container.exposePort) ?? nameToPort(name, this.props.derivedPortRange);
  }

  /** The node port of a container, when it gets a NodePort Service: none outside the cluster's range, which is reported. */
  private nodePortOf(name: string, container: MediaContainer): number | undefined {
    const port = this.requestedNodePort(name, container);
    return port !== undefined && inNodePortRange(port, this.cluster.nodePortRange) ? port : undefined;
  }

  /**
   * The config folder each container mounts, with the owner it must have before the pod starts: the pods
   * mount them as folders that exist, and a container that does not take its folder writes only into
   * what its user owns.
   */
  public configFolders(): MediaConfigFolder[] {
    return mediaConfigFolders(this.props.settings, this.props.containers);
  }

  /**
   * What a reverse proxy or a caller outside the cluster needs, one entry per container with a port:
   * host-network containers straight on their node's `listenPort`, the others on their node port of the
   * node they run on, or, under `ingress` exposure, which gives them no node port, at their route.
   */
  public proxyTargets(): ProxyTarget[] {
    const ingress = (this.props.exposure ?? 'nodePort') === 'ingress';
    return Object.entries(this.props.containers)
      .filter(([, c]) => c.listenPort !== undefined)
      .map(([name, c]) => {
        const hostNetwork = c.network === 'host';
        const hostname = this.cluster.hostname(c.route ?? name);
        if (ingress && !hostNetwork) {
          return { name, hostname, upstream: `https://${hostname}`, via: 'route' as const };
        }
        const port = hostNetwork ? c.listenPort! : this.nodePorts[name] ?? c.listenPort!;
        const node = c.host ?? this.cluster.hosts[0];
        return {
          name,
          hostname,
          upstream: `${addressInUrl(node.address)}:${port}`,
          tailnetUpstream: this.props.tailnet ? `${node.name}.${this.props.tailnet}:${port}` : undefined,
          via: hostNetwork ? 'host-network' as const : 'node-port' as const,
        };
      });
  }

  private addContainer(name: string, c: MediaContainer): App {
    const settings = this.props.settings;
    const field = (f: string) => `containers.${name}.${f}`;
    const nodePort = this.nodePortOf(name, c);
    const persistence: Record<string, PersistenceProps> = {};
    const hostPaths: string[] = [];
    // The App's field of each mount path, and the entry's field that mounts it: the App's findings name the entry's.
    const mounts = new Map<string, MediaMount>();
    const hostFolder = (volumeName: string, path: string, mountPath: string, readOnly = false, by: MediaMount = { field: 'configDir' }) => {
      const mounted = persistence[volumeName];
      mounts.set(mounted ? `persistence.${volumeName}.mounts[${mounted.mounts?.length ?? 0}].mountPath` : `persistence.${volumeName}.mountPath`, by);
      // Compose mounts one host folder at several places ("/mnt/a:/a" and "/mnt/a:/b:ro"): one volume, a mount each.
      persistence[volumeName] = mounted
        ? { ...mounted, mounts: [...(mounted.mounts ?? []), { mountPath, readOnly }] }
        // Docker binds whatever the line's source is: a file or a socket (/etc/localtime, docker.sock) keeps its type, which a Directory check refuses.
        : { volume: AppVolume.hostPath(path, noFolderAt(path)?.type ?? 'Directory'), mountPath, readOnly: readOnly || undefined };
      hostPaths.push(`${path}${readOnly ? ' (read-only)' : ''}`);
    };
    const configDir = c.configDir ?? '/config';
    if (configDir !== false) {
      hostFolder('config', mediaFolder(settings.configDir, name), configDir);
    }
    if (c.mediaVolumes) {
      hostFolder('files', mediaFolder(settings.dataDir, 'files'), '/files', false, { field: 'mediaVolumes' });
      hostFolder('media', mediaFolder(settings.storageDir, 'media'), '/media', true, { field: 'mediaVolumes' });
    }
    // What each of the folders above is mounted at, with the field that mounts it: compose's own line for the
    // config folder ("/srv/config/sonarr:/config") would hide the folder configDir mounts there.
    const mountedBy = new Map<string, string>([
      ...(configDir === false ? [] : [[configDir.replace(/\/+$/, ''), `the config folder ${mediaFolder(settings.configDir, name)} (configDir)`] as [string, string]]),
      ...(c.mediaVolumes ? [['/files', 'mediaVolumes'], ['/media', 'mediaVolumes']] as Array<[string, string]> : []),
    ]);
    for (const [i, spec] of (c.volumes ?? []).entries()) {
      const volume = parseVolumeSpec(spec);
      const meant = volumeSpecMeant(spec);
      if (!volume) {
        reportFinding(this, {
          layer: 'references', severity: 'error', field: field('volumes'),
          message: `"${spec}" is not "src:dst" or "src:dst:ro" with absolute paths`,
          hint: meant !== undefined && meant !== spec && parseVolumeSpec(meant) ? `write it as "${meant}"` : 'write e.g. "/mnt/storage/backups:/backups:ro"',
        });
        continue;
      }
      if (meant !== spec) {
        // Docker trims the line of a compose file; a pod takes each path to the letter, blanks and all.
        reportFinding(this, {
          layer: 'props', severity: 'error', field: field(`volumes[${i}]`),
          message: `"${spec}" has blanks around its paths, which the pod would take as part of the folders' names`, hint: `write it as "${meant}"`,
        });
        continue;
      }
      const taken = mountedBy.get(volume.dst.replace(/\/+$/, ''));
      if (taken !== undefined) {
        reportFinding(this, {
          layer: 'props', severity: 'error', field: field(`volumes[${i}]`),
          message: `"${spec}" mounts ${volume.dst}, where ${taken} is mounted already; the second folder would hide the first`,
          hint: taken.endsWith('(configDir)')
            ? `leave this entry out, the config folder is mounted there already; to mount ${volume.src} there instead, set configDir: false on the container`
            : 'mount it at another path in the container',
        });
        continue;
      }
      hostFolder(volumeNameOf(volume.src), volume.src, volume.dst, volume.readOnly, { field: `volumes[${i}]`, spec });
      mountedBy.set(volume.dst.replace(/\/+$/, ''), `${volume.src} (volumes[${i}])`);
    }
    let intelGpu = false;
    const groups: number[] = [...(c.supplementalGroups ?? [])];
    for (const spec of c.devices ?? []) {
      const device = parseDeviceSpec(spec);
      if ('problem' in device) {
        reportFinding(this, { layer: 'references', severity: 'error', field: field('devices'), message: device.problem, hint: device.hint });
        continue;
      }
      if (device.src === DRI) {
        // The device nodes keep the host's owner and mode in the container either way (containerd's
        // default): a non-root process opens them through the render and video groups.
        groups.push(...[settings.renderGroup, settings.videoGroup].filter((g) => g !== undefined).map((g) => settingValue(g!)));
      }
      if (device.src === DRI && (this.props.driDevices ?? 'mount') === 'intel-plugin') {
        intelGpu = true;
        continue;
      }
      if (device.src === DRI) {
        this.checkHostHasGpu(name, c);
      }
      const tun = device.src === TUN_DEVICE
        ? tunCapabilityProblem([{ name, capabilities: [], privileged: c.privileged !== undefined }], [],
          "a media container adds no single capability: state why it may create network interfaces, privileged: 'creates the VPN tunnel', or run the VPN as a HomelabApp's sidecar with exemptions.addCapabilities NET_ADMIN")
        : undefined;
      if (tun !== undefined) {
        reportFinding(this, { layer: 'props', severity: 'error', field: field('devices'), ...tun });
      }
      persistence[device.src === DRI ? 'dri' : `device-${createHash('md5').update(device.src).digest('hex').slice(0, 12)}`] = {
        volume: AppVolume.hostPath(device.src, device.hostPathType), mountPath: device.dst,
      };
      hostPaths.push(`device ${device.src}`);
    }
    if (c.exposePort !== undefined && c.listenPort === undefined) {
      reportFinding(this, {
        layer: 'references', severity: 'error', field: field('exposePort'),
        message: `"${name}" has an exposePort but no listenPort, so it gets no Service`, hint: 'set listenPort to the port the app listens on',
      });
    }
    // The listen port is named http; further ports need names of their own, as Services and probes read them.
    const portNames = c.listenPort !== undefined ? ['http'] : [];
    // Each number once: the container and its Service would declare it twice, which the API server refuses.
    const portNumbers = c.listenPort !== undefined ? [c.listenPort] : [];
    const extraPorts: Array<{ name: string; port: number }> = [];
    // The entry's field that wrote each port of the App, in the App's order.
    const portFields = c.listenPort !== undefined ? ['listenPort'] : [];
    (Array.isArray(c.extraPorts) ? c.extraPorts : []).forEach((port, i) => {
      const problem = typeof port?.name === 'string' ? nameProblem(port.name, IANA_SERVICE_NAME) : `${describeValue(port?.name)} is not text`;
      const taken = portNames.includes(port?.name);
      if (portNumbers.includes(port?.port)) {
        reportFinding(this, {
          layer: 'props', severity: 'error', field: field(`extraPorts[${i}].port`),
          message: `port ${port.port} is ${port.port === c.listenPort ? 'the listenPort' : 'a further port'} of "${name}" already`,
          hint: 'list each port the app listens on once',
        });
      } else if (problem || taken) {
        reportFinding(this, {
          layer: 'props', severity: 'error', field: field(`extraPorts[${i}].name`),
          message: taken ? `port name "${port.name}" is taken by another port of "${name}"` : `port name ${problem}`,
          hint: "give each port its own short lower-case name, e.g. 'ldap' (at most 15 characters)",
        });
      } else {
        extraPorts.push(port);
        portFields.push(`extraPorts[${i}]`);
      }
      portNames.push(port?.name);
      portNumbers.push(port?.port);
    });
    const image = imageRef(c.image);
    checkImagePlatforms(this, field('image'), c.image, c.host ? [c.host] : this.cluster.hosts);

    // linuxserver.io images start as root, take ownership of /config and switch to PUID:PGID themselves.
    const linuxserver = c.runAsRoot === undefined && LINUXSERVER_IMAGE.test(image);
    const rootReason = c.runAsRoot ?? (linuxserver ? 'linuxserver.io image: its init starts as root, then runs the app as PUID:PGID' : undefined);
    const exemptions: SecurityExemptions = {
      hostPath: hostPaths.length > 0 ? `media container spec mounts host paths: ${hostPaths.join(', ')}` : undefined,
      hostNetwork: c.network === 'host' ? `media container spec: network "host"${c.listenPort ? ` (served on port ${c.listenPort} of its node)` : ''}` : undefined,
      privileged: c.privileged,
      nodePort: nodePort !== undefined ? `media container spec: reached on node port ${nodePort} by the reverse proxy outside the cluster` : undefined,
      runAsRoot: rootReason,
      writableRootFilesystem: c.writableRoot ?? (linuxserver ? 'its init writes its service tree under /run before dropping privileges' : undefined),
      addCapabilities: linuxserver ? rootInitExemption('supervisor', 'switches to PUID:PGID and takes ownership of its config folder') : undefined,
    };
    const probe: ProbeProps | undefined = c.healthCheck && {
      command: c.healthCheck.command,
      periodSeconds: durationSeconds(c.healthCheck.interval),
      failureThreshold: c.healthCheck.retries,
      timeoutSeconds: c.healthCheck.timeout === undefined ? HEALTH_CHECK_TIMEOUT_SECONDS : durationSeconds(c.healthCheck.timeout),
    };
    for (const key of ['interval', 'timeout'] as const) {
      const duration = c.healthCheck?.[key];
      if (duration !== undefined && durationSeconds(duration) === undefined) {
        reportFinding(this, {
          layer: 'references', severity: 'error', field: field(`healthCheck.${key}`),
          message: goDurationMilliseconds(duration) === 0 ? `"${duration}" is no time: a check runs at most once a second` : `"${duration}" is not a duration of whole seconds`,
          hint: 'write e.g. "30s", "1m" or "1m30s"',
        });
      }
    }
    // Written in the compose form of the container's resources, which findings about the amounts name.
    const resources: ResourcesProps = resourcesWrittenAs({
      cpuRequest: c.resources?.requests?.cpu, memoryRequest: c.resources?.requests?.memory,
      cpuLimit: c.resources?.limits?.cpu, memoryLimit: c.resources?.limits?.memory,
    }, (prop) => COMPOSE_RESOURCE_FIELDS[prop]);
    const puid = settingValue(settings.puid);
    const pgid = settingValue(settings.pgid);
    const env = mediaEnvironmentText({ ...c.environment, PUID: puid, PGID: pgid, TZ: settingValue(settings.tz) });
    const app = new App(this, name, appPropsInTermsOf({
      image,
      args: c.args,
      namespace: this.namespace,
      labels: { app: name },
      ports: [...(c.listenPort !== undefined ? [{ name: 'http', port: c.listenPort, nodePort }] : []), ...extraPorts],
      env,
      persistence,
      placement: c.host ? { host: c.host } : undefined,
      gpu: intelGpu ? { vendor: 'intel' } : undefined,
      resources,
      // Podman marks a container whose health check fails unhealthy and leaves it running: so does the
      // readiness probe. Liveness checks the port, after a start that may take minutes (an image that
      // updates its server, migrates the database it brings along or builds itself as it starts), with or
      // without a health check: a restart in the middle of that start begins it again, or leaves it half done.
      // A container that listens on no port (a downloader, a backup job) is checked by its command alone.
      probes: probe
        ? { readiness: probe, ...(c.listenPort === undefined ? {} : { liveness: { tcp: true, failureThreshold: 6 }, startup: MEDIA_STARTUP }) }
        : { startup: c.listenPort === undefined ? undefined : MEDIA_STARTUP },
      // An image that starts as root switches to PUID itself; the group still owns the volumes (fsGroup).
      runAsUser: rootReason === undefined ? puid : undefined,
      runAsGroup: pgid,
      supplementalGroups: groups.length > 0 ? [...new Set(groups)] : undefined,
      // Config folders are single-writer databases and host-network ports are bound once per node.
      strategy: 'Recreate',
      exemptions: Object.fromEntries(Object.entries(exemptions).filter(([, v]) => v !== undefined)) as SecurityExemptions,
    }, mediaContainerTerms(mediaFolder(settings.configDir, name), mounts, portFields)));
    if (app.service && this.props.exposure === 'ingress') {
      app.addRoute(c.maxBodySize === undefined ? c.route ?? name : { host: c.route ?? name, maxBodySize: c.maxBodySize });
    }
    return app;
  }

  private checkHostHasGpu(name: string, c: MediaContainer): void {
    const hosts = c.host ? [c.host] : this.cluster.hosts;
    const without = hosts.filter((h) => h.gpus.length === 0);
    if (without.length > 0) {
      reportFinding(this, {
        layer: 'inventory', severity: 'error', field: `containers.${name}.devices`,
        message: `"${name}" mounts ${DRI}, but ${without.map((h) => h.name).join(', ')} has no GPU in the inventory`,
        hint: 'place it on a host with a GPU (host:), or add the GPU to the host in the inventory',
      });
    }
  }
}

/** Environment variables every media container gets from the site's settings, with the setting each comes from. */
const SITE_SET_ENV: Readonly<Record<string, string>> = { PUID: 'puid', PGID: 'pgid', TZ: 'tz' };

/** The variables of a container's `environment` that the site's settings set (and would overwrite). */
function siteSetEnvironment(environment: Record<string, unknown> | undefined): string[] {
  return Object.keys(environment ?? {}).filter((key) => key in SITE_SET_ENV);
}

/**
 * A `puid` of 0 runs every container that starts as `PUID` as root, which is the `runAsRoot` exemption asked
 * for without a reason: one error on the setting, naming the containers (a linuxserver.io image, or one with
 * its own `runAsRoot`, starts as root by its exemption and switches to `PUID` itself).
 */
function rootUserSettingProblems(settings: MediaSettings | undefined, containers: Readonly<Record<string, MediaContainer>> | undefined): Array<{ field: string; message: string; hint: string }> {
  if (settings?.puid === undefined || settingValue(settings.puid) !== 0) {
    return [];
  }
  const asPuid = Object.entries(containers ?? {})
    .filter(([, c]) => c?.image !== undefined && c.runAsRoot === undefined && !LINUXSERVER_IMAGE.test(imageRef(c.image)))
    .map(([name]) => name);
  return asPuid.length === 0 ? [] : [{
    field: 'settings.puid',
    message: `puid 0 runs ${asPuid.join(', ')} as root (user id 0)`,
    hint: `give the user id that owns the media files, or state why a container runs as root: containers.${asPuid[0]}.runAsRoot: '…'`,
  }];
}

/** Retries of a health check that are no count of one or more: they become the readiness probe's failureThreshold. Pure. */
function healthCheckRetriesProblems(retries: unknown, field: string): Array<{ field: string; message: string; hint: string }> {
  return retries === undefined || (typeof retries === 'number' && Number.isInteger(retries) && retries >= 1) ? [] : [{
    field, message: `retries ${JSON.stringify(retries)} is no count of failures: the container counts as unhealthy after that many failed checks in a row, at least 1`,
    hint: 'write a whole number of 1 or more, e.g. retries: 3 (the default)',
  }];
}

/** The settings' time zone, which the containers read as `TZ`, must be one the tz database spells so. */
function timeZoneSettingProblems(settings: MediaSettings | undefined): Array<{ field: string; message: string; hint: string }> {
  const tz: unknown = settings?.tz === undefined ? undefined : settingValue(settings.tz);
  if (tz !== undefined && typeof tz !== 'string') {
    // TZ of a number or a switch names no zone: the containers would keep UTC without a word.
    return [{ field: 'settings.tz', message: `tz is ${JSON.stringify(tz)}, not a time zone`, hint: "write the tz database's name of the zone, e.g. tz: 'Europe/Berlin'" }];
  }
  const problem = typeof tz === 'string' ? timeZoneProblem(tz) : undefined;
  const write = (zone: string) => `tz: '${zone}'`;
  return problem ? [{
    field: 'settings.tz', message: problem,
    hint: timeZoneHint(tz as string, (zone) => timeZoneProblem(zone) === undefined, write) ?? timeZoneNameHint(tz as string, write),
  }] : [];
}

/**
 * A `tailnet` that is no DNS name (`https://bat-boa.ts.net`, as the admin console shows the tailnet's URL):
 * it is joined to each node's name as the reverse proxy's upstream (`<node>.<tailnet>:<port>`). Pure.
 */
function tailnetProblems(tailnet: string | undefined): PropProblem[] {
  if (typeof tailnet !== 'string' || nameProblem(tailnet, DNS_NAME) === undefined) {
    return [];
  }
  const meant = plainHostName(tailnet);
  return [{
    field: 'tailnet', message: `tailnet ${nameProblem(tailnet, DNS_NAME)}; it is joined to each node's name as the reverse proxy's upstream (<node>.<tailnet>:<port>)`,
    hint: meant !== '' && nameProblem(meant, DNS_NAME) === undefined ? `write the tailnet's domain alone: tailnet: '${meant}'` : "write the tailnet's domain, as the Tailscale admin console shows it under DNS, e.g. tailnet: 'bat-boa.ts.net'",
  }];
}

/**
 * `reservedPorts` that is no map of port to what uses it: a list of ports (`[6443, 10250]`) would reserve its
 * indexes 0 and 1, a key that is no port nothing, and node ports would be checked against neither.
 */
function reservedPortsProblems(reserved: unknown): PropProblem[] {
  const example = "reservedPorts: { 6443: 'the API server', 10250: 'the kubelet' }, or the distribution's: reservedPorts: distribution.reservedPorts";
  if (reserved === undefined) {
    return [];
  }
  if (typeof reserved !== 'object' || reserved === null || Array.isArray(reserved)) {
    const ports = Array.isArray(reserved) ? reserved.filter((port): port is number => Number.isInteger(port)) : [];
    return [{
      field: 'reservedPorts', message: `reservedPorts is ${describeValue(reserved)}, not a map of each port the nodes use to what uses it`,
      hint: ports.length > 0 ? `key each port by its number, with what uses it: reservedPorts: { ${ports.map((port) => `${port}: '<what uses it>'`).join(', ')} }` : example,
    }];
  }
  return Object.entries(reserved).flatMap(([port, owner]): PropProblem[] => {
    if (!/^[1-9]\d*$/.test(port) || Number(port) > 65535) {
      return [{ field: `reservedPorts.${port}`, message: `reservedPorts key "${port}" is no port: a whole number of 1–65535, so no node port is checked against it`, hint: example }];
    }
    return typeof owner === 'string' && owner.trim() !== '' ? [] : [{
      field: `reservedPorts.${port}`, message: `reservedPorts.${port} is ${describeValue(owner)}, not text that says what uses the port`,
      hint: `say what uses it, for the message of a node port that collides: reservedPorts: { ${port}: '<what uses it>' }`,
    }];
  });
}

/**
 * A `derivedPortRange` that is reversed, or that reaches outside the cluster's node-port range: a port derived
 * from a name there is one the API server refuses.
 */
function derivedPortRangeProblems(range: NodePortRange | undefined, cluster: ClusterChart): PropProblem[] {
  const reversed = reversedNodePortRangeProblem(range, 'derivedPortRange', 'so the ports derived from the names fall outside it');
  if (reversed.length > 0 || range === undefined || !Number.isInteger(range.first) || !Number.isInteger(range.last)) {
    return reversed;
  }
  const allowed = cluster.nodePortRange;
  if (inNodePortRange(range.first, allowed) && inNodePortRange(range.last, allowed)) {
    return [];
  }
  // The part of the band inside the cluster's range, or the whole range where they do not overlap.
  const first = Math.max(range.first, allowed.first);
  const last = Math.min(range.last, allowed.last);
  const meant = first <= last ? { first, last } : allowed;
  return [{
    field: 'derivedPortRange',
    message: `derivedPortRange ${formatNodePortRange(range)} reaches outside the node-port range ${formatNodePortRange(allowed)} of cluster "${cluster.clusterName}", so a port derived from a name may be one the API server refuses`,
    hint: `give a band inside ${formatNodePortRange(allowed)}, e.g. derivedPortRange: { first: ${meant.first}, last: ${meant.last} }, or widen the cluster's nodePortRange`,
  }];
}

/** An exposePort that is no port, or a placeholder for one that does not say what it stands for. */
function exposePortProblems(exposePort: unknown, field: string): PropProblem[] {
  if (exposePort === undefined) {
    return [];
  }
  const described = isPlaceholder(exposePort) ? placeholderInfoProblem(exposePort, field) : undefined;
  if (described) {
    return [described];
  }
  const port = factValue(exposePort as Fact<number>);
  return typeof port === 'number' && Number.isInteger(port) && port >= 1 && port <= 65535 ? [] : [{
    field, message: `${field} is ${describeValue(port)}, not a port: a whole number of 1–65535`,
    hint: 'write the node port the Service is reached on, e.g. exposePort: 30080, or leave it out for one derived from the name',
  }];
}
