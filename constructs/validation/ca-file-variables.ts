import type { SynthesizedCluster } from '../synth/collect';
import type { Finding } from './finding';
import { fields, keyOf, list, objectFinding, text } from './manifest';
import { indexOf } from './object-index';
import { containersOf, podTemplates } from './pod-spec';
import { madeConfigMaps } from './references';

// The variables through which a runtime trusts a lab's CA name one PEM file. A file that is not there is no
// error at start: Node warns once ("Ignoring extra certs") and Go, OpenSSL and Python fall back to the public
// roots, so every call to a server the lab CA signs fails later with "unknown authority". A ConfigMap mounted as a
// folder holds one file per key, so a file named after another key (`ca.crt` where the key is
// `ca-certificates.crt`, as trust-manager's Bundle writes it) is missing.

/** Variables whose value is the path of a PEM file of CA certificates a runtime or program trusts. */
const CA_FILE_VARIABLES: ReadonlySet<string> = new Set([
  'SSL_CERT_FILE', 'NODE_EXTRA_CA_CERTS', 'REQUESTS_CA_BUNDLE', 'CURL_CA_BUNDLE', 'GIT_SSL_CAINFO', 'GF_AUTH_GENERIC_OAUTH_TLS_CLIENT_CA',
]);

/**
 * Containers whose CA-file variable names a file of a mounted ConfigMap folder that the ConfigMap (one of the
 * output, or one a trust-manager Bundle writes) has no key for: one error on the variable, whose hint names the
 * files it holds. A ConfigMap the output does not know, one mounted with `items` or a `subPath`, and a path
 * outside every mount are left alone.
 */
export function checkCaFileVariables(cluster: SynthesizedCluster): Finding[] {
  const index = indexOf(cluster.objects);
  let made: ReadonlyMap<string, ReadonlySet<string>> | undefined;
  return podTemplates(cluster.objects).flatMap((template) => containersOf(template).flatMap((ref): Finding[] => list(ref.container.env).flatMap((variable, i): Finding[] => {
    const name = text(variable.name) ?? '';
    const path = text(variable.value);
    if (!CA_FILE_VARIABLES.has(name) || path === undefined || !path.startsWith('/')) {
      return [];
    }
    const mount = list(ref.container.volumeMounts).map((m) => ({ m, folder: String(m.mountPath ?? '').replace(/\/+$/, '') }))
      .filter(({ folder }) => folder !== '' && path.startsWith(`${folder}/`)).sort((a, b) => b.folder.length - a.folder.length)[0];
    const volume = mount === undefined ? undefined : list(template.spec.volumes).find((v) => text(v.name) === text(mount.m.name));
    const configMapName = text(fields(volume?.configMap).name);
    if (mount === undefined || configMapName === undefined || mount.m.subPath !== undefined || fields(volume?.configMap).items !== undefined) {
      return [];
    }
    made ??= madeConfigMaps(index, cluster.objects);
    const held = made.get(keyOf(template.namespace, configMapName));
    const file = path.slice(mount.folder.length + 1);
    if (held === undefined || held.has(file)) {
      return [];
    }
    const keys = [...held];
    return [objectFinding(template.object, {
      layer: 'references', severity: 'error', field: `${ref.path}.env[${i}].value`,
      message: `${name} names ${path}, but ConfigMap ${configMapName}, mounted at ${mount.folder}, has no key ${file} (it holds ${keys.length === 0 ? 'no file' : keys.join(', ')}): `
        + "the runtime goes on without the lab's CA and every call to a server it signs fails with an unknown authority",
      hint: keys.length === 1 ? `name the file its key makes: ${name}: '${mount.folder}/${keys[0]}'` : `name one of the files its keys make (${keys.map((key) => `${mount.folder}/${key}`).join(', ')})`,
    })];
  })));
}
