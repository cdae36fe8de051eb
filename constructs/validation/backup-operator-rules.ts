import { closestName } from './closest-name';
import type { SynthesizedObject } from '../synth/collect';
import { cronScheduleProblem, timeZoneNameHint, timeZoneProblem } from './cron';
import { scheduleHint } from './cron-hints';
import { goDurationText, parsedGoDuration, spokenDurationMilliseconds } from './go-duration';
import { AddFinding, fields, Fields } from './manifest';
import { checkCnpgBackupMethod } from './cnpg-backup-method';
import { checkCnpgBootstrap } from './cnpg-bootstrap-rules';
import { checkCnpgCrdRules } from './cnpg-crd-rules';
import { RESTIC_DURATION_UNITS, resticDurationProblem } from './restic-duration';
import { checkK8upBackend, s3EndpointProblem } from './s3-backends';
import { veleroLocationProblems } from './velero-location';
import { scheduleIntervalMilliseconds } from './schedule-interval';

/** How a backup operator reads the schedules of its resources. */
interface ScheduleReader {
  /** The operator, as messages name it. */
  readonly operator: string;
  /** Six fields, seconds first (robfig/cron v1's `Parse`), where the CronJob controller reads five. */
  readonly seconds?: boolean;
  /** K8up's macros that pick a time from the object's name (`@daily-random`). */
  readonly randomMacros?: boolean;
}

/** A resource of a backup operator: the fields that hold its schedules. */
interface BackupKind {
  readonly reader: ScheduleReader;
  readonly schedules: readonly string[];
}

const CNPG: ScheduleReader = { operator: 'CloudNativePG', seconds: true };
const VOLSYNC: ScheduleReader = { operator: 'VolSync' };
const VOLSYNC_KIND: BackupKind = { reader: VOLSYNC, schedules: ['spec.trigger.schedule'] };

/** The backup resources whose schedules are read here, by API group and kind. */
const BACKUP_KINDS: Readonly<Record<string, BackupKind>> = {
  'postgresql.cnpg.io/ScheduledBackup': { reader: CNPG, schedules: ['spec.schedule'] },
  'volsync.backube/ReplicationSource': VOLSYNC_KIND,
  'volsync.backube/ReplicationDestination': VOLSYNC_KIND,
  'longhorn.io/RecurringJob': { reader: { operator: 'Longhorn' }, schedules: ['spec.cron'] },
  'velero.io/Schedule': { reader: { operator: 'Velero' }, schedules: ['spec.schedule'] },
  'k8up.io/Schedule': {
    reader: { operator: 'K8up', randomMacros: true },
    schedules: ['backup', 'check', 'prune', 'archive', 'restore'].map((job) => `spec.${job}.schedule`),
  },
};

/** Resources whose retention, source or object store is read here, beside those with schedules. */
const RETENTION_KINDS: ReadonlySet<string> = new Set(['velero.io/Backup', 'velero.io/Restore', 'velero.io/BackupStorageLocation', 'postgresql.cnpg.io/Cluster', 'postgresql.cnpg.io/Backup', 'k8up.io/Prune', 'k8up.io/Backup']);

/** `<group>/<kind>` of an object. */
function groupKindOf(object: SynthesizedObject): string {
  return `${String(object.manifest.apiVersion).split('/')[0]}/${String(object.manifest.kind)}`;
}

/** The kinds of {@link BACKUP_KINDS} and {@link RETENTION_KINDS}, without their group: asked of every object, most of which are none. */
const BACKUP_KIND_NAMES: ReadonlySet<unknown> = new Set([...Object.keys(BACKUP_KINDS), ...RETENTION_KINDS].map((groupKind) => groupKind.slice(groupKind.indexOf('/') + 1)));

/** Whether `object` is a resource of a backup operator that {@link checkBackupOperatorObject} reads. */
export function isBackupOperatorObject(object: SynthesizedObject): boolean {
  if (!BACKUP_KIND_NAMES.has(object.manifest.kind)) {
    return false;
  }
  const groupKind = groupKindOf(object);
  return BACKUP_KINDS[groupKind] !== undefined || RETENTION_KINDS.has(groupKind);
}

/**
 * A backup operator's resource: its schedules as the operator parses them (CloudNativePG's six fields with seconds
 * first, where a crontab's five run every hour; the others' five fields as a CronJob's, with a time zone only as a
 * `CRON_TZ=` prefix, never as a CronJob's `timeZone` beside it, which their CRDs drop), and retention that keeps backups: a Longhorn RecurringJob runs a task its CRD takes and, when it snapshots or backs
 * up, keeps at least one, a Velero Schedule's `ttl` is a Go duration (the controller cannot read the object otherwise), and
 * a CloudNativePG Cluster's `retentionPolicy` is days, weeks or months as its CRD's pattern takes them; and the
 * fields of VolSync's and Velero's resources their CRDs type, written as another type; a Velero Restore names one backup; a
 * CloudNativePG backup's method with the fields it reads (cnpg-backup-method.ts), a CloudNativePG Cluster's CRD rules
 * (cnpg-crd-rules.ts), and the S3 endpoints and K8up backends the operators reach their stores through (s3-backends.ts).
 * Pure: reports through `add`.
 */
export function checkBackupOperatorObject(object: SynthesizedObject, add: AddFinding): void {
  const groupKind = groupKindOf(object);
  const kind = BACKUP_KINDS[groupKind];
  if (kind !== undefined) {
    for (const path of kind.schedules) {
      const schedule = valueAt(object.manifest, path);
      if (schedule !== undefined && typeof schedule !== 'string') {
        // Every operator's CRD types a schedule as text: a number (hours, seconds) is refused by the API server.
        add(path, `schedule ${JSON.stringify(schedule)} is no text: ${kind.reader.operator}'s CRD takes a cron schedule, and the API server refuses the object`,
          `write the schedule as text, e.g. schedule: '${kind.reader.seconds ? '0 0 3 * * *' : '0 3 * * *'}' for 03:00 every day, or a macro such as '@daily'`);
        continue;
      }
      const problem = typeof schedule === 'string' ? operatorScheduleProblem(schedule, kind.reader) : undefined;
      if (problem) {
        add(path, problem.message, problem.hint);
      } else if (typeof schedule === 'string') {
        checkZoneBeside(object, path, schedule, kind.reader, add);
      }
    }
  }
  const spec = fields(object.manifest.spec);
  if (groupKind === 'longhorn.io/RecurringJob') {
    checkLonghornRecurringJob(spec, add);
  } else if (groupKind === 'volsync.backube/ReplicationSource') {
    checkResticWithin(fields(spec.restic).retain, add);
    checkKeepCounts(fields(fields(spec.restic).retain), 'spec.restic.retain', VOLSYNC_COUNTS, add);
    checkVolSyncFields(spec, VOLSYNC_SOURCE_COPY_METHODS, add);
  } else if (groupKind === 'volsync.backube/ReplicationDestination') {
    checkVolSyncFields(spec, VOLSYNC_DESTINATION_COPY_METHODS, add);
    checkVolSyncRestoreTrigger(spec, add);
  } else if (groupKind === 'k8up.io/Schedule') {
    checkKeepCounts(fields(fields(spec.prune).retention), 'spec.prune.retention', K8UP_COUNTS, add);
    checkK8upBackend(spec, add);
  } else if (groupKind === 'k8up.io/Backup') {
    checkK8upBackend(spec, add);
  } else if (groupKind === 'k8up.io/Prune') {
    checkKeepCounts(fields(spec.retention), 'spec.retention', K8UP_COUNTS, add);
  } else if (groupKind === 'velero.io/Schedule') {
    checkVeleroTtl(fields(spec.template).ttl, 'spec.template.ttl', add);
    checkVeleroTtlCoversSchedule(spec, add);
    checkVeleroBackupFields(fields(spec.template), 'spec.template', add);
    checkSwitches(spec, 'spec', ['paused', 'useOwnerReferencesInBackup', 'skipImmediately'], 'Velero', add);
  } else if (groupKind === 'velero.io/Backup') {
    checkVeleroTtl(spec.ttl, 'spec.ttl', add);
    checkVeleroBackupFields(spec, 'spec', add);
  } else if (groupKind === 'velero.io/Restore') {
    checkVeleroRestoreSource(spec, add);
  } else if (groupKind === 'velero.io/BackupStorageLocation') {
    checkVeleroS3Config(spec, add);
  } else if (groupKind === 'postgresql.cnpg.io/Cluster') {
    checkCnpgRetention(fields(spec.backup).retentionPolicy, add);
    checkCnpgDestination(fields(fields(spec.backup).barmanObjectStore), add);
    checkCnpgCredentials(fields(spec.backup).barmanObjectStore, add);
    checkCnpgBootstrap(spec, add);
    checkCnpgCrdRules('Cluster', spec, add);
  } else if (groupKind === 'postgresql.cnpg.io/Backup' || groupKind === 'postgresql.cnpg.io/ScheduledBackup') {
    checkCnpgBackupMethod(spec, add);
  }
}

/**
 * A Velero BackupStorageLocation of the AWS plugin, as the plugin reads it (velero-location.ts, which judges the
 * Velero chart's locations too). Pure: reports through `add`.
 */
function checkVeleroS3Config(spec: Fields, add: AddFinding): void {
  const location = { provider: spec.provider, bucket: fields(spec.objectStorage).bucket, config: fields(spec.config) };
  const at = { config: 'spec.config', bucket: 'spec.objectStorage.bucket', bucketAndPrefix: (bucket: string, prefix: string) => `objectStorage: { bucket: '${bucket}', prefix: '${prefix}' }` };
  for (const { field, message, hint } of veleroLocationProblems(location, at)) {
    add(field, message, hint);
  }
}

/**
 * A CloudNativePG `barmanObjectStore` written as a URL of the S3 server (`http://minio:9000/backups`): barman-cloud reads
 * `destinationPath` as the bucket and path of the store (`s3://<bucket>/<path>`, `gs://`, or an Azure blob's `https://`
 * address) and the server from `endpointURL`, and fails every backup and WAL archive with this one.
 */
function checkCnpgDestination(store: Fields, add: AddFinding): void {
  const endpoint = s3EndpointProblem(store.endpointURL, 'endpointURL', 'barman-cloud');
  if (endpoint !== undefined) {
    add('spec.backup.barmanObjectStore.endpointURL', endpoint.message, endpoint.hint);
  }
  const destination = typeof store.destinationPath === 'string' ? store.destinationPath : undefined;
  if (destination === undefined || store.s3Credentials === undefined || !/^https?:\/\//.test(destination)) {
    return;
  }
  const url = /^(https?:\/\/[^/]+)\/?([^/]*)(.*)$/.exec(destination)!;
  add('spec.backup.barmanObjectStore.destinationPath', `destinationPath ${destination} is the S3 server's URL, but barman-cloud reads it as the bucket and path of the store (s3://<bucket>/<path>) and fails every backup`,
    `destinationPath: 's3://${url[2] || '<bucket>'}${url[3]}', endpointURL: '${url[1]}'`);
}

/** The credentials a barman object store takes, one of them alone. */
const CNPG_CREDENTIALS = ['s3Credentials', 'azureCredentials', 'googleCredentials'] as const;

/**
 * A CloudNativePG Cluster's `barmanObjectStore` says how barman-cloud signs in, with one of its credentials sections
 * (`s3Credentials: { inheritFromIAMRole: true }` for a role): CloudNativePG's webhook refuses a store with none, or more
 * than one ("One and only one of azureCredentials, s3Credentials and googleCredentials are required").
 */
function checkCnpgCredentials(store: unknown, add: AddFinding): void {
  if (store === undefined) {
    return;
  }
  const given = CNPG_CREDENTIALS.filter((key) => fields(store)[key] !== undefined);
  if (given.length === 1) {
    return;
  }
  add(`spec.backup.barmanObjectStore.${given[1] ?? 's3Credentials'}`,
    `the object store has ${given.length === 0 ? 'no credentials' : `both ${given.join(' and ')}`}: CloudNativePG's webhook refuses the Cluster ("One and only one of azureCredentials, s3Credentials and googleCredentials are required")`,
    given.length === 0 ? "name the Secret of the bucket's keys: s3Credentials: { accessKeyId: { name: 'minio', key: 'ACCESS_KEY_ID' }, secretAccessKey: { name: 'minio', key: 'ACCESS_SECRET_KEY' } }"
      : `keep the one of the store destinationPath names (${given[0]} for s3://)`);
}

/**
 * A Velero Restore restores one backup: `backupName`, or the latest of `scheduleName`'s. Velero's server fails a
 * Restore that names neither, or both, at once (FailedValidation), and restores nothing.
 */
function checkVeleroRestoreSource(spec: Fields, add: AddFinding): void {
  const given = ['backupName', 'scheduleName'].filter((key) => typeof spec[key] === 'string' && spec[key] !== '');
  if (given.length === 1) {
    return;
  }
  add(`spec.${given.length === 0 ? 'backupName' : 'scheduleName'}`,
    given.length === 0 ? 'the Restore names no backup to restore (neither backupName nor scheduleName), so Velero fails it and restores nothing'
      : 'the Restore names both a backupName and a scheduleName, so Velero fails it and restores nothing',
    given.length === 0 ? "name the backup (velero backup get lists them): backupName: 'daily-20261201020000', or the latest of a Schedule: scheduleName: 'daily'"
      : 'keep one: backupName for that backup, or scheduleName for the latest backup of that Schedule');
}

/**
 * A CronJob's `timeZone` written beside an operator's schedule, which has no such field: its CRD drops the field
 * without a word, and the schedule runs in UTC (the operator's own time zone).
 */
function checkZoneBeside(object: SynthesizedObject, path: string, schedule: string, reader: ScheduleReader, add: AddFinding): void {
  const parent = path.slice(0, path.lastIndexOf('.'));
  const zone = fields(valueAt(object.manifest, parent)).timeZone;
  if (typeof zone !== 'string') {
    return;
  }
  add(`${parent}.timeZone`, `${reader.operator} has no timeZone beside a schedule: its CRD drops the field, and "${schedule}" runs in UTC`,
    reader.seconds ? `write the time in UTC: ${reader.operator} reads no time zone`
      : /^(CRON_)?TZ=/.test(schedule.trim()) ? 'drop timeZone: the schedule names its zone'
        : `give the zone in the schedule: ${path.slice(path.lastIndexOf('.') + 1)}: 'CRON_TZ=${zone} ${schedule.trim()}'`);
}

function valueAt(manifest: Fields, path: string): unknown {
  return path.split('.').reduce<unknown>((at, key) => fields(at)[key], manifest);
}

/** Why `reader`'s operator would refuse or misread `schedule`, with the schedule it takes for the times meant; undefined when it reads it as a crontab would. */
function operatorScheduleProblem(schedule: string, reader: ScheduleReader): { message: string; hint: string } | undefined {
  const trimmed = schedule.trim();
  const zone = /^(?:CRON_)?TZ=(\S*)\s*(.*)$/.exec(trimmed);
  if (reader.seconds) {
    return zone ? {
      message: `schedule "${schedule}": ${reader.operator} reads no time zone in a schedule, and runs it in UTC`,
      hint: `write the time in UTC, seconds first: schedule: '0 ${zone[2]}'`,
    } : secondsFirstProblem(trimmed, reader);
  }
  if (zone) {
    const problem = timeZoneProblem(zone[1]);
    if (problem) {
      return { message: `schedule "${schedule}": ${problem}`, hint: timeZoneNameHint(zone[1], (name) => `schedule: 'CRON_TZ=${name} ${zone[2]}'`) };
    }
  }
  const times = zone ? zone[2] : trimmed;
  if (reader.randomMacros && /^@(hourly|daily|weekly|monthly|yearly|annually)-random$/.test(times)) {
    return undefined;
  }
  const problem = cronScheduleProblem(times);
  return problem === undefined ? undefined : {
    message: `schedule "${schedule}" is not one ${reader.operator} reads: ${problem}`,
    hint: scheduleHint(times, (s) => cronScheduleProblem(s) === undefined, reader.operator),
  };
}

/**
 * A schedule of six fields, seconds first, as robfig/cron v1 parses it: five fields read as second, minute, hour,
 * day of month and month (the day of week left out), so a crontab's `0 3 * * *` runs at minute 3 of every hour.
 */
function secondsFirstProblem(schedule: string, reader: ScheduleReader): { message: string; hint: string } | undefined {
  const valid = (s: string) => cronScheduleProblem(s) === undefined;
  if (schedule.startsWith('@')) {
    const problem = cronScheduleProblem(schedule);
    return problem === undefined ? undefined : { message: `schedule "${schedule}" is not one ${reader.operator} reads: ${problem}`, hint: scheduleHint(schedule, valid, reader.operator) };
  }
  const parts = schedule.split(/\s+/);
  if (parts.length === 5 && valid(schedule)) {
    return {
      message: `schedule "${schedule}" has five fields, and ${reader.operator} reads six, seconds first: it takes these as second ${parts[0]}, minute ${parts[1]}, hour ${parts[2]}, `
        + `day of month ${parts[3]} and month ${parts[4]}, so the backup runs at other times than a crontab's`,
      hint: `put the seconds first: schedule: '0 ${schedule}'`,
    };
  }
  // The seconds take the values minutes take.
  const problem = parts.length === 6 ? cronScheduleProblem(`${parts[0]} 0 * * *`) ?? cronScheduleProblem(parts.slice(1).join(' ')) : undefined;
  if (parts.length === 6 && problem === undefined) {
    return undefined;
  }
  const minutes = parts.length === 7 ? parts.slice(1, 6) : parts.length === 6 ? parts.slice(1) : parts;
  return {
    message: `schedule "${schedule}" is not one ${reader.operator} reads: ${problem ?? `it reads six fields (second minute hour day-of-month month day-of-week), this one has ${parts.length}`}`,
    hint: valid(minutes.join(' ')) ? `six fields, seconds first: schedule: '0 ${minutes.join(' ')}'` : 'six fields, seconds first: second minute hour day-of-month month day-of-week (`0 0 3 * * *` for 03:00)',
  };
}

/** Longhorn's tasks that take snapshots or backups, of which a RecurringJob keeps `retain`. */
const KEEPING_TASKS = new Set(['snapshot', 'snapshot-force-create', 'backup', 'backup-force-create']);

/** The tasks a Longhorn RecurringJob takes, its CRD's enum: the API server refuses any other. */
const LONGHORN_TASKS = ['snapshot', 'snapshot-force-create', 'snapshot-cleanup', 'snapshot-delete', 'backup', 'backup-force-create', 'filesystem-trim', 'system-backup'];

/** The counts of a Longhorn RecurringJob, which its CRD types as integers: how many to keep, and how many volumes at once. */
const LONGHORN_COUNTS = ['retain', 'concurrency'] as const;

/** The words a user writes for a task, as a backup tool or Longhorn's UI speaks of it. */
const LONGHORN_TASK_WORDS: Readonly<Record<string, string>> = { snapshots: 'snapshot', snap: 'snapshot', backups: 'backup', trim: 'filesystem-trim', fstrim: 'filesystem-trim' };

function checkLonghornRecurringJob(spec: Fields, add: AddFinding): void {
  const task = spec.task;
  if (typeof task === 'string' && !LONGHORN_TASKS.includes(task)) {
    const meant = LONGHORN_TASK_WORDS[task.toLowerCase()] ?? closestName(task.toLowerCase(), LONGHORN_TASKS);
    add('spec.task', `task "${task}" is none of the tasks Longhorn's RecurringJob CRD takes (${LONGHORN_TASKS.join(', ')}): the API server refuses the job`,
      meant !== undefined ? `task: '${meant}'` : "task: 'backup' to back volumes up to the backup target, or 'snapshot' to keep snapshots in the cluster");
    return;
  }
  for (const count of LONGHORN_COUNTS) {
    const value = spec[count];
    if (value !== undefined && !Number.isInteger(value)) {
      const written = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : undefined;
      add(`spec.${count}`, `${count} ${JSON.stringify(value)} is no whole number, and Longhorn's RecurringJob CRD takes one: the API server refuses the job`,
        written !== undefined ? `write it as a number, without quotes: ${count}: ${written}` : `give a whole number, e.g. ${count}: ${count === 'retain' ? 7 : 1}`);
      return;
    }
  }
  if (typeof spec.retain === 'number' && spec.retain < 1 && KEEPING_TASKS.has(String(spec.task))) {
    add('spec.retain', `retain ${spec.retain} keeps no ${String(spec.task).replace('-force-create', '')} of the ${String(spec.task)} job: Longhorn's webhook refuses it, and nothing would be kept to restore from`,
      'keep at least one: retain: 7 for a week of daily jobs');
  }
}

/** VolSync's data movers, each a section of a ReplicationSource's or ReplicationDestination's spec. */
const VOLSYNC_MOVERS = ['restic', 'rclone', 'rsync', 'rsyncTLS'] as const;

/** The copy methods VolSync's CRDs take, by kind (a destination has no volume to clone). */
const VOLSYNC_SOURCE_COPY_METHODS = ['Direct', 'None', 'Clone', 'Snapshot'] as const;
const VOLSYNC_DESTINATION_COPY_METHODS = ['Direct', 'None', 'Snapshot'] as const;

/**
 * The fields of a VolSync resource its CRD types, written as another type (the API server refuses the object,
 * and nothing is backed up or restored): a mover's `copyMethod` of the CRD's enum, case included; restic's
 * `pruneIntervalDays`, a whole number of at least 1; the `trigger.manual` tag, text; a mover's
 * `moverSecurityContext` ids, whole numbers.
 */
function checkVolSyncFields(spec: Fields, copyMethods: readonly string[], add: AddFinding): void {
  const manual = fields(spec.trigger).manual;
  if (manual !== undefined && typeof manual !== 'string') {
    add('spec.trigger.manual', `manual ${JSON.stringify(manual)} is no text: VolSync's CRD takes a tag, and a sync runs each time it changes; the API server refuses the object`,
      `write the tag as text: manual: '${typeof manual === 'number' || typeof manual === 'boolean' ? String(manual) : 'restore-1'}'`);
  }
  for (const mover of VOLSYNC_MOVERS) {
    const section = fields(spec[mover]);
    const at = `spec.${mover}`;
    const copyMethod = section.copyMethod;
    if (copyMethod !== undefined && (typeof copyMethod !== 'string' || !copyMethods.includes(copyMethod))) {
      const meant = typeof copyMethod === 'string' ? copyMethods.find((method) => method.toLowerCase() === copyMethod.trim().toLowerCase()) : undefined;
      add(`${at}.copyMethod`, `copyMethod ${JSON.stringify(copyMethod)} is not one of ${copyMethods.join(', ')}, all VolSync's CRD takes: the API server refuses the object`,
        meant !== undefined ? `write it as the CRD does, case included: copyMethod: '${meant}'` : `give one of ${copyMethods.join(', ')}, e.g. copyMethod: '${copyMethods.includes('Clone') ? 'Clone' : 'Snapshot'}'`);
    }
    const prune = section.pruneIntervalDays;
    if (mover === 'restic' && prune !== undefined && (typeof prune !== 'number' || !Number.isInteger(prune) || prune < 1)) {
      const days = typeof prune === 'string' && /^\s*\d+\s*$/.test(prune) ? Math.max(1, Number(prune)) : 7;
      add(`${at}.pruneIntervalDays`, `pruneIntervalDays ${JSON.stringify(prune)} is no whole number of days of at least 1, which VolSync's CRD takes: the API server refuses the object`,
        `write the days as a number${typeof prune === 'string' ? ', without quotes' : ''}: pruneIntervalDays: ${days}`);
    }
    const context = fields(section.moverSecurityContext);
    for (const id of ['runAsUser', 'runAsGroup', 'fsGroup'] as const) {
      const value = context[id];
      if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < 0)) {
        add(`${at}.moverSecurityContext.${id}`, `${id} ${JSON.stringify(value)} is no user or group id: the mover's pod takes a whole number, and the API server refuses the object`,
          `write the id as a number${typeof value === 'string' ? ', without quotes' : ''}: ${id}: ${typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : 1000}`);
      }
    }
  }
}

/** The movers that restore a backup (restic's and kopia's), where the others receive a replica. */
const RESTORING_MOVERS = ['restic', 'kopia'] as const;

/**
 * A ReplicationDestination of a backup mover with no trigger: VolSync reads no trigger as "always", so it restores
 * again as soon as a restore ends, over and over, where a restore drill or a rebuild means one restore
 * (`manual: restore-once`). A warning: a standby that follows the backups may mean it, a schedule says so better.
 */
function checkVolSyncRestoreTrigger(spec: Fields, add: AddFinding): void {
  const mover = RESTORING_MOVERS.find((candidate) => spec[candidate] !== undefined);
  const trigger = fields(spec.trigger);
  if (mover === undefined || trigger.manual !== undefined || trigger.schedule !== undefined) {
    return;
  }
  add('spec.trigger', `the ${mover} ReplicationDestination has no trigger, which VolSync reads as "always": it restores the latest backup again each time a restore ends, for as long as it exists`,
    "restore once with trigger: { manual: 'restore-once' } (change the tag to restore again), or give a schedule for a standby that follows the backups", 'warning');
}

/**
 * Switches of an operator's resource written as text (`paused: 'false'`, from an environment variable): its CRD
 * takes true or false, and the API server refuses the object.
 */
function checkSwitches(spec: Fields, at: string, switches: readonly string[], operator: string, add: AddFinding): void {
  for (const key of switches) {
    const value = spec[key];
    if (value !== undefined && typeof value !== 'boolean') {
      const meant = typeof value === 'string' && ['true', 'false'].includes(value.trim().toLowerCase()) ? value.trim().toLowerCase() : 'true';
      add(`${at}.${key}`, `${key} ${JSON.stringify(value)} is not true or false, which ${operator}'s CRD takes: the API server refuses the object`,
        `write it as a switch, without quotes: ${key}: ${meant}`);
    }
  }
}

/** A Velero backup's namespace lists and switches written as another type: see {@link checkVeleroNamespaceLists}, {@link checkSwitches}. */
function checkVeleroBackupFields(spec: Fields, at: string, add: AddFinding): void {
  checkVeleroNamespaceLists(spec, at, add);
  checkSwitches(spec, at, ['snapshotVolumes', 'defaultVolumesToFsBackup', 'snapshotMoveData', 'includeClusterResources'], 'Velero', add);
}

/**
 * A Velero backup's namespace lists written as one name (`includedNamespaces: 'vaultwarden'`): its CRD takes a
 * list, and the API server refuses the object.
 */
function checkVeleroNamespaceLists(spec: Fields, at: string, add: AddFinding): void {
  for (const list of ['includedNamespaces', 'excludedNamespaces'] as const) {
    const value = spec[list];
    if (value !== undefined && !Array.isArray(value)) {
      add(`${at}.${list}`, `${list} ${JSON.stringify(value)} is no list: Velero's CRD takes a list of namespaces, and the API server refuses the object`,
        `write it as a list: ${list}: ${typeof value === 'string' ? `[${value.split(/[\s,]+/).filter((name) => name !== '').map((name) => `'${name}'`).join(', ')}]` : "['vaultwarden']"}`);
    }
  }
}

function checkVeleroTtl(ttl: unknown, field: string, add: AddFinding): void {
  if (ttl !== undefined && typeof ttl !== 'string') {
    // Velero's CRD types it as text: a number of hours or seconds is refused by the API server.
    add(field, `ttl ${JSON.stringify(ttl)} is no text: Velero's CRD takes a Go duration, and the API server refuses the object`,
      typeof ttl === 'number' && ttl > 0 && Number.isInteger(ttl) ? `write it with its unit, in hours for a number of hours: ttl: '${ttl}h'` : "write it as a Go duration, e.g. ttl: '720h' for 30 days");
    return;
  }
  const milliseconds = typeof ttl === 'string' ? parsedGoDuration(ttl) : undefined;
  if (milliseconds !== undefined && milliseconds <= 0) {
    // Velero reads a ttl of zero as none given (and refuses none below it): no ttl keeps a backup for ever.
    add(field, `ttl ${JSON.stringify(ttl)} is no time to keep: Velero reads a ttl of ${milliseconds === 0 ? 'zero' : 'less than zero'} as none given, and deletes each backup after its default of 30 days (720h)`,
      "give how long to keep each backup: ttl: '720h' for 30 days; Velero keeps none for ever, so a long one such as '87600h' (10 years) is the nearest");
    return;
  }
  if (typeof ttl !== 'string' || milliseconds !== undefined) {
    return;
  }
  const meant = spokenDurationMilliseconds(ttl);
  add(field, `ttl ${JSON.stringify(ttl)} is no Go duration: Velero cannot read the object, so it makes no backup and deletes none`,
    meant !== undefined ? `write it in hours, minutes and seconds: ttl: '${goDurationText(meant)}'` : "write it in hours, minutes and seconds, e.g. ttl: '720h' for 30 days");
}

/** How many runs of a Schedule the hint keeps, a week of daily backups. */
const KEPT_RUNS = 7;

/**
 * A Velero Schedule whose backups expire before the next one runs: for the rest of each interval the cluster has no
 * backup at all, and a disk that dies then has nothing to come back from.
 */
function checkVeleroTtlCoversSchedule(spec: Fields, add: AddFinding): void {
  const ttl = fields(spec.template).ttl;
  const kept = typeof ttl === 'string' ? parsedGoDuration(ttl) : undefined;
  const interval = typeof spec.schedule === 'string' ? scheduleIntervalMilliseconds(spec.schedule) : undefined;
  if (kept === undefined || interval === undefined || kept <= 0 || kept >= interval) {
    return;
  }
  add('spec.template.ttl', `ttl ${String(ttl)} deletes each backup before the next one runs ${goDurationText(interval)} after it: for ${goDurationText(interval - kept)} of every ${goDurationText(interval)} there is no backup to restore`,
    `keep each backup for several runs, e.g. ttl: '${goDurationText(interval * KEPT_RUNS)}' keeps the last ${KEPT_RUNS}`);
}

/** CloudNativePG's retention policy, as its CRD's pattern takes it: a number of days, weeks or months. */
const CNPG_RETENTION = /^[1-9][0-9]*[dwm]$/;

function checkCnpgRetention(policy: unknown, add: AddFinding): void {
  if (typeof policy !== 'string' || CNPG_RETENTION.test(policy)) {
    return;
  }
  const meant = spokenDurationMilliseconds(policy);
  const days = meant === undefined ? undefined : Math.round(meant / 86_400_000);
  add('spec.backup.retentionPolicy', `retentionPolicy ${JSON.stringify(policy)} is not a number of days, weeks or months above 0, which is all the Cluster's CRD takes (\`30d\`, \`4w\`, \`6m\`)`
    + (days === 0 ? ': it would keep no backup' : ''),
  days !== undefined && days > 0 ? `retentionPolicy: '${days}d'` : "keep the backups a number of days, weeks or months: retentionPolicy: '30d'");
}

/**
 * VolSync's restic `retain.within`, which it hands to `restic forget --keep-within`: restic reads years (`y`),
 * months (`m`), days (`d`) and hours (`h`) alone, so a week (`1w`) or a word (`7days`) fails every forget, and
 * old snapshots are never removed.
 */
function checkResticWithin(retain: unknown, add: AddFinding): void {
  const within = fields(retain).within;
  const field = 'spec.restic.retain.within';
  if (within !== undefined && typeof within !== 'string') {
    add(field, `within ${JSON.stringify(within)} is no text: VolSync's CRD takes a restic duration, and the API server refuses the object`,
      typeof within === 'number' && Number.isInteger(within) && within > 0 ? `write it with its unit, in days for a number of days: within: '${within}d'` : "write years, months, days and hours, e.g. within: '7d' or '1y6m'");
    return;
  }
  if (typeof within !== 'string') {
    return;
  }
  const problem = resticDurationProblem(within);
  if (problem === undefined) {
    return;
  }
  add(field, `within "${within}" is no duration restic reads: ${RESTIC_DURATION_UNITS}, so every forget fails and no old snapshot is removed`,
    problem.meant !== undefined ? `within: '${problem.meant}'` : "write years, months, days and hours, e.g. within: '7d' or '1y6m'");
}

/** How an operator hands a retention's counts to restic's forget (`--keep-daily 7`), and what keeps snapshots besides them. */
interface KeepCounts {
  readonly operator: string;
  /** The count fields, each with restic's flag. */
  readonly counts: ReadonlyArray<readonly [field: string, flag: string]>;
  /** Fields that keep snapshots without a count (a time span, tags). */
  readonly keepers: readonly string[];
  /** What the operator does with a count below 0. */
  readonly negative: string;
  /** What the operator does when no count is above 0. */
  readonly nothingKept: string;
}

// K8up hands restic only the counts above 0 (its prune drops the others); restic's forget with no policy removes nothing.
const K8UP_COUNTS: KeepCounts = {
  operator: 'K8up',
  counts: [['keepLast', 'last'], ['keepHourly', 'hourly'], ['keepDaily', 'daily'], ['keepWeekly', 'weekly'], ['keepMonthly', 'monthly'], ['keepYearly', 'yearly']],
  keepers: ['keepTags'],
  negative: 'K8up hands restic only counts above 0, so it is dropped without a word',
  nothingKept: 'K8up hands restic only counts above 0, and restic\'s forget with no count removes no snapshot: every backup is kept for ever',
};

// VolSync hands restic each count as written (`--keep-daily -1`, which restic reads as no limit).
const VOLSYNC_COUNTS: KeepCounts = {
  operator: 'VolSync',
  counts: [['hourly', 'hourly'], ['daily', 'daily'], ['weekly', 'weekly'], ['monthly', 'monthly'], ['yearly', 'yearly']],
  keepers: ['within', 'last'],
  negative: 'VolSync hands it to restic\'s forget, which reads a count below 0 as no limit and keeps every such snapshot for ever',
  nothingKept: 'VolSync hands the counts to restic\'s forget, which reads 0 as no count and with none removes no snapshot: every backup is kept for ever',
};

/**
 * The counts of a K8up or VolSync restic retention (`keepDaily: 7`, `daily: 7`): whole numbers, as their CRDs
 * type them (the API server refuses a fraction or a number in quotes), none below 0, and at least one above 0
 * unless something else keeps snapshots, since restic's forget with no count keeps every backup for ever.
 */
function checkKeepCounts(retention: Fields, at: string, rules: KeepCounts, add: AddFinding): void {
  const given = rules.counts.filter(([field]) => retention[field] !== undefined);
  for (const [field, flag] of given) {
    const count = retention[field];
    const meant = typeof count === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(count) ? Number(count) : typeof count === 'number' ? count : undefined;
    if (typeof count !== 'number' || !Number.isInteger(count)) {
      add(`${at}.${field}`, `${field} ${JSON.stringify(count)} is no whole number: ${rules.operator}'s CRD takes a count of ${flag} snapshots to keep, and the API server refuses the object`,
        `write a whole number${typeof count === 'string' ? ', without quotes' : ''}: ${field}: ${meant === undefined ? 7 : Math.max(1, Math.round(meant))}`);
    } else if (count < 0) {
      add(`${at}.${field}`, `${field} ${count} keeps no number of ${flag} snapshots: ${rules.negative}`,
        `give how many ${flag} snapshots to keep, 1 or more: ${field}: 7`);
    }
  }
  const keeps = given.some(([field]) => typeof retention[field] === 'number' && (retention[field] as number) > 0)
    || rules.keepers.some((field) => retention[field] !== undefined);
  const zero = given.find(([field]) => retention[field] === 0);
  if (!keeps && zero !== undefined) {
    add(`${at}.${zero[0]}`, `${zero[0]} 0 is the only count of the retention, and keeps nothing: ${rules.nothingKept}`,
      `give how many ${zero[1]} snapshots to keep, 1 or more: ${zero[0]}: 7`);
  }
}
