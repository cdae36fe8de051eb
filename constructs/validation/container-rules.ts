import { posix } from 'path';
import { describeValue } from '../inventory/problems';
import type { SynthesizedCluster } from '../synth/collect';
import { capabilityProblem } from './capabilities';
import { DNS1123_LABEL, DNS1123_SUBDOMAIN, IANA_SERVICE_NAME, nameProblem } from './dns-names';
import { hostHeaderAsUrl, rootPathHint } from './http-syntax';
import type { Finding } from './finding';
import { AddFinding, checkNotNegative, fields, Fields, forEachRepeatedKey, list, objectAdder, text } from './manifest';
import { exclusiveResourceProblems, isOvercommittable } from './exclusive-resources';
import { gatedFieldFinding, RECURSIVE_READ_ONLY } from './gated-fields';
import { checkPodHostPorts } from './host-port-rules';
import { checkFieldRef, checkPodFields, localPathProblem } from './pod-rules';
import { checkRetiredPodKeys } from './retired-pod-keys';
import { containersOf, PodTemplate, podTemplates } from './pod-spec';
import { declaredExemptions } from './pod-security';
import { absoluteMountPathMeant } from '../app/mount-paths';
import { EXEMPTION_ANNOTATION_KEYS } from '../app/security';
import { quantityValue } from './quantity';
import { isIpAddress } from './schema/formats';
import { checkResourceFieldRef } from './resource-field-refs';
import { reportedNfsSources } from './reported-nfs-exports';
import { checkMountPropagation, checkPrivilegeEscalation, checkSecurityContextIds } from './security-context-rules';
import { dataKeyProblem, ENV_VAR_NAME_HINT, imageReferenceProblem, isEnvVarName } from './syntax';
import { httpProbeOfDatabase } from '../app/database-data';
import { plainHttpToTlsPort, tlsOnlyPort } from '../app/tls-only-ports';
import { IMAGE_REFERENCE_HINT, imageReferenceHint } from './image-reference-forms';

const layer = 'schema' as const;
const PROBES = ['readinessProbe', 'livenessProbe', 'startupProbe'] as const;
const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;

/**
 * What the API server and the kubelet reject in a pod template although the schema allows it: ports outside
 * 1–65535 or given twice, huge pages without cpu or memory, volume names that are no RFC 1123 label, probes with no or several handlers or on
 * a port the container lacks, requests above limits (huge pages and extended resources: a request other than
 * the limit, huge pages that are not whole pages, or a fraction of a device), relative or repeated mount
 * paths, mounts of volumes the pod lacks, env names the API server refuses, `envFrom` entries that read no
 * object or two, header names of HTTP probes and hooks that are no HTTP header names, Secret and ConfigMap
 * names and keys the pod reads that the API server refuses, image references outside the distribution
 * grammar, probe counts and durations below zero or settings the probe kind does not take, probes and
 * lifecycle hooks on init containers that are no sidecars, user and group ids outside 0–2147483647,
 * capabilities that are no Linux capability or not written as the runtime takes them, privileged containers
 * that may not escalate privileges, lifecycle hooks with no or several handlers, an empty command, a port
 * that is none or a sleep outside one second to the pod's grace period, recursively read-only mounts that are
 * not read-only or propagate, sub-paths (and sub-path expressions) that leave their volume, block devices that are no claim's
 * volume, are mounted too, share a device path or climb with `..`, the pod's own fields (see `checkPodFields`) and
 * the keys of old posts a current cluster ignores (see `checkRetiredPodKeys`).
 */
export function checkContainerRules(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  const reportedNfs = reportedNfsSources(cluster.chart.site);
  for (let n = 0, templates = podTemplates(cluster.objects); n < templates.length; n++) {
    const template = templates[n];
    const add = objectAdder(template.object, layer, findings);
    const volumes = new Set<string>();
    // Volumes of a claim, which alone can be attached as block devices.
    const claimVolumes = new Set<string>();
    // A StatefulSet's claim templates are volumes of its pods too.
    for (const claim of template.object.manifest.kind === 'StatefulSet' ? list(fields(template.object.manifest.spec).volumeClaimTemplates) : []) {
      const name = text(fields(claim.metadata).name);
      if (name !== undefined) {
        volumes.add(name);
        claimVolumes.add(name);
      }
    }
    list(template.spec.volumes).forEach((volume, i) => {
      const name = text(volume.name);
      if (name !== undefined && volumes.has(name)) {
        add(`${template.specPath}.volumes[${i}].name`, `volume name "${name}" is used twice in the pod`, 'give every volume of the pod its own name');
      }
      const nameInvalid = name !== undefined ? nameProblem(name, DNS1123_LABEL) : undefined;
      if (nameInvalid) {
        add(`${template.specPath}.volumes[${i}].name`, `volume name ${nameInvalid}`, "name volumes with lower-case letters, digits and '-' (e.g. data, media-cache)");
      }
      if (name !== undefined) {
        volumes.add(name);
        if (volume.persistentVolumeClaim !== undefined || volume.ephemeral !== undefined) {
          claimVolumes.add(name);
        }
      }
      const mounted = mountedObject(volume);
      if (mounted) {
        checkObjectName(mounted.name, mounted.kind, `${template.specPath}.volumes[${i}].${mounted.field}`, add);
      }
    });
    checkPodFields(template, add, reportedNfs);
    checkRetiredPodKeys(template, add);
    if (template.spec.overhead !== undefined) {
      checkPodOverhead(template, add);
    }
    checkPodHostPorts(template, add);
    // Containers and init containers share one name space; most pods have one container and need no map.
    const containerRefs = containersOf(template);
    checkSecurityContextIds(template, containerRefs, add);
    const privilegedDeclared = (declaredExemptions(template).get(EXEMPTION_ANNOTATION_KEYS.privileged) ?? '').trim() !== '';
    const containerNames = containerRefs.length > 1 ? new Map<string, string>() : undefined;
    for (let c = 0; c < containerRefs.length; c++) {
      const { container, path, init } = containerRefs[c];
      const name = text(container.name);
      if (name !== undefined && containerNames !== undefined) {
        const first = containerNames.get(name);
        if (first !== undefined) {
          add(`${path}.name`, `container name "${name}" is used by ${first} already`, 'give every container of the pod, init containers included, its own name');
        } else {
          containerNames.set(name, path.slice(template.specPath.length + 1));
        }
      }
      if (!init && container.restartPolicy !== undefined) {
        add(`${path}.restartPolicy`, 'a container of the pod takes no restartPolicy; only an init container does (Always makes it a native sidecar)',
          'drop restartPolicy (the pod\'s restartPolicy applies), or move the container to initContainers with restartPolicy: Always to run it as a sidecar');
      }
      checkPorts(container, path, add);
      checkProgram(container.command, `${path}.command`, add);
      checkProbes(container, path, init && container.restartPolicy !== 'Always', add);
      checkResources(container, path, add);
      checkCapabilities(container, path, add);
      checkPrivilegeEscalation(container, path, privilegedDeclared, template.labels, add);
      checkMountPropagation(container, path, add);
      checkMounts(container, path, volumes, add);
      if (container.volumeDevices !== undefined) {
        checkDevices(container, path, claimVolumes, add);
      }
      checkEnv(container, path, template, add);
      if (container.lifecycle !== undefined && init && container.restartPolicy !== 'Always') {
        add(`${path}.lifecycle`, 'an init container takes no lifecycle hooks: it runs to completion before the other containers start',
          'drop the hooks (run their command in the init container itself), or make the init container a sidecar with restartPolicy: Always');
      } else if (container.lifecycle !== undefined) {
        checkLifecycle(fields(container.lifecycle), `${path}.lifecycle`, template.spec.terminationGracePeriodSeconds, add);
      }
      const image = container.image;
      if (typeof image === 'string') {
        const problem = imageReferenceProblem(image);
        if (problem) {
          add(`${path}.image`, problem, imageReferenceHint(image) ?? IMAGE_REFERENCE_HINT);
        }
      }
    }
  }
  return findings;
}

/**
 * A command whose program, its first word, is empty or has spaces, tabs or line breaks around it: the API
 * server takes it, and the runtime finds no program of that name, so the container or probe fails at every
 * start. A space inside a name (`/opt/my app/run`) is part of it.
 */
function checkProgram(command: unknown, field: string, add: AddFinding): void {
  const program = Array.isArray(command) ? command[0] : undefined;
  if (typeof program !== 'string' || (program !== '' && program.trim() === program)) {
    return;
  }
  const meant = program.trim();
  add(field, meant === '' ? `the command's program, its first word, is ${describeValue(program)}: the runtime finds no program of that name`
    : `the command's program ${describeValue(program)} has spaces, tabs or line breaks around it: the runtime finds no program of that name`,
  meant === '' ? 'name the program first, then its arguments, e.g. ["/app/run", "--port", "8080"], or leave command out for the image\'s own'
    : `write the program alone: ${JSON.stringify(meant)}`);
}

function isPort(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535;
}

function checkPorts(container: Fields, path: string, add: AddFinding): void {
  const ports = list(container.ports);
  // A repeat needs two ports: most containers have one, and need no maps.
  const names = ports.length > 1 ? new Map<string, number>() : undefined;
  const numbers = ports.length > 1 ? new Map<string, number>() : undefined;
  ports.forEach((port, i) => {
    if (port.containerPort !== undefined && !isPort(port.containerPort)) {
      add(`${path}.ports[${i}].containerPort`, `container port ${JSON.stringify(port.containerPort)} is not within 1–65535`, 'use the port the process listens on, 1–65535');
    }
    if (port.hostPort !== undefined && port.hostPort !== 0 && !isPort(port.hostPort)) {
      add(`${path}.ports[${i}].hostPort`, `host port ${JSON.stringify(port.hostPort)} is not within 1–65535`, 'use a port of 1–65535 on the node');
    }
    // The API server stores any text here; the node's port mapping then fails the pod's sandbox on every start.
    if (typeof port.hostIP === 'string' && port.hostIP !== '' && !isIpAddress(port.hostIP)) {
      add(`${path}.ports[${i}].hostIP`, `host IP "${port.hostIP}" is no IP address, so the node cannot bind the host port to it`,
        "give an address of the node (e.g. '10.0.0.1'), or leave hostIP out to bind every address");
    }
    const name = text(port.name);
    if (name !== undefined && names !== undefined) {
      if (names.has(name)) {
        add(`${path}.ports[${i}].name`, `port name "${name}" is used by ports[${names.get(name)}] of the same container`, 'give every port of the container its own name');
      } else {
        names.set(name, i);
      }
    }
    if (numbers !== undefined) {
      const key = `${String(port.containerPort)}/${text(port.protocol) ?? 'TCP'}`;
      if (numbers.has(key)) {
        add(`${path}.ports[${i}].containerPort`, `port ${key} is declared by ports[${numbers.get(key)}] of the same container already`, 'declare each port and protocol once');
      } else {
        numbers.set(key, i);
      }
    }
  });
}

/** The probe settings the API server takes as counts and durations, none of them below 0. */
const PROBE_NUMBERS = ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'] as const;

/**
 * The probes of a container. An init container that runs to completion (`initOnly`) takes none: it is
 * not serving while the others start.
 */
function checkProbes(container: Fields, path: string, initOnly: boolean, add: AddFinding): void {
  for (const probeName of PROBES) {
    if (container[probeName] === undefined) {
      continue;
    }
    if (initOnly) {
      add(`${path}.${probeName}`, 'an init container takes no probes', 'drop the probe, or make the init container a sidecar with restartPolicy: Always');
      continue;
    }
    checkOneProbe(fields(container[probeName]), probeName, container, path, add);
  }
}

function checkOneProbe(probe: Fields, probeName: typeof PROBES[number], container: Fields, path: string, add: AddFinding): void {
  checkNotNegative(probe, `${path}.${probeName}`, PROBE_NUMBERS, add);
  checkProbeDefaults(probe, `${path}.${probeName}`, add);
  checkProbeTiming(probe, probeName, `${path}.${probeName}`, add);
  checkProbe(probe, probeName, container, path, add);
}

/**
 * What the API server or the kubelet would refuse or change in the probe `probeName` of `container` (both
 * as rendered JSON), each named by its field within the probe (`httpGet.path`; `''` for the probe itself):
 * an app reports them on the probe props it rendered from, and a probe it copies (its default liveness
 * probe is its readiness probe) does not copy a mistake, which would be reported twice.
 */
export function probeProblems(probe: Fields, probeName: typeof PROBES[number], container: Fields): Array<{ field: string; message: string; hint: string }> {
  const problems: Array<{ field: string; message: string; hint: string }> = [];
  checkOneProbe(probe, probeName, container, '', (field, message, hint) => {
    problems.push({ field: field.slice(`.${probeName}`.length).replace(/^\./, ''), message, hint });
  });
  return problems;
}

/** What the API server puts in place of 0 for the probe settings that count from 1. */
const PROBE_DEFAULTS = { timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 } as const;
const PROBE_DEFAULTED = Object.keys(PROBE_DEFAULTS) as ReadonlyArray<keyof typeof PROBE_DEFAULTS>;

/** A probe setting of 0 that counts from 1 is defaulted by the API server, so the probe runs otherwise than written. */
function checkProbeDefaults(probe: Fields, path: string, add: AddFinding): void {
  for (const key of PROBE_DEFAULTED) {
    if (probe[key] === 0) {
      add(`${path}.${key}`, `${key} 0 is replaced by the API server's default, ${PROBE_DEFAULTS[key]}`, `set ${key} to 1 or more, or leave it out for ${PROBE_DEFAULTS[key]}`);
    }
  }
}

/**
 * What the API server asks of a probe kind: liveness and startup probes succeed after one success (0
 * means the default, 1), and a grace period belongs to liveness and startup probes only and is above 0.
 */
function checkProbeTiming(probe: Fields, probeName: typeof PROBES[number], path: string, add: AddFinding): void {
  const success = probe.successThreshold;
  if (probeName !== 'readinessProbe' && typeof success === 'number' && success > 1) {
    add(`${path}.successThreshold`, `a ${probeName} succeeds after one success; successThreshold ${success} is refused`, 'set successThreshold to 1 or leave it out; only a readiness probe may ask for more');
  }
  const grace = probe.terminationGracePeriodSeconds;
  if (grace === undefined) {
    return;
  }
  if (probeName === 'readinessProbe') {
    add(`${path}.terminationGracePeriodSeconds`, 'a readiness probe takes no terminationGracePeriodSeconds', 'drop it: a failing readiness probe does not stop the container');
  } else if (typeof grace === 'number' && Number.isInteger(grace) && grace <= 0) {
    add(`${path}.terminationGracePeriodSeconds`, `terminationGracePeriodSeconds ${grace} is not above 0`, 'give the container at least one second, or leave it out');
  }
}

/** One probe of a container: exactly one handler, on a port the container has. */
function checkProbe(probe: Fields, probeName: string, container: Fields, path: string, add: AddFinding): void {
  // Counted rather than filtered into a list: every container has probes, nearly all with one handler.
  let handler: typeof HANDLERS[number] | undefined;
  let count = 0;
  for (const h of HANDLERS) {
    if (probe[h] !== undefined) {
      handler ??= h;
      count++;
    }
  }
  if (handler === undefined || count !== 1) {
    const handlers = HANDLERS.filter((h) => probe[h] !== undefined);
    add(`${path}.${probeName}`, handlers.length === 0 ? 'the probe has no handler' : `the probe has ${handlers.length} handlers (${handlers.join(', ')})`,
      'give the probe exactly one of exec, httpGet, tcpSocket or grpc');
    return;
  }
  const action = fields(probe[handler]);
  if (handler === 'exec' && list(action.command).length === 0) {
    add(`${path}.${probeName}.exec.command`, 'the probe runs an empty command', 'give the command and its arguments, e.g. ["pg_isready", "-U", "postgres"]');
  }
  const command: unknown[] = handler === 'exec' && Array.isArray(action.command) ? action.command : [];
  checkProgram(command, `${path}.${probeName}.exec.command`, add);
  if (command[0] === 'CMD' || command[0] === 'CMD-SHELL') {
    // Docker's health-check form: the kubelet would look for a program named CMD, so the probe never passes.
    const rest = command.slice(1).map((word) => JSON.stringify(String(word)));
    const meant = command[0] === 'CMD' ? `[${rest.join(', ')}]` : `["sh", "-c", ${rest.join(' ')}]`;
    add(`${path}.${probeName}.exec.command`, `the probe's command starts with docker's "${String(command[0])}", which the kubelet would run as a program`,
      `give the command itself: ${meant}`);
  }
  if (handler === 'httpGet') {
    checkHttpHeaderNames(action, `${path}.${probeName}.httpGet`, add);
    const database = typeof container.image === 'string' ? httpProbeOfDatabase(container.image) : undefined;
    if (database !== undefined) {
      add(`${path}.${probeName}.httpGet`, database.message, database.hint);
    }
    checkPlainHttpToTlsPort(action, container, `${path}.${probeName}.httpGet`, add);
  }
  if (handler === 'httpGet' && typeof action.path === 'string' && action.path !== '' && !action.path.startsWith('/')) {
    // The kubelet appends the path to host:port as it is: "health" would ask for http://10.0.0.5:8080health.
    add(`${path}.${probeName}.httpGet.path`, `the probe's path "${action.path}" does not start with /`, rootPathHint(action.path));
  }
  const port = action.port;
  if (port === undefined || handler === 'exec') {
    return;
  }
  const ports = list(container.ports);
  // The field path is written only for a finding, and ports are looked up in loops: every probe of every container is read.
  if (typeof port === 'string') {
    if (!hasPort(ports, 'name', port)) {
      add(`${path}.${probeName}.${handler}.port`, `the probe's port "${port}" is not a port name of the container`, ports.length > 0 ? `use one of: ${ports.map((p) => p.name ?? p.containerPort).join(', ')}` : 'declare the port on the container');
    }
  } else if (!isPort(port)) {
    add(`${path}.${probeName}.${handler}.port`, `the probe's port ${JSON.stringify(port)} is not within 1–65535`, 'probe a port the container listens on');
  } else if (ports.length > 0 && !hasPort(ports, 'containerPort', port)) {
    add(`${path}.${probeName}.${handler}.port`, `the probe's port ${port} is not a port of the container`, `probe one of the container's ports: ${ports.map((p) => p.containerPort).join(', ')}`);
    return;
  }
  // HTTP, TCP and gRPC probes connect over TCP, which a port declared only for UDP (or SCTP) never accepts.
  const declared = ports.filter((p) => (typeof port === 'string' ? p.name === port : p.containerPort === port));
  if (declared.length > 0 && !declared.some((p) => (text(p.protocol) ?? 'TCP') === 'TCP')) {
    const tcp = ports.filter((p) => (text(p.protocol) ?? 'TCP') === 'TCP').map((p) => p.containerPort);
    add(`${path}.${probeName}.${handler}.port`, `the probe's port ${port} is declared only for ${declared.map((p) => text(p.protocol)).join(', ')}, and a ${handler} probe connects over TCP, so it never passes`,
      tcp.length > 0 ? `probe a TCP port of the container: ${tcp.join(', ')}` : 'check the container with an exec probe (command) instead');
  }
}

/** An HTTP probe (`httpGet`) in plain HTTP to a port where the container's image answers only TLS never passes. */
function checkPlainHttpToTlsPort(httpGet: Fields, container: Fields, path: string, add: AddFinding): void {
  if (text(httpGet.scheme)?.toUpperCase() === 'HTTPS') {
    return;
  }
  const port = typeof httpGet.port === 'string' ? list(container.ports).find((p) => p.name === httpGet.port)?.containerPort : httpGet.port;
  const tls = tlsOnlyPort(container.image, port, Object.fromEntries(list(container.env).map((e) => [text(e.name) ?? '', e.value ?? e.valueFrom])));
  if (tls !== undefined) {
    add(`${path}.scheme`, plainHttpToTlsPort(port as number, tls, 'the probe'),
      `set scheme: HTTPS (the kubelet does not verify the certificate)${tls.plainPort === undefined ? '' : `, or probe its plain HTTP port ${tls.plainPort}`}`);
  }
}

/** Whether a port of `ports` has `value` as its `key`. */
function hasPort(ports: readonly Fields[], key: 'name' | 'containerPort', value: unknown): boolean {
  for (const p of ports) {
    if (p[key] === value) {
      return true;
    }
  }
  return false;
}

function checkResources(container: Fields, path: string, add: AddFinding): void {
  const resources = fields(container.resources);
  const requests = fields(resources.requests);
  const limits = fields(resources.limits);
  checkResourceAmounts(requests, `${path}.resources.requests`, 'requests', add);
  checkResourceAmounts(limits, `${path}.resources.limits`, 'limits', add);
  for (const problem of exclusiveResourceProblems(requests, limits)) {
    add(`${path}.resources.${problem.field}`, problem.message, problem.hint);
  }
  const named = [...Object.keys(requests), ...Object.keys(limits)];
  if (named.some((resource) => resource.startsWith('hugepages-')) && !named.some((resource) => resource === 'cpu' || resource === 'memory')) {
    // The kubelet sizes huge pages within the container's memory cgroup, which a container of no cpu or memory lacks.
    add(`${path}.resources`, 'the container asks for huge pages and neither cpu nor memory; the API server refuses huge pages without them ("HugePages require cpu or memory")',
      'give the container a memory request and limit beside the huge pages, e.g. memory: 128Mi');
  }
  // for-in lists no entries (Object.entries would, for every container); requests are plain JSON.
  for (const resource in requests) {
    // Huge pages and extended resources are checked above: their request must equal the limit.
    if (!Object.prototype.hasOwnProperty.call(requests, resource) || !isOvercommittable(resource)) {
      continue;
    }
    const request = requests[resource];
    const limit = limits[resource];
    const requested = quantityValue(request);
    const limited = quantityValue(limit);
    if (limit !== undefined && requested !== undefined && limited !== undefined && requested > limited) {
      add(`${path}.resources.requests.${resource}`, `the request ${String(request)} of ${resource} is above its limit ${String(limit)}`, `raise the ${resource} limit or lower the request`);
    }
  }
}

/** The directory a mount path names: repeated slashes, `.` and `..` resolved and a trailing slash dropped (`//data/` is `/data`). */
function directoryOf(mountPath: string): string {
  // Most paths are written plainly (`/data`): they need no normalizing.
  return /\/\/|\/\.|\/$/.test(mountPath) ? posix.normalize(mountPath).replace(/(.)\/+$/, '$1') : mountPath;
}

function checkMounts(container: Fields, path: string, volumes: ReadonlySet<string>, add: AddFinding): void {
  const mounts = list(container.volumeMounts);
  // A repeat needs two mounts; a container with one needs no map.
  const seen = mounts.length > 1 ? new Map<string, number>() : undefined;
  mounts.forEach((mount, i) => {
    const mountPath = text(mount.mountPath);
    const normalized = mountPath === undefined ? undefined : directoryOf(mountPath);
    if (mountPath !== undefined && !mountPath.startsWith('/')) {
      add(`${path}.volumeMounts[${i}].mountPath`, `mount path "${mountPath}" is not absolute`, `start it with /, e.g. ${absoluteMountPathMeant(mountPath)}`);
    } else if (normalized === '/') {
      // runc refuses a mount on the container's root filesystem ("is on the top of rootfs").
      add(`${path}.volumeMounts[${i}].mountPath`, `mount path "${mountPath}" is the container's root, which the runtime refuses to mount over`,
        'mount the volume on a directory, e.g. /data');
    }
    if (normalized !== undefined && seen !== undefined) {
      if (seen.has(normalized)) {
        add(`${path}.volumeMounts[${i}].mountPath`, `mount path "${mountPath}" is used by volumeMounts[${seen.get(normalized)}] of the same container`, 'mount each path once');
      } else {
        seen.set(normalized, i);
      }
    }
    if (mount.recursiveReadOnly !== undefined && mount.recursiveReadOnly !== null) {
      // Kubernetes 1.30 drops the field before it validates it; what the releases that keep it refuse is said in the hint.
      const field = `${path}.volumeMounts[${i}].recursiveReadOnly`;
      const { message, hint } = gatedFieldFinding(field, RECURSIVE_READ_ONLY);
      const refused = mount.recursiveReadOnly === 'Disabled' ? undefined : mount.readOnly !== true ? 'readOnly: true beside it'
        : mount.mountPropagation !== undefined && mount.mountPropagation !== 'None' ? 'mountPropagation None' : undefined;
      add(field, message, refused ? `${hint}; the releases that keep it also need ${refused}` : hint);
    }
    if (mount.subPath !== undefined && mount.subPathExpr !== undefined) {
      add(`${path}.volumeMounts[${i}].subPathExpr`, 'a mount takes subPath or subPathExpr, not both', 'keep one of them');
    }
    for (const key of ['subPath', 'subPathExpr'] as const) {
      const subPathProblem = mount[key] === '' ? undefined : localPathProblem(mount[key]);
      if (subPathProblem) {
        add(`${path}.volumeMounts[${i}].${key}`, subPathProblem, key === 'subPath' ? 'write a path inside the volume, e.g. config' : 'write a path inside the volume, e.g. $(POD_NAME)');
      }
    }
    const name = text(mount.name);
    if (name !== undefined && !volumes.has(name)) {
      add(`${path}.volumeMounts[${i}].name`, `mounts volume "${name}", which the pod does not have`, volumes.size > 0 ? `the pod's volumes: ${[...volumes].join(', ')}` : 'add the volume to the pod');
    }
  });
}

/**
 * A container's block devices (ValidateVolumeDevices): each of a claim's volume (a claim or an ephemeral
 * volume; a raw block device has no other source), not mounted as a file system by the container too,
 * and each at its own device path.
 */
function checkDevices(container: Fields, path: string, claimVolumes: ReadonlySet<string>, add: AddFinding): void {
  const mounted = new Set(list(container.volumeMounts).map((mount) => mount.name));
  const devicePaths = new Map<unknown, number>();
  list(container.volumeDevices).forEach((device, i) => {
    const name = text(device.name);
    if (name !== undefined && !claimVolumes.has(name)) {
      add(`${path}.volumeDevices[${i}].name`, `volume "${name}" is no claim's volume, and only a claim can be attached as a block device`,
        claimVolumes.size > 0 ? `attach one of the pod's claim volumes: ${[...claimVolumes].join(', ')}` : 'attach a volume of a claim (persistentVolumeClaim, or ephemeral) with volumeMode: Block, or mount the volume with volumeMounts');
    } else if (name !== undefined && mounted.has(name)) {
      add(`${path}.volumeDevices[${i}].name`, `volume "${name}" is mounted by volumeMounts of the container too; a volume is a block device or a file system`,
        'keep the volumeDevices entry for raw block access, or the volumeMounts entry for files');
    }
    const first = devicePaths.get(device.devicePath);
    if (typeof device.devicePath === 'string' && device.devicePath.split('/').includes('..')) {
      add(`${path}.volumeDevices[${i}].devicePath`, `device path "${device.devicePath}" has a ".." element, which the API server refuses`, 'give the device\'s path in the container plainly, e.g. /dev/xvdb');
    } else if (typeof device.devicePath === 'string' && first !== undefined) {
      add(`${path}.volumeDevices[${i}].devicePath`, `device path "${device.devicePath}" is used by volumeDevices[${first}] already`, 'give every device its own path, e.g. /dev/xvdb');
    } else {
      devicePaths.set(device.devicePath, i);
    }
  });
}

function checkEnv(container: Fields, path: string, template: PodTemplate, add: AddFinding): void {
  forEachRepeatedKey(list(container.env), (env) => text(env.name), (i, first, name) => {
    add(`${path}.env[${i}].name`, `environment variable "${name}" is set by env[${first}] already; server-side apply refuses a container whose env names a variable twice`,
      'keep one entry for the variable (the container would only ever see the last one)');
  });
  list(container.env).forEach((env, i) => {
    const name = env.name;
    if (typeof name === 'string' && !isEnvVarName(name)) {
      add(`${path}.env[${i}].name`, `environment variable name ${describeValue(name)} is refused by the API server`, ENV_VAR_NAME_HINT);
    }
    if (env.value === undefined && env.valueFrom === undefined && Object.prototype.hasOwnProperty.call(env, 'value')) {
      add(`${path}.env[${i}].value`, `environment variable "${String(name)}" has the value undefined`, 'give it a string value, or leave it out');
    }
    const from = fields(env.valueFrom);
    if (env.valueFrom !== undefined) {
      checkValueFrom(env, from, `${path}.env[${i}]`, template, add);
    }
    for (const [selector, kind] of KEY_SELECTORS) {
      if (from[selector] !== undefined) {
        checkKeySelector(fields(from[selector]), kind, `${path}.env[${i}].valueFrom.${selector}`, add);
      }
    }
  });
  list(container.envFrom).forEach((source, i) => {
    const sources = SOURCE_REFERENCES.filter(([reference]) => source[reference] !== undefined).map(([reference]) => reference);
    if (sources.length !== 1) {
      add(`${path}.envFrom[${i}]`, sources.length === 0 ? 'the envFrom entry names no ConfigMap or Secret' : `the envFrom entry names ${sources.join(' and ')}; an entry reads one object`,
        sources.length === 0 ? 'give configMapRef: { name } or secretRef: { name }' : 'make each of them an envFrom entry of its own');
    }
    // The prefix starts every name the source gives, so it must start a valid name itself.
    if (typeof source.prefix === 'string' && source.prefix !== '' && !isEnvVarName(source.prefix)) {
      add(`${path}.envFrom[${i}].prefix`, `prefix "${source.prefix}" is refused by the API server: it must be a valid environment variable name`, `${ENV_VAR_NAME_HINT}, e.g. DB_`);
    }
    for (const [reference, kind] of SOURCE_REFERENCES) {
      if (source[reference] !== undefined) {
        checkObjectName(fields(source[reference]).name, kind, `${path}.envFrom[${i}].${reference}.name`, add);
      }
    }
  });
}

/** Where an env var's value can come from; it names exactly one. */
const VALUE_SOURCES = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'] as const;
/** The pod fields an env var may read; labels and annotations by key only (the whole map is for volumes). */
const ENV_FIELD_PATHS: ReadonlySet<string> = new Set([
  'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName',
  'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs',
]);

/** An env var takes a value or one source for it, and a field it reads is one the API server can give. */
function checkValueFrom(env: Fields, from: Fields, path: string, template: PodTemplate, add: AddFinding): void {
  if (typeof env.value === 'string' && env.value !== '') {
    add(`${path}.valueFrom`, 'the variable has a value and a valueFrom; it takes one', 'drop value or valueFrom');
  }
  const sources = VALUE_SOURCES.filter((source) => from[source] !== undefined);
  if (sources.length !== 1) {
    add(`${path}.valueFrom`, sources.length === 0 ? 'valueFrom names no source' : `valueFrom names ${sources.length} sources (${sources.join(', ')}); it takes one`,
      `give one of ${VALUE_SOURCES.join(', ')}`);
  }
  if (from.resourceFieldRef !== undefined) {
    checkResourceFieldRef(fields(from.resourceFieldRef), `${path}.valueFrom.resourceFieldRef`, template, false, add);
  }
  if (from.fieldRef !== undefined) {
    checkFieldRef(fields(from.fieldRef), `${path}.valueFrom.fieldRef`, ENV_FIELD_PATHS, refusedEnvField, add);
  }
}

/** Why an env var cannot read `fieldPath` of its pod. */
function refusedEnvField(fieldPath: string): { message: string; hint: string } {
  return { message: `"${fieldPath}" is no field an environment variable can read`, hint: `use one of ${[...ENV_FIELD_PATHS].join(', ')}, or metadata.labels['<key>']` };
}

/**
 * What is wrong with the pod field `fieldPath` an env var reads (an app's `env: { NODE: { fieldPath } }`),
 * as the check of a rendered pod finds it, so the prop can be answered where it is written. Pure.
 */
export function envFieldPathProblems(fieldPath: string): Array<{ message: string; hint: string }> {
  const problems: Array<{ message: string; hint: string }> = [];
  checkFieldRef({ fieldPath }, 'fieldRef', ENV_FIELD_PATHS, refusedEnvField, (_field, message, hint) => problems.push({ message, hint }));
  return problems;
}

/** The handlers a lifecycle hook may have; it has exactly one. */
const HOOK_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'sleep'] as const;

/** The grace period the API server gives a pod that sets none, in seconds. */
const DEFAULT_GRACE_SECONDS = 30;

/** The pod's `terminationGracePeriodSeconds` is `gracePeriod` (unset: the default). */
function checkLifecycle(lifecycle: Fields, path: string, gracePeriod: unknown, add: AddFinding): void {
  for (const hook of ['postStart', 'preStop'] as const) {
    if (lifecycle[hook] === undefined) {
      continue;
    }
    const handler = fields(lifecycle[hook]);
    const handlers = HOOK_HANDLERS.filter((h) => handler[h] !== undefined);
    if (handlers.length !== 1) {
      add(`${path}.${hook}`, handlers.length === 0 ? `the ${hook} hook has no handler` : `the ${hook} hook has ${handlers.length} handlers (${handlers.join(', ')})`,
        `give the hook exactly one of ${HOOK_HANDLERS.join(', ')}`);
    }
    if (handler.httpGet !== undefined) {
      checkHttpHeaderNames(fields(handler.httpGet), `${path}.${hook}.httpGet`, add);
    }
    if (handler.exec !== undefined && list(fields(handler.exec).command).length === 0) {
      add(`${path}.${hook}.exec.command`, `the ${hook} hook runs an empty command, which the API server refuses`, 'give the command and its arguments, e.g. ["nginx", "-s", "quit"]');
    } else if (handler.exec !== undefined) {
      checkProgram(fields(handler.exec).command, `${path}.${hook}.exec.command`, add);
    }
    for (const action of ['httpGet', 'tcpSocket'] as const) {
      const port = fields(handler[action]).port;
      const problem = handler[action] === undefined ? undefined : hookPortProblem(port);
      if (problem !== undefined) {
        add(`${path}.${hook}.${action}.port`, problem, "give the port the container listens on, 1–65535, or its name (at most 15 lower-case letters, digits and '-')");
      }
    }
    if (handler.sleep !== undefined) {
      checkSleep(fields(handler.sleep).seconds, `${path}.${hook}.sleep.seconds`, gracePeriod, add);
    }
  }
}

/** Why the API server refuses the port of a hook's HTTP or TCP handler (ValidatePortNumOrName), or undefined. Pure. */
function hookPortProblem(port: unknown): string | undefined {
  if (typeof port === 'number') {
    return isPort(port) ? undefined : `port ${port} is not within 1–65535`;
  }
  const problem = typeof port === 'string' ? nameProblem(port, IANA_SERVICE_NAME) : undefined;
  return problem === undefined ? undefined : `port name ${problem}`;
}

/**
 * A hook's sleep lasts at least a second and no longer than the pod's grace period (validateSleepAction):
 * the kubelet would kill the container before a longer sleep ended.
 */
function checkSleep(seconds: unknown, path: string, gracePeriod: unknown, add: AddFinding): void {
  if (typeof seconds !== 'number' || !Number.isInteger(seconds)) {
    return; // the schema reports the type
  }
  const grace = typeof gracePeriod === 'number' ? gracePeriod : DEFAULT_GRACE_SECONDS;
  if (seconds <= 0) {
    add(path, `a sleep of ${seconds} seconds is refused by the API server: a hook sleeps at least one second`, 'sleep 1 second or more, or drop the hook');
  } else if (seconds > grace) {
    add(path, `the sleep of ${seconds} seconds is longer than the pod's grace period (terminationGracePeriodSeconds ${grace}${gracePeriod === undefined ? ', the default' : ''}); the API server refuses it`,
      `give the pod terminationGracePeriodSeconds: ${seconds} or more, or sleep ${grace} seconds at most`);
  }
}

/** What the API server takes as the name of a header an HTTP probe or hook sends (IsHTTPHeaderName). */
const HTTP_HEADER_NAME = /^[-A-Za-z0-9]+$/;

/** The headers of an HTTP probe or hook (`action`, at `path`) have names of letters, digits and '-' only. */
function checkHttpHeaderNames(action: Fields, path: string, add: AddFinding): void {
  list(action.httpHeaders).forEach((header, i) => {
    const name = header.name;
    if (typeof name === 'string' && !HTTP_HEADER_NAME.test(name)) {
      const meant = name.replace(/[^-A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'X-Probe';
      add(`${path}.httpHeaders[${i}].name`, `header name ${JSON.stringify(name)} is refused by the API server: it takes letters, digits and '-' only`,
        `write the header name as HTTP has it, e.g. ${meant}`);
    }
    const host = typeof name === 'string' && name.toLowerCase() === 'host' && typeof header.value === 'string' ? hostHeaderAsUrl(header.value) : undefined;
    if (host !== undefined) {
      add(`${path}.httpHeaders[${i}].value`, `the probe's Host header ${JSON.stringify(header.value)} is written as a URL; a server answers a Host with a scheme or a path with 400 Bad Request, so the probe never passes`,
        `send the host name alone (with its port where the server checks it): '${host}'; the path goes in the probe's path`);
    }
  });
}

/** Where an env var reads a key, and what it reads it from. */
const KEY_SELECTORS = [['secretKeyRef', 'Secret'], ['configMapKeyRef', 'ConfigMap']] as const;
/** Where `envFrom` reads a whole object, and what it reads. */
const SOURCE_REFERENCES = [['secretRef', 'Secret'], ['configMapRef', 'ConfigMap']] as const;
const NAME_HINT = "Secret and ConfigMap names use lower-case letters, digits, '-' and '.'";

/** The Secret or ConfigMap a volume mounts, with the field that names it; undefined for other volumes. */
function mountedObject(volume: Fields): { field: string; kind: string; name: unknown } | undefined {
  if (volume.secret !== undefined) {
    return { field: 'secret.secretName', kind: 'Secret', name: fields(volume.secret).secretName };
  }
  if (volume.configMap !== undefined) {
    return { field: 'configMap.name', kind: 'ConfigMap', name: fields(volume.configMap).name };
  }
  return undefined;
}

/**
 * The name of the Secret or ConfigMap a volume, an env var or an envFrom entry reads, at `path`. The schema
 * leaves it optional, but the API server refuses a reference without one (validateSecretVolumeSource,
 * validateConfigMapVolumeSource, the key selectors and env sources alike), and a name that is no DNS subdomain.
 */
function checkObjectName(name: unknown, kind: string, path: string, add: AddFinding): void {
  if (name === undefined) {
    const leaf = path.slice(path.lastIndexOf('.') + 1);
    add(path, `the reference names no ${kind}; the API server refuses it without ${leaf}`, `give ${leaf}: the name of the ${kind} to read`);
    return;
  }
  const problem = typeof name === 'string' ? nameProblem(name, DNS1123_SUBDOMAIN) : undefined;
  if (problem) {
    add(path, `${kind} name ${problem}`, NAME_HINT);
  }
}

/** The name of a Secret or ConfigMap an env var reads, and its key: the API server checks both. */
function checkKeySelector(selector: Fields, kind: string, path: string, add: AddFinding): void {
  checkObjectName(selector.name, kind, `${path}.name`, add);
  const key = selector.key;
  const keyIssue = typeof key === 'string' ? dataKeyProblem(key) : undefined;
  if (keyIssue) {
    add(`${path}.key`, keyIssue, "a key uses letters, digits, '-', '_' and '.'");
  }
}

/**
 * Amounts of container resources (`what`: requests, limits, a RuntimeClass's overhead) as the API server
 * takes them: each a standard resource or fully qualified, and none below zero.
 */
export function checkResourceAmounts(amounts: Fields, path: string, what: string, add: AddFinding): void {
  for (const resource in amounts) {
    if (!Object.prototype.hasOwnProperty.call(amounts, resource)) {
      continue;
    }
    const amount = amounts[resource];
    if (!isContainerResourceName(resource)) {
      add(`${path}.${resource}`, `"${resource}" is no standard resource and not fully qualified, which the API server refuses`,
        'name a device plugin\'s resource with its domain, e.g. gpu.intel.com/i915 or squat.ai/serial');
    } else if (resource === RETIRED_GPU_RESOURCE) {
      add(`${path}.${resource}`, `${resource} is the resource Kubernetes 1.10 removed: no node offers it, so the pods stay Pending`,
        'ask for nvidia.com/gpu, which NVIDIA\'s device plugin offers (an App asks with gpu: { vendor: \'nvidia\' })');
    } else if ((quantityValue(amount) ?? 0) < 0) {
      add(`${path}.${resource}`, `${what} of ${resource} ${String(amount)} is below zero, which the API server refuses`, `give a ${resource} amount of zero or more, or leave it out`);
    }
  }
}

/**
 * A pod's own overhead (validateOverhead, and the RuntimeClass admission plugin): amounts as a container's,
 * and only beside a RuntimeClass, whose overhead the admission plugin writes into each pod. A pod that states
 * one without a RuntimeClass is refused, whatever its workload's dry run said.
 */
function checkPodOverhead(template: PodTemplate, add: AddFinding): void {
  const at = `${template.specPath}.overhead`;
  checkResourceAmounts(fields(template.spec.overhead), at, 'an overhead', add);
  if (!text(template.spec.runtimeClassName)) {
    add(at, 'the pod states an overhead without a runtimeClassName: the RuntimeClass admission refuses each such pod ("Pod\'s Overhead doesn\'t match RuntimeClass\'s defined Overhead")',
      'drop overhead: a RuntimeClass states it (overhead.podFixed), and the pods that name the class by runtimeClassName get it');
  }
}

/** The GPU resource of the kubelet's own NVIDIA support, before device plugins: the API server takes it as native. */
const RETIRED_GPU_RESOURCE = 'alpha.kubernetes.io/nvidia-gpu';

/** A container's resource: a standard one, a huge-page size, or an extended resource with its domain. */
export function isContainerResourceName(name: string): boolean {
  return name === 'cpu' || name === 'memory' || name === 'ephemeral-storage' || name.startsWith('hugepages-') || name.includes('/');
}

/** Capability names as the runtime takes them, and known to it (see {@link capabilityProblem}). */
function checkCapabilities(container: Fields, path: string, add: AddFinding): void {
  if (container.securityContext === undefined) {
    return;
  }
  const capabilities = fields(fields(container.securityContext).capabilities);
  for (const kind of ['add', 'drop'] as const) {
    const names = capabilities[kind];
    (Array.isArray(names) ? names : []).forEach((capability: unknown, i) => {
      const problem = typeof capability === 'string' ? capabilityProblem(capability) : undefined;
      if (problem !== undefined) {
        add(`${path}.securityContext.capabilities.${kind}[${i}]`, problem.message, problem.hint);
      }
    });
  }
}
