import { FRIGATE_IMAGE } from '../app/root-started-images';
import type { SynthesizedCluster } from '../synth/collect';
import { containerConfigMaps } from './config-file-hosts';
import type { Finding } from './finding';
import { fields, list, objectFinding, text } from './manifest';
import { indexOf } from './object-index';
import { containersOf, podTemplates } from './pod-spec';

// Frigate keeps a camera's password out of its config.yml by a variable's name in braces
// (`rtsp://admin:{FRIGATE_RTSP_PASSWORD}@…`), which it fills in from its environment as it reads the file. It
// reads only variables whose names start with FRIGATE_ (and files of that name under /run/secrets): any other
// name is no variable to it, and a FRIGATE_ name the container does not have stops it with "Invalid
// substitution". A value that is the braces alone, unquoted, is a YAML mapping, which Frigate refuses.

/** A variable's name in braces, as Frigate's config writes it; `{{` and `}}` are its escaped braces. */
const PLACEHOLDER = /(?<!\{)\{([A-Z][A-Z0-9_]*)\}(?!\})/g;

/** A setting or list item whose whole value is a placeholder without quotes (`password: {FRIGATE_MQTT_PASSWORD}`). */
const UNQUOTED_PLACEHOLDER = /^\s*(?:-\s+)?(?:([\w.-]+):\s+)?(\{[A-Z][A-Z0-9_]*\})\s*(?:#.*)?$/;

/** The prefix of the variables Frigate fills in. */
const PREFIX = 'FRIGATE_';

/** Where Frigate also reads variables from, one file each (Docker's and systemd's secrets). */
const SECRETS_FOLDER = '/run/secrets';

/** A placeholder of a config file: its line (from 1), the variable's name and whether the value is it alone, unquoted. */
export interface FrigatePlaceholder {
  readonly line: number;
  readonly name: string;
  readonly unquoted: boolean;
  /** The setting it is the whole value of, for a hint; `undefined` for a list item. */
  readonly setting?: string;
}

/** The placeholders of a Frigate config text, outside comments, in order. Pure. */
export function frigatePlaceholders(file: string): FrigatePlaceholder[] {
  return file.split('\n').flatMap((line, i) => {
    const code = line.replace(/(^|\s)#.*$/, '');
    const unquoted = UNQUOTED_PLACEHOLDER.exec(code);
    return [...code.matchAll(PLACEHOLDER)].map((match) => ({
      line: i + 1, name: match[1], unquoted: unquoted !== null, ...(unquoted?.[1] === undefined ? {} : { setting: unquoted[1] }),
    }));
  });
}

/** The variables a config's own `environment_vars` section sets, which Frigate adds to its environment first. Pure. */
function configEnvironmentVars(file: string): Set<string> {
  const names = new Set<string>();
  let inSection = false;
  for (const line of file.split('\n')) {
    const entry = /^\s+([A-Za-z_]\w*)\s*:/.exec(line);
    if (/^environment_vars:\s*(#.*)?$/.test(line)) {
      inSection = true;
    } else if (inSection && entry !== null) {
      names.add(entry[1]);
    } else if (/^\S/.test(line)) {
      inSection = false;
    }
  }
  return names;
}

/**
 * The placeholders of the config files mounted into Frigate's containers that Frigate cannot fill in: a name
 * without FRIGATE_ (an error on the ConfigMap's key), a FRIGATE_ name the container's `env` does not set (an
 * error on its `env`, unless it reads variables from `envFrom` or files under /run/secrets, which the output does
 * not show), and a value that is a placeholder alone without quotes (an error on the key).
 */
export function checkFrigateConfigVariables(cluster: SynthesizedCluster): Finding[] {
  const index = indexOf(cluster.objects);
  const findings: Finding[] = [];
  const told = new Set<string>();
  const tell = (finding: Finding) => {
    const key = `${finding.constructPath}\n${finding.field}\n${finding.message}`;
    if (!told.has(key)) {
      told.add(key);
      findings.push(finding);
    }
  };
  for (const template of podTemplates(cluster.objects)) {
    for (const ref of containersOf(template).filter((r) => !r.init && FRIGATE_IMAGE.test(text(r.container.image) ?? ''))) {
      const env = new Set(list(ref.container.env).map((e) => text(e.name)));
      const unseenEnv = list(ref.container.envFrom).length > 0
        || list(ref.container.volumeMounts).some((m) => (text(m.mountPath) ?? '').replace(/\/+$/, '').startsWith(SECRETS_FOLDER));
      for (const configMap of containerConfigMaps(index, template, ref)) {
        const configMapName = text(fields(configMap.manifest.metadata).name) ?? '';
        for (const [key, file] of Object.entries(fields(configMap.manifest.data))) {
          if (typeof file !== 'string' || !/\.ya?ml$/.test(key)) {
            continue;
          }
          const setHere = configEnvironmentVars(file);
          for (const placeholder of frigatePlaceholders(file)) {
            const where = `line ${placeholder.line}`;
            const { name } = placeholder;
            if (!name.startsWith(PREFIX)) {
              tell(objectFinding(configMap, {
                layer: 'references', severity: 'error', field: `data.${key}`,
                message: `{${name}} (${where}) is no variable to Frigate, which fills in only names that start with ${PREFIX}: the text is left as written (older releases stop with "Invalid substitution")`,
                hint: `name the variable ${PREFIX}${name} in the app's env and write {${PREFIX}${name}}`,
              }));
            } else if (placeholder.unquoted) {
              const setting = placeholder.setting === undefined ? `- "{${name}}"` : `${placeholder.setting}: "{${name}}"`;
              tell(objectFinding(configMap, {
                layer: 'references', severity: 'error', field: `data.${key}`,
                message: `{${name}} (${where}) is the whole value without quotes, which YAML reads as a mapping, not text: Frigate refuses the config`,
                hint: `quote it: ${setting}`,
              }));
            }
            if (name.startsWith(PREFIX) && !env.has(name) && !setHere.has(name) && !unseenEnv) {
              tell(objectFinding(template.object, {
                layer: 'references', severity: 'error', field: `${ref.path}.env`,
                message: `Frigate's config (ConfigMap ${configMapName}'s ${key}, ${where}) uses {${name}}, which this container's env does not set: Frigate stops with "Invalid substitution"`,
                hint: `set it from a Secret: env: { ${name}: SecretReference.external('${template.namespace}', '<secret>', '<key>') }`,
              }));
            }
          }
        }
      }
    }
  }
  return findings;
}
