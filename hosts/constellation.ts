import { host, MediaSettings, placeholder, site } from '../constructs';

// The constellation lab, moving from NixOS + Podman to K3s. Facts only; charts/constellation/
// decides what runs where.

/** The tailnet both hosts are on: `storage.bat-boa.ts.net`, `cloud.bat-boa.ts.net`. */
export const tailnet = 'bat-boa.ts.net';

/** A host's CPU architecture, which the design does not give: images are checked against the stand-in. */
function archOf(hostName: string, standIn: 'amd64' | 'arm64') {
  return placeholder(standIn, {
    fact: `CPU architecture of ${hostName}, which every image's tag must be published for`,
    owner: `the design names no hardware: write what \`uname -m\` prints on ${hostName} (x86_64 is amd64, aarch64 is arm64)`,
  });
}

/** Media, files and storage services; the K3s server, which also runs workloads. */
export const storage = host('storage', {
  arch: archOf('storage', 'amd64'),
  roles: ['control-plane', 'worker'],
  address: '192.168.1.5',
  // The design names only /dev/dri (hardware transcoding), not the GPU behind it.
  gpus: [{
    vendor: placeholder('intel', {
      fact: 'vendor of the GPU behind /dev/dri on storage, which picks the device plugin Plex and Jellyfin transcode through',
      owner: 'the design names only /dev/dri: write the maker of the VGA controller `lspci` lists on storage (intel or amd)',
    }),
  }],
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

/**
 * A value of the design's `media.config`, which names the settings (`mediaConfig.puid`, `.tz`, `.configDir`…)
 * but gives none of them: what the NixOS configuration sets today is what the pods need.
 */
const mediaConfig = (fact: string, write: string) => ({ fact, owner: `the design's media.config gives no value: write ${write}` });

/** Site-wide media settings (the design's `media.config`); the design gives no values, so each is a placeholder. */
export const mediaSettings: MediaSettings = {
  puid: placeholder(5000, mediaConfig('user id the media containers run as (PUID), the owner of their config folders',
    'media.config.puid of the NixOS configuration (`stat -c %u` of a config folder prints it)')),
  pgid: placeholder(5000, mediaConfig('group id the media containers run as (PGID)',
    'media.config.pgid of the NixOS configuration (`stat -c %g` of a config folder prints it)')),
  tz: placeholder('America/Toronto', mediaConfig('time zone of the media containers (TZ)',
    'media.config.tz of the NixOS configuration, an IANA zone such as Europe/Berlin (`timedatectl show -p Timezone --value` prints the host\'s)')),
  configDir: placeholder('/var/data', mediaConfig('host folder holding one config folder per container (configDir)',
    'media.config.configDir of the NixOS configuration, the folder holding the config folder each Podman container mounts today')),
  dataDir: placeholder('/mnt/storage', mediaConfig('host folder holding files/, mounted at /files (dataDir)',
    'media.config.dataDir of the NixOS configuration')),
  storageDir: placeholder('/mnt/storage', mediaConfig('host folder holding media/, mounted read-only at /media (storageDir)',
    'media.config.storageDir of the NixOS configuration')),
  // NixOS' fixed ids of the render and video groups.
  renderGroup: placeholder(303, {
    fact: 'gid of the render group on storage, which opens /dev/dri/renderD* to Plex and Jellyfin',
    owner: 'the design names only /dev/dri: write the gid `getent group render` prints on storage (NixOS fixes it at 303)',
  }),
  videoGroup: placeholder(26, {
    fact: 'gid of the video group on storage, which opens /dev/dri/card* to Plex and Jellyfin',
    owner: 'the design names only /dev/dri: write the gid `getent group video` prints on storage (NixOS fixes it at 26)',
  }),
};

/** Contact address of the ACME account behind the `cloudflare` ClusterIssuer (ingress exposure only). */
export const acmeEmail = placeholder('admin@arsfeld.one', {
  fact: 'ACME account e-mail of the cloudflare ClusterIssuer',
  owner: 'the design gives none: write a mailbox you read, the contact of the Let\'s Encrypt account (which mails no expiry notices since June 2025)',
});
