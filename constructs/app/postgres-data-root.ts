import { POSTGRES_IMAGE } from './database-data';
import { normalMountPath } from './mount-paths';

// The official PostgreSQL image's entrypoint, run as a user other than root, cannot take ownership of its data folder:
// it runs initdb there, which makes the folder the server's own (mode 0700) with chmod and stops with "could not change
// permissions of directory … Operation not permitted" where another user owns it. The root of a claim a provisioner
// makes belongs to root (fsGroup gives its group alone), so the server never starts on a fresh claim mounted at its data
// folder; a folder inside the claim, which the entrypoint makes as the server's user, is the image's own answer
// (`PGDATA: /var/lib/postgresql/data/pgdata`). Compose files leave it out, as there the image starts as root and chowns.

/** Images whose entrypoint is the official one; TimescaleDB's HA image has its own, and its data folder elsewhere. */
const OFFICIAL_ENTRYPOINT = (image: string) => POSTGRES_IMAGE.test(image) && !/timescaledb-ha(?=[:@]|$)/.test(image);

/** The official image's release, from its tag (`postgres:17.2` → 17), or undefined for another image or tag. */
function officialMajor(image: string): number | undefined {
  const major = /^(docker\.io\/)?(library\/)?postgres:(\d+)/.exec(image)?.[3];
  return major === undefined ? undefined : Number(major);
}

/** A mount of the main container judged here. */
export interface DataRootMount {
  /** The prop that mounts it (`persistence.data.mountPath`). */
  readonly field: string;
  readonly mountPath: string;
  /** A claim the app makes, whose root folder the provisioner gives to root. */
  readonly freshClaim: boolean;
  /** Another container of the pod (an init container that gives it to the server's user) mounts the volume too. */
  readonly shared: boolean;
}

/** What the check reads of the app. */
export interface DataRootInput {
  readonly image: string;
  /** Env values written as text, by name. */
  readonly env: Readonly<Record<string, string>>;
  /** The container runs the image's server (not a client of the image, nor a script). */
  readonly runsServer: boolean;
  /** The main container runs as root, whose entrypoint gives the folder to the server's user before it starts. */
  readonly runsAsRoot: boolean;
  readonly mounts: readonly DataRootMount[];
}

/**
 * A PostgreSQL server of the official image (or one built on it) run as another user than root, whose data folder is
 * the root of a claim the app makes, with no other container to give it to that user: an error on `env.PGDATA` where
 * it names the folder, else on the mount; the hint points PGDATA at a folder inside the claim. Pure.
 */
export function postgresDataRootProblems(input: DataRootInput): Array<{ field: string; message: string; hint: string }> {
  if (!input.runsServer || input.runsAsRoot || !OFFICIAL_ENTRYPOINT(input.image)) {
    return [];
  }
  const major = officialMajor(input.image);
  const dir = input.env.PGDATA !== undefined ? normalMountPath(input.env.PGDATA) : major !== undefined && major >= 18 ? `/var/lib/postgresql/${major}/docker` : '/var/lib/postgresql/data';
  const root = input.mounts.find((m) => m.freshClaim && !m.shared && normalMountPath(m.mountPath) === dir);
  if (root === undefined) {
    return [];
  }
  return [{
    field: input.env.PGDATA !== undefined ? 'env.PGDATA' : root.field,
    message: `PostgreSQL keeps its data in ${dir}, the root of a claim, which the provisioner makes as root's; run as another user than root, the image's initdb must make that folder its own `
      + '(mode 0700) and stops with "could not change permissions of directory … Operation not permitted", so the server never starts',
    hint: `point PGDATA at a folder inside the claim, which the entrypoint makes as the server's user: env: { PGDATA: '${dir}/pgdata' }`,
  }];
}
