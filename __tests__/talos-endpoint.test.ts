import { App } from 'cdk8s';
import * as homelab from '../constructs';
import { labCluster } from './bad-input/lab';
import { endpointUrl } from '../constructs/platform/talos-endpoint';
import { defineGreyArea } from '../charts/grey-area';
import { synthInMemory } from './support/synth';

// The API server's cluster endpoint: a DNS name of every control-plane node (or a VIP) instead of the bootstrap
// node's address, so the API stays reachable while that node is down; the bootstrap itself still asks one node.

function talosSteps(options: homelab.TalosProps = {}): string[] {
  const cluster = labCluster(new App(), 'main', { preinstalled: [homelab.talos({ bringYourOwnCni: false, ...options })] });
  return cluster.platform.preinstalled.find((p) => p.distribution === homelab.TALOS_DISTRIBUTION)?.manualSteps as string[] ?? [];
}

const indexOf = (steps: string[], text: string) => steps.findIndex((s) => s.includes(text));

describe('talos({ clusterEndpoint }) with a DNS name', () => {
  const steps = talosSteps({ clusterEndpoint: 'kube.lab.test', tailscaleExtension: true, nameservers: [homelab.TAILSCALE_RESOLVER] });

  test('the configs name the endpoint, and the API server certificate carries it as a SAN', () => {
    const gen = steps[indexOf(steps, 'talosctl gen config')];
    expect(gen).toContain('talosctl gen config lab-main https://kube.lab.test:6443 --output $HOME/.talos/lab-main');
    expect(gen).toContain(`--config-patch-control-plane '{"cluster":{"apiServer":{"certSANs":["kube.lab.test"]}}}'`);
  });

  test('its records name every control-plane node and no worker, after the nodes ask the tailnet resolver and before bootstrap', () => {
    const records = steps[indexOf(steps, 'DNS name of the API server')];
    expect(records).toContain('answer kube.lab.test with every control-plane node\'s address (10.0.0.1;');
    expect(records).not.toContain('10.0.0.2');
    const order = ['talosctl patch mc', 'DNS name of the API server', 'talosctl bootstrap', 'talosctl kubeconfig'].map((text) => indexOf(steps, text));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  test('bootstrap and the kubeconfig still ask the bootstrap node; the kubeconfig then talks to the endpoint', () => {
    expect(steps[indexOf(steps, 'talosctl bootstrap')]).toMatch(/talosctl bootstrap --nodes 10\.0\.0\.1$/);
    const kubeconfig = steps[indexOf(steps, 'talosctl kubeconfig')];
    expect(kubeconfig).toContain("the kubeconfig's server is https://kube.lab.test:6443");
    expect(kubeconfig).toContain('talosctl kubeconfig ~/.kube/lab-main.yaml --nodes 10.0.0.1');
    // talosctl's own endpoints stay the nodes: the Talos API is no part of the API server's name.
    expect(steps[indexOf(steps, 'export TALOSCONFIG=')]).toContain('talosctl config endpoint 10.0.0.1 ');
  });
});

test('a VIP is the endpoint as it is, with no DNS records to make', () => {
  const steps = talosSteps({ clusterEndpoint: '10.0.0.10' });
  expect(steps[indexOf(steps, 'talosctl gen config')]).toContain('https://10.0.0.10:6443');
  expect(indexOf(steps, 'DNS name of the API server')).toBe(-1);
  expect(endpointUrl('fd00::10')).toBe('https://[fd00::10]:6443');
});

test("a VIP is set up on the control-plane nodes before bootstrap, which nothing else does", () => {
  const steps = talosSteps({ clusterEndpoint: '10.0.0.10' });
  const vip = steps[indexOf(steps, 'VIP of the API server')];
  expect(vip).toContain(`talosctl patch mc --nodes 10.0.0.1 --patch '{"machine":{"network":{"interfaces":[{"interface":"<interface>","vip":{"ip":"10.0.0.10"}}]}}}'`);
  const order = ['export TALOSCONFIG=', 'VIP of the API server', 'talosctl bootstrap', 'talosctl kubeconfig'].map((text) => indexOf(steps, text));
  expect(order.every((at) => at >= 0)).toBe(true);
  expect([...order].sort((a, b) => a - b)).toEqual(order);
});

test('without it, the bootstrap node is the endpoint and no certificate name is added', () => {
  const steps = talosSteps();
  expect(steps[indexOf(steps, 'talosctl gen config')]).toContain('https://10.0.0.1:6443');
  expect(steps.join('\n')).not.toMatch(/certSANs|DNS name of the API server|kubeconfig's server/);
});

test('with its own provisioning, the endpoint and the certificate name go to it', () => {
  const steps = talosSteps({ clusterEndpoint: 'kube.lab.test', provisioningSteps: ['terraform apply'] });
  const patches = steps[indexOf(steps, 'config_patches')];
  expect(patches).toContain("with the cluster endpoint https://kube.lab.test:6443 (Terraform's cluster_endpoint)");
  expect(patches).toContain('the control-plane nodes {"cluster":{"apiServer":{"certSANs":["kube.lab.test"]}}}');
  expect(indexOf(steps, 'DNS name of the API server')).toBeLessThan(indexOf(steps, 'talosctl bootstrap'));
});

test('grey-area: the API server is kubernetes.default.svc.tailnet on all three control-plane nodes, answered before bootstrap', () => {
  const readme = synthInMemory(defineGreyArea).files.get('grey-area/main/README.md')!;
  expect(readme).toContain('talosctl gen config grey-area https://kubernetes.default.svc.tailnet:6443');
  expect(readme).toContain('"apiServer":{"certSANs":["kubernetes.default.svc.tailnet"]}');
  expect(readme).toContain('answer kubernetes.default.svc.tailnet with every control-plane node\'s address (100.64.0.1, 100.64.0.2, 100.64.0.3;');
  expect(readme).toContain('kubernetes.default.svc.tailnet with the tailnet addresses of the three control-plane nodes (100.64.0.1, 100.64.0.2, 100.64.0.3; one A record each)');
  const at = (text: string) => readme.indexOf(text);
  expect(at('talosctl patch mc')).toBeLessThan(at('answer kubernetes.default.svc.tailnet'));
  expect(at('answer kubernetes.default.svc.tailnet')).toBeLessThan(at('talosctl bootstrap --nodes 100.64.0.1'));
});
