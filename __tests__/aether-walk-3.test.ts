import { App as CdkApp } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { cilium, ciliumLoadBalancer, ciliumOnTalos, ClusterChart, factValue, flux, host, localPathStorage, site, synthesize, talos, traefik } from '../constructs';
import type { CiliumLoadBalancerProps } from '../constructs';
import { defineAether } from '../charts/aether';
import { nodeInterface } from '../hosts/aether';
import { namesLegacyInterfacesOnly } from '../constructs/platform/talos-interface-names';
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

describe("a Cilium load balancer whose announcements name eth0 alone, on Talos, which names a new install's interfaces predictably", () => {
  const nodes = [1, 2].map((i) => host(`nic-${i}`, { arch: 'amd64', roles: ['control-plane', 'worker'], address: `10.162.0.1${i}` }));
  const lab = site('nic', { domain: 'nic.test', hosts: nodes, pools: { lb: { first: '10.162.0.200', last: '10.162.0.210' } }, git: { url: 'https://git.nic.test/lab.git' } });

  /** The warnings on loadBalancer.interfaces of a cluster with `loadBalancer`, on Talos or not. */
  const interfaceWarnings = (props: Partial<CiliumLoadBalancerProps>, onTalos = true) => {
    const app = new CdkApp();
    new ClusterChart(app, 'main', {
      site: lab, hosts: nodes, routes: traefik(), storage: { fast: localPathStorage() }, gitops: flux(),
      ...(onTalos ? { preinstalled: [talos({ bootstrapNode: nodes[0], allowSchedulingOnControlPlanes: true, clusterEndpoint: '10.162.0.10' })] } : {}),
      cni: cilium(onTalos ? ciliumOnTalos() : {}), networkPolicy: 'cilium',
      loadBalancer: ciliumLoadBalancer({ pools: [lab.pools.lb], ...props }),
    });
    return synthesize(app, { outdir: 'unused', write: false }).findings
      .filter((f) => f.field === 'loadBalancer.interfaces')
      .map((f) => `${f.severity} ${f.message} | ${f.hint}`);
  };

  test('the default eth0, or eth0 given, is a warning naming the names Talos gives and how to read them off a node', () => {
    for (const props of [{}, { interfaces: ['eth0'] }, { interfaces: ['^eth[0-9]+$'] }]) {
      expect(interfaceWarnings(props)).toEqual([expect.stringMatching(/^warning .*a legacy name that a Talos node installed anew does not have.*net\.ifnames=0.*talosctl get links/)]);
    }
  });

  test("a predictable name, or a pattern that takes one, is no finding; nor is eth0 where the distribution is not Talos", () => {
    expect(interfaceWarnings({ interfaces: ['ens18'] })).toEqual([]);
    expect(interfaceWarnings({ interfaces: ['^(eth|en)'] })).toEqual([]);
    expect(interfaceWarnings({}, false)).toEqual([]);
  });

  test('which patterns match legacy names alone', () => {
    expect(namesLegacyInterfacesOnly(['eth0'])).toBe(true);
    expect(namesLegacyInterfacesOnly(['eth0', 'ens18'])).toBe(false);
    expect(namesLegacyInterfacesOnly(['^e'])).toBe(false);
    expect(namesLegacyInterfacesOnly(['bond0'])).toBe(false);
    expect(namesLegacyInterfacesOnly(['('])).toBe(false);
  });
});
