import type { IConstruct } from 'constructs';
import type { SynthesizedCluster } from '../synth/collect';
import { NOTE_TYPE_PREFIX } from '../synth/note-types';

const HOST_CLAIM_NOTE = `${NOTE_TYPE_PREFIX}route-host-claim`;

/** A host name a construct's route prop serves, as the user wrote it. */
export interface HostClaim {
  /** The host name, in lower case. */
  readonly host: string;
  /** The prop that names it, e.g. `route.host`, `addRoute(photos).host` or `host`. */
  readonly field: string;
  /** The route as the construct's props name it, e.g. `route` or `ServiceRoute`. */
  readonly route: string;
}

/** Notes that a route prop of `scope` serves a host name, for findings across clusters on the prop it was written in. */
export function noteHostClaim(scope: IConstruct, claim: HostClaim): void {
  scope.node.addMetadata(HOST_CLAIM_NOTE, claim);
}

/**
 * The construct (its path) and prop that serve each host name of the cluster's routes, as noted with
 * {@link noteHostClaim}, by host name; the first construct for a host name another also serves.
 */
export function hostClaims(cluster: SynthesizedCluster): ReadonlyMap<string, HostClaim & { readonly constructPath: string }> {
  const claims = new Map<string, HostClaim & { readonly constructPath: string }>();
  for (const note of cluster.notes) {
    const claim = note.data as HostClaim;
    if (note.type === HOST_CLAIM_NOTE && !claims.has(claim.host)) {
      claims.set(claim.host, { ...claim, constructPath: note.constructPath });
    }
  }
  return claims;
}
