import { describeValue } from '../inventory/problems';
import type { PropProblem } from '../validation/known-props';
import { quoted } from '../validation/text-lists';

// `mount(volume, mountPath)` takes two texts; a container's `mounts` prop writes a mount as one object
// (`{ volume, mountPath }`), which users carry over into the call.

/**
 * The one problem of a `mount(volume, mountPath)` call on `field` (`mount`, `containers.<name>.mount`)
 * whose volume is no text, with the call written as it takes its arguments; undefined when it is text. Pure.
 */
export function mountCallProblem(volume: unknown, mountPath: unknown, field: string): PropProblem | undefined {
  if (typeof volume === 'string') {
    return undefined;
  }
  const written = volume !== null && typeof volume === 'object' ? volume as { volume?: unknown; mountPath?: unknown } : undefined;
  const name = typeof written?.volume === 'string' ? written.volume : undefined;
  const path = typeof written?.mountPath === 'string' ? written.mountPath : typeof mountPath === 'string' ? mountPath : undefined;
  return {
    field,
    message: `${field} takes the name of an app volume and the path to mount it at; it was given ${describeValue(volume)} as the volume`,
    hint: `write the two as arguments: mount(${quoted(name ?? 'data')}, ${quoted(path ?? '/data')})${written?.volume !== undefined ? ", options such as readOnly third: mount('data', '/data', { readOnly: true })" : ''}`,
  };
}
