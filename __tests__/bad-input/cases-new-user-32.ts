import { ApiObject } from 'cdk8s';
import { ChartRelease, declareExternal, ExternalSecret, noNetworkPolicy, SealedSecret, SecretReference, VaultClusterSecretStore } from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { CONTAINER, guarded, labApp, podWithContainer, raw } from './lab';

// Secrets end to end, as a home-lab owner wires them from the README: a Secret made by a SealedSecret or an
// ExternalSecret, and the pod or store that reads it, each mistake the way it is made on a first lab.

const SEALED = `Ag${'B'.repeat(720)}==`;

/** The SealedSecret `web-db` of namespace `web`, with the key `password`. */
const sealedDb = (c: ClusterChart) => new SealedSecret(c, 'db', { namespace: 'web', name: 'web-db', encryptedData: { password: SEALED } });

/** A Vault ClusterSecretStore `vault` of the lab. */
const vaultStore = (c: ClusterChart) => new VaultClusterSecretStore(c, 'vs', { name: 'vault', server: 'https://vault.lab.test:8200', role: 'eso' });

/** An ExternalSecret `web/db` with the key `password` from `remoteKey`, read from `store`. */
const externalDb = (c: ClusterChart, remoteKey: string, store: { name: string; kind?: 'SecretStore' | 'ClusterSecretStore' } = { name: 'vault' }) =>
  new ExternalSecret(c, 'es', { namespace: 'web', name: 'db', store, data: { password: { remoteKey } } });

/** A Wiki.js chart in namespace `wiki` whose PostgreSQL reads its password from Secret `secretName`. */
const wiki = (secretName: string) => (c: ClusterChart) => new ChartRelease(c, 'wiki', {
  namespace: 'wiki', chart: { repository: 'https://charts.example.org', chart: 'wikijs', version: '2.2.0' },
  values: { postgresql: { auth: { existingSecret: secretName } } }, network: noNetworkPolicy('a lab chart, tried out'),
});

export const CASES: BadInput[] = [
  // A hand-written Deployment reads the sealed Secret with a letter too many, and optional: true, copied from
  // a chart's template, lets the pod start without it: the app runs without its password for good.
  {
    name: 'an optional secretKeyRef to a misspelt name of a sealed Secret',
    build: (c) => {
      sealedDb(c);
      raw(c, 'w', podWithContainer({ env: [{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'web-dbs', key: 'password', optional: true } } }] }));
    },
    layer: 'references', path: 'w', field: `${CONTAINER}.env[0].valueFrom.secretKeyRef`, message: /optional: true/, hint: /did you mean "web-db"/,
  },
  // The whole Secret as variables, made in the namespace of the database while the app runs in web.
  {
    name: "an optional envFrom of a Secret made in another namespace",
    build: (c) => {
      c.namespaces.ensure('db');
      new SealedSecret(c, 'db', { namespace: 'db', name: 'web-db', encryptedData: { password: SEALED } });
      raw(c, 'w', podWithContainer({ envFrom: [{ secretRef: { name: 'web-db', optional: true } }] }));
    },
    layer: 'references', path: 'w', field: `${CONTAINER}.envFrom[0].secretRef`, hint: /made in namespace "db"/,
  },
  // The store was written as a SecretStore in Vault's own namespace, as its operator's examples put it.
  {
    name: "an ExternalSecret reading a SecretStore of another namespace",
    build: (c) => {
      c.namespaces.ensure('vault');
      new ApiObject(c, 'store', {
        apiVersion: 'external-secrets.io/v1', kind: 'SecretStore', metadata: { name: 'vault', namespace: 'vault' },
        spec: { provider: { vault: { server: 'https://vault.lab.test:8200', path: 'secret', version: 'v2', auth: { kubernetes: { mountPath: 'kubernetes', role: 'eso' } } } } },
      });
      const db = externalDb(c, 'lab/db', { name: 'vault', kind: 'SecretStore' });
      labApp('web', { namespace: 'web', env: { DB_PASSWORD: db.key('password') } })(c);
    },
    layer: 'references', path: 'es/resource', field: 'spec.secretStoreRef.name', hint: /is in namespace "vault".*ClusterSecretStore/,
  },
  // One field of a KV secret, written as vals and helm-secrets address it.
  {
    name: 'an ExternalSecret remote key with its field after a #',
    build: guarded((c: ClusterChart) => {
      vaultStore(c);
      const db = externalDb(c, 'lab/db#password');
      labApp('web', { namespace: 'web', env: { DB_PASSWORD: db.key('password') } })(c);
    }),
    layer: 'props', path: 'es', field: 'data.password.remoteKey', hint: /remoteKey: 'lab\/db', property: 'password'/,
  },
  // The same, with the mount in front as `vault kv get` prints the path.
  {
    name: 'an ExternalSecret remote key with the KV mount and a field after a #',
    build: guarded((c: ClusterChart) => {
      vaultStore(c);
      externalDb(c, 'secret/data/lab/db#password');
    }),
    layer: 'props', path: 'es', field: 'data.password.remoteKey', message: /with the KV mount "secret" and with the field "password"/, hint: /remoteKey: 'lab\/db', property: 'password'/,
  },
  // The OIDC client's Secret is made by hand, as the README lists it; the app's reference swaps two letters,
  // which would only add a second Secret to the owner's steps.
  {
    name: "a bootstrap Secret declared by name, read by an external reference that misspells it",
    build: (c) => {
      declareExternal(c, { secrets: [{ namespace: 'web', name: 'web-oidc' }] });
      labApp('web', { namespace: 'web', env: { OIDC_CLIENT_SECRET: SecretReference.external('web', 'web-odic', 'client-secret') } })(c);
    },
    layer: 'references', path: 'web', field: 'env.OIDC_CLIENT_SECRET', hint: /did you mean "web-oidc"\?.*declareExternal/,
  },
  // The Secret is sealed in the repository, and the app reads it through an external reference with a typo.
  {
    name: 'an external reference one letter off a sealed Secret of its namespace',
    build: (c) => {
      sealedDb(c);
      labApp('web', { namespace: 'web', env: { DB_PASSWORD: SecretReference.external('web', 'web-bd', 'password') } })(c);
    },
    layer: 'references', path: 'web', field: 'env.DB_PASSWORD', message: /"web-db" of namespace "web" is made by the repository/, hint: /did you mean "web-db"/,
  },
  // The chart's README says to make the Secret first; the lab's owner set the value and made nothing.
  {
    name: "a chart's existingSecret value that nothing makes",
    build: guarded(wiki('wiki-db')),
    layer: 'references', path: 'wiki', field: 'values.postgresql.auth.existingSecret', hint: /SealedSecret, SopsSecret or ExternalSecret|declareExternal/,
  },
  // The Secret is sealed in the chart's namespace, and the value names it with a letter missing.
  {
    name: "a chart's existingSecret value one letter off the sealed Secret of its namespace",
    build: guarded((c: ClusterChart) => {
      c.namespaces.ensure('wiki');
      new SealedSecret(c, 'db', { namespace: 'wiki', name: 'wiki-db', encryptedData: { password: SEALED } });
      wiki('wik-db')(c);
    }),
    layer: 'references', path: 'wiki', field: 'values.postgresql.auth.existingSecret', hint: /did you mean "wiki-db"/,
  },
];
