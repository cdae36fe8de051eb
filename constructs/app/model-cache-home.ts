import type { PropProblem } from '../validation/known-props';
import { givenSettings } from './image-settings';
import { normalMountPath } from './mount-paths';
import type { PropContainerMounts } from './prop-containers';
import { VLLM_IMAGE } from './vllm-args';

// vLLM's image runs as root and names no user of its own, and downloads the model it serves into the Hugging Face
// cache under its home: `/root/.cache/huggingface`, where its Kubernetes guide mounts the cache claim. Run as another
// user, the container runtime gives it the home `/` (the image's passwd has no such user), so it downloads into
// `/.cache/huggingface`, which that user may not create ("Permission denied: '/.cache'"); and `/root` (mode 0700)
// is closed to it, whatever is mounted below it.

/** The variables that name the Hugging Face cache, the first of them set wins (huggingface_hub's order). */
const CACHE_VARIABLES = ['HF_HUB_CACHE', 'HUGGINGFACE_HUB_CACHE', 'TRANSFORMERS_CACHE', 'HF_HOME'] as const;

/** The folders of the container's root that a user other than root may write: the App's emptyDir `/tmp`. */
const USER_WRITABLE = ['/tmp'];

/** Whether `dir` is `path` or below it. */
const within = (dir: string, path: string) => dir === path || dir.startsWith(`${path === '/' ? '' : path}/`);

/**
 * The model vLLM serves, where it downloads one: a Hugging Face repository (`Qwen/Qwen2.5-7B-Instruct`, or its
 * default model when none is given), not a folder of the container (`/models/qwen`). Pure.
 */
function downloadsModel(container: PropContainerMounts['container']): boolean {
  const model = givenSettings(container, { env: [], flags: ['--model'] }).at(-1);
  return typeof model !== 'string' || !(model.startsWith('/') || model.startsWith('.'));
}

/**
 * Containers of vLLM's image whose Hugging Face cache the model's download cannot write: run as a user other than
 * root with the cache in root's home or in `/.cache` (its home unset), or as root with nothing mounted at the cache
 * on the read-only root. One error each, on the container's `image`; a cache variable or `HOME` given from a Secret
 * or a ConfigMap, or a model given as a folder of the container, is left alone. Pure.
 */
export function modelCacheProblems(containers: readonly PropContainerMounts[]): PropProblem[] {
  return containers.flatMap((entry) => {
    const { container, prefix } = entry;
    if (typeof container.image !== 'string' || !VLLM_IMAGE.test(container.image) || !downloadsModel(container)) {
      return [];
    }
    const env = (container.env !== null && typeof container.env === 'object' ? container.env : {}) as Record<string, unknown>;
    const variable = CACHE_VARIABLES.find((name) => env[name] !== undefined);
    const [cache, home] = [variable === undefined ? undefined : env[variable], env.HOME];
    if ((cache !== undefined && typeof cache !== 'string') || (home !== undefined && typeof home !== 'string')) {
      return [];
    }
    const exemptions = container.exemptions ?? {};
    const asRoot = exemptions.runAsRoot !== undefined || container.runAsUser === 0;
    const homeDir = home === undefined ? (asRoot ? '/root' : '/') : normalMountPath(home);
    const dir = cache === undefined ? `${homeDir === '/' ? '' : homeDir}/.cache/huggingface` : normalMountPath(cache);
    const mounted = [...entry.mountPaths].some((path) => within(dir, path));
    const user = asRoot ? 'root' : `user ${typeof container.runAsUser === 'number' ? container.runAsUser : 1000}`;
    let why: string;
    if (!asRoot && within(dir, '/root')) {
      why = `${dir} is in root's home, /root (mode 0700), which ${user} may not enter, whatever is mounted below it`;
    } else if (!asRoot && !mounted && !USER_WRITABLE.some((path) => within(dir, path))) {
      const rootMounts = [...entry.mountPaths].filter((path) => within(path, '/root'));
      why = `${dir} is ${home === undefined && cache === undefined ? `under the home the runtime gives ${user}, /, as the image names no such user` : 'where nothing is mounted'}, `
        + `and ${user} may not create it on the image's root filesystem${rootMounts.length > 0 ? ` (the volume at ${rootMounts.join(', ')} is in root's home, where vLLM looks only as root)` : ''}`;
    } else if (asRoot && !mounted && exemptions.writableRootFilesystem === undefined && exemptions.privileged === undefined) {
      why = `nothing is mounted at ${dir}, on the read-only root filesystem`;
    } else {
      return [];
    }
    return [{
      field: `${prefix}image`,
      message: `image "${container.image}" runs vLLM as ${user}, which downloads the model it serves into the Hugging Face cache ${dir}: ${why}, so vLLM would stop as it starts`
        + ` ("Permission denied" or "Read-only file system")`,
      hint: "mount the cache claim at a folder of its own and make it vLLM's home, under which vLLM, Hugging Face, Triton and PyTorch keep their caches: "
        + "persistence: { cache: { volume: AppVolume.claim({ tier, size }), mountPath: '/data' } } with env: { HOME: '/data' }; or set HF_HOME to the folder a volume is mounted at",
    }];
  });
}
