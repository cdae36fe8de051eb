import { App } from 'cdk8s';
import * as homelab from '../constructs';
import { labCluster } from './bad-input/lab';

// The owner steps of a Talos cluster on a tailnet, and of a self-managed Argo CD's admin password.

describe('talos() on a tailnet', () => {
  const steps = homelab.talos({
    bringYourOwnCni: false, tailscaleExtension: true, clusterSubnets: [homelab.TAILNET_SUBNET], nameservers: [homelab.TAILSCALE_RESOLVER],
    provisioningSteps: ['talosctl gen config lab https://100.64.0.1:6443'],
  }).manualSteps ?? [];

  test('the extension and its auth key come before the configs are made', () => {
    expect(steps[0]).toMatch(/siderolabs\/tailscale/);
    expect(steps[1]).toMatch(/ExtensionServiceConfig.*TS_AUTHKEY/);
    expect(steps[1]).not.toMatch(/tskey-/);
    expect(steps[2]).toMatch(/^talosctl gen config/);
  });

  test('etcd and the kubelet are kept on the tailnet before talosctl bootstrap', () => {
    const subnets = steps.findIndex((s) => s.includes('advertisedSubnets'));
    expect(steps[subnets]).toContain('"validSubnets":["100.64.0.0/10"]');
    expect(subnets).toBeLessThan(steps.findIndex((s) => s.startsWith('talosctl bootstrap')));
  });

  test('nodes and pods resolve through Tailscale once the nodes are on the tailnet', () => {
    const dns = steps[steps.length - 1];
    expect(dns).toContain('"nameservers":["100.100.100.100"]');
    expect(dns).toContain('"forwardKubeDNSToHost":true');
    expect(dns).toMatch(/Override local DNS/);
  });

  test('no network options, no network steps', () => {
    expect((homelab.talos({ bringYourOwnCni: false }).manualSteps ?? []).join('\n')).not.toMatch(/nameservers|advertisedSubnets|tailscale/i);
  });
});

describe('argoCd() admin password', () => {
  test('the step reads the generated password and keeps none in the repository', () => {
    const app = new App();
    const cluster = labCluster(app, 'main', { gitops: homelab.argoCd() });
    const actions = cluster.node.metadata.filter((m) => m.type.endsWith('owner-action')).map((m) => m.data as { action: string; command?: string });
    const step = actions.find((a) => a.action.includes('argocd-initial-admin-secret'));
    expect(step?.command).toContain('argocd admin initial-password -n argocd');
    expect(step?.command).toContain('argocd account update-password');
  });
});
