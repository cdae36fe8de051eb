import type { PodSecurityLevel, SecurityExemptions } from '../app/security';
import { Fields, fields, text } from './manifest';
import type { ContainerRef } from './pod-spec';

/**
 * Records one departure: field path, what it does, how to stay within the standard, the level that admits it
 * and the exemptions that declare it (besides `privileged`, which declares any).
 */
export type DepartureSink = (field: string, message: string, fix: string, level: PodSecurityLevel, ...exemptions: Array<keyof SecurityExemptions>) => void;

/** SELinux types the baseline level lets a pod or container run as (Pod Security Standards, policy 1.30). */
const BASELINE_SELINUX_TYPES: ReadonlySet<string> = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t']);
/**
 * The AppArmor profile type the baseline level refuses in the `appArmorProfile` field; it allows the other
 * two, RuntimeDefault and Localhost, and a type of no profile at all is the schema layer's finding.
 */
const UNCONFINED_APPARMOR_TYPE = 'Unconfined';
/** Prefix of the annotation that set a container's AppArmor profile before the field existed, still judged. */
export const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

/**
 * The confinement a container keeps under the baseline Pod Security level, beyond privileges and
 * capabilities: its AppArmor profile (field or annotation), SELinux type, masked `/proc` and no Windows host
 * process. A pod-level setting that every container overrides is reported on the pod's field, since Pod
 * Security judges each field where it is written; one that a container inherits is reported on that
 * container, once. Each departure needs the privileged level, which no narrower exemption declares. Pure.
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline
 */
export function confinementDepartures(
  podContext: Fields, specPath: string, containers: readonly ContainerRef[], annotations: Readonly<Record<string, string>>, add: DepartureSink,
): void {
  for (const { container, path } of containers) {
    const context = fields(container.securityContext);
    const appArmor = appArmorProblem(context.appArmorProfile ?? podContext.appArmorProfile);
    if (appArmor) {
      add(`${path}.securityContext.appArmorProfile.type`, appArmor, 'drop appArmorProfile, or set { type: RuntimeDefault }', 'privileged', 'unconfined');
    }
    const name = text(container.name) ?? '';
    const annotated = annotations[APPARMOR_ANNOTATION_PREFIX + name];
    // Pod Security's baseline takes an empty annotation (no profile chosen) as it takes runtime/default.
    if (annotated !== undefined && annotated !== '' && annotated !== 'runtime/default' && !annotated.startsWith('localhost/')) {
      add(`${metadataPathOf(specPath)}.annotations.${APPARMOR_ANNOTATION_PREFIX}${name}`, `runs container ${name} with the AppArmor profile "${annotated}"`,
        'drop the annotation, or set it to runtime/default', 'privileged', 'unconfined');
    }
    const selinux = seLinuxProblem(context.seLinuxOptions ?? podContext.seLinuxOptions);
    if (selinux) {
      add(`${path}.securityContext.seLinuxOptions`, selinux, 'drop seLinuxOptions, or keep only its level and a type of container_t, container_init_t or container_kvm_t', 'privileged');
    }
    if (context.procMount !== undefined && context.procMount !== 'Default') {
      add(`${path}.securityContext.procMount`, `mounts /proc ${String(context.procMount)}, exposing the host's kernel settings`, 'drop procMount, or set it to Default', 'privileged');
    }
    if ((fields(context.windowsOptions).hostProcess ?? fields(podContext.windowsOptions).hostProcess) === true) {
      add(`${path}.securityContext.windowsOptions.hostProcess`, 'runs as a Windows host process', 'drop windowsOptions.hostProcess', 'privileged');
    }
  }
  // Every container overrides the pod's own setting with one of its own that passes: no container's finding
  // names the pod's setting, yet Pod Security refuses the pod's field.
  const overriddenByAll = (key: string, passes: (value: unknown) => boolean) => containers.length > 0
    && containers.every(({ container }) => {
      const own = fields(container.securityContext)[key];
      return own !== undefined && passes(own);
    });
  const appArmor = appArmorProblem(podContext.appArmorProfile);
  if (appArmor && overriddenByAll('appArmorProfile', (own) => !appArmorProblem(own))) {
    add(`${specPath}.securityContext.appArmorProfile.type`, appArmor, 'drop appArmorProfile, or set { type: RuntimeDefault }', 'privileged', 'unconfined');
  }
  const selinux = seLinuxProblem(podContext.seLinuxOptions);
  if (selinux && overriddenByAll('seLinuxOptions', (own) => !seLinuxProblem(own))) {
    add(`${specPath}.securityContext.seLinuxOptions`, selinux, 'drop seLinuxOptions, or keep only its level and a type of container_t, container_init_t or container_kvm_t', 'privileged');
  }
  if (fields(podContext.windowsOptions).hostProcess === true && overriddenByAll('windowsOptions', (own) => fields(own).hostProcess !== undefined && fields(own).hostProcess !== true)) {
    add(`${specPath}.securityContext.windowsOptions.hostProcess`, 'runs as a Windows host process', 'drop windowsOptions.hostProcess', 'privileged');
  }
  if (podContext.runAsUser === 0 && overriddenByAll('runAsUser', (own) => own !== 0)) {
    add(`${specPath}.securityContext.runAsUser`, 'sets the pod\'s runAsUser to 0 (root)', 'set the pod\'s securityContext.runAsUser to an id other than 0, or drop it', 'baseline', 'runAsRoot');
  }
  if (text(fields(podContext.seccompProfile).type) === 'Unconfined' && overriddenByAll('seccompProfile', (own) => fields(own).type !== 'Unconfined')) {
    add(`${specPath}.securityContext.seccompProfile.type`, 'sets the pod\'s seccomp profile to Unconfined', 'set the pod\'s securityContext.seccompProfile: { type: RuntimeDefault }', 'privileged', 'unconfined');
  }
}

/** The field path of a pod template's metadata beside its spec (`spec.template.metadata`; a Pod's `metadata`). */
export function metadataPathOf(specPath: string): string {
  return specPath === 'spec' ? 'metadata' : specPath.replace(/\.spec$/, '.metadata');
}

function appArmorProblem(profile: unknown): string | undefined {
  const type = text(fields(profile).type);
  return type === UNCONFINED_APPARMOR_TYPE ? `runs with the AppArmor profile type ${type}` : undefined;
}

function seLinuxProblem(options: unknown): string | undefined {
  const selinux = fields(options);
  if (text(selinux.user) || text(selinux.role)) {
    return 'sets an SELinux user or role';
  }
  const type = text(selinux.type);
  return type === undefined || BASELINE_SELINUX_TYPES.has(type) ? undefined : `runs as the SELinux type ${type}`;
}
