import type { PropProblem } from '../validation/known-props';
import { BABY_BUDDY_IMAGE, WGER_IMAGE } from './household-app-images';
import type { PropContainerMounts } from './prop-containers';
import { imageRows } from './image-rows';

// Django has taken only origins with their scheme in CSRF_TRUSTED_ORIGINS since 4.0 (`https://baby.lab.example`): an
// entry written as a host name, as ALLOWED_HOSTS entries are, fails its system check 4_0.E001. Every management
// command runs that check first, so the `migrate` an image runs as it starts stops and a new install is left without
// its tables; and the entry matches no browser's origin, so form posts behind a TLS-terminating route are refused.

/** Images whose web server hands CSRF_TRUSTED_ORIGINS, split at commas, to Django as it is written. */
const DJANGO_CSRF_IMAGES: ReadonlyArray<{ readonly image: RegExp; readonly app: string }> = [
  { image: BABY_BUDDY_IMAGE, app: 'Baby Buddy' },
  { image: WGER_IMAGE, app: 'wger' },
];

/**
 * The entries of a comma-separated list of origins, `value`, written without a scheme: one problem on `field` naming
 * them all, whose hint writes the list with `https://` before each of them, `note` after it; none for a list whose
 * entries all have one, or for a value that is no text (a Secret reference). `stops` says what the failed check stops. Pure.
 */
export function schemelessCsrfOriginProblems(field: string, name: string, value: unknown, stops: string, note = ''): PropProblem[] {
  if (typeof value !== 'string') {
    return [];
  }
  const origins = value.split(',').map((origin) => origin.trim()).filter((origin) => origin !== '');
  const bare = origins.filter((origin) => !origin.includes('://'));
  if (bare.length === 0) {
    return [];
  }
  const written = origins.map((origin) => (origin.includes('://') ? origin : `https://${origin.replace(/\/+$/, '')}`)).join(',');
  return [{
    field,
    message: `${name} names ${bare.map((origin) => `"${origin}"`).join(', ')} without a scheme: Django 4 takes only origins with their scheme there and fails its system check (4_0.E001), so ${stops}`,
    hint: `write each origin with its scheme, as the browser sends it: ${name}: '${written}'${note}`,
  }];
}

/**
 * Containers of Baby Buddy's or wger's image that run the web server (no `command` of their own: wger's Celery worker
 * and beat are started by one, and never check the list) whose CSRF_TRUSTED_ORIGINS names an origin without its
 * scheme: one problem each, on `env.CSRF_TRUSTED_ORIGINS`. Pure.
 */
export function djangoCsrfOriginProblems(containers: readonly PropContainerMounts[]): PropProblem[] {
  return containers.flatMap(({ container, prefix }) => {
    const known = typeof container.image === 'string' ? imageRows(DJANGO_CSRF_IMAGES, container.image as string)[0] : undefined;
    if (known === undefined || container.command !== undefined || container.env === null || typeof container.env !== 'object') {
      return [];
    }
    const value = (container.env as Record<string, unknown>).CSRF_TRUSTED_ORIGINS;
    return schemelessCsrfOriginProblems(`${prefix}env.CSRF_TRUSTED_ORIGINS`, 'CSRF_TRUSTED_ORIGINS', value,
      `the migrations ${known.app} runs as it starts stop, and a new install is left without its tables`);
  });
}
