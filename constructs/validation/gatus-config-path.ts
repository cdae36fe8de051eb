import type { SynthesizedCluster } from '../synth/collect';
import type { Finding } from './finding';
import { fields, list, objectFinding, text } from './manifest';
import { containersOf, podTemplates } from './pod-spec';

// Gatus reads its configuration from GATUS_CONFIG_PATH (a file, or a folder of YAML files), else from
// config/config.yaml or config/config.yml under its working folder, `/`; its image ships an example there. Where
// the path it is told holds nothing, it falls back to that example: a ConfigMap of endpoints mounted at another path
// (`/app/config`, as other dashboards take theirs), or a GATUS_CONFIG_PATH naming a path no volume holds, leaves
// Gatus checking the example's endpoints, and the lab's own are never checked nor alerted on.

/** Gatus' images, on Docker Hub and GitHub's registry. */
export const GATUS_IMAGE = /^((docker\.io\/)?twinproduction\/gatus|ghcr\.io\/twin\/gatus)(?=[:@]|$)/;

/** The paths Gatus reads unless GATUS_CONFIG_PATH names one, in its order. */
const DEFAULT_PATHS = ['/config/config.yaml', '/config/config.yml'];

/** The variables that name Gatus' configuration, the older last. */
const PATH_VARIABLES = ['GATUS_CONFIG_PATH', 'GATUS_CONFIG_FILE'];

/** Whether a volume mounted at `mountPath` holds `path`, or a file below the folder `path`. */
function holds(mountPath: string, path: string): boolean {
  const at = mountPath.replace(/\/+$/, '');
  return path === at || path.startsWith(`${at}/`) || at.startsWith(`${path.replace(/\/+$/, '')}/`);
}

/**
 * Gatus containers whose configuration path holds no volume: an error on GATUS_CONFIG_PATH where it names the path,
 * else on the ConfigMap volume they mount elsewhere. A container that mounts no ConfigMap, or names its path from a
 * ConfigMap or Secret, is left alone.
 */
export function checkGatusConfigPath(cluster: SynthesizedCluster): Finding[] {
  return podTemplates(cluster.objects).flatMap((template) => containersOf(template).flatMap(({ container, path, init }): Finding[] => {
    if (init || !GATUS_IMAGE.test(text(container.image) ?? '')) {
      return [];
    }
    const env = list(container.env);
    const named = PATH_VARIABLES.map((name) => env.findIndex((e) => e.name === name)).find((i) => i >= 0);
    const given = named === undefined ? undefined : text(env[named].value);
    if (named !== undefined && given === undefined) {
      return [];
    }
    const mounts = list(container.volumeMounts);
    const paths = given === undefined ? DEFAULT_PATHS : [given];
    if (mounts.some((m) => paths.some((p) => holds(text(m.mountPath) ?? '', p)))) {
      return [];
    }
    if (given !== undefined) {
      return [objectFinding(template.object, {
        layer: 'references', severity: 'error', field: `${path}.env[${named}]`,
        message: `${env[named!].name} is ${given}, which no volume of the container holds: Gatus falls back to the example configuration of its image, and the lab's endpoints are never checked`,
        hint: `name the path the configuration's ConfigMap is mounted at (${mounts.map((m) => text(m.mountPath)).filter(Boolean).join(', ') || 'none is mounted'}), or mount it at ${given}`,
      })];
    }
    const volumes = list(template.spec.volumes);
    const configMount = mounts.find((m) => volumes.some((v) => v.name === m.name && fields(v).configMap !== undefined));
    if (configMount === undefined) {
      return [];
    }
    const index = volumes.findIndex((v) => v.name === configMount.name);
    const mountPath = text(configMount.mountPath) ?? '';
    const file = text(configMount.subPath) !== undefined ? mountPath : `${mountPath.replace(/\/+$/, '')}/config.yaml`;
    return [objectFinding(template.object, {
      layer: 'references', severity: 'error', field: `${template.specPath}.volumes[${index}]`,
      message: `Gatus reads ${DEFAULT_PATHS.join(' or ')} unless GATUS_CONFIG_PATH says otherwise, but its configuration is mounted at ${mountPath}: it falls back to the example configuration of its image, and the lab's endpoints are never checked`,
      hint: `mount the configuration at /config, or tell Gatus where it is: env: { GATUS_CONFIG_PATH: '${file}' }`,
    })];
  }));
}
