import { App as CdkApp } from 'cdk8s';
import { flux, SealedSecret, SecretReference, synthesize } from '../constructs';
import type { FluxNotifications } from '../constructs';
import { guarded, labCluster, prepopulatedOutdir, synthFindings } from './bad-input/lab';
import { unwrittenOutdir } from './support/synth';

// flux({ notifications }): where Flux's own events go, as a notification Provider and an Alert in Flux's namespace.

const SEALED = `Ag${'B'.repeat(720)}==`;
const address = (key = 'address', namespace = 'flux-system') => new SecretReference(namespace, 'flux-events', key, 'sealed-secret');

/** The cluster `main` of the lab with `notifications`, its URL sealed as Secret flux-system/flux-events. */
function build(notifications: FluxNotifications, sealKey = 'address') {
  const app = new CdkApp();
  const cluster = labCluster(app, 'main', { gitops: flux({ notifications }) });
  new SealedSecret(cluster, 'flux-events', { namespace: 'flux-system', encryptedData: { [sealKey]: SEALED } });
  const result = synthesize(app, { outdir: unwrittenOutdir(), write: false });
  const objects = result.clusters[0].objects.map((o) => o.manifest as Record<string, any>);
  const of = (kind: string) => objects.filter((o) => o.apiVersion === 'notification.toolkit.fluxcd.io/v1beta3' && o.kind === kind);
  return { result, objects, provider: of('Provider'), alert: of('Alert') };
}

/** The errors of flux(props) on cluster `main` of the lab. */
function errorsOf(notifications: unknown) {
  const app = new CdkApp();
  guarded((scope: CdkApp) => labCluster(scope, 'main', { gitops: flux({ notifications: notifications as FluxNotifications }) }))(app);
  return synthFindings(app, prepopulatedOutdir()).findings.filter((f) => f.severity === 'error');
}

test('a Provider reads its URL from the Secret, and an Alert sends failures of every Flux object the cluster has', () => {
  const { result, objects, provider, alert } = build({ provider: 'discord', address: address() });
  expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  // The schema layer knows the kinds it has no upstream CRD for, and does not warn of them.
  expect(result.findings.filter((f) => /notification\.toolkit/.test(f.message))).toEqual([]);
  expect(provider).toEqual([{
    apiVersion: 'notification.toolkit.fluxcd.io/v1beta3', kind: 'Provider',
    metadata: { name: 'lab-main', namespace: 'flux-system' },
    spec: { type: 'discord', secretRef: { name: 'flux-events' } },
  }]);
  expect(JSON.stringify(provider)).not.toMatch(/https?:/);
  expect(alert).toHaveLength(1);
  expect(alert[0].metadata).toEqual({ name: 'lab-main', namespace: 'flux-system' });
  expect(alert[0].spec.providerRef).toEqual({ name: 'lab-main' });
  expect(alert[0].spec.eventSeverity).toBe('error');
  // Every event says which cluster it comes from.
  expect(alert[0].spec.eventMetadata).toEqual({ cluster: 'lab/main' });
  // Every HelmRelease's namespace is named, since a source without one is the Alert's own namespace only.
  const releaseNamespaces = objects.filter((o) => o.kind === 'HelmRelease').map((o) => o.metadata.namespace);
  expect(releaseNamespaces.length).toBeGreaterThan(0);
  const sources = alert[0].spec.eventSources as Array<{ kind: string; name: string; namespace?: string }>;
  expect(sources.filter((s) => s.kind === 'HelmRelease').map((s) => s.namespace ?? 'flux-system').sort()).toEqual([...new Set(releaseNamespaces)].sort());
  expect(sources.filter((s) => s.kind !== 'HelmRelease')).toEqual(['GitRepository', 'HelmRepository', 'OCIRepository', 'HelmChart', 'Kustomization'].map((kind) => ({ kind, name: '*' })));
});

test('eventSeverity and eventSources narrow or widen what is sent', () => {
  const { alert } = build({ provider: 'generic', address: address(), eventSeverity: 'info', eventSources: ['Kustomization'] });
  expect(alert[0].spec.eventSeverity).toBe('info');
  expect(alert[0].spec.eventSources).toEqual([{ kind: 'Kustomization', name: '*' }]);
});

test('flux bootstrap installs the notification CRDs and controller, and the step says the controller delivers the events', () => {
  const { result } = build({ provider: 'slack', address: address() });
  expect(result.findings.filter((f) => /Provider|Alert/.test(f.message))).toEqual([]);
  const readme = [...result.files].find(([file]) => file.endsWith('README.md'))![1];
  expect(readme).toContain("its notification-controller (one of bootstrap's default components");
});

test('without notifications there is no Provider or Alert', () => {
  const app = new CdkApp();
  labCluster(app, 'main');
  const objects = synthesize(app, { outdir: unwrittenOutdir(), write: false }).clusters[0].objects;
  expect(objects.filter((o) => /^notification\.toolkit/.test(o.manifest.apiVersion))).toEqual([]);
});

describe('bad notifications are errors on the field, with a hint', () => {
  test('a key other than address, which notification-controller never reads', () => {
    const errors = errorsOf({ provider: 'slack', address: address('url') });
    expect(errors.map((f) => f.field)).toEqual(['gitops.notifications.address']);
    expect(errors[0].message).toMatch(/key address/);
  });
  test("a Secret of another namespace than Flux's, which a Provider cannot read", () => {
    const errors = errorsOf({ provider: 'slack', address: address('address', 'monitoring') });
    expect(errors.map((f) => f.field)).toEqual(['gitops.notifications.address']);
    expect(errors[0].hint).toMatch(/flux-system/);
  });
  test('a provider kind it does not write, and an address written out as text', () => {
    const errors = errorsOf({ provider: 'telegram', address: 'https://hooks.slack.com/services/T0/B0/x' });
    expect(errors.map((f) => f.field).sort()).toEqual(['gitops.notifications.address', 'gitops.notifications.provider']);
    expect(errors.map((f) => `${f.message} ${f.hint}`).join(' ')).not.toContain('hooks.slack.com/services/T0/B0/x');
  });
  test('no event sources, or one of an unknown kind', () => {
    expect(errorsOf({ provider: 'slack', address: address(), eventSources: [] }).map((f) => f.field)).toEqual(['gitops.notifications.eventSources']);
    expect(errorsOf({ provider: 'slack', address: address(), eventSources: ['Pod'] }).map((f) => f.field)).toEqual(['gitops.notifications.eventSources[0]']);
  });
  test('a Secret nothing makes is reported on the Provider', () => {
    const app = new CdkApp();
    labCluster(app, 'main', { gitops: flux({ notifications: { provider: 'slack', address: address() } }) });
    const errors = synthFindings(app, prepopulatedOutdir()).findings.filter((f) => f.severity === 'error');
    expect(errors).toContainEqual(expect.objectContaining({ field: 'spec.secretRef.name' }));
  });
  test('a sealed Secret without key address is reported on the Provider', () => {
    const { result } = build({ provider: 'slack', address: address() }, 'url');
    expect(result.findings.filter((f) => f.severity === 'error').map((f) => f.message).join(' ')).toMatch(/address/);
  });
});
