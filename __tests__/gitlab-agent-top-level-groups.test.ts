import { App as CdkApp } from 'cdk8s';
import { ClusterChart, gitLabCi, type GitLabCiAccess, synthesize } from '../constructs';
import { oneNodeLocalPathCluster } from './support/one-node-lab';
import { rows } from './support/readme';
import { unwrittenOutdir } from './support/synth';

// GitLab authorizes an agent's ci_access for a group under another top-level group than the agent's project only
// from GitLab 18.1 on, self-managed, with instance level authorization on: without it, that group's jobs get no
// context of the agent, and its deploys fail at their first kubectl.

function ownerSteps(project: string, ciAccess: GitLabCiAccess[]) {
  const app = new CdkApp();
  new ClusterChart(app, 'main', {
    ...oneNodeLocalPathCluster(false),
    gitops: gitLabCi({ agent: { project, name: 'lab', kasAddress: 'wss://gitlab.lab.test/-/kubernetes-agent/', ciAccess } }),
  });
  const result = synthesize(app, { outdir: unwrittenOutdir(), write: false });
  expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  return rows(result.files.get('lab/main/README.md')!).map(([what]) => what);
}

const serve = (steps: string[]) => steps.filter((what) => what.startsWith('let the agent serve the CI jobs of '));

test('groups under other top-level groups than the agent\'s project get the instance setting step, right after the registration', () => {
  const steps = ownerSteps('infra/agents', [
    { group: 'infra', defaultNamespace: 'infra' }, { group: 'infra/apps', defaultNamespace: 'apps' },
    { group: 'projects', defaultNamespace: 'projects' }, { group: 'peers/alice', defaultNamespace: 'peers-alice' },
  ]);
  expect(serve(steps)).toEqual([
    'let the agent serve the CI jobs of projects, peers/alice, which are not under infra, the top-level group of its project infra/agents: '
      + 'GitLab authorizes ci_access there only from GitLab 18.1 on, self-managed, with instance level authorization on '
      + '(Admin → Settings → General → GitLab agent for Kubernetes → Enable instance level authorization); '
      + 'on an older GitLab, or with it off, their jobs get no context infra/agents:lab, unless the agent\'s project and those groups share one top-level group',
  ]);
  const register = steps.findIndex((what) => what.startsWith('register agent "lab" in GitLab project infra/agents'));
  expect(steps.indexOf(serve(steps)[0])).toBe(register + 1);
});

test("groups under the agent project's own top-level group, or none listed, need no such step", () => {
  expect(serve(ownerSteps('infra/agents', [{ group: 'infra', defaultNamespace: 'infra' }, { group: 'infra/peers/bob', defaultNamespace: 'bob' }]))).toEqual([]);
  expect(serve(ownerSteps('infra/agents', []))).toEqual([]);
});
