import type { App as CdkApp } from 'cdk8s';
import { traefik } from '../constructs';
import { lab, labCluster } from './bad-input/lab';
import { shownFindings } from './support/lab-output';
import { LAB_ROOT, labCaLab, STEP_CA_DIRECTORY } from './support/lab-ca-lab';
import { privateAcmeServerProblems } from '../constructs/platform/private-acme-server';

// A lab with its own CA (see support/lab-ca-lab): the ConfigMap trust-manager's Bundle writes into the apps'
// namespaces is taken as made there, the cluster-scoped Bundle needs no namespace, and step-ca's ACME directory
// at its Service, trusted through caBundle, is correct.

describe('a lab CA distributed by trust-manager, step-ca answering ACME', () => {
  test('synthesizes clean', () => {
    expect(shownFindings((scope) => labCaLab(labCluster(scope as CdkApp, 'main', { routes: traefik({ address: lab.pools.vips.at('10.0.8.10') }) })))).toEqual([]);
  });
});

describe("a private ACME server's directory and caBundle", () => {
  test("public directories under /acme/ (Buypass') and a server at a public name without caBundle are left alone", () => {
    expect(privateAcmeServerProblems('https://api.buypass.com/acme/directory', undefined)).toEqual([]);
    expect(privateAcmeServerProblems('https://ca.jdoe.dev/acme/acme/directory', undefined)).toEqual([]);
  });

  test('a server at a private network name needs caBundle, and a caBundle holds a PEM certificate', () => {
    expect(privateAcmeServerProblems('https://ca.home.lan:9000/acme/acme/directory', undefined).map((p) => p.field)).toEqual(['caBundle']);
    expect(privateAcmeServerProblems(STEP_CA_DIRECTORY, 'ca.home.lan').map((p) => p.field)).toEqual(['caBundle']);
    expect(privateAcmeServerProblems(STEP_CA_DIRECTORY, LAB_ROOT)).toEqual([]);
  });
});
