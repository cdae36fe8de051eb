import type { SecretReference } from '../secrets/secret-reference';
import type { PropProblem, PropShape } from '../validation/known-props';
import { SECRET_REFERENCE } from '../validation/secret-reference-shape';
import { prometheusDurationMilliseconds } from '../validation/prometheus-duration';
import { regexProblem } from '../validation/regex-syntax';
import { closestName } from '../validation/closest-name';

/**
 * The kinds of Alertmanager receiver that take their whole address as one URL, a credential in itself
 * (a Slack, Discord or Teams incoming webhook holds its token in its path): `webhook` is Alertmanager's
 * generic webhook (ntfy publishes its JSON as the message's text; Gotify refuses it, as it requires a `message`
 * field the payload does not have, so Gotify is reached through a bridge), the others their services' own formats.
 */
export const ALERT_RECEIVER_KINDS = ['webhook', 'slack', 'discord', 'msteams'] as const;

/** A kind of Alertmanager receiver, see {@link ALERT_RECEIVER_KINDS}. */
export type AlertReceiverKind = typeof ALERT_RECEIVER_KINDS[number];

/** Where Alertmanager sends the alerts that fire. */
export interface AlertReceiver {
  /** The receiver's kind, which says the format Alertmanager posts in. */
  readonly kind: AlertReceiverKind;
  /**
   * The URL Alertmanager posts to, a key of a Secret in the stack's namespace (a SealedSecret's
   * `key('url')`). Alertmanager reads it from the mounted file, so the URL is never in a Helm value or Git.
   */
  readonly url: SecretReference;
}

/** `AlertReceiver`, for callers the type checker does not see. */
export const ALERT_RECEIVER_SHAPE = { kind: 'string', url: SECRET_REFERENCE } as const satisfies Record<keyof AlertReceiver, PropShape>;

/** Alertmanager's config list and the field of each kind that reads the URL from a file. */
const URL_FILE_FIELDS: Readonly<Record<AlertReceiverKind, readonly [string, string]>> = {
  webhook: ['webhook_configs', 'url_file'],
  slack: ['slack_configs', 'api_url_file'],
  discord: ['discord_configs', 'webhook_url_file'],
  msteams: ['msteams_configs', 'webhook_url_file'],
};

/** The name of the receiver every alert goes to; the chart's `null` receiver keeps its Watchdog. */
export const ALERT_RECEIVER_NAME = 'owner';

/** Where the Alertmanager pod finds a key of a Secret its spec lists under `secrets`. */
function mountedSecretFile(url: SecretReference): string {
  return `/etc/alertmanager/secrets/${url.secretName}/${url.key}`;
}

/** What is wrong with `receiver` for a stack in `namespace`: its kind, and a Secret the pod cannot mount. Pure. */
export function alertReceiverProblems(receiver: AlertReceiver | undefined, namespace: string): PropProblem[] {
  if (receiver === undefined) {
    return [];
  }
  const problems: PropProblem[] = [];
  if (!(ALERT_RECEIVER_KINDS as readonly string[]).includes(receiver.kind)) {
    problems.push({
      field: 'alertReceiver.kind', message: `alertReceiver.kind "${receiver.kind}" is no receiver this stack writes`,
      hint: `use one of ${ALERT_RECEIVER_KINDS.join(', ')}; 'webhook' is Alertmanager's generic format`,
    });
  }
  if (receiver.url === undefined) {
    problems.push({
      field: 'alertReceiver.url', message: 'alertReceiver.url is missing, so Alertmanager would have nowhere to send the alerts',
      hint: `seal the receiver's URL as a key of a Secret in namespace ${namespace} and pass it: url: sealed.key('url')`,
    });
  }
  if (receiver.url?.namespace !== undefined && receiver.url.namespace !== namespace) {
    problems.push({
      field: 'alertReceiver.url', message: `alertReceiver.url is a key of Secret ${receiver.url.namespace}/${receiver.url.secretName}, but Alertmanager mounts Secrets of its own namespace ${namespace} only`,
      hint: `seal the URL as a Secret of namespace ${namespace}`,
    });
  }
  return problems;
}

/**
 * The chart's `alertmanager` values that send every alert but the Watchdog (the chart's heartbeat, which
 * stays on its `null` receiver) to `receiver`, its URL read from the Secret mounted into the pod. Pure.
 */
export function alertReceiverValues(receiver: AlertReceiver): Record<string, unknown> {
  const { route, receivers } = alertReceiverConfig(receiver.kind, mountedSecretFile(receiver.url));
  return {
    alertmanagerSpec: { secrets: [receiver.url.secretName] },
    config: { route, receivers: [{ name: 'null' }, ...receivers] },
  };
}

/**
 * The part of an Alertmanager configuration that sends every alert to one receiver of `kind`, which reads
 * its URL from the file `urlFile` (so the URL, a credential, stays out of the configuration). Pure.
 */
export function alertReceiverConfig(kind: AlertReceiverKind, urlFile: string): { route: { receiver: string }; receivers: Array<Record<string, unknown>> } {
  const [list, field] = URL_FILE_FIELDS[kind];
  return {
    route: { receiver: ALERT_RECEIVER_NAME },
    receivers: [{ name: ALERT_RECEIVER_NAME, [list]: [{ send_resolved: true, [field]: urlFile }] }],
  };
}

/** The chart's Alertmanager routing where the values leave it: the `null` receiver, and the Watchdog heartbeat routed to it. */
const CHART_RECEIVERS = ['null'];
const CHART_CHILD_ROUTES = [{ receiver: 'null', matchers: ['alertname = "Watchdog"'] }];

/** The timings of a route, which Alertmanager reads as Prometheus durations; the last two may not be zero. */
const ROUTE_DURATIONS = ['group_wait', 'group_interval', 'repeat_interval'] as const;
const NONZERO_DURATIONS: ReadonlySet<string> = new Set(['group_interval', 'repeat_interval']);

/** What Alertmanager refuses of a duration `value` at `field` (`30 s`, `12 hours`, a zero where it may not be). Pure. */
function durationProblems(value: unknown, field: string, nonzero: boolean): PropProblem[] {
  if (value === undefined) {
    return [];
  }
  const milliseconds = prometheusDurationMilliseconds(value);
  const why = milliseconds === undefined ? `${JSON.stringify(value)} is no Prometheus duration` : nonzero && milliseconds === 0 ? `${field.split('.').pop()} of zero` : undefined;
  return why === undefined ? [] : [{
    field, message: `${why}, which Alertmanager refuses with the whole configuration`,
    hint: "write a number and a unit, largest unit first, with no space: '30s', '5m', '12h'",
  }];
}

/** A matcher as Alertmanager reads one: a label name, an operator, and a value that may be quoted. */
const MATCHER = /^\s*([^\s=!~"]+|"(?:[^"\\]|\\.)*")\s*(=~|!~|!=|=)\s*(.*?)\s*$/;

/** One matcher of a route, at `field`: its label, operator and value, unquoted; no operator where Alertmanager finds none. */
export interface RouteMatcher {
  /** The field of the values that holds the matcher (`alertmanager.config.route.routes[0].matchers[0]`). */
  readonly field: string;
  /** The matcher as written (`severity = "critical"`). */
  readonly written: string;
  /** The label it matches, unquoted. @default - none: Alertmanager finds no operator in it */
  readonly label?: string;
  /** How it compares the label's value. @default - none: Alertmanager finds no operator in it */
  readonly operator?: '=' | '!=' | '=~' | '!~';
  /** The value or regular expression it compares with, unquoted. @default - none: Alertmanager finds no operator in it */
  readonly value?: string;
}

/** `text` without the double quotes around it and the escapes inside them. Pure. */
function unquoted(text: string): string {
  return /^".*"$/.test(text) ? text.slice(1, -1).replace(/\\(.)/g, '$1') : text;
}

/** The matchers of a route (`at` its field): its `matchers` lines, and the older `match` and `match_re` maps. Pure. */
export function routeMatchers(route: Record<string, unknown>, at: string): RouteMatcher[] {
  return matchersOf(route, at, '');
}

/**
 * The matchers of `holder` under the keys of `prefix` (`''` for a route's, `source_` and `target_` for an
 * inhibition rule's): its `<prefix>matchers` lines and the older `<prefix>match` and `<prefix>match_re` maps. Pure.
 */
function matchersOf(holder: Record<string, unknown>, at: string, prefix: string): RouteMatcher[] {
  const linesKey = `${prefix}matchers`;
  const lines = (Array.isArray(holder[linesKey]) ? holder[linesKey] as unknown[] : []).flatMap((written, i): RouteMatcher[] => {
    if (typeof written !== 'string') {
      return [];
    }
    const match = MATCHER.exec(written);
    const field = `${at}.${linesKey}[${i}]`;
    return [match === null ? { field, written } : { field, written, label: unquoted(match[1]), operator: match[2] as RouteMatcher['operator'], value: unquoted(match[3]) }];
  });
  const maps = ([`${prefix}match`, `${prefix}match_re`]).flatMap((key) => Object.entries(mapping(holder[key]) ?? {})
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .map(([label, value]): RouteMatcher => ({ field: `${at}.${key}.${label}`, written: `${label}: ${value}`, label, operator: key.endsWith('_re') ? '=~' : '=', value })));
  return [...lines, ...maps];
}

/**
 * Matchers that Alertmanager cannot read: a line with no operator, or a regular expression that does not compile
 * (a bracket left open), each of which it refuses with the whole configuration. Pure.
 */
function matcherProblems(matchers: readonly RouteMatcher[]): PropProblem[] {
  return matchers.flatMap(({ field, written, operator, value }): PropProblem[] => {
    if (operator === undefined) {
      return [{ field, message: `matcher "${written}" has no operator, which Alertmanager refuses with the whole configuration`, hint: 'write a label, an operator (=, !=, =~, !~) and a value: \'severity = "critical"\'' }];
    }
    const why = operator.includes('~') ? regexProblem(value!) : undefined;
    return why === undefined ? [] : [{
      field, message: `the regular expression "${value}" ${why}: Alertmanager refuses the whole configuration`,
      hint: 'escape the characters meant literally (\\[ for a bracket), or close the group or class',
    }];
  });
}

/** One route of Alertmanager's configuration, at its field; `chartsOwn` where it is the chart's, kept where the values give no routes. */
export interface AlertRoute {
  /** The route as the values write it. */
  readonly route: Record<string, unknown>;
  /** Its field in the values (`alertmanager.config.route.routes[1]`). */
  readonly at: string;
  /** Whether it is the configuration's top-level route, which every alert enters. */
  readonly root: boolean;
  /** Whether it is the chart's own route of its heartbeat alert, kept where the values give no routes. */
  readonly chartsOwn: boolean;
}

/**
 * Every route of the release's Alertmanager configuration `config` (`alertmanager.config` of its values), the
 * root first: the chart's own child route of its Watchdog heartbeat stays where the values give no routes. Pure.
 */
export function alertRoutes(config: Record<string, unknown>): AlertRoute[] {
  const routes: AlertRoute[] = [];
  const walk = (route: Record<string, unknown>, at: string, root: boolean, chartsOwn: boolean) => {
    routes.push({ route, at, root, chartsOwn });
    const fromChart = route.routes === undefined && root;
    const children = fromChart ? CHART_CHILD_ROUTES : Array.isArray(route.routes) ? route.routes : [];
    children.forEach((child, i) => {
      const next = mapping(child);
      if (next !== undefined) {
        walk(next, `${at}.routes[${i}]`, false, fromChart);
      }
    });
  };
  walk(mapping(config.route) ?? {}, 'alertmanager.config.route', true, false);
  return routes;
}

/**
 * Where the release's Alertmanager configuration (`alertmanager.config` of the merged values, over the
 * chart's defaults, which Helm keeps for every key the values leave out and replaces list by list) routes
 * alerts to a receiver it does not define, defines one name twice, times a route (or `resolve_timeout`)
 * with no duration, mutes a route by a time interval it does not define, or matches (in a route or an inhibition
 * rule) with a matcher it cannot read: Alertmanager refuses the whole configuration, and the operator keeps the last one it
 * took, so no alert goes where the values say; and where a receiver reads a file of a Secret or ConfigMap the pod does
 * not mount, which fails each of its notifications. Pure.
 */
export function alertmanagerRoutingProblems(values: Record<string, unknown>): PropProblem[] {
  const written = mapping(values.alertmanager)?.config;
  const config = mapping(written);
  if (config === undefined) {
    // The chart writes the configuration with toYaml: text becomes one YAML string, which Alertmanager refuses
    // (with tplConfig it renders text as the file it is).
    return written === undefined || written === null || (typeof written === 'string' && mapping(values.alertmanager)?.tplConfig === true) ? [] : [{
      field: 'alertmanager.config', message: `alertmanager.config is ${typeof written === 'string' ? `text of ${written.length} characters` : JSON.stringify(written)}, not a mapping: the chart writes it as one YAML ${typeof written === 'string' ? 'string' : 'value'}, which Alertmanager refuses as its configuration`,
      hint: "give the configuration as an object, as the chart's values.yaml writes it: parse a file's text first (yaml.load(text) from js-yaml)",
    }];
  }
  const receivers = Array.isArray(config.receivers) ? config.receivers.map((r) => mapping(r)?.name).filter((n): n is string => typeof n === 'string') : CHART_RECEIVERS;
  const problems: PropProblem[] = [...durationProblems(mapping(config.global)?.resolve_timeout, 'alertmanager.config.global.resolve_timeout', false)];
  receivers.forEach((name, i) => {
    if (receivers.indexOf(name) !== i) {
      problems.push({
        field: `alertmanager.config.receivers[${i}].name`, message: `receiver "${name}" is defined twice, which Alertmanager refuses`,
        hint: 'give each receiver a name of its own, or put both configs in one receiver',
      });
    }
  });
  const known = `the receivers are ${receivers.map((n) => `'${n}'`).join(', ') || '(none)'}`;
  // Named time intervals, under `time_intervals` or their older key `mute_time_intervals`.
  const intervals = ['time_intervals', 'mute_time_intervals'].flatMap((key) => Array.isArray(config[key]) ? config[key] as unknown[] : [])
    .map((interval) => mapping(interval)?.name).filter((n): n is string => typeof n === 'string');
  for (const { route, at, root, chartsOwn } of alertRoutes(config)) {
    const receiver = route.receiver ?? (root ? 'null' : undefined);
    if (typeof receiver === 'string' && !receivers.includes(receiver)) {
      problems.push({
        field: `${at}.receiver`,
        message: `${chartsOwn ? "the chart's own route of its Watchdog heartbeat, kept where the values give no routes," : 'the route'} sends alerts to receiver "${receiver}", which the configuration does not define: Alertmanager refuses the whole configuration`,
        hint: `${known}; name one of them, or define "${receiver}" under alertmanager.config.receivers${receiver === 'null' ? ': the chart routes its Watchdog heartbeat to \'null\', so keep { name: \'null\' } among them' : ''}`,
      });
    }
    ROUTE_DURATIONS.forEach((key) => problems.push(...durationProblems(route[key], `${at}.${key}`, NONZERO_DURATIONS.has(key))));
    problems.push(...routeShapeProblems(route, at, root));
    problems.push(...matcherProblems(routeMatchers(route, at)));
    for (const key of ['mute_time_intervals', 'active_time_intervals']) {
      (Array.isArray(route[key]) ? route[key] as unknown[] : []).forEach((name, i) => {
        if (typeof name === 'string' && !intervals.includes(name)) {
          problems.push({
            field: `${at}.${key}[${i}]`, message: `the route names time interval "${name}", which the configuration does not define: Alertmanager refuses the whole configuration`,
            hint: `${intervals.length > 0 ? `the time intervals are ${intervals.map((n) => `'${n}'`).join(', ')}; name one of them, or` : ''} define "${name}" under alertmanager.config.time_intervals`.trimStart(),
          });
        }
      });
    }
  }
  const mounted = mountedFolders(mapping(mapping(values.alertmanager)?.alertmanagerSpec) ?? {});
  (Array.isArray(config.receivers) ? config.receivers : []).forEach((receiver, i) => problems.push(
    ...receiverConfigProblems(mapping(receiver) ?? {}, `alertmanager.config.receivers[${i}]`),
    ...unmountedFileProblems(mapping(receiver) ?? {}, `alertmanager.config.receivers[${i}]`, mounted),
  ));
  (Array.isArray(config.inhibit_rules) ? config.inhibit_rules : []).forEach((rule, i) => {
    const inhibition = mapping(rule) ?? {};
    const at = `alertmanager.config.inhibit_rules[${i}]`;
    problems.push(...matcherProblems([...matchersOf(inhibition, at, 'source_'), ...matchersOf(inhibition, at, 'target_')]));
  });
  return problems;
}

/** The keys of a route that match alerts, none of which the root route may have, as every alert enters it. */
const MATCHING_KEYS = ['matchers', 'match', 'match_re'] as const;

/**
 * What Alertmanager refuses of the shape of `route` (at `at`): a `group_by` that is no list (`'alertname'`,
 * which it cannot read as one), and on the root route, matchers or `continue`. Pure.
 */
function routeShapeProblems(route: Record<string, unknown>, at: string, root: boolean): PropProblem[] {
  const problems: PropProblem[] = [];
  if (route.group_by !== undefined && !Array.isArray(route.group_by)) {
    problems.push({
      field: `${at}.group_by`, message: `group_by ${JSON.stringify(route.group_by)} is no list of label names, which Alertmanager refuses with the whole configuration`,
      hint: `write a list: group_by: [${typeof route.group_by === 'string' ? route.group_by.split(/[\s,]+/).filter(Boolean).map((l) => `'${l}'`).join(', ') : "'alertname'"}]`,
    });
  }
  if (!root) {
    return problems;
  }
  for (const key of MATCHING_KEYS) {
    if (route[key] !== undefined) {
      problems.push({
        field: `${at}.${key}`, message: `the root route has ${key}, which Alertmanager refuses with the whole configuration ("root route must not have any matchers"): every alert enters the root route`,
        hint: `move the ${key} to a child route under ${at}.routes, whose receiver takes the alerts it matches; the root's receiver takes the rest`,
      });
    }
  }
  if (route.continue !== undefined && route.continue !== false) {
    problems.push({
      field: `${at}.continue`, message: 'the root route has continue, which Alertmanager refuses with the whole configuration ("cannot have continue in root route")',
      hint: 'drop continue from the root route; give it to a child route that should let later siblings match too',
    });
  }
  return problems;
}

/** The values Alertmanager takes as a Telegram message's `parse_mode`, in its spelling. */
const TELEGRAM_PARSE_MODES = ['Markdown', 'MarkdownV2', 'HTML'] as const;

/** What a kind of receiver config takes: its keys besides `send_resolved` and `http_config`, and the pairs of which it needs one. */
interface ReceiverConfigFields {
  readonly keys: readonly string[];
  /** Pairs of keys (a value and the file that holds it) of which Alertmanager takes exactly one. */
  readonly oneOf: ReadonlyArray<readonly [string, string]>;
}

/**
 * The receiver configs of the services a home lab's alerts go to, as Alertmanager (0.28) reads them: it reads
 * each strictly, so a key it does not have (`sendResolved` or `botToken` as the AlertmanagerConfig resource spells
 * them, `token` for `bot_token`) refuses the whole configuration, and so does a pair written twice or not at all.
 */
const RECEIVER_CONFIGS: Readonly<Record<string, ReceiverConfigFields>> = {
  webhook_configs: { keys: ['url', 'url_file', 'max_alerts', 'timeout'], oneOf: [['url', 'url_file']] },
  discord_configs: { keys: ['webhook_url', 'webhook_url_file', 'title', 'message', 'content', 'username', 'avatar_url'], oneOf: [['webhook_url', 'webhook_url_file']] },
  msteams_configs: { keys: ['webhook_url', 'webhook_url_file', 'title', 'summary', 'text'], oneOf: [['webhook_url', 'webhook_url_file']] },
  telegram_configs: {
    keys: ['api_url', 'bot_token', 'bot_token_file', 'chat_id', 'message_thread_id', 'message', 'disable_notifications', 'parse_mode'],
    oneOf: [['bot_token', 'bot_token_file']],
  },
  pushover_configs: {
    keys: ['user_key', 'user_key_file', 'token', 'token_file', 'title', 'message', 'url', 'url_title', 'device', 'sound', 'priority', 'retry', 'expire', 'ttl', 'html', 'monospace'],
    oneOf: [['user_key', 'user_key_file'], ['token', 'token_file']],
  },
};

/** Keys every receiver config takes. */
const COMMON_RECEIVER_KEYS = ['send_resolved', 'http_config'];

/** `key` in snake_case, as Alertmanager's configuration spells the key the AlertmanagerConfig resource writes in camelCase. Pure. */
function snakeCase(key: string): string {
  return key.replace(/ID$/, 'Id').replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/**
 * What Alertmanager refuses of the configs of `receiver` (at `at`) for the services of {@link RECEIVER_CONFIGS}: a key
 * it does not have, a value and its file both given or neither, and of Telegram a `chat_id` missing or no whole
 * number (in quotes, `'-1001234567890'`, YAML makes it text) and a `parse_mode` it does not know. Pure.
 */
function receiverConfigProblems(receiver: Record<string, unknown>, at: string): PropProblem[] {
  return Object.entries(RECEIVER_CONFIGS).flatMap(([kind, { keys, oneOf }]) => (Array.isArray(receiver[kind]) ? receiver[kind] as unknown[] : []).flatMap((item, i): PropProblem[] => {
    const config = mapping(item) ?? {};
    const field = `${at}.${kind}[${i}]`;
    const known = [...COMMON_RECEIVER_KEYS, ...keys];
    const refused = 'which Alertmanager refuses with the whole configuration';
    const problems: PropProblem[] = Object.keys(config).filter((key) => !known.includes(key)).map((key) => {
      const meant = [snakeCase(key)].find((k) => known.includes(k)) ?? closestName(key, known);
      return {
        field: `${field}.${key}`, message: `${kind} has no key "${key}", ${refused} (it reads each receiver config strictly)`,
        hint: `${meant === undefined ? '' : `write ${meant}; `}the keys of ${kind} are ${known.join(', ')}`,
      };
    });
    for (const [value, file] of oneOf) {
      if ((config[value] === undefined) === (config[file] === undefined)) {
        const both = config[value] !== undefined;
        problems.push({
          field: `${field}.${both ? value : file}`, message: `${kind} gives ${both ? `both ${value} and ${file}` : `neither ${value} nor ${file}`}, ${refused}`,
          hint: `give ${file} alone: the path of a key of a Secret that alertmanager.alertmanagerSpec.secrets mounts under /etc/alertmanager/secrets/<secret>/<key>`,
        });
      }
    }
    if (kind === 'telegram_configs') {
      problems.push(...telegramProblems(config, field));
    }
    return problems;
  }));
}

/** What Alertmanager refuses of the chat and parse mode of a Telegram config `telegram` (at `field`). Pure. */
function telegramProblems(telegram: Record<string, unknown>, field: string): PropProblem[] {
  const problems: PropProblem[] = [];
  const chat = telegram.chat_id;
  if (!(typeof chat === 'number' && Number.isInteger(chat))) {
    const number = typeof chat === 'string' && /^-?\d+$/.test(chat.trim()) ? chat.trim() : undefined;
    problems.push({
      field: `${field}.chat_id`,
      message: chat === undefined ? 'the Telegram config has no chat_id, which Alertmanager refuses with the whole configuration'
        : `chat_id ${JSON.stringify(chat)} is no whole number, which Alertmanager refuses with the whole configuration (it reads the id as a 64-bit integer)`,
      hint: number === undefined ? "give the chat's numeric id, as Telegram's getUpdates shows it (a group's starts with -100)" : `write it as a number, without quotes: chat_id: ${number}`,
    });
  }
  const mode = telegram.parse_mode;
  if (mode !== undefined && mode !== '' && !(TELEGRAM_PARSE_MODES as readonly unknown[]).includes(mode)) {
    const near = TELEGRAM_PARSE_MODES.find((m) => typeof mode === 'string' && m.toLowerCase() === mode.toLowerCase());
    problems.push({
      field: `${field}.parse_mode`, message: `parse_mode ${JSON.stringify(mode)} is none Alertmanager knows, and it refuses the whole configuration`,
      hint: near === undefined ? `write one of ${TELEGRAM_PARSE_MODES.join(', ')}, spelled so, or leave it out for HTML, the default` : `write parse_mode: '${near}', spelled so`,
    });
  }
  return problems;
}

/** The folders the operator mounts the Secrets and ConfigMaps of `alertmanagerSpec` at, and the list of each. */
const MOUNTED_KINDS = [
  { folder: 'secrets', list: 'secrets', kind: 'Secret' },
  { folder: 'configmaps', list: 'configMaps', kind: 'ConfigMap' },
] as const;

/** The Secrets and ConfigMaps `alertmanagerSpec` mounts into the Alertmanager pod, by the folder each is under. */
function mountedFolders(spec: Record<string, unknown>): ReadonlyMap<string, readonly string[]> {
  return new Map(MOUNTED_KINDS.map(({ folder, list }) => [folder, Array.isArray(spec[list]) ? (spec[list] as unknown[]).filter((n): n is string => typeof n === 'string') : []]));
}

/** A file of a Secret or ConfigMap the operator mounts: `/etc/alertmanager/<secrets|configmaps>/<name>/<key>`. */
const MOUNTED_FILE = /^\/etc\/alertmanager\/(secrets|configmaps)\/([^/]+)\/[^/]+$/;

/**
 * The files a receiver reads its credentials from (`url_file`, `bot_token_file`, `http_config`'s
 * `authorization.credentials_file`, …) under the folder of a Secret or ConfigMap that `alertmanagerSpec` does not
 * mount: Alertmanager takes the configuration, as it reads such a file only to send, and then fails every
 * notification of that receiver ("no such file or directory"). One error per file, at its key. Pure.
 */
function unmountedFileProblems(receiver: Record<string, unknown>, at: string, mounted: ReadonlyMap<string, readonly string[]>): PropProblem[] {
  const problems: PropProblem[] = [];
  const walk = (value: unknown, field: string) => {
    const held = mapping(value);
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, `${field}[${i}]`));
    }
    for (const [key, item] of Object.entries(held ?? {})) {
      const path = typeof item === 'string' && key.endsWith('_file') ? item.trim() : '';
      const file = MOUNTED_FILE.exec(path);
      if (file === null) {
        walk(item, `${field}.${key}`);
        continue;
      }
      const { list, kind } = MOUNTED_KINDS.find((k) => k.folder === file[1])!;
      const names = mounted.get(file[1]) ?? [];
      if (!names.includes(file[2])) {
        problems.push({
          field: `${field}.${key}`,
          message: `${key} reads ${path}, a key of ${kind} ${file[2]}, which alertmanager.alertmanagerSpec.${list} does not mount: Alertmanager takes the configuration but fails every notification of this receiver, as it reads the file only to send`,
          hint: `mount the ${kind}: addValues({ alertmanager: { alertmanagerSpec: { ${list}: [${[...names, file[2]].map((n) => `'${n}'`).join(', ')}] } } }), a ${kind} of the stack's namespace`,
        });
      }
    }
  };
  for (const [key, configs] of Object.entries(receiver)) {
    if (key.endsWith('_configs')) {
      walk(configs, `${at}.${key}`);
    }
  }
  return problems;
}

/** `value` as a mapping of YAML, or undefined. */
function mapping(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : undefined;
}
