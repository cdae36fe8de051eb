import { FRIGATE_IMAGE } from '../app/root-started-images';
import { HOMEPAGE_IMAGE } from '../app/household-app-images';
import type { SynthesizedCluster } from '../synth/collect';
import { containerConfigMaps } from './config-file-hosts';
import type { Finding } from './finding';
import { fields, list, objectFinding, text } from './manifest';
import { indexOf } from './object-index';
import { containersOf, podTemplates } from './pod-spec';

// Frigate and go2rtc keep a camera's password out of their YAML config by a variable's name, which they fill in
// from their environment as they read the file: Frigate's `{FRIGATE_RTSP_PASSWORD}`, go2rtc's `${CAM_PASSWORD}`;
// Homepage keeps its widgets' API keys out of services.yaml so (`{{HOMEPAGE_VAR_JELLYFIN_KEY}}`).
// A name they cannot fill in is no secret kept out of the file but a camera asked with the wrong password, or a
// config the program refuses. Each program's own rules are in VARIABLE_SYNTAXES.

/** A placeholder of a config file: its line (from 1), the variable's name and whether the value is it alone, unquoted. */
export interface ConfigPlaceholder {
  readonly line: number;
  readonly name: string;
  readonly unquoted: boolean;
  /** The setting it is the whole value of, for a hint; `undefined` for a list item. */
  readonly setting?: string;
}

/** How a program writes and fills in its config's variables. */
interface VariableSyntax {
  readonly image: RegExp;
  readonly app: string;
  /** A placeholder, the variable's name its group 1; global. */
  readonly placeholder: RegExp;
  /** How a name is written back, for messages and hints. */
  readonly written: (name: string) => string;
  /** The config's own section of variables, which it adds to its environment first. @default - the config has none */
  readonly section?: string;
  /** What a variable it reads beside `env` comes from: a folder mounted, or an env setting naming one. */
  readonly secretsFolder: { readonly mountedAt?: string; readonly envNamed?: string };
  /** What the program does with a name its environment lacks, for the message. */
  readonly unset: string;
  /** A name the program never fills in, whatever its environment: the message and hint. @default - every name may be filled in */
  readonly unfillable?: (name: string) => { readonly message: string; readonly hint: string } | undefined;
  /** Whether a placeholder alone as an unquoted value is a YAML mapping to it (braces without `$`). */
  readonly bracesAlone: boolean;
}

/** Frigate fills in only names that start with this. */
const FRIGATE_PREFIX = 'FRIGATE_';

/** Homepage fills in only names that start with one of these: a variable's value, or the text of the file it names. */
const HOMEPAGE_PREFIXES = ['HOMEPAGE_VAR_', 'HOMEPAGE_FILE_'];

const VARIABLE_SYNTAXES: readonly VariableSyntax[] = [
  {
    // `{{` and `}}` are its escaped braces; ffmpeg's own `%{localtime\:…}` is no variable.
    image: FRIGATE_IMAGE, app: 'Frigate', placeholder: /(?<![{$%])\{([A-Z][A-Z0-9_]*)\}(?!\})/g, written: (name) => `{${name}}`,
    section: 'environment_vars', secretsFolder: { mountedAt: '/run/secrets', envNamed: 'CREDENTIALS_DIRECTORY' }, bracesAlone: true,
    unset: 'Frigate stops with "Invalid substitution"',
    unfillable: (name) => (name.startsWith(FRIGATE_PREFIX) ? undefined : {
      message: `is no variable to Frigate, which fills in only names that start with ${FRIGATE_PREFIX}: the text is left as written (older releases stop with "Invalid substitution")`,
      hint: `name the variable ${FRIGATE_PREFIX}${name} in the app's env and write {${FRIGATE_PREFIX}${name}}`,
    }),
  },
  {
    // `${NAME:default}` falls back to its default.
    image: /^(ghcr\.io\/|(docker\.io\/)?)alexxit\/go2rtc(?=[:@]|$)/, app: 'go2rtc', placeholder: /\$\{([A-Za-z_]\w*)\}/g, written: (name) => `\${${name}}`,
    section: 'env', secretsFolder: { envNamed: 'CREDENTIALS_DIRECTORY' }, bracesAlone: false,
    unset: 'go2rtc leaves the text as written, and the camera is asked with it',
  },
  {
    // Replaced in the file's text before it is read as YAML, so a placeholder may stand unquoted.
    image: HOMEPAGE_IMAGE, app: 'Homepage', placeholder: /\{\{([A-Za-z_]\w*)\}\}/g, written: (name) => `{{${name}}}`,
    secretsFolder: {}, bracesAlone: false,
    unset: 'Homepage leaves the text as written, and the widget calls its service with it (a key the service refuses)',
    unfillable: (name) => (HOMEPAGE_PREFIXES.some((prefix) => name.startsWith(prefix)) ? undefined : {
      message: `is no variable to Homepage, which fills in only names that start with ${HOMEPAGE_PREFIXES.join(' or ')}: the text is left as written, and the widget calls its service with it`,
      hint: `name the variable ${HOMEPAGE_PREFIXES[0]}${name} in the app's env and write {{${HOMEPAGE_PREFIXES[0]}${name}}}`,
    }),
  },
];

/** A setting or list item whose whole value is a placeholder in braces without quotes (`password: {FRIGATE_MQTT_PASSWORD}`). */
const UNQUOTED_BRACES = /^\s*(?:-\s+)?(?:([\w.-]+):\s+)?\{[A-Z][A-Z0-9_]*\}\s*$/;

/** The placeholders of a config text of `syntax` (Frigate's by default), outside comments, in order. Pure. */
export function configPlaceholders(file: string, syntax: VariableSyntax = VARIABLE_SYNTAXES[0]): ConfigPlaceholder[] {
  return file.split('\n').flatMap((line, i) => {
    const code = line.replace(/(^|\s)#.*$/, '');
    const unquoted = syntax.bracesAlone ? UNQUOTED_BRACES.exec(code) : null;
    return [...code.matchAll(syntax.placeholder)].map((match) => ({
      line: i + 1, name: match[1], unquoted: unquoted !== null, ...(unquoted?.[1] === undefined ? {} : { setting: unquoted[1] }),
    }));
  });
}

/** The variables a config's own top-level `section` sets. Pure. */
function sectionVariables(file: string, section: string | undefined): Set<string> {
  const names = new Set<string>();
  if (section === undefined) {
    return names;
  }
  let inSection = false;
  for (const line of file.split('\n')) {
    const entry = /^\s+([A-Za-z_]\w*)\s*:/.exec(line);
    if (new RegExp(`^${section}:\\s*(#.*)?$`).test(line)) {
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
 * The placeholders of the YAML config files mounted into Frigate's, go2rtc's and Homepage's containers that the program cannot
 * fill in: a name it never fills in (an error on the ConfigMap's key), a name the container's `env` does not set
 * (an error on its `env`, unless it reads variables from `envFrom` or a folder of secrets, which the output does not
 * show), and a value that is braces alone without quotes, a YAML mapping (an error on the key).
 */
export function checkConfigFileVariables(cluster: SynthesizedCluster): Finding[] {
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
    for (const ref of containersOf(template).filter((r) => !r.init)) {
      const syntax = VARIABLE_SYNTAXES.find((s) => s.image.test(text(ref.container.image) ?? ''));
      if (syntax === undefined) {
        continue;
      }
      const env = new Set(list(ref.container.env).map((e) => text(e.name)));
      const { mountedAt, envNamed } = syntax.secretsFolder;
      const unseenEnv = list(ref.container.envFrom).length > 0 || (envNamed !== undefined && env.has(envNamed))
        || (mountedAt !== undefined && list(ref.container.volumeMounts).some((m) => (text(m.mountPath) ?? '').startsWith(mountedAt)));
      for (const configMap of containerConfigMaps(index, template, ref)) {
        const configMapName = text(fields(configMap.manifest.metadata).name) ?? '';
        for (const [key, file] of Object.entries(fields(configMap.manifest.data))) {
          if (typeof file !== 'string' || !/\.ya?ml$/.test(key)) {
            continue;
          }
          const setHere = sectionVariables(file, syntax.section);
          for (const { line, name, unquoted, setting } of configPlaceholders(file, syntax)) {
            const written = syntax.written(name);
            const unfillable = syntax.unfillable?.(name);
            if (unfillable !== undefined) {
              tell(objectFinding(configMap, { layer: 'references', severity: 'error', field: `data.${key}`, message: `${written} (line ${line}) ${unfillable.message}`, hint: unfillable.hint }));
              continue;
            }
            if (unquoted) {
              tell(objectFinding(configMap, {
                layer: 'references', severity: 'error', field: `data.${key}`,
                message: `${written} (line ${line}) is the whole value without quotes, which YAML reads as a mapping, not text: ${syntax.app} refuses the config`,
                hint: `quote it: ${setting === undefined ? '-' : `${setting}:`} "${written}"`,
              }));
            }
            if (!env.has(name) && !setHere.has(name) && !unseenEnv) {
              tell(objectFinding(template.object, {
                layer: 'references', severity: 'error', field: `${ref.path}.env`,
                message: `${syntax.app}'s config (ConfigMap ${configMapName}'s ${key}, line ${line}) uses ${written}, which this container's env does not set: ${syntax.unset}`,
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
