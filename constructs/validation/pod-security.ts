import {
  EXEMPTION_ANNOTATION_KEYS, EXEMPTION_ANNOTATION_PREFIX, PodSecurityLevel, requiredPodSecurityLevel, SecurityExemptions,
} from '../app/security';
import { fields, list, text } from './manifest';
import { confinementDepartures } from './pod-confinement';
import { containersOf, PodTemplate } from './pod-spec';
import { NEWER_VOLUME_SOURCES } from './schema/newer-fields';
import { sysctlNameProblem } from './sysctl-rules';

/** One way a pod template departs from the restricted Pod Security Standard or the secure defaults. */
export interface PodSecurityDeparture {
  /** Field path inside the workload. */
  readonly field: string;
  /** What the field does. */
  readonly message: string;
  /** The narrowest Pod Security level that admits it (`restricted` for secure defaults beyond the standard). */
  readonly level: PodSecurityLevel;
  /** Exemption annotation keys (after `security.homelab.dev/`) that declare it; `privileged` declares anything. */
  readonly exemptions: readonly string[];
  /** How to write the field within the restricted level instead. */
  readonly fix: string;
}

/** Volume types the restricted level allows. */
const RESTRICTED_VOLUME_TYPES = new Set(['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret']);
/**
 * The sysctls the baseline and restricted levels allow (Pod Security Standards, policy version 1.29, which
 * Kubernetes 1.30 enforces); any other needs the privileged level, and the kubelet's `--allowed-unsafe-sysctls`.
 */
export const SAFE_SYSCTLS: ReadonlySet<string> = new Set([
  'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range', 'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes',
]);

/**
 * Every departure of a pod template from the restricted Pod Security Standard (Kubernetes 1.30) and
 * from this library's secure defaults (read-only root filesystem); the confinement settings (AppArmor,
 * SELinux, `/proc`, Windows host process) are judged by {@link confinementDepartures}.
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/
 */
export function podSecurityDepartures(template: PodTemplate): PodSecurityDeparture[] {
  const departures: PodSecurityDeparture[] = [];
  const add = (field: string, message: string, fix: string, level: PodSecurityLevel, ...exemptions: Array<keyof SecurityExemptions>) => {
    departures.push({ field, message, fix, level, exemptions: [...exemptions, 'privileged' as const].map((prop) => EXEMPTION_ANNOTATION_KEYS[prop]) });
  };
  const spec = template.spec;
  const at = template.specPath;
  if (spec.hostNetwork === true) {
    add(`${at}.hostNetwork`, 'uses the host network', 'drop hostNetwork and serve through a Service', 'privileged', 'hostNetwork');
  }
  if (spec.hostPID === true) {
    add(`${at}.hostPID`, "shares the host's process namespace", 'drop hostPID', 'privileged', 'hostPid');
  }
  if (spec.hostIPC === true) {
    add(`${at}.hostIPC`, "shares the host's IPC namespace", 'drop hostIPC', 'privileged');
  }
  list(spec.volumes).forEach((volume, i) => {
    // for-in with an own-key test lists Object.keys' keys without arrays: every volume of every pod is read.
    for (const type in volume) {
      // A source a later release added is the schema's one error: the API server refuses the pod whatever its level.
      if (type === 'name' || !Object.prototype.hasOwnProperty.call(volume, type) || NEWER_VOLUME_SOURCES.has(type)) {
        continue;
      }
      if (type === 'hostPath') {
        add(`${at}.volumes[${i}].hostPath`, 'mounts a path of the host', 'keep the data on a claim instead', 'privileged', 'hostPath');
      } else if (!RESTRICTED_VOLUME_TYPES.has(type)) {
        add(`${at}.volumes[${i}].${type}`, `uses a ${type} volume, which the restricted level does not allow`, 'mount it through a claim (a PersistentVolume of that type)', 'baseline', type === 'nfs' ? 'nfsVolume' : 'hostPath');
      }
    }
  });
  const podContext = fields(spec.securityContext);
  list(podContext.sysctls).forEach((sysctl, i) => {
    // A name that is no sysctl name is refused by the API server; the schema layer reports that.
    if (!SAFE_SYSCTLS.has(sysctl.name as string) && typeof sysctl.name === 'string' && sysctlNameProblem(sysctl.name) === undefined) {
      add(`${at}.securityContext.sysctls[${i}].name`, `sets sysctl ${String(sysctl.name)}, which only the privileged level allows`,
        `drop it, or set it on the nodes; pods may set only ${[...SAFE_SYSCTLS].join(', ')}`, 'privileged');
    }
  });
  // Pod Security exempts a pod of os.name windows from Linux's settings, which the API server refuses there.
  const linux = fields(spec.os).name !== 'windows';
  for (let c = 0, containerRefs = containersOf(template); c < containerRefs.length; c++) {
    const { container, path } = containerRefs[c];
    const context = fields(container.securityContext);
    if (context.privileged === true) {
      add(`${path}.securityContext.privileged`, 'runs privileged', 'drop privileged', 'privileged');
    }
    if (linux && context.allowPrivilegeEscalation !== false) {
      add(`${path}.securityContext.allowPrivilegeEscalation`, 'may escalate privileges (must be false)', 'set securityContext.allowPrivilegeEscalation: false', 'baseline', 'privilegeEscalation');
    }
    if ((context.runAsNonRoot ?? podContext.runAsNonRoot) !== true || (context.runAsUser ?? podContext.runAsUser) === 0) {
      add(`${path}.securityContext.runAsNonRoot`, 'may run as root', 'set securityContext.runAsNonRoot: true and a runAsUser other than 0', 'baseline', 'runAsRoot');
    }
    const seccomp = text(fields(context.seccompProfile).type) ?? text(fields(podContext.seccompProfile).type);
    if (seccomp === 'Unconfined') {
      add(`${path}.securityContext.seccompProfile.type`, 'runs without a seccomp profile', 'set securityContext.seccompProfile: { type: RuntimeDefault }', 'privileged', 'unconfined');
    } else if (seccomp === undefined && linux) {
      // A type of no profile at all is the schema layer's finding.
      add(`${path}.securityContext.seccompProfile.type`, 'sets no RuntimeDefault or Localhost seccomp profile', 'set securityContext.seccompProfile: { type: RuntimeDefault }', 'baseline');
    }
    const capabilities = fields(context.capabilities);
    if (linux && !(Array.isArray(capabilities.drop) && capabilities.drop.includes('ALL'))) {
      add(`${path}.securityContext.capabilities.drop`, 'does not drop ALL capabilities', "set securityContext.capabilities: { drop: ['ALL'] }", 'baseline');
    }
    (Array.isArray(capabilities.add) ? capabilities.add.map(String) : []).forEach((capability, i) => {
      if (capability !== 'NET_BIND_SERVICE') {
        const level = requiredPodSecurityLevel({ addCapabilities: { capabilities: [capability], reason: capability } });
        add(`${path}.securityContext.capabilities.add[${i}]`, `adds capability ${capability}`, `drop ${capability} from securityContext.capabilities.add`, level, 'addCapabilities');
      }
    });
    list(container.ports).forEach((port, i) => {
      if (typeof port.hostPort === 'number' && port.hostPort !== 0 && spec.hostNetwork !== true) {
        add(`${path}.ports[${i}].hostPort`, `binds host port ${port.hostPort}`, 'drop the host port and serve through a Service', 'privileged', 'hostNetwork');
      }
    });
    if (linux && context.readOnlyRootFilesystem !== true) {
      add(`${path}.securityContext.readOnlyRootFilesystem`, 'has a writable root filesystem', 'set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where it writes', 'restricted', 'writableRootFilesystem');
    }
  }
  confinementDepartures(podContext, at, containersOf(template), template.annotations, add);
  return departures;
}

/** Exemptions a pod template declares: annotation key (after the prefix) → reason. */
export function declaredExemptions(template: PodTemplate): Map<string, string> {
  const exemptions = new Map<string, string>();
  // for-in lists no entries: the annotations of every pod template are read.
  const annotations = template.annotations;
  for (const key in annotations) {
    if (Object.prototype.hasOwnProperty.call(annotations, key) && key.startsWith(EXEMPTION_ANNOTATION_PREFIX)) {
      exemptions.set(key.slice(EXEMPTION_ANNOTATION_PREFIX.length), annotations[key]);
    }
  }
  return exemptions;
}
