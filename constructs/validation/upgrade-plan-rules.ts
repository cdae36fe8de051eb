import type { Host } from '../inventory/host';
import type { SynthesizedObject } from '../synth/collect';
import { imageTag } from '../app/image-tag';
import { parsedGoDuration } from './go-duration';
import { AddFinding, fields, Fields, labelSelectorMatches, text } from './manifest';
import { windowDayProblem, windowTimeProblem, windowZoneProblem } from './reboot-windows';
import { checkLabelSelector } from './selector-rules';

// A Plan of Rancher's system-upgrade-controller (`upgrade.cattle.io/v1`), written by hand as K3s' automated
// upgrades show it. No CRD of it is in the schema set, and the controller takes whatever the API server stores:
// what follows is what it then never applies to any node, or applies in another way than written.

/** The hosts a Plan may select, with the labels each carries as a node of the cluster. */
export interface PlanNodes {
  readonly hosts: readonly Host<any, any>[];
  nodeLabels(host: Host<any, any>): Readonly<Record<string, string>>;
}

/** The upgrade images of K3s and RKE2, whose tags are the release with `-` for `+` (`v1.30.4-k3s1`). */
const DISTRIBUTION_UPGRADE_IMAGES: ReadonlyMap<string, { readonly suffix: string; readonly channels: string }> = new Map([
  ['rancher/k3s-upgrade', { suffix: 'k3s', channels: 'https://update.k3s.io/v1-release/channels' }],
  ['rancher/rke2-upgrade', { suffix: 'rke2r', channels: 'https://update.rke2.io/v1-release/channels' }],
]);

/** The repository of `image` without Docker Hub's registry and its tag or digest. Pure. */
function repositoryOf(image: string): string {
  const bare = image.split('@')[0];
  const slash = bare.lastIndexOf('/');
  const colon = bare.lastIndexOf(':');
  const repository = colon > slash ? bare.slice(0, colon) : bare;
  return repository.replace(/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '');
}

/** A channel's word (`stable`, `latest`, `v1.30`) as the release server of `channels` names it. */
function channelUrlOf(word: string, channels: string): string {
  return `${channels}/${word}`;
}

/**
 * Checks one Plan: the fields without which the controller selects no node or resolves no release (`concurrency`,
 * `nodeSelector`, `channel` or `version`, `upgrade.image`), the release a K3s or RKE2 upgrade image is given, the
 * drain options the controller refuses or reads otherwise, the time window, the service account a cordon, drain
 * or prepare step acts as, and the server Plan an agent Plan's prepare step waits for. `planNames` are the
 * Plans of the same namespace. Reports through `add`.
 */
export function checkUpgradePlan(object: SynthesizedObject, planNames: ReadonlySet<string>, nodes: PlanNodes, add: AddFinding): void {
  const spec = fields(object.manifest.spec);
  const upgrade = fields(spec.upgrade);
  const image = text(upgrade.image);
  if (spec.upgrade === undefined || image === undefined || image === '') {
    add(spec.upgrade === undefined ? 'spec.upgrade' : 'spec.upgrade.image', 'the Plan names no upgrade image: the controller needs the container that upgrades each node, and applies the Plan to none',
      "give the upgrade container: upgrade: { image: 'rancher/k3s-upgrade' } (the tag is the Plan's version or channel's release)");
  }
  const distribution = image === undefined ? undefined : DISTRIBUTION_UPGRADE_IMAGES.get(repositoryOf(image));
  checkRelease(spec, image, distribution, add);
  checkConcurrency(spec.concurrency, add);
  const selected = checkNodeSelector(spec.nodeSelector, nodes, add);
  if (distribution !== undefined && typeof spec.concurrency === 'number') {
    checkEtcdQuorum(spec.concurrency, selected.filter((host) => host.roles.includes('control-plane')), add);
  }
  checkDrain(fields(spec.drain), spec.drain !== undefined, add);
  if (spec.window !== undefined) {
    checkWindow(fields(spec.window), add);
  }
  const actsOnApi = spec.cordon === true || spec.drain !== undefined || spec.prepare !== undefined;
  if (actsOnApi && (text(spec.serviceAccountName) ?? '') === '') {
    add('spec.serviceAccountName', "the Plan's jobs run as the namespace's default service account, which may not cordon or drain a node nor read a Plan: the job fails at its first step on every node",
      "name the service account the controller's manifests make and bind for this: serviceAccountName: 'system-upgrade'");
  }
  checkPrepare(fields(spec.prepare), distribution !== undefined, planNames, text(fields(object.manifest.metadata).name), add);
}

function checkRelease(spec: Fields, image: string | undefined, distribution: { suffix: string; channels: string } | undefined, add: AddFinding): void {
  const version = text(spec.version) ?? '';
  const channel = text(spec.channel) ?? '';
  if (version === '' && channel === '') {
    add('spec.version', 'the Plan has neither a version nor a channel: the controller cannot resolve a release, and applies the Plan to no node',
      distribution === undefined ? "give the release to apply, version: 'v1.2.3', or a channel URL the controller polls"
        : `follow a channel, channel: '${channelUrlOf('stable', distribution.channels)}', or pin a release, version: 'v1.30.4+${distribution.suffix}1'`);
    return;
  }
  if (channel !== '' && version !== '') {
    // The API server and the controller take both; the controller resolves the channel only for a Plan of no version.
    add('spec.channel', `the Plan gives both version "${version}" and a channel: the controller applies the version and never asks the channel, so the nodes stay at that release`,
      'keep one: drop version to follow the channel, or drop channel to stay at the release pinned', 'warning');
  }
  if (channel !== '' && version === '' && !/^https?:\/\/[^\s/]+/.test(channel)) {
    add('spec.channel', `channel "${channel}" is no URL: the controller resolves a channel by requesting it and reading the release its redirect names, so this one resolves nothing and no node is upgraded`,
      distribution === undefined ? "give the channel's URL, an http(s) address that redirects to the latest release"
        : `give the release server's URL of that channel: channel: '${channelUrlOf(channel.replace(/^\/+|\/+$/g, ''), distribution.channels)}'`);
  }
  // A tag written on the image wins: the release the Plan resolves is then never pulled.
  if (distribution === undefined || version === '' || (image !== undefined && imageTag(image) !== undefined)) {
    return;
  }
  const release = new RegExp(`^v\\d+\\.\\d+\\.\\d+[+-]${distribution.suffix}\\d+$`);
  if (!release.test(version)) {
    const numbers = /^v?(\d+\.\d+\.\d+)/.exec(version)?.[1] ?? '1.30.4';
    add('spec.version', `"${version}" is no release of ${repositoryOf(image ?? '')}: the controller pulls the image at this version as its tag (with - for +), which such releases are tagged v<major>.<minor>.<patch>+${distribution.suffix}<n>, so the pull fails on every node`,
      `write the release as \`kubectl get nodes\` shows it: version: 'v${numbers}+${distribution.suffix}1'`);
  }
}

function checkConcurrency(concurrency: unknown, add: AddFinding): void {
  if (concurrency === undefined || (typeof concurrency === 'number' && concurrency < 1)) {
    add('spec.concurrency', `${concurrency === undefined ? 'the Plan gives no concurrency, which the controller reads as 0' : `concurrency ${String(concurrency)}`}: it upgrades at most that many nodes at a time, so it upgrades none`,
      'give how many nodes are upgraded at once: concurrency: 1 (one at a time keeps the others serving, and an embedded etcd its quorum)');
  } else if (typeof concurrency !== 'number' || !Number.isInteger(concurrency)) {
    add('spec.concurrency', `concurrency ${JSON.stringify(concurrency)} is no whole number: the Plan CRD's field is an integer, and the API server refuses the Plan`, 'write the number without quotes: concurrency: 1');
  }
}

/** The hosts the Plan's nodeSelector selects (none when it is missing or refused). */
function checkNodeSelector(selector: unknown, nodes: PlanNodes, add: AddFinding): readonly Host<any, any>[] {
  if (selector === undefined) {
    add('spec.nodeSelector', 'the Plan has no nodeSelector, which the controller reads as a selector of no node: the Plan upgrades nothing',
      "select the nodes it upgrades: nodeSelector: { matchExpressions: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'In', values: ['true'] }] } for K3s servers, "
      + "operator: 'DoesNotExist' for its agents, or nodeSelector: {} for every node");
    return [];
  }
  const problems: string[] = [];
  checkLabelSelector(selector, 'spec.nodeSelector', (field, message, hint, severity) => {
    problems.push(field);
    add(field, message, hint, severity);
  });
  if (problems.length > 0 || nodes.hosts.length === 0) {
    return [];
  }
  const selected = nodes.hosts.filter((host) => labelSelectorMatches(fields(selector), { ...nodes.nodeLabels(host) }));
  if (selected.length === 0) {
    add('spec.nodeSelector', `the nodeSelector matches no host of the cluster (${nodes.hosts.map((h) => h.nodeName).join(', ')}): the Plan upgrades no node until one carries the labels it asks for`,
      "select by labels the nodes carry: node-role.kubernetes.io/control-plane ('true' on K3s servers), kubernetes.io/hostname, kubernetes.io/arch; a label of your own is set on the node first (kubectl label node …)",
      'warning');
  }
  return selected;
}

/**
 * A Plan that restarts more servers at once than their embedded etcd can lose: with three or more control-plane
 * nodes each is a member, and etcd stops while fewer than a majority of them run. (Two members are warned of on the
 * cluster's hosts already.)
 */
function checkEtcdQuorum(concurrency: number, servers: readonly Host<any, any>[], add: AddFinding): void {
  const members = servers.length;
  const down = Math.min(concurrency, members);
  if (members >= 3 && members - down < Math.floor(members / 2) + 1) {
    add('spec.concurrency', `the Plan upgrades ${down} of the ${members} servers at once, each restarted with its member of the embedded etcd: etcd needs ${Math.floor(members / 2) + 1} running, so the cluster's API stops until they return`,
      `upgrade at most ${members - (Math.floor(members / 2) + 1)} server${members - (Math.floor(members / 2) + 1) === 1 ? '' : 's'} at a time: concurrency: ${members - (Math.floor(members / 2) + 1)}`, 'warning');
  }
}

function checkDrain(drain: Fields, given: boolean, add: AddFinding): void {
  if (!given) {
    return;
  }
  if (drain.deleteLocalData !== undefined && drain.deleteEmptydirData !== undefined) {
    add('spec.drain.deleteLocalData', 'the drain gives both deleteLocalData and deleteEmptydirData: the controller refuses such a Plan as invalid and applies it to no node',
      'keep deleteEmptydirData alone (deleteLocalData is its older name)');
  }
  const timeout = drain.timeout;
  if (typeof timeout === 'number' && timeout > 0) {
    add('spec.drain.timeout', `timeout ${timeout} is read as nanoseconds, not seconds: kubectl drain gives up after ${timeout}ns, before any pod is evicted, and the upgrade job fails on every node`,
      `write the duration with its unit: timeout: '${timeout >= 60 && timeout % 60 === 0 ? `${timeout / 60}m` : `${timeout}s`}'`);
  } else if (typeof timeout === 'string' && parsedGoDuration(timeout) === undefined) {
    add('spec.drain.timeout', `timeout "${timeout}" is no duration kubectl drain reads: the drain step fails, and with it the upgrade job on every node`,
      "write a Go duration: timeout: '10m'");
  }
}

function checkWindow(window: Fields, add: AddFinding): void {
  const days = window.days;
  if (!Array.isArray(days) || days.length === 0) {
    add('spec.window.days', 'the window names no day: the Plan CRD needs at least one, and a window of no day would never open',
      "name the days it opens on: days: ['sat', 'sun']");
  } else {
    days.forEach((day, i) => {
      const problem = typeof day === 'string' ? windowDayProblem(day, true) : { message: `day ${JSON.stringify(day)} is no day name`, hint: "write each day as text: 'sat'" };
      if (problem !== undefined) {
        add(`spec.window.days[${i}]`, `${problem.message}; the API server refuses the Plan`, problem.hint);
      }
    });
  }
  for (const key of ['startTime', 'endTime'] as const) {
    const time = text(window[key]);
    const problem = time === undefined ? { message: `the window gives no ${key}, which it cannot read`, hint: `give the ${key === 'startTime' ? 'start' : 'end'} of the window: ${key}: '${key === 'startTime' ? '02:00' : '05:00'}'` } : windowTimeProblem(time);
    if (problem !== undefined) {
      add(`spec.window.${key}`, `${problem.message}: the controller finds the Plan invalid and applies it to no node`, problem.hint);
    }
  }
  const zone = text(window.timeZone);
  const zoneProblem = zone === undefined ? undefined : windowZoneProblem(zone, (name) => `timeZone: '${name}'`);
  if (zoneProblem !== undefined) {
    add('spec.window.timeZone', `${zoneProblem.message}: the controller finds the Plan invalid and applies it to no node`, zoneProblem.hint);
  }
}

function checkPrepare(prepare: Fields, distributionImage: boolean, planNames: ReadonlySet<string>, own: string | undefined, add: AddFinding): void {
  const args: unknown[] = Array.isArray(prepare.args) ? prepare.args : [];
  const image = text(prepare.image);
  if (!distributionImage || image === undefined || DISTRIBUTION_UPGRADE_IMAGES.get(repositoryOf(image)) === undefined || args[0] !== 'prepare') {
    return;
  }
  const waitsFor = text(args[1]);
  if (waitsFor !== undefined && !planNames.has(waitsFor)) {
    const others = [...planNames].filter((name) => name !== own).sort();
    add('spec.prepare.args[1]', `the prepare step waits until Plan "${waitsFor}" has upgraded its nodes, but the namespace has no Plan of that name: it waits for ever, and no node of this Plan is upgraded`,
      others.length > 0 ? `name the server Plan: args: ['prepare', '${others[0]}']` : 'name the Plan that upgrades the servers, in the same namespace');
  }
}
