import { cpuProblem, sizeProblem } from '../app/quantities';
import { describeValue } from '../inventory/problems';
import type { ValidationLayer } from '../validation/finding';
import { isUnwritable, NON_JSON_HINT, nonJsonValue, visitFields } from '../validation/json-values';
import { secretFlagsIn } from '../validation/command-secrets';
import { credentialIn, hiddenInMessages, secretSettingLine, settingWritesSecret, urlPasswordIn, writesSecret } from '../validation/secret-values';
import { parsedGoDuration } from '../validation/go-duration';
import { durationHint } from '../validation/switch-hints';
import type { PropProblem } from '../validation/known-props';
import { keyText } from '../validation/text-lists';
import { imageFloats } from '../app/image-tag';
import { neverPulledProblem } from '../validation/policy';
import { DNS1123_SUBDOMAIN, nameProblem } from '../validation/dns-names';
import { GITLAB_RUNNER_TOKEN_SECRET } from './gitlab-runner-chart';

// Helm values are free-form, so no schema checks them: what a manifest cannot carry, and secrets written
// out, are found here by the rules the rest of the library applies to objects.

/** A problem of one field of a ChartRelease's values. */
export interface ChartValuesProblem {
  /** The layer that reports it. */
  readonly layer: ValidationLayer;
  /** Field path under the values, e.g. `values.admin.password`. */
  readonly field: string;
  /** What is wrong. */
  readonly message: string;
  /** How to fix it. */
  readonly hint: string;
}

/**
 * A field inside a reference to an existing Secret (`existingSecret: { smtpHostKey: smtp-host }`,
 * `passwordSecretRef: { key: … }`): its values name the Secret's keys, they hold none.
 */
const IN_SECRET_REFERENCE = /(?:^|\.)(?:existing[^.]*|[^.]*secret(?:key)?ref)\.[^.]+$/i;

/**
 * Values that a chart reads as the name of a Secret though their key alone does not say so: GitLab Runner's
 * `runners.secret`, the Secret of the runner's token. No other chart gives these paths another meaning.
 */
const SECRET_NAME_PATHS: ReadonlySet<string> = new Set([GITLAB_RUNNER_TOKEN_SECRET]);

/** Whether the value at `path` names a Secret (see {@link SECRET_NAME_PATHS}): a name a Secret may have, at one of those paths. */
function namesSecretAt(path: string, value: string): boolean {
  return SECRET_NAME_PATHS.has(path) && nameProblem(value, DNS1123_SUBDOMAIN) === undefined;
}

/**
 * A value that is a container's command line as a list of words, which the chart hands to its container as
 * it is (external-dns' `extraArgs`, `args`, `command`, `controller.extraArgs`).
 */
const COMMAND_LINE_KEY = /(?:^|[a-z])(?:args|command)$/i;

/** Top-level values of Helm 2 posts that set up Tiller, which Helm 3 removed. */
const HELM2_TILLER_KEYS: ReadonlySet<string> = new Set(['tiller', 'tillerNamespace', 'tillerHost', 'tillerImage']);

const SECRET_HINT = 'keep the value in a SealedSecret, a SopsSecret or an ExternalSecret and give the chart its name: most charts read one '
  + 'through a value such as existingSecret or *.secretName (see the chart\'s values.yaml)';

/**
 * What is wrong with Helm `values`: a key with blanks around it (no template reads it), a field no manifest can carry (a BigInt, a Symbol, a function,
 * Infinity or NaN), and a secret written out under a secret-looking key (`password: hunter2`,
 * `apiKey: …`), in an env entry (`{ name: DB_PASSWORD, value: … }`) or as a URL with its password. Keys that
 * name a Secret rather than hold one (`existingSecret`, `passwordSecretName`, `secretKeyRef`'s `key`,
 * `passwordKey`) pass, and so do a few values charts read as the name of a Secret
 * (GitLab Runner's `runners.secret`). Pure; the values are read once.
 */
export function chartValuesProblems(values: unknown): ChartValuesProblem[] {
  // Values as a whole that are no object of keys: a Map, whose entries are no keys of it, would merge as
  // nothing at all, silently; text (values.yaml read as a file, JSON) is written as text, which the
  // HelmRelease's schema takes and helm-controller cannot read as values.
  if (values !== undefined && (values === null || typeof values !== 'object' || Array.isArray(values))) {
    return [{
      layer: 'props', field: 'values', message: `the values are ${typeof values === 'string' ? `text of ${values.length} characters` : describeValue(values)}, not an object of Helm values`,
      hint: typeof values === 'string'
        ? "parse the text first: yaml.load(fs.readFileSync('values.yaml', 'utf8')) from js-yaml, or JSON.parse(text); or write the values as an object: { key: … }"
        : 'give the values as a plain object, nested as values.yaml nests them: { key: … }',
    }];
  }
  const whole = values === undefined ? undefined : nonJsonValue(values);
  if (whole !== undefined) {
    return [{
      layer: 'props', field: 'values', message: `the values are ${whole}, not an object of Helm values: its contents are no keys of it, so nothing would be merged`,
      hint: `give the values as a plain object, nested as values.yaml nests them: { key: … }${values instanceof Map ? ' (Object.fromEntries(map) turns a flat Map into one)' : ''}`,
    }];
  }
  const problems: ChartValuesProblem[] = Object.entries(values ?? {}).flatMap(([key, field]) => setPathProblems(key, field));
  for (const key of Object.keys(values ?? {})) {
    if (HELM2_TILLER_KEYS.has(key)) {
      problems.push({
        layer: 'props', field: `values.${key}`,
        message: `${key} configures Tiller, Helm 2's in-cluster server: Helm 3, which the GitOps controllers install with, has no Tiller, so no template reads it and it is dropped without a word`,
        hint: `drop ${key}: the controller installs the chart with its own ServiceAccount, and a chart's RBAC is its own values (often rbac.create), as its values.yaml lists them`,
      });
    }
  }
  visitFields(values, (path, key, field) => {
    const at = `values.${path}`;
    // A key with a blank around it (copied from a YAML file with a stray space) is no key any template reads.
    if (typeof key === 'string' && key.trim() !== key && key.trim() !== '') {
      problems.push({
        layer: 'props', field: at, message: `the key ${JSON.stringify(key)} has blanks around it, so no template of the chart reads it and its value is dropped without a word`,
        hint: `write the key alone: ${keyText(key.trim())}`,
      });
      return;
    }
    const what = nonJsonValue(field);
    if (what !== undefined) {
      problems.push({
        layer: 'props', field: at,
        message: isUnwritable(field)
          ? `is ${what}, which no YAML or JSON document holds`
          : `is ${what}, which YAML writes as ${Number.isNaN(field) ? '.nan' : '.inf'} and kubectl and the GitOps controllers cannot turn into JSON`,
        hint: NON_JSON_HINT,
      });
      return;
    }
    if (typeof key === 'string') {
      for (const image of chartImageProblems(key, field)) {
        problems.push({ layer: image.layer, field: image.at === undefined ? at : `${at}.${image.at}`, message: image.message, hint: image.hint });
      }
    }
    const shape = typeof key === 'string' ? podFieldShapeProblem(key, field) : undefined;
    if (shape !== undefined) {
      problems.push({ layer: 'props', field: shape.at === undefined ? at : `${at}.${shape.at}`, message: shape.message, hint: shape.hint });
      return;
    }
    if (Array.isArray(field) && typeof key === 'string' && COMMAND_LINE_KEY.test(key)) {
      // Judged as a container's command line is: the chart passes the words on unchanged.
      for (const flag of secretFlagsIn(field)) {
        problems.push({
          layer: 'policy', field: `${at}[${flag.at}]`, message: `${flag.described} is given its value in the clear; a secret would be committed in the clear`,
          hint: `keep the value in a SealedSecret, a SopsSecret or an ExternalSecret, give the chart's container a variable from it (most charts take env: [{ name, valueFrom: { secretKeyRef } }]) and write ${flag.withReference} here`,
        });
      }
      return;
    }
    if (typeof field === 'string') {
      const quantity = quantityValueProblem(path, field);
      const typed = typeof key === 'string' ? textForTypedValueProblem(key, field) : undefined;
      if (quantity !== undefined) {
        problems.push({ layer: 'props', field: at, ...quantity });
      } else if (typed !== undefined) {
        problems.push({ layer: 'props', field: at, ...typed });
      } else if (typeof key === 'string' && !IN_SECRET_REFERENCE.test(path) && !namesSecretAt(path, field) && settingWritesSecret(key, field)) {
        problems.push({ layer: 'policy', field: at, message: `${key} is set to a literal value; a secret would be committed in the clear`, hint: SECRET_HINT });
      } else if (urlPasswordIn(field) !== undefined) {
        problems.push({ layer: 'policy', field: at, message: 'holds a URL with its password written out; a secret would be committed in the clear', hint: SECRET_HINT });
      } else if (credentialIn(field) !== undefined) {
        problems.push({ layer: 'policy', field: at, message: `holds ${credentialIn(field)}; a secret would be committed in the clear`, hint: SECRET_HINT });
      } else {
        // A config file or a YAML block given as text (`config: |`), which the chart writes out as it is.
        const line = field.includes('\n') ? secretSettingLine(field) : undefined;
        if (line !== undefined) {
          problems.push({ layer: 'policy', field: at, message: `the text sets ${line.setting} on line ${line.number}; a secret would be committed in the clear`, hint: SECRET_HINT });
        }
      }
      return;
    }
    const entry = field as { name?: unknown; value?: unknown } | null;
    if (entry !== null && typeof entry === 'object' && typeof entry.name === 'string' && typeof entry.value === 'string' && writesSecret(entry.name, entry.value)) {
      // An env entry a chart passes to its containers, judged as a container's env is.
      problems.push({ layer: 'policy', field: `${at}.value`, message: `${entry.name} is set to a literal value; a secret would be committed in the clear`, hint: SECRET_HINT });
    }
  });
  return problems;
}

/**
 * What is wrong with the image a chart's values give its pods, as most charts take it (`image: { registry,
 * repository, tag, digest, pullPolicy }`, Bitnami's `global.imageRegistry`): a registry written with its scheme,
 * which the chart joins into a reference the kubelet refuses; a moving tag (`latest`), which each node pulls
 * once and keeps, where the chart's own default pins its release; a pull policy of Never. Pure.
 */
function chartImageProblems(key: string, value: unknown): Array<{ at?: string; layer: ValidationLayer; message: string; hint: string }> {
  const schemeOf = (registry: unknown) => (typeof registry === 'string' ? /^[a-z][a-z0-9+.-]*:\/\/+(.*?)\/*$/i.exec(registry) : null);
  const registryProblem = (registry: unknown, at?: string) => {
    const scheme = schemeOf(registry);
    return scheme === null ? [] : [{
      at, layer: 'props' as const, message: `the registry ${JSON.stringify(registry)} has a scheme, which the chart writes into its images' references, and the kubelet refuses them`,
      hint: `write the registry's host alone: '${scheme[1]}'`,
    }];
  };
  if (key === 'imageRegistry') {
    return registryProblem(value);
  }
  if (key !== 'image' || value === null || typeof value !== 'object' || Array.isArray(value)) {
    return [];
  }
  const { registry, repository, tag, digest, pullPolicy } = value as Record<string, unknown>;
  const named = typeof repository === 'string' ? `${repository}${typeof tag === 'string' ? `:${tag}` : ''}` : '';
  const neverPulled = neverPulledProblem(pullPolicy, named);
  const floats = typeof tag === 'string' && tag !== '' && (typeof digest !== 'string' || digest === '') && imageFloats(`image:${tag}`);
  return [
    ...registryProblem(registry, 'registry'),
    ...(floats ? [{
      at: 'tag', layer: 'policy' as const,
      message: `tag "${tag}" moves with each build: each node pulls it once and keeps that build, and the pods of one release run different ones`,
      hint: "pin a release of the image (the chart's appVersion is one), or leave tag out for the one the chart pins",
    }] : []),
    ...(neverPulled ? [{ at: 'pullPolicy', layer: 'policy' as const, ...neverPulled }] : []),
  ];
}

/** A container's amount of memory or storage in a chart's `resources` block, which charts hand to the pod as it is. */
const SIZE_VALUE = /(?:^|\.)resources\.(?:limits|requests)\.(?:memory|ephemeral-storage)$/;
/** A container's CPU in a chart's `resources` block. */
const CPU_VALUE = /(?:^|\.)resources\.(?:limits|requests)\.cpu$/;
/** The size of a chart's claim (`persistence.size`, `primary.persistence.size`, app-template's `persistence.<name>.size`). */
const CLAIM_SIZE_VALUE = /(?:^|\.)persistence(?:\.[^.]+)?\.size$/;

/**
 * A quantity written where charts keep a container's resources or a claim's size, in a form the API server
 * refuses (docker's `512m` or `1GB`, `0.5 cores`): the chart renders it into the pod or the claim as it is,
 * and the release fails to install. Undefined for any other value.
 */
function quantityValueProblem(path: string, value: string): { message: string; hint: string } | undefined {
  const problem = CPU_VALUE.test(path) ? cpuProblem(value) : SIZE_VALUE.test(path) || CLAIM_SIZE_VALUE.test(path) ? sizeProblem(value) : undefined;
  return problem && { message: `${problem.message}, which the chart hands to the API server as it is`, hint: problem.hint };
}

/** Keys charts hand to a pod as a map of text (`nodeSelector`, the pods' annotations and labels). */
const MAP_OF_TEXT_KEY = /^(?:nodeSelector|podAnnotations|podLabels)$/;

/**
 * A value charts hand to their pods' spec as it is, in a shape the API server refuses: a `nodeSelector` or
 * the pods' annotations written as `kubectl label` writes them (`['disktype=ssd']`, `'disktype=ssd'`) or with a
 * value that is no text (`gpu: true`), or `tolerations` given as one toleration rather than a list. `at` is the
 * key under the value a problem of one entry is on. Undefined for any other value. Pure.
 */
function podFieldShapeProblem(key: string, value: unknown): { at?: string; message: string; hint: string } | undefined {
  if (MAP_OF_TEXT_KEY.test(key)) {
    if (typeof value === 'string' || Array.isArray(value)) {
      const pairs = (Array.isArray(value) ? value : value.split(/[,\s]+/)).filter((pair): pair is string => typeof pair === 'string' && pair !== '');
      const written = pairs.map((pair) => pair.split('=')).filter((parts) => parts.length === 2)
        .map(([name, text]) => `${/^[a-zA-Z0-9_]+$/.test(name) ? name : `'${name}'`}: '${text}'`);
      return {
        message: `${key} is ${Array.isArray(value) ? 'a list' : 'text'}, as kubectl writes labels; the chart hands it to its pods, where ${key === 'nodeSelector' ? 'a node selector' : 'it'} is a map of names to text, and the API server refuses the pods`,
        hint: `write a map: ${key}: { ${written.length > 0 ? written.join(', ') : "'kubernetes.io/hostname': 'node1'"} }`,
      };
    }
    if (value !== null && typeof value === 'object') {
      const entry = Object.entries(value).find(([, text]) => typeof text !== 'string');
      return entry === undefined ? undefined : {
        at: entry[0],
        message: `${key} gives ${entry[0]} the ${typeof entry[1]} ${JSON.stringify(entry[1])}; labels and annotations hold text alone, and the API server refuses the chart's pods`,
        hint: `quote it: '${entry[0]}': '${String(entry[1])}'`,
      };
    }
    return undefined;
  }
  if (key === 'tolerations' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return {
      message: 'tolerations is one toleration, not a list of them: the chart hands it to its pods, and the API server refuses a pod whose tolerations are no list',
      hint: 'put it in a list: tolerations: [{ key: …, operator: …, effect: … }]',
    };
  }
  return undefined;
}

/** A switch of a chart (`ingress.enabled`, `serviceAccount.create`, `speaker.frr.enabled`), which charts read as a boolean. */
const SWITCH_KEY = /^(?:enabled|create)$/;
/** A number of pods of a chart (`replicaCount`, `controller.replicaCount`, `deployment.replicas`). */
const REPLICAS_KEY = /^(?:replicas|replicaCount)$/;

/**
 * A switch or a number of replicas written as text, as a YAML file read without its types or a `--set-string`
 * writes it (`enabled: "false"`, `replicaCount: "2"`): Go templates take any text but the empty one as true, so
 * `"false"` turns the part on, and a chart with a values schema (Traefik, cert-manager) refuses text where it takes
 * a boolean or a number, as do templates that compare the count (`gt .Values.replicaCount 1`). Undefined for any
 * other value. Pure.
 */
function textForTypedValueProblem(key: string, value: string): { message: string; hint: string } | undefined {
  if (SWITCH_KEY.test(key) && /^(?:true|false)$/i.test(value.trim())) {
    const on = value.trim().toLowerCase() === 'true';
    return {
      message: on
        ? `${key} is the text ${JSON.stringify(value)}, not the boolean true: a chart with a values schema refuses the release, and a template that compares it with true reads it as off`
        : `${key} is the text ${JSON.stringify(value)}, not the boolean false: Helm's templates read every text but the empty one as true, so the part would be turned on`,
      hint: `write the boolean without quotes: ${key}: ${on}`,
    };
  }
  if (REPLICAS_KEY.test(key) && /^\s*\d+\s*$/.test(value)) {
    return {
      message: `${key} is the text ${JSON.stringify(value)}, not a number: a chart with a values schema refuses the release, and a template that compares the count with a number fails to render`,
      hint: `write the number without quotes: ${key}: ${Number(value)}`,
    };
  }
  return undefined;
}

/**
 * A top-level key written as `helm --set` writes a path (`'image.tag': '1.2.3'`, `'ingress.hosts[0].host'`):
 * Helm reads values as they nest and takes such a key as one of that name, which no template reads, so
 * the setting would be dropped without a word. A name that ends in a file's extension (`grafana.ini`, a
 * file a chart mounts) is a key of that name. Pure.
 */
function setPathProblems(key: string, field: unknown): ChartValuesProblem[] {
  const steps = /^[a-zA-Z][a-zA-Z0-9_-]*(?:\[\d+\])?(?:\.[a-zA-Z][a-zA-Z0-9_-]*(?:\[\d+\])?)+$/.test(key) ? key.split('.') : [];
  if (steps.length === 0 || FILE_EXTENSION.test(steps[steps.length - 1])) {
    return [];
  }
  // The value is written back unless it is a secret, which a message never prints.
  const nested = steps.reduceRight<string>((inner, step) => {
    const list = /^(.*)\[(\d+)\]$/.exec(step);
    return list ? `{ ${list[1]}: [${Number(list[2]) > 0 ? '…, ' : ''}${inner}] }` : `{ ${step}: ${inner} }`;
  }, hiddenInMessages(steps[steps.length - 1].replace(/\[\d+\]$/, ''), field) ? '…' : JSON.stringify(field) ?? '…');
  return [{
    layer: 'props', field: `values.${key}`,
    message: `"${key}" is written as helm --set writes a path; Helm values nest, so the chart would get a key of that name, which none of its templates reads`,
    hint: `nest it as values.yaml does: ${nested}`,
  }];
}

/** Last parts of a key that name a file (`grafana.ini`, `config.yaml`), which charts take as keys of their own. */
const FILE_EXTENSION = /^(?:ini|ya?ml|json|toml|conf|cfg|properties|xml|txt|sh|py|lua|js|env|tpl|pem|crt|key)$/i;

/**
 * A value of a chart that the chart hands to a Go program's duration flag (`--interval={{ .Values.interval }}`),
 * written as no Go duration: a bare number (`60`), days (`30d`) or words. The program refuses the flag and its
 * pods never start. `program` names it for the message; undefined for a Go duration or a value left out. Pure.
 */
export function goDurationFlagProblem(values: Record<string, unknown>, key: string, program: string): PropProblem | undefined {
  const value = values[key];
  if (value === undefined || value === 0 || typeof value === 'string' && parsedGoDuration(value) !== undefined) {
    return undefined;
  }
  return {
    field: key,
    message: `${key} is ${describeValue(value)}, which the chart hands to ${program} as a Go duration: Go reads no such duration, the flag is refused and the pods never start`,
    hint: durationHint(value, 'duration', key) ?? `write a number and a unit of h, m, s or ms, no blanks: ${key}: '1m'`,
  };
}

/** `values` without the fields the YAML writer refuses, for output that is reported and never written. */
export function writableValues(values: Record<string, unknown>): Record<string, unknown> {
  const copy = (value: unknown): unknown => {
    if (Array.isArray(value)) {
      return value.filter((item) => !isUnwritable(item)).map(copy);
    }
    if (value !== null && typeof value === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(value))) {
      return Object.fromEntries(Object.entries(value).filter(([, field]) => !isUnwritable(field)).map(([key, field]) => [key, copy(field)]));
    }
    return value;
  };
  return copy(values) as Record<string, unknown>;
}
