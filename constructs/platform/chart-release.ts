import { Construct } from 'constructs';
import { closestName } from '../validation/closest-name';
import { rejectPropProblems, requireProps } from '../validation/known-props';
import { CHART_RELEASE_PROPS_SHAPE } from '../validation/service-props-shapes';
import { reportFinding } from '../validation/finding';
import { valuesBeyondNamespaceLevel } from './chart-pod-security';
import { hostAgentNeed, isCrowdSecChart } from './host-agent-charts';
import { crowdSecRuntimeProblem } from './crowdsec-chart-values';
import { widerLevel } from '../app/security';
import { chartValuesProblems, writableValues } from './chart-values';
import { ClusterChart } from './cluster-chart';
import { ComponentNetwork, hasNetworkFact, missingNetworkFact, stateNamespaceNetwork } from './component-network';
import { warnShortHostNames } from './chart-value-hosts';
import type { ComponentInstall, ComponentProvides, CrdGroup, HelmChartSource, Installable } from './component';
import { isExactVersion } from './component';
import { isVersionOrRange } from '../validation/chart-installs';
import { PropsRejected } from '../validation/input-error';
import { chartSourceProblems } from './chart-source';
import { chartVersionSpellingProblems } from './chart-version-spelling';
import { noteChartValueReference, noteChartValueReferences } from '../validation/chart-claims';
import { GITLAB_RUNNER_TOKEN_KEYS, GITLAB_RUNNER_TOKEN_SECRET, gitLabRunnerJobProblem, gitLabRunnerTokenSecret, isGitLabRunnerChart } from './gitlab-runner-chart';
import { releaseNameProblems } from './release-name';
import { builtInChartOf } from './built-in-charts';
import { assignLayer } from './layout';
import { isLonghornChart, longhornValuesProblems } from './longhorn-chart-values';
import { isVeleroChart, veleroChartValuesProblems } from './velero-chart-values';
import { isKubeVipChart, kubeVipValuesProblems } from './kube-vip-chart-values';
import { kubeVipClusterFacts } from './kube-vip-cluster-facts';
import { declareLonghornNodeNeeds } from './longhorn-nodes';
import { runsTalos } from './distributions';
import { longhornReleaseCrds, longhornReleaseProvides } from './longhorn-release';
import { chartReleaseProvides } from './components/metrics-server';

/** Options of an app's Helm release. */
export interface ChartReleaseProps {
  /** Release name: lower-case letters, digits, '-' and '.', at most 53 characters (Helm's limit). @default - the construct id */
  readonly name?: string;
  /** Namespace the release runs in. */
  readonly namespace: string;
  /** The chart at an exact version. */
  readonly chart: HelmChartSource;
  /**
   * Helm values. They are committed in the clear: a secret-looking key with a literal value, a URL with
   * its password, a credential by its form (a token, a webhook URL, a private key) and a config file given
   * as text that sets a secret are refused (give the chart the name of a Secret instead, e.g.
   * `existingSecret`), and so is a value JSON cannot carry (Infinity, NaN, a BigInt). @default {}
   */
  readonly values?: Record<string, unknown>;
  /** Platform components of the cluster (by name, e.g. `traefik`) that must be healthy first. @default [] */
  readonly dependsOn?: string[];
  /**
   * The ports the chart's pods serve (`servesPorts(…)`), which a NetworkPolicy of the namespace lets
   * through while it denies the rest, or why the namespace has no policy (`noNetworkPolicy('…')`, written
   * as an annotation of the Namespace). Required, as for a platform component: the output shows no pod of
   * a chart, so no check of the output could tell what its pods are open to.
   * @default - none: an error
   */
  readonly network?: ComponentNetwork;
  /**
   * What the chart makes that objects of the cluster name: its StorageClasses (OpenEBS' `openebs-hostpath`),
   * IngressClasses, GatewayClasses, issuers or device-plugin resources. Claims and routes of the cluster may
   * name them, as they name a component's.
   * @default - none; for Longhorn's chart, its StorageClass `longhorn`
   */
  readonly provides?: ComponentProvides;
  /**
   * The CRD groups the chart installs (CloudNativePG's `postgresql.cnpg.io`, with the kinds the cluster's
   * objects use), so objects of those kinds may be written beside the release.
   * @default - none; for Longhorn's chart, its `longhorn.io` kinds
   */
  readonly crds?: CrdGroup[];
}

/**
 * An app installed from a Helm chart, in the layer of its parent (the apps layer for an app). The
 * cluster's GitOps engine renders it in its own terms (a HelmRelease, an Argo CD Application), so the
 * app never names an engine's kinds.
 */
export class ChartRelease extends Construct implements Installable {
  /** Release name. */
  public readonly name: string;
  /** Namespace the release runs in. */
  public readonly namespace: string;
  /** The chart install. */
  public readonly install: ComponentInstall;
  /** Helm values. */
  public readonly values: Record<string, unknown>;
  /** Platform components that must be healthy first. */
  public readonly dependsOn: readonly string[];

  constructor(scope: Construct, id: string, props: ChartReleaseProps) {
    super(scope, id);
    requireProps(this, 'ChartRelease', props, CHART_RELEASE_PROPS_SHAPE, {
      required: [
        ['namespace', 'give the namespace the release runs in'],
        ['chart', "give the chart at an exact version: chart: { repository: 'https://charts.example.org', chart: 'app', version: '1.2.3' }"],
        ['chart.repository', "give where the chart is published: repository: 'https://charts.example.org' or 'oci://registry/path'"],
        ['chart.chart', "name the chart: chart: 'app'"],
        ['chart.version', "pin an exact chart version: version: '1.2.3'"],
      ],
    });
    this.name = props.name ?? id;
    rejectPropProblems(this, 'ChartRelease', releaseNameProblems(this.name, props.name === undefined ? 'id' : 'name'));
    this.namespace = props.namespace;
    const gitLabRunner = isGitLabRunnerChart(props.chart);
    const problems = chartValuesProblems(props.values);
    for (const { layer, field, message, hint } of problems) {
      reportFinding(this, { layer, severity: 'error', field, message, hint });
    }
    // A value the YAML writer refuses is reported above, not again as a failure of the engine that renders it.
    const values = problems.some((p) => p.layer === 'props') ? writableValues(props.values ?? {}) : props.values ?? {};
    this.install = { type: 'helm', chart: props.chart, values };
    this.values = values;
    this.dependsOn = props.dependsOn ?? [];
    const sourceProblems = [...chartSourceProblems(props.chart), ...chartVersionSpellingProblems(props.chart)];
    for (const { field, message, hint } of sourceProblems) {
      reportFinding(this, { layer: 'props', severity: 'error', field, message, hint });
    }
    if (!isVersionOrRange(props.chart.version)) {
      // No engine resolves it (`latest`, a branch): judged here on the prop, the install rendered from it is not
      // also refused where the engine's object names it.
      reportFinding(this, {
        layer: 'policy', severity: 'error', field: 'chart.version',
        message: `"${props.chart.version}" is neither a release of the chart nor a range: every engine resolves the version with Helm's semantic-versioning rules, fails, and never installs the chart`,
        hint: `pin one release of the chart as its repository lists it (helm search repo ${props.chart.chart} --versions), e.g. 1.2.3`,
      });
      throw new PropsRejected('the ChartRelease');
    }
    if (!isExactVersion(props.chart.version)) {
      reportFinding(this, {
        layer: 'policy', severity: 'error', field: 'chart.version',
        message: `"${props.chart.version}" is not an exact version`, hint: 'pin an exact chart version, e.g. 1.2.3',
      });
    }
    noteChartValueReferences(this, this.namespace, values, 'values');
    const tokenSecret = gitLabRunner ? gitLabRunnerTokenSecret(values) : undefined;
    if (tokenSecret !== undefined) {
      noteChartValueReference(this, { kind: 'Secret', name: tokenSecret, namespace: this.namespace, field: `values.${GITLAB_RUNNER_TOKEN_SECRET}`, keys: GITLAB_RUNNER_TOKEN_KEYS });
    }
    const cluster = ClusterChart.of(this);
    cluster.namespaces.ensure(this.namespace);
    if (isLonghornChart(props.chart)) {
      declareLonghornNodeNeeds(cluster, values);
    }
    const provides = longhornReleaseProvides(props.chart, chartReleaseProvides(props.chart, props.provides));
    const crds = longhornReleaseCrds(props.chart, props.crds);
    if (provides !== undefined || crds !== undefined) {
      cluster.platform.declareReleased({ release: this.name, provides, crds });
      // What the cluster's objects name must exist before they are applied: an engine refuses a layer that holds
      // a kind it does not know yet (Flux), and the release of the same layer would wait with it.
      assignLayer(this, 'platform');
    }
    // As for a platform component: the output shows none of the chart's pods, so no later check can see what they lack.
    if (hasNetworkFact(props.network)) {
      stateNamespaceNetwork(cluster.namespaces, this.namespace, { name: this.name, network: props.network });
    } else {
      reportFinding(this, { layer: 'policy', severity: 'error', field: 'network', ...missingNetworkFact(`chart release "${this.name}"`, this.namespace) });
    }
    cluster.onPrepare(() => {
      if (!cluster.gitops) {
        reportFinding(this, {
          layer: 'references', severity: 'error', field: 'chart',
          message: `cluster "${cluster.clusterName}" has no GitOps engine to install chart ${props.chart.chart}`,
          hint: 'set `gitops:` on the cluster',
        });
        return;
      }
      // The engine names a release's objects after it: one named like a component would be a second owner of them.
      if (this.reportComponentNamesake(cluster, props.name === undefined ? 'id' : 'name') || this.reportComponentChart(cluster) || this.reportBuiltIn(cluster)) {
        return;
      }
      this.checkDependencies(cluster);
      this.checkPodSecurity(cluster);
      warnShortHostNames(this, cluster, this.namespace, values, 'values');
      const runtimeProblem = isCrowdSecChart(props.chart) ? crowdSecRuntimeProblem(values) : undefined;
      if (runtimeProblem !== undefined) {
        reportFinding(this, { layer: 'props', ...runtimeProblem });
      }
      const jobProblem = gitLabRunner ? gitLabRunnerJobProblem(values, this.namespace, (namespace) => cluster.namespaces.names.includes(namespace) ? cluster.namespaces.levelOf(namespace).level : undefined) : undefined;
      if (jobProblem !== undefined) {
        reportFinding(this, { layer: 'policy', severity: 'error', ...jobProblem });
      }
      if (isKubeVipChart(props.chart)) {
        for (const problem of kubeVipValuesProblems(values, kubeVipClusterFacts(cluster))) {
          reportFinding(this, { layer: 'props', severity: 'error', ...problem });
        }
      }
      if (isVeleroChart(props.chart)) {
        for (const problem of veleroChartValuesProblems(values)) {
          reportFinding(this, { layer: 'props', severity: 'error', ...problem });
        }
      }
      if (isLonghornChart(props.chart)) {
        for (const problem of longhornValuesProblems(values, cluster.hosts.length, runsTalos(cluster.platform.preinstalled))) {
          reportFinding(this, { layer: 'props', severity: 'error', ...problem });
        }
      }
      // A source reported above would only be refused again, in the engine's terms, on an object the user never wrote.
      if (sourceProblems.length === 0) {
        cluster.gitops.renderComponent(this, this, cluster);
      }
    });
  }

  /**
   * Values that ask the chart's pods for more than the namespace's Pod Security level admits would have
   * every such pod refused by admission while the release itself reports success: one error, on the first
   * such value, naming the level and how to widen the namespace with its reason.
   */
  private checkPodSecurity(cluster: ClusterChart): void {
    const enforced = cluster.namespaces.levelOf(this.namespace).level;
    const problem = valuesBeyondNamespaceLevel(this.values, this.namespace, enforced);
    if (problem !== undefined) {
      reportFinding(this, { layer: 'policy', severity: 'error', ...problem });
    }
    const agent = this.install.type === 'helm' ? hostAgentNeed(this.install.chart, this.values) : undefined;
    if (problem === undefined && agent !== undefined && widerLevel(enforced, agent.level) !== enforced) {
      reportFinding(this, {
        layer: 'policy', severity: 'error', field: 'namespace',
        message: `${agent.project}'s chart needs Pod Security "${agent.level}": ${agent.why}; namespace "${this.namespace}" enforces "${enforced}", `
          + 'so admission refuses every such pod while the release reports success',
        hint: `state why the namespace needs it: cluster.namespaces.ensure('${this.namespace}', { podSecurity: '${agent.level}', reason: '…' }), whose reason is written on the namespace; `
          + "keep the release in a namespace of its own, as nothing else should run at that level",
      });
    }
  }

  /**
   * A release named like a platform component the cluster installs itself (MetalLB for `metalLb()`,
   * cert-manager for an issuer) is one error on its name, and is not rendered: the engine would write a
   * second chart source and release of that name. Returns whether it was reported.
   */
  private reportComponentNamesake(cluster: ClusterChart, field: 'id' | 'name'): boolean {
    const component = cluster.platform.get(this.name);
    if (component === undefined) {
      return false;
    }
    const install = component.install;
    const pinned = install.type === 'helm' ? `chart ${install.chart.chart} ${install.chart.version}` : `manifests at ${install.tag}`;
    reportFinding(this, {
      layer: 'references', severity: 'error', field,
      message: `release "${this.name}" has the name of platform component ${component.name}, which cluster "${cluster.clusterName}" installs itself (${pinned}, namespace ${component.namespace}); the engine would render two releases of one name`,
      hint: `for the same chart, drop this release and give the cluster's own its values: cluster.platform.get('${component.name}')?.addValues({ … }); for another chart, give the release a name of its own (name: '…')`,
    });
    return true;
  }

  /**
   * A release of the chart a platform component of the cluster installs (cert-manager's chart beside an issuer,
   * kube-prometheus-stack beside the monitoring stack) under a name of its own is one error on its chart, and is
   * not rendered: both releases would install the chart's CRDs, cluster roles and webhooks, and each upgrade of
   * one would take them from the other. Returns whether it was reported.
   */
  private reportComponentChart(cluster: ClusterChart): boolean {
    const own = this.install.type === 'helm' ? this.install.chart : undefined;
    const sameChart = (source: HelmChartSource) => own !== undefined && source.chart === own.chart
      && source.repository.replace(/\/+$/, '').toLowerCase() === own.repository.replace(/\/+$/, '').toLowerCase();
    const component = cluster.platform.components.find((c) => c.install.type === 'helm' && sameChart(c.install.chart));
    if (component === undefined || own === undefined) {
      return false;
    }
    reportFinding(this, {
      layer: 'references', severity: 'error', field: 'chart.chart',
      message: `chart ${own.chart} is installed already by platform component ${component.name} of cluster "${cluster.clusterName}" (version ${component.version}, namespace ${component.namespace}); a second release of it would install its CRDs, cluster roles and webhooks again, and each upgrade of one would take them from the other`,
      hint: `drop this release and give the cluster's own its values: cluster.platform.get('${component.name}')?.addValues({ … })`,
    });
    return true;
  }

  /**
   * A release of a chart the cluster's distribution runs itself (CoreDNS on K3s or Talos) is one error on its
   * chart, and is not rendered: two of it would fight over what each makes. Returns whether it was reported.
   */
  private reportBuiltIn(cluster: ClusterChart): boolean {
    const chart = this.install.type === 'helm' ? this.install.chart.chart : undefined;
    const builtIn = chart === undefined ? undefined : builtInChartOf(cluster, chart);
    if (builtIn === undefined) {
      return false;
    }
    reportFinding(this, {
      layer: 'references', severity: 'error', field: 'chart.chart',
      message: `chart ${chart} installs again what cluster "${cluster.clusterName}" runs already, ${builtIn.what}: ${builtIn.clash}`,
      hint: builtIn.hint,
    });
    return true;
  }

  /** Every dependency is a platform component of the cluster: an engine leaves out one it cannot find, and the order with it. */
  private checkDependencies(cluster: ClusterChart): void {
    this.dependsOn.forEach((dependency, i) => {
      if (cluster.platform.has(dependency)) {
        return;
      }
      const known = cluster.platform.components.map((c) => c.name).sort();
      const near = closestName(dependency, known);
      reportFinding(this, {
        layer: 'references', severity: 'error', field: `dependsOn[${i}]`,
        message: `"${dependency}" is no platform component of cluster "${cluster.clusterName}"${near ? `; did you mean "${near}"?` : ''}`,
        hint: `name one of the cluster's components: ${known.join(', ') || '(none)'}`,
      });
    });
  }
}
