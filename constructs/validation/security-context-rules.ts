import { AddFinding, fields, Fields } from './manifest';
import type { ContainerRef, PodTemplate } from './pod-spec';

/** The highest user or group id the API server takes: ids are signed 32-bit integers there. */
export const MAX_POSIX_ID = 2147483647;

const POD_IDS = ['runAsUser', 'runAsGroup', 'fsGroup'] as const;
const CONTAINER_IDS = ['runAsUser', 'runAsGroup'] as const;
/**
 * The security settings of a pod and of a container that only Linux has, which the API server refuses in a
 * pod of os.name windows (validateWindows): Windows runs the pod with windowsOptions instead.
 */
const POD_LINUX_ONLY = ['seLinuxOptions', 'seccompProfile', 'appArmorProfile', 'fsGroup', 'fsGroupChangePolicy', 'sysctls', 'runAsUser', 'runAsGroup', 'supplementalGroups'] as const;
const CONTAINER_LINUX_ONLY = [
  'seLinuxOptions', 'seccompProfile', 'appArmorProfile', 'capabilities', 'readOnlyRootFilesystem', 'privileged', 'allowPrivilegeEscalation', 'procMount', 'runAsUser', 'runAsGroup',
] as const;
const LINUX_ONLY_HINT = 'drop it, or leave os out (or set os.name: linux) for a pod of Linux containers';

/**
 * User and group ids of a pod and of its containers outside 0–2147483647, which the API server refuses,
 * seccomp and AppArmor profiles whose type and `localhostProfile` disagree, Windows options in a pod
 * whose os.name is linux, and Linux settings (see {@link POD_LINUX_ONLY}, {@link CONTAINER_LINUX_ONLY}) in a pod
 * whose os.name is windows.
 * A negative id is a common slip for "any user"; the schema only says integer.
 */
export function checkSecurityContextIds(template: PodTemplate, containers: readonly ContainerRef[], add: AddFinding): void {
  const podPath = `${template.specPath}.securityContext`;
  const podContext = fields(template.spec.securityContext);
  checkIds(podContext, podPath, POD_IDS, add);
  checkSeccompProfile(podContext.seccompProfile, `${podPath}.seccompProfile`, add);
  checkAppArmorProfile(podContext.appArmorProfile, `${podPath}.appArmorProfile`, add);
  const groups = podContext.supplementalGroups;
  if (Array.isArray(groups)) {
    groups.forEach((group, i) => checkId(group, `${podPath}.supplementalGroups[${i}]`, 'group id', add));
  }
  // A Linux pod runs no Windows containers (validateLinux): their options would be silently meaningless.
  const linux = fields(template.spec.os).name === 'linux';
  const windows = fields(template.spec.os).name === 'windows';
  if (windows) {
    checkLinuxOnly(podContext, podPath, POD_LINUX_ONLY, 'a pod', add);
    if (template.spec.shareProcessNamespace !== undefined) {
      add(`${template.specPath}.shareProcessNamespace`, 'a pod of os.name windows cannot share its process namespace; the API server refuses shareProcessNamespace there', LINUX_ONLY_HINT);
    }
  }
  if (linux && podContext.windowsOptions !== undefined) {
    add(`${podPath}.windowsOptions`, 'windows options cannot be set for a pod of os.name linux; the API server refuses them', 'drop windowsOptions, or set os.name: windows for a Windows pod');
  }
  for (let c = 0; c < containers.length; c++) {
    const { container, path } = containers[c];
    if (container.securityContext !== undefined) {
      const context = fields(container.securityContext);
      if (linux && context.windowsOptions !== undefined) {
        add(`${path}.securityContext.windowsOptions`, 'windows options cannot be set for a container of a pod of os.name linux; the API server refuses them',
          'drop windowsOptions, or set os.name: windows for a Windows pod');
      }
      if (windows) {
        checkLinuxOnly(context, `${path}.securityContext`, CONTAINER_LINUX_ONLY, 'a container of a pod', add);
      }
      checkIds(context, `${path}.securityContext`, CONTAINER_IDS, add);
      checkSeccompProfile(context.seccompProfile, `${path}.securityContext.seccompProfile`, add);
      checkAppArmorProfile(context.appArmorProfile, `${path}.securityContext.appArmorProfile`, add);
    }
  }
}

/** Each Linux-only setting of `keys` that `context` writes, in a pod of os.name windows. */
function checkLinuxOnly(context: Fields, path: string, keys: readonly string[], what: string, add: AddFinding): void {
  for (const key of keys) {
    if (context[key] !== undefined && context[key] !== null) {
      add(`${path}.${key}`, `${key} is a Linux setting, and ${what} of os.name windows cannot have it; the API server refuses it`, LINUX_ONLY_HINT);
    }
  }
}

function checkIds(context: Fields, path: string, keys: readonly string[], add: AddFinding): void {
  for (const key of keys) {
    checkId(context[key], `${path}.${key}`, key === 'runAsUser' ? 'user id' : 'group id', add);
  }
}

function checkId(value: unknown, path: string, what: string, add: AddFinding): void {
  if (typeof value === 'number' && Number.isInteger(value) && (value < 0 || value > MAX_POSIX_ID)) {
    add(path, `${what} ${value} is not within 0–${MAX_POSIX_ID}`, `give a ${what} of 0 or more, such as 1000`);
  }
}

/**
 * Label cdk8s-plus puts on the pods of its workloads (`Pod.ADDRESS_LABEL`): it tells a pod it built, whose
 * containers it writes with `allowPrivilegeEscalation: false` unless told otherwise.
 */
const KPLUS_POD_LABEL = 'cdk8s.io/metadata.addr';

/**
 * A privileged container that may not escalate privileges, which the API server refuses ("cannot set
 * `allowPrivilegeEscalation` to false and `privileged` to true"): a privileged process holds every
 * privilege already. The controller is accepted, but no pod of it is ever created.
 *
 * Without a declared `privileged` exemption the pod-security check reports the privileged container, and
 * its fix (drop privileged, or declare it, which an App renders with escalation allowed) settles this too:
 * one mistake, one error. A pod of cdk8s-plus (`podLabels` hold its label) is reported, not changed: the
 * objects a user builds are written as built, and cdk8s-plus writes the `false` itself unless its
 * container says `allowPrivilegeEscalation: true`, which the hint then names.
 */
export function checkPrivilegeEscalation(container: Fields, path: string, privilegedDeclared: boolean, podLabels: Readonly<Record<string, string>>, add: AddFinding): void {
  if (container.securityContext === undefined || !privilegedDeclared) {
    return;
  }
  const context = fields(container.securityContext);
  if (context.privileged === true && context.allowPrivilegeEscalation === false) {
    add(`${path}.securityContext.allowPrivilegeEscalation`, 'a privileged container may not set allowPrivilegeEscalation: false; the API server refuses the pod',
      podLabels[KPLUS_POD_LABEL] !== undefined
        ? 'cdk8s-plus writes allowPrivilegeEscalation: false unless told: give the container securityContext: { privileged: true, allowPrivilegeEscalation: true }, or drop privileged'
        : 'drop allowPrivilegeEscalation (or set it true) beside privileged: true, or drop privileged');
  }
}

/**
 * Whether `type` is a profile the runtime brings (RuntimeDefault or Unconfined), which takes no
 * `localhostProfile`. A type of no profile at all is the schema layer's finding alone, as the API server
 * reports it only as an unsupported type.
 */
function isBuiltInProfile(type: unknown): boolean {
  return type === 'RuntimeDefault' || type === 'Unconfined';
}

/**
 * A seccomp profile of type Localhost names its file in `localhostProfile`, and only that type takes one:
 * the API server refuses either mismatch (validateSeccompProfileField).
 */
function checkSeccompProfile(value: unknown, path: string, add: AddFinding): void {
  if (value === undefined) {
    return;
  }
  const profile = fields(value);
  const localhost = profile.type === 'Localhost';
  if (localhost && (typeof profile.localhostProfile !== 'string' || profile.localhostProfile === '')) {
    add(`${path}.localhostProfile`, 'a Localhost seccomp profile names its file in localhostProfile, and this one names none; the API server refuses the pod',
      'give localhostProfile the file under the kubelet\'s seccomp directory, e.g. profiles/app.json, or use type: RuntimeDefault');
  } else if (isBuiltInProfile(profile.type) && profile.localhostProfile !== undefined) {
    add(`${path}.localhostProfile`, `localhostProfile is only for type Localhost, not ${JSON.stringify(profile.type)}; the API server refuses the pod`,
      'drop localhostProfile, or set type: Localhost to load that file');
  }
}

/**
 * An AppArmor profile of type Localhost names a profile loaded on the node in `localhostProfile` (not empty,
 * not padded with spaces), and only that type takes one: the API server refuses either mismatch
 * (ValidateAppArmorProfileField).
 */
function checkAppArmorProfile(value: unknown, path: string, add: AddFinding): void {
  if (value === undefined) {
    return;
  }
  const profile = fields(value);
  const name = profile.localhostProfile;
  if (profile.type === 'Localhost' && (typeof name !== 'string' || name.trim() === '' || name.trim() !== name)) {
    add(`${path}.localhostProfile`, typeof name === 'string' && name.trim() !== ''
      ? `localhostProfile "${name}" is padded with spaces; the API server refuses the pod`
      : 'a Localhost AppArmor profile names the profile loaded on the node in localhostProfile, and this one names none; the API server refuses the pod',
    'give localhostProfile the profile\'s name as apparmor_status lists it, e.g. k8s-apparmor-web, or use type: RuntimeDefault');
  } else if (isBuiltInProfile(profile.type) && name !== undefined) {
    add(`${path}.localhostProfile`, `localhostProfile is only for type Localhost, not ${JSON.stringify(profile.type)}; the API server refuses the pod`,
      'drop localhostProfile, or set type: Localhost to use that profile');
  }
}

/**
 * Bidirectional mount propagation, which only a privileged container may ask for: the API server refuses
 * it on any other (validateMountPropagation), since the mounts it makes reach the host.
 */
export function checkMountPropagation(container: Fields, path: string, add: AddFinding): void {
  const mounts = container.volumeMounts;
  if (!Array.isArray(mounts) || fields(container.securityContext).privileged === true) {
    return;
  }
  mounts.forEach((mount, i) => {
    if (fields(mount).mountPropagation === 'Bidirectional') {
      add(`${path}.volumeMounts[${i}].mountPropagation`, 'Bidirectional mount propagation is for privileged containers only; the API server refuses it on this one',
        'use HostToContainer to see the host\'s mounts, or make the container privileged (with an exemption) to share its own mounts with the host');
    }
  });
}
