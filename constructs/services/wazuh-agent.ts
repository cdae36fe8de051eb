import { singleAddressNetwork } from '../inventory/ip';
import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { App } from '../app/app';
import { ownVolumesOf } from '../app/own-volumes';
import type { OwnEnvVariable } from '../app/own-env';
import { appPropsOfService, servicePropsObject } from '../app/service-props';
import { versionTagProblems } from './version-tag';
import { AppController } from '../app/controller';
import type { EnvValue } from '../app/env';
import { rootInitExemption } from '../app/security';
import { AppVolume } from '../app/volumes';
import { ExternalHost } from '../inventory/host';
import type { SecretReference } from '../secrets/secret-reference';
import { leaveOwnerAction } from '../synth/owner-action';
import { PropProblem, rejectPropProblems } from '../validation/known-props';
import { undeclaredHostProblems } from '../validation/undeclared-hosts';
import { WAZUH_AGENT_PROPS_SHAPE } from '../validation/service-props-shapes';
import type { ServicePassThroughProps } from './pass-through';
import { HOST_ROOT, listedNodePaths, nodePathProblems, readOnlyHostFolders } from './host-folders';

/** Pinned release of Wazuh's agent image. Renovate reads the comment above the pin. */
export const WAZUH_AGENT_PINS = {
  // renovate: datasource=docker depName=wazuh/wazuh-agent
  version: '4.13.0',
} as const;

/** Wazuh's default ports on the manager: agent events, and enrollment (`wazuh-authd`). */
export const WAZUH_DEFAULT_PORTS = { events: 1514, enrollment: 1515 } as const;

/** Where the image's init copies configuration from into `/var/ossec`, keeping the layout below it. */
const CONFIG_MOUNT = '/wazuh-config-mount/etc/ossec.conf';

/**
 * The manager's `<auth>` settings that let a node's agent enroll again at once under the node's name. Its
 * defaults replace an agent of the same name only once it has been disconnected for an hour and registered
 * for an hour, and each new pod of the DaemonSet enrolls again, as the pod keeps no key.
 */
export const WAZUH_MANAGER_REENROLLMENT = [
  '<auth>',
  '  <force>',
  '    <enabled>yes</enabled>',
  '    <disconnected_time enabled="no">1h</disconnected_time>',
  '    <after_registration_time>0</after_registration_time>',
  '  </force>',
  '</auth>',
].join('\n');

/** Options of the Wazuh agent on every node. */
export interface WazuhAgentProps extends ServicePassThroughProps {
  /**
   * The Wazuh manager, outside the cluster. Its ports `events` and `enrollment` are used when it names
   * them, else Wazuh's defaults (1514, 1515).
   */
  readonly manager: ExternalHost;
  /** Namespace. @default 'wazuh' */
  readonly namespace?: string;
  /** Extra labels on every object, e.g. the `owner` a cluster requires of its pods. @default {} */
  readonly labels?: Record<string, string>;
  /** Release of `wazuh/wazuh-agent`. @default WAZUH_AGENT_PINS.version */
  readonly version?: string;
  /** Agent group the agents enroll into (several joined by commas, without blanks); it must exist on the manager. @default 'default' */
  readonly group?: string;
  /**
   * The enrollment password, when the manager's `wazuh-authd` asks for one (`<use_password>yes</use_password>`).
   * @default - enrollment without a password
   */
  readonly registrationPassword?: SecretReference;
  /**
   * Folders of the node to watch for changes (file integrity monitoring), mounted read-only under `/host`.
   * @default ['/etc']
   */
  readonly watchedFolders?: string[];
  /**
   * Log files of the node the agent reads and ships, as paths on the node (mounted read-only under `/host`).
   * JSON lines are sent as such. A wildcard (`/var/log/app/*.json`) reads every file that matches; a folder
   * (`/var/log/app/`) is refused, as the agent would read nothing there.
   * @default - none
   */
  readonly jsonLogs?: string[];
}

/** The agent's `ossec.conf`, with the placeholders the image's init replaces from its environment. Pure. */
export function wazuhAgentConfig(props: { group: string; watchedFolders: readonly string[]; jsonLogs: readonly string[] }): string {
  const lines = [
    '<ossec_config>',
    '  <client>',
    '    <server>',
    '      <address>CHANGE_MANAGER_IP</address>',
    '      <port>CHANGE_MANAGER_PORT</port>',
    '      <protocol>tcp</protocol>',
    '    </server>',
    '    <enrollment>',
    '      <enabled>yes</enabled>',
    '      <manager_address>CHANGE_ENROLL_IP</manager_address>',
    '      <port>CHANGE_ENROLL_PORT</port>',
    '      <agent_name>CHANGE_AGENT_NAME</agent_name>',
    `      <groups>${props.group}</groups>`,
    '    </enrollment>',
    '  </client>',
    // Inventory, rootkit and policy scans would look at the agent's container, not at the node.
    '  <rootcheck><disabled>yes</disabled></rootcheck>',
    '  <wodle name="syscollector"><disabled>yes</disabled></wodle>',
    '  <sca><enabled>no</enabled></sca>',
    '  <syscheck>',
    '    <disabled>no</disabled>',
    '    <frequency>43200</frequency>',
    '    <scan_on_start>yes</scan_on_start>',
    ...props.watchedFolders.map((folder) => `    <directories>${HOST_ROOT}${folder}</directories>`),
    '  </syscheck>',
    ...props.jsonLogs.flatMap((log) => ['  <localfile>', '    <log_format>json</log_format>', `    <location>${HOST_ROOT}${log}</location>`, '  </localfile>']),
    '</ossec_config>',
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * `jsonLogs` entries that name a folder (a trailing `/`): the agent reads a location as one file or a
 * wildcard of files, and a folder reads nothing, silently. Pure.
 */
function logFolderProblems(jsonLogs: unknown): PropProblem[] {
  if (!Array.isArray(jsonLogs)) {
    return []; // the shape is reported with the props
  }
  return jsonLogs.flatMap((log, i) => typeof log !== 'string' || !/^\/.*\/$/.test(log) ? [] : [{
    field: `jsonLogs[${i}]`,
    message: `jsonLogs[${i}] "${log}" is a folder; the agent reads log files, and a folder as their location ships nothing`,
    hint: `name the files, with a wildcard for every file that matches: '${log}*.json'`,
  }]);
}

/**
 * The manager's two ports mixed up: events go to `wazuh-remoted` and enrollment to `wazuh-authd`, two daemons
 * on two ports, so one port for both, or Wazuh's defaults the other way round, leaves the agent unenrolled. Pure.
 */
function managerPortProblems(manager: ExternalHost | undefined): PropProblem[] {
  // A port of the manager's external host that is no port (`'1514'`, as untyped JavaScript writes it), named
  // where it was written rather than on the egress rule made from it.
  const written = (['events', 'enrollment'] as const).flatMap((key) => {
    const port: unknown = manager?.ports?.[key];
    return port === undefined || (typeof port === 'number' && Number.isInteger(port) && port >= 1 && port <= 65535) ? [] : [{
      field: `manager.ports.${key}`, message: `the manager's ${key} port is ${JSON.stringify(port)}, not a port: a whole number of 1–65535`,
      hint: `write the port as a number in the manager's external host: ports: { ${key}: ${typeof port === 'string' && /^\d+$/.test(port.trim()) ? port.trim() : WAZUH_DEFAULT_PORTS[key]} }`,
    }];
  });
  if (written.length > 0) {
    return written;
  }
  const events = manager?.ports?.events ?? WAZUH_DEFAULT_PORTS.events;
  const enrollment = manager?.ports?.enrollment ?? WAZUH_DEFAULT_PORTS.enrollment;
  const defaults = `ports: { events: ${WAZUH_DEFAULT_PORTS.events}, enrollment: ${WAZUH_DEFAULT_PORTS.enrollment} }`;
  if (events === enrollment) {
    return [{
      field: 'manager.ports.enrollment',
      message: `the manager's events and enrollment ports are both ${events}; wazuh-remoted takes the events and wazuh-authd the enrollment, each on a port of its own`,
      hint: `give the manager's external host the two ports its ossec.conf opens, by default ${defaults}`,
    }];
  }
  if (events === WAZUH_DEFAULT_PORTS.enrollment && enrollment === WAZUH_DEFAULT_PORTS.events) {
    return [{
      field: 'manager.ports.events',
      message: `events is ${events} and enrollment ${enrollment}, Wazuh's defaults the other way round: the agent would enroll with wazuh-remoted and send its events to wazuh-authd`,
      hint: `swap them in the manager's external host: ${defaults}`,
    }];
  }
  return [];
}

/**
 * A `group` Wazuh does not take: group names are letters, digits, `_`, `-` and `.`, several joined by commas
 * (no blanks); the manager refuses the enrollment of another, and `<` or `&` would break ossec.conf. Pure.
 */
function groupProblems(group: unknown): PropProblem[] {
  if (typeof group !== 'string' || /^[\w.-]+(,[\w.-]+)*$/.test(group)) {
    return []; // no text is reported with the props
  }
  const names = group.split(',').map((name) => name.trim().replace(/[^\w.-]+/g, '-')).filter((name) => name !== '');
  return [{
    field: 'group',
    message: `group "${group}" is no Wazuh group name: the manager takes letters, digits, '_', '-' and '.', several groups joined by commas without blanks, and refuses the enrollment of another`,
    hint: names.length > 0 ? `write group: '${names.join(',')}', as the group is named on the manager` : "name a group of the manager, e.g. group: 'default'",
  }];
}

/** The variables that point the agent at its manager, which its network policy lets it reach (see `ServicePropsCheck.ownEnv`). */
function managerOwnEnv(address: string | undefined): Record<string, OwnEnvVariable> {
  const variable = (what: string): OwnEnvVariable => ({
    accepts: (value) => value === address,
    why: `it names the manager's address ${address ?? ''} for ${what}, the one address the agent's network policy lets it connect to`,
    instead: 'leave it out; set manager to the external host of the Wazuh manager',
  });
  return { WAZUH_MANAGER_SERVER: variable('its events'), WAZUH_REGISTRATION_SERVER: variable('its enrollment') };
}

/**
 * The Wazuh agent as a DaemonSet: one agent per node, enrolled with the manager outside the cluster under the
 * node's name. It watches the node's folders (mounted read-only) for changes and ships the node's logs; it
 * may connect to the manager's events and enrollment ports only. The image starts as root and its daemons
 * drop to the `wazuh` user: those departures are exemptions with their reasons.
 */
export class WazuhAgent extends App {
  constructor(scope: Construct, id: string, given: WazuhAgentProps) {
    // Props that are no object (JavaScript) are reported on the construct, given as they came.
    const props = servicePropsObject(given);
    // A manager that is no external host of the inventory (its name as text), or one whose address is no address
    // (a URL copied from its dashboard), is reported on the prop below, or with the site's machines; until then the
    // agent is built as one without a manager, which may connect nowhere, rather than with an egress rule of no network.
    const manager = props.manager instanceof ExternalHost && typeof props.manager.address === 'string'
      && !props.manager.problems.some((problem) => problem.field === 'address') ? props.manager : undefined;
    const events = manager?.ports?.events ?? WAZUH_DEFAULT_PORTS.events;
    const enrollment = manager?.ports?.enrollment ?? WAZUH_DEFAULT_PORTS.enrollment;
    const watchedFolders = listedNodePaths(props.watchedFolders, ['/etc']);
    const jsonLogs = listedNodePaths(props.jsonLogs, []);
    const hostFolders = [...new Set([...watchedFolders, ...jsonLogs.map((log) => log.slice(0, log.lastIndexOf('/')) || '/')])].sort();
    const namespace = props.namespace ?? 'wazuh';
    const env: Record<string, EnvValue> = {
      WAZUH_MANAGER_SERVER: manager?.address ?? '',
      WAZUH_MANAGER_PORT: String(events),
      WAZUH_REGISTRATION_SERVER: manager?.address ?? '',
      WAZUH_REGISTRATION_PORT: String(enrollment),
      // One agent per node, under the node's name: a restarted pod enrolls as the same agent.
      WAZUH_AGENT_NAME: { fieldPath: 'spec.nodeName' },
    };
    if (props.registrationPassword) {
      env.WAZUH_REGISTRATION_PASSWORD = props.registrationPassword;
    }
    const own = {
      config: { volume: AppVolume.configMap(`${id}-config`), readOnly: true, mounts: [{ mountPath: CONFIG_MOUNT, subPath: 'ossec.conf' }] },
      ...readOnlyHostFolders(hostFolders),
    };
    const agentRunning = { command: ['pgrep', '-x', 'wazuh-agentd'] };
    super(scope, id, appPropsOfService({
      image: `wazuh/wazuh-agent:${props.version ?? WAZUH_AGENT_PINS.version}`,
      namespace,
      labels: props.labels,
      controller: AppController.daemonSet({ everyNode: true }),
      env: { ...env, ...props.env },
      persistence: { ...own, ...props.persistence },
      probes: {
        readiness: agentRunning,
        liveness: { ...agentRunning, initialDelaySeconds: 30, failureThreshold: 6 },
      },
      resources: props.resources ?? { cpuRequest: '50m', memoryRequest: '128Mi', memoryLimit: '512Mi' },
      // Without a manager (reported below) the agent may connect nowhere.
      egress: manager ? [{ cidr: singleAddressNetwork(manager.address), ports: [{ port: events }, { port: enrollment }] }] : [],
      exemptions: {
        runAsRoot: "the image's init (s6-overlay) and wazuh-control start as root; the agent's daemons then drop to the wazuh user",
        writableRootFilesystem: 'the init copies ossec.conf into /var/ossec and the agent keeps its enrollment key and queues there',
        addCapabilities: rootInitExemption('supervisor', 'the init gives /var/ossec to the wazuh user, and the daemons switch to it'),
        hostPath: `reads the node's ${hostFolders.join(', ')} read-only, to watch ${watchedFolders.join(', ')} for changes${jsonLogs.length > 0 ? ' and ship its logs' : ''}`,
        ...props.exemptions,
      },
    }, {
      what: 'WazuhAgent', props: given, shape: WAZUH_AGENT_PROPS_SHAPE, versionProp: { field: 'version', parts: 3, example: WAZUH_AGENT_PINS.version }, rules: { required: [['manager', 'name the Wazuh manager: an externalHost of the inventory']] },
      // A folder without its leading slash is refused before the app is built, which would mount it as no node folder.
      problems: () => [
        ...versionTagProblems(props.version, 'wazuh/wazuh-agent', { exemptions: props.exemptions }),
        ...nodePathProblems('watchedFolders', props.watchedFolders), ...nodePathProblems('jsonLogs', props.jsonLogs), ...logFolderProblems(props.jsonLogs),
        ...groupProblems(props.group), ...managerPortProblems(manager),
      ],
      ownEnv: managerOwnEnv(manager?.address),
      ownVolumes: ownVolumesOf(own, { config: 'it is the ossec.conf made from the props (`group`, `watchedFolders`, `jsonLogs`)' },
        'it is a node folder the agent reads (of `watchedFolders` or `jsonLogs`), mounted read-only'),
    }));
    rejectPropProblems(this, 'WazuhAgent', [
      ...undeclaredHostProblems('manager', props.manager, Object.values(this.cluster.site.externalHosts), this.cluster.externalHosts),
    ]);
    if (manager) {
      leaveOwnerAction(this, {
        kind: 'manual',
        action: `on the Wazuh manager (${manager.address}), let a node's agent that enrolls again replace the agent of the node's name at once: every new pod of `
          + `DaemonSet ${this.namespace}/${id} (an update, a node's restart) enrolls again, as the pod keeps no key, and the manager's default force options `
          + "refuse a name whose agent has been disconnected or registered for less than an hour; merge these options into the auth section of the manager's "
          + 'ossec.conf and restart the manager',
        command: WAZUH_MANAGER_REENROLLMENT,
      });
    }
    new ApiObject(this, 'config', {
      apiVersion: 'v1', kind: 'ConfigMap',
      metadata: { name: `${id}-config`, namespace: this.namespace, labels: this.labels },
      data: { 'ossec.conf': wazuhAgentConfig({ group: props.group ?? 'default', watchedFolders, jsonLogs }) },
    });
  }
}
