import { App as CdkApp } from 'cdk8s';
import { synthesize, VaultClusterSecretStore, VaultSecretProviderClass } from '../constructs';
import { ownerActions } from '../constructs/synth/owner-action';
import { declareExternal } from '../constructs/validation/external';
import { labCluster } from './bad-input/lab';

// The Vault CSI provider logs in with the token of the pod that mounts the class; Vault or OpenBao outside the
// cluster reviews that token with the token itself. The class's bootstrap step binds its role to that pod's
// ServiceAccount, lets it review tokens, and enables the auth method unless a store's step does.

function classSteps(withStore: boolean) {
  const app = new CdkApp();
  const cluster = labCluster(app);
  declareExternal(cluster, { namespaces: ['web', 'jobs'] });
  if (withStore) {
    new VaultClusterSecretStore(cluster, 'store', { name: 'vault', server: 'https://bao.lab.test:8200', role: 'eso' });
  }
  const objects = (path: string) => [{ objectName: 'key', secretPath: path, secretKey: 'key' }];
  new VaultSecretProviderClass(cluster, 'web-secrets', { namespace: 'web', vaultAddress: 'https://bao.lab.test:8200', roleName: 'apps', objects: objects('secret/data/web') });
  new VaultSecretProviderClass(cluster, 'job-secrets', {
    namespace: 'jobs', vaultAddress: 'https://bao.lab.test:8200', roleName: 'apps', objects: objects('secret/data/jobs'), serviceAccountName: 'runner',
  });
  const result = synthesize(app, { outdir: 'unused', write: false });
  expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  return ownerActions(result.clusters[0]).filter((a) => a.action.includes('Kubernetes-auth role apps'));
}

test("the first class of a role writes one policy for every class's paths, the role bound to each pod's ServiceAccount, and their token review", () => {
  const [first, second] = classSteps(false);
  expect(first.command).toContain('vault auth enable -path=kubernetes kubernetes');
  expect(first.command).toContain('path "secret/data/jobs" { capabilities = ["read"] }\npath "secret/data/web" { capabilities = ["read"] }\nEOF');
  expect(first.command).toContain('vault write auth/kubernetes/role/apps bound_service_account_names=default,runner bound_service_account_namespaces=jobs,web policies=apps ttl=1h');
  expect(first.command).toContain('kubectl create clusterrolebinding web-default-tokenreview --clusterrole=system:auth-delegator --serviceaccount=web:default');
  expect(first.command).toContain('kubectl create clusterrolebinding jobs-runner-tokenreview --clusterrole=system:auth-delegator --serviceaccount=jobs:runner');
  expect(first.beforeFirstSync).toBe(true);
  // The second would replace the role's policy with its own paths alone: it points to the first.
  expect(second.command).toBeUndefined();
  expect(second.action).toContain('as the step of SecretProviderClass web/web-secrets writes it');
});

test("a store of the same server enables the auth method in its own step: the class's step does not enable it twice", () => {
  const [first] = classSteps(true);
  expect(first.command).not.toContain('vault auth enable');
  expect(first.command).toMatch(/^export VAULT_ADDR=https:\/\/bao\.lab\.test:8200\nvault policy write apps/);
});
