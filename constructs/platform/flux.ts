import { FLUX_FORCE_ANNOTATION, FLUX_PRUNE_ANNOTATION } from './engine-marks';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { reportFinding } from '../validation/finding';
import { describeValue } from '../inventory/problems';
import { fields } from '../validation/manifest';
import type { ClusterChart } from './cluster-chart';
import { upstreamKustomizePatches } from './upstream-manifests';
import { bootstrapCredential, defaultBootstrapPath, FLUX_SYSTEM_OVERLAY_FILE, FluxController, fluxSystemOverlay, rootKustomizationStep } from './flux-bootstrap';
import { isCloneUrl } from '../inventory/site';
import { isRolePlacement, placementCallProblem, RolePlacement } from './node-role';
import { BOOTSTRAP_FOLDER } from './platform';
import { toYamlDocument } from '../synth/yaml';
import { bootstrapSecretCommand, bootstrapSecretText, type BootstrapSecret } from '../synth/bootstrap-secret';
import type { HelmInstall, Installable, ManifestsInstall, PlatformLayer } from './component';
import { gitSourceMissing, gitSourceOf, GitOpsEngine, requiredApiObject } from './gitops';
import { checkedChoice } from '../validation/choice-props';
import { oneOf, type PropRules, type PropShape } from '../validation/known-props';
import { bootstrapPathInOutputProblem, fluxOptionProblems, syncNameProblems } from './flux-options';
import { healthCheckExprsFor, healthCheckExprsOfKinds } from './flux-health-checks';
import { DNS1123_LABEL, nameProblem } from '../validation/dns-names';
import { assignOwnFolder, layerOf } from './layout';
import { FLUX_VALIDATED_RELEASE, fluxReleaseProblems, type FluxRelease, minorLine } from './flux-release';
import { alertSourceProblems, FLUX_NOTIFICATIONS_SHAPE, fluxNotificationObjects, fluxNotificationProblems, type FluxNotifications } from './flux-notifications';

/** Options of the Flux GitOps engine. */
export interface FluxProps {
  /**
   * The Flux release `flux bootstrap --version` installs, as `v<major>.<minor>.<patch>` (e.g. `'v2.9.0'`):
   * without it bootstrap installs the release of the owner's own CLI, so the same repository would get
   * whatever Flux the day and the machine bring. Bootstrap takes it only from a flux CLI of the same minor
   * release (2.9.x for v2.9.0). A release that does not serve an API version the cluster's objects are
   * written in (HelmRelease v2 needs v2.3.0, OCIRepository v1 v2.6.0) is an error; one newer than the
   * release whose CRDs the objects are validated against is a warning.
   * @default 'v2.9.0' (the release whose CRDs the objects are validated against)
   */
  readonly version?: FluxRelease;
  /**
   * How often Flux fetches the repository for new commits, as a Go duration; also how often it re-applies
   * the layers when `reconcileInterval` is not given.
   * @default '10m'
   */
  readonly interval?: string;
  /**
   * How often the layers and the platform's releases are re-applied from the last fetched commit, as a Go
   * duration: the longest that drift (in a release's objects only with `helmDriftDetection: 'enabled'`),
   * or a controller that came back after a failure, waits to be put right. Shorter than `interval` lets a
   * cluster take new commits slowly yet recover quickly.
   * @default - `interval` for the layers, '30m' for the platform's releases
   */
  readonly reconcileInterval?: string;
  /**
   * What helm-controller does when an object of a platform release is changed in the cluster (by hand, or
   * by another controller): `'enabled'` puts the release's own values back at every `reconcileInterval`,
   * `'warn'` only records the drift in an event, `'disabled'` leaves it until the release is next upgraded.
   * The layers' own objects are re-applied at every reconcile whatever this says. A CRD's conversion
   * webhook CA bundle, which the chart writes as a stand-in and its controller fills in (MetalLB), is never
   * put back.
   * @default 'disabled' (helm-controller's own default)
   */
  readonly helmDriftDetection?: HelmDriftDetection;
  /**
   * How soon a layer whose apply failed is tried again, as a Go duration: on a first bootstrap a layer may
   * fail once while a controller is still making a kind it uses (Gatekeeper a constraint's, Crossplane a
   * claim's).
   * @default '1m'
   */
  readonly retryInterval?: string;
  /** Delete objects that disappear from `dist/`. @default true */
  readonly prune?: boolean;
  /** Namespace Flux runs in: not one every cluster has (`default`, `kube-system`, …), which bootstrap would own. @default 'flux-system' */
  readonly namespace?: string;
  /**
   * Secret with the deploy key or token for a private repository.
   * @default - `flux-system` (the Secret `flux bootstrap` makes with the deploy key) for an `ssh://`
   * repository, which Flux cannot clone without a key; none for an `https://` one (a public repository)
   */
  readonly secretName?: string;
  /** Decrypt SOPS-encrypted Secrets with the key in this Secret. @default - no decryption */
  readonly sopsSecretName?: string;
  /**
   * The age private key file the owner step makes the `sopsSecretName` Secret from, as the shell reads it
   * (relative to the repository root, e.g. `./age.key`, or `"$HOME/.config/sops/age/keys.txt"`; not `~/…`,
   * which the shell leaves unexpanded in the step's `--from-file=`). Only with `sopsSecretName`.
   * @default "$SOPS_AGE_KEY_FILE" (the variable sops itself reads the key file from)
   */
  readonly sopsKeyFile?: string;
  /** How long a layer or release may take to become ready, as a Go duration. @default '10m' */
  readonly timeout?: string;
  /**
   * Name of the GitRepository and prefix of the layer Kustomizations (`<name>-platform`), at most 54 characters:
   * kustomize-controller labels what it applies with its Kustomization's name, a label value of at most 63.
   * Not the name of Flux's `namespace`, which bootstrap gives its own. @default - `<site>-<cluster>`
   */
  readonly name?: string;
  /**
   * Folder of the repository that `flux bootstrap --path` points at, outside the output folder: bootstrap
   * commits Flux's own manifests to `<bootstrapPath>/flux-system/`, and synthesis replaces the output
   * folder as a whole, so they must live elsewhere. The folder then needs a Flux Kustomization that applies
   * the cluster folder (committed once, by hand). Written from the repository's root, without a leading
   * `/` or `./` or a trailing `/`, e.g. `clusters/lab`.
   * @default - `flux-system/<site>/<cluster>`, with an owner step that commits its Kustomization
   * (`dist.yaml`, made by `flux create kustomization … --export`) before bootstrap
   */
  readonly bootstrapPath?: string;
  /**
   * Where Flux's own controllers run, by controller: a workload role's placement (`rolePlacement(...)`),
   * as a preference with the role's hosts' taints tolerated. `flux bootstrap` installs the controllers,
   * so synthesis writes a Kustomize overlay of them, `bootstrap/flux-system.kustomization.yml`, which the
   * owner commits as `<bootstrapPath>/flux-system/kustomization.yaml` before bootstrapping (an owner step
   * says how). A preference, not a requirement: bootstrap waits for every controller, and the role's host
   * may join later; the owner then restarts the controller to move it there.
   * @default - the scheduler places every controller
   */
  readonly controllerPlacement?: Readonly<Partial<Record<FluxController, RolePlacement>>>;
  /**
   * How `flux bootstrap github` treats a repository on github.com (the site's Git URL), which it uses
   * there instead of `flux bootstrap git`: it makes the repository if it is missing and registers the
   * deploy key itself, with a `GITHUB_TOKEN`. Only for a site whose Git URL is on github.com.
   * @default - a personal account's private repository (`--personal --private=true`)
   */
  readonly github?: FluxGitHubBootstrap;
  /**
   * Where Flux's own events go (a fetch, an apply or a Helm upgrade that failed): a notification Provider
   * and an Alert in Flux's namespace, delivered by notification-controller, which `flux bootstrap` installs.
   * @default - no Provider or Alert: Flux's events stay in the cluster's event log
   */
  readonly notifications?: FluxNotifications;
}

/** What helm-controller does with a release's objects changed in the cluster (see {@link FluxProps.helmDriftDetection}). */
export type HelmDriftDetection = 'enabled' | 'warn' | 'disabled';

/**
 * Fields of a release's objects that another controller owns once installed: a chart writes a stand-in
 * CA bundle into a CRD's conversion webhook (the API server refuses an empty one), which its controller
 * replaces with its own CA; putting the stand-in back would break conversion.
 */
const HELM_DRIFT_IGNORED = [
  { paths: ['/spec/conversion/webhook/clientConfig/caBundle'], target: { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition' } },
] as const;

/** The flags of `flux bootstrap github` for the repository's owner. */
export interface FluxGitHubBootstrap {
  /** The owner is a user, not an organization (`--personal`). @default true */
  readonly personal?: boolean;
  /** A repository bootstrap makes is private (`--private`). @default true */
  readonly private?: boolean;
}

/** Owner and repository of a github.com URL (`ssh://git@github.com/o/r.git`, `git@github.com:o/r`, `https://github.com/o/r`). */
export function gitHubRepositoryOf(url: string): { owner: string; repository: string } | undefined {
  const match = /^(?:(?:ssh|https):\/\/)?(?:[^@/]+@)?github\.com[:/]([^/]+)\/([^/]+?)(?:\.git)?\/?$/.exec(url);
  return match ? { owner: match[1], repository: match[2] } : undefined;
}

/** The CRDs `flux bootstrap` installs with Flux's controllers. */
export const FLUX_CRDS = [
  { group: 'source.toolkit.fluxcd.io', kinds: ['GitRepository', 'HelmRepository', 'HelmChart', 'OCIRepository', 'Bucket', 'ExternalArtifact'] },
  { group: 'kustomize.toolkit.fluxcd.io', kinds: ['Kustomization'] },
  { group: 'helm.toolkit.fluxcd.io', kinds: ['HelmRelease'] },
  { group: 'notification.toolkit.fluxcd.io', kinds: ['Provider', 'Alert', 'Receiver'] },
] as const;

const SOURCE_API = 'source.toolkit.fluxcd.io/v1';
/** Git's scp-like form, `[user@]host:path`: no scheme, and a colon before any slash. */
const SCP_STYLE_URL = /^([^@/:]+@)?([^/:]+):(?!\/\/)(.+)$/;

/**
 * Flux: components become a HelmRepository (or OCIRepository) and a HelmRelease, or a GitRepository of
 * the upstream tag and a Kustomization; the cluster folder holds a GitRepository for this repository
 * and one Kustomization per layer, each waiting for the one before it.
 */
export class Flux implements GitOpsEngine {
  public readonly name = 'flux';
  /**
   * kustomize-controller dry-runs a layer's objects together and applies none of them when one is of an
   * unknown kind; it has no option to skip the dry run.
   */
  public readonly refusesLayerWithUnknownKind = true;
  /** Namespace Flux runs in. */
  public readonly namespace: string;

  /** The Flux release bootstrap installs (see {@link FluxProps.version}). */
  public readonly release: FluxRelease;

  constructor(private readonly props: FluxProps = {}) {
    this.namespace = props.namespace ?? 'flux-system';
    this.release = props.version ?? FLUX_VALIDATED_RELEASE;
  }

  public get chosenNamespace(): { namespace: string; field: string } | undefined {
    return this.props.namespace === undefined ? undefined : { namespace: this.props.namespace, field: 'namespace' };
  }

  /** The Secret with the age key the layer Kustomizations decrypt SOPS files with, if any. */
  public get sopsSecretName(): string | undefined {
    return this.props.sopsSecretName;
  }

  /**
   * The Secret Flux authenticates to the repository with, if any (see {@link FluxProps.secretName}), which
   * `flux bootstrap` makes in Flux's namespace.
   */
  public secretNameFor(cluster: ClusterChart): string | undefined {
    return this.props.secretName ?? (gitSourceOf(cluster)?.url.startsWith('ssh://') ? 'flux-system' : undefined);
  }

  public bind(cluster: ClusterChart): void {
    const source = gitSourceOf(cluster);
    if (gitSourceMissing(cluster)) {
      reportFinding(cluster, {
        layer: 'references', severity: 'error', field: 'gitops',
        message: `site "${cluster.site.name}" declares no git source, which Flux on cluster "${cluster.clusterName}" pulls from`,
        hint: 'set `git: { url: ... }` on the site',
      });
    } else if (source && SCP_STYLE_URL.test(source.url)) {
      // Flux's GitRepository takes http(s):// and ssh:// URLs only; the scp form of git and Argo CD is refused.
      const [, user, host, path] = SCP_STYLE_URL.exec(source.url)!;
      reportFinding(cluster, {
        layer: 'references', severity: 'error', field: 'gitops',
        message: `Flux clones ssh:// URLs, not the scp form "${source.url}" of site "${cluster.site.name}"`,
        hint: `write the site's git url as ssh://${user}${host}/${path} (a path relative to the account's home needs its full path there)`,
      });
    }
    if (source && this.props.github !== undefined && !gitHubRepositoryOf(source.url)) {
      // Bootstrap is `flux bootstrap git` there, which has no owner or visibility to set.
      reportFinding(cluster, {
        layer: 'references', severity: 'error', field: 'gitops.github',
        message: `the git url "${source.url}" of site "${cluster.site.name}" is not on github.com, so the github options would be ignored`,
        hint: 'drop github, or move the repository to github.com and set the site\'s git url to it',
      });
    }
    const output = cluster.repositoryPath().slice(0, -cluster.folder.length).replace(/\/$/, '');
    // The default too: an output folder named flux-system holds it.
    for (const problem of bootstrapPathInOutputProblem(this.bootstrapPathOf(cluster), output)) {
      reportFinding(cluster, { layer: 'props', severity: 'error', ...problem, field: `gitops.${problem.field}` });
    }
    // A name given to flux() is checked there; the default one only where the site's name and the cluster's id,
    // checked one by one, are sound, or one mistake would be reported twice.
    const defaulted = this.props.name === undefined && [cluster.site.name, cluster.clusterName].every((part) => nameProblem(part, DNS1123_LABEL) === undefined);
    for (const problem of defaulted ? syncNameProblems(this.syncName(cluster), true) : []) {
      reportFinding(cluster, { layer: 'props', severity: 'error', ...problem, field: `gitops.${problem.field}` });
    }
    const secretName = this.secretNameFor(cluster);
    if (secretName !== undefined && this.props.sopsSecretName === secretName) {
      // flux bootstrap makes the Git credential's Secret, the owner step the age key's: one Secret cannot be both.
      reportFinding(cluster, {
        layer: 'props', severity: 'error', field: 'gitops.sopsSecretName',
        message: `sopsSecretName "${secretName}" names Secret ${this.namespace}/${secretName}, which flux bootstrap makes with the credential Flux fetches the repository with`
          + `${this.props.secretName === undefined ? ' (the default secretName for an ssh:// URL)' : ' (secretName)'}: the owner step would make it a second time with the age key, and whichever comes second replaces or lacks the other's keys`,
        hint: `give the age key a Secret of its own, e.g. sopsSecretName: '${secretName === 'sops-age' ? 'flux-sops-age' : 'sops-age'}'`,
      });
    }
    const placement = this.controllerPlacementSteps(cluster);
    const bootstrapPath = this.bootstrapPathOf(cluster);
    const sopsKey: BootstrapSecret | undefined = this.props.sopsSecretName === undefined ? undefined : {
      namespace: this.namespace, name: this.props.sopsSecretName, keys: [{ key: 'age.agekey', file: this.props.sopsKeyFile ?? '"$SOPS_AGE_KEY_FILE"' }],
    };
    cluster.platform.declarePreinstalled({
      source: 'flux bootstrap',
      startsFirstSync: true,
      crds: FLUX_CRDS.map((crd) => ({ group: crd.group, kinds: [...crd.kinds] })),
      namespaces: [this.namespace],
      brings: [
        `Flux ${this.release}'s controllers and CRDs in namespace ${this.namespace}, which flux bootstrap installs and commits under ${bootstrapPath}/flux-system/`,
        ...(secretName ? [`Secret ${this.namespace}/${secretName}, the ${source?.url.startsWith('ssh://') ? 'deploy key' : 'username and token'} Flux fetches the repository with, which flux bootstrap makes`] : []),
        ...(sopsKey ? [`${bootstrapSecretText(sopsKey)}, the age private key Flux decrypts the SOPS files with, made by hand and never committed`] : []),
      ],
      manualSteps: [
        ...(sopsKey
          ? [`before flux bootstrap, which syncs at once, create ${bootstrapSecretText(sopsKey)}, the age private key, and its namespace: ${bootstrapSecretCommand(sopsKey)}`]
          : []),
        ...placement.beforeBootstrap,
        ...(this.props.bootstrapPath === undefined
          ? [rootKustomizationStep(bootstrapPath, cluster.repositoryPath(), {
            name: this.syncName(cluster), namespace: this.namespace, interval: this.props.interval ?? '10m', prune: this.props.prune ?? true,
          })] : []),
        this.bootstrapCommand(cluster)
          + (secretName ? ` (${bootstrapCredential(source?.url ?? '', `${this.namespace}/${secretName}`, this.bootstrapCommand(cluster).startsWith('flux bootstrap github'))})` : '')
          // The CLI downloads only a release of its own minor line; another one it refuses.
          + `; it installs Flux ${this.release}, run with a flux CLI ${minorLine(this.release)}.x (bootstrap refuses a --version of another minor release than its own)`
          + `; Flux's components land in ${bootstrapPath}/flux-system/, and ${bootstrapPath}/ holds a Kustomization that applies ./${cluster.repositoryPath()}`
          // Bootstrap commits its manifests in a clone of its own and pushes them: the owner's clone is behind the branch.
          + `; bootstrap pushes the commit it makes to ${this.branchOf(cluster)} itself: \`git pull\` before your next push, which Git refuses until your clone has it`
          // Bootstrap's default components include notification-controller, which alone reads the Alert.
          + (this.props.notifications ? `; its notification-controller (one of bootstrap's default components: keep it if --components is ever given) posts Flux's ${this.props.notifications.eventSeverity ?? 'error'} events to Provider ${this.syncName(cluster)}` : '')
          // flux bootstrap github reads its token from the environment only; with --token-auth it registers no deploy key.
          + (this.bootstrapCommand(cluster).startsWith('flux bootstrap github')
            ? `; export GITHUB_TOKEN first, a GitHub token that may create the repository${secretName && !source?.url.startsWith('ssh://') ? '' : ' and its deploy key'}` : ''),
        ...placement.afterBootstrap,
      ],
    });
  }

  /** The folder `flux bootstrap --path` points at, outside the output folder. */
  public bootstrapFolder(cluster: ClusterChart): { readonly path: string; readonly field: string } {
    return { path: this.bootstrapPathOf(cluster), field: 'bootstrapPath' };
  }

  private bootstrapPathOf(cluster: ClusterChart): string {
    return this.props.bootstrapPath ?? defaultBootstrapPath(cluster.folder);
  }

  /** Name of the GitRepository and prefix of the layer Kustomizations. */
  private syncName(cluster: ClusterChart): string {
    return this.props.name ?? `${cluster.site.name}-${cluster.clusterName}`;
  }

  /**
   * The bootstrap command: `flux bootstrap github` for a repository on github.com, which also registers the
   * deploy key, `flux bootstrap git` for any other host.
   */
  private bootstrapCommand(cluster: ClusterChart): string {
    const source = gitSourceOf(cluster);
    const branch = this.branchOf(cluster);
    const path = this.bootstrapPathOf(cluster);
    const github = source ? gitHubRepositoryOf(source.url) : undefined;
    // The command's own defaults are flux-system for both: anything else must be passed, or bootstrap
    // installs Flux where the GitRepository and Kustomizations of dist/ do not look.
    const secretName = this.secretNameFor(cluster);
    const nonDefault = (this.namespace === 'flux-system' ? '' : ` --namespace=${this.namespace}`)
      + (secretName === undefined || secretName === 'flux-system' ? '' : ` --secret-name=${secretName}`);
    const version = ` --version=${this.release}`;
    if (github) {
      return `flux bootstrap github --owner=${github.owner} --repository=${github.repository} --branch=${branch} --path=${path}`
        + `${(this.props.github?.personal ?? true) ? ' --personal' : ''} --private=${this.props.github?.private ?? true}${nonDefault}${version}`;
    }
    return `flux bootstrap git --url=${source?.url ?? '<repository>'} --branch=${branch} --path=${path}${nonDefault}${version}`;
  }

  /** The branch bootstrap commits to and the cluster syncs from: the site's, main when it names none. */
  private branchOf(cluster: ClusterChart): string {
    return gitSourceOf(cluster)?.branch ?? 'main';
  }

  /** Writes the overlay of Flux's placed controllers and says how it reaches bootstrap; no steps without placements. */
  private controllerPlacementSteps(cluster: ClusterChart): { beforeBootstrap: string[]; afterBootstrap: string[] } {
    // Malformed placements are reported by flux(); the overlay places the others.
    const placement = Object.fromEntries(Object.entries(this.props.controllerPlacement ?? {}).filter(([, p]) => isRolePlacement(p))) as Partial<Record<FluxController, RolePlacement>>;
    const controllers = (Object.keys(placement) as FluxController[]).sort();
    if (controllers.length === 0) {
      return { beforeBootstrap: [], afterBootstrap: [] };
    }
    for (const controller of controllers) {
      const hosts = placement[controller]!.hosts;
      const strangers = hosts.filter((h) => !cluster.hosts.includes(h));
      if (hosts.length === 0 || strangers.length > 0) {
        reportFinding(cluster, {
          layer: 'inventory', severity: 'error', field: `gitops.controllerPlacement.${controller}`,
          message: hosts.length === 0
            ? `the placement of ${controller} selects no host of the inventory`
            : `the placement of ${controller} names ${strangers.map((h) => h.name).join(', ')}, not a node of cluster "${cluster.clusterName}"`,
          hint: "place it with rolePlacement(cluster's hosts, role) on a role some host has, or hostPlacement(host) of one of its nodes",
        });
      }
    }
    cluster.platform.addBootstrapFile(FLUX_SYSTEM_OVERLAY_FILE, () => toYamlDocument(fluxSystemOverlay(placement)));
    const folder = `${this.bootstrapPathOf(cluster)}/flux-system`;
    // One step per set of hosts: the controllers that prefer them move there together.
    const byHosts = new Map<string, FluxController[]>();
    for (const controller of controllers) {
      const hosts = placement[controller]!.hosts.map((h) => h.nodeName).sort().join(' and ');
      byHosts.set(hosts, [...(byHosts.get(hosts) ?? []), controller]);
    }
    // The overlay's affinity names the hosts' role labels, which the cluster's own step sets before the first
    // sync (a restart before they are set lands anywhere): this step only moves the controllers.
    return {
      beforeBootstrap: [
        `before flux bootstrap, commit ${cluster.repositoryPath()}/${BOOTSTRAP_FOLDER}/${FLUX_SYSTEM_OVERLAY_FILE} as ${folder}/kustomization.yaml, `
          + `with empty gotk-components.yaml and gotk-sync.yaml beside it: bootstrap fills those and builds its controllers through the overlay, which places ${controllers.join(', ')}`,
      ],
      afterBootstrap: [...byHosts].map(([hosts, placed]) => `once ${hosts} ${hosts.includes(' and ') ? 'have' : 'has'} joined, `
        + `move ${placed.join(', ')} there: kubectl -n ${this.namespace} rollout restart ${placed.map((c) => `deployment/${c}`).join(' ')}`),
    };
  }

  public renderComponent(scope: Construct, component: Installable, cluster: ClusterChart): void {
    const install = component.install;
    if (install.type === 'helm') {
      this.renderHelm(scope, component, install, cluster);
    } else {
      this.renderManifests(scope, component, install, cluster);
    }
  }

  private renderHelm(scope: Construct, component: Installable, install: HelmInstall, cluster: ClusterChart): void {
    const oci = install.chart.repository.startsWith('oci://');
    const sourceName = component.name;
    if (oci) {
      new ApiObject(scope, 'source', {
        apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'OCIRepository',
        metadata: { name: sourceName, namespace: this.namespace },
        spec: {
          interval: '12h',
          url: `${install.chart.repository}/${install.chart.chart}`,
          ref: { tag: install.chart.version },
          layerSelector: { mediaType: 'application/vnd.cncf.helm.chart.content.v1.tar+gzip', operation: 'copy' },
        },
      });
    } else {
      new ApiObject(scope, 'source', {
        apiVersion: SOURCE_API, kind: 'HelmRepository',
        metadata: { name: sourceName, namespace: this.namespace },
        spec: { interval: '12h', url: install.chart.repository },
      });
    }
    const dependencies = component.dependsOn.map((name): Installable | undefined => cluster.platform.get(name));
    const helmDependencies = dependencies
      .filter((c): c is Installable => c?.install.type === 'helm')
      .map((c) => ({ name: c.name, namespace: c.namespace }));
    const timeout = this.props.timeout ?? '10m';
    // helm-controller's default (poller) wait reads these only while it waits; kstatus alone passes the CRs at once.
    const healthCheckExprs = install.waitForResources === false ? [] : healthCheckExprsOfKinds(install.renderedResources ?? []).map((check) => ({ ...check }));
    const releaseScope = this.releaseWaits(scope, component, cluster, dependencies.filter((c): c is Installable => c?.install.type === 'manifests'));
    const release = new ApiObject(releaseScope, 'release', {
      apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease',
      metadata: { name: component.name, namespace: component.namespace },
      spec: {
        interval: this.props.reconcileInterval ?? '30m',
        releaseName: install.releaseName ?? component.name,
        ...(oci
          ? { chartRef: { kind: 'OCIRepository', name: sourceName, namespace: this.namespace } }
          : {
            chart: {
              spec: {
                chart: install.chart.chart,
                version: install.chart.version,
                sourceRef: { kind: 'HelmRepository', name: sourceName, namespace: this.namespace },
                interval: '12h',
              },
            },
          }),
        dependsOn: helmDependencies.length > 0 ? helmDependencies : undefined,
        timeout,
        install: { crds: 'CreateReplace', remediation: { retries: 3 }, ...(install.waitForResources === false ? { disableWait: true } : {}) },
        upgrade: {
          crds: 'CreateReplace', cleanupOnFail: true, remediation: { retries: 3, strategy: 'rollback' },
          ...(install.waitForResources === false ? { disableWait: true } : {}),
        },
        healthCheckExprs: healthCheckExprs.length > 0 ? healthCheckExprs : undefined,
        driftDetection: this.driftDetection(),
        values: emptyToUndefined(component.values),
      },
    });
    if (releaseScope !== scope) {
      // A release the layer applied before is left to the Kustomization that applies it now: the layer would
      // otherwise prune it first, and helm-controller uninstall the chart (a CNI's, its cluster's network).
      this.keepWhenRemoved(release);
    }
  }

  /**
   * The scope of a component's HelmRelease. A HelmRelease waits for HelmReleases only (its `dependsOn`): one
   * that needs upstream manifests first, or that upstream manifests need first, is applied by a Kustomization
   * of its own, named like the component, which waits for theirs and which theirs wait for. Its folder holds
   * the release alone, beside the layer's files, which the layer does not apply.
   */
  private releaseWaits(scope: Construct, component: Installable, cluster: ClusterChart, manifests: readonly Installable[]): Construct {
    const neededByManifests = cluster.platform.components.some((c) => c.install.type === 'manifests' && c.dependsOn.includes(component.name));
    if (manifests.length === 0 && !neededByManifests) {
      return scope;
    }
    const folder = new Construct(scope, 'own-folder');
    assignOwnFolder(folder, component.name, 'release');
    const name = this.syncName(cluster);
    const layer = layerOf(scope);
    new ApiObject(scope, 'release-sync', {
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization',
      metadata: { name: component.name, namespace: this.namespace },
      spec: {
        interval: this.props.reconcileInterval ?? this.props.interval ?? '10m',
        retryInterval: this.props.retryInterval ?? '1m',
        path: `./${layer === 'sync' ? cluster.repositoryPath() : cluster.repositoryPath(layer)}/${component.name}`,
        prune: this.props.prune ?? true,
        // Ready once the release is: what waits for this Kustomization waits for the release.
        wait: true,
        timeout: this.props.timeout ?? '10m',
        sourceRef: { kind: 'GitRepository', name },
        dependsOn: manifests.length > 0 ? manifests.map((c) => ({ name: c.name })) : undefined,
      },
    });
    return folder;
  }

  /** A HelmRelease's drift detection; none at helm-controller's default, so releases read as they always did. */
  private driftDetection(): Record<string, unknown> | undefined {
    const mode = this.props.helmDriftDetection;
    if (mode === undefined || mode === 'disabled') {
      return undefined;
    }
    return { mode, ignore: HELM_DRIFT_IGNORED.map((rule) => ({ paths: [...rule.paths], target: { ...rule.target } })) };
  }

  private renderManifests(scope: Construct, component: Installable, install: ManifestsInstall, cluster: ClusterChart): void {
    const folder = install.path.replace(/^\/|\/$/g, '');
    const ignore = sourceIgnore(folder, install.files).join('\n');
    new ApiObject(scope, 'source', {
      apiVersion: SOURCE_API, kind: 'GitRepository',
      metadata: { name: component.name, namespace: this.namespace },
      spec: { interval: '12h', url: install.repository, ref: { tag: install.tag }, ignore: `${ignore}\n` },
    });
    // A Helm component it needs is applied by a Kustomization of the same name (see releaseWaits).
    const dependencies = component.dependsOn
      .map((name): Installable | undefined => cluster.platform.get(name))
      .filter((c): c is Installable => c !== undefined)
      .map((c) => ({ name: c.name }));
    new ApiObject(scope, 'kustomization', {
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization',
      metadata: { name: component.name, namespace: this.namespace },
      spec: {
        interval: this.props.reconcileInterval ?? '30m',
        path: `./${folder}`,
        prune: true,
        wait: install.waitForResources !== false,
        timeout: this.props.timeout ?? '10m',
        sourceRef: { kind: 'GitRepository', name: component.name },
        // Upstream files that leave the namespace open land in the component's.
        targetNamespace: component.namespace,
        images: install.images && install.images.length > 0 ? install.images.map((image) => ({ ...image })) : undefined,
        patches: emptyListToUndefined([
          ...upstreamKustomizePatches(install),
          // The namespace the files make carries the component's Pod Security level.
          ...(install.namespaceLabels ? [{
            patch: toYamlDocument({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: component.namespace, labels: install.namespaceLabels } }),
            target: { kind: 'Namespace', name: component.namespace },
          }] : []),
        ]),
        dependsOn: dependencies.length > 0 ? dependencies : undefined,
      },
    });
  }

  /** Flux's kustomize-controller skips objects annotated so when it prunes. */
  public keepWhenRemoved(object: ApiObject): void {
    requiredApiObject(object, 'keepWhenRemoved').metadata.addAnnotation(FLUX_PRUNE_ANNOTATION, 'disabled');
  }

  /** Flux's kustomize-controller re-creates an object so annotated when an apply changes an immutable field. */
  public replaceWhenChanged(object: ApiObject): void {
    requiredApiObject(object, 'replaceWhenChanged').metadata.addAnnotation(FLUX_FORCE_ANNOTATION, 'enabled');
  }

  public renderSync(scope: Construct, cluster: ClusterChart, layers: readonly PlatformLayer[]): void {
    this.renderSyncObjects(scope, cluster, layers);
    this.checkRelease(cluster);
  }

  /**
   * Whether the pinned release serves what the cluster's Flux objects are written in: read once every object
   * is rendered, the engine's and those written by hand alike.
   */
  private checkRelease(cluster: ClusterChart): void {
    const objects = cluster.node.findAll()
      .filter((c): c is ApiObject => c instanceof ApiObject && c.apiVersion.split('/')[0].endsWith('.toolkit.fluxcd.io'))
      .map((o) => ({ apiVersion: o.apiVersion, kind: o.kind, name: `${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.name}` }));
    for (const problem of fluxReleaseProblems(this.release, objects)) {
      reportFinding(cluster, { layer: 'props', ...problem, field: `gitops.${problem.field}` });
    }
  }

  private renderSyncObjects(scope: Construct, cluster: ClusterChart, layers: readonly PlatformLayer[]): void {
    const git = gitSourceOf(cluster);
    if (!git || SCP_STYLE_URL.test(git.url) || !isCloneUrl(git.url)) {
      return; // reported when the engine was bound, or on the site's git.url
    }
    const interval = this.props.interval ?? '10m';
    const name = this.syncName(cluster);
    const secretName = this.secretNameFor(cluster);
    // kstatus sees no readiness on some kinds a waiting layer holds; their own conditions then say it.
    const healthCheckExprs = healthCheckExprsFor(cluster).map((check) => ({ ...check }));
    new ApiObject(scope, 'source', {
      apiVersion: SOURCE_API, kind: 'GitRepository',
      metadata: { name, namespace: this.namespace },
      spec: {
        url: git.url,
        ref: { branch: git.branch },
        interval,
        secretRef: secretName ? { name: secretName } : undefined,
      },
    });
    layers.forEach((layer, index) => {
      const previous = layers[index - 1];
      new ApiObject(scope, `sync-${layer}`, {
        apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization',
        metadata: { name: `${name}-${layer}`, namespace: this.namespace },
        spec: {
          interval: this.props.reconcileInterval ?? interval,
          retryInterval: this.props.retryInterval ?? '1m',
          path: `./${cluster.repositoryPath(layer)}`,
          prune: this.props.prune ?? true,
          // Controllers and their CRDs must be ready before the objects that use them are applied.
          wait: layer !== 'apps',
          healthCheckExprs: layer !== 'apps' && healthCheckExprs.length > 0 ? healthCheckExprs : undefined,
          timeout: this.props.timeout ?? '10m',
          sourceRef: { kind: 'GitRepository', name },
          dependsOn: previous ? [{ name: `${name}-${previous}` }] : undefined,
          decryption: this.props.sopsSecretName ? { provider: 'sops', secretRef: { name: this.props.sopsSecretName } } : undefined,
        },
      });
    });
    const notifications = this.props.notifications;
    if (notifications !== undefined && fluxNotificationProblems(notifications, this.namespace).length === 0) {
      const helmNamespaces = cluster.platform.components.filter((c) => c.install.type === 'helm').map((c) => c.namespace);
      for (const problem of alertSourceProblems(notifications, this.namespace, helmNamespaces)) {
        reportFinding(cluster, { layer: 'references', severity: 'error', ...problem, field: `gitops.${problem.field}` });
      }
      for (const object of fluxNotificationObjects(notifications, name, this.namespace, helmNamespaces, cluster.folder)) {
        new ApiObject(scope, `notification-${String(object.kind).toLowerCase()}`, object as any);
      }
    }
  }
}

/**
 * The `.sourceignore` lines that let only `files` of `folder` reach the cluster. Git ignore rules cannot
 * re-include a file below an excluded folder, so each level of the folder is re-included and its other
 * entries excluded again.
 */
export function sourceIgnore(folder: string, files: readonly string[]): string[] {
  const lines = ['/*'];
  let current = '';
  for (const part of folder.split('/').filter((p) => p !== '')) {
    current = `${current}/${part}`;
    lines.push(`!${current}/`, `${current}/*`);
  }
  return [...lines, ...files.map((file) => `!${current}/${file}`)];
}

function emptyListToUndefined<T>(values: T[]): T[] | undefined {
  return values.length > 0 ? values : undefined;
}

function emptyToUndefined(values: Record<string, unknown>): Record<string, unknown> | undefined {
  return Object.keys(values).length > 0 ? values : undefined;
}

/** The options of `flux()`, for callers the type checker does not see. */
const FLUX_PROPS_SHAPE = {
  version: 'any', interval: 'duration', reconcileInterval: 'duration', helmDriftDetection: oneOf('enabled', 'warn', 'disabled'), retryInterval: 'duration', prune: 'boolean', namespace: 'namespace', secretName: 'objectName', sopsSecretName: 'objectName', sopsKeyFile: 'string', timeout: 'duration',
  name: 'objectName', bootstrapPath: 'string', github: { personal: 'boolean', private: 'boolean' },
  controllerPlacement: { 'source-controller': 'any', 'kustomize-controller': 'any', 'helm-controller': 'any', 'notification-controller': 'any' },
  notifications: FLUX_NOTIFICATIONS_SHAPE,
} as const satisfies Record<keyof FluxProps, PropShape>;

/** The GitRepository's source written on the engine, as `flux bootstrap` takes it: here the site's git holds it. */
const FLUX_RULES: PropRules = {
  foreign: (['url', 'branch', 'repository', 'repo'] as const).map((prop) => [prop,
    `the repository Flux pulls from is the site's: site('<name>', { …, git: { url: 'https://git.example.com/me/lab.git', branch: 'main' } })`] as const),
};

/** Reconcile the cluster with Flux. */
export function flux(props: FluxProps = {}): Flux {
  const placements = Object.entries(fields(props?.controllerPlacement));
  const malformed = placements.filter(([, placement]) => !isRolePlacement(placement)).map(([controller, placement]) => ({
    field: `controllerPlacement.${controller}`,
    ...placementCallProblem(placement) ?? {
      message: `controllerPlacement.${controller} is ${describeValue(placement)}, not a placement`,
      hint: "make it with rolePlacement(hosts, 'role') or hostPlacement(host)",
    },
  }));
  // `null` is reported as no options, and is none to the engine.
  return checkedChoice(new Flux(props ?? {}), 'flux()', props, FLUX_PROPS_SHAPE, FLUX_RULES, [...malformed, ...fluxOptionProblems(props), ...fluxNotificationProblems(props?.notifications, props?.namespace ?? 'flux-system')]);
}
