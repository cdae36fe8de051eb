import type { PropProblem } from '../validation/known-props';
import type { ArgoCdProps } from './argo-cd';
import { engineNamespaceProblems } from '../validation/system-namespaces';
import { ARGO_CD_PARTS } from './components/argo-cd';
import { idlePartProblems, partResourcesProblems } from './part-resources';

// What `argoCd()` cannot take beyond the types of its options.

/**
 * A `known_hosts` line: optional marker, host patterns, key type and base64 key (and a comment). Argo CD
 * writes the lines into its ssh_known_hosts as they are, and ssh ignores a line it cannot read, so the
 * clone would fail on an unknown host key.
 */
const KNOWN_HOSTS_LINE = /^(@[a-z-]+\s+)?\S+\s+(ssh-[a-z0-9-]+|ecdsa-sha2-[a-z0-9-]+|sk-[a-z0-9-@.]+)(-cert-v01@openssh\.com)?\s+[A-Za-z0-9+/]+={0,2}(\s.*)?$/;

function knownHostsProblems(knownHosts: unknown): PropProblem[] {
  if (typeof knownHosts !== 'string') {
    return [];
  }
  const lines = knownHosts.split('\n').map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
  const bad = lines.findIndex((line) => !KNOWN_HOSTS_LINE.test(line));
  return lines.length > 0 && bad < 0 ? [] : [{
    field: 'sshKnownHosts', message: lines.length === 0
      ? 'sshKnownHosts holds no known_hosts line'
      : `line ${bad + 1} of sshKnownHosts ("${lines[bad].slice(0, 60)}") is not a known_hosts line (<host> <key type> <base64 key>), which ssh ignores`,
    hint: 'pass what ssh-keyscan <host> prints, e.g. "git.example.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA…"',
  }];
}

/**
 * How `ssh` looks a server up in `known_hosts`: by its name alone on port 22, as `[name]:port` on another. Pure.
 */
export function knownHostsName(host: string, port: number | undefined): string {
  return port === undefined || port === 22 ? host : `[${host}]:${port}`;
}

/**
 * Whether a line of `knownHosts` is for `name` (see {@link knownHostsName}): one of its comma-separated
 * patterns matches it, `*` and `?` as ssh reads them, and no negated pattern (`!name`) does. A hashed
 * line (`|1|…`) cannot be read without the key, so it counts as one. Pure.
 */
export function knownHostsCover(knownHosts: string, name: string): boolean {
  const glob = (pattern: string) => new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return knownHosts.split('\n').map((line) => line.trim().replace(/^@[a-z-]+\s+/, '').split(/\s+/)[0])
    .filter((patterns) => patterns !== '' && !patterns.startsWith('#'))
    .some((patterns) => {
      const list = patterns.split(',');
      return list.some((p) => p.startsWith('|')) || (list.some((p) => !p.startsWith('!') && glob(p).test(name)) && !list.some((p) => p.startsWith('!') && glob(p.slice(1)).test(name)));
    });
}

/** Settings of the Argo CD the repository installs, given where it installs none. */
function unmanagedProblems(props: Partial<ArgoCdProps>): PropProblem[] {
  if (props.selfManaged !== false) {
    return [];
  }
  return [
    ...(props.syncAccount !== undefined ? [{
      field: 'syncAccount', message: 'the account is made in the values of the Argo CD this repository installs, and selfManaged is off',
      hint: 'turn selfManaged on, or make the account in the Argo CD that is there',
    }] : []),
    ...(props.resources !== undefined ? [{
      field: 'resources', message: 'resources sizes the Argo CD this repository installs, and selfManaged is off: it would change nothing',
      hint: 'turn selfManaged on, or leave resources out and size the Argo CD that is there yourself',
    }] : []),
    ...(props.sshKnownHosts !== undefined ? [{
      field: 'sshKnownHosts', message: 'sshKnownHosts goes into the values of the Argo CD this repository installs, and selfManaged is off: it would change nothing, and the Argo CD that is there would still refuse the server\'s key',
      hint: 'turn selfManaged on, or leave sshKnownHosts out and add the lines to the Argo CD that is there: ssh-keyscan <host> | argocd cert add-ssh --batch',
    }] : []),
    ...(props.highAvailability !== undefined ? [{
      field: 'highAvailability', message: 'highAvailability sets the values of the Argo CD this repository installs, and selfManaged is off: it would change nothing',
      hint: 'turn selfManaged on, or leave highAvailability out and run the Argo CD that is there highly available yourself',
    }] : []),
  ];
}

/**
 * Local account names Argo CD reserves: `admin` is its built-in super-user, bound to `role:admin` by its
 * built-in policy, and RBAC only adds to that, so a sync account of that name could change anything.
 */
const RESERVED_ACCOUNTS: ReadonlySet<string> = new Set(['admin']);

function syncAccountProblems(account: unknown): PropProblem[] {
  return typeof account === 'string' && RESERVED_ACCOUNTS.has(account) ? [{
    field: 'syncAccount', message: `"${account}" is Argo CD's built-in super-user: its token could change anything, not only sync`,
    hint: 'name an account of its own for CI, e.g. syncAccount: \'ci-sync\'',
  }] : [];
}

/** The sizes of Argo CD's parts; the single Redis is none of a highly available Argo CD's (redis-ha replaces it). */
function resourcesProblems(props: Partial<ArgoCdProps>): PropProblem[] {
  const problems = partResourcesProblems(props.resources, 'resources', ARGO_CD_PARTS);
  return problems.length > 0 || props.highAvailability !== true ? problems
    : idlePartProblems(props.resources, 'resources', { redis: 'highAvailability runs the redis-ha subchart instead, whose pods keep that chart\'s sizes' });
}

/** An exemption of a project the repository does not render would record a reason for nothing. */
function unrenderedProjectProblems(props: Partial<ArgoCdProps>): PropProblem[] {
  return props.unrestrictedProject !== undefined && props.createProject !== true ? [{
    field: 'unrestrictedProject', message: 'unrestrictedProject widens the AppProject the repository renders, and createProject is off: it would change nothing',
    hint: 'add createProject: true, or leave unrestrictedProject out (a project made outside the repository keeps its own rules)',
  }] : [];
}

/** Everything {@link argoCd} finds wrong with `props` beyond their shape. Pure. */
export function argoCdOptionProblems(props: Partial<ArgoCdProps> | undefined): PropProblem[] {
  return props === null || typeof props !== 'object' ? [] : [
    ...knownHostsProblems(props.sshKnownHosts), ...syncAccountProblems(props.syncAccount), ...unmanagedProblems(props), ...resourcesProblems(props),
    ...unrenderedProjectProblems(props), ...engineNamespaceProblems('namespace', props.namespace, 'Argo CD', 'argocd'),
  ];
}
