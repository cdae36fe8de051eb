import { SERVICE_ACCOUNT_TOKEN_ANNOTATION } from '../app/service-account';
import { EXEMPTION_ANNOTATION_KEYS, EXEMPTION_ANNOTATION_PREFIX } from '../app/security';
import { closestName } from './closest-name';
import { fields } from './manifest';
import { metadataPathOf } from './pod-confinement';
import type { PodSecurityDeparture } from './pod-security';
import { containersOf, PodTemplate, runsWithPod } from './pod-spec';

/** One exemption annotation of a pod template that covers no departure the pod makes. */
export interface UnusedDeclaration {
  /** Field path of the annotation, e.g. `spec.template.metadata.annotations.security.homelab.dev/host-path`. */
  readonly field: string;
  /** The annotation key after the prefix, e.g. `host-path`. */
  readonly key: string;
}

/** The annotation keys (after the prefix) of exemptions that declare a Pod Security departure. */
const DEPARTURE_KEYS: ReadonlySet<string> = new Set((
  ['runAsRoot', 'writableRootFilesystem', 'hostNetwork', 'hostPath', 'hostPid', 'nfsVolume', 'privileged', 'privilegeEscalation', 'addCapabilities', 'unconfined'] as const
).map((prop) => EXEMPTION_ANNOTATION_KEYS[prop]));

/**
 * The exemption annotations of a pod template (`declared`) that declare a departure the pod does not make,
 * judged against its `departures`: each claims, to a reviewer, a host path, a host namespace or root that the
 * pod does not use. `privileged` covers any departure, and `add-capabilities` any added capability (also
 * `NET_BIND_SERVICE`, which the restricted level allows). The `missing-probes` annotation is unused when
 * every container that runs with the pod (native sidecars too) has its readiness and liveness probes. Pure.
 */
export function unusedDeclarations(
  template: PodTemplate, declared: ReadonlyMap<string, string>, departures: readonly PodSecurityDeparture[],
): UnusedDeclaration[] {
  const covered = new Set(departures.map((d) => d.exemptions[0]));
  if (departures.length > 0) {
    covered.add(EXEMPTION_ANNOTATION_KEYS.privileged);
  }
  if (containersOf(template).some(({ container }) => (fields(fields(container.securityContext).capabilities).add as unknown[] | undefined)?.length)) {
    covered.add(EXEMPTION_ANNOTATION_KEYS.addCapabilities);
  }
  // The missing-probes annotation claims a container goes without a readiness or liveness probe.
  const probesKey = EXEMPTION_ANNOTATION_KEYS.probes;
  const missesProbe = containersOf(template).some((ref) => runsWithPod(ref) && (ref.container.readinessProbe === undefined || ref.container.livenessProbe === undefined));
  const unusedProbes = declared.has(probesKey) && !missesProbe ? [probesKey] : [];
  return [...[...declared.keys()].filter((key) => DEPARTURE_KEYS.has(key) && !covered.has(key)), ...unusedProbes].sort()
    .map((key) => ({ key, field: `${metadataPathOf(template.specPath)}.annotations.${EXEMPTION_ANNOTATION_PREFIX}${key}` }));
}

/** The annotation keys (after the prefix) a pod template can carry: its exemptions, and the reason for its token. */
const POD_ANNOTATION_KEYS: readonly string[] = [
  ...Object.values(EXEMPTION_ANNOTATION_KEYS), SERVICE_ACCOUNT_TOKEN_ANNOTATION.slice(EXEMPTION_ANNOTATION_PREFIX.length),
].sort();

/** `key` reduced to its letters and digits, lower case: `runAsRoot`, `Run_As_Root` and `run-as-root` read alike. Pure. */
export function keySpelling(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** An annotation of a pod template under the exemptions' prefix whose key is no exemption. */
export interface UnknownDeclaration extends UnusedDeclaration {
  /** The key it looks like, when one does. @default - none */
  readonly meant?: string;
}

/**
 * The annotations of a pod template (`declared`, by their key after the prefix) whose key is none this
 * library reads (a typo of an exemption key, the prop's name in camel case): they exempt nothing, and no
 * reviewer should read them as an exemption. Pure.
 */
export function unknownDeclarations(template: PodTemplate, declared: ReadonlyMap<string, string>): UnknownDeclaration[] {
  return [...declared.keys()].filter((key) => !POD_ANNOTATION_KEYS.includes(key)).sort().map((key) => {
    const meant = POD_ANNOTATION_KEYS.find((known) => keySpelling(known) === keySpelling(key))
      ?? closestName(key, POD_ANNOTATION_KEYS)
      // The App's prop name written as the key (`networkPolicy` for `no-network-policy`).
      ?? Object.entries(EXEMPTION_ANNOTATION_KEYS).find(([prop]) => keySpelling(prop) === keySpelling(key))?.[1];
    return { key, meant, field: `${metadataPathOf(template.specPath)}.annotations.${EXEMPTION_ANNOTATION_PREFIX}${key}` };
  });
}
