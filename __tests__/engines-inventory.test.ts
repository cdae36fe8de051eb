import { App as CdkApp } from 'cdk8s';
import * as homelab from '../constructs';
import { ChartRelease, servesPorts } from '../constructs';
import { gitSourceProblems } from '../constructs/inventory/git-source';
import { fluxOptionProblems } from '../constructs/platform/flux-options';
import { labCluster, prepopulatedOutdir, synthFindings } from './bad-input/lab';

// What the checks of engines-inventory's bad-input cases must leave alone: the forms those mistakes are
// told from, which real labs write.

describe('Git URLs the engines clone', () => {
  test.each([
    'https://github.com/me/lab.git',
    'https://github.com/me/lab',
    'ssh://git@github.com/me/lab.git',
    'ssh://git@github.com:22/me/lab.git',
    'git@github.com:me/lab.git',
    'https://gitlab.com/group/subgroup/project.git',
    'https://git.example.com/a/b/c/lab.git',
    'https://dev.azure.com/org/project/_git/lab',
  ])('%s is taken as written', (url) => {
    expect(gitSourceProblems({ url })).toEqual([]);
  });

  test('a URL with a password is told of its password, not of what follows the repository', () => {
    const problems = gitSourceProblems({ url: 'https://me:hunter2@github.com/me/lab.git?ref=main' });
    expect(problems.map((p) => p.message)).toEqual([expect.stringContaining('password')]);
  });

  test('a GitLab URL of a group alone is told it names no repository', () => {
    expect(gitSourceProblems({ url: 'https://gitlab.com/group' }).map((p) => p.field)).toEqual(['git.url']);
  });
});

describe('Flux bootstrap folders', () => {
  test.each(['clusters/lab', 'clusters/home-lab_2', 'flux/v1.2/lab'])('%s is one shell word', (bootstrapPath) => {
    expect(fluxOptionProblems({ bootstrapPath })).toEqual([]);
  });
});

/** Errors of a cluster `edge` of the lab built by `build`, beside the lab's `main`. */
function errorsOf(build: (app: CdkApp) => void): string[] {
  const app = new CdkApp();
  build(app);
  return synthFindings(app, prepopulatedOutdir()).findings.filter((f) => f.severity === 'error').map((f) => `${f.constructPath} ${f.field}`);
}

describe("a distribution's built-ins", () => {
  const coredns = { repository: 'https://coredns.github.io/helm', chart: 'coredns', version: '1.36.0' };

  test("CoreDNS's chart on K3s with its packaged CoreDNS switched off is no error", () => {
    const errors = errorsOf((app) => {
      const cluster = labCluster(app, 'main', { preinstalled: [homelab.k3s({ disable: ['coredns', 'traefik', 'servicelb'] })] });
      new ChartRelease(cluster, 'dns', { namespace: 'dns', chart: coredns, network: servesPorts({ port: 53, purpose: 'dns' }) });
    });
    expect(errors.filter((e) => e.includes('chart.chart'))).toEqual([]);
  });

  test('a K3s cluster configured by hand (distribution.preinstalled) is checked alike', () => {
    const errors = errorsOf((app) => {
      const distribution = homelab.k3s({ disable: ['traefik', 'servicelb'] });
      const cluster = labCluster(app, 'main', { preinstalled: [distribution.preinstalled] });
      distribution.configure(cluster);
      new ChartRelease(cluster, 'dns', { namespace: 'dns', chart: coredns, network: servesPorts({ port: 53, purpose: 'dns' }) });
    });
    expect(errors).toContain('main/dns chart.chart');
  });

  test('a chart of another name on K3s is no error', () => {
    const errors = errorsOf((app) => {
      const cluster = labCluster(app, 'main', { preinstalled: [homelab.k3s()] });
      new ChartRelease(cluster, 'podinfo', {
        namespace: 'podinfo', chart: { repository: 'https://stefanprodan.github.io/podinfo', chart: 'podinfo', version: '6.7.1' },
        network: servesPorts({ port: 9898, purpose: 'http' }),
      });
    });
    expect(errors.filter((e) => e.includes('chart.chart'))).toEqual([]);
  });
});

describe('Talos install disks', () => {
  test.each(['/dev/sda', '/dev/nvme0n1', '/dev/mmcblk0', '/dev/disk/by-id/wwn-0x5002538e40a0eb21', '/dev/disk/by-id/nvme-Samsung_SSD_980_1TB_S649NJ0R100001'])('%s is a whole disk', (disk) => {
    const errors = errorsOf((app) => labCluster(app, 'main', {
      preinstalled: [homelab.talos({ allowSchedulingOnControlPlanes: true, bringYourOwnCni: false, installDisks: { gpu1: disk } })],
    }));
    expect(errors.filter((e) => e.includes('installDisks'))).toEqual([]);
  });
});

describe('external hosts', () => {
  test('an external host at a placeholder address is no error, as the address is a stand-in', () => {
    const node = homelab.host('eiv-node', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.9.9.1' });
    const own = homelab.site('eiv', {
      domain: 'eiv.test', hosts: [node],
      externalHosts: { nas: homelab.externalHost('eiv-nas', { address: homelab.placeholder('10.9.9.1', { fact: 'NAS address', owner: 'set the NAS address' }) }) },
    });
    expect(own.problems).toEqual([]);
  });
});
