import { Harbor, SecretReference } from '../../constructs';
import { ownerActions } from '../../constructs/synth/owner-action';
import { synthCluster } from './support';

// Left to itself, the chart makes its internal secrets afresh at every render (an Argo CD sync, a Flux
// upgrade) and encrypts registry credentials with its public default key.
describe("Harbor's internal secrets", () => {
  const adminPassword = SecretReference.external('registry', 'harbor-admin', 'HARBOR_ADMIN_PASSWORD');
  const internalSecrets = SecretReference.external('registry', 'harbor-internal', 'secretKey');
  const valuesOf = (manifests: any[]) => manifests.find((m) => m.kind === 'HelmRelease' && m.spec.chart.spec.chart === 'harbor').spec.values;

  test('come from the Secret the owner makes, named by every existing-Secret value of the chart', () => {
    const { manifests, errors } = synthCluster((chart) => new Harbor(chart, 'harbor', { route: { host: 'registry' }, adminPassword, internalSecrets }));
    expect(errors).toEqual([]);
    const values = valuesOf(manifests);
    expect(values.existingSecretSecretKey).toBe('harbor-internal');
    expect(values.core).toMatchObject({ existingSecret: 'harbor-internal', existingXsrfSecret: 'harbor-internal', existingXsrfSecretKey: 'CSRF_KEY', secretName: 'harbor-internal' });
    expect(values.jobservice).toMatchObject({ existingSecret: 'harbor-internal', existingSecretKey: 'JOBSERVICE_SECRET' });
    expect(values.registry).toMatchObject({
      existingSecret: 'harbor-internal', existingSecretKey: 'REGISTRY_HTTP_SECRET', credentials: { existingSecret: 'harbor-internal' },
    });
    const text = JSON.stringify(manifests);
    expect(text).not.toMatch(/not-a-secure-key|changeit|harbor_registry_password/);
    expect(text).not.toMatch(/"(secretKey|xsrfKey|secret|password|tokenKey|tokenCert)":/);
  });

  test("the internal PostgreSQL's password comes from that Secret too, in every container that uses it, never the chart's changeit", () => {
    const { manifests, errors } = synthCluster((chart) => new Harbor(chart, 'harbor', { route: { host: 'registry' }, adminPassword, internalSecrets }));
    expect(errors).toEqual([]);
    const values = valuesOf(manifests);
    const fromSecret = (name: string) => [{ name, valueFrom: { secretKeyRef: { name: 'harbor-internal', key: 'POSTGRES_PASSWORD' } } }];
    // The database sets it at its first start; core and the exporter log in with it.
    expect(values.database.internal.extraEnvVars).toEqual(fromSecret('POSTGRES_PASSWORD'));
    expect(values.core.extraEnvVars).toEqual(fromSecret('POSTGRESQL_PASSWORD'));
    expect(values.exporter.extraEnvVars).toEqual(fromSecret('HARBOR_DATABASE_PASSWORD'));
    expect(values.database.internal).not.toHaveProperty('password');
  });

  test('made by hand, they are one step before the first sync, with a command that makes every key', () => {
    const { result } = synthCluster((chart) => new Harbor(chart, 'harbor', { route: { host: 'registry' }, adminPassword, internalSecrets }));
    const steps = ownerActions(result.clusters[0]);
    const step = steps.find((s) => s.action.includes('registry/harbor-internal'));
    expect(step).toMatchObject({ kind: 'bootstrap', beforeFirstSync: true, source: 'main/harbor' });
    for (const key of ['secretKey', 'secret', 'CSRF_KEY', 'JOBSERVICE_SECRET', 'REGISTRY_HTTP_SECRET', 'REGISTRY_PASSWD', 'REGISTRY_HTPASSWD', 'tls.crt', 'tls.key', 'POSTGRES_PASSWORD']) {
      expect(step!.command).toMatch(new RegExp(`--from-(literal|file)=${key.replace('.', '\\.')}=`));
    }
    // secretKey is exactly 16 characters: 8 random bytes in hex.
    expect(step!.command).toContain('--from-literal=secretKey="$(openssl rand -hex 8)"');
    // The generic step of a declared Secret, with placeholders, is not listed besides it.
    expect(steps.filter((s) => (s.command ?? '').includes('create secret generic harbor-internal'))).toHaveLength(1);
  });

  test('in the Secret of the admin password, the step makes that key too', () => {
    const shared = SecretReference.external('registry', 'harbor', 'HARBOR_ADMIN_PASSWORD');
    const { result, errors } = synthCluster((chart) => new Harbor(chart, 'harbor', {
      route: { host: 'registry' }, adminPassword: shared, internalSecrets: SecretReference.external('registry', 'harbor', 'secretKey'),
    }));
    expect(errors).toEqual([]);
    const steps = ownerActions(result.clusters[0]).filter((s) => s.action.includes('registry/harbor ') || (s.command ?? '').includes('secret generic harbor '));
    expect(steps).toHaveLength(1);
    expect(steps[0].command).toContain('--from-literal=HARBOR_ADMIN_PASSWORD=…');
  });

  test("the admin password's step says who logs in where, and that Harbor reads the password at its first start only", () => {
    const { result } = synthCluster((chart) => new Harbor(chart, 'harbor', { route: { host: 'registry' }, adminPassword, internalSecrets }));
    const steps = ownerActions(result.clusters[0]).filter((s) => s.action.includes('registry/harbor-admin'));
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({ kind: 'bootstrap', source: 'main/harbor' });
    expect(steps[0].action).toMatch(/^create Secret registry\/harbor-admin with key HARBOR_ADMIN_PASSWORD: the first password of Harbor's administrator admin, who logs in at https:\/\/registry\./);
    expect(steps[0].action).toContain('Harbor reads it at its first start only: change the password in Harbor');
    expect(steps[0].command).toContain('create secret generic harbor-admin --from-literal=HARBOR_ADMIN_PASSWORD="$(openssl rand -hex 16)-Aa1"');
  });

  test('in the Secret of the internal secrets, the admin password gets a login step that makes no Secret of its own', () => {
    const { result } = synthCluster((chart) => new Harbor(chart, 'harbor', {
      route: { host: 'registry' }, adminPassword: SecretReference.external('registry', 'harbor', 'HARBOR_ADMIN_PASSWORD'),
      internalSecrets: SecretReference.external('registry', 'harbor', 'secretKey'),
    }));
    const login = ownerActions(result.clusters[0]).filter((s) => s.action.startsWith("Harbor's administrator admin logs in at https://registry."));
    expect(login).toHaveLength(1);
    expect(login[0]).toMatchObject({ kind: 'manual' });
    expect(login[0].action).toContain('with the password in key HARBOR_ADMIN_PASSWORD of Secret registry/harbor;');
    expect(login[0].command).toBeUndefined();
  });

  test('under another key or namespace, they are an error on internalSecrets', () => {
    const { errors } = synthCluster((chart) => new Harbor(chart, 'harbor', {
      route: { host: 'registry' }, adminPassword, internalSecrets: SecretReference.external('harbor', 'harbor-internal', 'CSRF_KEY'),
    }));
    expect(errors.map((e) => [e.field, e.message])).toEqual([['internalSecrets', expect.stringContaining('key secretKey of a Secret in "registry"')]]);
  });
});
