import { JsonPatch } from 'cdk8s';
import type { Construct } from 'constructs';
import { App } from '../app/app';
import { leaveFirstVisitorStep } from '../app/first-visitor-step';
import { ownVolumesOf } from '../app/own-volumes';
import { type OwnEnvVariable, pathWithin, writableMountPaths } from '../app/own-env';
import { appPropsOfService, servicePropsObject } from '../app/service-props';
import type { GpuRequest } from '../app/gpu';
import type { ResourcesProps } from '../app/resources';
import type { SecurityExemptions } from '../app/security';
import { AppVolume, PersistenceProps } from '../app/volumes';
import { NfsExport } from '../inventory/nfs-export';
import type { PlacementProps } from '../inventory/placement';
import type { BodySize, RouteIntent } from '../platform/route-flavor';
import { reportFinding } from '../validation/finding';
import { PropsRejected } from '../validation/input-error';
import type { PropProblem } from '../validation/known-props';
import { JELLYFIN_PROPS_SHAPE } from '../validation/service-props-shapes';
import type { ServicePassThroughProps } from './pass-through';
import { rootOnlyRouteProblems } from './route-fields';
import { sizePropProblems } from './size-props';
import { versionTagProblems } from './version-tag';

/** Jellyfin release used when none is given. */
export const JELLYFIN_DEFAULT_VERSION = '10.10.7';

/** Port of Jellyfin's web UI and API. */
export const JELLYFIN_PORT = 8096;

/** Where the media library comes from. Create one with the static methods. */
export type JellyfinMedia =
  | { readonly type: 'nfs'; readonly export: NfsExport; readonly subDirectory?: string }
  | { readonly type: 'shared'; readonly volume: AppVolume };

/** Factories for Jellyfin's media sources. */
export const JellyfinMedia = {
  /** An NFS export (or a directory of it), mounted read-only at `/media`. */
  nfs(nfsExport: NfsExport, subDirectory?: string): JellyfinMedia {
    return { type: 'nfs', export: nfsExport, subDirectory };
  },
  /**
   * One volume for everything: sub-paths `config`, `cache` and `media` of a single
   * ReadWriteMany claim (600Gi there). `config` and `cacheSizeLimit` of the props do not apply.
   */
  shared(volume: AppVolume): JellyfinMedia {
    return { type: 'shared', volume };
  },
};

/** How Jellyfin decodes and encodes video in hardware. Create one with the static methods. */
export type JellyfinTranscoding =
  | ({ readonly type: 'intel-qsv' } & IntelQsvTranscodingProps)
  | { readonly type: 'dri'; readonly vendor: 'intel' | 'amd'; readonly renderGroup: number; readonly videoGroup: number }
  | { readonly type: 'nvidia' };

/** Options of a `/dev/dri` device mount. */
export interface DriTranscodingProps {
  /** GPU maker; the pod is placed on a host that has one. @default 'intel' */
  readonly vendor?: 'intel' | 'amd';
  /** Host's `render` group id, which owns `/dev/dri/renderD*` (`getent group render`). */
  readonly renderGroup: number;
  /** Host's `video` group id, which owns `/dev/dri/card*` (`getent group video`). */
  readonly videoGroup: number;
}

/**
 * Options of Intel Quick Sync through the Intel GPU device plugin: the host's render group, which Jellyfin's
 * own user needs to open the GPU, or that the runtime gives devices the pod's owner (see `GpuRequest`).
 */
export type IntelQsvTranscodingProps = Pick<GpuRequest, 'renderGroup' | 'deviceOwnershipFromSecurityContext'>;

/** Factories for hardware transcoding. */
export const JellyfinTranscoding = {
  /** Intel Quick Sync through the Intel GPU device plugin (`gpu.intel.com/i915`). */
  intelQsv(props: IntelQsvTranscodingProps = {}): JellyfinTranscoding {
    const { renderGroup, deviceOwnershipFromSecurityContext } = props ?? {};
    return {
      type: 'intel-qsv',
      ...(renderGroup === undefined ? {} : { renderGroup }),
      ...(deviceOwnershipFromSecurityContext === undefined ? {} : { deviceOwnershipFromSecurityContext }),
    };
  },
  /**
   * The host's `/dev/dri` mounted into the pod, with the render and video groups added, through a hostPath
   * volume: the namespace is labelled Pod Security `privileged`, with the reason. The mount shows the device
   * nodes, but runtimes such as containerd let an unprivileged container open only the devices a device
   * plugin hands it: prefer `intelQsv()` (the Intel plugin) unless the node's runtime is set up to allow it.
   */
  dri(props: DriTranscodingProps): JellyfinTranscoding {
    // Called without its props (from JavaScript), the missing groups are reported on renderGroup and videoGroup.
    const given: Partial<DriTranscodingProps> = props ?? {};
    return { type: 'dri', vendor: given.vendor ?? 'intel', renderGroup: given.renderGroup as number, videoGroup: given.videoGroup as number };
  },
  /** NVENC/NVDEC through the NVIDIA device plugin (`nvidia` RuntimeClass, `nvidia.com/gpu`). */
  nvidia(): JellyfinTranscoding {
    return { type: 'nvidia' };
  },
};

/**
 * Compose's keys for the GPU (`devices: ['/dev/dri:/dev/dri']`, `group_add: ['993']`), which Jellyfin takes as its
 * transcoding choice: the Intel plugin hands the pod the render node, and the group goes with it.
 */
const JELLYFIN_GPU_HINT = "the GPU is Jellyfin's hardwareTranscoding: hardwareTranscoding: JellyfinTranscoding.intelQsv({ renderGroup: <id of the host's render group, `getent group render`> }) "
  + '(or JellyfinTranscoding.nvidia(), JellyfinTranscoding.dri({ renderGroup, videoGroup }))';
const JELLYFIN_COMPOSE_PROPS: ReadonlyArray<readonly [string, string, string]> = ['devices', 'group_add', 'groupAdd', 'supplementalGroups', 'gpu']
  .map((prop) => [prop, JELLYFIN_GPU_HINT, 'hardwareTranscoding'] as const);

/** The factory calls that make Jellyfin's props of its own kinds, as a hint writes them. */
const JELLYFIN_FACTORIES = {
  media: 'JellyfinMedia.nfs(mySite.nfs.<name>) or JellyfinMedia.shared(volume)',
  hardwareTranscoding: 'JellyfinTranscoding.intelQsv(), JellyfinTranscoding.nvidia() or JellyfinTranscoding.dri({ renderGroup, videoGroup })',
};

/** The largest request body a Jellyfin route lets through unless it sets `maxBodySize`. */
export const JELLYFIN_ROUTE_BODY_SIZE: BodySize = '20Mi';

/** Size limit of Jellyfin's image and metadata cache, an emptyDir at `/cache` (its JELLYFIN_CACHE_DIR). */
export const JELLYFIN_CACHE_SIZE_LIMIT = '10Gi';

/**
 * Size limit of Jellyfin's transcode scratch space, an emptyDir at `/cache/transcodes`, where Jellyfin writes
 * the segments of every stream it transcodes unless its encoding settings name another folder: a film's worth
 * of segments outgrows the cache's limit, and a volume over its limit gets the pod evicted.
 */
export const JELLYFIN_TRANSCODE_SIZE_LIMIT = '50Gi';

/** Where Jellyfin writes transcode segments by default: `transcodes` under its cache. */
export const JELLYFIN_TRANSCODES_DIR = '/cache/transcodes';

/** Options of a Jellyfin media server. */
export interface JellyfinProps extends ServicePassThroughProps {
  /** Jellyfin release (tag of `jellyfin/jellyfin`). @default JELLYFIN_DEFAULT_VERSION */
  readonly version?: string;
  /** Namespace. @default 'jellyfin' */
  readonly namespace?: string;
  /** The media library. */
  readonly media: JellyfinMedia;
  /** Configuration and the SQLite library database. @default - a 20Gi ReadWriteOnce claim on the `fast` tier */
  readonly config?: AppVolume;
  /** Size limit of the image and metadata cache (an emptyDir). @default JELLYFIN_CACHE_SIZE_LIMIT ('10Gi') */
  readonly cacheSizeLimit?: string;
  /** Size limit of the transcode scratch space (an emptyDir). @default JELLYFIN_TRANSCODE_SIZE_LIMIT ('50Gi') */
  readonly transcodeSizeLimit?: string;
  /**
   * Keep transcodes on the node's own disk, in an emptyDir at `/cache/transcodes`; `false` leaves them
   * under `/cache` on the cache's volume (the shared claim of a `shared` layout), sparing a small node disk.
   * @default true
   */
  readonly transcodesOnNode?: boolean;
  /** Hardware transcoding. @default - software transcoding on the CPU */
  readonly hardwareTranscoding?: JellyfinTranscoding;
  /**
   * Pod replicas. Only 1 is accepted: the library is a single-writer SQLite database, and two servers on
   * one config corrupt it.
   * @default 1
   */
  readonly replicas?: number;
  /** Compute resources. @default - 500m CPU and 1Gi requested, 4Gi memory limit, no CPU limit */
  readonly resources?: ResourcesProps;
  /** Where Jellyfin may run, besides what the transcoding needs. @default - anywhere */
  readonly placement?: PlacementProps;
  /**
   * Expose the web UI through the cluster's ingress, on a host name of its own (Jellyfin serves from the root:
   * a `path` is an error). Its `maxBodySize` defaults to `JELLYFIN_ROUTE_BODY_SIZE` (20Mi), what Jellyfin's
   * reverse-proxy guide gives for image uploads.
   * @default - no route
   */
  readonly route?: RouteIntent;
  /**
   * Why the config Jellyfin starts on already has its administrator (a /config brought from the server it
   * replaces, restored before the first sync starts it): Jellyfin then serves no startup wizard, and no step is
   * left for it.
   * @default - a fresh config: until its startup wizard is finished, Jellyfin lets whoever opens it first make
   * the administrator, so the README lists finishing it through a port forward right after the first sync
   */
  readonly migratedConfig?: string;
}

/** What a transcoding choice adds to the App: a GPU request, or a device mount with its groups. */
interface TranscodingRendering {
  readonly gpu?: GpuRequest;
  readonly placement?: PlacementProps;
  readonly persistence?: Record<string, PersistenceProps>;
  readonly supplementalGroups?: number[];
  readonly exemptions?: SecurityExemptions;
}

function renderTranscoding(transcoding: JellyfinTranscoding | undefined): TranscodingRendering {
  switch (transcoding?.type) {
    case undefined:
      return {};
    case 'intel-qsv':
      // The App adds the render group, or warns that Jellyfin's user would not open the GPU without it.
      return { gpu: { vendor: 'intel', renderGroup: transcoding.renderGroup, deviceOwnershipFromSecurityContext: transcoding.deviceOwnershipFromSecurityContext } };
    case 'nvidia':
      return { gpu: { vendor: 'nvidia' } };
    case 'dri':
      return {
        placement: { gpu: transcoding.vendor },
        persistence: { dri: { volume: AppVolume.hostPath('/dev/dri', 'Directory'), mountPath: '/dev/dri' } },
        // A group that is no id is reported on renderGroup or videoGroup, where it was written.
        supplementalGroups: [transcoding.renderGroup, transcoding.videoGroup].filter((group) => Number.isInteger(group)),
        exemptions: { hostPath: 'hardware transcoding opens the GPU through /dev/dri of the host' },
      };
    default:
      return {}; // an unknown type is reported on the construct (see TRANSCODING_TYPES)
  }
}

/** The transcoding types {@link renderTranscoding} knows. */
const TRANSCODING_TYPES: ReadonlyArray<JellyfinTranscoding['type'] | undefined> = ['intel-qsv', 'nvidia', 'dri'];

/**
 * Whether `media` is what a `JellyfinMedia` factory returns, with its source set: an export of the inventory,
 * not its address as text (`'nas:/media'`), which the props' shape reports on `media.export`.
 */
function isMediaLibrary(media: JellyfinMedia | undefined): media is JellyfinMedia {
  return typeof media === 'object' && media !== null
    && ((media.type === 'nfs' && media.export instanceof NfsExport) || (media.type === 'shared' && media.volume !== undefined));
}

/** The volumes of a media layout: config, cache, transcodes and media. */
function mediaPersistence(props: JellyfinProps): Record<string, PersistenceProps> {
  const transcodes: Record<string, PersistenceProps> = props.transcodesOnNode === false ? {} : {
    transcodes: { volume: AppVolume.emptyDir({ sizeLimit: props.transcodeSizeLimit ?? JELLYFIN_TRANSCODE_SIZE_LIMIT }), mountPath: JELLYFIN_TRANSCODES_DIR },
  };
  if (!isMediaLibrary(props.media)) {
    return { ...transcodes }; // reported once the construct exists
  }
  if (props.media.type === 'shared') {
    return {
      data: {
        volume: props.media.volume,
        mounts: [
          { mountPath: '/config', subPath: 'config' },
          { mountPath: '/cache', subPath: 'cache' },
          { mountPath: '/media', subPath: 'media' },
        ],
      },
      ...transcodes,
    };
  }
  return {
    config: { volume: props.config ?? AppVolume.claim({ tier: 'fast', size: '20Gi' }), mountPath: '/config' },
    cache: { volume: AppVolume.emptyDir({ sizeLimit: props.cacheSizeLimit ?? JELLYFIN_CACHE_SIZE_LIMIT }), mountPath: '/cache' },
    ...transcodes,
    media: { volume: AppVolume.nfs(props.media.export, props.media.subDirectory), mountPath: '/media', readOnly: true },
  };
}

/** What a user writes instead of a `persistence` entry named like one of Jellyfin's own volumes. */
const JELLYFIN_VOLUMES: Readonly<Record<string, string>> = {
  config: 'it holds the configuration and the library database: set `config` to put them on another volume',
  cache: 'it is the image and metadata cache: set `cacheSizeLimit` for its size',
  transcodes: 'it is the transcode scratch space: set `transcodeSizeLimit` for its size, or `transcodesOnNode: false`',
  media: 'it is the media library: give it as `media: JellyfinMedia.nfs(…)`, or `JellyfinMedia.shared(volume)` for one volume of everything',
  data: 'it is the shared layout\'s one volume: give it as `media: JellyfinMedia.shared(volume)`',
  dri: 'it is the host\'s /dev/dri of `hardwareTranscoding: JellyfinTranscoding.dri(…)`',
};

/**
 * The image's folders, which Jellyfin's volumes are mounted for (see `ServicePropsCheck.ownEnv`): its data,
 * configuration and logs on the config volume, its cache there or on the cache volume; or a writable volume
 * of the user's own (`persistence`), where a migrated server kept them.
 */
function jellyfinOwnEnv(persistence: unknown): Record<string, OwnEnvVariable> {
  const own = writableMountPaths(persistence);
  return Object.fromEntries(([
    ['JELLYFIN_DATA_DIR', '/config', 'the library database and metadata'],
    ['JELLYFIN_CONFIG_DIR', '/config/config', 'the server configuration'],
    ['JELLYFIN_LOG_DIR', '/config/log', 'the logs'],
    ['JELLYFIN_CACHE_DIR', '/cache', 'the image and metadata cache'],
  ] as const).map(([name, path, what]): [string, OwnEnvVariable] => {
    const volumes = name === 'JELLYFIN_CACHE_DIR' ? ['/cache', '/config'] : ['/config'];
    return [name, {
      accepts: (value) => pathWithin(value, [...volumes, ...own]),
      why: `it keeps ${what} there (${path} in the image), on a volume mounted at ${volumes.join(' or ')}; elsewhere it writes to the read-only root, or loses it at every restart`,
      instead: `leave ${name} out, or point it into a volume of your own (persistence); set config to put the configuration and library on another volume`,
    }];
  }));
}

/** The problems of Jellyfin's `version`, emptyDir sizes and route path (shapes already checked), each on the prop written. Pure. */
function jellyfinOptionProblems(props: JellyfinProps): PropProblem[] {
  const dri = props.hardwareTranscoding?.type === 'dri' ? props.hardwareTranscoding : undefined;
  return [
    ...versionTagProblems(props.version, 'jellyfin/jellyfin', { exemptions: props.exemptions }), ...sizePropProblems(props, ['cacheSizeLimit', 'transcodeSizeLimit']),
    // Its Base URL lives in network.xml on the config volume, set in the dashboard: the probes at /health would miss it too.
    // Compose's "folder:/media": AppVolume.nfs() would mount a folder named "movies:" of the export.
    ...(props.media?.type === 'nfs' && typeof props.media.subDirectory === 'string' && props.media.subDirectory.includes(':/') ? [{
      field: 'media.subDirectory', message: `the media folder "${props.media.subDirectory}" is written as compose's "host folder:container path"; it names only a folder of the export, and Jellyfin sees the library at /media`,
      hint: `write the folder alone: JellyfinMedia.nfs(<export>, '${props.media.subDirectory.slice(0, props.media.subDirectory.indexOf(':/')).replace(/^\.?\//, '') || 'media'}')`,
    }] : []),
    ...rootOnlyRouteProblems(props.route, 'Jellyfin', 'serves from the root of its host name until its Base URL is set in its dashboard, which this construct cannot do'),
    // Without the host's group ids the pod is in neither group, and Jellyfin cannot open /dev/dri it mounts.
    ...(dri === undefined ? [] : (['renderGroup', 'videoGroup'] as const).filter((key) => dri[key] === undefined).map((key) => ({
      field: `hardwareTranscoding.${key}`,
      message: `hardwareTranscoding through /dev/dri has no ${key}: the pod would be in no ${key === 'renderGroup' ? 'render' : 'video'} group of the host and could not open the GPU`,
      hint: `give the host's group id as \`getent group ${key === 'renderGroup' ? 'render' : 'video'}\` prints it: JellyfinTranscoding.dri({ renderGroup: 104, videoGroup: 44 })`,
    }))),
  ];
}

/** Failed startup probes, 30 seconds apart, before the kubelet restarts Jellyfin: an hour for a release's migration. */
const JELLYFIN_STARTUP_FAILURES = 120;

/**
 * Seconds Jellyfin is given to stop (its pods' terminationGracePeriodSeconds), before the kubelet kills it: it
 * exits as soon as its databases are optimized. A step that waits for it to stop waits longer.
 */
export const JELLYFIN_SHUTDOWN_SECONDS = 600;

/**
 * Jellyfin: exactly one replica with `Recreate` (its library is SQLite), config on a claim, cache and
 * transcodes on emptyDir, media read-only from NFS or one claim with sub-paths, optional hardware
 * transcoding.
 */
export class Jellyfin extends App {
  constructor(scope: Construct, id: string, given: JellyfinProps) {
    // The App's props are derived before this construct exists; props a JavaScript caller left out are
    // reported after `super`, on the construct.
    const props = servicePropsObject(given);
    const transcoding = renderTranscoding(props.hardwareTranscoding);
    const own = { ...mediaPersistence(props), ...transcoding.persistence };
    const mediaHint = 'give the media library: media: JellyfinMedia.nfs(mySite.nfs.<name>) or JellyfinMedia.shared(volume)';
    super(scope, id, appPropsOfService({
      image: `jellyfin/jellyfin:${props.version ?? JELLYFIN_DEFAULT_VERSION}`,
      namespace: props.namespace ?? 'jellyfin',
      replicas: 1,
      strategy: 'Recreate',
      ports: [{ name: 'http', port: JELLYFIN_PORT }],
      probes: {
        readiness: { httpPath: '/health' },
        liveness: { httpPath: '/health', failureThreshold: 6, timeoutSeconds: 5 },
        // A new release migrates the library database before /health answers, which takes more than half an
        // hour on a large library: a pod killed meanwhile starts the migration over, at every restart.
        startup: { httpPath: '/health', periodSeconds: 30, failureThreshold: JELLYFIN_STARTUP_FAILURES },
      },
      resources: props.resources ?? { cpuRequest: '500m', memoryRequest: '1Gi', memoryLimit: '4Gi' },
      env: props.env,
      persistence: { ...own, ...props.persistence },
      gpu: transcoding.gpu,
      placement: { ...props.placement, ...transcoding.placement },
      supplementalGroups: transcoding.supplementalGroups,
      exemptions: { ...transcoding.exemptions, ...props.exemptions },
      route: props.route,
    }, {
      what: 'Jellyfin', props: given, shape: JELLYFIN_PROPS_SHAPE, rules: { required: [['media', mediaHint]], madeBy: JELLYFIN_FACTORIES, foreign: JELLYFIN_COMPOSE_PROPS }, problems: () => jellyfinOptionProblems(props),
      // Jellyfin's own nginx guide raises the 1 MiB default to 20 MiB, for uploaded images such as posters.
      routeBodySize: JELLYFIN_ROUTE_BODY_SIZE,
      versionProp: { field: 'version', parts: 3, example: JELLYFIN_DEFAULT_VERSION },
      ownVolumes: ownVolumesOf(own, JELLYFIN_VOLUMES, 'Jellyfin mounts it itself'),
      ownEnv: jellyfinOwnEnv(props.persistence),
      volumeProps: props.media?.type === 'shared' ? { data: 'media.volume' } : { config: 'config', media: 'media.export' },
    }));
    // Stopping, Jellyfin optimizes its SQLite databases (VACUUM, ANALYZE) before it exits: killed at the
    // default 30 seconds, it leaves them damaged and the next start fails on them.
    this.deployment.addJsonPatch(JsonPatch.add('/spec/template/spec/terminationGracePeriodSeconds', JELLYFIN_SHUTDOWN_SECONDS));
    // /dev/dri asks for a host with the GPU through the placement, as the device plugins' GPUs do through gpu.
    this.gpuGivenAs('hardwareTranscoding', props.hardwareTranscoding?.type === 'dri');
    const transcodingType = props.hardwareTranscoding?.type;
    if (props.hardwareTranscoding !== undefined && !TRANSCODING_TYPES.includes(transcodingType)) {
      reportFinding(this, {
        layer: 'props', severity: 'error', field: 'hardwareTranscoding.type',
        message: `hardware transcoding type ${JSON.stringify(transcodingType)} is not one of ${TRANSCODING_TYPES.join(', ')}`,
        hint: "use intel-qsv or nvidia for a GPU the device plugin hands out, or dri for /dev/dri of the host: { type: 'dri', vendor, renderGroup, videoGroup }",
      });
      throw new PropsRejected('the Jellyfin');
    }
    if (!isMediaLibrary(props.media)) {
      reportFinding(this, { layer: 'props', severity: 'error', field: 'media', message: 'media names no NFS export or volume', hint: mediaHint });
      throw new PropsRejected('the Jellyfin');
    }
    if (props.replicas !== undefined && props.replicas !== 1) {
      reportFinding(this, {
        layer: 'policy', severity: 'error', field: 'replicas',
        message: `Jellyfin runs exactly one replica, not ${props.replicas}: its library is a single-writer SQLite database`,
        hint: 'remove `replicas`',
      });
    }
    if (props.migratedConfig === undefined) {
      leaveFirstVisitorStep(this, {
        label: 'Jellyfin', task: 'finish its startup wizard', claims: 'makes the administrator', port: JELLYFIN_PORT,
        then: `add the libraries from folders under /media${props.media.type === 'shared' ? ', where the media/ folder of its shared volume is mounted' : ''}`,
      });
    }
    if (props.media.type === 'shared' && (props.config || props.cacheSizeLimit)) {
      reportFinding(this, {
        layer: 'references', severity: 'error', field: props.config ? 'config' : 'cacheSizeLimit',
        message: 'the shared media layout keeps config and cache on the shared volume',
        hint: 'drop `config` and `cacheSizeLimit`, or use JellyfinMedia.nfs()',
      });
    }
  }
}
