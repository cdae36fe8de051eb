import { EXEMPTION_ANNOTATION_KEYS, EXEMPTION_ANNOTATION_PREFIX } from '../app/security';
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
  ['runAsRoot', 'writableRootFilesystem', 'hostNetwork', 'hostPath', 'hostPid', 'nfsVolume', 'privileged', 'privilegeEscalation', 'addCapabilities'] as const
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
