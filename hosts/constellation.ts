import { host, MediaSettings, site, toConfirm } from '../constructs';

// Seed 001: the constellation lab moving from NixOS + Podman to K3s. Facts only; charts/constellation/
// decides what runs where.

/** The tailnet both hosts are on: `storage.bat-boa.ts.net`, `cloud.bat-boa.ts.net`. */
export const tailnet = 'bat-boa.ts.net';

/** Media, files and storage services; the K3s server, which also runs workloads. */
export const storage = host('storage', {
  arch: 'amd64',
  roles: ['control-plane', 'worker'],
  address: '192.168.1.5',
  // The seed names only /dev/dri (hardware transcoding); an Intel iGPU is the owner's to confirm.
  gpus: [{ vendor: 'intel', model: 'GPU behind /dev/dri (vendor to confirm)' }],
});

/** Auth and public services; joins as a K3s agent. */
export const cloud = host('cloud', {
  arch: 'arm64',
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

const usual = 'the owner\'s usual value; the seed gives none';

/** Site-wide media settings (the seed's `media.config`). */
export const mediaSettings: MediaSettings = {
  puid: toConfirm(5000, `PUID: ${usual}`),
  pgid: toConfirm(5000, `PGID: ${usual}`),
  tz: toConfirm('America/Toronto', `TZ: ${usual}`),
  configDir: toConfirm('/var/data', `config folder: ${usual}`),
  dataDir: toConfirm('/mnt/storage', `data folder (holds files/): ${usual}`),
  storageDir: toConfirm('/mnt/storage', `storage folder (holds media/): ${usual}`),
  // NixOS' fixed group ids for render and video.
  renderGroup: toConfirm(303, 'gid of the render group on storage (getent group render)'),
  videoGroup: toConfirm(26, 'gid of the video group on storage (getent group video)'),
};
