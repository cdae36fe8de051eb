/** A token file as a path, or as a Nix expression that names one (`config.age.secrets.k3s-token.path`). */
export type NixosTokenFile = string | { readonly nix: string };

/** What one host's NixOS configuration sets for K3s: its role, and for an agent the server it joins. */
export interface NixosK3sHost {
  /** The host's name, for the comment above its lines. */
  readonly hostName: string;
  /** The file of the host's NixOS configuration the lines go into, e.g. `hosts/storage/k8s-server.nix`. @default - the host's configuration, unnamed */
  readonly file?: string;
  /** `server` runs the control plane (and workloads), `agent` joins a server. */
  readonly role: 'server' | 'agent';
  /** The URL an agent joins at, e.g. `https://storage.example.ts.net:6443`; servers have none. */
  readonly serverAddr?: string;
  /** The file the host reads the cluster's join token from. @default - a server makes its own token */
  readonly tokenFile?: NixosTokenFile;
  /** Flags of the K3s process, as on its command line. */
  readonly extraFlags: readonly string[];
  /** The server is a member of the embedded etcd of several servers, whose peers reach its client and peer ports. @default false */
  readonly etcd?: boolean;
}

/**
 * The ports K3s' nodes must reach on each other (K3s' docs, "Inbound rules for K3s nodes"): the API server
 * on servers, the kubelet and Flannel's VXLAN on every node. NixOS' firewall is on by default and its k3s
 * module opens none of them.
 */
const FIREWALL = {
  server: { tcp: [6443, 10250], udp: [8472] },
  agent: { tcp: [10250], udp: [8472] },
} as const;

/** The ports the servers' embedded etcd members reach each other on (K3s' docs: 2379-2380, HA with embedded etcd only). */
const ETCD_PORTS = [2379, 2380];

/** A Nix string literal: JSON's escapes are Nix's, and `${` would start an interpolation. */
function nixString(text: string): string {
  return JSON.stringify(text).replace(/\$\{/g, '\\${');
}

/**
 * The lines of a host's NixOS configuration that run K3s through NixOS' `services.k3s` module, with the
 * firewall ports the nodes use between them.
 */
export function nixosK3sLines(host: NixosK3sHost): string {
  const ports = FIREWALL[host.role];
  return [
    host.file === undefined ? `# NixOS configuration of ${host.hostName}` : `# ${host.file} (NixOS configuration of ${host.hostName})`,
    'services.k3s = {',
    '  enable = true;',
    `  role = ${nixString(host.role)};`,
    ...(host.serverAddr === undefined ? [] : [`  serverAddr = ${nixString(host.serverAddr)};`]),
    ...(host.tokenFile === undefined ? [] : [`  tokenFile = ${typeof host.tokenFile === 'string' ? nixString(host.tokenFile) : host.tokenFile.nix};`]),
    ...(host.extraFlags.length === 0 ? [] : ['  extraFlags = [', ...host.extraFlags.map((flag) => `    ${nixString(flag)}`), '  ];']),
    '};',
    `networking.firewall.allowedTCPPorts = [ ${[...ports.tcp, ...(host.etcd ? ETCD_PORTS : [])].join(' ')} ];`,
    `networking.firewall.allowedUDPPorts = [ ${ports.udp.join(' ')} ];`,
  ].join('\n');
}
