import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { App } from '../app/app';
import { ownVolumesOf } from '../app/own-volumes';
import { appPropsOfService, servicePropsObject } from '../app/service-props';
import { versionTagProblems } from './version-tag';
import { AppController } from '../app/controller';
import { AppVolume } from '../app/volumes';
import { OSQUERY_PROPS_SHAPE } from '../validation/service-props-shapes';
import type { ServicePassThroughProps } from './pass-through';
import { HOST_ROOT, listedNodePaths, nodePathProblems, readOnlyHostFolders } from './host-folders';

/** Pinned release of osquery's image (`<release>-<base OS>`). Renovate reads the comment above the pin. */
export const OSQUERY_PINS = {
  // renovate: datasource=docker depName=osquery/osquery
  image: '5.17.0-ubuntu22.04',
} as const;

/** Where osqueryd keeps its database and pidfile: an emptyDir, the root filesystem staying read-only. */
const STATE_PATH = '/var/osquery';

/** One scheduled query of osquery. */
export interface OsqueryScheduledQuery {
  /** The SQL. */
  readonly query: string;
  /** Seconds between runs. */
  readonly interval: number;
}

/** Options of osquery on every node. */
export interface OsqueryProps extends ServicePassThroughProps {
  /** Namespace. @default 'osquery' */
  readonly namespace?: string;
  /** Extra labels on every object, e.g. the `owner` a cluster requires of its pods. @default {} */
  readonly labels?: Record<string, string>;
  /** Tag of `osquery/osquery`. @default OSQUERY_PINS.image */
  readonly imageTag?: string;
  /**
   * Scheduled queries by name. Each run logs the rows added and removed since the last one as JSON lines
   * on standard output, where the node's log collector picks them up.
   * @default OSQUERY_DEFAULT_SCHEDULE
   */
  readonly schedule?: Record<string, OsqueryScheduledQuery>;
  /** Folders of the node mounted read-only under `/host`, for queries of the `file` and `hash` tables. @default ['/etc'] */
  readonly hostFolders?: string[];
}

/**
 * A small schedule that works without root: the node's processes (the pod shares the node's process
 * namespace), its kernel modules and kernel, and the files directly under the node's `/etc`.
 */
export const OSQUERY_DEFAULT_SCHEDULE: Readonly<Record<string, OsqueryScheduledQuery>> = {
  processes: { query: 'SELECT pid, parent, uid, name, cmdline FROM processes;', interval: 300 },
  kernel_modules: { query: 'SELECT name, size, used_by, status FROM kernel_modules;', interval: 3600 },
  kernel_info: { query: 'SELECT version, arguments FROM kernel_info;', interval: 86400 },
  host_etc_files: { query: `SELECT path, mode, uid, gid, size, mtime FROM file WHERE path LIKE '${HOST_ROOT}/etc/%';`, interval: 3600 },
};

/** The osquery configuration file (`osquery.conf`) of a schedule. Pure. */
export function osqueryConfig(schedule: Readonly<Record<string, OsqueryScheduledQuery>>): string {
  const entries = Object.keys(schedule).sort().map((name) => [name, { interval: schedule[name].interval, query: schedule[name].query }]);
  return `${JSON.stringify({ schedule: Object.fromEntries(entries) }, undefined, 2)}\n`;
}

/**
 * osquery as a DaemonSet: osqueryd on every node, not as root, sharing the node's process namespace and
 * reading some of its folders read-only, with a schedule of queries from a ConfigMap. Results go to standard
 * output as JSON lines, which the node's log collector ships with the container logs. It opens no port and
 * connects nowhere.
 */
export class Osquery extends App {
  constructor(scope: Construct, id: string, given: OsqueryProps = {}) {
    // Props that are no object (JavaScript) are reported on the construct, given as they came.
    const props = servicePropsObject(given);
    const hostFolders = [...new Set(listedNodePaths(props.hostFolders, ['/etc']))].sort();
    const configMapName = `${id}-config`;
    const own = {
      config: { volume: AppVolume.configMap(configMapName), mountPath: '/etc/osquery', readOnly: true },
      state: { volume: AppVolume.emptyDir(), mountPath: STATE_PATH },
      ...readOnlyHostFolders(hostFolders),
    };
    const running = { command: ['sh', '-c', `kill -0 "$(cat ${STATE_PATH}/osqueryd.pidfile)"`] };
    super(scope, id, appPropsOfService({
      image: `osquery/osquery:${props.imageTag ?? OSQUERY_PINS.image}`,
      namespace: props.namespace ?? 'osquery',
      labels: props.labels,
      controller: AppController.daemonSet({ everyNode: true }),
      command: ['osqueryd'],
      args: [
        '--config_plugin=filesystem', '--config_path=/etc/osquery/osquery.conf',
        '--logger_plugin=stdout',
        `--database_path=${STATE_PATH}/osquery.db`, `--pidfile=${STATE_PATH}/osqueryd.pidfile`,
        '--disable_extensions=true',
        // The pod's host name is the pod's; results carry the node's name instead.
        '--host_identifier=specified', '--specified_identifier=$(NODE_NAME)',
      ],
      env: { NODE_NAME: { fieldPath: 'spec.nodeName' }, ...props.env },
      persistence: { ...own, ...props.persistence },
      probes: {
        readiness: running,
        liveness: { ...running, initialDelaySeconds: 30, failureThreshold: 6 },
      },
      resources: props.resources ?? { cpuRequest: '50m', memoryRequest: '128Mi', memoryLimit: '384Mi' },
      // It only reads the node and writes to standard output.
      egress: [],
      exemptions: {
        hostPid: "the processes table lists the node's processes, which only the node's process namespace shows",
        hostPath: `reads the node's ${hostFolders.join(', ')} read-only, for the file table`,
        ...props.exemptions,
      },
    }, {
      what: 'Osquery', props: given, shape: OSQUERY_PROPS_SHAPE, versionProp: { field: 'imageTag', parts: 3, example: OSQUERY_PINS.image }, problems: () => [
        ...versionTagProblems(props.imageTag, 'osquery/osquery', { field: 'imageTag', exemptions: props.exemptions }),
        // Refused before the app is built, which would mount a folder without its leading slash as no node folder.
        ...nodePathProblems('hostFolders', props.hostFolders),
        // osqueryd skips a query of no text without a word, and the schedule entry reports nothing.
        ...Object.entries(props.schedule ?? {}).filter(([, entry]) => typeof entry?.query === 'string' && entry.query.trim() === '').map(([name]) => ({
          field: `schedule.${name}.query`, message: `schedule.${name}.query is empty, so osqueryd runs nothing for "${name}"`,
          hint: "write the SQL osqueryd runs, e.g. query: 'SELECT pid, name FROM processes;', or leave the entry out",
        })),
      ],
      ownVolumes: ownVolumesOf(own, {
        config: 'it is the osquery.conf made from `schedule`: change the queries there',
        state: "it is osqueryd's database and pidfile, kept for the pod's life",
      }, 'it is a node folder of `hostFolders`, mounted read-only'),
    }));
    new ApiObject(this, 'config', {
      apiVersion: 'v1', kind: 'ConfigMap',
      metadata: { name: configMapName, namespace: this.namespace, labels: this.labels },
      data: { 'osquery.conf': osqueryConfig(props.schedule ?? OSQUERY_DEFAULT_SCHEDULE) },
    });
  }
}
