import { App as CdkApp } from 'cdk8s';
import { k3s, k3sManifests, synthesize } from '../constructs';
import type { K3sProps } from '../constructs';
import { labCluster } from './bad-input/lab';

// On NixOS, K3s runs through the `services.k3s` module: the steps that start the server and join the agents
// are lines of each host's configuration, not command lines.

function steps(props: K3sProps) {
  const app = new CdkApp();
  const distribution = k3s({ disable: ['traefik', 'servicelb'], ...props });
  const cluster = labCluster(app, 'main', { gitops: k3sManifests(), preinstalled: [distribution] });
  distribution.configure(cluster);
  const result = synthesize(app, { outdir: 'unused', write: false });
  return { actions: result.outcomes[0].figures.ownerActions, errors: result.findings.filter((f) => f.severity === 'error') };
}

test('the server and each agent get their services.k3s lines and the firewall ports the nodes use, before the first sync', () => {
  const { actions, errors } = steps({ nixos: true, serverUrl: 'https://gpu1.lab.ts.net:6443', tokenFile: '/run/agenix/k3s-token' });
  expect(errors).toEqual([]);
  const server = actions.find((a) => a.action.startsWith('start the K3s server on gpu1'))!;
  expect(server).toMatchObject({ kind: 'bootstrap', beforeFirstSync: true });
  expect(server.command).toBe([
    '# NixOS configuration of gpu1',
    'services.k3s = {',
    '  enable = true;',
    '  role = "server";',
    '  tokenFile = "/run/agenix/k3s-token";',
    '  extraFlags = [',
    '    "--disable=traefik"',
    '    "--disable=servicelb"',
    '    "--service-node-port-range=30000-32767"',
    '    "--tls-san=gpu1.lab.ts.net"',
    '  ];',
    '};',
    'networking.firewall.allowedTCPPorts = [ 6443 10250 ];',
    'networking.firewall.allowedUDPPorts = [ 8472 ];',
  ].join('\n'));
  const agent = actions.find((a) => a.action.startsWith('join arm1 (10.0.0.2) to the cluster as a K3s agent'))!;
  expect(agent).toMatchObject({ kind: 'bootstrap', beforeFirstSync: true });
  expect(agent.command).toContain('  role = "agent";\n  serverAddr = "https://gpu1.lab.ts.net:6443";\n  tokenFile = "/run/agenix/k3s-token";\n};');
  // The server's step is these lines, not also a flag list to start it with.
  expect(actions.filter((a) => a.action.startsWith('start the K3s server'))).toHaveLength(1);
});

test("without a shared token file, the server makes its own and the agent reads the server's, copied to it", () => {
  const { actions } = steps({ nixos: true });
  expect(actions.find((a) => a.action.startsWith('start the K3s server'))!.command).not.toContain('tokenFile');
  const agent = actions.find((a) => a.action.startsWith('join arm1'))!;
  expect(agent.action).toContain('with the token of /var/lib/rancher/k3s/server/token on gpu1 copied to it');
  expect(agent.command).toContain('  serverAddr = "https://10.0.0.1:6443";\n  tokenFile = "/var/lib/rancher/k3s/server/token";');
});

test("nixosFiles names the file of each host's configuration above its lines", () => {
  const { actions, errors } = steps({ nixos: true, nixosFiles: { gpu1: 'hosts/gpu1/k8s-server.nix' } });
  expect(errors).toEqual([]);
  expect(actions.find((a) => a.action.startsWith('start the K3s server on gpu1'))!.command).toMatch(/^# hosts\/gpu1\/k8s-server\.nix \(NixOS configuration of gpu1\)\nservices\.k3s = \{/);
  // A host left out gets its lines unnamed, as without nixosFiles.
  expect(actions.find((a) => a.action.startsWith('join arm1'))!.command).toMatch(/^# NixOS configuration of arm1\n/);
});

test('without nixos, the steps stay command lines', () => {
  const { actions } = steps({});
  expect(actions.find((a) => a.action.startsWith('start the K3s server'))!.action).toBe(
    'start the K3s server with --disable=traefik --disable=servicelb --service-node-port-range=30000-32767');
  expect(actions.find((a) => a.action.startsWith('join arm1'))!.command).toBe(
    'k3s agent --server https://10.0.0.1:6443 --token-file /var/lib/rancher/k3s/server/token');
});

test('a shared token file is a step before the server starts: K3s starts on no host without it', () => {
  const { actions } = steps({ nixos: true, tokenFile: '/etc/rancher/k3s/token' });
  const token = actions.findIndex((a) => a.action.startsWith("put the cluster's join token in /etc/rancher/k3s/token on gpu1 and arm1"));
  expect(token).toBeGreaterThanOrEqual(0);
  expect(actions[token]).toMatchObject({ kind: 'bootstrap', beforeFirstSync: true });
  expect(token).toBeLessThan(actions.findIndex((a) => a.action.startsWith('start the K3s server')));
  // The server's own token needs no step: the agent's says to copy it.
  expect(steps({ nixos: true }).actions.filter((a) => a.action.includes("join token"))).toEqual([]);
});

test("an agenix token is read from the secret's path on every host, and made and declared before the server starts", () => {
  const { actions, errors } = steps({ nixos: true, agenixToken: 'k3s-token' });
  expect(errors).toEqual([]);
  const server = actions.find((a) => a.action.startsWith('start the K3s server on gpu1'))!;
  expect(server.command).toContain('  role = "server";\n  tokenFile = config.age.secrets.k3s-token.path;\n');
  expect(server.command).not.toContain('--token-file');
  const agent = actions.find((a) => a.action.startsWith('join arm1'))!;
  expect(agent.action).not.toContain('copied to');
  expect(agent.command).toContain('  serverAddr = "https://10.0.0.1:6443";\n  tokenFile = config.age.secrets.k3s-token.path;\n};');
  const token = actions.findIndex((a) => a.action.startsWith("make the cluster's join token, the agenix secret k3s-token"));
  expect(actions[token].action).toContain('encrypted for the host keys of gpu1 and arm1 and declared on each as age.secrets.k3s-token');
  expect(actions[token].command).toBe('# NixOS configuration of gpu1 and arm1\nage.secrets.k3s-token.file = …; # the .age file holding the token');
  expect(token).toBeLessThan(actions.indexOf(server));
});

test("kubectl's config is copied from the server once it runs, with sudo unless the kubeconfig's mode lets every user read it", () => {
  const step = (props: K3sProps) => steps({ nixos: true, serverUrl: 'https://gpu1.lab.ts.net:6443', ...props }).actions.find((a) => a.action.startsWith("kubectl's config for the cluster"))!;
  const rootOnly = step({});
  expect(rootOnly).toMatchObject({ kind: 'bootstrap', beforeFirstSync: true });
  expect(rootOnly.action).toContain('readable by root only');
  expect(rootOnly.command).toContain("ssh gpu1.lab.ts.net sudo cat /etc/rancher/k3s/k3s.yaml | sed 's#https://127.0.0.1:6443#https://gpu1.lab.ts.net:6443#'");
  const open = step({ extraServerFlags: ['--write-kubeconfig-mode=0644', '--write-kubeconfig=/etc/k3s/admin.yaml'] });
  expect(open.action).toContain('to /etc/k3s/admin.yaml on gpu1 as the server starts, readable by every user of gpu1');
  expect(open.command).toContain('ssh gpu1.lab.ts.net cat /etc/k3s/admin.yaml |');
  // Without a server URL, the server's own address, which K3s' certificate names.
  expect(steps({ nixos: true }).actions.find((a) => a.action.startsWith("kubectl's config"))!.command).toContain("ssh 10.0.0.1 sudo cat /etc/rancher/k3s/k3s.yaml | sed 's#https://127.0.0.1:6443#https://10.0.0.1:6443#'");
});

test("nixosDeployCommand names how each host's configuration is deployed, the host's name for {host}", () => {
  const { actions, errors } = steps({ nixos: true, nixosDeployCommand: 'just deploy {host}' });
  expect(errors).toEqual([]);
  expect(actions.find((a) => a.action.startsWith('start the K3s server on gpu1'))!.action).toBe('start the K3s server on gpu1: set services.k3s in its NixOS configuration and deploy it (`just deploy gpu1`)');
  expect(actions.find((a) => a.action.startsWith('join arm1'))!.action).toContain('set services.k3s in its NixOS configuration and deploy it (`just deploy arm1`)');
  // Without it, the steps say to deploy the configuration.
  expect(steps({ nixos: true }).actions.find((a) => a.action.startsWith('start the K3s server'))!.action).toMatch(/and deploy it$/);
});
