import { worldServerOf } from './image-state-dirs';
import { litestreamReplicator } from './litestream-command';
import type { PropContainerMounts } from './prop-containers';

// Some state is written by one process alone: a game server's world, and the replica Litestream streams a SQLite
// database to ("Litestream can only be run on a single node at a time", its Kubernetes guide says). A second pod
// beside the first, whether a further replica or the new pod of a RollingUpdate, is a second writer of it.

/** What one process alone writes, told for the prop that would start a second one. */
export interface SoleWriter {
  /** Why `count` replicas break it; `shared` when they would all mount one volume (a Deployment's claim or export). */
  readonly replicas: (count: number, shared: boolean) => string;
  /** How to run it instead of several replicas. */
  readonly replicasHint: string;
  /** Why a RollingUpdate breaks it. */
  readonly rollout: string;
  /** How to roll it out instead. */
  readonly rolloutHint: string;
}

/**
 * The state one process of the app alone may write: a game server's world, by the image of a main container
 * (`mainImages`), or the replica of a Litestream container among `containers` that runs `replicate` beside the app
 * (`app` names the main container). Undefined for other apps. Pure.
 */
export function soleWriterOf(mainImages: readonly unknown[], containers: readonly PropContainerMounts[], app: string): SoleWriter | undefined {
  const server = worldServerOf(mainImages);
  if (server !== undefined) {
    return {
      replicas: (count, shared) => `${server.app} keeps ${server.world} in ${server.dir}, which one server process owns: ${count} replicas are ${count} servers, `
        + `${shared ? `all writing ${server.world} of one shared volume at once` : `each with ${server.world} of its own`}, and the load balancer sends each player to any of them`,
      replicasHint: 'run one replica: more players need more memory and CPU of the one server (resources), not more servers',
      rollout: `RollingUpdate starts the new pod beside the old one, whose ${server.app} still runs on ${server.world} in ${server.dir}: two servers would write one world at once, `
        + 'or the new one finds it locked and the rollout never ends',
      rolloutHint: "use strategy: 'Recreate' (the App's default for a game server's world), which stops the old server before the new one starts",
    };
  }
  const replicator = litestreamReplicator(containers, app);
  if (replicator !== undefined) {
    return {
      replicas: (count, shared) => `container ${replicator} runs litestream replicate, which runs on one node at a time: ${count} replicas are ${count} `
        + `${shared ? 'apps writing one SQLite file of a shared volume at once,' : 'apps, each with a SQLite database of its own,'} and ${count} Litestream processes streaming to one replica, whose restore brings back one pod's writes alone`,
      replicasHint: 'run one replica: SQLite and Litestream serve one writer; an app of several replicas needs a database server',
      rollout: `RollingUpdate starts the new pod beside the old one: its init container restores the database while the old pod's ${replicator} still streams writes to the replica, `
        + 'and two Litestream processes then write one replica, so the old pod\'s last writes are lost',
      rolloutHint: "use strategy: 'Recreate' (the App's default for a Litestream sidecar), which stops the old pod before the new one restores",
    };
  }
  return undefined;
}
