import { App as CdkApp } from 'cdk8s';
import { argoCd, ClusterChartProps, SecretReference, synthesize } from '../constructs';
import { labCluster } from './bad-input/lab';

// Options of the platform choices that are sound but need the owner, or another option, to work. The
// options that cannot work are findings of the bad-input corpus (cases-platform-options.ts).

const repositoryCredential = { sshPrivateKey: SecretReference.external('argocd', 'repo', 'sshPrivateKey') };

function build(props: Partial<ClusterChartProps>) {
  const app = new CdkApp();
  labCluster(app, 'main', props);
  const result = synthesize(app, { outdir: 'unused', write: false });
  return { steps: result.outcomes[0].figures.ownerActions, errors: result.findings.filter((f) => f.severity === 'error') };
}

describe('argoCd()', () => {
  test('a project it does not create is an owner step before the first sync', () => {
    const { steps, errors } = build({ gitops: argoCd({ project: 'homelab', repositoryCredential }) });
    expect(errors).toEqual([]);
    expect(steps.find((s) => s.action.startsWith('make AppProject homelab in namespace argocd'))?.action).toMatch(/createProject: true/);
  });

  test('a project it creates, or the default one, needs no step', () => {
    for (const gitops of [argoCd({ project: 'homelab', createProject: true, repositoryCredential }), argoCd({ repositoryCredential })]) {
      expect(build({ gitops }).steps.filter((s) => s.action.includes('AppProject'))).toEqual([]);
    }
  });

  test('an Argo CD the repository does not install runs in a namespace made outside it', () => {
    expect(build({ gitops: argoCd({ repositoryCredential, selfManaged: false }) }).errors).toEqual([]);
  });
});
