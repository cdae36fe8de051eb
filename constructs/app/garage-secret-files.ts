import type { PropProblem } from '../validation/known-props';
import { normalMountPath } from './mount-paths';
import { type PropContainerMounts, propEnvValue } from './prop-containers';

// Garage reads its RPC secret and its admin and metrics tokens from files when told to (`GARAGE_RPC_SECRET_FILE`,
// `GARAGE_ADMIN_TOKEN_FILE`, `GARAGE_METRICS_TOKEN_FILE`), and refuses to start when such a file has any bit for
// its group or others (mode & 0o077), unless `GARAGE_ALLOW_WORLD_READABLE_SECRETS` is `true`. The kubelet writes
// the keys of a Secret volume (and the files of the Secrets Store CSI driver) readable by all (0644) and, with the
// pod's fsGroup, readable by the group whatever mode is asked: such a file always fails the check.

/** Garage's image on Docker Hub, also by its per-architecture names. */
export const GARAGE_IMAGE = /^(docker\.io\/)?dxflrs\/((amd64|arm64|arm)_)?garage(?=[:@]|$)/;

/** The variables that name a file Garage reads a secret from, with the variable that gives the value itself. */
const SECRET_FILE_VARIABLES: Readonly<Record<string, string>> = {
  GARAGE_RPC_SECRET_FILE: 'GARAGE_RPC_SECRET',
  GARAGE_ADMIN_TOKEN_FILE: 'GARAGE_ADMIN_TOKEN',
  GARAGE_METRICS_TOKEN_FILE: 'GARAGE_METRICS_TOKEN',
};

/** The variable that turns Garage's check of the files' modes off. */
const ALLOW_VARIABLE = 'GARAGE_ALLOW_WORLD_READABLE_SECRETS';

/** What the check reads of a volume of `persistence`. */
interface SecretVolumeEntry {
  readonly volume?: { readonly type?: unknown; readonly secretName?: unknown; readonly secretProviderClass?: unknown };
  readonly mountPath?: unknown;
  readonly mounts?: unknown;
  readonly containers?: unknown;
}

/**
 * Containers of Garage's image whose env names a secret file under a mount of a Secret (or of a Secrets Store
 * class) without turning the check of its mode off: an error on the variable, as Garage refuses to start.
 * `containers` as `propContainers` gives them, `app` the main container's name. Pure.
 */
export function garageSecretFileProblems(containers: readonly PropContainerMounts[], persistence: unknown, app: string): PropProblem[] {
  return containers.flatMap(({ container, prefix }) => {
    if (typeof container.image !== 'string' || !GARAGE_IMAGE.test(container.image) || propEnvValue(container.env, ALLOW_VARIABLE) === 'true') {
      return [];
    }
    const name = prefix === '' ? app : String(container.name);
    const mounts = secretMounts(persistence, name, prefix === '');
    return Object.entries(SECRET_FILE_VARIABLES).flatMap(([variable, valueVariable]) => {
      const file = propEnvValue(container.env, variable);
      const mount = typeof file === 'string' ? mounts.find((m) => file === m.path || file.startsWith(`${m.path}/`)) : undefined;
      if (mount === undefined) {
        return [];
      }
      const key = String(file).slice(mount.path.length + 1) || '<key>';
      return [{
        field: `${prefix}env.${variable}`,
        message: `${variable} names ${String(file)}, a file of ${mount.what} mounted at ${mount.path}: the kubelet makes it readable by the pod's group and others, `
          + `and Garage refuses to start on a secret file with any such bit ("is world-readable! ... expected 0600")`,
        hint: `hand Garage the value itself: env: { ${valueVariable}: SecretReference.external('<namespace>', '${mount.secret}', '${key}') } in place of ${variable}; `
          + `or, to keep the file, env: { ${ALLOW_VARIABLE}: 'true' }`,
      }];
    });
  });
}

/** The paths a Secret or Secrets Store volume of `persistence` is mounted at in container `name`, with what it mounts. Pure. */
function secretMounts(persistence: unknown, name: string, main: boolean): Array<{ path: string; what: string; secret: string }> {
  const entries = persistence !== null && typeof persistence === 'object' ? Object.values(persistence as Record<string, SecretVolumeEntry | null>) : [];
  return entries.flatMap((entry) => {
    const volume = entry?.volume;
    const source = volume?.type === 'secret' ? { what: `Secret ${String(volume.secretName)}`, secret: String(volume.secretName) }
      : volume?.type === 'secretsStore' ? { what: `SecretProviderClass ${String(volume.secretProviderClass)}`, secret: '<secret>' } : undefined;
    const gets = Array.isArray(entry?.containers) ? entry.containers.map(String).includes(name) : main;
    if (source === undefined || !gets) {
      return [];
    }
    const mounts = Array.isArray(entry?.mounts) ? entry.mounts.map((m) => (m as { mountPath?: unknown } | null)?.mountPath) : [];
    return [entry?.mountPath, ...mounts].filter((p): p is string => typeof p === 'string' && p.startsWith('/'))
      .map((p) => ({ path: normalMountPath(p), ...source }));
  });
}
