import { compareVersions, imageVersion } from '../platform/promotion';
import type { Finding } from '../validation/finding';
import type { DocumentEntry } from './documents';
import type { OwnerActionEntry } from './owner-action';
import { claimsOfPods, stayingWorkloads } from './day-two-workloads';

/**
 * Images moved back: a workload that keeps data on claims and whose container image goes to an older
 * version tag than the previous output ran. The API server takes the change, but the data was last written
 * by the newer release, whose migrations (a database schema, a changed file format) the older one may not
 * read: PostgreSQL refuses a data folder of a newer major release, and many apps refuse a schema newer than
 * their own. The rollback may be meant, so it is a warning, with the restore as a step by hand. PostgreSQL
 * refuses a data folder of an older major release as well, and no restore mends that in place, so its image
 * moved forward across a major release on the same folder is an error. So is MongoDB's moved past a release series:
 * mongod reads the data of the series before its own alone.
 */

type Doc = Record<string, any>;

/** Workload kinds whose pod template an app's image lives in. */
const WORKLOADS: ReadonlySet<string> = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

/** The image without its tag and digest: two images of one repository are versions of one thing. */
function repositoryOf(image: string): string {
  const withoutDigest = image.split('@')[0];
  const colon = withoutDigest.lastIndexOf(':');
  return colon > withoutDigest.lastIndexOf('/') ? withoutDigest.slice(0, colon) : withoutDigest;
}

/** Images of a pod spec by container name, with the field each is at and the data folder PostgreSQL is told (`PGDATA`). */
function imagesOf(doc: Doc): Map<string, { image: string; field: string; pgdata?: unknown }> {
  const spec: Doc = doc.spec?.template?.spec ?? {};
  const images = new Map<string, { image: string; field: string; pgdata?: unknown }>();
  for (const list of ['initContainers', 'containers']) {
    (Array.isArray(spec[list]) ? spec[list] as Doc[] : []).forEach((container, index) => {
      if (typeof container?.name === 'string' && typeof container.image === 'string') {
        const pgdata = (Array.isArray(container.env) ? container.env as Doc[] : []).find((entry) => entry?.name === 'PGDATA')?.value;
        images.set(`${list}/${container.name}`, { image: container.image, field: `spec.template.spec.${list}[${index}].image`, pgdata });
      }
    });
  }
  return images;
}

/**
 * Repositories of PostgreSQL server images (the official one, Bitnami's, PostGIS, and the vector builds Immich
 * and others run), whose data folder only the major release that initialized it reads.
 */
const POSTGRES_REPOSITORY = /(^|\/)(postgres|postgresql|postgis|pgvector|pgvecto-rs)$/;

/** The major release of a PostgreSQL image's tag: `16.4`, `16-alpine`, pgvector's `pg16`, pgvecto-rs' `pg16-v0.2.0`. */
function postgresMajor(tag: string): number | undefined {
  const major = /^(?:pg)?(\d+)(?=$|[.\-_])/.exec(tag);
  return major ? Number(major[1]) : undefined;
}

/**
 * The error of a PostgreSQL image moved to a later major release on the data folder an earlier one initialized:
 * the server refuses it ("database files are incompatible with server") and the pod never starts. A new
 * `PGDATA` beside the image starts an empty folder, where a dump is restored, and is no error.
 */
function postgresMajorUpgrade(was: string, image: string, pgdataKept: boolean): { from: number; to: number } | undefined {
  const from = postgresMajor(imageVersion(was) ?? '');
  const to = postgresMajor(imageVersion(image) ?? '');
  if (!pgdataKept || from === undefined || to === undefined || to <= from || !POSTGRES_REPOSITORY.test(repositoryOf(was)) || !POSTGRES_REPOSITORY.test(repositoryOf(image))) {
    return undefined;
  }
  return { from, to };
}

/** Repositories of MongoDB server images: the official one and Bitnami's. */
const MONGO_REPOSITORY = /(^|\/)(mongo|mongodb)$/;

/** MongoDB's release series, in order: since 5.0 one a year, each `<major>.0`. */
const MONGO_SERIES = ['3.6', '4.0', '4.2', '4.4', '5.0', '6.0', '7.0', '8.0'];

/** The release series of a MongoDB image's tag (`7.0.14`, `6.0-jammy`, `8`), or undefined for another tag. */
function mongoSeries(tag: string): string | undefined {
  const version = /^(\d+)(?:\.(\d+))?(?=$|[.\-_])/.exec(tag);
  if (version === null) {
    return undefined;
  }
  const major = Number(version[1]);
  const series = major >= 5 ? `${major}.0` : version[2] === undefined ? MONGO_SERIES.filter((s) => s.startsWith(`${major}.`)).pop() : `${major}.${version[2]}`;
  return series !== undefined && MONGO_SERIES.includes(series) ? series : undefined;
}

/**
 * The series a MongoDB image moved forward past on the data the earlier one wrote: mongod reads only the data of the
 * series just before its own, whose featureCompatibilityVersion is set to that series, and refuses to start on older.
 */
function mongoSeriesSkipped(was: string, image: string): { from: string; to: string; between: string[] } | undefined {
  const from = mongoSeries(imageVersion(was) ?? '');
  const to = mongoSeries(imageVersion(image) ?? '');
  if (from === undefined || to === undefined || !MONGO_REPOSITORY.test(repositoryOf(was)) || !MONGO_REPOSITORY.test(repositoryOf(image))) {
    return undefined;
  }
  const between = MONGO_SERIES.slice(MONGO_SERIES.indexOf(from) + 1, MONGO_SERIES.indexOf(to));
  return between.length > 0 ? { from, to, between } : undefined;
}

/** The warnings and steps of the workloads of `now` whose image moved back to an older tag while they keep data. Pure. */
export function imageRollbacks(
  old: ReadonlyMap<string, DocumentEntry>, now: ReadonlyMap<string, DocumentEntry>, constructPaths: ReadonlyMap<string, string>, chartPath: string,
): { findings: Finding[]; actions: OwnerActionEntry[] } {
  const findings: Finding[] = [];
  const actions: OwnerActionEntry[] = [];
  for (const { id, doc, previous } of stayingWorkloads(old, now, WORKLOADS)) {
    const claims = claimsOfPods(doc);
    if (claims.length === 0) {
      continue;
    }
    const before = imagesOf(previous);
    for (const [container, { image, field, pgdata }] of imagesOf(doc)) {
      const was = before.get(container)?.image;
      const upgrade = was === undefined ? undefined : postgresMajorUpgrade(was, image, before.get(container)?.pgdata === pgdata);
      if (upgrade !== undefined) {
        const namespace = String(doc.metadata?.namespace);
        const held = claims.map((claim) => `${namespace}/${claim}`).join(', ');
        findings.push({
          layer: 'policy', severity: 'error', constructPath: constructPaths.get(id) ?? chartPath, kind: String(doc.kind), namespace, name: doc.metadata?.name, field,
          message: `image ${repositoryOf(image)} moves from PostgreSQL ${upgrade.from} to ${upgrade.to} on the data folder ${upgrade.from} initialized on ${held}: `
            + `PostgreSQL ${upgrade.to} refuses a data folder of another major release ("database files are incompatible with server"), so the pod would not start`,
          hint: `keep ${was} until the data is moved: dump it with pg_dumpall, give ${upgrade.to} an empty folder (a new claim, or a new PGDATA) and restore the dump there, or run pg_upgrade on it first`,
        });
        continue;
      }
      const skipped = was === undefined ? undefined : mongoSeriesSkipped(was, image);
      if (skipped !== undefined) {
        const namespace = String(doc.metadata?.namespace);
        findings.push({
          layer: 'policy', severity: 'error', constructPath: constructPaths.get(id) ?? chartPath, kind: String(doc.kind), namespace, name: doc.metadata?.name, field,
          message: `image ${repositoryOf(image)} moves from MongoDB ${skipped.from} to ${skipped.to} on the data ${skipped.from} wrote on ${claims.map((claim) => `${namespace}/${claim}`).join(', ')}, past ${skipped.between.join(', ')}: `
            + `mongod ${skipped.to} reads only the data of the series before its own, with its featureCompatibilityVersion set to it, and refuses to start on older`,
          hint: `move one series at a time: ${skipped.between.map((series) => `${series}, then db.adminCommand({ setFeatureCompatibilityVersion: '${series}' }) once it runs`).join('; ')}; then ${skipped.to}`,
        });
        continue;
      }
      const oldTag = was === undefined ? undefined : imageVersion(was);
      const newTag = imageVersion(image);
      if (was === undefined || oldTag === undefined || newTag === undefined || repositoryOf(was) !== repositoryOf(image)
        || (compareVersions(newTag, oldTag) ?? 0) >= 0) {
        continue;
      }
      const namespace = String(doc.metadata?.namespace);
      const constructPath = constructPaths.get(id) ?? chartPath;
      const held = claims.map((claim) => `${namespace}/${claim}`).join(', ');
      findings.push({
        layer: 'policy', severity: 'warning', constructPath, kind: String(doc.kind), namespace, name: doc.metadata?.name, field,
        message: `image ${repositoryOf(image)} moves back from ${oldTag} to ${newTag}, while the pods keep their data on ${held}: that data was last written by ${oldTag}, `
          + 'whose migrations an older release may not read (PostgreSQL refuses a data folder of a newer major release; many apps refuse a database schema newer than their own)',
        hint: `if the rollback is meant, stop the app and restore its data from a backup made before ${oldTag} ran, then sync; otherwise keep ${was}`,
      });
      actions.push({
        kind: 'manual',
        action: `before the next sync, restore the data of ${held} from a backup made before ${oldTag} ran, as ${newTag} may not read what ${oldTag} wrote`,
        source: constructPath,
      });
    }
  }
  return { findings, actions };
}
