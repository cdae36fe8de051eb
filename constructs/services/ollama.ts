import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { App } from '../app/app';
import { type OwnEnvVariable, pathWithin, writableMountPaths } from '../app/own-env';
import { appPropsOfService, servicePropsObject } from '../app/service-props';
import type { ImagePullPolicy } from '../app/container';
import { requestWithin, resourcesWrittenAs, type ResourcesProps } from '../app/resources';
import { AppVolume } from '../app/volumes';
import type { GpuVendor } from '../inventory/gpu';
import type { Host } from '../inventory/host';
import { ClusterChart } from '../platform/cluster-chart';
import type { RouteIntent } from '../platform/route-flavor';
import { reportFinding } from '../validation/finding';
import type { ServicePassThroughProps } from './pass-through';
import { isOllamaAccelerator, OLLAMA_HOME, ollamaOptionProblems } from './ollama-props';
import { OLLAMA_PROPS_SHAPE } from '../validation/service-props-shapes';

/** What runs Ollama's models: a GPU of one vendor, or the CPU. */
export type OllamaAccelerator = 'nvidia' | 'amd' | 'cpu';

/** Ollama release used when none is given; the ROCm variant appends `-rocm`. */
export const OLLAMA_DEFAULT_VERSION = '0.12.6';

/** Port Ollama's API listens on. */
export const OLLAMA_PORT = 11434;

/** Where the model volume is mounted; Ollama's home and model store live below it. */
const DATA_PATH = OLLAMA_HOME;

/**
 * The folder Ollama keeps its state in (`$HOME/.ollama`), where `ollama serve` writes its identity key on
 * the first start and exits when it cannot. A home volume of its own is mounted here rather than at `$HOME`:
 * the container runtime makes a mount point's missing folders as root, so the models' mount below a volume
 * mounted at `$HOME` would leave a root-owned `.ollama` there that Ollama's user cannot write into.
 */
const STATE_PATH = `${DATA_PATH}/.ollama`;

/**
 * Where the models are, by whether Ollama's home is a volume of its own. Pure. With a home of its own,
 * the model volume sits where Ollama looks without `OLLAMA_MODELS` (`$HOME/.ollama/models`), so releases
 * that do not read the variable use it too; a volume that holds both keeps its models in `models/`.
 */
function ollamaModelsPath(ownHome: boolean): string {
  return ownHome ? `${STATE_PATH}/models` : `${DATA_PATH}/models`;
}

/** Options of an Ollama inference server. */
export interface OllamaProps extends ServicePassThroughProps {
  /** Ollama release (tag of `ollama/ollama` without variant suffix, and without a `v`: `0.5.7`). @default OLLAMA_DEFAULT_VERSION */
  readonly version?: string;
  /**
   * The whole image reference, pinned, for an image of your own registry (a Nix-built Ollama pushed to
   * Harbor). Replaces `version`; the accelerator no longer picks the variant.
   * @default - `ollama/ollama:<version>`, with `-rocm` for AMD
   */
  readonly image?: string;
  /** When the kubelet pulls the image, e.g. `Always` for a tag your own registry may rebuild. @default 'IfNotPresent' */
  readonly imagePullPolicy?: ImagePullPolicy;
  /** Namespace. @default 'ollama' */
  readonly namespace?: string;
  /**
   * What runs the models. NVIDIA adds the `nvidia` RuntimeClass and an `nvidia.com/gpu` limit; AMD an
   * `amd.com/gpu` limit and the ROCm image; both pin the pod to the hosts that have that GPU. Running on
   * the CPU must be asked for, because a model that silently falls back to the CPU is unusably slow.
   * @default - the vendor of the cluster's NVIDIA or AMD GPUs in the inventory; an error when there is none or several
   */
  readonly accelerator?: OllamaAccelerator;
  /** GPUs per pod. @default 1 */
  readonly gpuCount?: number;
  /** Among the hosts with the GPU, prefer this one. @default - no preference */
  readonly preferredHost?: Host<any, any>;
  /**
   * Where models are stored. A volume of its own, because models are large and slow to pull again;
   * `AppVolume.nfs(...)` shares one model store between hosts.
   * @default - a 100Gi ReadWriteOnce claim on the `fast` tier
   */
  readonly modelStorage?: AppVolume;
  /** Memory reserved for the server. @default '8Gi' */
  readonly memoryRequest?: string;
  /**
   * Memory ceiling: the largest model kept loaded plus its context, in RAM while it loads onto the GPU
   * (or while it runs, on the CPU). Above it the pod is OOM-killed.
   * @default '16Gi' — a 13B model at 4-bit with room for context
   */
  readonly memoryLimit?: string;
  /** CPU reserved for the server. @default '1' */
  readonly cpuRequest?: string;
  /** CPU ceiling. @default - none: inference may use every idle core */
  readonly cpuLimit?: string;
  /**
   * Keep the server settings (`OLLAMA_HOST`, `OLLAMA_KEEP_ALIVE`, `OLLAMA_MODELS`) in a ConfigMap of this
   * name, read through `env`, so they can be changed without editing the Deployment.
   * @default - literal environment variables
   */
  readonly configMapName?: string;
  /**
   * Ollama's home (identity key, history), separate from the models: a shared claim, say, while the
   * models come from a bigger export. It is mounted as Ollama's state folder `$HOME/.ollama` (`/ollama/.ollama`),
   * so it holds what the image's `/root/.ollama` holds, and Ollama's user must be able to write its root.
   * The models are mounted in it, at `models`, where every release looks for them: releases from before
   * November 2023 (0.1.2, say) ignore `OLLAMA_MODELS`.
   * @default - home and models share `modelStorage`
   */
  readonly homeStorage?: AppVolume;
  /**
   * Folder of `homeStorage` (relative, e.g. `ollama`) that is Ollama's home, for a volume that holds other
   * data too (the root of an NFS export whose other folders are other apps' volumes): the container sees
   * only that folder. The kubelet creates it, owned by root, when it is missing.
   * @default - the whole volume
   */
  readonly homeSubPath?: string;
  /**
   * How long a model stays loaded after its last request, as Ollama's `OLLAMA_KEEP_ALIVE`: a Go duration
   * (`30m`), a number of seconds (`300`), or `-1` to keep it loaded. @default '30m'
   */
  readonly keepAlive?: string;
  /** Extra groups, e.g. the host's `render` and `video` group ids when AMD devices are group-owned. @default [] */
  readonly supplementalGroups?: number[];
  /** Expose the API through the cluster's ingress, on a host name of its own (Ollama serves from the root: a `path` is an error). Ollama has no authentication. @default - internal only */
  readonly route?: RouteIntent;
}

/** The accelerator Ollama uses, and why it could not be decided when it could not. */
export interface ResolvedAccelerator {
  /** The accelerator to render. */
  readonly accelerator: OllamaAccelerator;
  /** Why the inventory could not decide, when it could not. */
  readonly problem?: string;
}

/**
 * Decides the accelerator: the requested one, else the single GPU vendor Ollama supports among the
 * cluster's hosts. Pure: the inventory decides.
 */
export function resolveOllamaAccelerator(hosts: readonly Host<any, any>[], requested?: OllamaAccelerator): ResolvedAccelerator {
  if (requested === 'cpu' || (requested && hosts.some((h) => h.hasGpu(requested)))) {
    return { accelerator: requested };
  }
  if (requested) {
    // Built for the CPU meanwhile: a GPU request nothing could satisfy would only repeat this one finding.
    return { accelerator: 'cpu', problem: `accelerator '${requested}' asks for ${GPU_MAKER[requested]} GPU, but no host of the cluster has one` };
  }
  const supported: GpuVendor[] = ['nvidia', 'amd'];
  const vendors = supported.filter((vendor) => hosts.some((h) => h.hasGpu(vendor)));
  if (vendors.length === 1) {
    return { accelerator: vendors[0] as OllamaAccelerator };
  }
  return {
    accelerator: 'cpu',
    problem: vendors.length === 0
      ? 'no host of the cluster has an NVIDIA or AMD GPU'
      : `the cluster has GPUs of several vendors (${vendors.join(', ')})`,
  };
}

/** How findings name the GPU of an accelerator. */
const GPU_MAKER: Readonly<Record<Exclude<OllamaAccelerator, 'cpu'>, string>> = { nvidia: 'an NVIDIA', amd: 'an AMD' };

/** The image for a release and accelerator: AMD needs the ROCm build. */
export function ollamaImage(version: string, accelerator: OllamaAccelerator): string {
  return `ollama/ollama:${version}${accelerator === 'amd' ? '-rocm' : ''}`;
}

/** The variables Ollama's pod relies on (see `ServicePropsCheck.ownEnv`), its models kept at `models`. */
function ollamaOwnEnv(models: string, persistence: unknown): Record<string, OwnEnvVariable> {
  // A folder on a writable volume of the user's own (persistence) keeps the data too.
  const at = (path: string) => (value: string) => pathWithin(value.replace(/\/+$/, ''), [path, ...writableMountPaths(persistence)]);
  return {
    // Ollama reads a host alone with its default port, and no host as every address; left empty it listens on 127.0.0.1.
    OLLAMA_HOST: {
      accepts: (value) => /^(https?:\/\/)?(0\.0\.0\.0|\[::\]|::)?(:11434)?$/.test(value) && value !== '' && !/^https?:\/\/$/.test(value),
      why: `Ollama must listen on every address at port ${OLLAMA_PORT}, where its Service, probes and route reach it`,
      instead: `leave OLLAMA_HOST out: clients reach port ${OLLAMA_PORT} through the Service, and another port outside through the route`,
    },
    OLLAMA_MODELS: {
      accepts: at(models),
      why: `Ollama keeps its models at ${models}, on the models' volume; elsewhere they land on the read-only root and a pull fails`,
      instead: 'leave OLLAMA_MODELS out and set modelStorage to put the models on another volume, or point it into a volume of your own (persistence)',
    },
    HOME: {
      accepts: at(DATA_PATH),
      why: `Ollama keeps its identity key under its home ${DATA_PATH}, on a volume; elsewhere it is the read-only root`,
      instead: 'leave HOME out; set homeStorage to give Ollama\'s home a volume of its own',
    },
  };
}

/**
 * Ollama, the local LLM server: one replica on a host with the right GPU, models on a persistent
 * volume, internal only unless a route is given.
 */
export class Ollama extends App {
  /** The accelerator the server runs on. */
  public readonly accelerator: OllamaAccelerator;

  constructor(scope: Construct, id: string, given: OllamaProps = {}) {
    // Props that are no object (JavaScript) are reported on the construct, given as they came.
    const props = servicePropsObject(given);
    // An accelerator Ollama is not built for is reported with the props below; the app is built for the CPU meanwhile.
    const requested = props.accelerator === undefined || isOllamaAccelerator(props.accelerator) ? props.accelerator : 'cpu';
    const resolved = resolveOllamaAccelerator(ClusterChart.of(scope).hosts, requested);
    const gpu = resolved.accelerator === 'cpu' ? undefined : { vendor: resolved.accelerator, count: props.gpuCount };
    // Written as Ollama's own props, so findings about the amounts name them.
    const resources: ResourcesProps = props.resources ?? resourcesWrittenAs({
      cpuRequest: props.cpuRequest ?? requestWithin('1', props.cpuLimit),
      cpuLimit: props.cpuLimit,
      memoryRequest: props.memoryRequest ?? requestWithin('8Gi', props.memoryLimit),
      memoryLimit: props.memoryLimit ?? '16Gi',
    }, (prop) => prop);
    const settings: Record<string, string> = {
      OLLAMA_HOST: `0.0.0.0:${OLLAMA_PORT}`,
      // A keep-alive that is no text is reported on keepAlive below, not on the variable the user never wrote.
      OLLAMA_KEEP_ALIVE: typeof props.keepAlive === 'string' ? props.keepAlive : '30m',
      OLLAMA_MODELS: ollamaModelsPath(props.homeStorage !== undefined),
    };
    const configMapName = props.configMapName;
    const settingsEnv = configMapName
      ? Object.fromEntries(Object.keys(settings).map((key) => [key, { configMapName, key }]))
      : settings;
    const models = props.modelStorage ?? AppVolume.claim({ tier: 'fast', size: '100Gi' });
    super(scope, id, appPropsOfService({
      image: props.image ?? ollamaImage(props.version ?? OLLAMA_DEFAULT_VERSION, resolved.accelerator),
      imagePullPolicy: props.imagePullPolicy,
      namespace: props.namespace ?? 'ollama',
      ports: [{ name: 'http', port: OLLAMA_PORT }],
      env: {
        // HOME holds the server's identity key; on the volume it survives restarts and the root stays read-only.
        HOME: DATA_PATH,
        ...settingsEnv,
        ...props.env,
      },
      // The root answers "Ollama is running" in every release; /api/version came later than some pinned ones.
      probes: {
        readiness: { httpPath: '/' },
        liveness: { httpPath: '/', failureThreshold: 6, timeoutSeconds: 5 },
      },
      resources,
      persistence: {
        ...(props.homeStorage
          ? {
            home: props.homeSubPath === undefined
              ? { volume: props.homeStorage, mountPath: STATE_PATH }
              : { volume: props.homeStorage, mounts: [{ mountPath: STATE_PATH, subPath: props.homeSubPath }] },
            models: { volume: models, mountPath: settings.OLLAMA_MODELS },
          }
          : { models: { volume: models, mountPath: DATA_PATH } }),
        ...props.persistence,
      },
      exemptions: props.exemptions,
      gpu,
      placement: props.preferredHost ? { preferredHost: props.preferredHost } : undefined,
      // The GPU host is found by capability; an affinity keeps reading right when a second one joins.
      pinWith: 'nodeAffinity',
      supplementalGroups: props.supplementalGroups,
      // One server owns the model store; a second one would race it on pulls.
      strategy: 'Recreate',
      route: props.route,
    }, {
      what: 'Ollama', props: given, shape: OLLAMA_PROPS_SHAPE, problems: () => ollamaOptionProblems(props),
      versionProp: props.image === undefined ? { field: 'version', parts: 3, example: OLLAMA_DEFAULT_VERSION } : undefined,
      volumeProps: { models: 'modelStorage', ...(props.homeStorage ? { home: 'homeStorage' } : {}) },
      ownEnv: ollamaOwnEnv(settings.OLLAMA_MODELS, props.persistence),
      ownVolumes: {
        models: 'Ollama keeps its models on it: set `modelStorage` to put them on another volume',
        ...(props.homeStorage ? { home: 'it is Ollama\'s home: set `homeStorage` (and `homeSubPath`) to change it' } : {}),
      },
    }));
    this.gpuGivenAs('accelerator', false, 'supplementalGroups');
    this.accelerator = resolved.accelerator;
    if (configMapName) {
      new ApiObject(this, 'config', {
        apiVersion: 'v1', kind: 'ConfigMap',
        metadata: { name: configMapName, namespace: this.namespace, labels: this.labels },
        data: settings,
      });
    }
    if (resolved.problem) {
      reportFinding(this, {
        layer: 'inventory', severity: 'error', field: 'accelerator',
        message: requested ? resolved.problem : `cannot choose Ollama's accelerator: ${resolved.problem}`,
        hint: requested
          ? `declare the GPU on its host in the inventory (gpus: [{ vendor: '${requested}' }]) and add the host to the cluster, or set \`accelerator: 'cpu'\` to run models on the CPU on purpose`
          : "set `accelerator: 'nvidia' | 'amd'`, or `accelerator: 'cpu'` to run models on the CPU on purpose",
      });
    }
  }
}
