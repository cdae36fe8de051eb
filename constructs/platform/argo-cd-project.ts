import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import type { SecretReference } from '../secrets/secret-reference';
import { declareExternal } from '../validation/external';
import { reportFinding } from '../validation/finding';
import type { ClusterChart } from './cluster-chart';
import type { ComponentInstall } from './component';

/** The label that makes Argo CD read a Secret as a repository credential. */
export const ARGO_CD_REPOSITORY_LABEL = 'argocd.argoproj.io/secret-type';

/** The Git repository an Argo CD AppProject may deploy from, and how Argo CD authenticates to it. */
export interface ArgoCdRepositoryCredential {
  /**
   * The SSH private key: key `sshPrivateKey` of a Secret in Argo CD's namespace that also holds `url`
   * and carries the label `argocd.argoproj.io/secret-type: repository`.
   */
  readonly sshPrivateKey: SecretReference;
}

/** The repository a component is installed from, as Argo CD names it in `repoURL`. */
export function installRepository(install: ComponentInstall): string {
  return install.type === 'helm' ? install.chart.repository.replace(/^oci:\/\//, '') : install.repository;
}

/**
 * An AppProject that limits the cluster's Applications to this repository and the components' chart
 * repositories, deploying only into this cluster. Pure rendering; `repositories` is sorted by the caller.
 */
export function renderAppProject(scope: Construct, options: {
  readonly name: string;
  readonly namespace: string;
  readonly description: string;
  readonly repositories: readonly string[];
}): ApiObject {
  return new ApiObject(scope, 'project', {
    apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject',
    metadata: { name: options.name, namespace: options.namespace, annotations: { 'argocd.argoproj.io/sync-wave': '-2' } },
    spec: {
      description: options.description,
      sourceRepos: [...options.repositories],
      destinations: [{ server: 'https://kubernetes.default.svc', namespace: '*' }],
      // The layers install CRDs, namespaces and cluster roles.
      clusterResourceWhitelist: [{ group: '*', kind: '*' }],
      namespaceResourceWhitelist: [{ group: '*', kind: '*' }],
    },
  });
}

/** The prop a repository credential is given as, on the cluster. */
const CREDENTIAL_FIELD = 'gitops.repositoryCredential.sshPrivateKey';

/**
 * Checks a repository credential against what Argo CD reads, and declares the Secret, which is made
 * outside the repository or by a secret construct; returns the owner's step to create it, if any.
 */
export function useRepositoryCredential(
  scope: Construct, cluster: ClusterChart, namespace: string, url: string, credential: ArgoCdRepositoryCredential,
): string | undefined {
  const ref = credential.sshPrivateKey;
  if (/^https?:\/\//i.test(url)) {
    // Argo CD offers an SSH key only to an SSH URL: an HTTPS clone of a private repository fails without a word of the key.
    reportFinding(scope, {
      layer: 'references', severity: 'error', field: CREDENTIAL_FIELD,
      message: `Argo CD uses an SSH deploy key only for an SSH URL, and the site's Git URL ${url} is HTTP(S), so it would clone without the key`,
      hint: `write the site's git url as the SSH clone URL (ssh://git@${url.replace(/^https?:\/\/([^/@]*@)?/i, '')}), or leave repositoryCredential out for a public repository`,
    });
  }
  if (ref.namespace !== namespace || ref.key !== 'sshPrivateKey') {
    reportFinding(scope, {
      layer: 'references', severity: 'error', field: CREDENTIAL_FIELD,
      message: `Argo CD reads repository credentials from key sshPrivateKey of Secrets in "${namespace}", not key ${ref.key} of ${ref.namespace}/${ref.secretName}`,
      hint: `point the reference at key sshPrivateKey of a Secret in ${namespace}`,
    });
  }
  if (ref.origin === 'sealed-secret') {
    // SealedSecretProps sets no labels, and Argo CD finds repository credentials by their label only.
    reportFinding(scope, {
      layer: 'references', severity: 'error', field: CREDENTIAL_FIELD,
      message: `the Secret a SealedSecret makes carries no labels, and Argo CD reads only Secrets labelled ${ARGO_CD_REPOSITORY_LABEL}=repository (with keys url and type) as repository credentials`,
      hint: `take it from SecretReference.external('${namespace}', '${ref.secretName}', 'sshPrivateKey'), whose owner step creates and labels it, or from a SopsSecret whose manifest has the label and the url and type keys`,
    });
  }
  if (ref.origin !== 'external') {
    return undefined;
  }
  declareExternal(scope, { secrets: [ref] });
  return `create the repository credential of ${url} for Argo CD on cluster ${cluster.clusterName}: `
    + `kubectl -n ${namespace} create secret generic ${ref.secretName} --from-literal=type=git --from-literal=url=${url} --from-file=sshPrivateKey=<deploy key file> `
    + `&& kubectl -n ${namespace} label secret ${ref.secretName} ${ARGO_CD_REPOSITORY_LABEL}=repository`;
}
