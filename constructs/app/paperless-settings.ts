import type { PropProblem } from '../validation/known-props';
import { schemelessCsrfOriginProblems } from './django-csrf-origins';
import { imageTag } from './image-tag';
import { normalMountPath } from './mount-paths';
import type { PropContainerMounts, PropContainersProps } from './prop-containers';
import { PAPERLESS_IMAGE } from './root-started-images';

// Paperless-ngx reads its settings from its environment as it starts, and four that a compose file or a guide hands
// on do nothing good on Kubernetes:
// - PAPERLESS_CSRF_TRUSTED_ORIGINS goes into Django's CSRF_TRUSTED_ORIGINS, which since Django 4.0 holds origins with
//   their scheme: an entry without one (`paperless.lab.example`) fails Django's system check 4_0.E001, so the
//   migrations the image runs at each start stop and the container never serves.
// - PAPERLESS_URL is appended to that list as written (and its host, as urlparse reads it, becomes ALLOWED_HOSTS): a
//   URL without its scheme fails the same check.
// - PAPERLESS_TIKA_ENABLED turns the Tika parser on, whose endpoints default to `http://localhost:9998` and
//   `http://localhost:3000`: in a pod that is the pod itself, so every Office document and e-mail fails to parse.
// - The consumer watches its folder with inotify unless told to poll it. An NFS client gets no inotify event for a
//   file another machine (the scanner, the NAS) writes to the export, so documents dropped there wait until the next
//   restart, when the consumer reads what the folder holds. Release 3 renamed the setting from
//   PAPERLESS_CONSUMER_POLLING to PAPERLESS_CONSUMER_POLLING_INTERVAL and no longer reads the old name.

/** The words Paperless-ngx reads a switch as on by (any case); every other value is off. */
const ON_WORDS: readonly string[] = ['yes', 'y', '1', 't', 'true'];

/** The consumption folder of the image unless PAPERLESS_CONSUMPTION_DIR moves it. */
const DEFAULT_CONSUMPTION_DIR = '/usr/src/paperless/consume';

/** The Tika parser's endpoints, each with the pod's own port it defaults to and the Service a hint names. */
const TIKA_ENDPOINTS: ReadonlyArray<{ readonly name: string; readonly port: number; readonly server: string }> = [
  { name: 'PAPERLESS_TIKA_ENDPOINT', port: 9998, server: 'tika' },
  { name: 'PAPERLESS_TIKA_GOTENBERG_ENDPOINT', port: 3000, server: 'gotenberg' },
];

/** The polling setting up to release 2, and its name from release 3 on. */
const POLLING_BEFORE_3 = 'PAPERLESS_CONSUMER_POLLING';
const POLLING_FROM_3 = 'PAPERLESS_CONSUMER_POLLING_INTERVAL';

/** The env of a container as a record, or an empty one. Pure. */
function envOf(container: { readonly env?: unknown }): Record<string, unknown> {
  return container.env !== null && typeof container.env === 'object' ? container.env as Record<string, unknown> : {};
}

/** Whether `name` is set to a text that is not empty (a Secret reference counts as set). Pure. */
function isSet(env: Readonly<Record<string, unknown>>, name: string): boolean {
  return env[name] !== undefined && env[name] !== null && env[name] !== '';
}

/** The major release a tag names (`2` of `2.15.3`, `3` of `v3.0.1`), undefined for a moving tag or a digest. Pure. */
export function paperlessMajorRelease(image: string): number | undefined {
  const match = /^v?(\d+)(?:[.-]|$)/.exec(imageTag(image) ?? '');
  return match === null ? undefined : Number(match[1]);
}

/** An entry of PAPERLESS_CSRF_TRUSTED_ORIGINS without a scheme, which Django 4 refuses: one problem naming them all. Pure. */
function csrfOriginProblems(env: Readonly<Record<string, unknown>>, prefix: string): PropProblem[] {
  return schemelessCsrfOriginProblems(`${prefix}env.PAPERLESS_CSRF_TRUSTED_ORIGINS`, 'PAPERLESS_CSRF_TRUSTED_ORIGINS', env.PAPERLESS_CSRF_TRUSTED_ORIGINS,
    'the migrations Paperless-ngx runs as it starts stop and the container never serves', ' (PAPERLESS_URL adds its own origin already)');
}

/**
 * PAPERLESS_URL written without its scheme (`paperless.lab.example`): Paperless-ngx appends it to CSRF_TRUSTED_ORIGINS
 * as written, which fails Django's system check 4_0.E001. Pure.
 */
function urlSchemeProblems(env: Readonly<Record<string, unknown>>, prefix: string): PropProblem[] {
  const url = env.PAPERLESS_URL;
  if (typeof url !== 'string' || url.trim() === '' || url.includes('://')) {
    return [];
  }
  return [{
    field: `${prefix}env.PAPERLESS_URL`,
    message: `PAPERLESS_URL "${url}" has no scheme: Paperless-ngx adds it as written to Django's CSRF_TRUSTED_ORIGINS, which since Django 4 takes only origins with their scheme, so its system check (4_0.E001) fails and the migrations Paperless-ngx runs as it starts stop: the container never serves`,
    hint: `write the URL the browser opens, with its scheme: PAPERLESS_URL: 'https://${url.trim().replace(/\/+$/, '')}'`,
  }];
}

/** The ports the containers of a pod declare (an AppPort's `port`). Pure. */
function declaredPorts(list: readonly PropContainerMounts[]): Set<number> {
  return new Set(list.flatMap(({ container }) => (Array.isArray(container.ports) ? container.ports : [])
    .map((port) => (port !== null && typeof port === 'object' ? (port as { port?: unknown }).port : undefined))
    .filter((port): port is number => typeof port === 'number')));
}

/** The Tika parser turned on with an endpoint left to the pod's own loopback, where no container of the pod listens. Pure. */
function tikaEndpointProblems(env: Readonly<Record<string, unknown>>, prefix: string, list: readonly PropContainerMounts[]): PropProblem[] {
  const enabled = env.PAPERLESS_TIKA_ENABLED;
  if (typeof enabled !== 'string' || !ON_WORDS.includes(enabled.trim().toLowerCase())) {
    return [];
  }
  const ports = declaredPorts(list);
  const missing = TIKA_ENDPOINTS.filter(({ name, port }) => !isSet(env, name) && !ports.has(port));
  if (missing.length === 0) {
    return [];
  }
  return [{
    field: `${prefix}env.PAPERLESS_TIKA_ENABLED`,
    message: `the Tika parser is on (PAPERLESS_TIKA_ENABLED: '${enabled}') without ${missing.map(({ name }) => name).join(' or ')}, which ${missing.length > 1 ? 'default' : 'defaults'} to ${missing.map(({ port }) => `http://localhost:${port}`).join(' and ')}: that is the pod itself, where nothing listens, so every Office document and e-mail fails to parse`,
    hint: `point it at the Services of Tika and Gotenberg: ${missing.map(({ name, port, server }) => `${name}: 'http://${server}:${port}'`).join(', ')}`,
  }];
}

/** The name of a `persistence` entry mounted into `container` on an NFS export at or above `dir`, if any. Pure. */
function nfsEntryAt(props: PropContainersProps | null | undefined, container: PropContainerMounts, dir: string): string | undefined {
  const persistence = props?.persistence;
  if (persistence === null || typeof persistence !== 'object') {
    return undefined;
  }
  return Object.entries(persistence as Record<string, unknown>).find(([, entry]) => {
    const { volume, mountPath, containers } = (entry ?? {}) as { volume?: { type?: unknown }; mountPath?: unknown; containers?: unknown };
    const mounted = Array.isArray(containers) ? containers.includes(container.container.name) : container.prefix === '';
    const path = typeof mountPath === 'string' ? normalMountPath(mountPath) : undefined;
    return mounted && volume?.type === 'nfs' && path !== undefined && (dir === path || path === '/' || dir.startsWith(`${path}/`));
  })?.[0];
}

/** Whether `value` sets a polling interval Paperless-ngx reads as on: a number above 0 (a Secret reference is trusted). Pure. */
function pollsBy(value: unknown): boolean {
  return value !== undefined && value !== null && (typeof value !== 'string' || Number(value) > 0);
}

/** The consumption folder on an NFS export while the consumer listens for inotify events alone. Pure. */
function consumePollingProblems(props: PropContainersProps | null | undefined, entry: PropContainerMounts, env: Readonly<Record<string, unknown>>, major: number | undefined): PropProblem[] {
  const dir = normalMountPath(typeof env.PAPERLESS_CONSUMPTION_DIR === 'string' && env.PAPERLESS_CONSUMPTION_DIR.startsWith('/') ? env.PAPERLESS_CONSUMPTION_DIR : DEFAULT_CONSUMPTION_DIR);
  const volume = nfsEntryAt(props, entry, dir);
  // A tag that names no release (latest) may be either: a setting of either name is taken.
  const read = major === undefined ? [POLLING_BEFORE_3, POLLING_FROM_3] : [major >= 3 ? POLLING_FROM_3 : POLLING_BEFORE_3];
  if (volume === undefined || read.some((name) => pollsBy(env[name]))) {
    return [];
  }
  const meant = read[read.length - 1];
  const unread = [POLLING_BEFORE_3, POLLING_FROM_3].find((name) => !read.includes(name) && isSet(env, name));
  const setting = unread ?? read.find((name) => isSet(env, name));
  const why = unread !== undefined
    ? `release ${major} reads ${meant}, not ${unread}, so the consumer listens for inotify events alone`
    : setting !== undefined ? `${setting} is '${String(env[setting])}', which leaves polling off` : `${meant} is not set, so the consumer listens for inotify events alone`;
  return [{
    field: `${entry.prefix}env${setting === undefined ? '' : `.${setting}`}`,
    message: `the consumption folder ${dir} is on an NFS export (persistence.${volume}) and ${why}: an NFS client gets no inotify event for a file the scanner or another machine writes to the export, so each document waits there until the pod restarts`,
    hint: `poll the folder: ${meant}: '60' (seconds)${unread === undefined ? '' : `, in place of ${unread}`}`,
  }];
}

/**
 * Settings of Paperless-ngx's image that fail once it runs: PAPERLESS_CSRF_TRUSTED_ORIGINS with an origin without its
 * scheme, or PAPERLESS_URL without one (Django stops its start), the Tika parser turned on with an endpoint left to the pod's loopback, where no
 * container of the pod declares the port, and the consumption folder on an NFS export (`AppVolume.nfs`) without
 * polling, the setting of the image's release (PAPERLESS_CONSUMER_POLLING before 3, PAPERLESS_CONSUMER_POLLING_INTERVAL
 * from 3). `list` is every container of the pod. Pure.
 */
export function paperlessSettingProblems(props: PropContainersProps | null | undefined, list: readonly PropContainerMounts[]): PropProblem[] {
  return list.flatMap((entry) => {
    const { container, prefix } = entry;
    if (typeof container.image !== 'string' || !PAPERLESS_IMAGE.test(container.image)) {
      return [];
    }
    const env = envOf(container);
    return [
      ...csrfOriginProblems(env, prefix),
      ...urlSchemeProblems(env, prefix),
      ...tikaEndpointProblems(env, prefix, list),
      ...consumePollingProblems(props, entry, env, paperlessMajorRelease(container.image)),
    ];
  });
}
