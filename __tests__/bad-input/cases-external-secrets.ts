import {
  AppVolume, ChartRelease, ClusterChart, declareExternal, ExternalSecret, Forgejo, ForgejoDatabase, SecretReference,
  VaultClusterSecretStore, VaultSecretProviderClass,
} from '../../constructs';
import type { VaultSecretProviderClassProps } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labApp } from './lab';

// Secrets from Vault or OpenBao (ExternalSecret stores, SecretProviderClasses), Helm releases and
// secrets on a command line, as a new user wrote them: each synthesized, or failed with a raw TypeError or
// on a path the user never wrote, though the output could not work.

const OBJECT = { objectName: 'api-key', secretPath: 'secret/data/web', secretKey: 'key' };
const spc = (props: Partial<VaultSecretProviderClassProps> | Record<string, unknown> = {}) => (cluster: ClusterChart) =>
  new VaultSecretProviderClass(cluster, 'spc', { namespace: 'web', vaultAddress: 'https://bao.lab.test:8200', roleName: 'web', objects: [OBJECT], ...props } as VaultSecretProviderClassProps);
/** An app of namespace `web` that mounts the Secrets Store CSI volume of class `name`. */
const mounting = (name: string) => labApp('web1', { namespace: 'web', persistence: { secrets: { volume: AppVolume.secretsStore(name), mountPath: '/mnt/secrets' } } });
const store = (cluster: ClusterChart, id: string, name: string) =>
  new VaultClusterSecretStore(cluster, id, { name, server: 'https://bao.lab.test:8200', role: 'eso' });
const shellApp = (command: string[], args?: string[]) => guarded(labApp('web1', { namespace: 'web', command, args }));

export const CASES: BadInput[] = [
  // VaultSecretProviderClass props
  { name: 'a SecretProviderClass without its objects', build: guarded(spc({ objects: undefined })), layer: 'props', path: 'spc', field: 'objects' },
  { name: 'a SecretProviderClass object with a typo for objectName', build: guarded(spc({ objects: [{ name: 'a', secretPath: 'secret/data/x', secretKey: 'k' }] })), layer: 'props', path: 'spc', field: 'objects[0].name' },
  { name: 'a SecretProviderClass with no objects', build: guarded(spc({ objects: [] })), layer: 'props', path: 'spc', field: 'objects' },
  {
    name: 'a SecretProviderClass objectName with a quote and a line break that would add an entry',
    build: guarded(spc({ objects: [{ ...OBJECT, objectName: 'a"\n- objectName: evil' }] })), layer: 'props', path: 'spc', field: 'objects[0].objectName',
  },
  { name: 'a SecretProviderClass objectName that leaves the mount', build: guarded(spc({ objects: [{ ...OBJECT, objectName: '../../etc/x' }] })), layer: 'props', path: 'spc', field: 'objects[0].objectName' },
  { name: 'a SecretProviderClass secretPath that climbs out of its mount', build: guarded(spc({ objects: [{ ...OBJECT, secretPath: 'secret/../sys/x' }] })), layer: 'props', path: 'spc', field: 'objects[0].secretPath' },
  { name: 'two SecretProviderClass objects of one file name', build: guarded(spc({ objects: [OBJECT, { ...OBJECT, secretKey: 'other' }] })), layer: 'props', path: 'spc', field: 'objects[1].objectName' },
  { name: 'a SecretProviderClass serviceAccountName that is no ServiceAccount name', build: guarded(spc({ serviceAccountName: 'Web_Runner' })), layer: 'props', path: 'spc', field: 'serviceAccountName' },
  { name: 'a SecretProviderClass vaultAddress without its scheme', build: guarded(spc({ vaultAddress: 'bao.lab.test:8200' })), layer: 'props', path: 'spc', field: 'vaultAddress' },
  // Secrets Store CSI volumes
  {
    name: 'a SecretProviderClass in another namespace than the pod that mounts it',
    build: (cluster) => {
      spc({ namespace: 'other' })(cluster);
      mounting('spc')(cluster);
    },
    layer: 'references', path: 'web1', field: 'persistence.secrets.volume',
  },
  {
    name: 'a secrets-store volume naming no SecretProviderClass, with no CSI driver',
    build: mounting('nope'), layer: 'references', path: 'web1', field: 'persistence.secrets.volume', hint: /VaultSecretProviderClass/,
  },
  // ChartRelease props
  { name: 'a ChartRelease given no props', build: guarded((cluster) => new ChartRelease(cluster, 'x', {} as any)), layer: 'props', path: 'x', field: 'chart' },
  { name: 'a ChartRelease chart without its version', build: guarded((cluster) => new ChartRelease(cluster, 'x', { namespace: 'web', chart: { repository: 'https://charts.lab.test', chart: 'x' } } as any)), layer: 'props', path: 'x', field: 'chart.version' },
  // ExternalSecret
  {
    name: 'an ExternalSecret refreshInterval in words',
    build: guarded((cluster) => {
      store(cluster, 'vs', 'vault');
      new ExternalSecret(cluster, 'es', { namespace: 'web', store: { name: 'vault' }, data: { pw: { remoteKey: 'db' } }, refreshInterval: '1 hour' });
    }),
    layer: 'props', path: 'es', field: 'refreshInterval',
  },
  // VaultClusterSecretStore names, on the user's construct
  { name: 'a ClusterSecretStore name that is no object name', build: guarded((cluster) => store(cluster, 'vs', 'Vault_1')), layer: 'props', path: 'vs', field: 'name' },
  {
    name: "a ClusterSecretStore caBundle that is a file's path, not the CA's PEM",
    build: guarded((cluster) => new VaultClusterSecretStore(cluster, 'vs', { name: 'vault', server: 'https://bao.lab.test:8200', role: 'eso', caBundle: '/etc/ssl/lab-ca.pem' })),
    layer: 'props', path: 'vs', field: 'caBundle',
  },
  {
    name: 'two ClusterSecretStores of one name',
    build: guarded((cluster) => {
      store(cluster, 'vs', 'vault');
      store(cluster, 'vs2', 'vault');
    }),
    layer: 'props', path: 'vs2', field: 'name',
  },
  // Forgejo
  {
    name: 'a Forgejo database password Secret of another namespace',
    build: (cluster) => {
      declareExternal(cluster, { namespaces: ['db'] });
      new Forgejo(cluster, 'forgejo', { route: { host: 'git' }, database: ForgejoDatabase.postgres({ host: 'pg.db.svc', password: SecretReference.external('db', 'pg', 'password') }) });
    },
    layer: 'references', path: 'forgejo', field: 'database.password',
  },
  // Secrets on a command line, in a shell script
  {
    name: 'a password flag inside a sh -c script',
    build: shellApp(['sh', '-c', 'exec app --password=hunter2 --db-password hunter2']), layer: 'props', path: 'web1', field: 'command[2]',
  },
  {
    name: 'a token flag inside a script given as the args of bash -c',
    build: shellApp(['bash', '-c'], ["app --token 'abc def'"]), layer: 'props', path: 'web1', field: 'args[0]',
  },
  {
    name: 'a MySQL password glued to -p inside a sh -c script',
    build: shellApp(['sh', '-c', 'mysql -u root -phunter2 -e "select 1"']), layer: 'props', path: 'web1', field: 'command[2]',
  },
  { name: 'a MySQL password glued to -p in the arguments', build: shellApp(['mysqldump', '-uroot', '-phunter2']), layer: 'props', path: 'web1', field: 'command[2]' },
];
