import { App as CdkApp } from 'cdk8s';
import { synthesize } from '../constructs';
import { podinfoRelease } from './bad-input/cases-correct-labs';
import { labCluster } from './bad-input/lab';

// A namespace whose pods come from an install the output does not show, with no NetworkPolicy over every pod:
// the warning's hint must be one the user can follow, whether the install is the library's or written by hand.

describe('a HelmRelease written by hand into a namespace the lab declares', () => {
  test('is warned of, with a hint that a hand-written release can follow', () => {
    const app = new CdkApp();
    const cluster = labCluster(app);
    cluster.namespaces.ensure('podinfo');
    podinfoRelease(cluster, { remediation: { retries: 3 } });
    const warnings = synthesize(app, { outdir: 'unused', write: false }).findings
      .filter((f) => f.layer === 'policy' && f.field === 'spec.targetNamespace' && f.constructPath === 'main/podinfo-release');
    expect(warnings).toEqual([expect.objectContaining({
      severity: 'warning',
      message: expect.stringContaining('namespace "podinfo" gets the pods of HelmRelease "podinfo"'),
      hint: expect.stringMatching(/for a HelmRelease written by hand, add a NetworkPolicy of namespace "podinfo" over every pod \(podSelector: \{\}\).*or give its Namespace that annotation/),
    })]);
  });
});
