import { CrossplanePostgres, SecretReference } from '../../constructs';
import { synthCluster } from './support';

describe('CrossplanePostgres', () => {
  test("a claim's connection Secret is written: its Composition names the namespace of composite connection Secrets", () => {
    const { errors, find } = synthCluster((cluster) => {
      const postgres = new CrossplanePostgres(cluster, 'pg', { group: 'database.lab.internal', storageTier: 'fast', crossplaneNamespace: 'crossplane' });
      postgres.claim(cluster, 'db', { namespace: 'web', dbName: 'app', dbUser: 'app', password: SecretReference.external('web', 'db', 'password') });
    });
    expect(errors).toEqual([]);
    const composition = find('Composition', 'postgresql');
    expect(composition.spec.writeConnectionSecretsToNamespace).toBe('crossplane');
    const password = composition.spec.pipeline[0].input.resources.find((r: any) => r.name === 'password');
    expect(password.base.spec.writeConnectionSecretToRef.namespace).toBe('crossplane');
    expect(find('PostgreSQL', 'db').spec.writeConnectionSecretToRef.name).toMatch(/\S/);
  });
});
