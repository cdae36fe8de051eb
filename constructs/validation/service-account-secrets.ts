import type { SynthesizedObject } from '../synth/collect';
import { AddFinding, fields, forEachRepeatedKey, list, text } from './manifest';

/**
 * A ServiceAccount's `secrets`, a list server-side apply keys by name (`x-kubernetes-list-map-keys: [name]`): an
 * entry without a name is refused ("associative list with keys has an element that omits key field"), and so is
 * a name listed twice ("duplicate entries for key"), though a client-side apply took both. Pure: reports through `add`.
 */
export function checkServiceAccountSecrets(object: SynthesizedObject, add: AddFinding): void {
  const secrets = list(object.manifest.secrets);
  secrets.forEach((secret, i) => {
    if (typeof fields(secret).name !== 'string' || secret.name === '') {
      add(`secrets[${i}].name`, 'the entry names no Secret, and server-side apply keys this list by name: it refuses an entry that omits it',
        "name the Secret, e.g. secrets: [{ name: 'registry-token' }], or drop the entry (a token Secret names its ServiceAccount by annotation instead)");
    }
  });
  forEachRepeatedKey(secrets, (secret) => text(secret.name), (i, first, name) => {
    add(`secrets[${i}].name`, `Secret "${name}" is listed by secrets[${first}] already; server-side apply refuses a Secret listed twice`, 'list each Secret once');
  });
}
