import type { OwnerAction } from '../synth/owner-action';

// K3s encrypts the bootstrap data of its datastore (the cluster CA's keys, the service-account key) with the
// server token it first started with (K3s' docs, "k3s token"): a server that later reads another value from its
// token file does not start. So a token the owner provides keeps its value for good unless `k3s token rotate`
// moves the cluster to a new one, and a host added later joins with the value in force, not a new one.

/** Where every host reads a join token the owner provides: an agenix secret (NixOS) or a file put on each host. */
export type ProvidedK3sToken = { readonly agenixSecret: string } | { readonly file: string };

/** What the steps of a provided join token need to know of the cluster. */
export interface K3sTokenStepsProps {
  /** Where the hosts read the token. */
  readonly token: ProvidedK3sToken;
  /** The names of every host of the cluster, which all read it, in the inventory's order. */
  readonly hostNames: readonly string[];
  /** The host of the first K3s server, where the token is rotated. */
  readonly serverName: string;
  /** The hosts run K3s through NixOS' services.k3s, whose unit is `k3s` on servers and agents alike. */
  readonly nixos: boolean;
}

/** The path agenix' NixOS module decrypts `secret` to by default. */
function agenixPath(secret: string): string {
  return `/run/agenix/${secret}`;
}

/** `a, b and c`. Pure. */
function listed(names: readonly string[]): string {
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names.join('');
}

/**
 * The step that makes the join token before K3s starts, and says what a host added later gets: the same value,
 * as a new one would keep the server from starting. Pure.
 */
export function k3sTokenStep(props: K3sTokenStepsProps): OwnerAction {
  const hosts = listed(props.hostNames);
  const random = 'one random value (`openssl rand -hex 32` prints one)';
  const use = 'the server takes it as the cluster\'s token, the other hosts join with it, and K3s starts on none of them without it';
  if ('agenixSecret' in props.token) {
    const secret = props.token.agenixSecret;
    return {
      kind: 'bootstrap',
      action: `make the cluster's join token, the agenix secret ${secret}, before K3s starts: ${random}, encrypted for the host keys of ${hosts} `
        + `and declared on each as age.secrets.${secret}, which decrypts it to ${agenixPath(secret)}; ${use}. A host added later joins with the value `
        + 'the secret holds: add its key to the secret\'s recipients in secrets.nix and re-encrypt it (`agenix -r`), keeping the value, as the server '
        + 'encrypted its datastore with it and does not start on another',
      command: `# NixOS configuration of ${hosts}\nage.secrets.${secret}.file = …; # the .age file holding the token`,
      beforeFirstSync: true,
    };
  }
  return {
    kind: 'bootstrap',
    action: `put the cluster's join token in ${props.token.file} on ${hosts}, readable by root only, before K3s starts: ${random}; ${use}. `
      + `A host added later gets the same value, copied from ${props.serverName}'s ${props.token.file}: the server encrypted its datastore with it and does not start on another`,
    beforeFirstSync: true,
  };
}

/**
 * The step that rotates the join token: `k3s token rotate` on the server while its token file still holds the
 * old value, then the new value on every host and K3s restarted, servers first, as K3s' docs ask. Pure.
 */
export function k3sTokenRotationStep(props: K3sTokenStepsProps): OwnerAction {
  const agenix = 'agenixSecret' in props.token ? props.token.agenixSecret : undefined;
  const path = 'agenixSecret' in props.token ? agenixPath(props.token.agenixSecret) : props.token.file;
  const where = agenix === undefined ? `${path} on every host` : `the agenix secret ${agenix}`;
  const write = agenix === undefined
    ? `write the new value into ${path} on ${listed(props.hostNames)}`
    : 'write the new value into the secret (`agenix -e` on its .age file), deploy every host';
  const restart = props.nixos ? '`systemctl restart k3s`' : '`systemctl restart k3s` on servers, `k3s-agent` on agents';
  return {
    kind: 'manual',
    action: `to rotate the cluster's join token (${where}): a new value there alone keeps the server from starting, as K3s encrypts its datastore's `
      + `bootstrap data with the token. On ${props.serverName}, while ${path} still holds the old value, hand K3s the new one with \`k3s token rotate\`; `
      + `then ${write} and restart K3s on each host, ${props.serverName} first (${restart}: a changed token file restarts nothing), as the agents `
      + 'join with the new value from then on; a datastore backup taken before reads back with the old token only',
    command: `# on ${props.serverName}, as root, before the token file changes; "…" is the new value (\`openssl rand -hex 32\` prints one)\n`
      + `k3s token rotate --token "$(cat ${path})" --new-token "…"`,
  };
}
