import { commandLineWords, givesFlag } from '../app/command-line-words';
import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import { programName } from './command-secrets';
import { externalIndexOf } from './external';
import type { Finding } from './finding';
import { fields, keyOf, list, namespaceOf, objectFinding, text } from './manifest';
import { indexOf } from './object-index';
import { containersOf, makesPods, podTemplates } from './pod-spec';
import { KUBECTL_CREDENTIAL_FLAGS, setsKubeconfig } from './kubectl-tokens';
import { namesAccount } from './rbac-groups';
import { opaqueNamespaces } from './service-account-names';

// `kubectl rollout restart deployment/web` reads the workload and patches a restart annotation into its pod
// template: the pod's ServiceAccount needs `get` and `patch` on it, in the workload's namespace. Rules that leave
// either out, or a Role of another namespace, pass every apply and fail each night "forbidden". Only bindings this
// repository renders are read: a role it does not render (Kubernetes' `edit`), an account declared external, a
// namespace whose objects it does not all render, or kubectl given credentials of its own leaves the pod alone.

/** The apps/v1 resource each spelling of a workload kind on kubectl's command line means. */
const ROLLOUT_RESOURCES: Readonly<Record<string, string>> = {
  deployment: 'deployments', deployments: 'deployments', deploy: 'deployments',
  statefulset: 'statefulsets', statefulsets: 'statefulsets', sts: 'statefulsets',
  daemonset: 'daemonsets', daemonsets: 'daemonsets', ds: 'daemonsets',
};
const NEEDED_VERBS = ['get', 'patch'] as const;
/** Flags that make kubectl act with other rights than the pod's ServiceAccount: credentials of its own, another user or context. */
const OTHER_RIGHTS_FLAGS = [...KUBECTL_CREDENTIAL_FLAGS, '--as', '--context'];

/** What one `kubectl rollout restart` line restarts: a resource of apps, a name, and a namespace if given. */
interface RolloutTarget {
  readonly resource: string;
  readonly name: string;
  readonly namespace?: string;
}

/** The workload a simple command `words` (from `kubectl` on) restarts, or undefined for any other or one it cannot tell. Pure. */
export function rolloutTarget(words: readonly string[]): RolloutTarget | undefined {
  const positional: string[] = [];
  let namespace: string | undefined;
  for (let i = 1; i < words.length && words[i] !== ''; i++) {
    const word = words[i];
    if (word === '-n' || word === '--namespace') {
      namespace = words[++i];
    } else if (word.startsWith('--namespace=')) {
      namespace = word.slice('--namespace='.length);
    } else if (givesFlag([word], OTHER_RIGHTS_FLAGS) || word === '-A' || word === '--all' || word.startsWith('-l') || word.startsWith('--selector')) {
      return undefined;
    } else if (!word.startsWith('-')) {
      positional.push(word);
    }
  }
  if (positional[0] !== 'rollout' || positional[1] !== 'restart' || positional.length < 3) {
    return undefined;
  }
  const [kind, slashName] = positional[2].split('/');
  const resource = ROLLOUT_RESOURCES[kind];
  const name = slashName ?? positional[3];
  return resource && name && positional.length <= (slashName ? 3 : 4) ? { resource, name, namespace } : undefined;
}

/** Whether a rule grants `verb` on `resource` `name` of apps. Pure. */
function ruleGrants(rule: Record<string, unknown>, resource: string, name: string, verb: string): boolean {
  const has = (key: string, value: string) => Array.isArray(rule[key]) && (rule[key] as unknown[]).some((entry) => entry === value || entry === '*');
  const names = Array.isArray(rule.resourceNames) ? rule.resourceNames : [];
  return has('apiGroups', 'apps') && has('resources', resource) && has('verbs', verb) && (names.length === 0 || names.includes(name));
}

/**
 * The rules bound to ServiceAccount `account` of `accountNamespace` that hold in `namespace`, or undefined when a
 * binding names a role this repository does not render.
 */
function boundRules(objects: readonly SynthesizedObject[], account: string, accountNamespace: string, namespace: string): Array<Record<string, unknown>> | undefined {
  const index = indexOf(objects);
  const rules: Array<Record<string, unknown>> = [];
  for (const binding of [...index.of('RoleBinding').filter((b) => namespaceOf(b) === namespace), ...index.of('ClusterRoleBinding')]) {
    const bindingNamespace = binding.manifest.kind === 'RoleBinding' ? namespace : '';
    const reaches = list(binding.manifest.subjects).some((s) => namesAccount(s, account, accountNamespace, bindingNamespace));
    if (!reaches) {
      continue;
    }
    const roleRef = fields(binding.manifest.roleRef);
    const role = roleRef.kind === 'Role'
      ? index.find('Role', namespace, text(roleRef.name) ?? '')
      : index.find('ClusterRole', '', text(roleRef.name) ?? '');
    if (role === undefined || role.manifest.aggregationRule !== undefined) {
      return undefined;
    }
    rules.push(...list(role.manifest.rules));
  }
  return rules;
}

/** Pods whose `kubectl rollout restart` their ServiceAccount may not do: one error per pod template. */
export function checkKubectlRolloutRules(cluster: SynthesizedCluster): Finding[] {
  const restarting = podTemplates(cluster.objects).filter((t) => makesPods(t) && t.spec.automountServiceAccountToken !== false);
  const findings: Finding[] = [];
  let opaque: ReadonlySet<string> | undefined;
  for (const template of restarting) {
    for (const { container } of containersOf(template)) {
      if (setsKubeconfig(container)) {
        continue;
      }
      const words = commandLineWords(container);
      const targets = words.flatMap((word, i) => (programName(word) === 'kubectl' ? [rolloutTarget(words.slice(i))] : []))
        .filter((target): target is RolloutTarget => target !== undefined);
      for (const target of targets) {
        opaque ??= opaqueNamespaces(cluster);
        const namespace = target.namespace ?? template.namespace;
        const account = text(template.spec.serviceAccountName) ?? 'default';
        // An account made elsewhere may be bound elsewhere too.
        if (opaque.has(namespace) || opaque.has(template.namespace) || externalIndexOf(cluster).serviceAccounts.has(keyOf(template.namespace, account))) {
          continue;
        }
        const rules = boundRules(cluster.objects, account, template.namespace, namespace);
        const missing = rules && NEEDED_VERBS.filter((verb) => !rules.some((rule) => ruleGrants(rule, target.resource, target.name, verb)));
        if (missing && missing.length > 0) {
          findings.push(objectFinding(template.object, {
            layer: 'references', severity: 'error', field: `${template.specPath}.serviceAccountName`,
            message: `kubectl rollout restart ${target.resource}/${target.name} in namespace "${namespace}" needs ${NEEDED_VERBS.join(' and ')} on it, and ServiceAccount ${template.namespace}/${account} is granted no ${missing.join(' or ')} there: each run fails "forbidden"`,
            hint: namespace === template.namespace
              ? `grant it: serviceAccount: { reason, rules: [{ apiGroups: ['apps'], resources: ['${target.resource}'], resourceNames: ['${target.name}'], verbs: ['get', 'patch'] }] } (hand-written: that rule in a Role of "${namespace}" bound to the ServiceAccount)`
              : `a Role holds in its own namespace alone: bind a Role of "${namespace}" with { apiGroups: ['apps'], resources: ['${target.resource}'], resourceNames: ['${target.name}'], verbs: ['get', 'patch'] } to ServiceAccount ${template.namespace}/${account}, or run the job in "${namespace}"`,
          }));
        }
      }
    }
  }
  return findings;
}
