import { ApiObject } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { reportFinding } from '../validation/finding';
import { isSingleWriter, type AppVolume } from './volumes';

/** Whether the repository itself makes claim `namespace/name` (its access modes are then checked on the object). */
function isRepositoryClaim(cluster: IConstruct, namespace: string, name: string): boolean {
  return cluster.node.findAll().some((c) => c instanceof ApiObject && c.kind === 'PersistentVolumeClaim'
    && c.metadata.name === name && c.metadata.namespace === namespace);
}

/**
 * Several replicas that mount one existing single-writer claim: only one node can mount it, so the other
 * replicas never start. A claim the repository makes is checked on its object, with its own access modes;
 * this covers claims made elsewhere, whose access mode is the one `AppVolume.existingClaim` was given.
 */
export function reportSharedExistingClaims(
  app: IConstruct, cluster: IConstruct, namespace: string, replicas: { readonly count: number; readonly field: string }, volumes: ReadonlyMap<string, AppVolume>,
): void {
  if (replicas.count < 2) {
    return;
  }
  for (const volume of volumes.values()) {
    if (volume.type === 'existingClaim' && isSingleWriter(volume) && !isRepositoryClaim(cluster, namespace, volume.claimName)) {
      reportFinding(app, {
        layer: 'policy', severity: 'error', field: replicas.field,
        message: `${replicas.count} replicas${replicas.field === 'replicas' ? '' : ` (at most, as ${replicas.field} allows)`} share the ${volume.accessMode} claim "${volume.claimName}", which only one ${volume.accessMode === 'ReadWriteOncePod' ? 'pod' : 'node'} can mount`,
        hint: `${replicas.field === 'replicas' ? 'use one replica' : 'keep maxReplicas at 1'}, or a claim of access mode ReadWriteMany (AppVolume.existingClaim(name, 'ReadWriteMany'))`,
      });
      return;
    }
  }
}

/** Where a claim volume was first taken in a cluster: the app that makes its claim. */
interface ClaimOwner {
  /** The app's name. */
  readonly app: string;
  /** The app's namespace, the claim's. */
  readonly namespace: string;
  /** Where the app was given the volume, e.g. `persistence.data.volume`. */
  readonly field: string;
  /** The claim it makes. */
  readonly claimName: string;
  /** Whether the app is a StatefulSet, which makes a claim per pod from the volume instead. */
  readonly perPod: boolean;
  /** Whether the app could make no claim of it (a tier the cluster lacks): apps that share it mount nothing more. */
  refused: boolean;
}

/** The app that makes each claim volume (`AppVolume.claim`) of a cluster, by the volume object. */
const ownersByCluster = new WeakMap<object, WeakMap<object, ClaimOwner>>();

/** The volumes handed to apps that share a claim, with the app that makes it. */
const sharedFrom = new WeakMap<object, ClaimOwner>();

/** How an app takes a volume of `AppVolume.claim` (see {@link takeClaimVolume}). */
export interface ClaimUse {
  /** The app's name. */
  readonly app: string;
  /** The app's namespace, where its claims are. */
  readonly namespace: string;
  /** The prop that holds the volume, for findings. */
  readonly field: string;
  /** The name of the app's own volume: its claim is `<app>-<volume>` unless the claim is named. */
  readonly volumeName: string;
  /** Whether the app is a StatefulSet, which makes a claim per pod from a claim volume. */
  readonly perPod: boolean;
}

/**
 * Takes a claim volume for an app of `cluster`. One `AppVolume.claim(...)` object is one volume: the first
 * app given it makes its claim, and an app given the same object later shares that claim (the same namespace,
 * no StatefulSet on either side, not ReadWriteOncePod), mounting it as `AppVolume.existingClaim` would. A
 * ReadWriteOnce claim shared so is judged where the pods' nodes are known (`checkSingleWriterClaims`): a
 * node-local class (local-path, a ZFS pool) or one host takes both apps' pods to the node that mounts it, as a web
 * server and its worker share their folders. Anything else would split what reads as one volume into claims of
 * their own with no word said: that use is a problem, on its prop. Returns the volume the app mounts.
 */
export function takeClaimVolume(cluster: object, volume: AppVolume, use: ClaimUse): { volume: AppVolume } | { problem: { message: string; hint: string } } {
  if (volume.type !== 'claim') {
    return { volume };
  }
  const owners = ownersByCluster.get(cluster) ?? new WeakMap<object, ClaimOwner>();
  ownersByCluster.set(cluster, owners);
  const owner = owners.get(volume);
  if (owner === undefined) {
    const claimName = typeof volume.claim.claimName === 'string' ? volume.claim.claimName : `${use.app}-${use.volumeName}`;
    owners.set(volume, { app: use.app, namespace: use.namespace, field: use.field, claimName, perPod: use.perPod, refused: false });
    return { volume };
  }
  const first = owner.app === use.app ? `this app's ${owner.field}` : `app ${owner.app}'s ${owner.field}`;
  const ownClaim = 'for a claim of its own, call AppVolume.claim({ … }) again here: a claim volume held in a const is one volume, not a template';
  const mode = volume.claim.accessMode ?? 'ReadWriteOnce';
  const entry = owner.field.replace(/\.volume$/, '');
  const problem = owner.app === use.app && owner.namespace === use.namespace
    ? { why: 'an app takes each volume once, and mounts it at as many paths as it needs', share: `mount it at more paths under ${entry}: mounts: [{ mountPath: '/config', subPath: 'config' }, …]` }
    : owner.perPod || use.perPod
    ? { why: `a StatefulSet (${owner.perPod ? owner.app : use.app}) makes a claim per pod from it, which no other pod mounts`, share: `mount one claim of a Deployment in both with AppVolume.existingClaim('${owner.claimName}', 'ReadWriteMany')` }
    : owner.namespace !== use.namespace
      ? { why: `its claim is made in namespace ${owner.namespace}, and a pod mounts claims of its own namespace (${use.namespace}) only`, share: `run both apps in one namespace (namespace: '${owner.namespace}')` }
      : mode === 'ReadWriteOncePod'
        ? { why: 'the claim is ReadWriteOncePod, which one pod alone may mount', share: "give the claim accessMode: 'ReadWriteMany' on a storage tier that serves it" }
        : undefined;
  if (problem === undefined) {
    const shared: AppVolume = { type: 'existingClaim', claimName: owner.claimName, accessMode: mode };
    sharedFrom.set(shared, owner);
    return { volume: shared };
  }
  return {
    problem: {
      message: `this AppVolume.claim(...) is ${first} already, so the two would share its claim "${owner.claimName}"; ${problem.why}`,
      hint: `${ownClaim}; to share one volume, ${problem.share}`,
    },
  };
}

/** Notes that the app that makes the claim of `volume` in `cluster` could make none, so apps sharing it mount nothing more. */
export function noteRefusedClaim(cluster: object, volume: AppVolume): void {
  const owner = ownersByCluster.get(cluster)?.get(volume);
  if (owner !== undefined) {
    owner.refused = true;
  }
}

/** Whether `volume` shares the claim of another app that could make none (its error is reported there). */
export function sharesRefusedClaim(volume: AppVolume): boolean {
  return sharedFrom.get(volume)?.refused ?? false;
}
