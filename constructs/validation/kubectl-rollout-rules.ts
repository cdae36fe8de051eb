import { commandLineWords } from '../app/command-line-words';
import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import { programName } from './command-secrets';
import { externalIndexOf } from './external';
import type { Finding } from './finding';
import { fields, keyOf, list, namespaceOf, objectFinding, text } from './manifest';
import { indexOf } from './object-index';
import { containersOf, makesPods, podTemplates } from './pod-spec';
import { setsKubeconfig } from './kubectl-tokens';
import { namespaceValue } from './kubectl-namespace-variables';
import { kubectlTarget } from './kubectl-targets';
import type { KubectlTarget } from './kubectl-targets';
import { namesAccount } from './rbac-groups';
import { opaqueNamespaces } from './service-account-names';

// A kubectl line of a pod acts with the rights of the pod's ServiceAccount (see kubectl-targets.ts for the verbs each
// line needs). Rules that leave one out, a Role of another namespace, or a Role where the line acts in every namespace
// pass every apply and fail each run "forbidden". Only bindings this repository renders are read: a role it does not
// render (Kubernetes' `edit`), an account declared external, a namespace whose objects it does not all render, or
// kubectl given credentials of its own leaves the pod alone.

/** Whether a rule grants `verb` on the target's resource (and its one object, where it names one). Pure. */
function ruleGrants(rule: Record<string, unknown>, target: KubectlTarget, verb: string): boolean {
  const has = (key: string, value: string) => Array.isArray(rule[key]) && (rule[key] as unknown[]).some((entry) => entry === value || entry === '*');
  const names = Array.isArray(rule.resourceNames) ? rule.resourceNames : [];
  return has('apiGroups', target.group) && has('resources', target.resource) && has('verbs', verb)
    && (names.length === 0 || (target.name !== undefined && names.includes(target.name)));
}

/**
 * The rules bound to ServiceAccount `account` of `accountNamespace` that hold in `namespace` (in every namespace,
 * where it is undefined), or undefined when a binding names a role this repository does not render.
 */
function boundRules(objects: readonly SynthesizedObject[], account: string, accountNamespace: string, namespace: string | undefined): Array<Record<string, unknown>> | undefined {
  const index = indexOf(objects);
  const rules: Array<Record<string, unknown>> = [];
  // In every namespace (no `namespace`) only a ClusterRoleBinding grants: a RoleBinding holds in its own namespace.
  for (const binding of [...index.of('RoleBinding').filter((b) => namespace !== undefined && namespaceOf(b) === namespace), ...index.of('ClusterRoleBinding')]) {
    const bindingNamespace = binding.manifest.kind === 'RoleBinding' ? namespace ?? '' : '';
    const reaches = list(binding.manifest.subjects).some((s) => namesAccount(s, account, accountNamespace, bindingNamespace));
    if (!reaches) {
      continue;
    }
    const roleRef = fields(binding.manifest.roleRef);
    const role = roleRef.kind === 'Role'
      ? index.find('Role', namespace ?? '', text(roleRef.name) ?? '')
      : index.find('ClusterRole', '', text(roleRef.name) ?? '');
    if (role === undefined || role.manifest.aggregationRule !== undefined) {
      return undefined;
    }
    rules.push(...list(role.manifest.rules));
  }
  return rules;
}

/** The rule that grants a target's verbs, as an App's `serviceAccount` writes it. Pure. */
function neededRule(target: KubectlTarget): string {
  return `{ apiGroups: ['${target.group}'], resources: ['${target.resource}'], ${target.name === undefined ? '' : `resourceNames: ['${target.name}'], `}verbs: [${target.verbs.map((v) => `'${v}'`).join(', ')}] }`;
}

/** Pods whose kubectl line their ServiceAccount may not run (see kubectl-targets.ts): one error per line. */
export function checkKubectlRolloutRules(cluster: SynthesizedCluster): Finding[] {
  const running = podTemplates(cluster.objects).filter((t) => makesPods(t) && t.spec.automountServiceAccountToken !== false);
  const findings: Finding[] = [];
  let opaque: ReadonlySet<string> | undefined;
  for (const template of running) {
    for (const { container } of containersOf(template)) {
      if (setsKubeconfig(container)) {
        continue;
      }
      const words = commandLineWords(container);
      const targets = words.flatMap((word, i) => (programName(word) === 'kubectl' ? [kubectlTarget(words.slice(i))] : []))
        .filter((target): target is KubectlTarget => target !== undefined);
      for (const target of targets) {
        opaque ??= opaqueNamespaces(cluster);
        // A namespace given by a variable is its value; one whose value cannot be told leaves the line alone.
        const given = target.namespace === undefined ? template.namespace : namespaceValue(target.namespace, container.env, template.namespace);
        if (!target.allNamespaces && given === undefined) {
          continue;
        }
        const namespace = target.allNamespaces ? undefined : given;
        const account = text(template.spec.serviceAccountName) ?? 'default';
        // An account made elsewhere may be bound elsewhere too.
        if ((namespace !== undefined && opaque.has(namespace)) || opaque.has(template.namespace) || externalIndexOf(cluster).serviceAccounts.has(keyOf(template.namespace, account))) {
          continue;
        }
        const rules = boundRules(cluster.objects, account, template.namespace, namespace);
        const missing = rules && target.verbs.filter((verb) => !rules.some((rule) => ruleGrants(rule, target, verb)));
        if (missing && missing.length > 0) {
          const where = namespace === undefined ? 'in every namespace' : `in namespace "${namespace}"`;
          const what = target.name === undefined ? target.resource : 'it';
          findings.push(objectFinding(template.object, {
            layer: 'references', severity: 'error', field: `${template.specPath}.serviceAccountName`,
            message: `${target.line} ${where} needs ${target.verbs.join(' and ')} on ${what}, and ServiceAccount ${template.namespace}/${account} is granted no ${missing.join(' or ')} there: each run fails "forbidden"`,
            hint: namespace === undefined
              ? `grant it in every namespace, as only a ClusterRole bound by a ClusterRoleBinding does (a RoleBinding holds in its own namespace): serviceAccount: { reason, clusterRules: [${neededRule(target)}] }`
              : namespace === template.namespace
                ? `grant it: serviceAccount: { reason, rules: [${neededRule(target)}] } (hand-written: that rule in a Role of "${namespace}" bound to the ServiceAccount)`
                : `a Role holds in its own namespace alone: bind a Role of "${namespace}" with ${neededRule(target)} to ServiceAccount ${template.namespace}/${account}, or run the job in "${namespace}"`,
          }));
        }
      }
    }
  }
  return findings;
}
