import type { SynthesizedCluster } from '../synth/collect';
import type { Finding } from './finding';
import { parsedGoDuration } from './go-duration';
import { commandLine, Flag, flagsOf } from './command-flags';
import { fields, Fields, list, objectFinding, text } from './manifest';
import { podTemplates, PodTemplate } from './pod-spec';
import { windowDayProblem, windowTimeProblem, windowZoneProblem } from './reboot-windows';

// kured, the reboot daemon, written by hand or as an App: a DaemonSet whose pod on each node watches for
// /var/run/reboot-required, takes a lock written as an annotation on its own DaemonSet, drains the node and
// reboots it from the host's mount namespace. What follows are the settings with which it never reboots a node.

/** kured's image, as GitHub's registry (and Docker Hub, before) serve it. */
const KURED_IMAGE = /^(?:(?:ghcr\.io|docker\.io|quay\.io)\/)?(?:kubereboot|weaveworks)\/kured(?::|@|$)/;

/** The DaemonSet kured takes its lock on unless `--ds-name` and `--ds-namespace` say otherwise. */
const LOCK_DAEMONSET = { name: 'kured', namespace: 'kube-system' };

/**
 * kured's DaemonSets that would never reboot a node: one whose lock DaemonSet (`--ds-name`, `--ds-namespace`,
 * `kube-system/kured` by default) is not itself, so taking the lock fails at every period; one without `hostPID`, or
 * whose container is not privileged while it reboots by command, so it cannot enter the host to test the sentinel
 * and reboot; one whose pods get no ServiceAccount token, with which it takes its lock and drains; and a reboot
 * window (`--reboot-days`, `--start-time`, `--end-time`, `--time-zone`) or a duration (`--period`, `--drain-timeout`, …) kured cannot read, which
 * stops it at its start.
 */
export function checkRebootDaemons(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  for (const template of podTemplates(cluster.objects)) {
    if (template.object.manifest.kind !== 'DaemonSet') {
      continue;
    }
    list(template.spec.containers).forEach((container, i) => {
      if (KURED_IMAGE.test(text(container.image) ?? '')) {
        checkKured(template, container, `${template.specPath}.containers[${i}]`, (field, message, hint) => findings.push(objectFinding(template.object, { layer: 'references', severity: 'error', field, message, hint })));
      }
    });
  }
  return findings;
}

type Add = (field: string, message: string, hint: string) => void;

function checkKured(template: PodTemplate, container: Fields, path: string, add: Add): void {
  const words = commandLine(container, path);
  const flags = flagsOf(words);
  const last = (name: string): Flag | undefined => flags.get(name)?.at(-1);
  // A flag left out is reported on the first word of the command line, where the flag would be added.
  const argsField = words[0]?.field ?? `${path}.command`;
  const metadata = fields(template.object.manifest.metadata);
  const own = { name: text(metadata.name) ?? '', namespace: template.namespace };
  for (const [key, flag] of [['name', 'ds-name'], ['namespace', 'ds-namespace']] as const) {
    const given = last(flag);
    const lock = given?.value ?? LOCK_DAEMONSET[key];
    if (lock !== own[key]) {
      add(given?.field ?? argsField, `kured takes its lock on DaemonSet ${last('ds-namespace')?.value ?? LOCK_DAEMONSET.namespace}/${last('ds-name')?.value ?? LOCK_DAEMONSET.name}, but it runs as ${own.namespace}/${own.name}: taking the lock fails at every period, and no node is rebooted`,
        `give kured its own DaemonSet: --${flag}=${own[key]}`);
    }
  }
  if (template.spec.hostPID !== true) {
    add(`${template.specPath}.hostPID`, "kured's pod does not share the host's process namespace: it enters the host through process 1 to test the reboot sentinel and to reboot, so it never reboots the node",
      'set hostPID: true (an App: exemptions.hostPid with the reason)');
  }
  const method = last('reboot-method')?.value ?? 'command';
  if (method !== 'signal' && fields(container.securityContext).privileged !== true) {
    add(`${path}.securityContext.privileged`, "kured's container is not privileged: it reboots by running systemctl in the host's mount namespace (nsenter), which an unprivileged container may not enter",
      "set privileged: true on the container (an App: exemptions.privileged with the reason), or reboot by signal, --reboot-method=signal, with the capability to signal process 1");
  }
  if (template.spec.automountServiceAccountToken === false || (text(template.spec.serviceAccountName) ?? 'default') === 'default') {
    add(`${template.specPath}.serviceAccountName`, "kured's pods have no ServiceAccount of their own with a token: kured takes its lock on its DaemonSet, cordons, drains and uncordons the node through the API, and fails at each",
      "run it as a ServiceAccount allowed to get and update its DaemonSet, get and patch nodes, list and delete pods and create pods/eviction (an App: serviceAccount: { reason, rules, clusterRules })");
  }
  checkWindowFlags(flags, add);
}

function checkWindowFlags(flags: Map<string, Flag[]>, add: Add): void {
  for (const flag of flags.get('reboot-days') ?? []) {
    for (const day of flag.value.split(',')) {
      const problem = windowDayProblem(day.trim(), false);
      if (problem !== undefined) {
        add(flag.field, `--reboot-days: ${problem.message}; kured stops at its start`, `${problem.hint}, the days separated by commas: --reboot-days=sat,sun`);
        break;
      }
    }
  }
  for (const name of ['start-time', 'end-time'] as const) {
    const flag = flags.get(name)?.at(-1);
    const problem = flag === undefined ? undefined : windowTimeProblem(flag.value);
    if (flag !== undefined && problem !== undefined) {
      add(flag.field, `--${name}: ${problem.message}; kured stops at its start`, problem.hint);
    }
  }
  const zone = flags.get('time-zone')?.at(-1);
  const zoneProblem = zone === undefined ? undefined : windowZoneProblem(zone.value, (name) => `--time-zone=${name}`);
  if (zone !== undefined && zoneProblem !== undefined) {
    add(zone.field, `--time-zone: ${zoneProblem.message}; kured stops at its start`, zoneProblem.hint);
  }
  for (const name of DURATION_FLAGS) {
    const flag = flags.get(name)?.at(-1);
    if (flag !== undefined && parsedGoDuration(flag.value) === undefined) {
      const example = /^\d+$/.test(flag.value.trim()) ? `${flag.value.trim()}s, or with m or h` : name === 'period' ? '1h' : '30m';
      add(flag.field, `--${name} "${flag.value}" is no duration kured reads: it stops at its start`, `write a Go duration, with its unit: --${name}=${example}`);
    }
  }
}

/** kured's flags that it reads as Go durations (`30m`, `1h`): a bare number of seconds is refused at its start. */
const DURATION_FLAGS = ['period', 'drain-timeout', 'drain-delay', 'reboot-delay', 'lock-ttl', 'lock-release-delay'] as const;
