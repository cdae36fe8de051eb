/**
 * Pod Security Standards levels, in increasing order of what they allow.
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/
 */
export type PodSecurityLevel = 'restricted' | 'baseline' | 'privileged';

/** The Pod Security levels, in increasing order of what they allow: the only values Pod Security admission reads. */
export const POD_SECURITY_LEVELS: readonly PodSecurityLevel[] = ['restricted', 'baseline', 'privileged'];

/** The more permissive of two levels. */
export function widerLevel(a: PodSecurityLevel, b: PodSecurityLevel): PodSecurityLevel {
  return POD_SECURITY_LEVELS.indexOf(a) >= POD_SECURITY_LEVELS.indexOf(b) ? a : b;
}

/**
 * The capabilities an image that starts as root needs to take ownership of its folders and then switch to
 * its own user (`chown`, then `setuid`): give them with `exemptions.addCapabilities`, through
 * {@link rootInitExemption}, which adds what an init that stays root needs beside them.
 */
export const ROOT_INIT_CAPABILITIES: readonly string[] = ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID'];

/**
 * How an image that starts as root hands its work to its own user.
 * - `'exec'`: its entrypoint takes ownership of its folders, then replaces itself with the app run as that user
 *   (`gosu`, `su-exec`), or leaves root processes that never signal the app: nothing root stops the app.
 * - `'supervisor'`: a process stays root and stops the app, run as another user, by signal: s6-overlay's
 *   supervisor (linuxserver.io images), the master process of Apache, nginx or PHP-FPM.
 */
export type RootInit = 'exec' | 'supervisor';

/**
 * What an init that stays root needs beyond {@link ROOT_INIT_CAPABILITIES} to stop what it started: without
 * `KILL` a process may signal only processes of its own user, so the app never gets its SIGTERM and dies by
 * the container's last SIGKILL instead of shutting down (its databases left as after a power cut).
 * Docker and Podman keep `KILL` among their default capabilities; a container that drops ALL loses it.
 */
export const ROOT_SUPERVISOR_CAPABILITIES: readonly string[] = ['KILL'];

/** Why an init that stays root keeps {@link ROOT_SUPERVISOR_CAPABILITIES}, as the annotation of the exemption says it. */
export const ROOT_SUPERVISOR_REASON = 'its init stays root and signals the app, run as another user, to stop it (KILL)';

/** The capabilities an image whose init starts as root and switches to its own user needs, by how it hands over. Pure. */
export function rootInitCapabilities(init: RootInit): string[] {
  return [...ROOT_INIT_CAPABILITIES, ...(init === 'supervisor' ? ROOT_SUPERVISOR_CAPABILITIES : [])];
}

/**
 * The `addCapabilities` exemption of an image whose init starts as root and switches to its own user: the
 * capabilities {@link rootInitCapabilities} decides, then the container's `also` (e.g. `NET_BIND_SERVICE`),
 * with `reason` (what the init does with them) and, for a `'supervisor'`, why it keeps `KILL`. Pure.
 */
export function rootInitExemption(init: RootInit, reason: string, also: readonly string[] = []): { capabilities: string[]; reason: string } {
  return {
    capabilities: [...new Set([...rootInitCapabilities(init), ...also])],
    reason: init === 'supervisor' ? `${reason}; ${ROOT_SUPERVISOR_REASON}` : reason,
  };
}

/**
 * Departures from the secure defaults. Each one takes the reason it is needed; the reason is written
 * into the output as an annotation so a reviewer sees why, and the namespace's Pod Security level is
 * widened only as far as the exemption needs.
 */
export interface SecurityExemptions {
  /** Run as root (uid 0). Pod Security: baseline. A `runAsUser` beside it is an error. @default - not exempt: runs as `runAsUser` */
  readonly runAsRoot?: string;
  /** Keep the root filesystem writable. Pod Security: restricted. @default - not exempt: read-only root */
  readonly writableRootFilesystem?: string;
  /** Use the host's network namespace. Pod Security: privileged. @default - not exempt */
  readonly hostNetwork?: string;
  /** Mount paths of the host (hostPath volumes, `/dev/dri`). Pod Security: privileged. @default - not exempt */
  readonly hostPath?: string;
  /**
   * Share the host's process namespace (`hostPID`): the pod sees, and may signal, every process of its node,
   * as a host agent that inventories processes must. Pod Security: privileged.
   * @default - not exempt: the pod sees its own processes only
   */
  readonly hostPid?: string;
  /**
   * Mount NFS volumes, which `restricted` does not allow. Pod Security: baseline.
   * @default - set by App from the NFS exports it mounts
   */
  readonly nfsVolume?: string;
  /**
   * Run privileged, which includes `allowPrivilegeEscalation: true` (the API server refuses a privileged
   * container that may not escalate). Pod Security: privileged.
   * @default - not exempt
   */
  readonly privileged?: string;
  /** Add Linux capabilities back after dropping ALL. Pod Security: baseline (privileged for non-default ones). @default - none */
  readonly addCapabilities?: { readonly capabilities: string[]; readonly reason: string };
  /** Allow privilege escalation (setuid binaries such as s6-overlay). Pod Security: baseline. @default - not exempt */
  readonly privilegeEscalation?: string;
  /**
   * Run the container without seccomp and AppArmor confinement (both profiles `Unconfined`), short of
   * `privileged`: what rootless BuildKit (`moby/buildkit:*-rootless`) and rootless Podman need to make their own
   * user and mount namespaces, with no added capability or host device. Pod Security: privileged.
   * @default - not exempt: the RuntimeDefault seccomp profile and the runtime's AppArmor profile
   */
  readonly unconfined?: string;
  /** Open ports on every node through a NodePort Service. Pod Security: restricted. @default - not exempt */
  readonly nodePort?: string;
  /**
   * Render no NetworkPolicy for the app: every pod may connect to it. Pod Security: restricted.
   * @default - not exempt: default-deny ingress with the app's allows
   */
  readonly networkPolicy?: string;
  /**
   * Run images by a tag that moves (`latest`, or none) instead of a version or digest; they are then pulled
   * at every start. Pod Security: restricted.
   * @default - not exempt: every image of the pod is pinned, checked at synth
   */
  readonly floatingImage?: string;
  /**
   * Let routes connect to the app's `appProtocol: 'https'` ports without verifying their certificate: the
   * app signs its own, and the ingress dials pod addresses, which no certificate names. Traffic between the
   * ingress and the pod is then encrypted but not authenticated. Pod Security: restricted.
   * @default - not exempt: a route to an HTTPS port is refused
   */
  readonly unverifiedBackendTls?: string;
  /**
   * Run a long-running container without a readiness or liveness probe (`probes: { readiness: false }`):
   * nothing then holds traffic back until it is ready, or restarts it when it hangs. A container without
   * a port for its default probes goes without them on its own, recorded as `no port to probe`.
   * Pod Security: restricted.
   * @default - not exempt: a probe switched off is refused without it
   */
  readonly probes?: string;
}

/** Capabilities the baseline Pod Security level allows a container to add. */
const BASELINE_CAPABILITIES = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE',
  'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);

/** Annotation key prefix under which exemptions and their reasons are recorded. */
export const EXEMPTION_ANNOTATION_PREFIX = 'security.homelab.dev/';

/** Namespace annotation that lists why its Pod Security level is wider than `restricted`. */
export const POD_SECURITY_REASONS_ANNOTATION = `${EXEMPTION_ANNOTATION_PREFIX}pod-security-reasons`;

/** The annotation key (after {@link EXEMPTION_ANNOTATION_PREFIX}) each exemption is recorded under. */
export const EXEMPTION_ANNOTATION_KEYS: Readonly<Record<keyof SecurityExemptions, string>> = {
  runAsRoot: 'run-as-root',
  writableRootFilesystem: 'writable-root-filesystem',
  hostNetwork: 'host-network',
  hostPath: 'host-path',
  hostPid: 'host-pid',
  nfsVolume: 'nfs-volume',
  privileged: 'privileged',
  addCapabilities: 'add-capabilities',
  privilegeEscalation: 'privilege-escalation',
  unconfined: 'unconfined',
  nodePort: 'node-port',
  networkPolicy: 'no-network-policy',
  floatingImage: 'floating-image',
  unverifiedBackendTls: 'unverified-backend-tls',
  probes: 'missing-probes',
};

/** Pod annotation of the `floatingImage` exemption. */
export const FLOATING_IMAGE_ANNOTATION = `${EXEMPTION_ANNOTATION_PREFIX}${EXEMPTION_ANNOTATION_KEYS.floatingImage}`;

/** Annotation of the `unverifiedBackendTls` exemption, also on the route objects that skip the verification. */
export const UNVERIFIED_BACKEND_TLS_ANNOTATION = `${EXEMPTION_ANNOTATION_PREFIX}${EXEMPTION_ANNOTATION_KEYS.unverifiedBackendTls}`;

/** The exemption prop recorded under an annotation key (after the prefix), e.g. `runAsRoot` for `run-as-root`. */
export function exemptionOfAnnotationKey(key: string): keyof SecurityExemptions | undefined {
  return (Object.keys(EXEMPTION_ANNOTATION_KEYS) as Array<keyof SecurityExemptions>).find((prop) => EXEMPTION_ANNOTATION_KEYS[prop] === key);
}

/** Annotations that record every exemption in force, with its reason. Sorted for stable output. */
export function exemptionAnnotations(exemptions: SecurityExemptions = {}): Record<string, string> {
  const annotations: Record<string, string> = {};
  for (const prop of Object.keys(EXEMPTION_ANNOTATION_KEYS) as Array<keyof SecurityExemptions>) {
    const given = exemptions[prop];
    if (given !== undefined) {
      annotations[EXEMPTION_ANNOTATION_PREFIX + EXEMPTION_ANNOTATION_KEYS[prop]] = typeof given === 'string'
        ? given
        : `${[...given.capabilities].sort().join(',')}: ${given.reason}`;
    }
  }
  return Object.fromEntries(Object.entries(annotations).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Exemption annotations (keys after the prefix) whose exemptions can need a level above `restricted`. */
const WIDENING_EXEMPTIONS: ReadonlySet<string> = new Set([
  'run-as-root', 'host-network', 'host-path', 'host-pid', 'nfs-volume', 'privileged', 'privilege-escalation', 'add-capabilities', 'unconfined',
]);

/**
 * The reasons among a pod's exemption annotations (see {@link podExemptionAnnotations}) that can widen its
 * namespace's Pod Security level: what the namespace's reasons annotation lists. Pure.
 */
export function wideningReasons(annotations: Readonly<Record<string, string>>): string[] {
  return Object.entries(annotations)
    .filter(([key]) => WIDENING_EXEMPTIONS.has(key.slice(EXEMPTION_ANNOTATION_PREFIX.length)))
    .map(([, reason]) => reason);
}

/** The Pod Security level a pod with these exemptions needs. */
export function requiredPodSecurityLevel(exemptions: SecurityExemptions = {}): PodSecurityLevel {
  if (exemptions.hostNetwork || exemptions.hostPath || exemptions.hostPid || exemptions.privileged || exemptions.unconfined) {
    return 'privileged';
  }
  const caps = exemptions.addCapabilities?.capabilities ?? [];
  if (caps.some((cap) => !BASELINE_CAPABILITIES.has(cap))) {
    return 'privileged';
  }
  if (exemptions.runAsRoot || exemptions.privilegeEscalation || exemptions.nfsVolume || caps.some((cap) => cap !== 'NET_BIND_SERVICE')) {
    return 'baseline';
  }
  return 'restricted';
}

/** The container-level exemptions among an app's exemptions (the rest belong to the pod). */
export function containerExemptionsOf(exemptions: SecurityExemptions): SecurityExemptions {
  const { runAsRoot, writableRootFilesystem, privileged, addCapabilities, privilegeEscalation, unconfined, floatingImage } = exemptions;
  return { runAsRoot, writableRootFilesystem, privileged, addCapabilities, privilegeEscalation, unconfined, floatingImage };
}

/**
 * Annotations of a pod whose main container and pod carry `exemptions` and whose other containers carry
 * their own: one annotation per exemption, reasons of other containers prefixed with their name. Sorted.
 */
export function podExemptionAnnotations(
  exemptions: SecurityExemptions, others: ReadonlyArray<{ readonly name: string; readonly exemptions: SecurityExemptions }>,
): Record<string, string> {
  const merged: Record<string, string> = { ...exemptionAnnotations(exemptions) };
  for (const other of others) {
    for (const [key, reason] of Object.entries(exemptionAnnotations(other.exemptions))) {
      const entry = `${other.name}: ${reason}`;
      merged[key] = merged[key] ? `${merged[key]}; ${entry}` : entry;
    }
  }
  return Object.fromEntries(Object.entries(merged).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** The Pod Security level a pod needs for its own and its containers' exemptions. */
export function podSecurityLevelOf(exemptions: SecurityExemptions, others: ReadonlyArray<{ readonly exemptions: SecurityExemptions }>): PodSecurityLevel {
  return others.reduce((level, other) => widerLevel(level, requiredPodSecurityLevel(other.exemptions)), requiredPodSecurityLevel(exemptions));
}

/**
 * A user or group id given beside the `runAsRoot` exemption, which runs the container as uid and gid 0:
 * the id would be replaced without a word, so the two props contradict each other. Without the exemption,
 * `runAsUser: 0` is root asked for through the back door: the container keeps `runAsNonRoot: true`, which
 * the kubelet then refuses to start, so it is an error that names the exemption. `prefix` is how the
 * props are named, e.g. `''` or `sidecars[0].`. An app's `runAsGroup` (`pod`) keeps its use as the pod's
 * `fsGroup`, which owns its volumes, so only its `runAsUser` is checked. Pure.
 */
export function runAsRootProblems(
  props: { readonly runAsUser?: unknown; readonly runAsGroup?: unknown; readonly exemptions?: { readonly runAsRoot?: unknown } } | null | undefined,
  prefix: string, pod = false,
): Array<{ field: string; message: string; hint: string }> {
  if (props === null || typeof props !== 'object') {
    return [];
  }
  if (props.exemptions?.runAsRoot === undefined) {
    return props.runAsUser === 0 ? [{
      field: `${prefix}runAsUser`,
      message: `runAsUser 0 runs the container as root, which needs ${prefix}exemptions.runAsRoot`,
      hint: `state why it runs as root: ${prefix}exemptions: { runAsRoot: '…' } in place of runAsUser: 0; or give a runAsUser other than 0`,
    }] : [];
  }
  return (pod ? ['runAsUser'] as const : ['runAsUser', 'runAsGroup'] as const).flatMap((key) => {
    const id = props[key];
    return id === undefined || id === 0 ? [] : [{
      field: `${prefix}${key}`,
      message: `${key} ${String(id)} contradicts ${prefix}exemptions.runAsRoot, which runs the container with id 0`,
      hint: `drop ${key} to run as root, or drop exemptions.runAsRoot to run with id ${String(id)}`,
    }];
  });
}
