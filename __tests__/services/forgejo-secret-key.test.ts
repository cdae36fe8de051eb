import { Forgejo, ForgejoDatabase, SecretReference } from '../../constructs';
import { ownerActions } from '../../constructs/synth/owner-action';
import { envOf, synthCluster } from './support';

// Left empty, SECRET_KEY falls back to the key written into Forgejo's source, the same for every instance.
describe("Forgejo's SECRET_KEY", () => {
  test('comes from a Secret the owner makes before the first sync, with a command that generates it', () => {
    const { result, find, errors } = synthCluster((chart) => new Forgejo(chart, 'forgejo', { route: { host: 'git' } }));
    expect(errors).toEqual([]);
    expect(envOf(find('Deployment', 'forgejo')).GITEA__security__SECRET_KEY).toEqual({ secretKeyRef: { name: 'forgejo-secret-key', key: 'SECRET_KEY' } });
    const steps = ownerActions(result.clusters[0]).filter((s) => (s.command ?? '').includes('create secret generic forgejo-secret-key'));
    // One step, generating the key; not also the placeholder step of a Secret made outside the repository.
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({ kind: 'bootstrap', beforeFirstSync: true, source: 'main/forgejo' });
    expect(steps[0].command).toContain('-n forgejo create secret generic forgejo-secret-key --from-literal=SECRET_KEY="$(openssl rand -hex 32)"');
  });

  test('given, it is read from that Secret; one shared with the database password makes both keys in one step', () => {
    const secretKey = SecretReference.external('forgejo', 'forgejo-secrets', 'secret-key');
    const password = SecretReference.external('forgejo', 'forgejo-secrets', 'db-password');
    const { result, find, errors } = synthCluster((chart) => new Forgejo(chart, 'forgejo', {
      secretKey, database: ForgejoDatabase.postgres({ host: 'pg.databases.svc.cluster.local', password }),
    }));
    expect(errors).toEqual([]);
    const env = envOf(find('Deployment', 'forgejo'));
    expect(env.GITEA__security__SECRET_KEY).toEqual({ secretKeyRef: { name: 'forgejo-secrets', key: 'secret-key' } });
    const steps = ownerActions(result.clusters[0]).filter((s) => (s.command ?? '').includes('create secret generic forgejo-secrets'));
    expect(steps).toHaveLength(1);
    expect(steps[0].command).toContain('--from-literal=secret-key="$(openssl rand -hex 32)" --from-literal=db-password=…');
  });

  test('in another namespace, it is one error on secretKey', () => {
    const { errors } = synthCluster((chart) => new Forgejo(chart, 'forgejo', { secretKey: SecretReference.external('git', 'forgejo-secret-key', 'SECRET_KEY') }));
    expect(errors.map((e) => [e.field, e.message])).toEqual([['secretKey', expect.stringContaining('is in namespace "git", Forgejo runs in "forgejo"')]]);
  });
});
