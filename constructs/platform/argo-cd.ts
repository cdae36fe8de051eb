import { ARGO_SYNC_OPTIONS_ANNOTATION } from './engine-marks';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { reportFinding } from '../validation/finding';
import type { ClusterChart } from './cluster-chart';
import type { Installable, ManifestsInstall, PlatformLayer } from './component';
import { argoCdComponent, ARGO_CD_COMPONENT, ARGO_CD_CRDS, ARGO_CD_PINS, NOT_WAITED_FOR_ANNOTATION, type ArgoCdPart } from './components/argo-cd';
import { PART_RESOURCES_SHAPE, type PartResources } from './part-resources';
import {
  ArgoCdRepositoryCredential, IN_CLUSTER_SERVER, installRepository, projectLimits, ProjectObject, renderAppProject, useRepositoryCredential,
} from './argo-cd-project';
import { apiObjectsOf } from './triggers';
import { orderAppsBySyncWave, SYNC_WAVE_ANNOTATION } from './argo-cd-app-waves';
import { scopeResolver } from '../validation/kind-scope';
import { manifestOf } from '../interop/api-object-json';
import { EXEMPTION_ANNOTATION_PREFIX } from '../app/security';
import { ChartRelease } from './chart-release';
import { gitSourceMissing, gitSourceOf, GitOpsEngine, requiredApiObject } from './gitops';
import { checkedChoice } from '../validation/choice-props';
import { argoCdOptionProblems, knownHostsCover, knownHostsName } from './argo-cd-options';
import type { PropShape } from '../validation/known-props';
import { SECRET_REFERENCE } from '../validation/service-props-shapes';
import { ensureNamespaceCommand } from '../synth/bootstrap-secret';
import { leaveOwnerAction } from '../synth/owner-action';
import { describeContainerPatch, namespaceLabelCommands, upstreamKustomizePatches, upstreamPatches } from './upstream-manifests';

/** Options of the Argo CD GitOps engine. */
export interface ArgoCdProps {
  /** Namespace Argo CD runs in: not one every cluster has (`default`, `kube-system`, …). @default 'argocd' */
  readonly namespace?: string;
  /**
   * Argo CD project of the cluster's Applications (with `createProject`, of those that sync the site's Git
   * repository; components and chart releases go to `<project>-upstream`). A project other than `default`
   * must exist before the first sync: `createProject` renders it, otherwise making it is an owner step.
   * @default 'default'
   */
  readonly project?: string;
  /** Delete objects that disappear from `dist/`. @default true */
  readonly prune?: boolean;
  /** Revert changes made in the cluster by hand. @default true */
  readonly selfHeal?: boolean;
  /** Name of the root Application and prefix of the layer Applications. @default - `<site>-<cluster>` */
  readonly name?: string;
  /**
   * Install Argo CD itself as a component, so it manages its own upgrades after the first install.
   * @default true
   */
  readonly selfManaged?: boolean;
  /**
   * Render two AppProjects, so the Git server cannot make Argo CD deploy from anywhere else, nor apply
   * anything the repository does not hold today. `project` takes the Applications of the site's Git
   * repository: only that repository, only the namespaces and the group/kind pairs of the objects this
   * cluster writes to it (anything else pushed there is refused at sync). `<project>-upstream` takes the
   * Applications of components and chart releases: only their pinned chart and upstream repositories, any
   * kind in any namespace, as charts install CRDs, cluster roles and webhooks. Argo CD's own `default`
   * project is rendered closed (no repository, no destination), so a pushed Application cannot name it.
   * @default false — the project (Argo CD's `default` unless named) exists already and takes every Application
   */
  readonly createProject?: boolean;
  /**
   * Why the project of the site's Git repository (with `createProject`) may apply any kind into any
   * namespace of the cluster, instead of only what the repository holds; written on the AppProject as
   * the annotation `security.homelab.dev/unrestricted-project`. It still deploys only from that repository.
   * @default - not exempt: the project allows only the namespaces and kinds of the cluster's own objects
   */
  readonly unrestrictedProject?: string;
  /** How Argo CD authenticates to the site's Git repository (a private SSH remote). @default - a public repository */
  readonly repositoryCredential?: ArgoCdRepositoryCredential;
  /**
   * Run the self-managed Argo CD highly available, spread across the cluster's nodes (see the component's
   * `highAvailability`); Redis' replicas get nodes of their own when three or more nodes take workloads.
   * Only with `selfManaged`: an Argo CD the repository does not install keeps its own settings.
   * @default false
   */
  readonly highAvailability?: boolean;
  /**
   * Lines of `known_hosts` (what `ssh-keyscan <host>` prints) for a repository on an SSH host the chart
   * does not know, such as a self-hosted Forgejo. Argo CD refuses an SSH host whose key it lacks. Only with
   * `selfManaged`: an Argo CD the repository does not install keeps its own known hosts (`argocd cert add-ssh`).
   * @default - none: an SSH repository on another host is an owner step
   */
  readonly sshKnownHosts?: string;
  /**
   * Requests and limits of the self-managed Argo CD by part (`controller`, `repoServer`, `server`,
   * `applicationSet`, `notifications`, `redis`, `redisSecretInit`), each as an App's `resources`, merged key
   * by key into the default, e.g. `{ repoServer: { memoryLimit: '1Gi' } }`. Only with `selfManaged`.
   * @default - the controller 100m CPU and 256Mi requested with a 1Gi memory limit; the repo server 50m,
   * 128Mi and 512Mi; every other part 10m, 64Mi and 256Mi
   */
  readonly resources?: PartResources<ArgoCdPart>;
  /**
   * Name of a local Argo CD account for CI jobs that trigger a sync through the API: it may only read and
   * sync the Applications of the cluster's project, and logs in with an API token, never a password (the
   * owner makes the token once; the step is in the cluster README). Not `admin`, Argo CD's built-in super-user.
   * @default - none
   */
  readonly syncAccount?: string;
}

/** The annotation that records why an AppProject allows every kind in every namespace. */
export const UNRESTRICTED_PROJECT_ANNOTATION = `${EXEMPTION_ANNOTATION_PREFIX}unrestricted-project`;

/**
 * Why `<project>-upstream` allows every kind in every namespace, on the project itself: what a chart or an
 * upstream folder applies is known only when Argo CD renders it from the pinned release, so the library
 * cannot list it as it lists the objects of the site's own repository.
 */
export const UPSTREAM_PROJECT_REASON = 'charts and upstream folders apply what their pinned release holds (CRDs, cluster roles, webhooks, '
  + 'objects in namespaces of their own such as leader-election roles in kube-system), known only once Argo CD renders them; '
  + 'the project deploys only from the pinned repositories it lists';

/**
 * The objects below `cluster` as {@link projectLimits} reads them, scoped as the cluster's CRDs declare
 * (Argo CD checks a kind against the project's list for its scope on the API server). Only an object
 * written without a namespace whose kind may be either is read whole: its spec tells.
 */
function projectObjects(cluster: ClusterChart): ProjectObject[] {
  const objects = apiObjectsOf(cluster);
  const scopeOf = scopeResolver(cluster.platform, objects.filter((object) => object.kind === 'CustomResourceDefinition').map(manifestOf));
  return objects.map((object) => {
    const namespace = object.metadata.namespace;
    const clusterScoped = scopeOf(object) === 'Cluster' || (namespace === undefined && scopeOf(manifestOf(object)) !== 'Namespaced');
    return { apiVersion: object.apiVersion, kind: object.kind, namespace, clusterScoped };
  });
}

/** SSH Git hosts whose keys the Argo CD chart knows. */
const KNOWN_SSH_HOSTS: readonly string[] = ['github.com', 'gitlab.com', 'bitbucket.org', 'ssh.dev.azure.com', 'vs-ssh.visualstudio.com'];

/** The annotation Argo CD orders an app-of-apps sync by. */
export { SYNC_WAVE_ANNOTATION };

/**
 * Argo CD: components become Applications with a Helm (or Git directory) source, in sync waves by
 * dependency depth; the cluster folder holds a root Application and one Application per layer, in waves,
 * so platform, then config, then apps are synced.
 */
export class ArgoCd implements GitOpsEngine {
  public readonly name = 'argo-cd';
  /** Namespace Argo CD runs in. */
  public readonly namespace: string;

  constructor(private readonly props: ArgoCdProps = {}) {
    this.namespace = props.namespace ?? 'argocd';
  }

  public get chosenNamespace(): { namespace: string; field: string } | undefined {
    return this.props.namespace === undefined ? undefined : { namespace: this.props.namespace, field: 'namespace' };
  }

  public bind(cluster: ClusterChart): void {
    // Once every App has rendered its objects.
    cluster.onPlatformPrepare(() => orderAppsBySyncWave(cluster));
    if (gitSourceMissing(cluster)) {
      reportFinding(cluster, {
        layer: 'references', severity: 'error', field: 'gitops',
        message: `site "${cluster.site.name}" declares no git source, which Argo CD on cluster "${cluster.clusterName}" pulls from`,
        hint: 'set `git: { url: ... }` on the site',
      });
    }
    const name = this.rootName(cluster);
    const git = gitSourceOf(cluster);
    // ssh:// or git's scp form `git@host:path`, which Argo CD clones over SSH too.
    const sshUrl = git && (/^ssh:\/\/(?:[^@/]+@)?([^:/]+)(?::(\d+))?/.exec(git.url) ?? /^(?:[^@/:]+@)?([^/:]+):(?!\/\/)/.exec(git.url));
    const sshHost = sshUrl?.[1];
    // A server on another port than 22 is known to ssh as `[host]:port`, and scanned there.
    const sshPort = sshUrl?.[2] === undefined ? undefined : Number(sshUrl[2]);
    if (git && sshHost && this.props.repositoryCredential === undefined) {
      // Argo CD has no anonymous SSH: without a key the repository is never cloned and nothing syncs.
      reportFinding(cluster, {
        layer: 'references', severity: 'error', field: 'gitops.repositoryCredential',
        message: `Argo CD clones the SSH URL "${git.url}" of site "${cluster.site.name}" only with a private key, and argoCd() is given no repositoryCredential`,
        hint: `give the deploy key: repositoryCredential: { sshPrivateKey: SecretReference.external('${this.namespace}', 'repo-ssh', 'sshPrivateKey') }, or use the repository's https:// URL if it is public`,
      });
    }
    const redirected = git === undefined ? undefined : gitLabRedirectedUrl(git.url);
    if (redirected !== undefined) {
      reportFinding(cluster, {
        layer: 'references', severity: 'error', field: 'gitops',
        message: `GitLab answers the https URL "${git!.url}" of site "${cluster.site.name}", which lacks .git, with a redirect to ${redirected}, and Argo CD does not follow it: `
          + 'the repository is never fetched and nothing syncs (git and Flux follow it, so the URL clones by hand)',
        hint: `give the site the clone URL GitLab shows, with .git: git: { url: '${redirected}' }`,
      });
    }
    const selfManaged = this.props.selfManaged ?? true;
    // Argo CD's own Application carries the known_hosts lines (the chart's values), and Argo CD reads it from the
    // repository it clones only with them: the lines reach a running Argo CD when that file is applied by hand.
    const ownApplication = `${cluster.repositoryPath('platform')}/${ARGO_CD_COMPONENT}.yaml`;
    const needsKnownHosts = sshHost !== undefined && !KNOWN_SSH_HOSTS.includes(sshHost);
    // Steps on a running Argo CD follow the cluster's own steps, the first sync among them: notes of a child
    // come after the cluster's.
    const afterFirstSync = selfManaged ? new Construct(cluster, 'argo-cd-after-first-sync') : cluster;
    if (needsKnownHosts && this.props.sshKnownHosts === undefined) {
      leaveOwnerAction(afterFirstSync, {
        kind: 'bootstrap',
        action: selfManaged
          ? `give Argo CD the SSH host key of ${sshHost}, which it refuses to clone from otherwise: once the host answers, `
            + `pass what ssh-keyscan prints as argoCd({ sshKnownHosts }), synthesize and commit, then apply Argo CD's own Application, which carries the key to it: kubectl apply -f ${ownApplication} `
            + '(Argo CD takes its settings from the repository, which it cannot clone before it knows the key)'
          // The values of an Argo CD the repository does not install reach nothing: its own known hosts take the key.
          : `give the Argo CD that syncs this cluster the SSH host key of ${sshHost}, which it refuses to clone from otherwise: add what ssh-keyscan prints to its known hosts`,
        command: `ssh-keyscan ${sshPort === undefined || sshPort === 22 ? '' : `-p ${sshPort} `}${sshHost}${selfManaged ? '' : ' | argocd cert add-ssh --batch'}`,
      });
    }
    const knownAs = sshHost === undefined ? undefined : knownHostsName(sshHost, sshPort);
    if (knownAs !== undefined && typeof this.props.sshKnownHosts === 'string' && this.props.sshKnownHosts.trim() !== '' && !knownHostsCover(this.props.sshKnownHosts, knownAs)) {
      // Argo CD adds the lines to the chart's own; those cover the well-known hosts on port 22 only.
      const builtIn = KNOWN_SSH_HOSTS.includes(knownAs);
      if (!builtIn) {
        reportFinding(cluster, {
          layer: 'references', severity: 'error', field: 'gitops.sshKnownHosts',
          message: `no line of sshKnownHosts is for ${knownAs}, where Argo CD clones the site's repository ${git?.url} from: ssh would refuse the server's key, and nothing would sync`,
          hint: `pass what \`ssh-keyscan ${sshPort === undefined || sshPort === 22 ? '' : `-p ${sshPort} `}${sshHost}\` prints${knownAs !== sshHost ? ` (its lines begin with ${knownAs}: a server on another port is known by its name and port)` : ''}`,
        });
      }
    }
    const credentialStep = this.props.repositoryCredential
      ? useRepositoryCredential(cluster, cluster, this.namespace, git?.url ?? '<repository>', this.props.repositoryCredential)
      : undefined;
    if (selfManaged) {
      // Nodes that take any pod: workers without a NoSchedule or NoExecute taint.
      const open = cluster.hosts.filter((h) => h.roles.includes('worker') && !h.taints.some((t) => t.effect !== 'PreferNoSchedule')).length;
      cluster.platform.require(argoCdComponent({
        namespace: this.namespace, highAvailability: this.props.highAvailability, redisOnSeparateNodes: open >= 3, sshKnownHosts: this.props.sshKnownHosts,
        syncAccount: this.props.syncAccount === undefined ? undefined : { name: this.props.syncAccount, project: this.gitProject },
        resources: this.props.resources,
      }));
      // The chart sets no admin password: Argo CD generates one at its first start. The repository holds
      // neither the password nor its hash, so the owner replaces it once, through Argo CD itself. Both steps
      // talk to the Argo CD the platform layer configures (its accounts, its route), so they follow the
      // cluster's own steps, the first sync among them.
      // The CLI speaks gRPC, which an ingress routing to the server's HTTP port (HTTP/1.1 to the backend) does not
      // carry: gRPC-web passes any proxy and the server's own port alike, and argocd login keeps it for the
      // commands after it (the account token too).
      leaveOwnerAction(afterFirstSync, {
        kind: 'bootstrap',
        action: `after the first sync, set the password of Argo CD's admin: read the one Argo CD generated at its first start (Secret argocd-initial-admin-secret in namespace ${this.namespace}), `
          + 'log in as admin and set your own (Argo CD keeps only its bcrypt hash, in argocd-secret), then delete argocd-initial-admin-secret; ARGOCD_HOST is the address of its server. '
          + 'The CLI logs in with --grpc-web, which it keeps for the commands after it: its plain gRPC does not pass an ingress that forwards HTTP/1.1 to the server',
        command: `argocd admin initial-password -n ${this.namespace} && argocd login "$ARGOCD_HOST" --username admin --grpc-web && argocd account update-password `
          + `&& kubectl -n ${this.namespace} delete secret argocd-initial-admin-secret`,
      });
      if (this.props.syncAccount !== undefined) {
        leaveOwnerAction(afterFirstSync, {
          kind: 'bootstrap',
          action: `after the first sync (account ${this.props.syncAccount} comes with the platform layer's values of Argo CD), make the API token of Argo CD account ${this.props.syncAccount} (it may only see and sync the Applications of project ${this.props.project ?? 'default'}) and store it as the CI system's secret, which its sync call sends as a Bearer token`,
          command: `argocd account generate-token --account ${this.props.syncAccount}`,
        });
      }
    }
    const project = this.gitProject;
    if (!this.props.createProject && project !== 'default') {
      // Argo CD refuses every Application of a project it does not have; only `default` comes with it.
      leaveOwnerAction(cluster, {
        kind: 'bootstrap',
        action: `make AppProject ${project} in namespace ${this.namespace} before the first sync (Argo CD refuses the Applications of a project it lacks), `
          + 'or let the repository render it with argoCd({ createProject: true })',
        command: `argocd proj create ${project} --src ${git?.url ?? '<repository>'} --dest ${IN_CLUSTER_SERVER},*`,
      });
    }
    cluster.platform.declarePreinstalled({
      source: 'Argo CD bootstrap',
      startsFirstSync: true,
      // The Application kind must exist before the first sync; the first install brings it.
      crds: ARGO_CD_CRDS.map((crd) => ({ group: crd.group, kinds: [...crd.kinds] })),
      // An Argo CD the repository does not install runs in a namespace made outside it.
      namespaces: selfManaged ? [] : [this.namespace],
      manualSteps: [
        `first install of Argo CD: kubectl apply -k ${cluster.repositoryPath('platform')} is not enough on a bare cluster; run `
          + `helm install argo-cd argo-cd --repo https://argoproj.github.io/argo-helm --version ${ARGO_CD_PINS.chart} --namespace ${this.namespace} --create-namespace once, `
          + `then kubectl apply -k ${cluster.repositoryPath()}`
          + (needsKnownHosts && this.props.sshKnownHosts !== undefined && selfManaged
            ? ` && kubectl apply -f ${ownApplication} (Argo CD's own Application brings the known_hosts of ${sshHost}, which the chart's first install lacks, and Argo CD clones nothing without them; `
            : ' (')
          + `Application ${name} then manages everything, Argo CD included)`,
        ...(credentialStep ? [credentialStep] : []),
      ],
    });
  }

  /** The project of the Applications that sync the site's Git repository. */
  private get gitProject(): string {
    return this.props.project ?? 'default';
  }

  /** The project of the Applications that install from pinned upstream repositories: a project of its own when rendered. */
  private get upstreamProject(): string {
    return this.props.createProject ? `${this.gitProject}-upstream` : this.gitProject;
  }

  private rootName(cluster: ClusterChart): string {
    return this.props.name ?? `${cluster.site.name}-${cluster.clusterName}`;
  }

  private syncPolicy(extraOptions: string[] = []): Record<string, unknown> {
    return {
      automated: { prune: this.props.prune ?? true, selfHeal: this.props.selfHeal ?? true },
      syncOptions: ['ServerSideApply=true', ...extraOptions],
      // Argo CD does not sync a commit again after its retries run out, and a first install waits for
      // controllers to make kinds: retry without end, at most every 5 minutes.
      retry: { limit: -1, backoff: { duration: '10s', factor: 2, maxDuration: '5m' } },
    };
  }

  /** Argo CD skips objects annotated so when it prunes. */
  public keepWhenRemoved(object: ApiObject): void {
    addSyncOption(requiredApiObject(object, 'keepWhenRemoved'), 'Prune=false');
  }

  public renderComponent(scope: Construct, component: Installable, cluster: ClusterChart): void {
    const install = component.install;
    // A folder with its own kustomization.yaml is rendered by Kustomize, which takes the patches and image pins.
    const kustomized = install.type === 'manifests' && install.kustomization === true
      && (upstreamPatches(install).length > 0 || (install.images ?? []).length > 0);
    if (install.type === 'manifests' && !kustomized && (install.containerPatches ?? []).length > 0) {
      reportFinding(scope, {
        layer: 'references', severity: 'warning', field: 'install.containerPatches',
        message: `Argo CD applies the upstream files of "${component.name}" as they are, so the container settings ${install.containerPatches!.map(describeContainerPatch).join(', ')} are not given`,
        hint: 'use Flux for this cluster, or a Helm chart of the component',
      });
    }
    if (install.type === 'manifests' && !kustomized && (install.configMapPatches ?? []).length > 0) {
      reportFinding(scope, {
        layer: 'references', severity: 'warning', field: 'install.configMapPatches',
        message: `Argo CD applies the upstream files of "${component.name}" as they are, so the values of ${install.configMapPatches!.map((p) => `ConfigMap ${p.name}`).join(', ')} are not given`,
        hint: 'use Flux for this cluster, a Helm chart of the component, or an upstream folder with a kustomization.yaml (install.kustomization)',
      });
    }
    if (install.type === 'manifests' && install.namespaceLabels) {
      // Argo CD applies the files as they are, and a second owner of the Namespace would take the labels away.
      // The owner makes the namespace first: what the first sync starts in it (a provisioner's helper pods, for
      // the claims of the apps layer) is refused until it has its level, and Argo CD's apply of the files keeps
      // labels it did not set.
      leaveOwnerAction(scope, {
        kind: 'bootstrap',
        action: `before the first sync, make the namespace ${component.name}'s files make (${component.namespace}) with its Pod Security level, which Argo CD's apply of those files keeps`,
        command: [ensureNamespaceCommand(component.namespace), ...namespaceLabelCommands(install, component.namespace)].join(' && '),
        beforeFirstSync: true,
      });
    }
    if (install.type === 'manifests' && !kustomized && (install.images ?? []).length > 0) {
      reportFinding(scope, {
        layer: 'references', severity: 'warning', field: 'install.images',
        message: `Argo CD applies the upstream files of "${component.name}" as they are, so the image pins ${install.images!.map((i) => `${i.name}:${i.newTag}`).join(', ')} are not applied`,
        hint: 'use Flux for this cluster, or a Helm chart of the component',
      });
    }
    const source = install.type === 'helm'
      ? {
        repoURL: install.chart.repository.replace(/^oci:\/\//, ''),
        chart: install.chart.chart,
        targetRevision: install.chart.version,
        helm: {
          releaseName: install.releaseName ?? component.name,
          ...(Object.keys(component.values).length > 0 ? { valuesObject: component.values } : {}),
        },
      }
      : {
        repoURL: install.repository,
        targetRevision: install.tag,
        path: install.path,
        ...(kustomized ? { kustomize: argoKustomize(install) } : {
          directory: { include: install.files.length === 1 ? install.files[0] : `{${install.files.join(',')}}` },
        }),
      };
    new ApiObject(scope, 'application', {
      apiVersion: 'argoproj.io/v1alpha1', kind: 'Application',
      metadata: {
        name: component.name,
        namespace: this.namespace,
        annotations: {
          [SYNC_WAVE_ANNOTATION]: String(dependencyDepth(component, cluster)),
          // The waves after it, the config layer among them, go on while its workloads are not ready.
          ...(install.waitForResources === false ? { [NOT_WAITED_FOR_ANNOTATION]: 'true' } : {}),
        },
      },
      spec: {
        project: this.upstreamProject,
        source,
        destination: { server: IN_CLUSTER_SERVER, namespace: component.namespace },
        syncPolicy: this.syncPolicy(),
      },
    });
  }

  public renderSync(scope: Construct, cluster: ClusterChart, layers: readonly PlatformLayer[]): void {
    const git = gitSourceOf(cluster);
    if (!git) {
      return;
    }
    const name = this.rootName(cluster);
    if (this.props.createProject) {
      // Components and the charts apps install through the engine (ChartRelease) alike.
      const releases = cluster.node.findAll().filter((c): c is ChartRelease => c instanceof ChartRelease);
      const installs = [...cluster.platform.components, ...releases].map((c) => installRepository(c.install));
      renderAppProject(scope, 'project-upstream', {
        name: this.upstreamProject,
        namespace: this.namespace,
        description: `Components and chart releases of cluster ${cluster.clusterName} of site ${cluster.site.name}, from their pinned repositories`,
        repositories: [...new Set(installs)].sort(),
        annotations: { [UNRESTRICTED_PROJECT_ANNOTATION]: UPSTREAM_PROJECT_REASON },
      });
      const reason = this.props.unrestrictedProject;
      renderAppProject(scope, 'project', {
        name: this.gitProject,
        namespace: this.namespace,
        description: `What cluster ${cluster.clusterName} of site ${cluster.site.name} applies from the site's Git repository`,
        repositories: [git.url],
        // Read when the project is written: objects may be rendered as late as synthesis, this project among them.
        limits: reason === undefined ? () => projectLimits(projectObjects(cluster), this.namespace) : undefined,
        annotations: reason === undefined ? undefined : { [UNRESTRICTED_PROJECT_ANNOTATION]: reason },
      });
      if (this.gitProject !== 'default') {
        // Argo CD's own project allows everything, and an Application pushed to the repository may name it.
        renderAppProject(scope, 'project-default', {
          name: 'default',
          namespace: this.namespace,
          description: `Closed: every Application of cluster ${cluster.clusterName} names ${this.gitProject} or ${this.upstreamProject}`,
          repositories: [],
          limits: () => ({ namespaces: [], clusterKinds: [], namespacedKinds: [] }),
        });
      }
    }
    const application = (id: string, appName: string, path: string, wave: number, options: string[]) => new ApiObject(scope, id, {
      apiVersion: 'argoproj.io/v1alpha1', kind: 'Application',
      metadata: { name: appName, namespace: this.namespace, annotations: { [SYNC_WAVE_ANNOTATION]: String(wave) } },
      spec: {
        project: this.gitProject,
        source: { repoURL: git.url, targetRevision: git.branch, path },
        // A project allows namespaces, not "none": the Applications point at the namespace they live in.
        destination: { server: IN_CLUSTER_SERVER, namespace: this.namespace },
        syncPolicy: this.syncPolicy(options),
      },
    });
    // The root Application syncs this folder: itself and the layer Applications, one wave per layer.
    application('root', name, cluster.repositoryPath(), -1, []);
    layers.forEach((layer, wave) => {
      // A layer's CRDs may arrive with the layer before it in the same sync, so its dry run must not fail on them.
      application(`sync-${layer}`, `${name}-${layer}`, cluster.repositoryPath(layer), wave, layer === 'platform' ? [] : ['SkipDryRunOnMissingResource=true']);
    });
  }
}

/** How many components stand between `component` and one that needs nothing: its sync wave. */
function dependencyDepth(component: Installable, cluster: ClusterChart, seen: Set<string> = new Set()): number {
  if (seen.has(component.name)) {
    return 0;
  }
  seen.add(component.name);
  const depths = component.dependsOn
    .map((name): Installable | undefined => cluster.platform.get(name))
    .filter((c): c is Installable => c !== undefined)
    .map((c) => dependencyDepth(c, cluster, seen) + 1);
  return Math.max(0, ...depths);
}

/** The options of `argoCd()`, for callers the type checker does not see. */
const ARGO_CD_PROPS_SHAPE = {
  namespace: 'namespace', project: 'objectName', prune: 'boolean', selfHeal: 'boolean', name: 'objectName', selfManaged: 'boolean',
  createProject: 'boolean', repositoryCredential: { sshPrivateKey: SECRET_REFERENCE } satisfies Record<keyof ArgoCdRepositoryCredential, PropShape>,
  highAvailability: 'boolean', sshKnownHosts: 'string', syncAccount: 'objectName', resources: PART_RESOURCES_SHAPE, unrestrictedProject: 'reason',
} as const satisfies Record<keyof ArgoCdProps, PropShape>;

/**
 * The URL GitLab redirects an https clone URL without `.git` to, for a repository on GitLab (gitlab.com, or a
 * host named gitlab…), or undefined for any other URL. GitLab redirects only the first request of a clone
 * (info/refs) and refuses the rest at the old URL: git and go-git (Flux) move to the new URL, Argo CD does not
 * ("Argo CD will not follow these redirects", its documentation of private repositories). Pure.
 */
export function gitLabRedirectedUrl(url: string): string | undefined {
  const match = /^(https?:\/\/(?:[^@/]*@)?([^/:]+)(?::\d+)?\/)([^?#]*?)\/*$/i.exec(url);
  if (match === null || !match[2].toLowerCase().split('.').some((label) => label === 'gitlab' || label.startsWith('gitlab-')) || /\.git$/i.test(match[3]) || match[3] === '') {
    return undefined;
  }
  return `${match[1]}${match[3]}.git`;
}

/** Reconcile the cluster with Argo CD. */
export function argoCd(props: ArgoCdProps = {}): ArgoCd {
  // `null` is reported as no options, and is none to the engine.
  return checkedChoice(new ArgoCd(props ?? {}), 'argoCd()', props, ARGO_CD_PROPS_SHAPE, {
    required: [['repositoryCredential.sshPrivateKey', "pass the deploy key as a SecretReference: sshPrivateKey: SecretReference.external('argocd', 'repo', 'sshPrivateKey')"]],
  }, argoCdOptionProblems(props));
}

/**
 * The `kustomize` source options of an Application that renders an upstream folder with its own
 * kustomization.yaml: the install's changes as inline patches on their targets, its image pins as
 * `name:tag` overrides.
 */
function argoKustomize(install: ManifestsInstall): Record<string, unknown> {
  const patches = upstreamKustomizePatches(install);
  const images = (install.images ?? []).map((image) => `${image.name}:${image.newTag}`);
  return { ...(patches.length > 0 ? { patches } : {}), ...(images.length > 0 ? { images } : {}) };
}

/** Adds `option` to the object's own Argo CD sync options, which are one comma-separated annotation. */
function addSyncOption(object: ApiObject, option: string): void {
  const key = ARGO_SYNC_OPTIONS_ANNOTATION;
  const annotations = (object.metadata.toJson().annotations ?? {}) as Record<string, string>;
  const options = (annotations[key] ?? '').split(',').filter((o: string) => o !== '');
  if (!options.includes(option)) {
    object.metadata.addAnnotation(key, [...options, option].join(','));
  }
}
