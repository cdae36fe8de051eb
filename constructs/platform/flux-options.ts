import { goDurationMilliseconds, PropProblem } from '../validation/known-props';
import type { FluxProps } from './flux';

// What `flux()` cannot take beyond the types of its options: values Flux's API refuses, or that the
// bootstrap steps and sync objects would write into paths that do not exist.

/** The durations of Flux's sync objects, which its API refuses at zero (a fetch or apply loop without pause). */
const DURATIONS = ['interval', 'reconcileInterval', 'retryInterval', 'timeout'] as const;

function zeroDurationProblems(props: Partial<FluxProps>): PropProblem[] {
  return DURATIONS.filter((prop) => goDurationMilliseconds(props[prop]) === 0).map((prop) => ({
    field: prop, message: `${prop} ${props[prop]} is no time at all, which Flux refuses (its sync objects need a duration above zero)`,
    hint: `give a duration above zero, e.g. ${prop === 'timeout' ? "'5m'" : "'10m'"}, or leave it out for the default`,
  }));
}

/**
 * The bootstrap path is refused rather than normalized: it is a folder of the repository the owner also
 * types into `flux bootstrap --path` and commits files under, so it is written once, as the folder's path
 * from the repository's root (`clusters/lab`); `/clusters/lab` or `./clusters/lab/` would give folders
 * that differ from the sync objects' paths.
 */
function bootstrapPathProblem(path: unknown): PropProblem[] {
  if (typeof path !== 'string') {
    return [];
  }
  const parts = path.split('/');
  if (path !== '' && !parts.some((part) => part === '' || part === '.' || part === '..')) {
    return [];
  }
  const folder = parts.filter((part) => part !== '' && part !== '.').join('/') || 'clusters/lab';
  return [{
    field: 'bootstrapPath', message: `bootstrapPath "${path}" is not a folder path from the repository's root (no leading / or ./, no trailing /, no ..); it is not normalized, as the owner types it into flux bootstrap too`,
    hint: `write it as '${folder}'`,
  }];
}

/** Everything {@link flux} finds wrong with `props` beyond their shape. Pure. */
export function fluxOptionProblems(props: Partial<FluxProps> | undefined): PropProblem[] {
  return props === null || typeof props !== 'object' ? [] : [...zeroDurationProblems(props), ...bootstrapPathProblem(props.bootstrapPath)];
}
