import type { Host } from '../inventory/host';

// etcd writes and syncs each change to disk, and a single-board computer's SD card or eMMC serves that slowly and
// wears out under it: K3s' maintainers advise against its embedded etcd on Raspberry Pis' default storage, where
// slow syncs end in missed heartbeats, leader elections and API timeouts. SQLite, a single server's default, is
// lighter on it.

/** What a host's `model` says of a single-board computer that boots from an SD card or eMMC unless told otherwise. */
const FLASH_BOOTED_BOARD = /raspberry\s*pi|\bcm[345]\b|compute\s*module|orange\s*pi|rock\s*pi|rock\s*5|odroid|pine64|rockpro64|jetson/i;

/**
 * The control-plane hosts of `hosts` whose model names a single-board computer and whose inventory lists no SSD
 * or NVMe disk, so K3s' datastore lives on its flash: where the servers run the embedded etcd, each is a member
 * that syncs every write there. Pure.
 */
export function serversOnFlash(hosts: readonly Host<any, any>[]): Host<any, any>[] {
  return hosts.filter((h) => h.roles.includes('control-plane') && typeof h.model === 'string' && FLASH_BOOTED_BOARD.test(h.model)
    && !h.disks.some((disk) => disk.media === 'ssd' || disk.media === 'nvme'));
}

/** Whether K3s' servers, given `servers` control-plane hosts and `flags`, run the embedded etcd rather than SQLite or an external datastore. Pure. */
export function runsEmbeddedEtcd(servers: number, flags: readonly string[]): boolean {
  const named = (name: string) => flags.some((flag) => new RegExp(`^--${name}(=|$)`).test(flag));
  return !named('datastore-endpoint') && (servers > 1 || named('cluster-init'));
}
