// Talos names network interfaces predictably on a new install (since 1.5), as systemd does: by firmware index
// (eno1), PCI hotplug slot (ens18, a Proxmox VM's virtio NIC), PCI path (enp1s0) or MAC address (enx…). Only a
// kernel command line with net.ifnames=0 (which Talos adds on upgrades from older releases and on a few cloud
// platforms, not on metal or nocloud) keeps the legacy eth0.

/** Interface names Talos gives by its predictable naming, one of each scheme. */
const PREDICTABLE_NAMES = ['eno1', 'ens18', 'enp1s0', 'enx78e7d1ea46da'] as const;

/** Legacy kernel names, which a node has only with net.ifnames=0. */
const LEGACY_NAMES = ['eth0', 'eth1'] as const;

/**
 * Whether interface patterns (Go regular expressions, read here as JavaScript ones, which agree on such
 * simple patterns) match a legacy name such as eth0 and none of the names Talos gives by default: on a node
 * installed anew they match no interface. Pure.
 */
export function namesLegacyInterfacesOnly(patterns: readonly string[]): boolean {
  const matchers = patterns.flatMap((pattern) => {
    try {
      return [new RegExp(pattern)];
    } catch {
      // A pattern that does not compile is reported on its own field.
      return [];
    }
  });
  const matchesAny = (names: readonly string[]) => matchers.some((matcher) => names.some((name) => matcher.test(name)));
  return matchers.length > 0 && matchesAny(LEGACY_NAMES) && !matchesAny(PREDICTABLE_NAMES);
}
