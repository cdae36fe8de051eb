import type { ForeignForm, PropRules } from './known-props';
import { envValueText, podSpecEnvSource } from '../app/env-sources';
import { composeVolumeEntry, composeVolumeLine, nodePathFor } from '../app/volumes';
import { traefikLabelsForm } from './traefik-labels';
import { itemsOfText, keyText, listText, quoted } from './text-lists';
import { commandTextWithoutSecrets } from './command-secrets';

/** A prop another tool writes, how to write it here, and the prop of this shape it stands for, if any. */
type Spelling = NonNullable<PropRules['foreign']>[number];

/** A JSON patch of the app's workload at `/spec/template/spec/<at>` (cdk8s' JsonPatch), as a hint writes it: the escape hatch for a field with no prop. */
function patch(at: string): string {
  return `app.workload.addJsonPatch(JsonPatch.add('/spec/template/spec/${at}))`;
}

/** How to give a pod more than 30 seconds to stop, for compose's `stop_grace_period` and a pod spec's `terminationGracePeriodSeconds`. */
export const STOP_GRACE_HINT = `a pod is given 30 seconds to stop after SIGTERM; for longer, patch the workload: ${patch("terminationGracePeriodSeconds', 60")} `
  + "(an App of itzg's Minecraft Java image is given its STOP_DURATION and 10 seconds already)";

/**
 * How to reach a server's console, for compose's `stdin_open` and `tty` and a container spec's `stdin` and `tty`, which an
 * App's containers do not take: commands run through `kubectl exec` (a game server's RCON client), or a patch opens it.
 */
export const CONSOLE_HINT = 'an App\'s container gets no stdin or terminal, so kubectl attach reaches no console: run console commands with kubectl exec '
  + "(itzg's Minecraft images: kubectl exec -n <namespace> deploy/<app> -- rcon-cli <command>), or patch the workload (containers/0 is the main container): "
  + `${patch("containers/0/stdin', true")} and ${patch("containers/0/tty', true")}`;

/**
 * Keys of a docker-compose service that users porting a compose file write on a container (the app's main
 * one, or one of `containers`, `initContainers` and `sidecars`): each refused with what it is here, rather
 * than "did you mean" a name it does not resemble.
 */
export const COMPOSE_CONTAINER_SPELLINGS: readonly Spelling[] = [
  ['user', "compose's user: \"1000:1000\" is runAsUser: 1000, runAsGroup: 1000 here (whole numbers; root is exemptions: { runAsRoot: '…' })"],
  ['environment', "compose's environment is env here, a map of text: env: { TZ: 'Europe/Oslo', PUID: '1000' }; a secret is env: { DB_PASSWORD: SecretReference.external('<namespace>', '<secret>', '<key>') }", 'env'],
  ['env_file', "an env file has no counterpart: write each value in env: { KEY: 'value' }, and each secret of the .env file as a Secret that env reads: env: { DB_PASSWORD: SecretReference.external('<namespace>', '<secret>', 'DB_PASSWORD') }"],
  ['healthcheck', "compose's healthcheck is probes here: probes: { readiness: { command: ['curl', '-f', 'http://localhost:8080/'] } } (its test without CMD; CMD-SHELL is ['sh', '-c', '…']), or probes: { readiness: { httpPath: '/health' } } for an HTTP check"],
  ['entrypoint', "compose's entrypoint is command here, as a list: command: ['/entrypoint.sh'] (compose's command is args)", 'command'],
  ['cap_add', "compose's cap_add is an exemption with its reason here: exemptions: { addCapabilities: { capabilities: ['NET_ADMIN'], reason: '…' } }"],
  ['cap_drop', 'every capability is dropped already; leave cap_drop out'],
  ['privileged', "compose's privileged: true is an exemption with its reason here: exemptions: { privileged: '…' }"],
  ['read_only', "the root filesystem is read-only already (with an emptyDir at /tmp); leave read_only out, or say why it must be writable: exemptions: { writableRootFilesystem: '…' }"],
  ['security_opt', "pods run with RuntimeDefault seccomp and no privilege escalation already; leave security_opt out, and state a departure as an exemption (exemptions: { privilegeEscalation: '…' })"],
  ['expose', "list the port in ports: [{ name: 'http', port: 8080 }]: every port there is served on the app's Service, to the apps its network policy admits", 'ports'],
  ['mem_limit', "compose's mem_limit is resources: { memoryLimit: '512Mi' } here (Kubernetes' units: 512Mi, 1Gi)"],
  ['mem_reservation', "compose's mem_reservation is resources: { memoryRequest: '256Mi' } here (Kubernetes' units: 256Mi, 1Gi)"],
  ['cpus', "compose's cpus: 0.5 is resources: { cpuLimit: '500m' } here (a CPU quantity: 500m is half a core)"],
  ['working_dir', `a container starts in its image's WORKDIR and has no prop for another: change folder in the command (command: ['sh', '-c', 'cd /app && exec ./server']), or patch the workload (containers/0 is the main container): ${patch("containers/0/workingDir', '/app'")}`],
  ['ulimits', "not supported: Kubernetes has no per-container ulimits, a container gets the container runtime's limits (containerd's open-files limit is high already); leave ulimits out"],
  ['stop_grace_period', STOP_GRACE_HINT],
  ['stdin_open', CONSOLE_HINT],
  ['tty', CONSOLE_HINT],
  ['logging', "not supported: a container's log is its output, which the node keeps and rotates and a log collector of the cluster ships; leave logging out"],
];

/** Keys of a docker-compose service that only the app as a whole has a counterpart for (or none). */
const COMPOSE_APP_SPELLINGS: readonly Spelling[] = [
  ['volumes', "compose's volumes are persistence here: a named volume is persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/data' } }, a bind mount AppVolume.hostPath('/srv/app/data') (a full path on the node, with exemptions: { hostPath: '…' })", 'persistence'],
  ['restart', 'Kubernetes restarts a container that exits by itself, as unless-stopped does; leave restart out (a one-off task is controller: AppController.job())'],
  ['depends_on', 'pods start in any order and an app retries until its database answers; leave depends_on out. The link to the database is egress: [db], which also admits this app in its NetworkPolicy; a wait before start is an initContainer'],
  ['links', "apps reach each other by their id, the name of their Service (\"db\"); leave links out and declare the link with egress: [db]"],
  ['network_mode', "compose's network_mode: host is exemptions: { hostNetwork: '…' }; service:<name> is a sidecar, whose containers share the pod's network: sidecars: [{ name: 'gluetun', image: … }]"],
  ['networks', "every app is on the cluster's network and reaches another by its id (its Service's name); who may connect is egress and allowFrom"],
  ['container_name', "the app's id is its name: new HomelabApp(this, 'vaultwarden', …) names its Deployment and its Service, which other apps reach by that name"],
  ['hostname', "the app's id is its name: new HomelabApp(this, 'vaultwarden', …) names its Service, which other apps reach by that name"],
  ['shm_size', "compose's shm_size is a memory-backed volume at /dev/shm here: persistence: { shm: { volume: AppVolume.emptyDir({ memory: true, sizeLimit: '256Mi' }), mountPath: '/dev/shm' } }"],
  ['tmpfs', "compose's tmpfs is a memory-backed volume here: persistence: { run: { volume: AppVolume.emptyDir({ memory: true }), mountPath: '/run' } }"],
  ['extra_hosts', 'an app has no extra hosts: it reaches another app by its id (its Service), a host of the inventory by its address; host.docker.internal is the node, which an app on exemptions.hostNetwork reaches as localhost'],
  ['secrets', "compose's secrets are a Secret mounted as files here: persistence: { secrets: { volume: AppVolume.secret('<secret>'), mountPath: '/run/secrets', readOnly: true } }, or env from a SecretReference"],
  ['configs', "compose's configs are a ConfigMap mounted as files here: persistence: { config: { volume: AppVolume.configMap('<configmap>'), mountPath: '/etc/app', readOnly: true } }"],
  ...(['dns', 'dns_search', 'dns_opt'] as const).map((prop) => [prop, `not supported: an app resolves names through the cluster's DNS, which answers the apps' names and forwards the rest to the nodes' resolvers; leave ${prop} out`] as const),
  ['deploy', "compose's deploy is replicas, resources and placement: { host } here: deploy.resources' limits and reservations are "
    + "resources: { cpuLimit: '0.5', memoryLimit: '512Mi', cpuRequest: '0.25', memoryRequest: '128Mi' } (docker's 512M is 512Mi)"],
];

/** The compose keys a container takes, at each place containers are given: the main container's props and each list. */
const CONTAINER_PLACES = ['', 'containers.*.', 'initContainers.*.', 'sidecars.*.'] as const;

/** Compose's volumes on a further container, which mounts the app's volumes rather than declaring its own. */
export const CONTAINER_VOLUMES_SPELLING: Spelling = ['volumes', "a container mounts volumes of the app: mounts: [{ volume: 'data', mountPath: '/data' }], the volume given in the app's persistence", 'mounts'];

/**
 * Compose's keys of a service that, on a further container of the pod (a VPN sidecar ported from its own service),
 * belong to the app: its devices go to the container by name, and the pod's containers share one network already.
 */
const FURTHER_CONTAINER_SPELLINGS: readonly Spelling[] = [
  CONTAINER_VOLUMES_SPELLING,
  ['devices', "a device is the app's, handed to the containers it names: devices: [AppDevice.hostDevice('/dev/net/tun', { containers: ['<container>'] })] on the app's props"],
  ['network_mode', "the containers of a pod share its network, as compose's network_mode: service:<name> shares the VPN's; leave network_mode out"],
  ['restart', 'Kubernetes restarts a container of the pod that exits by itself, as unless-stopped does; leave restart out'],
  ['depends_on', 'a sidecar starts before the app\'s main container, and an init container runs to its end before it; leave depends_on out'],
];

/** Compose keys on an App's props and on the containers it is given, each with how to write it here. */
export const COMPOSE_APP_FOREIGN_PROPS: readonly Spelling[] = [
  ...CONTAINER_PLACES.flatMap((at) => COMPOSE_CONTAINER_SPELLINGS.map(([prop, hint, standsFor]) => [`${at}${prop}`, hint, standsFor] as const)),
  ...COMPOSE_APP_SPELLINGS,
  ...CONTAINER_PLACES.slice(1).flatMap((at) => FURTHER_CONTAINER_SPELLINGS.map(([prop, hint, standsFor]) => [`${at}${prop}`, hint, standsFor] as const)),
];

/** Compose's port mapping, `"8080:80"`, `"127.0.0.1:8080:80/udp"` or `"80"`: the container's port is the last number. */
const COMPOSE_PORT = /^(?:\d+(?:\.\d+){3}:)?(?:(\d+)(?:-\d+)?:)?(\d+)(?:-\d+)?(?:\/(tcp|udp))?$/i;

/** Names of the ports compose files publish most, by number, for a hint that writes one; others are http, or udp. */
const KNOWN_PORT_NAMES: Readonly<Record<string, string>> = {
  22: 'ssh', 53: 'dns', 443: 'https', 1883: 'mqtt', 3306: 'mysql', 5432: 'postgres', 6379: 'redis', 8443: 'https',
};

/** The name a hint gives compose's port `port` (its number as written), by its number and protocol. Pure. */
function composePortName(port: unknown, udp: boolean): string {
  return KNOWN_PORT_NAMES[String(port)] ?? (udp ? 'udp' : 'http');
}

/** How clients reach compose's published port here, as a hint ends: a route for HTTP, else a load balancer keeping its number. Pure. */
function publishedPortText(published: string, target: string, name: string): string {
  const loadBalancer = `loadBalancer: { address: site.pools.<pool>.at('…'), ports: ['${name}'] }${published !== target ? ` with servicePort: ${published} on the port` : ''}`;
  return name === 'http' || name === 'https' ? `route: { host: '<name>' } for HTTP, or ${loadBalancer}` : loadBalancer;
}

/** A list of compose's `KEY=value` environment entries. */
function isEnvironmentList(value: unknown): value is string[] {
  return Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string' && /^[A-Za-z_][A-Za-z0-9_.-]*=/.test(v));
}

/** The keys of an entry of a container spec's `env` list. */
const NAMED_VALUE_KEYS: ReadonlySet<string> = new Set(['name', 'value', 'valueFrom']);

/** Kubernetes' list of `{ name, value }` entries, as a container spec writes env. */
function isNamedValueList(value: unknown): value is Array<{ name: string; value?: unknown }> {
  return Array.isArray(value) && value.length > 0
    && value.every((v) => v !== null && typeof v === 'object' && typeof (v as { name?: unknown }).name === 'string'
      // Only a list of variables: a list of one object that has a name among other keys (a claim's) is no map of values.
      && Object.keys(v).every((key) => NAMED_VALUE_KEYS.has(key)));
}

/** Entries of a map as a hint writes them, the first three and an ellipsis for the rest. Pure. */
function mapText(entries: ReadonlyArray<readonly [key: string, value: string]>): string {
  return `{ ${entries.slice(0, 3).map(([key, value]) => `${keyText(key)}: ${value}`).join(', ')}${entries.length > 3 ? ', …' : ''} }`;
}

/** A persistence entry's name for compose's volume line, from its container path (`/config` → config). Pure. */
function entryName(mountPath: string): string {
  return mountPath.split('/').filter((part) => part !== '').pop()?.toLowerCase().replace(/[^a-z0-9-]/g, '-') || 'data';
}

/** A string as a list of its words, as a TypeScript literal; through `sh -c` when it uses the shell. */
function asArgumentList(text: string): string {
  if (/[|&;<>()$`"'*?~]/.test(text)) {
    return `['sh', '-c', ${quoted(text)}]`;
  }
  return listText(itemsOfText(text));
}

/**
 * How to write here a value in compose's form where the prop at `path` takes `expected` (a leaf type, or
 * `'object'`), or undefined when `value` is in no form compose writes. Pure.
 */
export function composeValueHint(value: unknown, expected: string, path: string): string | undefined {
  if (typeof value === 'string') {
    const user = /^\s*(\d+):(\d+)\s*$/.exec(value);
    const port = COMPOSE_PORT.exec(value.trim());
    if (expected === 'posixId' && user) {
      return `compose's user "${value}" is two props here: runAsUser: ${user[1]}, runAsGroup: ${user[2]}`;
    }
    if (expected === 'posixId' && /^\s*\d+\s*$/.test(value)) {
      return `write the id as a number: ${value.trim()}`;
    }
    const withoutSecrets = expected === 'strings' ? commandTextWithoutSecrets(value) : undefined;
    if (withoutSecrets !== undefined) {
      // The words would repeat the secret in the hint: the hint shows where a reference goes instead.
      const words = /[|&;<>`"'*?~]/.test(value) ? `['sh', '-c', ${quoted(withoutSecrets)}]` : listText(itemsOfText(withoutSecrets));
      return `write it as a list of words, each secret read from a Secret through the environment: ${words}, with env: { NAME: <SecretReference> }`;
    }
    if (expected === 'strings' && value.trim() !== '') {
      return `write it as a list of words: ${asArgumentList(value)}`;
    }
    const range = /^\s*(\d+)\s*-\s*(\d+)\b/.exec(value);
    if ((expected === 'port' || (expected === 'object' && /ports\[\d+\]$/.test(path))) && range && Number(range[2]) > Number(range[1])) {
      return `a port is one number, and "${value}" is a range of ${Number(range[2]) - Number(range[1]) + 1}: `
        + "an app whose process takes ports from a range (a TURN relay, an RTP media range) runs on the host's network, exemptions: { hostNetwork: '<why>' }, "
        + "with its range made as narrow as its clients need and given to the process itself (coturn's --min-port and --max-port); declare here only the ports clients dial first, such as { name: 'turn', port: 3478, protocol: 'UDP' }";
    }
    const udp = port?.[3]?.toLowerCase() === 'udp';
    const portName = composePortName(port?.[2], udp);
    const portProps = `port: ${port?.[2]}${udp ? ", protocol: 'UDP'" : ''}`;
    const portObject = `{ name: '${portName}', ${portProps} }`;
    if ((expected === 'port' || (expected === 'object' && /ports\[\d+\]$/.test(path))) && port && value.includes(':')) {
      // Where the entry is an object already, its name is the user's own: only the number and protocol change.
      const written = expected === 'port' ? `${portProps}, beside its name` : portObject;
      return `compose's "${value}" publishes a port of the host; here the container's port is ${written}, and clients reach it through `
        + (port[1] === undefined ? 'route: { host }, a loadBalancer or a nodePort' : publishedPortText(port[1], port[2], expected === 'port' ? '<its name>' : portName));
    }
    if (expected === 'port' && /^\s*\d+\s*$/.test(value)) {
      return `write the port as a number, without quotes: ${value.trim()}`;
    }
    // Docker's "8080/tcp" and "53/udp": here the number and its protocol are two props of an app's port (a
    // prop that takes no protocol is left to the general hint for UDP, which it cannot serve).
    const appPort = /^ports\[\d+\]\.port$/.test(path);
    if (expected === 'port' && port?.[3] !== undefined && (appPort || port[3].toLowerCase() === 'tcp')) {
      return udp
        ? `write the number alone, and the protocol beside it: port: ${port[2]}, protocol: 'UDP'`
        : `write the number alone, without quotes: ${path.split('.').pop()}: ${port[2]} (TCP is the default protocol)`;
    }
    if (expected === 'object' && /ports\[\d+\]$/.test(path) && port) {
      return `write the port as an object with its name: ${portObject}`;
    }
    if (expected === 'object' && /^persistence\.[^.]+(\.volume)?$/.test(path) && composeVolumeLine(value)) {
      return `compose's volume "${value}" is an entry of persistence here: ${path.endsWith('.volume') ? path.split('.')[1] : path.split('.').pop()}: ${composeVolumeEntry(value)}`;
    }
    if (expected === 'object' && /^persistence\.[^.]+\.volume$/.test(path) && /^(\/|\.{1,2}\/|~\/)/.test(value.trim())) {
      // Compose's bind mount of `./data` is relative to the compose file, which no node has: the hint names a full path.
      const folder = value.trim().startsWith('/') ? value.trim() : nodePathFor(value.trim());
      return `a folder of the node is volume: AppVolume.hostPath('${folder}') with exemptions: { hostPath: '…' }; data the app keeps is better on a claim: AppVolume.claim({ tier: 'fast', size: '10Gi' })`;
    }
    if (expected === 'object' && /^persistence\.[^.]+\.volume$/.test(path) && /^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(value.trim())) {
      return `compose's named volume "${value.trim()}" is a claim here, which the app makes: volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }) (a claim made outside the repository is AppVolume.existingClaim('${value.trim()}'))`;
    }
  }
  if (expected === 'object' && /ports\[\d+\]$/.test(path) && typeof value === 'number' && Number.isInteger(value)) {
    return `write the port as an object with its name: { name: 'http', port: ${value} }`;
  }
  if (expected === 'object' && path === 'persistence' && Array.isArray(value) && value.length > 0 && value.every((line) => composeVolumeLine(line))) {
    return `compose's list of volumes is a map of named entries here: persistence: ${mapText(value.map((line) => [entryName(composeVolumeLine(line)!.mountPath), composeVolumeEntry(line)!.replace(/, with exemptions[^]*$/, '')]))}${value.some((line) => /^[/.~]/.test(composeVolumeLine(line)!.source)) ? ", with exemptions: { hostPath: '…' } for the host paths" : ''}`;
  }
  if (expected === 'object' && isEnvironmentList(value)) {
    const pairs = value.map((entry) => {
      const [key, ...rest] = entry.split('=');
      return [key, rest.join('=')] as const;
    });
    // Labels of a tool that reads Docker's are answered with what stands for them, not as a map that is refused next.
    const dockerLabels = /(^|\.)labels$/.test(path) ? traefikLabelsForm(Object.fromEntries(pairs)) : undefined;
    if (dockerLabels !== undefined) {
      return `written as a map they would still be refused: ${dockerLabels.message}; ${dockerLabels.hint}`;
    }
    const entries = pairs.map(([key, text]) => [key, envValueText(key, text)] as const);
    return `compose's list of KEY=value is a map here: ${mapText(entries)}`;
  }
  if (expected === 'object' && isNamedValueList(value)) {
    return `Kubernetes' list of { name, value } is a map here: ${mapText(value.map((entry) => [entry.name, typeof entry.value === 'string' ? envValueText(entry.name, entry.value) : podSpecEnvSource(entry) ?? '…']))}`;
  }
  if (expected === 'object' && /(^|\.)env$/.test(path) && Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string' && /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(v))) {
    return `compose's ${value[0]} without a value passes the shell's value through; here each value is written, in a map: env: ${mapText(value.map((name) => [name, "'…'"]))}`;
  }
  return undefined;
}

/** Keys of compose's long port syntax. */
const COMPOSE_LONG_PORT_KEYS = ['target', 'published', 'host_ip', 'protocol', 'mode', 'name', 'app_protocol'];

/**
 * A port written in compose's long syntax (`{ target: 80, published: 8080, protocol: 'tcp', mode: 'host' }`),
 * as one error whose hint writes the container's port here, and how the published port is reached: a route
 * or a load balancer, no port of the host (`mode: host` is the host's network). Pure.
 */
export function composeLongPortForm(port: Readonly<Record<string, unknown>>): ForeignForm | undefined {
  if (port.target === undefined || port.port !== undefined) {
    return undefined;
  }
  const udp = typeof port.protocol === 'string' && port.protocol.toLowerCase() === 'udp';
  const name = typeof port.name === 'string' ? port.name : composePortName(port.target, udp);
  const written = `{ name: ${quoted(name)}, port: ${String(port.target)}${udp ? ", protocol: 'UDP'" : ''} }`;
  const published = port.published === undefined ? ''
    : `; compose's published ${String(port.published)} is how clients reach it: ${publishedPortText(String(port.published), String(port.target), name)}`;
  const host = port.mode === 'host' ? "; mode: host (the node's own port) is exemptions: { hostNetwork: '…' } here" : '';
  return {
    message: "the port is written in compose's long form (target, published), which is not read here; it would be ignored",
    hint: `write the container's port with its name: ${written}${published}${host}`,
    keys: Object.keys(port).filter((key) => COMPOSE_LONG_PORT_KEYS.includes(key)),
  };
}
