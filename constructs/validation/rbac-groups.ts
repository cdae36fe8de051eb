import { text } from './manifest';

// Groups that Kubernetes hands out by itself. No OpenID Connect issuer and no person is one of them, and a
// binding to one gives its role to everyone the group holds, which a reader of `system:authenticated` rarely
// takes for "every ServiceAccount of the cluster".

/** The groups whose members are everyone of a kind, each with who that is. */
const EVERYONE_GROUPS: Readonly<Record<string, string>> = {
  'system:authenticated': 'every user who signs in and every ServiceAccount of the cluster, so every pod that mounts a token',
  'system:unauthenticated': 'anyone who reaches the API server without signing in',
  'system:serviceaccounts': 'every ServiceAccount of the cluster, so every pod that mounts a token',
};

/**
 * Who the group `group` holds when Kubernetes gives it by itself (a `system:` group): everyone of a kind for
 * {@link EVERYONE_GROUPS}, the admins RBAC never asks for `system:masters`, or the cluster's own components;
 * undefined for a group of people. Pure.
 */
export function systemGroupMembers(group: string): string | undefined {
  const everyone = EVERYONE_GROUPS[group];
  if (everyone !== undefined) {
    return everyone;
  }
  const namespace = /^system:serviceaccounts:(.+)$/.exec(group);
  if (namespace) {
    return `every ServiceAccount of namespace "${namespace[1]}"`;
  }
  if (group === 'system:masters') {
    return 'the cluster admins, whom RBAC never asks';
  }
  return group.startsWith('system:') ? "the cluster's own components (nodes, controllers), which Kubernetes puts in it" : undefined;
}

/** Whether `group` holds everyone of a kind: every user, every anonymous caller or every ServiceAccount. Pure. */
export function holdsEveryone(group: string): boolean {
  return EVERYONE_GROUPS[group] !== undefined;
}

/**
 * Whether a binding's `subject` reaches ServiceAccount `account` of `accountNamespace`: the account itself (of the
 * binding's namespace where the subject names none), its user name `system:serviceaccount:<namespace>:<name>`, or a
 * group the API server puts every token of it in: `system:serviceaccounts:<namespace>`, `system:serviceaccounts` and
 * `system:authenticated` (the last two are reported apart, as they reach far more than the account). Pure.
 */
export function namesAccount(subject: Record<string, unknown>, account: string, accountNamespace: string, bindingNamespace: string): boolean {
  switch (subject.kind) {
    case 'ServiceAccount':
      return subject.name === account && (text(subject.namespace) ?? bindingNamespace) === accountNamespace;
    case 'User':
      return subject.name === `system:serviceaccount:${accountNamespace}:${account}`;
    case 'Group':
      return subject.name === `system:serviceaccounts:${accountNamespace}` || subject.name === 'system:serviceaccounts' || subject.name === 'system:authenticated';
    default:
      return false;
  }
}
