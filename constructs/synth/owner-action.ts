import type { IConstruct } from 'constructs';
import { isPlaceholder, PendingFact, Placeholder, placeholderInfoProblem } from '../inventory/placeholder';
import type { ClusterChart } from '../platform/cluster-chart';
import type { Preinstalled } from '../platform/component';
import { describeValue } from '../inventory/problems';
import { commandTextWithoutSecrets } from '../validation/command-secrets';
import { reportFinding } from '../validation/finding';
import { credentialIn, urlPasswordIn } from '../validation/secret-values';
import type { PropProblem } from '../validation/known-props';
import { remembered } from '../validation/remembered';
import { externalSecretsToCreate } from '../validation/external';
import { keyOf } from '../validation/manifest';
import { indexOf } from '../validation/object-index';
import { secretProducers } from '../validation/secret-producers';
import { bootstrapSecretStep, type BootstrapSecretType } from './bootstrap-secret';
import { SynthesizedCluster } from './collect';
import { NOTE_TYPE_PREFIX } from './note-types';

/**
 * Kinds of things the owner does by hand:
 * - `placeholder`: a fact of the inventory still to fill in;
 * - `bootstrap`: something created once outside Git (a decryption key, an engine's bootstrap);
 * - `rename`: something on a machine to rename before the cutover (a zvol, a dataset);
 * - `manual`: any other step by hand.
 */
export type OwnerActionKind = 'placeholder' | 'bootstrap' | 'rename' | 'manual';

/** Something the owner must do by hand; listed in the cluster README and in the synth summary. */
export interface OwnerAction {
  /** What kind of step it is. */
  readonly kind: OwnerActionKind;
  /** What to do, in one line, e.g. `rename the zvol vms/HomeAssistant to vms/homeassistant`. */
  readonly action: string;
  /**
   * A command that does it, when there is one: valid shell (or file text) as copied, placeholders written as
   * `"$NAME"` or `…` inside quotes, never `<name>`, which bash reads as a redirection. It may span lines
   * (a Caddyfile block, a heredoc); the README then writes it as a block below its table. @default - none
   */
  readonly command?: string;
  /**
   * It must be done before the GitOps engine's first sync (e.g. encrypting the values the first sync
   * decrypts): the README lists it ahead of the engine's bootstrap, whatever construct leaves it.
   * @default false
   */
  readonly beforeFirstSync?: boolean;
  /**
   * It must be done as soon as the first sync has started what it concerns, before anyone else reaches it
   * (an app whose first visitor becomes its administrator): the README lists it right after the step that
   * starts the first sync (the engine's bootstrap, or a step marked `startsFirstSync`), ahead of every other
   * step of the running cluster, whatever construct leaves it.
   * @default false
   */
  readonly rightAfterFirstSync?: boolean;
  /**
   * It is the step that starts the first sync where the engine's own bootstrap does not (a chart that applies
   * its layers by hand on the first day): the steps marked `rightAfterFirstSync` follow it.
   * @default false
   */
  readonly startsFirstSync?: boolean;
}

/** An owner action with where it came from. */
export interface OwnerActionEntry extends OwnerAction {
  /** Construct path, inventory field or preinstalled source that asks for it. */
  readonly source: string;
}

const OWNER_ACTION_METADATA = `${NOTE_TYPE_PREFIX}owner-action`;

const OWNER_ACTION_KINDS: readonly OwnerActionKind[] = ['placeholder', 'bootstrap', 'rename', 'manual'];

/**
 * What is wrong with an owner action as a caller wrote it (JavaScript, `as any`): a kind the README has
 * no place for, no step to take, a command or `beforeFirstSync` of another type. Pure.
 */
export function ownerActionProblem(action: OwnerAction): PropProblem | undefined {
  const written: Partial<Record<keyof OwnerAction, unknown>> = typeof action === 'object' && action !== null ? action : {};
  // A getter is the text of a step read when the README is written, from the finished cluster (every
  // Secret a store serves, every port a firewall opens): read now, it would walk a tree still being built.
  const given: Partial<Record<keyof OwnerAction, unknown>> = {};
  for (const field of ['kind', 'action', 'command', 'beforeFirstSync', 'rightAfterFirstSync', 'startsFirstSync'] as const) {
    const getter = typeof Object.getOwnPropertyDescriptor(written, field)?.get === 'function';
    given[field] = !getter ? written[field] : field === 'action' ? 'read when the README is written' : undefined;
  }
  if (!OWNER_ACTION_KINDS.includes(given.kind as OwnerActionKind)) {
    return {
      field: 'leaveOwnerAction.kind', message: `kind ${describeValue(given.kind)} is not a kind of step by hand`,
      hint: `one of ${OWNER_ACTION_KINDS.map((kind) => `'${kind}'`).join(', ')} ('manual' for any other step)`,
    };
  }
  if (typeof given.action !== 'string' || given.action.trim() === '') {
    return { field: 'leaveOwnerAction.action', message: 'says no step to take', hint: "write the step in one line: action: 'rename the zvol vms/old to vms/new'" };
  }
  if (given.command !== undefined && typeof given.command !== 'string') {
    return { field: 'leaveOwnerAction.command', message: `command is ${describeValue(given.command)}, not text`, hint: 'give the shell command as one string, or leave it out' };
  }
  if (given.beforeFirstSync !== undefined && typeof given.beforeFirstSync !== 'boolean') {
    return { field: 'leaveOwnerAction.beforeFirstSync', message: `beforeFirstSync is ${describeValue(given.beforeFirstSync)}, not true or false`, hint: 'write beforeFirstSync: true, or leave it out' };
  }
  if (given.rightAfterFirstSync !== undefined && typeof given.rightAfterFirstSync !== 'boolean') {
    return {
      field: 'leaveOwnerAction.rightAfterFirstSync', message: `rightAfterFirstSync is ${describeValue(given.rightAfterFirstSync)}, not true or false`,
      hint: 'write rightAfterFirstSync: true, or leave it out',
    };
  }
  if (given.startsFirstSync !== undefined && typeof given.startsFirstSync !== 'boolean') {
    return {
      field: 'leaveOwnerAction.startsFirstSync', message: `startsFirstSync is ${describeValue(given.startsFirstSync)}, not true or false`,
      hint: 'write startsFirstSync: true, or leave it out',
    };
  }
  const [clash] = (['rightAfterFirstSync', 'startsFirstSync'] as const).filter((field) => given[field] === true && (given.beforeFirstSync === true || (field === 'rightAfterFirstSync' && given.startsFirstSync === true)));
  if (clash) {
    return {
      field: `leaveOwnerAction.${clash}`, message: 'a step has one place among the steps: before the first sync, the step that starts it, or right after it',
      hint: 'keep beforeFirstSync for what the first sync needs, startsFirstSync for the step that starts it, rightAfterFirstSync for what must follow it at once',
    };
  }
  return writtenSecretProblem('action', given.action) ?? (typeof given.command === 'string' ? writtenSecretProblem('command', given.command) : undefined);
}

/**
 * A step's text or command that writes out a secret: the cluster's README, where steps are listed, is
 * committed. The finding says what it holds, never the value.
 */
function writtenSecretProblem(field: 'action' | 'command', text: string): PropProblem | undefined {
  return WRITTEN_SECRETS[field](text);
}

/**
 * {@link writtenSecretProblemOf} of each field, with its answers kept: a text is read as a shell command line and
 * for every form of credential, and the same steps (an engine's bootstrap, a component's) are left by every
 * cluster that has them.
 */
const WRITTEN_SECRETS = {
  action: remembered((text) => writtenSecretProblemOf('action', text)),
  command: remembered((text) => writtenSecretProblemOf('command', text)),
};

/** {@link writtenSecretProblem}, worked out. */
function writtenSecretProblemOf(field: 'action' | 'command', text: string): PropProblem | undefined {
  const what = credentialIn(text) ?? (urlPasswordIn(text) !== undefined ? 'a URL with its password written out'
    : field === 'command' && commandTextWithoutSecrets(text) !== undefined ? 'a secret given its value on the command line' : undefined);
  return what === undefined ? undefined : {
    field: `leaveOwnerAction.${field}`, message: `the step's ${field} holds ${what}, and the cluster's README that lists it is committed in the clear`,
    hint: `write a variable the owner sets in its place ("$TOKEN"), or a command that makes the value where it is used: --from-literal=password="$(openssl rand -hex 16)"`,
  };
}

/**
 * Leaves a note that the owner must do something by hand for `scope` to work. A note that no README
 * could list is reported on `scope` instead, rather than an empty or broken step, and so is one that writes
 * out a secret (the README is committed): write `"$NAME"` for a value the owner has, or make it in the
 * command (`--from-literal=password="$(openssl rand -hex 16)"`).
 */
export function leaveOwnerAction(scope: IConstruct, action: OwnerAction): void {
  const problem = ownerActionProblem(action);
  if (problem) {
    reportFinding(scope, { layer: 'props', severity: 'error', ...problem });
    return;
  }
  scope.node.addMetadata(OWNER_ACTION_METADATA, action);
}

/** How a placeholder reads among the owner's steps: the fact, what to set it to, and its stand-in value. */
export function placeholderAction(fact: string, owner: string, value: string | number): string {
  return `${fact}: ${owner} (now \`${value}\`)`;
}

/** Options of `leavePlaceholder`. */
export interface LeavePlaceholderOptions {
  /**
   * The value must be right before the first sync (a setting the pods start with, a folder they write): the
   * README lists it with the inventory's placeholders, ahead of the preinstalled steps and the engine's
   * bootstrap. `false` lists it after the bootstrap, among the steps of a running cluster, for a value that
   * can change once the cluster runs without harm.
   * @default true
   */
  readonly beforeFirstSync?: boolean;
}

/**
 * Lists a placeholder that a chart uses outside the inventory (an image, a public name, a setting of one
 * app) among the owner's steps of `scope`; those of the site and its hosts are listed by themselves.
 */
export function leavePlaceholder(scope: IConstruct, fact: Placeholder<string | number>, options: LeavePlaceholderOptions = {}): void {
  const problem = isPlaceholder(fact)
    ? placeholderInfoProblem(fact, 'leavePlaceholder')
    : { field: 'leavePlaceholder', message: `${describeValue(fact)} is no placeholder`, hint: "pass the placeholder itself: leavePlaceholder(scope, placeholder(value, { fact: 'what it is', owner: 'what to set it to' }))" };
  if (problem) {
    reportFinding(scope, { layer: 'props', severity: 'error', field: problem.field, message: problem.message, hint: problem.hint });
    return;
  }
  leaveOwnerAction(scope, {
    kind: 'placeholder', action: placeholderAction(fact.info.fact, fact.info.owner, fact.value),
    ...((options.beforeFirstSync ?? true) ? { beforeFirstSync: true } : {}),
  });
}

/**
 * The inventory's placeholders that concern a cluster: the site's own, its hosts' (the name of a host's
 * interface on a VLAN only when its load balancer announces addresses there), its pools', NFS exports' and
 * outside machines'.
 */
export function clusterPlaceholders(chart: ClusterChart): PendingFact[] {
  return chart.site.placeholders(chart.hosts, chart.loadBalancer?.interfaceVlans?.(chart) ?? []);
}

/**
 * Everything the owner still does by hand for one cluster, in a stable order: placeholders of the
 * inventory that concern it (the site's own facts and its hosts'), then those its charts left for the first
 * sync, steps of what it has preinstalled, the other notes needed before the first sync, the steps that
 * start it (a GitOps engine's bootstrap), the other notes its constructs left, in construct order, then the Secrets made outside the repository that no step names
 * yet and no object of the cluster makes (`SecretReference.external`, `declareExternal`). Such a Secret of
 * a platform component comes before the steps that start the engine instead: every later layer waits until
 * the platform layer is healthy (Flux's `dependsOn`, Argo CD's waves, a bootstrap step that waits for its
 * Applications), which a pod without its Secret never is.
 */
export function ownerActions(cluster: SynthesizedCluster): OwnerActionEntry[] {
  // By the notes of one collection: the outcome and the README see copies of the cluster that share them.
  let actions = OWNER_ACTIONS.get(cluster.notes);
  if (actions === undefined) {
    actions = ownerActionsOf(cluster);
    OWNER_ACTIONS.set(cluster.notes, actions);
  }
  return [...actions];
}

/** Each collected cluster's owner actions, worked out once for its outcome and its README (steps read the whole tree). */
const OWNER_ACTIONS = new WeakMap<object, readonly OwnerActionEntry[]>();

function ownerActionsOf(cluster: SynthesizedCluster): OwnerActionEntry[] {
  const chart = cluster.chart;
  const placeholders: OwnerActionEntry[] = clusterPlaceholders(chart).map((p) => ({
    kind: 'placeholder',
    action: placeholderAction(p.fact, p.owner, p.value),
    source: p.where,
  }));
  // The distribution's steps make the machines, then the pod network's let pods run: the rest comes after both.
  const rank = (p: Preinstalled) => (p.distribution !== undefined ? 0 : p.startsPodNetwork ? 1 : 2);
  const preinstalledSteps = (starts: boolean): OwnerActionEntry[] => [...chart.platform.preinstalled]
    .filter((p) => (p.startsFirstSync ?? false) === starts)
    .sort((a, b) => rank(a) - rank(b))
    .flatMap((p) => (p.manualSteps ?? []).map((step) => ({ kind: 'bootstrap' as const, action: step, source: p.source })));
  const seen = new Set<string>();
  const noted: OwnerActionEntry[] = [];
  for (const note of cluster.notes) {
    if (note.type !== OWNER_ACTION_METADATA) {
      continue;
    }
    const action = note.data as OwnerAction;
    const key = `${action.kind}\u0000${action.action}`;
    if (!seen.has(key)) {
      seen.add(key);
      noted.push({ ...action, source: note.constructPath });
    }
  }
  // What the first sync needs comes before the step that starts it; the rest keeps construct order. The
  // charts' placeholders join the inventory's ahead of the preinstalled steps: the machines' configs and the
  // CNI's values those steps apply are synthesized from them (a node's roles decide a Talos patch).
  const values = noted.filter((a) => a.beforeFirstSync && a.kind === 'placeholder');
  const beforeStart = [...placeholders, ...values, ...preinstalledSteps(false), ...noted.filter((a) => a.beforeFirstSync && a.kind !== 'placeholder')];
  const afterStart = [...preinstalledSteps(true), ...rightAfterStart(noted.filter((a) => !a.beforeFirstSync))];
  const made = new Set(secretProducers(indexOf(cluster.objects)).map((producer) => keyOf(producer.namespace, producer.name)));
  const secrets: OwnerActionEntry[] = externalSecretsToCreate(cluster)
    .filter((secret) => !made.has(keyOf(secret.namespace, secret.name)))
    .filter((secret) => ![...beforeStart, ...afterStart].some((entry) => mentionsSecret(entry, secret.namespace, secret.name)))
    .map((secret) => ({ kind: 'bootstrap', ...bootstrapSecretStep(secret, 'made outside the repository'), source: secret.constructPath }));
  const layers = secrets.length > 0 ? layersUnder(cluster) : new Map<string, Set<string>>();
  const ofPlatform = (entry: OwnerActionEntry) => {
    const under = [...layers.get(entry.source) ?? []];
    return under.length > 0 && under.every((layer) => layer === 'platform');
  };
  return [...beforeStart, ...secrets.filter(ofPlatform), ...afterStart, ...secrets.filter((entry) => !ofPlatform(entry))];
}

/**
 * The steps after the engine's bootstrap in construct order, with those marked `rightAfterFirstSync` moved to
 * follow the last step marked `startsFirstSync`, or to the front when the engine's bootstrap starts it. Pure.
 */
function rightAfterStart(steps: readonly OwnerActionEntry[]): OwnerActionEntry[] {
  const first = steps.filter((step) => step.rightAfterFirstSync);
  const rest = steps.filter((step) => !step.rightAfterFirstSync);
  const start = rest.map((step) => step.startsFirstSync === true).lastIndexOf(true);
  return [...rest.slice(0, start + 1), ...first, ...rest.slice(start + 1)];
}

/** The output layers of the objects under each construct path of the cluster (the cluster chart's holds every layer). */
function layersUnder(cluster: SynthesizedCluster): Map<string, Set<string>> {
  const layers = new Map<string, Set<string>>();
  for (const object of cluster.objects) {
    const parts = object.constructPath.split('/');
    parts.forEach((_part, i) => {
      const above = parts.slice(0, i + 1).join('/');
      layers.set(above, (layers.get(above) ?? new Set()).add(object.layer ?? 'apps'));
    });
  }
  return layers;
}

/** Whether a step already tells the owner to make Secret `namespace/name` (by its path or by its kubectl command). */
function mentionsSecret(entry: OwnerAction, namespace: string, name: string): boolean {
  const creates: BootstrapSecretType[] = ['generic', 'tls'];
  return [entry.action, entry.command ?? ''].some((text) => text.includes(`${namespace}/${name}`)
    || creates.some((type) => text.includes(`-n ${namespace} create secret ${type} ${name} `)));
}
