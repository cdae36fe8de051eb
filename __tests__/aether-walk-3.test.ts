import { parseAllDocuments } from 'yaml';
import { factValue } from '../constructs';
import { defineAether } from '../charts/aether';
import { nodeInterface } from '../hosts/aether';
import { synthInMemory } from './support/synth';

// aether walked from a bare cluster a third time, past the earlier re-reads.

const files = synthInMemory(defineAether).files;
const readme = files.get('aether/main/README.md')!;

/** The rows of the README's table of what the owner does by hand, in order. */
const ownerRows = readme.split('\n').filter((line) => /^\| (placeholder|bootstrap|manual) \|/.test(line));

describe("aether: the nodes' interface is the one Talos names on the design's image, which the VIP is announced on", () => {
  // Talos names interfaces predictably on a new install (since 1.5); its nocloud platform and the image of the
  // design's default schematic add no net.ifnames=0, so a Proxmox VM's virtio NIC comes up as ens18, not eth0.
  const l2Policy = parseAllDocuments(files.get('aether/main/config/cilium-load-balancer.yaml')!)
    .map((doc) => doc.toJSON())
    .find((object) => object.kind === 'CiliumL2AnnouncementPolicy');

  test('the L2 policy announces the VIP on the placeholder\'s interface, ens18 until the owner sets it, and not on eth0', () => {
    expect(factValue(nodeInterface)).toBe('ens18');
    expect(l2Policy.spec.interfaces).toEqual([factValue(nodeInterface)]);
    expect(l2Policy.spec.interfaces).not.toContain('eth0');
  });

  test('the placeholder is listed before the first sync, with how to read the name off a node', () => {
    const row = ownerRows.findIndex((line) => line.includes("name of the nodes' network interface on VLAN 3"));
    const firstDeploy = ownerRows.findIndex((line) => line.includes('include the job file from the repository'));
    expect(row).toBeGreaterThanOrEqual(0);
    expect(row).toBeLessThan(firstDeploy);
    expect(ownerRows[row]).toContain('`talosctl get links`');
    expect(ownerRows[row]).toContain('net.ifnames=0');
  });

  test("the provisioning step puts the static address on that interface and says to change the design's eth0", () => {
    const step = ownerRows.find((line) => line.includes('the VMs and their Talos configs from your own OpenTofu code'))!;
    expect(step).toContain('(/24 on ens18, gateway 10.0.3.1; no DHCP)');
    expect(step).toContain('Its config_patches write interface = "eth0"; write "ens18" there');
  });

  test('the VIP bullet says why the policy departs from the design\'s eth0', () => {
    const bullet = readme.split('\n').find((line) => line.startsWith('- **VIP 10.0.3.19.**'))!;
    expect(bullet).toContain('announces it on `ens18` (a placeholder)');
    expect(bullet).toContain('an L2 policy of `eth0` would announce the VIP nowhere');
  });
});
