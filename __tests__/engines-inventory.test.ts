import * as homelab from '../constructs';
import { gitSourceProblems } from '../constructs/inventory/git-source';

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
