import type { App as CdkApp } from 'cdk8s';
import { traefik } from '../constructs';
import { lab, labCluster } from './bad-input/lab';
import { shownFindings } from './support/lab-output';
import { labCaLab } from './support/lab-ca-lab';

// A lab with its own CA (see support/lab-ca-lab): the ConfigMap trust-manager's Bundle writes into the apps'
// namespaces is taken as made there, the cluster-scoped Bundle needs no namespace, and step-ca's ACME directory
// at its Service, trusted through caBundle, is correct.

describe('a lab CA distributed by trust-manager, step-ca answering ACME', () => {
  test('synthesizes clean', () => {
    expect(shownFindings((scope) => labCaLab(labCluster(scope as CdkApp, 'main', { routes: traefik({ address: lab.pools.vips.at('10.0.8.10') }) })))).toEqual([]);
  });
});
