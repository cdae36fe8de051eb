import type { SynthesizedCluster } from '../synth/collect';
import { closestName } from './closest-name';
import type { Finding } from './finding';
import { type Fields, fields, keyOf, list, namespaceOf, objectFinding, text } from './manifest';
import { indexOf } from './object-index';
import { containersOf, podTemplates, type PodTemplate } from './pod-spec';
import { secretProducers } from './secret-producers';

// A Secret mounted whole as a volume holds one file per key (or per item, where the volume lists `items`), and no
// other. A variable that tells the app to read a file there by another name (LLDAP's LDAPS_OPTIONS__CERT_FILE at
// `/certs/cert.pem`, as its guide names the file, over the `tls.crt` of a cert-manager Certificate's Secret) sends
// it to a file that does not exist: the app stops at its start, or serves without what the file was for.

/** A Secret volume mounted whole into a container: where, which Secret, and the file names it holds when the volume says them. */
interface WholeSecretMount {
  readonly path: string;
  readonly secret: string;
  /** The file names of its `items`, when it lists them. */
  readonly items?: readonly string[];
}

/** The Secret volumes (not optional) a container mounts whole, without a `subPath`. Pure. */
function wholeSecretMounts(template: PodTemplate, container: Fields): WholeSecretMount[] {
  const volumes = new Map(list(template.spec.volumes).map((volume) => [text(volume.name), fields(volume.secret)]));
  return list(container.volumeMounts).flatMap((mount): WholeSecretMount[] => {
    const secret = volumes.get(text(mount.name));
    const name = text(secret?.secretName);
    const path = text(mount.mountPath)?.replace(/\/+$/, '');
    if (secret === undefined || name === undefined || path === undefined || path === '' || text(mount.subPath) !== undefined || secret.optional === true) {
      return [];
    }
    const items = list(secret.items).map((item) => text(item.path)).filter((p): p is string => p !== undefined);
    return [items.length > 0 ? { path, secret: name, items } : { path, secret: name }];
  });
}

/** The key meant by a file name a guide gives a certificate, its key or its CA (`cert.pem`, `privkey.pem`), where the Secret holds a TLS pair. */
function tlsKeyMeant(file: string, keys: readonly string[]): string | undefined {
  if (!keys.includes('tls.crt') || !keys.includes('tls.key')) {
    return undefined;
  }
  return /key/i.test(file) ? 'tls.key' : /(^|[^a-z])ca([^a-z]|$)|chain/i.test(file) && keys.includes('ca.crt') ? 'ca.crt' : 'tls.crt';
}

/**
 * Variables whose value is a file under a Secret mounted whole that the Secret does not hold (no such key, or no such
 * item): one error on each variable, whose hint names the key meant. A Secret whose keys the output does not show
 * (made by hand, or by an ExternalSecret's `dataFrom`) is left alone.
 */
export function checkSecretMountFiles(cluster: SynthesizedCluster): Finding[] {
  const index = indexOf(cluster.objects);
  const keysOf = new Map(secretProducers(index).flatMap((p) => (p.keys === undefined ? [] : [[keyOf(p.namespace, p.name), p.keys] as const])));
  return podTemplates(cluster.objects).flatMap((template) => containersOf(template).flatMap((ref) => {
    const mounts = wholeSecretMounts(template, ref.container);
    if (mounts.length === 0) {
      return [];
    }
    const namespace = namespaceOf(template.object);
    return list(ref.container.env).flatMap((variable, position): Finding[] => {
      const file = text(variable.value);
      const mount = file === undefined ? undefined : mounts.find((m) => file.startsWith(`${m.path}/`));
      if (file === undefined || mount === undefined) {
        return [];
      }
      const name = file.slice(mount.path.length + 1);
      const held = mount.items ?? keysOf.get(keyOf(namespace, mount.secret));
      if (held === undefined || name === '' || held.includes(name)) {
        return [];
      }
      const meant = tlsKeyMeant(name, held) ?? closestName(name, held) ?? held[0];
      const variableName = text(variable.name) ?? '<variable>';
      return [objectFinding(template.object, {
        layer: 'references', severity: 'error', field: `${ref.path}.env[${position}]`,
        message: `${variableName} names ${file}, a file of Secret ${mount.secret} mounted at ${mount.path}, which holds ${held.length === 0 ? 'no file' : held.join(', ')} `
          + `(one file per ${mount.items === undefined ? 'key' : 'item'}), not ${name}: the app finds no such file`,
        hint: meant === undefined ? `give the Secret the key ${name}, or name a file it holds` : `name the file it holds: ${variableName}: '${mount.path}/${meant}'`,
      })];
    });
  }));
}
