import type { PropProblem } from '../validation/known-props';
import { secretFlagsIn } from '../validation/command-secrets';
import { networkBounds } from '../inventory/vlan';
import type { K3sProps } from './k3s';
import { issuerUrlSound, type TalosApiServerOidc } from './talos-oidc';
import { discoveryUrlProblem } from '../validation/oidc-issuer';
import { reversedNodePortRangeProblem } from '../services/node-ports';

// What `k3s()` cannot take beyond the types of its options: the server would not start with them, and
// synthesis writes them into the owner's start command as they are.

/** The URL agents join at: https, a host and its port. */
function serverUrlProblem(serverUrl: unknown): PropProblem[] {
  if (typeof serverUrl !== 'string' || /^https:\/\/[A-Za-z0-9.-]+:\d+\/?$/.test(serverUrl)) {
    return [];
  }
  const portless = /^https:\/\/([A-Za-z0-9.-]+)\/?$/.exec(serverUrl);
  if (portless) {
    // An https URL without a port means 443, and the K3s server listens on 6443.
    return [{
      field: 'serverUrl', message: `serverUrl "${serverUrl}" names no port, so agents would join at port 443, where the K3s server listens on 6443`,
      hint: `write serverUrl: 'https://${portless[1]}:6443' (or the port a load balancer in front of the servers takes, e.g. :443)`,
    }];
  }
  // The server's bare name or address (`192.168.1.10`, `http://nuc:6443`) is its URL without the scheme K3s serves or the API port.
  const bare = /^(?:https?:\/\/)?([A-Za-z0-9.-]+)(?::(\d+))?\/?$/.exec(serverUrl.trim());
  return [{
    field: 'serverUrl', message: `serverUrl "${serverUrl}" is not the https URL of a host and port`,
    hint: bare ? `write serverUrl: 'https://${bare[1]}:${bare[2] ?? '6443'}'` : "give the URL agents join at, e.g. 'https://storage.example.ts.net:6443'",
  }];
}

/**
 * Server flags that `k3s()` writes from an option of its own, and that option: synthesis reads the option
 * (the node-port range node ports are checked against, whether servicelb and local-path are there), so a
 * flag given beside it would start a server other than the one the output was checked for.
 */
const FLAGS_OF_OPTIONS: Readonly<Record<string, string>> = {
  '--disable': 'disable', '--service-node-port-range': 'serviceNodePortRange', '--token-file': 'tokenFile',
};

/** Flags whose values are the cluster's pod and Service ranges. */
const RANGE_FLAGS = ['--cluster-cidr', '--service-cidr'];

/** The API server flag `name` (`oidc-issuer-url`) among `--kube-apiserver-arg=<name>=<value>` flags: its value and the index of its flag. */
function apiServerArg(flags: unknown, name: string): { readonly value: string; readonly index: number } | undefined {
  const list: unknown[] = Array.isArray(flags) ? flags : [];
  // K3s drops the leading dashes of the API server's flag itself, so both forms are one flag.
  const prefix = new RegExp(`^--kube-apiserver-arg=(?:--)?${name}=`);
  const index = list.findIndex((flag) => typeof flag === 'string' && prefix.test(flag));
  return index < 0 ? undefined : { value: (list[index] as string).replace(prefix, ''), index };
}

/**
 * The API server's OpenID Connect settings among K3s' extra server flags (`--kube-apiserver-arg=oidc-issuer-url=…`),
 * in the shape of `talos({ apiServerOidc })`; undefined without an issuer. Pure.
 */
export function k3sApiServerOidc(flags: unknown): TalosApiServerOidc | undefined {
  const issuer = apiServerArg(flags, 'oidc-issuer-url');
  if (issuer === undefined) {
    return undefined;
  }
  const optional = (name: string) => apiServerArg(flags, name)?.value;
  return {
    issuerUrl: issuer.value, clientId: optional('oidc-client-id') ?? '',
    ...(optional('oidc-username-claim') !== undefined ? { usernameClaim: optional('oidc-username-claim') } : {}),
    ...(optional('oidc-groups-claim') !== undefined ? { groupsClaim: optional('oidc-groups-claim') } : {}),
  };
}

/** The API server's `oidc-username-prefix` among K3s' extra server flags, where one is given. Pure. */
export function k3sUsernamePrefix(flags: unknown): string | undefined {
  return apiServerArg(flags, 'oidc-username-prefix')?.value;
}

/** The API server's issuer among K3s' flags that it refuses to start with: a discovery document's URL, or no https URL. */
function apiServerIssuerProblems(flags: unknown): PropProblem[] {
  const issuer = apiServerArg(flags, 'oidc-issuer-url');
  if (issuer === undefined) {
    return [];
  }
  const field = `extraServerFlags[${issuer.index}]`;
  const discovery = discoveryUrlProblem(field, issuer.value);
  if (discovery !== undefined) {
    return [discovery];
  }
  return issuerUrlSound(issuer.value) ? [] : [{
    field, message: `"${issuer.value}" is no https URL without query or fragment, and the API server refuses to start with it as oidc-issuer-url`,
    hint: "write the issuer's URL as its tokens' iss claim does, e.g. '--kube-apiserver-arg=oidc-issuer-url=https://auth.example.com'",
  }];
}

/** Extra flags are written after the others on the command line: without `--` K3s takes them as arguments. */
function flagProblems(flags: unknown): PropProblem[] {
  const list: unknown[] = Array.isArray(flags) ? flags : [];
  return list.flatMap((flag, i): PropProblem[] => {
    const field = `extraServerFlags[${i}]`;
    if (typeof flag !== 'string') {
      return [];
    }
    // A value given as the entry after its flag, as on a command line split into words: synthesis reads
    // the flag's value from `--name=value` only (the cluster's ranges among them).
    const before = i > 0 ? list[i - 1] : undefined;
    if (!flag.startsWith('-') && typeof before === 'string' && /^--[a-z][a-z0-9-]*$/.test(before)) {
      return [{
        field, message: `"${flag}" is the value of ${before}, written as an entry of its own`,
        hint: `write the flag and its value as one entry: '${before}=${flag}'`,
      }];
    }
    if (!/^--[a-z]/.test(flag)) {
      return [{
        field, message: `"${flag}" is not a flag of the K3s server, which takes flags as --name or --name=value`,
        hint: `write it as on the command line, e.g. '--${flag.replace(/^-*/, '')}'`,
      }];
    }
    const name = flag.split(/[=\s]/)[0];
    const option = FLAGS_OF_OPTIONS[name];
    const malformed = RANGE_FLAGS.includes(name) ? serverFlagValues([flag], name).find((v) => networkBounds(v) === undefined) : undefined;
    if (malformed !== undefined) {
      return [{
        field, message: `${name} takes CIDR blocks, and "${malformed}" is none: the K3s server would not start`,
        hint: `write ${name}=<network>/<prefix length>, e.g. '${name}=${name === '--cluster-cidr' ? '10.42.0.0/16' : '10.43.0.0/16'}' (several joined with commas)`,
      }];
    }
    const taints = taintsOfFlag(name, flag);
    if (taints !== undefined) {
      return [{
        field, message: `${name === '--node-taint' ? '--node-taint' : '--kubelet-arg=register-with-taints'} taints every server node, which the scheduling checks do not see: they read a node's taints from its host in the inventory, so pods would be placed on nodes that refuse them`,
        hint: `declare the taint on each host it is for, e.g. host('<name>', { taints: [${taints.join(', ')}] }); the cluster's README then says to taint the node (or register it with the taint), and leave the flag out`,
      }];
    }
    const secret = secretFlagsIn(['k3s', flag])[0];
    if (secret !== undefined) {
      // The flags are written out into the start command of the cluster's README, which is committed.
      return [{
        field, message: `${secret.flag} is given its value in the clear, and the start command in the cluster's README is committed with it`,
        hint: secret.flag === '--token'
          ? "keep the token in a file on the server and name it: k3s({ tokenFile: '/etc/rancher/k3s/token' }) (or agenixToken on NixOS), and leave the flag out"
          : secret.flag.startsWith('--etcd-s3-')
            // K3s has no file flag for the S3 credentials: it reads them from its environment or from a Secret.
            ? 'leave the flag out and give the snapshot store its keys outside the repository: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the K3s service\'s environment file on each server, '
              + 'or (K3s v1.30.3 and later) a Secret of kube-system holding etcd-s3-access-key and etcd-s3-secret-key, named by --etcd-s3-config-secret=<name>'
            : `keep the value in a file on the server and pass its path (${secret.flag}-file=<path>, where K3s has one), never the value`,
      }];
    }
    if (option !== undefined) {
      return [{
        field, message: `${name} is written by k3s()'s own option ${option}, which synthesis checks the cluster against; this flag would start a different server`,
        hint: `give it as k3s({ ${option} }) and leave the flag out`,
      }];
    }
    // One list entry is one word of the command line: a flag and its value in one entry reach K3s as one word.
    // A value joined with '=' may hold spaces (a cron schedule): the start command quotes that word.
    return /\s/.test(flag) && (flag !== flag.trim() || /^[^=\s]*\s/.test(flag)) ? [{
      field, message: `"${flag}" holds a space, and K3s would take it as one word`,
      hint: `join the flag and its value with '=': '${flag.trim().replace(/\s+/, '=')}'`,
    }] : [];
  });
}

/**
 * The taints a server flag puts on the node, each written as the inventory's `{ key, value, effect }`, or
 * undefined when the flag sets none: `--node-taint=key=value:Effect` and the kubelet's own
 * `--kubelet-arg=register-with-taints=…` (several joined with commas). Pure.
 */
function taintsOfFlag(name: string, flag: string): string[] | undefined {
  const value = name === '--node-taint' ? flag.slice(name.length + 1)
    : name === '--kubelet-arg' && /^--kubelet-arg=-{0,2}register-with-taints=/.test(flag) ? flag.replace(/^--kubelet-arg=-{0,2}register-with-taints=/, '') : undefined;
  if (value === undefined) {
    return undefined;
  }
  return value.split(',').filter((t) => t !== '').map((taint) => {
    const match = /^([^=:]+)(?:=([^:]*))?(?::(.*))?$/.exec(taint);
    const [key, given, effect] = match ? [match[1], match[2], match[3]] : [taint, undefined, undefined];
    return `{ key: '${key}'${given === undefined || given === '' ? '' : `, value: '${given}'`}, effect: '${effect ?? 'NoSchedule'}' }`;
  });
}

/** The values `flag` is given among the server's flags, as `--flag=a,b` (K3s splits lists at commas). Pure. */
export function serverFlagValues(flags: unknown, flag: string): string[] {
  return (Array.isArray(flags) ? flags : [])
    .filter((f): f is string => typeof f === 'string' && f.startsWith(`${flag}=`))
    .flatMap((f) => f.slice(flag.length + 1).split(',').map((v) => v.trim()));
}

/** The token file is read by the server and each agent as a service, whose working folder is not the owner's: it needs an absolute path. */
function tokenFileProblem(tokenFile: unknown): PropProblem[] {
  if (typeof tokenFile === 'string' && /^K10[0-9a-f]*::|::(server|node):/i.test(tokenFile.trim())) {
    // The token itself (`K10<ca hash>::server:<secret>`): it would be written into the committed steps. The message does not repeat it.
    return [{
      field: 'tokenFile', message: 'tokenFile holds a K3s join token itself, not the path of a file: it would be committed to Git with the cluster\'s steps',
      hint: "write the token into a file on every machine (e.g. /etc/rancher/k3s/token, readable by root only) and give that path; then rotate the token (k3s token rotate), as it has been in your source",
    }];
  }
  return typeof tokenFile !== 'string' || tokenFile.startsWith('/') ? [] : [{
    field: 'tokenFile', message: tokenFile === '' ? 'tokenFile is empty'
      : /^[A-Za-z]:[\\/]|\\/.test(tokenFile) ? `tokenFile "${tokenFile}" is a Windows path, and K3s reads it on Linux machines, each from its own root`
        : `tokenFile "${tokenFile}" is a relative path, which K3s resolves against the service's working folder, not yours`,
    hint: "give the absolute path every machine reads the token from, e.g. '/etc/rancher/k3s/token', or leave tokenFile out for the server's own token",
  }];
}

/** The agenix secret of the join token: an attribute name of `age.secrets`, on NixOS hosts, given instead of a token file. */
function agenixTokenProblem(props: Partial<K3sProps> | undefined): PropProblem[] {
  const secret = props?.agenixToken;
  if (typeof secret !== 'string') {
    return [];
  }
  if (!/^[A-Za-z_][A-Za-z0-9_'-]*$/.test(secret)) {
    return [{
      field: 'agenixToken', message: `agenixToken "${secret}" is not the name of an agenix secret, which is a Nix attribute name`,
      hint: "give the name under age.secrets, e.g. agenixToken: 'k3s-token'",
    }];
  }
  if (props?.tokenFile !== undefined) {
    return [{
      field: 'agenixToken', message: 'agenixToken and tokenFile both say where the join token is: agenix decrypts the secret to a path of its own',
      hint: 'give one of them: agenixToken for the agenix secret, or tokenFile for a file you put on every host',
    }];
  }
  return props?.nixos === true ? [] : [{
    field: 'agenixToken', message: 'agenixToken names an agenix secret, which NixOS hosts decrypt, but the hosts are not said to run NixOS',
    hint: 'set nixos: true, or give tokenFile, the path of a file you put on every host',
  }];
}

/** Everything {@link k3s} finds wrong with `props` beyond their shape. Pure. */
export function k3sOptionProblems(props: Partial<K3sProps> | undefined): PropProblem[] {
  return [
    ...serverUrlProblem(props?.serverUrl),
    ...reversedNodePortRangeProblem(props?.serviceNodePortRange, 'serviceNodePortRange', 'which the API server refuses at start'),
    ...flagProblems(props?.extraServerFlags),
    ...apiServerIssuerProblems(props?.extraServerFlags),
    ...tokenFileProblem(props?.tokenFile),
    ...agenixTokenProblem(props),
    ...nixosFilesProblem(props),
    ...nixosDeployCommandProblem(props),
  ];
}

/** The command that deploys one NixOS host: it names the host through `{host}`, and only NixOS hosts have it. */
function nixosDeployCommandProblem(props: Partial<K3sProps> | undefined): PropProblem[] {
  const command = props?.nixosDeployCommand;
  if (typeof command !== 'string') {
    return [];
  }
  if (props?.nixos !== true) {
    return [{
      field: 'nixosDeployCommand', message: 'nixosDeployCommand deploys a host\'s NixOS configuration, but the hosts are not said to run NixOS',
      hint: 'set nixos: true, or leave nixosDeployCommand out',
    }];
  }
  return command.includes('{host}') ? [] : [{
    field: 'nixosDeployCommand', message: `nixosDeployCommand "${command}" does not name the host it deploys, so every step would deploy the same one`,
    hint: `write {host} where the host's name goes, e.g. '${command.trim() === '' ? 'just deploy' : command.trim()} {host}'`,
  }];
}

/** Files of the hosts' NixOS configurations, which only NixOS hosts have. */
function nixosFilesProblem(props: Partial<K3sProps> | undefined): PropProblem[] {
  return props?.nixosFiles === undefined || props.nixos === true ? [] : [{
    field: 'nixosFiles', message: 'nixosFiles names files of the hosts\' NixOS configurations, but the hosts are not said to run NixOS',
    hint: 'set nixos: true, or leave nixosFiles out',
  }];
}

/**
 * A server flag as one word of a shell's command line: quoted where it holds a space or a character the shell
 * reads (`--etcd-snapshot-schedule-cron=0 3 * * *`), as it is when pasted from the cluster's README. Pure.
 */
export function shellFlag(flag: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]*$/.test(flag) ? flag : `'${flag.replace(/'/g, `'\\''`)}'`;
}
