import { imageFloats } from './image-tag';
import type { SecurityExemptions } from './security';

/**
 * What a pod does that exemptions which only permit something (rather than switch it on) permit: the
 * other exemptions (`runAsRoot`, `hostNetwork`, `privileged`, …) make the pod do what they name.
 */
export interface PermittedUses {
  /** Whether a volume of the pod is a hostPath (a host folder, or a device mounted by path). */
  readonly hostPathVolume: boolean;
  /** Whether a volume of the pod is an NFS export. */
  readonly nfsVolume: boolean;
  /** Whether a port of the app names a node port. */
  readonly nodePort: boolean;
  /** Images of every container of the pod. */
  readonly images: readonly string[];
  /** Whether a main container goes without a readiness or liveness probe. @default false */
  readonly missingProbes?: boolean;
}

/** One exemption stated for something the pod does not do. */
export interface UnusedExemption {
  /** The exemption prop, e.g. `hostPath`. */
  readonly prop: keyof SecurityExemptions;
  /** What the pod lacks for it to matter, e.g. `no volume of the app is a host path`. */
  readonly lacking: string;
}

const PERMITS: ReadonlyArray<{ prop: keyof SecurityExemptions; used: (uses: PermittedUses) => boolean; lacking: string }> = [
  { prop: 'hostPath', used: (u) => u.hostPathVolume, lacking: 'no volume or device of the app is a path of the host' },
  { prop: 'nfsVolume', used: (u) => u.nfsVolume, lacking: 'no volume of the app is an NFS export' },
  { prop: 'nodePort', used: (u) => u.nodePort, lacking: 'no port of the app names a nodePort' },
  { prop: 'probes', used: (u) => u.missingProbes === true, lacking: 'every container has its readiness and liveness probes' },
  { prop: 'floatingImage', used: (u) => u.images.some(imageFloats), lacking: 'every image of the pod is pinned' },
];

/**
 * The exemptions among `exemptions` that permit something the pod does not do. Each one would still be
 * written as an annotation, claiming a departure the pod does not make, and `hostPath` and `nfsVolume`
 * would widen the namespace's Pod Security level (to `privileged`, `baseline`) for nothing. Pure.
 */
export function unusedExemptions(exemptions: SecurityExemptions, uses: PermittedUses): UnusedExemption[] {
  return PERMITS.filter((permit) => exemptions[permit.prop] !== undefined && !permit.used(uses))
    .map(({ prop, lacking }) => ({ prop, lacking }));
}
