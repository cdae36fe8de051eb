import { App as CdkApp } from 'cdk8s';
import { argoCd, ClusterChart, host, metalLb, SecretReference, site, synthesize, traefik } from '../constructs';
import { knownHostsCover, knownHostsName } from '../constructs/platform/argo-cd-options';
import { ownerActions } from '../constructs/synth/owner-action';

// Argo CD clones an SSH repository only from a server whose key its known_hosts holds, looked up as ssh
// does: by the name alone on port 22, as `[name]:port` on another (a Forgejo's own SSH server on 2222).

const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl';

describe('known_hosts lookup', () => {
  test('a server is known by its name on port 22 and by [name]:port elsewhere', () => {
    expect(knownHostsName('git.lab.test', undefined)).toBe('git.lab.test');
    expect(knownHostsName('git.lab.test', 22)).toBe('git.lab.test');
    expect(knownHostsName('git.lab.test', 2222)).toBe('[git.lab.test]:2222');
  });

  test('a line covers a name through one of its patterns, wildcards read as ssh reads them, unless a negated one matches', () => {
    expect(knownHostsCover(`git.lab.test,10.0.0.5 ${KEY}`, 'git.lab.test')).toBe(true);
    expect(knownHostsCover(`*.lab.test ${KEY}`, 'git.lab.test')).toBe(true);
    expect(knownHostsCover(`*.lab.test,!git.lab.test ${KEY}`, 'git.lab.test')).toBe(false);
    expect(knownHostsCover(`git.lab.test ${KEY}`, '[git.lab.test]:2222')).toBe(false);
    expect(knownHostsCover(`[git.lab.test]:2222 ${KEY}`, '[git.lab.test]:2222')).toBe(true);
    expect(knownHostsCover(`@cert-authority *.lab.test ${KEY}`, 'git.lab.test')).toBe(true);
    // A hashed name cannot be read without the key: taken as covering.
    expect(knownHostsCover(`|1|abc=|def= ${KEY}`, 'git.lab.test')).toBe(true);
  });
});

test("the step that scans an SSH server on another port than 22 scans that port", () => {
  const node = host('node1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.1.0.11' });
  const lab = site('lab', {
    domain: 'lab.test', hosts: [node], pools: { lb: { first: '10.1.0.200', last: '10.1.0.210' } },
    git: { url: 'ssh://git@forgejo.lab.test:2222/me/lab.git' },
  });
  const app = new CdkApp();
  new ClusterChart(app, 'main', {
    site: lab, hosts: [node], routes: traefik({ address: lab.pools.lb.at('10.1.0.200') }), loadBalancer: metalLb({ pools: [lab.pools.lb] }),
    gitops: argoCd({ repositoryCredential: { sshPrivateKey: SecretReference.external('argocd', 'repo-ssh', 'sshPrivateKey') } }),
  });
  const result = synthesize(app, { outdir: 'unused', write: false });
  expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  expect(ownerActions(result.clusters[0]).map((a) => a.command).filter((c) => c?.startsWith('ssh-keyscan'))).toEqual(['ssh-keyscan -p 2222 forgejo.lab.test']);
});

describe("the known_hosts of the repository's server reach Argo CD by hand: its own Application carries them, from the repository it cannot clone without them", () => {
  const node = host('node1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.1.0.11' });
  const lab = site('lab', {
    domain: 'lab.test', hosts: [node], pools: { lb: { first: '10.1.0.200', last: '10.1.0.210' } },
    git: { url: 'ssh://git@forgejo.lab.test/me/lab.git' },
  });
  const actionsOf = (sshKnownHosts?: string, selfManaged?: boolean) => {
    const app = new CdkApp();
    new ClusterChart(app, 'main', {
      site: lab, hosts: [node], routes: traefik({ address: lab.pools.lb.at('10.1.0.200') }), loadBalancer: metalLb({ pools: [lab.pools.lb] }),
      gitops: argoCd({ repositoryCredential: { sshPrivateKey: SecretReference.external('argocd', 'repo-ssh', 'sshPrivateKey') }, sshKnownHosts, selfManaged }),
    });
    const result = synthesize(app, { outdir: 'dist', write: false });
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    return ownerActions(result.clusters[0]);
  };
  const stepsOf = (sshKnownHosts?: string) => actionsOf(sshKnownHosts).map((a) => a.action);

  test('the step that scans the server applies Argo CD\'s own Application once synthesized, after the first install that starts Argo CD', () => {
    const steps = stepsOf();
    const scan = steps.findIndex((s) => s.startsWith('give Argo CD the SSH host key of forgejo.lab.test'));
    const install = steps.findIndex((s) => s.startsWith('first install of Argo CD'));
    expect(steps[scan]).toContain('kubectl apply -f dist/lab/main/platform/argo-cd.yaml');
    expect(install).toBeGreaterThanOrEqual(0);
    expect(scan).toBeGreaterThan(install);
  });

  test("with the keys given, the first install applies Argo CD's own Application beside the root, as the chart's install knows none of them", () => {
    const install = stepsOf(`forgejo.lab.test ${KEY}`).find((s) => s.startsWith('first install of Argo CD'))!;
    expect(install).toContain('kubectl apply -k dist/lab/main && kubectl apply -f dist/lab/main/platform/argo-cd.yaml');
  });

  test('an Argo CD the repository does not install takes the key into its own known hosts, where no value of the repository reaches', () => {
    const scan = actionsOf(undefined, false).find((a) => a.command?.startsWith('ssh-keyscan'))!;
    expect(scan.command).toBe('ssh-keyscan forgejo.lab.test | argocd cert add-ssh --batch');
    expect(scan.action).not.toContain('argoCd({ sshKnownHosts })');
  });
});
