import { ApiObject } from 'cdk8s';
import type { Construct, IConstruct } from 'constructs';
import { toYamlDocument } from '../synth/yaml';
import { bootstrapSecretCommand, bootstrapSecretText, type BootstrapSecret } from '../synth/bootstrap-secret';
import { reportFinding } from '../validation/finding';
import type { ClusterChart } from './cluster-chart';
import { isGitHubRepository, namespaceLabelCommands, upstreamFileUrls, upstreamKustomization } from './upstream-manifests';
import type { HelmInstall, Installable, PlatformLayer } from './component';
import { GITLAB_AGENT_PINS, gitLabAgent, gitLabAgentDeployment, type GitLabAgentPart } from './components/gitlab-agent';
import { leaveOwnerAction } from '../synth/owner-action';
import { PART_RESOURCES_SHAPE, type PartResources } from './part-resources';
import { gitSourceMissing, gitSourceOf, GitOpsEngine } from './gitops';
import { assignedLayer, OutputLayer } from './layout';
import { checkedChoice } from '../validation/choice-props';
import { noteNamedNamespace } from '../validation/named-namespaces';
import { gitLabAgentProblems, kubectlSkewProblems } from './gitlab-ci-options';
import type { PropShape } from '../validation/known-props';
import { rolloutRestartCommand } from './rollout-restart';

/**
 * Pinned image of the deploy jobs (kubectl and helm), whose tag is its kubectl's release. Renovate reads the
 * comment above each pin; a cluster that gives its `kubernetesVersion` checks the pin against it.
 */
export const GITLAB_CI_PINS = {
  // renovate: datasource=docker depName=alpine/k8s
  image: 'alpine/k8s:1.34.1',
} as const;


/**
 * The GitLab release from which a self-managed GitLab authorizes an agent's `ci_access` for groups under
 * another top-level group than the agent's project (gitlab-org/gitlab#377932), behind an instance setting.
 */
const CROSS_TOP_LEVEL_CI_ACCESS_GITLAB = '18.1';

/** The ciAccess groups under another top-level group than the agent's project, which GitLab authorizes only instance-wide. */
function groupsOutsideAgentTopLevel(project: string, entries: readonly GitLabCiAccess[]): string[] {
  const topLevel = (path: string) => path.split('/')[0];
  return entries.map((a) => a?.group).filter((group): group is string => typeof group === 'string' && topLevel(group) !== topLevel(project));
}

/** The step that lets the agent serve groups outside its project's top-level group. */
function instanceLevelAuthorizationStep(project: string, groups: readonly string[], kubeContext: string): string {
  return `let the agent serve the CI jobs of ${groups.join(', ')}, which are not under ${project.split('/')[0]}, the top-level group of its project ${project}: `
    + `GitLab authorizes ci_access there only from GitLab ${CROSS_TOP_LEVEL_CI_ACCESS_GITLAB} on, self-managed, with instance level authorization on `
    + '(Admin → Settings → General → GitLab agent for Kubernetes → Enable instance level authorization); '
    + `on an older GitLab, or with it off, their jobs get no context ${kubeContext}, unless the agent's project and those groups share one top-level group`;
}

/** The GitLab agent CI jobs reach the cluster through. */
export interface GitLabAgentRef {
  /** Path of the GitLab project that holds the agent's configuration, e.g. `infra/k8s-agent` (not its URL). */
  readonly project: string;
  /** The agent's name, as registered in GitLab. */
  readonly name: string;
  /** Address of the agent server (KAS): a `wss://`, `grpc://` or `grpcs://` URL, e.g. `wss://gitlab.example.org/-/kubernetes-agent/`. */
  readonly kasAddress: string;
  /**
   * PEM of the CA that signs the agent server's TLS certificate when no public CA does (a lab CA such as
   * step-ca), which the agent trusts beside the system's roots (the chart's `config.kasCaCert`).
   * @default - the system's public roots alone
   */
  readonly kasCaCert?: string;
  /** Secret in the agent's namespace holding its token under key `token`, created by hand once. @default 'gitlab-agent-token' */
  readonly tokenSecretName?: string;
  /** Namespace of the agent: not one every cluster has (`default`, `kube-system`, …). @default 'gitlab-agent' */
  readonly namespace?: string;
  /**
   * Helm release of the agent's chart, e.g. `gitlab-agent` as GitLab's own install command names it. The
   * agent's name in GitLab comes from its token, not from the release; an installed release keeps its name.
   * @default - the agent's `name`, as GitLab's registration page writes the install command
   */
  readonly releaseName?: string;
  /**
   * GitLab groups whose CI jobs may use the agent, each once, with the namespace its jobs deploy to by
   * default; written as the agent's `config.yaml` (`ci_access.groups`) for the agent's project.
   * @default [] — only the agent's own project
   */
  readonly ciAccess?: GitLabCiAccess[];
  /**
   * Requests and limits of the agent's pods (`{ agentk: { … } }`), as an App's `resources`, merged key by
   * key into the default. @default - 10m CPU and 64Mi requested, a 256Mi memory limit
   */
  readonly resources?: PartResources<GitLabAgentPart>;
}

/** One GitLab group's CI access through the agent. */
export interface GitLabCiAccess {
  /** Group path, e.g. `peers/alice`. */
  readonly group: string;
  /** Namespace its jobs deploy to by default. */
  readonly defaultNamespace: string;
  /**
   * Whether the group's jobs act as a ServiceAccount that may edit its default namespace only
   * (`access_as: impersonate`), rather than as the agent, which may change the whole cluster: for groups
   * of people who must stay in their own namespace.
   * @default false
   */
  readonly confined?: boolean;
}

/** The ServiceAccount a confined group's jobs act as, in its default namespace. */
export const GITLAB_CI_CONFINED_ACCOUNT = 'gitlab-ci';

/** The agent's configuration the repository writes, under the cluster folder: the owner copies it to the agent's project. */
function agentConfigFile(agentName: string): string {
  return `gitlab-agent/${agentName}.config.yml`;
}

/** Options of the GitLab CI engine. */
export interface GitLabCiProps {
  /** The GitLab agent the jobs deploy through; the engine installs it as a component. */
  readonly agent: GitLabAgentRef;
  /** How long a Helm release or a wait may take, as a Go duration. @default '10m' */
  readonly timeout?: string;
  /**
   * The Kubernetes release the cluster's API server runs, `<major>.<minor>` or with its patch (e.g. `1.34`):
   * the deploy jobs' kubectl, the tag of `jobImage`, must be within one minor release of it (Kubernetes'
   * version skew policy for kubectl), or synth reports it.
   * @default - not checked
   */
  readonly kubernetesVersion?: string;
  /**
   * Image the deploy jobs run, with kubectl, helm and a shell, tagged with its kubectl's release as
   * alpine/k8s is (e.g. `alpine/k8s:1.32.4` for a cluster on Kubernetes 1.32).
   * @default GITLAB_CI_PINS.image
   */
  readonly jobImage?: string;
}

/**
 * The repository's own pipeline file, which includes each cluster's job file. A push that changes it runs
 * the deploy jobs too: the push that adds the include changes nothing in the cluster folder, and is the
 * first sync.
 */
const ROOT_CI_FILE = '.gitlab-ci.yml';

/** Folder of the cluster folder that holds a kustomization per changed upstream install. */
const UPSTREAM_FOLDER = 'upstream';

/**
 * Objects that only settle after they are applied (a Provider installs its CRDs, an operator its
 * controllers, a template its constraint kind): after the first pass over a layer the job waits for them,
 * then applies the layer again, so objects of the kinds they bring land in the same layer.
 */
const SETTLING_KINDS: Record<string, (name: string, namespace?: string) => string> = {
  'pkg.crossplane.io/Provider': (name) => `kubectl wait --for=condition=Healthy provider.pkg.crossplane.io/${name}`,
  'operator.knative.dev/KnativeServing': (name, ns) => `kubectl wait --for=condition=Ready knativeserving.operator.knative.dev/${name} -n ${ns}`,
  'operator.knative.dev/KnativeEventing': (name, ns) => `kubectl wait --for=condition=Ready knativeeventing.operator.knative.dev/${name} -n ${ns}`,
  'templates.gatekeeper.sh/ConstraintTemplate': (name) => `kubectl wait --for=jsonpath='{.status.created}'=true constrainttemplate.templates.gatekeeper.sh/${name}`,
};

/** What the engine learned about one layer while labelling it. */
interface LayerState {
  readonly waits: string[];
}

/**
 * The step that replaces the agent's token (a rotation, or a token that leaked). agentk reads its token file once,
 * when it starts, and the Secret the chart mounts is the owner's, whose change restarts nothing: a Secret replaced
 * alone leaves the agent on the old token, and revoking that one then cuts the only way the deploy jobs reach the
 * cluster. GitLab keeps two tokens of an agent active, so the new one is made beside the old, the agent restarted
 * on it, and the old revoked last. Pure.
 */
export function agentTokenRotationStep(agentName: string, project: string, tokenSecret: BootstrapSecret, releaseName: string): { kind: 'manual'; action: string; command: string } {
  const deployment = `deployment/${gitLabAgentDeployment(releaseName)}`;
  const { namespace } = tokenSecret;
  return {
    kind: 'manual',
    action: `to replace the token of agent ${agentName} (a rotation, or one that leaked): create a second token of it in GitLab project ${project} (its Access tokens tab under Operate → Kubernetes clusters; `
      + 'an agent keeps two active at once), put it into the Secret with the command, which replaces it, and restart the agent, which reads its token only when it starts: '
      + 'a Secret replaced alone leaves it on the old token. Revoke the old token in GitLab only once the agent shows as connected again: revoked first, '
      + 'it cuts the agent off, and with it every deploy job, which reaches the cluster through the agent alone',
    command: `${bootstrapSecretCommand({ ...tokenSecret, keys: [{ key: 'token', value: '"$NEW_AGENT_TOKEN"' }] }, { namespaceExists: true, replaces: true })} `
      + `&& ${rolloutRestartCommand(namespace, deployment)}`,
  };
}

/**
 * GitLab CI with `kubectl`, through the GitLab agent: no controller in the cluster pulls from Git. The
 * engine writes a job file per cluster (`gitlab-ci.yml`, included from the repository's `.gitlab-ci.yml`)
 * that applies the layers in order with server-side apply. It does not prune: kubectl's ApplySet pruning is
 * alpha (behind `KUBECTL_APPLYSET`), a set that spans namespaces needs a cluster-scoped parent of a custom
 * kind, and one layer's prune runs before the next layer is applied, so an object that moves between layers
 * (a claim, a Namespace with all it holds) would be deleted and made again. An object removed from `dist/`
 * is deleted by hand instead, with the `kubectl delete` synth lists as a step. Chart
 * components are installed with `helm upgrade --install` from the values files it writes beside the job
 * file; plain-manifest components are applied from their pinned upstream tag.
 */
export class GitLabCi implements GitOpsEngine {
  public readonly name = 'gitlab-ci';
  private readonly layers = new Map<PlatformLayer, LayerState>();
  /** Chart releases of apps, installed after the apps layer is applied. */
  private readonly appReleases: Installable[] = [];

  constructor(private readonly props: GitLabCiProps) {}

  public get chosenNamespace(): { namespace: string; field: string } | undefined {
    const namespace = this.props.agent?.namespace;
    return namespace === undefined ? undefined : { namespace, field: 'agent.namespace' };
  }

  /** The kubectl context the GitLab agent offers CI jobs: `<agent project>:<agent name>`. */
  public get kubeContext(): string {
    return `${this.props.agent.project}:${this.props.agent.name}`;
  }

  public bind(cluster: ClusterChart): void {
    const agent = this.props.agent;
    const tokenSecretName = agent.tokenSecretName ?? 'gitlab-agent-token';
    const namespace = agent.namespace ?? 'gitlab-agent';
    const releaseName = agent.releaseName ?? agent.name;
    cluster.platform.require(gitLabAgent({ kasAddress: agent.kasAddress, kasCaCert: agent.kasCaCert, tokenSecretName, namespace, releaseName, resources: agent.resources }));
    if (gitSourceMissing(cluster)) {
      reportFinding(cluster, {
        layer: 'references', severity: 'error', field: 'gitops',
        message: `site "${cluster.site.name}" declares no git source, whose GitLab CI deploys cluster "${cluster.clusterName}"`,
        hint: 'set `git: { url: ... }` on the site to the GitLab project of this repository',
      });
    }
    // A confined group's jobs act as a ServiceAccount with `edit` on its namespace alone.
    // Groups confined to one namespace share its account. Malformed entries are reported by gitLabCi().
    const access = cluster.platform.configScope('gitlab-ci-access');
    const entries = Array.isArray(agent.ciAccess) ? agent.ciAccess : [];
    const confined = new Set(entries.filter((a) => a?.confined === true).map((a) => a.defaultNamespace));
    entries.forEach((a, i) => {
      if (a?.confined === true && typeof a.defaultNamespace === 'string') {
        noteNamedNamespace(cluster, `gitops.agent.ciAccess[${i}].defaultNamespace`, a.defaultNamespace,
          `the ServiceAccount group ${a.group}'s jobs act as cannot be made in it`, access);
      }
    });
    for (const namespace of [...confined].sort()) {
      new ApiObject(access, `${namespace}-account`, {
        apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: GITLAB_CI_CONFINED_ACCOUNT, namespace },
      });
      new ApiObject(access, `${namespace}-edit`, {
        apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding',
        metadata: { name: `${GITLAB_CI_CONFINED_ACCOUNT}-edit`, namespace },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' },
        subjects: [{ kind: 'ServiceAccount', name: GITLAB_CI_CONFINED_ACCOUNT, namespace }],
      });
    }
    const tokenSecret: BootstrapSecret = { namespace, name: tokenSecretName, keys: ['token'] };
    const outside = groupsOutsideAgentTopLevel(agent.project, entries);
    cluster.platform.declarePreinstalled({
      source: 'GitLab agent bootstrap',
      // The push that includes the job file deploys: what that deploy needs comes first.
      startsFirstSync: true,
      // What GitLab and the owner make that the jobs rely on, none of it in the cluster folder.
      brings: [
        `agent ${agent.name}, registered in GitLab project ${agent.project}, whose CI access the deploy jobs use (kubectl context ${this.kubeContext})`,
        `${bootstrapSecretText(tokenSecret)}, the agent's token, made by hand and never committed`,
        `the agent's first install, Helm release ${releaseName} in namespace ${namespace}, which the deploy jobs upgrade`,
        `a GitLab Runner that runs the deploy jobs in their image, ${this.jobImage}`,
      ],
      manualSteps: [
        `register agent "${agent.name}" in GitLab project ${agent.project} and allow CI access for the deploying project (ci_access in .gitlab/agents/${agent.name}/config.yaml`
          // The file holds the groups' namespaces and the confined groups' impersonation: written anew, a confined group would act as the agent itself.
          + (entries.length > 0 ? `: copy ${cluster.repositoryPath()}/${agentConfigFile(agent.name)} there, whose ci_access maps each group to its namespace and has a confined `
            + `group's jobs act as the ${GITLAB_CI_CONFINED_ACCOUNT} ServiceAccount of its namespace)` : ')'),
        ...(outside.length > 0 ? [instanceLevelAuthorizationStep(agent.project, outside, this.kubeContext)] : []),
        `create ${bootstrapSecretText(tokenSecret)}, the agent token: ${bootstrapSecretCommand(tokenSecret)}`,
        `first install of the agent, before any pipeline can reach the cluster: helm upgrade --install ${releaseName} gitlab-agent --repo https://charts.gitlab.io --version ${GITLAB_AGENT_PINS.chart} --namespace ${namespace} --values ${cluster.repositoryPath()}/helm/gitlab-agent.values.yml`,
        // The jobs name no runner tag and run in their image: a shell runner, as one serving Ansible may be, would run them on its host.
        `include the job file from the repository's ${ROOT_CI_FILE}: include: [{ local: ${cluster.repositoryPath()}/gitlab-ci.yml }]; the push of that change runs the first deploy, `
          + `on a GitLab Runner of the project that takes untagged jobs, with the Docker or Kubernetes executor: each job runs in its image, ${this.jobImage} (kubectl and helm), `
          + 'and fetches the charts and upstream manifests it installs from their public URLs; a shell runner would run the jobs on its own host, without that image',
      ],
    });
    leaveOwnerAction(cluster, agentTokenRotationStep(agent.name, agent.project, tokenSecret, releaseName));
  }

  /**
   * Helm and manifest installs run from the job file; nothing is rendered into the cluster folder for
   * them. An app's chart release is installed after the apps layer.
   */
  public renderComponent(scope: Construct, component: Installable, cluster: ClusterChart): void {
    const install = component.install;
    if (cluster.platform.get(component.name) !== component) {
      this.appReleases.push(component);
    }
    if (install.type === 'manifests' && !isGitHubRepository(install.repository)) {
      reportFinding(scope, {
        layer: 'references', severity: 'error', field: 'install.repository',
        message: `the GitLab CI engine applies plain manifests from GitHub tags only; ${install.repository} is not on github.com`,
        hint: `install ${component.name} from a Helm chart on cluster "${cluster.clusterName}"`,
      });
    }
  }

  /** Notes the objects the jobs must wait for after applying their layer. */
  public renderSync(_scope: Construct, cluster: ClusterChart, layers: readonly PlatformLayer[]): void {
    for (const layer of layers) {
      this.layers.set(layer, { waits: [] });
    }
    const visit = (construct: IConstruct, inherited: OutputLayer): void => {
      const layer = assignedLayer(construct) ?? inherited;
      if (construct instanceof ApiObject && layer !== 'sync') {
        const group = construct.apiVersion.includes('/') ? construct.apiVersion.split('/')[0] : '';
        const wait = SETTLING_KINDS[`${group}/${construct.kind}`];
        if (wait) {
          this.layers.get(layer)?.waits.push(`${wait(construct.name, construct.metadata.namespace)} --timeout=${this.timeout}`);
        }
      }
      for (const child of construct.node.children) {
        visit(child, layer);
      }
    };
    for (const child of cluster.node.children) {
      visit(child, 'apps');
    }
  }

  private get timeout(): string {
    return this.props.timeout ?? '10m';
  }

  /** The image the deploy jobs run. */
  public get jobImage(): string {
    return this.props.jobImage ?? GITLAB_CI_PINS.image;
  }

  /**
   * Files beside the cluster's objects, relative to the cluster folder: the job file and one Helm values
   * file per chart component.
   */
  public extraFiles(cluster: ClusterChart): Map<string, string> {
    const files = new Map<string, string>();
    for (const installable of [...cluster.platform.components, ...this.appReleases]) {
      const install = installable.install;
      if (install.type === 'helm') {
        files.set(`helm/${installable.name}.values.yml`, toYamlDocument(installable.values));
      }
      const kustomization = install.type === 'manifests' ? upstreamKustomization(install) : undefined;
      if (kustomization) {
        // `.yml`: kubectl finds it, and it is no object of the cluster folder, whose kustomizations list local files.
        files.set(`${UPSTREAM_FOLDER}/${installable.name}/kustomization.yml`, toYamlDocument(kustomization));
      }
    }
    const access = Array.isArray(this.props.agent.ciAccess) ? this.props.agent.ciAccess : [];
    if (access.length > 0) {
      files.set(agentConfigFile(this.props.agent.name), `# The agent's configuration: copy to .gitlab/agents/${this.props.agent.name}/config.yaml of ${this.props.agent.project}.\n${toYamlDocument({
        ci_access: {
          groups: access.map((a) => ({
            id: a.group, default_namespace: a.defaultNamespace,
            access_as: a.confined ? { impersonate: { username: `system:serviceaccount:${a.defaultNamespace}:${GITLAB_CI_CONFINED_ACCOUNT}` } } : undefined,
          })),
        },
      })}`);
    }
    files.set('gitlab-ci.yml', `# Generated by cdk8s-homelab: the deploy jobs of ${cluster.folder}. Do not edit.\n${toYamlDocument(this.pipeline(cluster))}`);
    return files;
  }

  private pipeline(cluster: ClusterChart): Record<string, unknown> {
    const prefix = `${cluster.site.name}-${cluster.clusterName}`;
    const folder = cluster.repositoryPath();
    const branch = gitSourceOf(cluster)?.branch ?? 'main';
    const template = `.${prefix}-deploy`;
    const jobs: Record<string, unknown> = {
      [template]: {
        image: { name: this.jobImage, entrypoint: [''] },
        variables: { KUBE_CONTEXT: this.kubeContext },
        resource_group: prefix,
        rules: [{ if: `$CI_COMMIT_BRANCH == "${branch}"`, changes: [`${folder}/**/*`, ROOT_CI_FILE] }],
        before_script: ['kubectl config use-context "$KUBE_CONTEXT"'],
      },
    };
    let previous: string | undefined;
    for (const layer of this.layers.keys()) {
      const job = `${prefix}-${layer}`;
      const script = [
        ...this.applyLayer(cluster, layer),
        ...(layer === 'platform' ? this.installAll(cluster, cniFirst(cluster)) : []),
        ...(layer === 'apps' ? this.installAll(cluster, this.appReleases) : []),
      ];
      jobs[job] = {
        extends: template,
        stage: layer,
        needs: previous ? [previous] : [],
        script,
      };
      previous = job;
    }
    return { stages: [...this.layers.keys()], ...jobs };
  }

  private applyLayer(cluster: ClusterChart, layer: PlatformLayer): string[] {
    const folder = cluster.repositoryPath(layer);
    const apply = `kubectl apply --server-side --force-conflicts -k ${folder}`;
    const waits = this.layers.get(layer)?.waits ?? [];
    if (waits.length === 0) {
      return [apply];
    }
    // A first pass creates what brings new kinds; once they are settled, the second pass applies all.
    return [
      `${apply} || echo "first pass of ${layer}: objects of kinds that are not installed yet are applied again below"`,
      'kubectl wait --for=condition=Established crd --all --timeout=2m',
      ...waits.sort(),
      'kubectl wait --for=condition=Established crd --all --timeout=2m',
      apply,
    ];
  }

  private installAll(cluster: ClusterChart, installables: readonly Installable[]): string[] {
    const folder = cluster.repositoryPath();
    return installables.flatMap((installable) => {
      const install = installable.install;
      if (install.type === 'manifests') {
        // Into the component's namespace, as other engines apply them (files that name none would land in default).
        const apply = `kubectl apply --server-side --force-conflicts -n ${installable.namespace}`;
        // Changed files go through their kustomization, in one step; see upstreamKustomization.
        const files = upstreamKustomization(install)
          ? [`${apply} -k ${folder}/${UPSTREAM_FOLDER}/${installable.name}`]
          : upstreamFileUrls(install).map((url) => `${apply} -f ${url}`);
        return [...files, ...namespaceLabelCommands(install, installable.namespace)];
      }
      return [helmCommand(installable, install, `${folder}/helm/${installable.name}.values.yml`, this.timeout)];
    });
  }
}

/**
 * The cluster's components in install order: the CNI and what it needs first, since no other pod starts
 * (and no `helm --wait` returns) before the pod network is up; then the rest in dependency order.
 */
function cniFirst(cluster: ClusterChart): Installable[] {
  const components = cluster.platform.components;
  const first = new Set<string>();
  const take = (name: string): void => {
    const component = cluster.platform.get(name);
    if (component && !first.has(name)) {
      component.dependsOn.forEach(take);
      first.add(name);
    }
  };
  if (cluster.cni) {
    take(cluster.cni.name);
  }
  return [...components.filter((c) => first.has(c.name)), ...components.filter((c) => !first.has(c.name))];
}

function helmCommand(component: Installable, install: HelmInstall, valuesFile: string, timeout: string): string {
  const release = install.releaseName ?? component.name;
  const chart = install.chart.repository.startsWith('oci://')
    ? `${install.chart.repository}/${install.chart.chart}`
    : `${install.chart.chart} --repo ${install.chart.repository}`;
  return `helm upgrade --install ${release} ${chart} --version ${install.chart.version} --namespace ${component.namespace} --values ${valuesFile} --wait --timeout ${timeout}`;
}

/** The options of `gitLabCi()`, for callers the type checker does not see. */
const GITLAB_CI_ACCESS_SHAPE = { group: 'string', defaultNamespace: 'namespace', confined: 'boolean' } as const satisfies Record<keyof GitLabCiAccess, PropShape>;
const GITLAB_AGENT_SHAPE = {
  project: 'string', name: 'objectName', kasAddress: 'string', kasCaCert: 'string', tokenSecretName: 'objectName', namespace: 'namespace', releaseName: 'objectName',
  ciAccess: { '[]': GITLAB_CI_ACCESS_SHAPE }, resources: PART_RESOURCES_SHAPE,
} as const satisfies Record<keyof GitLabAgentRef, PropShape>;
const GITLAB_CI_PROPS_SHAPE = { agent: GITLAB_AGENT_SHAPE, timeout: 'duration', kubernetesVersion: 'string', jobImage: 'image' } as const satisfies Record<keyof GitLabCiProps, PropShape>;

/** Deploy the cluster from GitLab CI with kubectl and helm, through the GitLab agent. */
export function gitLabCi(given: GitLabCiProps): GitLabCi {
  // Called with nothing, it reports the props it needs rather than failing on them.
  const props = given ?? ({} as GitLabCiProps);
  const access = Array.isArray(props?.agent?.ciAccess) ? props.agent.ciAccess : [];
  const emptyGroups = access.flatMap((a, i) => (typeof a?.group === 'string' && a.group.trim() === ''
    ? [{ field: `agent.ciAccess[${i}].group`, message: 'the group path is empty', hint: "give the GitLab group's path, e.g. 'peers/alice'" }] : []));
  return checkedChoice(new GitLabCi(props), 'gitLabCi()', props, GITLAB_CI_PROPS_SHAPE, {
    required: [
      ['agent', "name the GitLab agent: agent: { project: 'infra/k8s-agent', name: 'k8s-agent', kasAddress: 'wss://gitlab.example/-/kubernetes-agent/' }"],
      ['agent.project', 'give the path of the GitLab project that holds the agent\'s configuration'],
      ['agent.name', 'give the agent\'s name as registered in GitLab'],
      ['agent.kasAddress', 'give the address of the agent server, e.g. wss://gitlab.example/-/kubernetes-agent/'],
      ['agent.ciAccess.*.group', "give the GitLab group's path, e.g. group: 'peers/alice'"],
      ['agent.ciAccess.*.defaultNamespace', "give the namespace its jobs deploy to, e.g. defaultNamespace: 'peers-alice'"],
    ],
  }, [...emptyGroups, ...gitLabAgentProblems(props?.agent), ...kubectlSkewProblems(props?.kubernetesVersion, props?.jobImage ?? GITLAB_CI_PINS.image)]);
}
