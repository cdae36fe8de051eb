import { load } from 'js-yaml';
import { EXEMPTION_ANNOTATION_PREFIX } from '../app/security';
import { chartValuesProblems } from '../platform/chart-values';
import type { SynthesizedCluster } from '../synth/collect';
import { FINDING_NOTE } from '../synth/note-types';
import type { Finding } from './finding';
import { secretFlagsIn } from './command-secrets';
import { fieldPath, objectFinding } from './manifest';
import { pluginSecretHint, pluginSettingSecrets } from './traefik-plugin-secrets';
import { credentialIn, PRIVATE_KEY_CREDENTIAL, secretSettingLine, urlPasswordIn, writesSecret } from './secret-values';

// A credential needs no secret-looking name to be one: a token, a webhook URL or an htpasswd line may sit in
// any field of any object (an annotation, a label, a Middleware's users, a notification Provider's address),
// and every field is committed. The fields other rules judge, with messages of their own, are left to them.

const layer = 'policy' as const;

/**
 * Kinds whose values other rules judge as a whole (a Secret's data, a SealedSecret's ciphertext), and the
 * schemas of custom resources, upstream documents of types rather than a lab's settings: the largest objects
 * of a cluster, and no place for a credential.
 */
const JUDGED_KINDS = new Set(['Secret', 'SealedSecret', 'CustomResourceDefinition']);

/**
 * Fields that other rules judge, with messages of their own: a container's env values and command line
 * (`secret-env-literals`), SOPS metadata.
 */
const JUDGED_FIELD = /(?:^|\.)(?:containers|initContainers|ephemeralContainers)\[\d+\]\.(?:env\[\d+\]\.value|command\[\d+\]|args\[\d+\])$/;
const JUDGED_SUBTREE = new Set(['sops']);

/**
 * Helm values of an install object: Flux's `spec.values`, Argo CD's `helm.valuesObject`, K3s' `valuesContent`
 * (YAML text). They are judged as a `ChartRelease`'s values are, by name too, since a chart reads them by name.
 */
const HELM_VALUES = new Set(['values', 'valuesObject', 'valuesContent']);

/**
 * A VM's cloud-init data written inline (KubeVirt's `cloudInitNoCloud` and `cloudInitConfigDrive`), by its
 * key, and whether the key holds it base64-encoded. It is a file: its passwords are settings of it, and
 * `chpasswd`'s list writes them as `user:password` lines.
 */
const CLOUD_INIT_DATA: ReadonlyMap<string, boolean> = new Map([['userData', false], ['networkData', false], ['userDataBase64', true], ['networkDataBase64', true]]);

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
  // Values a ChartRelease or a component's addValues was given are judged there (`values.<path>`); the
  // engine's install object repeats them.
  const judgedValues = new Set(cluster.notes.filter((note) => note.type === FINDING_NOTE).map((note) => (note.data as { field?: unknown }).field)
    .filter((field): field is string => typeof field === 'string' && field.startsWith('values.')));
  for (let n = 0, objects = cluster.objects; n < objects.length; n++) {
    const object = objects[n];
    const kind = object.manifest.kind;
    if (typeof kind === 'string' && JUDGED_KINDS.has(kind)) {
      continue;
    }
    // A ConfigMap's files are judged as files (plaintext-secrets).
    const skipTop = kind === 'ConfigMap' ? CONFIG_MAP_FILES : undefined;
    for (const setting of pluginSettingSecrets(object.manifest)) {
      const field = fieldPath(setting.parts);
      findings.push(objectFinding(object, {
        layer, severity: 'error', field, message: `writes out a secret under the plugin's setting "${setting.name}", and every field of an object is committed in the clear`,
        hint: pluginSecretHint(setting.name),
      }));
      reported.add(`${field}\n${setting.value}`);
    }
    walkText(object.manifest, [], skipTop, (parts, value, what, hint) => {
      const field = fieldPath(parts);
      if (JUDGED_FIELD.test(field) || value === siteGitUrl || reported.has(`${field}\n${value}`)) {
        return;
      }
      reported.add(`${field}\n${value}`);
      findings.push(objectFinding(object, {
        layer, severity: 'error', field, message: `holds ${what}, and every field of an object is committed in the clear`,
        hint: hint ?? 'keep the value in a SealedSecret, a SopsSecret or an ExternalSecret and let the object read that Secret (most kinds have a secretRef or a secret name field for it)',
      }));
    }, (parts, values) => {
      const at = fieldPath(parts);
      for (const problem of chartValuesProblems(values)) {
        if (problem.layer === 'policy' && !judgedValues.has(problem.field)) {
          findings.push(objectFinding(object, { layer, severity: 'error', field: `${at}${problem.field.slice('values'.length)}`, message: problem.message, hint: problem.hint }));
        }
      }
    });
  }
  return findings;
}

const CONFIG_MAP_FILES = new Set(['data', 'binaryData']);

/**
 * Calls `found` for each text under `value` that writes out a credential, with the keys that lead to it.
 * Paths are built only for what is found: most of a cluster's text holds none.
 */
function walkText(
  value: unknown, parts: Array<string | number>, skip: ReadonlySet<string> | undefined,
  found: (parts: ReadonlyArray<string | number>, text: string, what: string, hint?: string) => void,
  helmValues: (parts: ReadonlyArray<string | number>, values: Record<string, unknown>) => void,
): void {
  const key = parts[parts.length - 1];
  if (typeof key === 'string' && HELM_VALUES.has(key)) {
    const values = key === 'valuesContent' && typeof value === 'string' ? yamlValues(value) : value;
    if (values !== null && typeof values === 'object' && !Array.isArray(values)) {
      helmValues(parts, values as Record<string, unknown>);
      return;
    }
  }
  if (typeof value === 'string') {
    const cloudInit = typeof key === 'string' ? CLOUD_INIT_DATA.get(key) : undefined;
    const password = cloudInit === undefined ? undefined : cloudInitPasswordIn(cloudInit ? Buffer.from(value, 'base64').toString('utf8') : value);
    const what = password ?? writtenCredential(parts, value);
    if (what !== undefined) {
      found(parts, value, what, password !== undefined ? CLOUD_INIT_HINT : cloudInit !== undefined && what === PRIVATE_KEY_CREDENTIAL ? CLOUD_INIT_KEY_HINT : undefined);
    }
  } else if (Array.isArray(value)) {
    // A custom kind's command line (an operator's `spec.args`, as Dragonfly's `--requirepass=…`) is read as a container's is.
    if (key === 'args' || key === 'command') {
      for (const flag of secretFlagsIn(value)) {
        parts.push(flag.at);
        found(parts, String(value[flag.at]), `a secret written out in its ${flag.described}`, COMMAND_LINE_HINT);
        parts.pop();
      }
    }
    for (let i = 0; i < value.length; i++) {
      parts.push(i);
      walkText(value[i], parts, undefined, found, helmValues);
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
    if (key === 'params') {
      queryParamSecrets(record, parts, found);
    }
    // `in` over a manifest's own keys (plain JSON inherits none) allocates no array of them, as Object.keys would for each object.
    for (const key in record) {
      if (!JUDGED_SUBTREE.has(key) && !(skip?.has(key) ?? false)) {
        parts.push(key);
        walkText(record[key], parts, undefined, found, helmValues);
        parts.pop();
      }
    }
  }
}

/**
 * Query parameters a scraper sends, by name, each a list of values (`params` of a ServiceMonitor's endpoint, a
 * PodMonitor's, a Probe's or a ScrapeConfig's): a token or key written there (`token: [...]`, `apikey: [...]`)
 * is judged by its name, as an env variable is.
 */
function queryParamSecrets(params: Record<string, unknown>, parts: Array<string | number>, found: (parts: ReadonlyArray<string | number>, text: string, what: string, hint?: string) => void): void {
  for (const [name, values] of Object.entries(params)) {
    (Array.isArray(values) ? values : []).forEach((value, i) => {
      if (typeof value === 'string' && writesSecret(name, value)) {
        parts.push(name, i);
        found(parts, value, `a secret in the query parameter "${name}"`, QUERY_PARAM_HINT);
        parts.splice(-2);
      }
    });
  }
}

const QUERY_PARAM_HINT = 'have Prometheus send the credential from a Secret instead: the endpoint\'s authorization: { type: \'Bearer\', credentials: { name, key } } '
  + 'or basicAuth: { username, password } (each a Secret key selector); a query parameter cannot be read from a Secret';
const COMMAND_LINE_HINT = 'keep the value in a SealedSecret, a SopsSecret or an ExternalSecret and give the object its name where it reads one '
  + "(an operator's password field, such as Dragonfly's authentication.passwordFromSecret)";
const CLOUD_INIT_HINT = 'log in with a public key (ssh_authorized_keys), or keep the whole data in a SealedSecret or SopsSecret and name it in secretRef: { name } '
  + '(networkDataSecretRef for network data)';
const CLOUD_INIT_KEY_HINT = 'ssh_authorized_keys takes the public key the guest lets in (the one line of ~/.ssh/id_ed25519.pub, ssh-ed25519 AAAA…); the private key stays on the machine you log in from';

/** Passwords that cloud-init makes itself: `RANDOM` (or `R`) asks for a generated one. */
const GENERATED_PASSWORD = /^(?:R|RANDOM)$/;
/** A crypt(3) hash (`$6$salt$…`): whoever reads it may crack it offline, as an htpasswd line's. */
const PASSWORD_HASH = /^\$[0-9a-z]+\$\S+$/i;
/** A command that sets a password by piping `user:password` to chpasswd (`echo "root:…" | chpasswd`), as a `runcmd` line does. */
const PIPED_TO_CHPASSWD = /["']?([a-z_][\w.-]*):[^\s"'|]+["']?\s*\|\s*(?:sudo\s+)?chpasswd\b/;
/** A setting of a user's password hash in cloud-init's data: `hashed_passwd: $6$…`, `passwd: $6$…`. */
const HASH_SETTING = /^\s*(?:-\s+)?["']?(hashed_passwd|passwd|password)["']?\s*:\s*["']?(\$[0-9a-z]+\$[^\s"']+)/i;

/**
 * What cloud-init data (user or network data) writes out of a password, with its line, if anything: a
 * setting that says password (`password:`, `plain_text_passwd:`, a Wi-Fi network's `password:`), a password
 * hash (`hashed_passwd:`), a `user:password` piped to chpasswd by a command, or a line of `chpasswd`'s list. A generated password is none. Pure.
 */
function cloudInitPasswordIn(data: string): string | undefined {
  const setting = secretSettingLine(data);
  if (setting !== undefined) {
    return `a password written out in its cloud-init data (line ${setting.number}, ${setting.setting})`;
  }
  const lines = data.split('\n');
  const hashLine = lines.findIndex((line) => HASH_SETTING.test(line));
  if (hashLine >= 0) {
    return `a password hash in its cloud-init data (line ${hashLine + 1}, ${HASH_SETTING.exec(lines[hashLine])![1]}), which whoever reads it may crack offline`;
  }
  const piped = lines.findIndex((line) => PIPED_TO_CHPASSWD.test(line));
  if (piped >= 0) {
    return `the password of ${PIPED_TO_CHPASSWD.exec(lines[piped])![1]} written out in its cloud-init data (line ${piped + 1}, piped to chpasswd)`;
  }
  const chpasswd = (yamlValues(data) as { chpasswd?: { list?: unknown } } | undefined)?.chpasswd?.list;
  const entries = typeof chpasswd === 'string' ? chpasswd.split('\n') : Array.isArray(chpasswd) ? chpasswd.filter((e): e is string => typeof e === 'string') : [];
  const entry = entries.map((e) => e.trim()).find((e) => /^[^\s:]+:\S/.test(e) && !GENERATED_PASSWORD.test(e.slice(e.indexOf(':') + 1)));
  if (entry === undefined) {
    return undefined;
  }
  const user = entry.slice(0, entry.indexOf(':'));
  const line = lines.findIndex((l) => l.includes(entry)) + 1;
  const where = `in its cloud-init data (${line > 0 ? `line ${line}, ` : ''}chpasswd's list)`;
  return PASSWORD_HASH.test(entry.slice(user.length + 1)) ? `the password hash of ${user} ${where}, which whoever reads it may crack offline` : `the password of ${user} written out ${where}`;
}

/** Helm values written as YAML text; undefined for text that is no YAML. */
function yamlValues(text: string): unknown {
  try {
    return load(text);
  } catch {
    return undefined;
  }
}


/** What credential the text `value` at `parts` writes out, if any. Pure. */
function writtenCredential(parts: ReadonlyArray<string | number>, value: string): string | undefined {
  const credential = credentialIn(value) ?? (urlPasswordIn(value) !== undefined ? 'a URL with its password written out' : undefined);
  if (credential !== undefined) {
    return credential;
  }
  // An annotation or a label is named by its key; prose is no secret: a token or password is one word. An
  // exemption's annotation (`security.homelab.dev/service-account-token`) holds the reason the chart gave, which
  // may be one word too (`dashboard`): its key names what is exempted, not what the value is.
  const holder = parts[parts.length - 2];
  const key = parts[parts.length - 1];
  if ((holder !== 'annotations' && holder !== 'labels') || parts[parts.length - 3] !== 'metadata' || typeof key !== 'string' || /\s/.test(value)
    || key.startsWith(EXEMPTION_ANNOTATION_PREFIX)) {
    return undefined;
  }
  return writesSecret(key.slice(key.lastIndexOf('/') + 1), value) ? `a secret under the key "${key}"` : undefined;
}
