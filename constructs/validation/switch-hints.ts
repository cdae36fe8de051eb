import { namedFactoryCall } from './choice-names';
import { DNS1123_LABEL, DNS1123_SUBDOMAIN, nameMeant } from './dns-names';
import { goDurationMilliseconds, goDurationText, spokenDurationMilliseconds } from './go-duration';
import { keyText } from './text-lists';

/**
 * Hints for options written as switches or numbers where the library takes words. An exemption takes the
 * reason it is needed, which the output records as an annotation: `privileged: true` or `hostNetwork: true`
 * (a chart's or compose's switch) says nothing a reviewer could read, so the hint shows the prop written
 * with a reason as text. A load balancer takes its options and names the app's ports.
 */

/** A reason for each prop that takes one, by the prop's name, to show how one reads. */
const EXAMPLE_REASONS: Readonly<Record<string, string>> = {
  runAsRoot: 'its entrypoint starts as root, then switches to its own user',
  writableRootFilesystem: 'its init writes its service tree under /run',
  writableRoot: 'its init writes its service tree under /run',
  hostNetwork: 'DHCP discovery needs the host network',
  hostPath: 'reads the logs of its node under /var/log',
  hostPid: 'lists the processes of its node',
  nfsVolume: 'the media library lives on the NAS',
  privileged: 'opens USB devices plugged in after it starts',
  privilegeEscalation: 'its entrypoint calls sudo for one setup command',
  unconfined: 'rootless BuildKit makes its own mount namespaces',
  nodePort: 'the router forwards a fixed port to it',
  networkPolicy: 'every pod of the cluster sends it metrics',
  floatingImage: 'upstream publishes only a latest tag',
  unverifiedBackendTls: 'the app signs its own certificate',
  reason: 'serves DNS on port 53',
};

/**
 * The last prop name of a field path (`hostNetwork` of `sidecars[0].exemptions.hostNetwork`), or the map key
 * `key` as a hint writes it where the path ends in one (`'net.ipv4.ip_forward'`, whose dots the path splits).
 */
function propName(path: string, key?: string): string {
  return key !== undefined ? keyText(key) : path.slice(path.lastIndexOf('.') + 1);
}

/**
 * How to write the reason a prop at `path` takes, given `value` (a boolean, a number, empty text): the prop
 * with an example reason as text; for `false`, leaving the prop out, which is how an exemption is off. Pure.
 */
export function reasonHint(value: unknown, path: string): string {
  const prop = propName(path);
  if (value === false && prop !== 'reason') {
    return `leave ${path} out: an exemption is off unless it is given a reason`;
  }
  const example = EXAMPLE_REASONS[prop] ?? 'why it is needed';
  return `write the reason as text, which the output records: ${prop}: '${example}'`;
}

/**
 * How to write `exemptions.addCapabilities` given as a bare list of capabilities (`['NET_ADMIN']`, as a
 * container spec's `capabilities.add`) or as one capability (`'NET_ADMIN'`, a capability read as the reason
 * otherwise): an object with the list and its reason. Undefined for other values. Pure.
 */
export function addCapabilitiesHint(value: unknown, path: string): string | undefined {
  const given = typeof value === 'string' ? capabilitiesIn(value) : value;
  if (propName(path) !== 'addCapabilities' || !Array.isArray(given)) {
    return undefined;
  }
  const listed = given.filter((cap): cap is string => typeof cap === 'string').map((cap) => `'${cap}'`).join(', ');
  return `give the capabilities with the reason they are needed: addCapabilities: { capabilities: [${listed || "'NET_ADMIN'"}], reason: '…' }`;
}

/**
 * The capabilities `text` names, as compose's `cap_add` or a man page writes them (`NET_ADMIN`, `CAP_SYS_TIME`,
 * `net_raw`, several split by commas or blanks); undefined for text that reads as a sentence, a reason. Pure.
 */
function capabilitiesIn(text: string): string[] | undefined {
  const words = text.split(/[\s,]+/).filter((word) => word !== '');
  return words.length > 0 && words.every((word) => /^[A-Z][A-Z0-9_]*$/.test(word) || /^[a-z]+(?:_[a-z0-9]+)+$/.test(word)) ? words : undefined;
}

/**
 * How to write an app's `loadBalancer` given as a switch (`true`), or its `ports` given as numbers (`[53]`):
 * the options it takes, and the ports by the names the app gives them. Undefined for other values. Pure.
 */
export function loadBalancerHint(value: unknown, path: string): string | undefined {
  if (path === 'loadBalancer' && value === false) {
    return 'leave loadBalancer out: the app then gets no load balancer';
  }
  if (path === 'loadBalancer' && value === true) {
    return "give the load balancer's options: loadBalancer: { address: site.pools.<pool>.at('…'), ports: ['<port name>'] } (every port of the app when ports is left out)";
  }
  if (path === 'loadBalancer.ports' && Array.isArray(value) && value.some((port) => typeof port === 'number')) {
    return "name the app's ports to expose, as ports[].name names them: ports: ['dns-tcp', 'dns-udp'] for a port 53 given as { name: 'dns-tcp', port: 53 } and { name: 'dns-udp', port: 53, protocol: 'UDP' }";
  }
  return undefined;
}

/** The hint for `value`, of the wrong type where `expected` belongs at `path`, when it is one of the switches above. Pure. */
export function switchHint(value: unknown, expected: string, path: string, key?: string): string | undefined {
  if (expected === 'reason') {
    return reasonHint(value, path);
  }
  return addCapabilitiesHint(value, path) ?? loadBalancerHint(value, path) ?? textHint(value, expected, path, key) ?? numberHint(value, expected, path, key) ?? booleanHint(value, expected, path, key)
    ?? durationHint(value, expected, path, key) ?? nameHint(value, expected, path, key) ?? uncalledHint(value, expected, path);
}

/** The leaves that take a number. */
const NUMBER_LEAVES: ReadonlySet<string> = new Set(['number', 'integer', 'count', 'amount']);

/**
 * How to write a number prop given text: a number in quotes without them (`'300'` is 300), and a duration
 * (`'1h'`, as Go and compose write them) where the prop counts seconds (`interval`, `…Seconds`) as that
 * many seconds. Undefined for other values. Pure.
 */
export function numberHint(value: unknown, expected: string, path: string, key?: string): string | undefined {
  if (!NUMBER_LEAVES.has(expected) || typeof value !== 'string') {
    return undefined;
  }
  const prop = propName(path, key);
  if (/^\s*-?\d+(\.\d+)?\s*$/.test(value)) {
    return `write it as a number, without quotes: ${prop}: ${value.trim()}`;
  }
  const milliseconds = /(seconds|interval)$/i.test(prop) ? goDurationMilliseconds(value.trim()) : undefined;
  return milliseconds === undefined ? undefined : `${prop} is a number of seconds: write ${prop}: ${Math.max(1, Math.round(milliseconds / 1000))} for ${value.trim()}`;
}

/**
 * How to write a switch given as text (`'false'`, as an environment variable of the machine that runs synth
 * reads): the switch without quotes, since any text but '' is true where JavaScript tests it. Undefined for
 * other values. Pure.
 */
function booleanHint(value: unknown, expected: string, path: string, key?: string): string | undefined {
  const word = expected === 'boolean' && typeof value === 'string' ? value.trim().toLowerCase() : undefined;
  const meant = word === undefined ? undefined : ['true', 'yes', 'on', '1'].includes(word) ? true : ['false', 'no', 'off', '0', ''].includes(word) ? false : undefined;
  return meant === undefined ? undefined
    : `write it as a switch, without quotes: ${propName(path, key)}: ${meant}; text from an environment variable becomes one by comparing it, e.g. process.env.X === 'true'`;
}

/** From this number on, memory written as a bare number is megabytes (4096), below it gigabytes (4, 16). */
const MEGABYTES_FROM = 256;

/**
 * How to write a text prop given a number or a switch (`keepAlive: 300`, an app.ini setting `true`): the
 * same in quotes; a size (`cacheSizeLimit: 50`, a VM's `memory: 4`) also needs its unit, as a bare number would be bytes,
 * and so does an interval or timeout (`interval: 30`), counted in seconds. Undefined for other values. Pure.
 */
export function textHint(value: unknown, expected: string, path: string, key?: string): string | undefined {
  if (expected !== 'string' || (typeof value !== 'number' && typeof value !== 'boolean')) {
    return undefined;
  }
  const prop = propName(path, key);
  // NaN and Infinity come of arithmetic on what was no number (parseInt of an unset variable, a division by zero):
  // no text stands for them.
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return `${prop} was computed from something that is no number (NaN, Infinity: parseInt of an unset variable, a division by zero); write the value itself as text, e.g. ${prop}: '${/size|capacity|memory|storage/i.test(prop) ? '500Gi' : 'value'}'`;
  }
  // A cron schedule given the hour it should run at (`schedule: 3`).
  if (typeof value === 'number' && prop === 'schedule') {
    return `a schedule is text of five cron fields (minute hour day-of-month month day-of-week): schedule: '0 ${Number.isInteger(value) && value >= 0 && value <= 23 ? value : 3} * * *' runs daily at ${Number.isInteger(value) && value >= 0 && value <= 23 ? value : 3}:00`;
  }
  if (typeof value === 'number' && /size$/i.test(prop)) {
    return `write the size as text with its unit, e.g. ${prop}: '${value}Gi'`;
  }
  // A VM's or a server's memory as its settings page shows it is a size too: gigabytes (`memory: 4`), or
  // megabytes as a hypervisor's form writes them (`memory: 4096`); so is an emptyDir's limit, as compose's
  // `shm_size: 512` (megabytes) is carried over to a memory-backed one at /dev/shm.
  if (typeof value === 'number' && value > 0 && /(memory(request|limit)?|sizelimit)$/i.test(prop)) {
    return `write the size as text with its unit, e.g. ${prop}: '${value}${value >= MEGABYTES_FROM ? 'Mi' : 'Gi'}'`;
  }
  // A scrape interval, a health check's interval or timeout, as compose and Kubernetes' `…Seconds` count them:
  // seconds, which the text takes with its unit (the number in quotes alone is refused as no duration).
  if (typeof value === 'number' && Number.isInteger(value) && value > 0 && /(interval|timeout)$/i.test(prop)) {
    return `a duration is text with its unit: for ${value} seconds write ${prop}: '${goDurationText(value * 1000)}'`;
  }
  // A retention as a settings page asks for one (`retention: 30`) counts days; in quotes alone it is still no duration.
  if (typeof value === 'number' && Number.isInteger(value) && value > 0 && /retention$/i.test(prop)) {
    return `a retention is a duration with its unit: for ${value} days write ${prop}: '${value}d'`;
  }
  // A number keeps no trailing zero: `10.10` arrives as 10.1, a version the user did not write.
  return typeof value === 'number' && !Number.isInteger(value)
    ? `write it as text, in quotes, digit for digit as you meant it: ${prop}: '${value}' (as a number it lost any trailing zero: 10.10 reads 10.1)`
    : `write it as text, in quotes: ${prop}: '${value}'`;
}

/**
 * How to write a duration prop (Flux's `interval`, `timeout`) given in another form: a bare number, which has
 * no unit (read as seconds, as Kubernetes' `…Seconds` fields count), or text as people and other tools write
 * it (`10 minutes`, `10min`, `1h30`, `PT5M`), as the Go duration it means. Undefined for other values. Pure.
 */
export function durationHint(value: unknown, expected: string, path: string, key?: string): string | undefined {
  if (expected !== 'duration') {
    return undefined;
  }
  const prop = propName(path, key);
  const seconds = typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value;
  if (typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0) {
    return `a duration is text with its unit, as Go writes it: for ${seconds} seconds write ${prop}: '${goDurationText(Math.round(seconds * 1000))}'`;
  }
  const milliseconds = typeof value === 'string' ? spokenDurationMilliseconds(value) : undefined;
  return milliseconds === undefined || milliseconds <= 0 ? undefined
    : `write it as Go writes durations (units ms, s, m, h, no blanks): ${prop}: '${goDurationText(milliseconds)}'`;
}

/** The naming rule of each leaf that takes a Kubernetes name. */
const NAME_LEAVES: Readonly<Record<string, typeof DNS1123_LABEL>> = { objectName: DNS1123_SUBDOMAIN, namespace: DNS1123_LABEL, containerName: DNS1123_LABEL };

/**
 * How to write a name prop given text the API server refuses (`My_Lab`, `Argo CD`): the name it most likely
 * means. Undefined for other values, or when no such name reads from it. Pure.
 */
export function nameHint(value: unknown, expected: string, path: string, key?: string): string | undefined {
  const rule = NAME_LEAVES[expected];
  const meant = rule !== undefined && typeof value === 'string' ? nameMeant(value, rule) : undefined;
  return meant === undefined ? undefined : `write it as ${propName(path, key)}: '${meant}'`;
}

/**
 * How to write an object prop given the function that makes it, not called (`gitops: flux`, as a plugin list
 * of other tools names one): the call, with its class and required options where the choice's factory has them
 * (`controller: AppController.cronJob({ schedule: … })`). Undefined for other values. Pure.
 */
export function uncalledHint(value: unknown, expected: string, path: string): string | undefined {
  if (expected !== 'object' || typeof value !== 'function' || value.name === '') {
    return undefined;
  }
  return `call the function for the object it returns: ${namedFactoryCall(path, value.name) ?? `${propName(path)}: ${value.name}()`}`;
}
