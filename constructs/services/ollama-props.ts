import { goDurationMilliseconds, type PropProblem } from '../validation/known-props';
import { localPathProblem } from '../validation/pod-rules';
import { rootOnlyRouteProblems } from './route-fields';
import { versionTagProblems } from './version-tag';

// Ollama options that synthesize and fail only on the node: a tag upstream never published (the pull
// fails), a keep-alive Ollama cannot parse (the server refuses to start).

/** The accelerators Ollama is built for. */
export const OLLAMA_ACCELERATORS = ['nvidia', 'amd', 'cpu'] as const;

/** Whether `value` is an accelerator Ollama is built for. */
export function isOllamaAccelerator(value: unknown): value is typeof OLLAMA_ACCELERATORS[number] {
  return typeof value === 'string' && (OLLAMA_ACCELERATORS as readonly string[]).includes(value);
}

/** What `OLLAMA_KEEP_ALIVE` takes: a Go duration (`30m`, `1h`) or a number of seconds; negative keeps models loaded. */
function isKeepAlive(value: string): boolean {
  return /^-?\d+$/.test(value) || goDurationMilliseconds(value.replace(/^-/, '')) !== undefined;
}

/** Ollama's home here (`HOME`): the model volume is mounted there, or the home volume at its `.ollama` when one is given. */
export const OLLAMA_HOME = '/ollama';

/** Ollama's home in the upstream image (root's), which `docker run -v ollama:/root/.ollama` keeps; unused here. */
const IMAGE_HOME = '/root/.ollama';

/**
 * The `persistence` entries that mount where Ollama's own data is meant to be: the image's home, which
 * this server does not use (its home is {@link OLLAMA_HOME}), or that home itself while no `homeStorage`
 * is given. Either is the user keeping Ollama's data on a volume: `homeStorage` and `modelStorage` do
 * that, and the mount would be ignored or collide with the models' volume. Pure.
 */
function homeMountProblems(persistence: unknown, homeGiven: boolean): PropProblem[] {
  if (typeof persistence !== 'object' || persistence === null || Array.isArray(persistence)) {
    return []; // the shape is reported with the props
  }
  const hint = `instead of this entry: to put Ollama's models on the volume, set modelStorage (mounted at ${OLLAMA_HOME}); `
    + 'to keep its home (identity key) with the models on it, set homeStorage (and homeSubPath for a folder of it)';
  return Object.entries(persistence as Record<string, { mountPath?: unknown; mounts?: unknown } | undefined>).flatMap(([name, entry]) => {
    const mounts = Array.isArray(entry?.mounts)
      ? entry!.mounts.map((m: { mountPath?: unknown } | undefined, i: number) => ({ path: m?.mountPath, field: `persistence.${name}.mounts[${i}].mountPath` }))
      : [{ path: entry?.mountPath, field: `persistence.${name}.mountPath` }];
    return mounts.flatMap(({ path, field }): PropProblem[] => {
      const at = typeof path === 'string' ? path.replace(/\/+$/, '') : undefined;
      if (at === IMAGE_HOME || at?.startsWith(`${IMAGE_HOME}/`)) {
        return [{ field, message: `${field} is ${at}, Ollama's home in the image; this server runs with HOME=${OLLAMA_HOME}, so nothing would be kept there`, hint }];
      }
      return at === OLLAMA_HOME && !homeGiven
        ? [{ field, message: `${field} is ${OLLAMA_HOME}, Ollama's home, where its models' volume (modelStorage) is mounted`, hint }]
        : [];
    });
  });
}

/** The problems of Ollama's `version`, `keepAlive`, `gpuCount`, `homeSubPath`, route path and mounts of its home (shape already checked). Pure. */
export function ollamaOptionProblems(props: {
  readonly version?: unknown; readonly keepAlive?: unknown; readonly accelerator?: unknown; readonly gpuCount?: unknown;
  readonly homeStorage?: unknown; readonly homeSubPath?: unknown; readonly persistence?: unknown; readonly exemptions?: unknown; readonly route?: unknown;
}): PropProblem[] {
  const problems: PropProblem[] = [...homeMountProblems(props.persistence, props.homeStorage !== undefined)];
  if (props.homeSubPath !== undefined && props.homeStorage === undefined) {
    // Otherwise dropped without a word: without a home volume, the models' volume is the home.
    problems.push({
      field: 'homeSubPath', message: 'homeSubPath names a folder of homeStorage, which is not given',
      hint: 'give homeStorage too, or leave homeSubPath out',
    });
  }
  const subPathProblem = localPathProblem(props.homeSubPath);
  if (typeof props.homeSubPath === 'string' && props.homeSubPath.includes(':/')) {
    // Compose's "volume:/path in the container": otherwise a folder named "models:" made in the volume.
    const folder = props.homeSubPath.slice(0, props.homeSubPath.indexOf(':/'));
    problems.push({
      field: 'homeSubPath', message: `homeSubPath "${props.homeSubPath}" is written as compose's "volume:container path"; it names only a folder of homeStorage, and Ollama's home is mounted where the image expects it`,
      hint: `write the folder alone: homeSubPath: '${folder || 'ollama'}'`,
    });
  } else if (subPathProblem) {
    problems.push({ field: 'homeSubPath', message: subPathProblem, hint: "write a folder inside the volume, e.g. 'ollama'" });
  }
  if (props.accelerator === 'cpu' && props.gpuCount !== undefined) {
    // Otherwise dropped without a word: the CPU build requests no GPU.
    problems.push({
      field: 'gpuCount', message: `gpuCount ${JSON.stringify(props.gpuCount)} asks for GPUs, but accelerator: 'cpu' runs models on the CPU and requests none`,
      hint: "leave gpuCount out, or set accelerator: 'nvidia' or 'amd' for a host whose GPU the inventory declares",
    });
  }
  problems.push(...versionTagProblems(props.version, 'ollama/ollama', { exemptions: props.exemptions }));
  problems.push(...rootOnlyRouteProblems(props.route, 'Ollama', 'serves its API from the root of its host name (/api/…), and has no setting for a prefix'));
  if (typeof props.keepAlive === 'string' && !isKeepAlive(props.keepAlive)) {
    problems.push({
      field: 'keepAlive', message: `keepAlive "${props.keepAlive}" is neither a duration nor a number of seconds; Ollama cannot read OLLAMA_KEEP_ALIVE and does not start`,
      hint: "write a Go duration such as '30m' or '1h', a number of seconds such as '300', or '-1' to keep models loaded",
    });
  }
  return problems;
}
