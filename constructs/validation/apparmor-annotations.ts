import { AddFinding, fields, Fields, text } from './manifest';
import { APPARMOR_ANNOTATION_PREFIX, metadataPathOf } from './pod-confinement';
import { containersOf, PodTemplate } from './pod-spec';

/** The annotation values of the built-in profiles, and the prefix of a profile loaded on the node. */
const RUNTIME_DEFAULT = 'runtime/default';
const UNCONFINED = 'unconfined';
const LOCALHOST_PREFIX = 'localhost/';

/** The annotation value that says what an `appArmorProfile` field says, for hints. */
function annotationFor(profile: Fields): string {
  if (profile.type === 'Unconfined') {
    return UNCONFINED;
  }
  return profile.type === 'Localhost' ? `${LOCALHOST_PREFIX}${String(profile.localhostProfile ?? '')}` : RUNTIME_DEFAULT;
}

/**
 * Whether an annotation value says what the container's `appArmorProfile` field says, as the API server
 * compares them when it creates a pod or a workload (validateAppArmorAnnotationsAndFieldsMatchOnCreate):
 * `unconfined` for Unconfined, `runtime/default` for RuntimeDefault, and `localhost/` and the very profile
 * name for Localhost. A type it does not know is the schema layer's finding.
 */
function annotationMatches(annotation: string, profile: Fields): boolean {
  switch (profile.type) {
    case 'Unconfined': return annotation === UNCONFINED;
    case 'RuntimeDefault': return annotation === RUNTIME_DEFAULT;
    case 'Localhost': return annotation === `${LOCALHOST_PREFIX}${String(profile.localhostProfile)}`;
    default: return true;
  }
}

/**
 * The AppArmor annotations of a pod template as the API server reads them beside the `appArmorProfile`
 * field (ValidateAppArmorPodAnnotations and the match it checks on create): each names one of the pod's
 * containers, holds a profile it can read (empty, `runtime/default`, `unconfined` or `localhost/<name>`),
 * and, where the container has a profile in the field (its own or the pod's), says the same profile. A
 * Windows pod's annotations are not compared. Pure: reports through `add`.
 */
export function checkAppArmorAnnotations(template: PodTemplate, add: AddFinding): void {
  const keys = Object.keys(template.annotations).filter((key) => key.startsWith(APPARMOR_ANNOTATION_PREFIX));
  if (keys.length === 0) {
    return;
  }
  const metadataPath = metadataPathOf(template.specPath);
  const containers = containersOf(template);
  const names = containers.map(({ container }) => text(container.name)).filter((n): n is string => n !== undefined);
  for (const key of keys) {
    const name = key.slice(APPARMOR_ANNOTATION_PREFIX.length);
    if (!names.includes(name)) {
      add(`${metadataPath}.annotations.${key}`, `the AppArmor annotation names container "${name}", which the pod does not have; the API server refuses it`,
        `end the key with the container's name (${names.map((n) => APPARMOR_ANNOTATION_PREFIX + n).join(', ')}), or set securityContext.appArmorProfile on the container instead`);
    }
    const value = template.annotations[key];
    if (value !== '' && value !== RUNTIME_DEFAULT && value !== UNCONFINED && !value.startsWith(LOCALHOST_PREFIX)) {
      add(`${metadataPath}.annotations.${key}`, `"${value}" is no AppArmor profile the API server reads from the annotation ("invalid AppArmor profile name"); it refuses the pod`,
        `write ${RUNTIME_DEFAULT}, ${LOCALHOST_PREFIX}<profile> or ${UNCONFINED}, or better drop the annotation (deprecated since 1.30) for securityContext.appArmorProfile: { type: RuntimeDefault }`);
    }
  }
  if (text(fields(template.spec.os).name) === 'windows') {
    return;
  }
  const podProfile = fields(template.spec.securityContext).appArmorProfile;
  for (const { container, path } of containers) {
    const own = fields(container.securityContext).appArmorProfile;
    const profile = own ?? podProfile;
    const annotation = template.annotations[APPARMOR_ANNOTATION_PREFIX + String(container.name)];
    if (profile === undefined || annotation === undefined || annotationMatches(annotation, fields(profile))) {
      continue;
    }
    const field = fields(profile);
    const where = own === undefined ? "the pod's securityContext.appArmorProfile" : 'its securityContext.appArmorProfile';
    const nameDiffers = field.type === 'Localhost' && annotation.startsWith(LOCALHOST_PREFIX);
    add(`${path}.securityContext.appArmorProfile.${nameDiffers ? 'localhostProfile' : 'type'}`,
      `container ${String(container.name)} runs by ${where} of type ${String(field.type)}${nameDiffers ? ` (${String(field.localhostProfile)})` : ''}, and its annotation ${APPARMOR_ANNOTATION_PREFIX}${String(container.name)} says "${annotation}"; the API server refuses a profile the two give differently ("apparmor ${nameDiffers ? 'profile' : 'type'} in annotation and field must match")`,
      `drop the annotation (deprecated since 1.30; the field alone sets the profile), or write it as "${annotationFor(field)}"`);
  }
}
