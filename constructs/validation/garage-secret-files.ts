import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import { GARAGE_IMAGE } from '../app/object-store-images';
import { containerConfigMaps } from './config-file-hosts';
import type { Finding } from './finding';
import { type Fields, fields, list, objectFinding, text } from './manifest';
import { indexOf } from './object-index';
import { containersOf, podTemplates, type PodTemplate } from './pod-spec';

// Garage reads its RPC secret and its admin and metrics tokens from files when told to (`GARAGE_RPC_SECRET_FILE`,
// `GARAGE_ADMIN_TOKEN_FILE`, `GARAGE_METRICS_TOKEN_FILE`, or `rpc_secret_file`, `admin_token_file` and
// `metrics_token_file` in garage.toml), and refuses to start when such a file has any bit for its group or others
// (mode & 0o077), unless `GARAGE_ALLOW_WORLD_READABLE_SECRETS` is `true` (or `allow_world_readable_secrets = true`
// in garage.toml). The kubelet writes the keys of a Secret volume (and the files of the Secrets Store CSI driver)
// readable by all (0644) and, with the pod's fsGroup, readable by the group whatever mode is asked.

/** The variables that name a file Garage reads a secret from, with the variable that gives the value itself. */
const SECRET_FILE_VARIABLES: Readonly<Record<string, string>> = {
  GARAGE_RPC_SECRET_FILE: 'GARAGE_RPC_SECRET',
  GARAGE_ADMIN_TOKEN_FILE: 'GARAGE_ADMIN_TOKEN',
  GARAGE_METRICS_TOKEN_FILE: 'GARAGE_METRICS_TOKEN',
};

/** The settings of garage.toml that name a file Garage reads a secret from. */
const SECRET_FILE_SETTING = /^\s*(rpc_secret_file|admin_token_file|metrics_token_file)\s*=\s*"([^"]+)"/gm;

/** The setting of garage.toml that turns the check of the files' modes off. */
const ALLOW_SETTING = /^\s*allow_world_readable_secrets\s*=\s*true\b/m;

/** The variable that turns the check of the files' modes off. */
const ALLOW_VARIABLE = 'GARAGE_ALLOW_WORLD_READABLE_SECRETS';

/** A mount of a Secret's files into a container: where, and what it mounts. */
interface SecretMount {
  readonly path: string;
  readonly secret: string;
  readonly what: string;
}

/** The mounts of Secrets (a Secret volume, a projected one, the Secrets Store CSI driver's) into container `container`. Pure. */
function secretMounts(template: PodTemplate, container: Fields): SecretMount[] {
  const volumes = new Map(list(template.spec.volumes).map((volume) => [text(volume.name), volume]));
  return list(container.volumeMounts).flatMap((mount): SecretMount[] => {
    const volume = volumes.get(text(mount.name));
    const path = text(mount.mountPath)?.replace(/\/+$/, '');
    const secret = text(fields(volume?.secret).secretName)
      ?? list(fields(volume?.projected).sources).map((source) => text(fields(source.secret).name)).find((name) => name !== undefined);
    const csi = fields(volume?.csi).driver === 'secrets-store.csi.k8s.io' ? text(fields(fields(volume?.csi).volumeAttributes).secretProviderClass) : undefined;
    if (path === undefined || (secret === undefined && csi === undefined)) {
      return [];
    }
    return [secret !== undefined ? { path, secret, what: `Secret ${secret}` } : { path, secret: '<secret>', what: `SecretProviderClass ${csi}` }];
  });
}

/** A problem of one secret file: where it is named, and the variable that hands Garage the value instead. */
function secretFileFinding(object: SynthesizedObject, field: string, named: string, file: string, mount: SecretMount, valueVariable: string): Finding {
  const key = file.slice(mount.path.length + 1) || '<key>';
  return objectFinding(object, {
    layer: 'references', severity: 'error', field,
    message: `${named} names ${file}, a file of ${mount.what} mounted at ${mount.path}: the kubelet makes it readable by the pod's group and others, `
      + 'and Garage refuses to start on a secret file with any such bit ("is world-readable! ... expected 0600")',
    hint: `hand Garage the value itself: env: { ${valueVariable}: SecretReference.external('<namespace>', '${mount.secret}', '${key}') } in place of the file; `
      + `or, to keep the file, env: { ${ALLOW_VARIABLE}: 'true' }`,
  });
}

/**
 * Garage containers told to read a secret from a file of a mounted Secret, by a variable or by garage.toml in a
 * mounted ConfigMap, where neither the variable nor the file turns the check of its mode off: one error on each
 * variable or ConfigMap key, as Garage refuses to start.
 */
export function checkGarageSecretFiles(cluster: SynthesizedCluster): Finding[] {
  const index = indexOf(cluster.objects);
  return podTemplates(cluster.objects).flatMap((template) => containersOf(template)
    .filter((ref) => !ref.init && GARAGE_IMAGE.test(text(ref.container.image) ?? ''))
    .flatMap((ref) => {
      const mounts = secretMounts(template, ref.container);
      const env = list(ref.container.env);
      const configFiles = containerConfigMaps(index, template, ref).flatMap((configMap) => Object.entries(fields(configMap.manifest.data))
        .flatMap(([key, file]) => (typeof file === 'string' ? [{ configMap, key, file }] : [])));
      const allowed = env.some((variable) => text(variable.name) === ALLOW_VARIABLE && text(variable.value) === 'true') || configFiles.some(({ file }) => ALLOW_SETTING.test(file));
      if (allowed || mounts.length === 0) {
        return [];
      }
      const under = (file: string) => mounts.find((m) => file === m.path || file.startsWith(`${m.path}/`));
      const byVariable = env.flatMap((variable, position) => {
        const name = text(variable.name) ?? '';
        const file = text(variable.value);
        const mount = file === undefined || !(name in SECRET_FILE_VARIABLES) ? undefined : under(file);
        return mount === undefined ? [] : [secretFileFinding(template.object, `${ref.path}.env[${position}]`, name, file!, mount, SECRET_FILE_VARIABLES[name])];
      });
      const bySetting = configFiles.flatMap(({ configMap, key, file }) => [...file.matchAll(SECRET_FILE_SETTING)].flatMap(([, setting, path]) => {
        const mount = under(path);
        const variable = `GARAGE_${setting.replace(/_file$/, '').toUpperCase()}`;
        return mount === undefined ? [] : [secretFileFinding(configMap, `data.${key}`, `${key}'s ${setting}`, path, mount, variable)];
      }));
      return [...byVariable, ...bySetting];
    }));
}
