import type { PropProblem } from '../validation/known-props';
import { normalMountPath } from './mount-paths';
import { LINUXSERVER_IMAGE } from './root-started-images';

/**
 * Images that keep their state in one folder they write from their first start: a database, logs, the
 * settings the web interface saves. By repository, with or without a registry.
 */
const STATE_DIRS: ReadonlyArray<{ readonly image: RegExp; readonly app: string; readonly dir: string; readonly writes: string }> = [
  { image: /^(ghcr\.io\/home-assistant|(docker\.io\/)?homeassistant)\/home-assistant(?=[:@]|$)/, app: 'Home Assistant', dir: '/config', writes: '.storage, its database and its log' },
  { image: LINUXSERVER_IMAGE, app: 'A linuxserver.io image', dir: '/config', writes: "the app's settings and database, after its init takes ownership of the folder" },
  { image: /^(docker\.io\/)?jellyfin\/jellyfin(?=[:@]|$)/, app: 'Jellyfin', dir: '/config', writes: 'its settings and library database' },
  { image: /^(docker\.io\/)?louislam\/uptime-kuma(?=[:@]|$)/, app: 'Uptime Kuma', dir: '/app/data', writes: 'its database' },
  { image: /^(docker\.io\/)?vaultwarden\/server(?=[:@]|$)/, app: 'Vaultwarden', dir: '/data', writes: 'its database and keys' },
  { image: /^(docker\.io\/)?nodered\/node-red(?=[:@]|$)/, app: 'Node-RED', dir: '/data', writes: 'its flows and installed nodes' },
];

/** The volume sources a container may not write. */
const READ_ONLY_SOURCES = new Set(['configMap', 'secret', 'secretsStore']);

/**
 * Volumes of an app's `persistence` mounted whole and read-only (a ConfigMap, a Secret, a `readOnly` mount)
 * at the folder where the image of a container that gets them keeps its state: the app cannot write there and
 * stops, or loses what it saves. One error per mount, on its `mountPath`, whose hint mounts the files with
 * `subPath` into a writable volume. `app` is the main container's name. Pure.
 */
export function stateDirProblems(props: { readonly image?: unknown; readonly persistence?: unknown; readonly containers?: unknown; readonly sidecars?: unknown } | null | undefined, app: string): PropProblem[] {
  if (props === null || typeof props !== 'object' || props.persistence === null || typeof props.persistence !== 'object') {
    return [];
  }
  const images = new Map<string, unknown>([[app, props.image], ...(['containers', 'sidecars'] as const)
    .flatMap((kind) => (Array.isArray(props[kind]) ? props[kind] as Array<{ name?: unknown; image?: unknown } | null> : []))
    .map((c) => [String(c?.name), c?.image] as [string, unknown])]);
  return Object.entries(props.persistence as Record<string, Record<string, unknown> | null>).flatMap(([name, entry]) => {
    if (entry === null || typeof entry !== 'object') {
      return [];
    }
    const source = (entry.volume as { type?: unknown } | undefined)?.type;
    const mounts = [
      { mountPath: entry.mountPath, subPath: undefined, readOnly: entry.readOnly, field: `persistence.${name}.mountPath` },
      ...(Array.isArray(entry.mounts) ? entry.mounts as Array<Record<string, unknown> | null> : []).map((m, i) => ({
        mountPath: m?.mountPath, subPath: m?.subPath, readOnly: m?.readOnly ?? entry.readOnly, field: `persistence.${name}.mounts[${i}].mountPath`,
      })),
    ];
    const containers = Array.isArray(entry.containers) ? entry.containers.map(String) : [app];
    return mounts.flatMap(({ mountPath, subPath, readOnly, field }) => {
      if (typeof mountPath !== 'string' || !mountPath.startsWith('/') || (subPath !== undefined && subPath !== '')
        || !(READ_ONLY_SOURCES.has(String(source)) || readOnly === true)) {
        return [];
      }
      const known = containers.map((c) => images.get(c)).filter((image): image is string => typeof image === 'string')
        .map((image) => STATE_DIRS.find((entry) => entry.image.test(image) && entry.dir === normalMountPath(mountPath)))
        .find((entry) => entry !== undefined);
      if (known === undefined) {
        return [];
      }
      const what = READ_ONLY_SOURCES.has(String(source)) ? `the ${String(source)} volume "${name}"` : `volume "${name}", mounted read-only,`;
      return [{
        field,
        message: `${known.app} keeps its state in ${known.dir}, where it writes ${known.writes}; ${what} takes the whole folder, which the app cannot write`,
        hint: `give ${known.dir} a writable volume (persistence: { state: { volume: AppVolume.claim({ tier, size }), mountPath: '${known.dir}' } }) and mount each file of "${name}" into it with a subPath: `
          + `persistence: { ${name}: { volume: …, mounts: [{ mountPath: '${known.dir}/<file>', subPath: '<file>' }] } }`,
      }];
    });
  });
}
