import { host, MediaSettings, placeholder, site } from '../constructs';

// The constellation lab, moving from NixOS + Podman to K3s. Facts only; charts/constellation/
// decides what runs where.

/** The tailnet both hosts are on: `storage.bat-boa.ts.net`, `cloud.bat-boa.ts.net`. */
export const tailnet = 'bat-boa.ts.net';

/** A host's CPU architecture, which the seed does not give: images are checked against the stand-in. */
function archOf(hostName: string, standIn: 'amd64' | 'arm64') {
  return placeholder(standIn, { fact: `CPU architecture of ${hostName}`, owner: `confirm with \`uname -m\` on ${hostName} (x86_64 is amd64, aarch64 is arm64)` });
}

/** Media, files and storage services; the K3s server, which also runs workloads. */
export const storage = host('storage', {
  arch: archOf('storage', 'amd64'),
  roles: ['control-plane', 'worker'],
  address: '192.168.1.5',
  // The seed names only /dev/dri (hardware transcoding), not the GPU behind it.
  gpus: [{ vendor: placeholder('intel', { fact: 'vendor of the GPU behind /dev/dri on storage', owner: 'confirm with lspci (intel, amd)' }) }],
});

/** Auth and public services; joins as a K3s agent. */
export const cloud = host('cloud', {
  arch: archOf('cloud', 'arm64'),
  roles: ['worker'],
  address: '192.168.1.6',
});

export const constellation = site('constellation', {
  domain: 'arsfeld.one',
  hosts: [storage, cloud],
});

/** The tailnet name of a host, e.g. `storage.bat-boa.ts.net` (the K3s server address is `https://storage.bat-boa.ts.net:6443`). */
export function tailnetName(h: { name: string }): string {
  return `${h.name}.${tailnet}`;
}

const usual = (fact: string, value: string | number) => ({ fact, owner: `confirm or replace ${value}, the owner's usual value (the seed gives none)` });

/** Site-wide media settings (the seed's `media.config`); the seed gives no values, so each is the owner's to confirm. */
export const mediaSettings: MediaSettings = {
  puid: placeholder(5000, usual('media user id (PUID)', 5000)),
  pgid: placeholder(5000, usual('media group id (PGID)', 5000)),
  tz: placeholder('America/Toronto', usual('time zone (TZ)', 'America/Toronto')),
  configDir: placeholder('/var/data', usual('host folder of the config folders (configDir)', '/var/data')),
  dataDir: placeholder('/mnt/storage', usual('host folder that holds files/ (dataDir)', '/mnt/storage')),
  storageDir: placeholder('/mnt/storage', usual('host folder that holds media/ (storageDir)', '/mnt/storage')),
  // NixOS' fixed ids of the render and video groups.
  renderGroup: placeholder(303, { fact: 'gid of the render group on storage', owner: 'check with getent group render' }),
  videoGroup: placeholder(26, { fact: 'gid of the video group on storage', owner: 'check with getent group video' }),
};

/** Contact address of the ACME account behind the `cloudflare` ClusterIssuer (ingress exposure only). */
export const acmeEmail = placeholder('admin@arsfeld.one', { fact: 'ACME account e-mail', owner: 'set the address Let\'s Encrypt sends expiry notices to' });
