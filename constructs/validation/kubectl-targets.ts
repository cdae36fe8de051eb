import { givesFlag } from '../app/command-line-words';
import { KUBECTL_CREDENTIAL_FLAGS } from './kubectl-tokens';

// What a kubectl line of a pod asks of the API server, read where the verbs it needs are sure:
// `kubectl rollout restart deployment/web` reads the workload and patches a restart annotation into its pod template
// (`get` and `patch` on it); `kubectl delete pods --field-selector=status.phase==Succeeded` (or with `-l`, `--all`)
// lists what its selector picks and deletes each (`list` and `delete`), in every namespace with `-A`, which only a
// ClusterRole bound by a ClusterRoleBinding grants.

/** What one kubectl line does to the API: the resource, its name if one, where, and the verbs it needs there. */
export interface KubectlTarget {
  /** The line as findings show it: `kubectl rollout restart deployments/web`. */
  readonly line: string;
  /** The resource's API group: `apps`, `batch`, `` for the core group. */
  readonly group: string;
  readonly resource: string;
  /** The one object it acts on, where it names one. */
  readonly name?: string;
  /** The namespace `-n` gives, if any. */
  readonly namespace?: string;
  /** Whether it acts in every namespace (`-A`, `--all-namespaces`). */
  readonly allNamespaces: boolean;
  readonly verbs: readonly string[];
}

/** The apps/v1 resource each spelling of a workload kind on kubectl's command line means. */
const ROLLOUT_RESOURCES: Readonly<Record<string, string>> = {
  deployment: 'deployments', deployments: 'deployments', deploy: 'deployments',
  statefulset: 'statefulsets', statefulsets: 'statefulsets', sts: 'statefulsets',
  daemonset: 'daemonsets', daemonsets: 'daemonsets', ds: 'daemonsets',
};

/** The group and resource each spelling of a kind a cleanup job deletes means. */
const DELETED_RESOURCES: Readonly<Record<string, { group: string; resource: string }>> = Object.fromEntries([
  ...['pod', 'pods', 'po'].map((s) => [s, { group: '', resource: 'pods' }]),
  ...['job', 'jobs', 'job.batch', 'jobs.batch'].map((s) => [s, { group: 'batch', resource: 'jobs' }]),
  ...['replicaset', 'replicasets', 'rs'].map((s) => [s, { group: 'apps', resource: 'replicasets' }]),
  ...['persistentvolumeclaim', 'persistentvolumeclaims', 'pvc'].map((s) => [s, { group: '', resource: 'persistentvolumeclaims' }]),
  ...['configmap', 'configmaps', 'cm'].map((s) => [s, { group: '', resource: 'configmaps' }]),
]);

/** Flags that make kubectl act with other rights than the pod's ServiceAccount: credentials of its own, another user or context. */
const OTHER_RIGHTS_FLAGS = [...KUBECTL_CREDENTIAL_FLAGS, '--as', '--context'];

/** Flags of `kubectl delete` that pick objects by a selector, with or without their value joined by `=`. */
const SELECTOR_FLAGS = ['-l', '--selector', '--field-selector'];

/** Flags of `kubectl delete` whose value is the next word when not joined by `=`. */
const VALUE_FLAGS = [...SELECTOR_FLAGS, '--grace-period', '--timeout', '--cascade', '--wait', '-o', '--output', '--dry-run'];

/**
 * What a simple command `words` (from `kubectl` on) does to the API, or undefined for any other line, one with
 * credentials or an identity of its own, or one whose target it cannot tell. Pure.
 */
export function kubectlTarget(words: readonly string[]): KubectlTarget | undefined {
  const positional: string[] = [];
  let namespace: string | undefined;
  let allNamespaces = false;
  let selects = false;
  for (let i = 1; i < words.length && words[i] !== ''; i++) {
    const word = words[i];
    if (word === '-n' || word === '--namespace') {
      namespace = words[++i];
    } else if (word.startsWith('--namespace=') || /^-n[^-]/.test(word)) {
      namespace = word.replace(/^(--namespace=|-n=?)/, '');
    } else if (givesFlag([word], OTHER_RIGHTS_FLAGS)) {
      return undefined;
    } else if (word === '-A' || word === '--all-namespaces' || word === '--all-namespaces=true') {
      allNamespaces = true;
    } else if (word === '--all' || givesFlag([word], SELECTOR_FLAGS) || /^-l./.test(word)) {
      selects = true;
      i += VALUE_FLAGS.includes(word) ? 1 : 0;
    } else if (VALUE_FLAGS.includes(word)) {
      i++;
    } else if (!word.startsWith('-')) {
      positional.push(word);
    }
  }
  if (positional[0] === 'rollout') {
    return allNamespaces || selects ? undefined : rolloutTarget(positional, namespace);
  }
  if (positional[0] === 'delete' && selects && positional.length === 2) {
    const deleted = DELETED_RESOURCES[positional[1].toLowerCase()];
    return deleted && {
      line: `kubectl delete ${deleted.resource}`, ...deleted, namespace: allNamespaces ? undefined : namespace, allNamespaces, verbs: ['list', 'delete'],
    };
  }
  return undefined;
}

/** The workload `kubectl rollout restart <kind>/<name>` restarts, or undefined for another rollout line. Pure. */
function rolloutTarget(positional: readonly string[], namespace: string | undefined): KubectlTarget | undefined {
  if (positional[1] !== 'restart' || positional.length < 3) {
    return undefined;
  }
  const [kind, slashName] = positional[2].split('/');
  const resource = ROLLOUT_RESOURCES[kind];
  const name = slashName ?? positional[3];
  return resource && name && positional.length <= (slashName ? 3 : 4)
    ? { line: `kubectl rollout restart ${resource}/${name}`, group: 'apps', resource, name, namespace, allNamespaces: false, verbs: ['get', 'patch'] }
    : undefined;
}
