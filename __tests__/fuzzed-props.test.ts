import { App as CdkApp } from 'cdk8s';
import { argoCdComponent, certManagerComponent, ClusterChart, crossplane, Forgejo, gatekeeper, kubeVirtComponent, localPathProvisioner, multusComponent, traefik } from '../constructs';
import { guarded, labCluster, prepopulatedOutdir, synthFindings } from './bad-input/lab';

// Props given values of every wrong type, one prop at a time: a value the construct reads as left out is
// read so by its checks too.

test('Forgejo given ssh: null, which it reads as no SSH settings, synthesizes with its default SSH', () => {
  const app = new CdkApp();
  // Before, the SSH check read the domain of null: a TypeError reported on the construct.
  guarded((cluster: ClusterChart) => new Forgejo(cluster, 'forgejo', { ssh: null } as any))(labCluster(app));
  const { findings, written } = synthFindings(app, prepopulatedOutdir());
  expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  expect(written).toBe(true);
});

test('traefik(null) is traefik() with no options, as ingressNginx(null) is', () => {
  const app = new CdkApp();
  // Before, the Traefik routes read the address of null: "defining the lab failed before its first construct".
  labCluster(app, 'main', { routes: traefik(null as any) });
  const { findings, written } = synthFindings(app, prepopulatedOutdir());
  expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  expect(written).toBe(true);
});

// Before, each read an option of null at once: "building this construct failed: Cannot read properties of null".
test.each([
  ['certManagerComponent', () => certManagerComponent(null as any)],
  ['crossplane', () => crossplane(null as any)],
  ['gatekeeper', () => gatekeeper(null as any)],
  ['localPathProvisioner', () => localPathProvisioner(null as any)],
  ['multusComponent', () => multusComponent(null as any)],
  ['kubeVirtComponent with a part sized null', () => kubeVirtComponent({ operator: null } as any)],
  ['argoCdComponent with resources null', () => argoCdComponent({ resources: null } as any)],
])('%s: a component given null for its options or a part\'s sizes is required with its defaults', (_, make) => {
  const app = new CdkApp();
  guarded((cluster: ClusterChart) => cluster.platform.require(make()))(labCluster(app));
  expect(synthFindings(app, prepopulatedOutdir()).findings.filter((f) => /building this construct failed|Cannot read/.test(f.message))).toEqual([]);
});
