import type { PropProblem } from '../validation/known-props';
import { commandLineWords } from './command-line-words';
import { normalMountPath } from './mount-paths';
import type { PropContainer, PropContainerMounts } from './prop-containers';
import { VLLM_IMAGE } from './vllm-args';
import { imageRows } from './image-rows';

// Model servers whose images run as root and name no user of their own download the models they serve into a cache
// under their home, `/root/.cache/…`, where their guides mount the cache volume. Run as another user, the container
// runtime gives it the home `/` (the image's passwd has no such user), so the download goes to `/.cache/…`, which
// that user may not create ("Permission denied: '/.cache'"); and `/root` (mode 0700) is closed to it, whatever is
// mounted below it.

/** An image that downloads its models into a cache under its home. */
interface ModelCache {
  /** The image, by repository, with or without a registry. */
  readonly image: RegExp;
  /** The app, as messages name it. */
  readonly app: string;
  /** The cache's folder under the home. */
  readonly underHome: string;
  /** The variables that move the cache elsewhere, the first of them set winning. */
  readonly movedBy: readonly string[];
  /** Whether the container downloads a model at all. @default - it always does */
  readonly downloads?: (container: PropContainer) => boolean;
}

/**
 * The model servers judged:
 * - vLLM (`vllm/vllm-openai`): the Hugging Face cache, moved by huggingface_hub's variables, where it downloads the
 *   model it serves unless that is a folder of the container;
 * - Whisper ASR webservice (`onerahmet/openai-whisper-asr-webservice`): `~/.cache/whisper` unless `ASR_MODEL_PATH`.
 */
const MODEL_CACHES: readonly ModelCache[] = [
  {
    image: VLLM_IMAGE, app: 'vLLM', underHome: '.cache/huggingface',
    movedBy: ['HF_HUB_CACHE', 'HUGGINGFACE_HUB_CACHE', 'TRANSFORMERS_CACHE', 'HF_HOME'], downloads: downloadsModel,
  },
  { image: /^(docker\.io\/)?onerahmet\/openai-whisper-asr-webservice(?=[:@]|$)/, app: 'Whisper ASR webservice', underHome: '.cache/whisper', movedBy: ['ASR_MODEL_PATH'] },
];

/** The folders of the container's root that a user other than root may write: the App's emptyDir `/tmp`. */
const USER_WRITABLE = ['/tmp'];

/** Whether `dir` is `path` or below it. */
const within = (dir: string, path: string) => dir === path || dir.startsWith(`${path === '/' ? '' : path}/`);

/**
 * The model vLLM is told to serve by its command line ({@link commandLineWords}): the value of `--model`, else the
 * model tag its CLI takes first after `serve` (`vllm serve /models/qwen`), which is the first of the args alone where
 * the image's own entrypoint runs them (`vllm serve` in its newer releases; the older api_server takes no model tag). Pure.
 */
function servedModel(container: PropContainer): string | undefined {
  const words = commandLineWords(container);
  const flagged = words.flatMap((word, i) => (word === '--model' ? [words[i + 1] ?? ''] : word.startsWith('--model=') ? [word.slice('--model='.length)] : [])).at(-1);
  const serve = words.indexOf('serve');
  const tag = serve >= 0 ? words[serve + 1] : container.command === undefined ? words[0] : undefined;
  return flagged ?? (tag !== undefined && !tag.startsWith('-') ? tag : undefined);
}

/**
 * The model vLLM serves, where it downloads one: a Hugging Face repository (`Qwen/Qwen2.5-7B-Instruct`, or its
 * default model when none is given), not a folder of the container (`/models/qwen`). A command line that names no
 * model but a YAML file of its options (`vllm serve --config /etc/vllm/config.yaml`) names it in that file's `model:`,
 * which is not read here: it is left alone. Pure.
 */
function downloadsModel(container: PropContainer): boolean {
  const model = servedModel(container);
  if (model === undefined) {
    return !commandLineWords(container).some((word) => word === '--config' || word.startsWith('--config='));
  }
  return !(model.startsWith('/') || model.startsWith('.'));
}

/**
 * Containers of a model server ({@link MODEL_CACHES}) whose model cache the download cannot write: run as a user
 * other than root with the cache in root's home or in `/.cache` (its home unset), or as root with nothing mounted at
 * the cache on the read-only root. One error each, on the container's `image`; a cache variable or `HOME` given from
 * a Secret or a ConfigMap, or a model given as a folder of the container, is left alone. Pure.
 */
export function modelCacheProblems(containers: readonly PropContainerMounts[]): PropProblem[] {
  return containers.flatMap((entry) => {
    const { container, prefix } = entry;
    const image = container.image;
    const known = typeof image === 'string' ? imageRows(MODEL_CACHES, image)[0] : undefined;
    if (known === undefined || (known.downloads !== undefined && !known.downloads(container))) {
      return [];
    }
    const env = (container.env !== null && typeof container.env === 'object' ? container.env : {}) as Record<string, unknown>;
    const variable = known.movedBy.find((name) => env[name] !== undefined);
    const [cache, home] = [variable === undefined ? undefined : env[variable], env.HOME];
    if ((cache !== undefined && typeof cache !== 'string') || (home !== undefined && typeof home !== 'string')) {
      return [];
    }
    const exemptions = container.exemptions ?? {};
    const asRoot = exemptions.runAsRoot !== undefined || container.runAsUser === 0;
    const homeDir = home === undefined ? (asRoot ? '/root' : '/') : normalMountPath(home);
    const dir = cache === undefined ? `${homeDir === '/' ? '' : homeDir}/${known.underHome}` : normalMountPath(cache);
    const mounted = [...entry.mountPaths].some((path) => within(dir, path));
    const user = asRoot ? 'root' : `user ${typeof container.runAsUser === 'number' ? container.runAsUser : 1000}`;
    let why: string;
    if (!asRoot && within(dir, '/root')) {
      why = `${dir} is in root's home, /root (mode 0700), which ${user} may not enter, whatever is mounted below it`;
    } else if (!asRoot && !mounted && !USER_WRITABLE.some((path) => within(dir, path))) {
      const rootMounts = [...entry.mountPaths].filter((path) => within(path, '/root'));
      why = `${dir} is ${home === undefined && cache === undefined ? `under the home the runtime gives ${user}, /, as the image names no such user` : 'where nothing is mounted'}, `
        + `and ${user} may not create it on the image's root filesystem${rootMounts.length > 0 ? ` (the volume at ${rootMounts.join(', ')} is in root's home, where ${known.app} looks only as root)` : ''}`;
    } else if (asRoot && !mounted && exemptions.writableRootFilesystem === undefined && exemptions.privileged === undefined) {
      why = `nothing is mounted at ${dir}, on the read-only root filesystem`;
    } else {
      return [];
    }
    return [{
      field: `${prefix}image`,
      message: `image "${image}" runs ${known.app} as ${user}, which downloads the model it serves into its cache ${dir}: ${why}, so ${known.app} would stop as it starts`
        + ` ("Permission denied" or "Read-only file system")`,
      hint: `mount the cache claim at a folder of its own and make it the app's home, under which it and its libraries keep their caches: `
        + `persistence: { cache: { volume: AppVolume.claim({ tier, size }), mountPath: '/data' } } with env: { HOME: '/data' }; or set ${known.movedBy.at(-1)} to the folder a volume is mounted at`,
    }];
  });
}
