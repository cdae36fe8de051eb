import type { SynthesizedCluster } from '../synth/collect';
import type { Finding } from './finding';
import { objectFinding } from './manifest';
import { credentialIn, urlPasswordIn, writesSecret } from './secret-values';

// A credential needs no secret-looking name to be one: a token, a webhook URL or an htpasswd line may sit in
// any field of any object (an annotation, a label, a Middleware's users, a notification Provider's address),
// and every field is committed. The fields other rules judge, with messages of their own, are left to them.

const layer = 'policy' as const;

/** Kinds whose values other rules judge as a whole: a Secret's data, a SealedSecret's ciphertext. */
const JUDGED_KINDS = new Set(['Secret', 'SealedSecret']);

/**
 * Fields that other rules judge, with messages of their own: a container's env values and command line
 * (`secret-env-literals`), Helm values (`ChartRelease` and a component's values, where they are given),
 * SOPS metadata.
 */
const JUDGED_FIELD = /(?:^|\.)(?:containers|initContainers|ephemeralContainers)\[\d+\]\.(?:env\[\d+\]\.value|command\[\d+\]|args\[\d+\])$/;
const JUDGED_SUBTREE = new Set(['values', 'valuesContent', 'valuesObject', 'sops']);

/**
 * Credentials written out in any field of any object, by their form, as a URL with its password, or under
 * an annotation or label key or the name of a name-value pair that says secret (`example.com/api-token`, an
 * HTTP header `X-Api-Key`). Each finding names the field and what it holds, never the value.
 */
export function checkWrittenCredentials(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  // The labels of an app are on each of its objects: one mistake, one finding (on the first of them).
  const reported = new Set<string>();
  // The site's Git URL is judged where it is given (the site's git.url), and the engine's objects repeat it.
  const siteGitUrl = cluster.chart.site?.git?.url;
  for (let n = 0, objects = cluster.objects; n < objects.length; n++) {
    const object = objects[n];
    const kind = object.manifest.kind;
    if (typeof kind === 'string' && JUDGED_KINDS.has(kind)) {
      continue;
    }
    // A ConfigMap's files are judged as files (plaintext-secrets).
    const skipTop = kind === 'ConfigMap' ? CONFIG_MAP_FILES : undefined;
    walkText(object.manifest, [], skipTop, (parts, value, what) => {
      const field = fieldPath(parts);
      if (JUDGED_FIELD.test(field) || value === siteGitUrl || reported.has(`${field}\n${value}`)) {
        return;
      }
      reported.add(`${field}\n${value}`);
      findings.push(objectFinding(object, {
        layer, severity: 'error', field, message: `holds ${what}, and every field of an object is committed in the clear`,
        hint: 'keep the value in a SealedSecret, a SopsSecret or an ExternalSecret and let the object read that Secret (most kinds have a secretRef or a secret name field for it)',
      }));
    });
  }
  return findings;
}

const CONFIG_MAP_FILES = new Set(['data', 'binaryData']);

/**
 * Calls `found` for each text under `value` that writes out a credential, with the keys that lead to it.
 * Paths are built only for what is found: most of a cluster's text holds none.
 */
function walkText(value: unknown, parts: Array<string | number>, skip: ReadonlySet<string> | undefined, found: (parts: ReadonlyArray<string | number>, text: string, what: string) => void): void {
  if (typeof value === 'string') {
    const what = writtenCredential(parts, value);
    if (what !== undefined) {
      found(parts, value, what);
    }
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      parts.push(i);
      walkText(value[i], parts, undefined, found);
      parts.pop();
    }
  } else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    // A pair of a name and its value (an HTTP header of a probe, an env entry of a custom kind), named as an env variable is.
    if (typeof record.name === 'string' && typeof record.value === 'string' && !/\s/.test(record.value) && writesSecret(record.name, record.value)) {
      parts.push('value');
      found(parts, record.value, `a secret under the name "${record.name}"`);
      parts.pop();
    }
    for (const key of Object.keys(record)) {
      if (!JUDGED_SUBTREE.has(key) && !(skip?.has(key) ?? false)) {
        parts.push(key);
        walkText(record[key], parts, undefined, found);
        parts.pop();
      }
    }
  }
}

/** `spec.basicAuth.users[0]` of the keys `spec`, `basicAuth`, `users`, 0. */
function fieldPath(parts: ReadonlyArray<string | number>): string {
  return parts.reduce<string>((path, part) => (typeof part === 'number' ? `${path}[${part}]` : path === '' ? part : `${path}.${part}`), '');
}

/** What credential the text `value` at `parts` writes out, if any. Pure. */
function writtenCredential(parts: ReadonlyArray<string | number>, value: string): string | undefined {
  const credential = credentialIn(value) ?? (urlPasswordIn(value) !== undefined ? 'a URL with its password written out' : undefined);
  if (credential !== undefined) {
    return credential;
  }
  // An annotation or a label is named by its key; prose (an exemption's reason under `…/service-account-token`)
  // is no secret: a token or password is one word.
  const holder = parts[parts.length - 2];
  const key = parts[parts.length - 1];
  if ((holder !== 'annotations' && holder !== 'labels') || parts[parts.length - 3] !== 'metadata' || typeof key !== 'string' || /\s/.test(value)) {
    return undefined;
  }
  return writesSecret(key.slice(key.lastIndexOf('/') + 1), value) ? `a secret under the key "${key}"` : undefined;
}
