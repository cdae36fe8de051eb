import { App } from 'cdk8s';
import * as homelab from '../constructs';
import { gpu1, labCluster } from './bad-input/lab';
import { ensureNamespaceCommand } from '../constructs/synth/bootstrap-secret';
import { ownerActions } from '../constructs/synth/owner-action';

// The Talos steps are made from the cluster's inventory, in the one order that works on bare machines:
// image, configs with every change, each node's first config with its hostname, talosctl's config,
// bootstrap, kubeconfig.

function talosSteps(options: homelab.TalosProps = {}, extra: Record<string, unknown> = {}): string[] {
  const cluster = labCluster(new App(), 'main', { preinstalled: [homelab.talos({ bringYourOwnCni: false, ...options })], ...extra });
  return cluster.platform.preinstalled.find((p) => p.distribution === homelab.TALOS_DISTRIBUTION)?.manualSteps as string[] ?? [];
}

const indexOf = (steps: string[], text: string) => steps.findIndex((s) => s.includes(text));

/** The ExtensionServiceConfig the auth key step writes, once the shell has filled in the key. */
function authKeyDocument(steps: string[]): { environment: string[] } {
  const printed = /printf '%s\\n' "(.*)" > \$HOME\/\.talos\/lab-main\/tailscale-authkey\.yaml/.exec(steps[indexOf(steps, 'TS_AUTHKEY')])![1].replace(/\\"/g, '"').replace('$TS_AUTHKEY', 'tskey-auth-x');
  return JSON.parse(printed);
}

describe('talos() steps on bare machines', () => {
  const steps = talosSteps({
    allowSchedulingOnControlPlanes: true, tailscaleExtension: true, clusterSubnets: [homelab.TAILNET_SUBNET], nameservers: [homelab.TAILSCALE_RESOLVER],
    maintenanceAddresses: { gpu1: '192.168.1.11', arm1: '192.168.1.12' },
  });

  test('in order: auth key, image, gen config, first configs, talosctl config, DNS of the running nodes, bootstrap, kubeconfig', () => {
    const order = ['TS_AUTHKEY', 'factory.talos.dev/schematics', 'talosctl gen config', '--nodes 192.168.1.11', '--nodes 192.168.1.12',
      'export TALOSCONFIG=', 'talosctl patch mc', 'talosctl bootstrap', 'talosctl kubeconfig'].map((text) => indexOf(steps, text));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(steps).toHaveLength(order.length);
  });

  test('every node gets its hostname from the inventory, at its maintenance address, with the config of its role', () => {
    const gpu = steps[indexOf(steps, '--nodes 192.168.1.11')];
    const arm = steps[indexOf(steps, '--nodes 192.168.1.12')];
    expect(gpu).toContain(`--file $HOME/.talos/lab-main/controlplane.yaml --config-patch @$HOME/.talos/lab-main/tailscale-authkey.yaml --config-patch '{"machine":{"network":{"hostname":"gpu1"}}}'`);
    expect(arm).toContain(`--file $HOME/.talos/lab-main/worker.yaml --config-patch @$HOME/.talos/lab-main/tailscale-authkey.yaml --config-patch '{"machine":{"network":{"hostname":"arm1"}}}'`);
  });

  test("each first config says the disk Talos installs onto and erases: gen config's /dev/sda, or the node's installDisks entry as its own patch", () => {
    expect(steps[indexOf(steps, '--nodes 192.168.1.11')]).toContain("Talos installs onto /dev/sda (gen config's default; talos({ installDisks }) names another) and erases it");
    const named = talosSteps({ maintenanceAddresses: { gpu1: '192.168.1.11', arm1: '192.168.1.12' }, installDisks: { gpu1: '/dev/nvme0n1' } });
    const gpu = named[indexOf(named, '--nodes 192.168.1.11')];
    expect(gpu).toContain('Talos installs onto /dev/nvme0n1 and erases it: copy off and check what the machine keeps there first');
    expect(gpu).toContain(`--config-patch '{"machine":{"network":{"hostname":"gpu1"}}}' --config-patch '{"machine":{"install":{"disk":"/dev/nvme0n1"}}}'`);
    // A node left out keeps gen config's disk, with no patch of its own.
    expect(named[indexOf(named, '--nodes 192.168.1.12')]).not.toContain('"disk"');
    const provisioned = talosSteps({ installDisks: { gpu1: '/dev/nvme0n1' }, provisioningSteps: ['terraform apply'] });
    expect(provisioned[indexOf(provisioned, 'machine-config patches')]).toContain('node 10.0.0.1 {"machine":{"network":{"hostname":"gpu1"},"install":{"disk":"/dev/nvme0n1","image":');
  });

  test('every machine-config change is in gen config: scheduling and etcd on the control planes, the kubelet and its mount on every node', () => {
    const gen = steps[indexOf(steps, 'talosctl gen config')];
    expect(gen).toContain('talosctl gen config lab-main https://10.0.0.1:6443 --output $HOME/.talos/lab-main --install-image factory.talos.dev/installer/$TALOS_SCHEMATIC:$TALOS_VERSION');
    expect(gen).toContain(`--config-patch '{"machine":{"kubelet":{"nodeIP":{"validSubnets":["100.64.0.0/10"]},"extraMounts":[{"destination":"/var/local-path-provisioner"`);
    expect(gen).toContain(`--config-patch-control-plane '{"cluster":{"allowSchedulingOnControlPlanes":true,"etcd":{"advertisedSubnets":["100.64.0.0/10"]}}}'`);
    expect(steps.filter((s) => s.includes('talosctl gen config'))).toHaveLength(1);
  });

  test('talosctl uses the generated config, with the control planes as endpoints, and names every node; no placeholder', () => {
    expect(steps[indexOf(steps, 'export TALOSCONFIG=')]).toContain('export TALOSCONFIG=$HOME/.talos/lab-main/talosconfig && talosctl config endpoint 10.0.0.1 && talosctl config node 10.0.0.1');
    expect(steps[indexOf(steps, 'talosctl patch mc')]).toContain('talosctl patch mc --nodes 10.0.0.1,10.0.0.2 --patch \'{"machine":{"network":{"nameservers":["100.100.100.100"]}');
    expect(steps.join('\n')).not.toMatch(/<[a-z][^>]*>/);
  });

  test("each node's key expiry is disabled once it joins: at the tailnet's key expiry it would pass no tailnet traffic, the cluster's with it", () => {
    const step = steps[indexOf(steps, 'TS_AUTHKEY')];
    expect(step).toContain('then disable its key expiry');
    expect(step).toContain('180 days by default');
    expect(step).toContain('The auth key itself expires');
  });

  test('the auth key document is one line of valid JSON once the shell has filled in the key', () => {
    expect(authKeyDocument(steps)).toEqual({
      apiVersion: 'v1alpha1', kind: 'ExtensionServiceConfig', name: 'tailscale', environment: ['TS_AUTHKEY=tskey-auth-x', 'TS_ACCEPT_DNS=true'],
    });
  });

  test("nodes that resolve through Tailscale's resolver have the extension take the tailnet's DNS settings, which it turns off by default", () => {
    expect(steps[indexOf(steps, 'TS_AUTHKEY')]).toContain('with TS_ACCEPT_DNS=true');
    const ownResolver = talosSteps({ tailscaleExtension: true, clusterSubnets: [homelab.TAILNET_SUBNET] });
    expect(authKeyDocument(ownResolver).environment).toEqual(['TS_AUTHKEY=tskey-auth-x']);
  });

  test('an NVIDIA node gets the driver from system extensions and its modules from its config; nothing is installed by hand', () => {
    expect(steps[indexOf(steps, 'schematics')]).toContain('"officialExtensions":["siderolabs/tailscale","siderolabs/zfs","siderolabs/nonfree-kmod-nvidia-production","siderolabs/nvidia-container-toolkit-production"]');
    const gpu = steps[indexOf(steps, '--nodes 192.168.1.11')];
    expect(gpu).toContain(`"image":"factory.talos.dev/installer/'"$TALOS_SCHEMATIC_NVIDIA"':'"$TALOS_VERSION"'"`);
    expect(gpu).toContain('"kernel":{"modules":[{"name":"nvidia"},{"name":"nvidia_uvm"},{"name":"nvidia_drm"},{"name":"nvidia_modeset"}]},"sysctls":{"net.core.bpf_jit_harden":"1"}');
    expect(steps[indexOf(steps, '--nodes 192.168.1.12')]).not.toContain('nvidia');
  });
});

test('without network options or extensions: no image step, the nodes at their inventory addresses, the bootstrap node given', () => {
  const steps = talosSteps({ bootstrapNode: gpu1 });
  expect(steps.join('\n')).not.toMatch(/tailscale|nameservers|advertisedSubnets/);
  expect(steps.some((s) => s.includes('schematics'))).toBe(true); // gpu1's NVIDIA extensions
  expect(steps[indexOf(steps, 'hostname":"arm1"')]).toContain('talosctl apply-config --insecure --nodes 10.0.0.2 --file $HOME/.talos/lab-main/worker.yaml');
  expect(steps[indexOf(steps, 'talosctl bootstrap')]).toMatch(/talosctl bootstrap --nodes 10\.0\.0\.1$/);
});

test('with its own provisioning, the patches go to it before its steps, and no talosctl config is made', () => {
  const steps = talosSteps({ allowSchedulingOnControlPlanes: true, provisioningSteps: ['terraform apply'] });
  expect(indexOf(steps, 'config_patches')).toBeLessThan(steps.indexOf('terraform apply'));
  expect(steps[indexOf(steps, 'config_patches')]).toContain('node 10.0.0.2 {"machine":{"network":{"hostname":"arm1"}}}');
  expect(steps.some((s) => s.includes('talosctl gen config') || s.includes('apply-config'))).toBe(false);
  expect(steps[steps.length - 1]).toMatch(/talos_machine_bootstrap.*talosctl bootstrap --nodes 10\.0\.0\.1$/);
});

test('on Talos the cluster lists no by-hand NVIDIA install (its steps bring the extensions); elsewhere it does', () => {
  const app = new App();
  labCluster(app, 'main', { preinstalled: [homelab.talos({ bringYourOwnCni: false })] });
  const result = homelab.synthesize(app, { outdir: require('os').tmpdir(), write: false });
  const actions = ownerActions(result.clusters[0]);
  expect(actions.some((a) => a.action.includes('install the NVIDIA driver'))).toBe(false);
  const other = labCluster(new App(), 'main');
  other.prepare();
  expect(other.node.findAll().flatMap((c) => c.node.metadata).some((m) => String((m.data as any)?.action).includes('install the NVIDIA driver'))).toBe(true);
});

test("a Secret made by hand is created with its namespace, which may come only with a later sync", () => {
  expect(ensureNamespaceCommand('tailscale')).toBe('kubectl create namespace tailscale --dry-run=client -o yaml | kubectl apply -f -');
});

test('a Talos node the inventory has serve NFS gets a plain step: the export must live outside the Talos nodes', () => {
  const nas = homelab.host('nas1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.0.0.9', services: ['nfs-server'] });
  const cluster = labCluster(new App(), 'main', { hosts: [nas], storage: {}, preinstalled: [homelab.talos({ bringYourOwnCni: false })] });
  const actions = cluster.node.metadata.map((m) => String((m.data as any)?.action));
  expect(actions.filter((a) => a.includes('runs Talos, which has no shell'))).toEqual([
    expect.stringContaining('node nas1 serve nfs-server'),
  ]);
});

// Two Talos clusters of one fleet both wrote talos-config/ and kubeconfig in the working folder: the second
// gen config refused (or, forced, replaced the first cluster's secrets), and the files sat in the repository.
test('each Talos cluster keeps its configs and kubeconfig in a folder of its own, outside the repository', () => {
  const app = new App();
  const stepsOf = (id: string) => labCluster(app, id, { preinstalled: [homelab.talos({ bringYourOwnCni: false, tailscaleExtension: true })] })
    .platform.preinstalled.find((p) => p.distribution === homelab.TALOS_DISTRIBUTION)?.manualSteps as string[];
  const [main, edge] = [stepsOf('main'), stepsOf('edge')];
  const files = (steps: string[]) => steps.join('\n').match(/(\$HOME\/\.talos|~\/\.kube)\/[^\s/,]+/g);
  expect(new Set(files(main))).toEqual(new Set(['$HOME/.talos/lab-main', '~/.kube/lab-main.yaml']));
  expect(new Set(files(edge))).toEqual(new Set(['$HOME/.talos/lab-edge', '~/.kube/lab-edge.yaml']));
  expect(main.join('\n')).not.toMatch(/\$PWD|talos-config|> tailscale-authkey\.yaml/);
});
