import { App } from 'cdk8s';
import * as homelab from '../constructs';
import { labCluster } from './bad-input/lab';

// The owner steps of a self-managed Argo CD's admin password (a Talos cluster's own: talos-steps.test.ts).

describe('argoCd() admin password', () => {
  test('the step reads the generated password and keeps none in the repository', () => {
    const app = new App();
    const cluster = labCluster(app, 'main', { gitops: homelab.argoCd() });
    const actions = cluster.node.findAll().flatMap((c) => c.node.metadata).filter((m) => m.type.endsWith('owner-action')).map((m) => m.data as { action: string; command?: string });
    const step = actions.find((a) => a.action.includes('argocd-initial-admin-secret'));
    expect(step?.command).toContain('argocd admin initial-password -n argocd');
    expect(step?.command).toContain('argocd account update-password');
  });
});
