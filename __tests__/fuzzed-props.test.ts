import { App as CdkApp } from 'cdk8s';
import {
  argoCdComponent, certManagerComponent, ClusterChart, crossplane, externalDnsComponent, Forgejo, gatekeeper, gitLabAgent, kubeletCsrApprover, kubeVirtComponent,
  localPathProvisioner, multusComponent, nvidiaDevicePluginComponent, tailscaleOperatorComponent, traefik,
} from '../constructs';
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

// Before, each called without what it is made from met a TypeError on one of its fields.
test.each([
  ['externalDnsComponent', () => externalDnsComponent(undefined as any), /externalDnsComponent\(\) was given undefined for options, not an object/],
  ['externalDnsComponent without a provider', () => externalDnsComponent({} as any), /externalDnsComponent\(\) was given undefined for options\.provider, not an object/],
  ['tailscaleOperatorComponent', () => tailscaleOperatorComponent(null as any), /tailscaleOperatorComponent\(\) was given null for oauth, not an object/],
  ['gitLabAgent', () => gitLabAgent(undefined as any), /gitLabAgent\(\) was given undefined for options, not an object/],
  ['nvidiaDevicePluginComponent', () => nvidiaDevicePluginComponent(undefined as any), /nvidiaDevicePluginComponent\(\) was given undefined for nodeNames, not a list/],
  ['kubeletCsrApprover', () => kubeletCsrApprover({} as any), /kubeletCsrApprover\(\) was given undefined for options\.nodes, not a list/],
])('%s called without what it is made from is one error that says which argument, with how to give it', (_, make, message) => {
  const app = new CdkApp();
  guarded((cluster: ClusterChart) => cluster.platform.require(make()))(labCluster(app));
  const errors = synthFindings(app, prepopulatedOutdir()).findings.filter((f) => f.severity === 'error');
  expect(errors.map((f) => f.message)).toEqual([expect.stringMatching(message)]);
  expect(errors[0].hint).toMatch(/^give it as /);
});
