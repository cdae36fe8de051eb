import { SYNC_WAVE_ANNOTATION } from './engine-marks';
import { ApiObject, Lazy } from 'cdk8s';
import type { Construct } from 'constructs';
import type { SecretReference } from '../secrets/secret-reference';
import { bootstrapSecretCommand, bootstrapSecretText, type BootstrapSecret } from '../synth/bootstrap-secret';
import { declareExternal } from '../validation/external';
import { reportFinding } from '../validation/finding';
import type { ClusterChart } from './cluster-chart';
import type { ComponentInstall } from './component';
import { apiGroupOf } from './triggers';

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

/** A kind an AppProject lets its Applications apply, as Argo CD names it: API group (`''` for core) and kind. */
export interface ProjectKind {
  /** The API group, as an AppProject whitelist writes it: `''` for the core group, e.g. `apps`. */
  readonly group: string;
  /** The kind, e.g. `Deployment`. */
  readonly kind: string;
}

/** What an AppProject lets its Applications apply and where; absent in a project that allows everything. */
export interface ProjectLimits {
  /** Namespaces namespaced objects may go to, on the in-cluster server; sorted. */
  readonly namespaces: readonly string[];
  /** Cluster-scoped kinds it may apply; sorted by group, then kind. */
  readonly clusterKinds: readonly ProjectKind[];
  /** Namespaced kinds it may apply; sorted by group, then kind. */
  readonly namespacedKinds: readonly ProjectKind[];
}

/** An object as the limits see it: its apiVersion, kind, namespace and whether its kind has none. */
export interface ProjectObject {
  /** The object's `apiVersion`, e.g. `apps/v1`; its group is what an AppProject's limits name. */
  readonly apiVersion: string;
  /** The object's kind. */
  readonly kind: string;
  /** The object's namespace. @default - none (a cluster-scoped object, or one written without it) */
  readonly namespace?: string;
  /** As the API server (and so Argo CD, which asks it) has it, not as the object is written. */
  readonly clusterScoped: boolean;
}

/**
 * The least a project must allow to apply `objects`: their namespaces and `applicationNamespace` (where
 * the Applications point), and exactly their group/kind pairs, cluster-scoped apart. Pure and ordered, so
 * the same objects give the same project.
 */
export function projectLimits(objects: Iterable<ProjectObject>, applicationNamespace: string): ProjectLimits {
  const namespaces = new Set([applicationNamespace]);
  const clusterKinds = new Map<string, ProjectKind>();
  const namespacedKinds = new Map<string, ProjectKind>();
  for (const object of objects) {
    const kind = { group: apiGroupOf(object.apiVersion), kind: object.kind };
    if (object.clusterScoped) {
      clusterKinds.set(`${kind.group}/${kind.kind}`, kind);
    } else {
      namespacedKinds.set(`${kind.group}/${kind.kind}`, kind);
      namespaces.add(object.namespace ?? applicationNamespace);
    }
  }
  const sorted = (kinds: Map<string, ProjectKind>) => [...kinds.keys()].sort().map((key) => kinds.get(key)!);
  return { namespaces: [...namespaces].sort(), clusterKinds: sorted(clusterKinds), namespacedKinds: sorted(namespacedKinds) };
}

/** The API server of the cluster Argo CD runs in, where every Application of this library deploys. */
export const IN_CLUSTER_SERVER = 'https://kubernetes.default.svc';

/**
 * An AppProject that lets its Applications deploy only from `repositories`, into this cluster, and, with
 * `limits`, only those kinds into those namespaces (resolved when the project is written, once every
 * object exists). Pure rendering; `repositories` is sorted by the caller.
 */
export function renderAppProject(scope: Construct, id: string, options: {
  readonly name: string;
  readonly namespace: string;
  readonly description: string;
  readonly repositories: readonly string[];
  readonly limits?: () => ProjectLimits;
  readonly annotations?: Readonly<Record<string, string>>;
}): ApiObject {
  const limits = options.limits;
  const everything = [{ group: '*', kind: '*' }];
  return new ApiObject(scope, id, {
    apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject',
    metadata: { name: options.name, namespace: options.namespace, annotations: { [SYNC_WAVE_ANNOTATION]: '-2', ...options.annotations } },
    spec: {
      description: options.description,
      sourceRepos: [...options.repositories],
      destinations: limits
        ? Lazy.any({ produce: () => limits().namespaces.map((namespace) => ({ server: IN_CLUSTER_SERVER, namespace })) })
        : [{ server: IN_CLUSTER_SERVER, namespace: '*' }],
      clusterResourceWhitelist: limits ? Lazy.any({ produce: () => [...limits().clusterKinds] }) : everything,
      namespaceResourceWhitelist: limits ? Lazy.any({ produce: () => [...limits().namespacedKinds] }) : everything,
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
  // A placeholder in angle brackets would be a redirection to bash: the key's file is a variable.
  const secret: BootstrapSecret = {
    namespace, name: ref.secretName, labels: { [ARGO_CD_REPOSITORY_LABEL]: 'repository' },
    keys: [{ key: 'type', value: 'git' }, { key: 'url', value: url }, { key: ref.key, file: '"$DEPLOY_KEY"' }],
  };
  return `create the repository credential of ${url} for Argo CD on cluster ${cluster.clusterName}, ${bootstrapSecretText(secret)}; DEPLOY_KEY is the file of the private half of an SSH key `
    + `pair made for it (ssh-keygen -t ed25519 -N '' -f "$DEPLOY_KEY"), whose public half the Git server takes as a read-only deploy key: `
    + bootstrapSecretCommand(secret, { namespaceExists: true });
}
