import { Construct } from 'constructs';
import { PodSecurityLevel, widerLevel } from '../app/security';
import { describeValue } from '../inventory/problems';
import { secretsDeclaredOn } from '../validation/external';
import { reportFinding } from '../validation/finding';
import { noteChartValueReferences } from '../validation/chart-claims';
import { warnShortHostNames } from './chart-value-hosts';
import { InputError } from '../validation/input-error';
import { requiredArgument } from './component-arguments';
import type {
  ComponentInstall, ComponentProvides, CrdGroup, HelmInstall, Installable, PlatformComponentProps, Preinstalled,
} from './component';
import { isExactVersion } from './component';
import { chartValuesProblems } from './chart-values';
import { misspeltTopLevelValueProblems } from './chart-top-level-values';
import { missingCrds, requestDifference } from './component-requests';
import { hasChoiceProblems, reportChoiceProblems } from '../validation/choice-props';
import { componentPropsProblems } from './component-props-shape';
import { REFUSED_REQUEST_NAMESPACE } from './component-options';
import { ClusterChart } from './cluster-chart';
import { resolveComponentTiers } from './component-tiers';
import { assignLayerPerChild } from './layout';
import { podSecurityLabels } from './namespaces';
import { leaveOwnerAction } from '../synth/owner-action';

/** One component of a cluster's platform. Its Helm values can still grow until the cluster is synthesized. */
export class PlatformComponent extends Construct implements Installable {
  /** Unique name in the cluster. */
  public readonly name: string;
  /** Namespace it runs in. */
  public readonly namespace: string;
  /** Everything that defines it. */
  public readonly props: PlatformComponentProps;
  private readonly extraValues: Array<Record<string, unknown>> = [];
  private readonly reportedValueProblems = new Set<string>();
  private readonly extraDependencies = new Set<string>();
  private readonly extraCrds: CrdGroup[] = [];
  private readonly laterSecrets = new Set<string>();
  private withoutWaiting = false;
  private namespaceLevel: PodSecurityLevel;
  /** {@link dependsOn}, worked out when first read after the last `addDependency`. */
  private dependsOnList?: readonly string[];
  /** How many times `addDependency` was called: the platform's order of its components holds while no count moved. */
  private dependencyChanges = 0;

  constructor(scope: Construct, props: PlatformComponentProps) {
    super(scope, props.name);
    this.name = props.name;
    this.namespace = props.namespace;
    this.props = props;
    this.namespaceLevel = props.podSecurity ?? 'restricted';
    // A list written wrong is reported by the props' shape check, on the component's field.
    for (const step of Array.isArray(props.ownerSteps) ? props.ownerSteps : []) {
      leaveOwnerAction(this, step);
    }
  }

  /**
   * How it is installed. A Helm install whose workloads read a Secret of a later layer does not wait for
   * them (see {@link PlatformComponentProps.readsSecrets}).
   */
  public get install(): ComponentInstall {
    const props = this.props.install;
    const install: ComponentInstall = props.type === 'manifests' && props.createsNamespace
      ? { ...props, namespaceLabels: podSecurityLabels(this.namespaceLevel) } : props;
    const wait = !this.withoutWaiting && !this.readsLaterSecrets();
    return wait ? install : { ...install, waitForResources: false };
  }

  /** Whether {@link secretsFromLaterLayers} has any, asked without listing them when nothing was declared. */
  private readsLaterSecrets(): boolean {
    return this.laterSecrets.size > 0 || ((this.props.readsSecrets ?? []).length > 0 && this.secretsFromLaterLayers.length > 0);
  }

  /**
   * Widens the Pod Security level of the namespace its upstream files make (`namespaceLabels`) to what
   * everything else declared there needs, such as an app put into it with exemptions.
   */
  public widenNamespaceLevel(level: PodSecurityLevel): void {
    this.namespaceLevel = widerLevel(this.namespaceLevel, level);
  }

  /**
   * Installs the component without waiting for its workloads to become ready, so that the layers after
   * it go on while they are not: for workloads of an optional node, whose absence must not hold the
   * cluster back, or a LoadBalancer Service whose address comes with the config layer. Helm still runs its hooks and waits for them; upstream files are applied without a wait.
   */
  public installWithoutWaiting(): this {
    this.withoutWaiting = true;
    return this;
  }

  /**
   * Records that the component's workloads read Secret `namespace/name`, which reaches the cluster after
   * the platform layer (see {@link PlatformComponentProps.readsSecrets}).
   */
  public readsSecret(namespace: string, name: string): void {
    requiredArgument(namespace, 'readsSecret()', 'readsSecret.namespace', 'text', "the Secret's namespace, e.g. readsSecret('monitoring', 'grafana-admin')", this);
    requiredArgument(name, 'readsSecret()', 'readsSecret.name', 'text', "the Secret's name, e.g. readsSecret('monitoring', 'grafana-admin')", this);
    this.laterSecrets.add(`${namespace}/${name}`);
  }

  /**
   * Secrets its workloads read that arrive after the platform layer, as `namespace/name`, sorted. One of
   * {@link PlatformComponentProps.readsSecrets} declared external on the component itself
   * (`declareExternal(component, { secrets })`) is made by hand with the platform layer's steps, before the
   * first sync, and does not count.
   */
  public get secretsFromLaterLayers(): string[] {
    const beforeFirstSync = secretsDeclaredOn(this);
    const read = (this.props.readsSecrets ?? []).map((name) => `${this.namespace}/${name}`).filter((key) => !beforeFirstSync.has(key));
    return [...new Set([...read, ...this.laterSecrets])].sort();
  }

  /** The chart version or Git tag it is pinned to. */
  public get version(): string {
    return this.props.install.type === 'helm' ? this.props.install.chart.version : this.props.install.tag;
  }

  /** Components that must be healthy first. */
  public get dependsOn(): readonly string[] {
    // Read for every component each time the platform orders them: kept until the next addDependency.
    this.dependsOnList ??= [...new Set([...(this.props.dependsOn ?? []), ...this.extraDependencies])];
    return this.dependsOnList;
  }

  /**
   * How many times a dependency was added, for an order of the components kept while no count moved.
   * @internal
   */
  public get dependencyChangeCount(): number {
    return this.dependencyChanges;
  }

  /** Adds a component that must be healthy first (a site's own ordering of its add-ons). */
  public addDependency(name: string): void {
    requiredArgument(name, 'addDependency()', 'addDependency.name', 'text', "the name of the component that must be healthy first, e.g. addDependency('cert-manager')", this);
    if (name !== this.name) {
      this.extraDependencies.add(name);
      this.dependsOnList = undefined;
      this.dependencyChanges += 1;
    }
  }

  /**
   * Deep-merges more Helm values into the release (an entry point a route needs, a resolver). Values go
   * to Git as they are, so a secret written out in them (`adminPassword: …`) is an error. A key the library
   * installs the component with is replaced, and a warning on the call says so: the library's checks and
   * the cluster's README keep reading the value it set (a Secret's name, a retention).
   */
  public addValues(values: Record<string, unknown>): void {
    requiredArgument(values, 'addValues()', 'addValues.values', 'object', 'an object of Helm values, e.g. addValues({ logs: { general: { level: \'INFO\' } } })', this);
    if (hasChoiceProblems(this.props)) {
      // A request refused for its options installs nothing: its own findings say what to fix, and the values wait for it.
      return;
    }
    if (this.props.install.type !== 'helm') {
      // Upstream manifests are applied as their files are (with the library's own patches): values reach nothing.
      reportFinding(this, {
        layer: 'props', severity: 'error', field: 'addValues',
        message: `${this.name} is installed from upstream manifests at ${this.version}, not from a Helm chart, so no template would read the values`,
        hint: `leave the call out; ${this.name} runs as its upstream files and the library's patches of them write it`,
      });
      return;
    }
    for (const problem of chartValuesProblems(values)) {
      reportFinding(this, { severity: 'error', ...problem });
    }
    // A misspelt key of a chart whose values the library knows would be ignored by Helm without a word.
    const chart = (this.props.install as HelmInstall).chart;
    for (const problem of misspeltTopLevelValueProblems(chart.chart, chart.version, values)) {
      reportFinding(this, { layer: 'props', severity: 'error', ...problem });
    }
    // A StorageClass, claim or Secret the values name must be there, and a host they name must resolve from the
    // component's namespace, as for a ChartRelease's values; the apps of the cluster are known once it is built.
    noteChartValueReferences(this, this.namespace, values, 'addValues');
    const cluster = ClusterChart.of(this);
    cluster.onPrepare(() => warnShortHostNames(this, cluster, this.namespace, values, 'addValues'));
    const own = this.props.install.type === 'helm' ? (this.props.install as HelmInstall).values : {};
    const replacements = replacedValues(own, values);
    this.extraValues.push(values);
    const problems = this.props.valuesProblems?.(this.values) ?? [];
    for (const problem of problems) {
      // A later call re-reads the merged values: what an earlier call broke is reported once.
      const key = `${problem.field}\n${problem.message}`;
      if (this.reportedValueProblems.has(key)) {
        continue;
      }
      this.reportedValueProblems.add(key);
      reportFinding(this, { layer: 'props', severity: 'error', field: `addValues.${problem.field}`, message: problem.message, hint: problem.hint });
    }
    // A value that is an error by itself is reported once, as that error.
    for (const { path, replaced } of replacements.filter((r) => !problems.some((p) => p.field === r.path))) {
      reportFinding(this, {
        layer: 'props', severity: 'warning', field: `addValues.${path}`,
        message: `addValues replaces ${describeValue(replaced)}, the value ${this.name} is installed with at ${path}; the library's checks and the cluster's README still read the value it set`,
        hint: `where an option of the call that asked for ${this.name} sets ${path}, change that option instead; else leave ${path} out of addValues to keep the library's value`,
      });
    }
  }

  /**
   * Deep-merges Helm values that replace some of the component's own, for the library's constructs that
   * turn on a part of the chart the component leaves off (a ZFS snapshot class turns on its CRDs).
   * @internal
   */
  public replaceValues(values: Record<string, unknown>): void {
    this.extraValues.push(requiredArgument(values, 'replaceValues()', 'replaceValues.values', 'object', 'an object of Helm values', this));
  }

  /**
   * Records CRDs the install brings once values turn them on (external-dns' DNSEndpoint with its `crd`
   * source), so validation accepts objects of those kinds.
   */
  public addCrds(...groups: CrdGroup[]): void {
    groups.forEach((group, i) => requiredArgument(requiredArgument(group, 'addCrds()', `addCrds[${i}]`, 'object', "a CRD group, e.g. { group: 'externaldns.k8s.io', kinds: ['DNSEndpoint'] }", this).kinds,
      'addCrds()', `addCrds[${i}].kinds`, 'list', "the kinds of the group, e.g. kinds: ['DNSEndpoint']", this));
    this.extraCrds.push(...groups);
  }

  /** The CRDs the install brings: the component's own and every addition. */
  public get crds(): CrdGroup[] {
    return [...(this.props.crds ?? []), ...this.extraCrds];
  }

  /** The Helm values of the release: the component's own, then every addition, merged deeply. */
  public get values(): Record<string, unknown> {
    if (this.props.install.type !== 'helm') {
      return {};
    }
    return this.extraValues.reduce((merged, extra) => deepMerge(merged, extra), (this.props.install as HelmInstall).values);
  }
}

/** Merges `extra` into `base`: mappings merge key by key, lists of strings are unioned, anything else is replaced. */
export function deepMerge(base: Record<string, unknown>, extra: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const current = result[key];
    if (isMapping(current) && isMapping(value)) {
      result[key] = deepMerge(current, value);
    } else if (Array.isArray(current) && Array.isArray(value) && [...current, ...value].every((v) => typeof v === 'string')) {
      result[key] = [...new Set([...current, ...value])];
    } else {
      result[key] = value;
    }
  }
  return result;
}

/**
 * The keys of `extra` whose value {@link deepMerge} would put in place of another in `base`, by dotted path,
 * with the value they replace: a list of names is joined, not replaced, and a mapping merged key by key. Pure.
 */
function replacedValues(base: Record<string, unknown>, extra: Record<string, unknown>, prefix = ''): Array<{ path: string; replaced: unknown }> {
  return Object.entries(isMapping(extra) ? extra : {}).flatMap(([key, value]) => {
    const current = base[key];
    if (!Object.prototype.hasOwnProperty.call(base, key) || current === undefined) {
      return [];
    }
    if (isMapping(current) && isMapping(value)) {
      return replacedValues(current, value, `${prefix}${key}.`);
    }
    const names = Array.isArray(current) && Array.isArray(value) && [...current, ...value].every((v) => typeof v === 'string');
    return names || JSON.stringify(current) === JSON.stringify(value) ? [] : [{ path: `${prefix}${key}`, replaced: current }];
  });
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Folder of a cluster folder that holds the files used by hand before the GitOps engine runs. */
export const BOOTSTRAP_FOLDER = 'bootstrap';

/** What a chart release of the cluster installs, as its `provides` and `crds` say. */
export interface ReleasedDeclaration {
  /** Name of the release. */
  readonly release: string;
  /** Classes and resources its chart makes. @default - none */
  readonly provides?: ComponentProvides;
  /** CRD groups its chart installs. @default - none */
  readonly crds?: readonly CrdGroup[];
}

/**
 * The platform of one cluster: the components its choices asked for (each once), and what it has from
 * outside the repository. The cluster's GitOps engine renders the installs into the `platform` layer;
 * objects that need a component's CRDs go into the `config` layer through {@link configScope}.
 */
export class Platform extends Construct {
  private readonly byName = new Map<string, PlatformComponent>();
  private readonly keptAsAskedNames = new Set<string>();
  /** Components that `requireFor` required itself: a later construct that needs one finds no lab's own options there. */
  private readonly requiredForNames = new Set<string>();
  private readonly preinstalledList: Preinstalled[] = [];
  /** What the cluster's chart releases install, by release: their charts' StorageClasses, CRDs, … */
  private readonly releasedList: ReleasedDeclaration[] = [];
  private readonly configScopes = new Map<string, Construct>();
  private readonly settledScopes = new Map<string, Construct>();
  /** Parent of the settled scopes that go into the apps layer, made when the first one is asked for. */
  private settled?: Construct;
  private readonly bootstrapFileRenderers = new Map<string, () => string>();
  /** The components in order (see {@link components}), with how many there were and how many dependencies they had been added. */
  private ordered?: { readonly count: number; readonly changes: number; readonly components: readonly PlatformComponent[] };
  private readonly installs: Construct;
  private readonly config: Construct;
  /** Where requests whose options were refused go: reported, never installed. */
  private readonly refused: Construct;
  /** The requests refused for their options, in order. */
  private readonly refusedList: PlatformComponent[] = [];

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.preinstalledList.push(KUBERNETES_BUILT_INS);
    this.installs = new Construct(this, 'installs');
    assignLayerPerChild(this.installs, 'platform');
    this.config = new Construct(this, 'config');
    assignLayerPerChild(this.config, 'config');
    this.refused = new Construct(this, 'refused');
  }

  /**
   * Asks for a component. The first request installs it; later ones with the same name return the same
   * component, so flavors and apps can each ask for what they need. A second request that pins another
   * chart or version, or other options, is reported; CRDs a later request adds are merged. Options its
   * factory found wrong are reported under `components.<name>`, and nothing of the request is installed.
   */
  public require(props: PlatformComponentProps): PlatformComponent {
    rejectNonComponent(props);
    const existing = this.byName.get(props.name);
    // A component written by hand (in JavaScript, from JSON) is refused here, where its keys are named, rather
    // than where an engine or the README reads a key it lacks.
    const propsProblems = componentPropsProblems(props);
    for (const problem of propsProblems) {
      reportFinding(this, { layer: 'props', severity: 'error', field: `components.${props.name}.${problem.field}`, message: problem.message, hint: problem.hint });
    }
    if (propsProblems.length > 0 || hasChoiceProblems(props)) {
      reportChoiceProblems(this, [[`components.${props.name}`, props]]);
      if (existing !== undefined) {
        return existing;
      }
      const refused = new PlatformComponent(new Construct(this.refused, String(this.refused.node.children.length)), props);
      this.refusedList.push(refused);
      return refused;
    }
    if (existing) {
      existing.addCrds(...missingCrds(existing.crds, props.crds ?? []));
      const difference = existing.version === versionOf(props) && sourceOf(existing.props) === sourceOf(props)
        ? requestDifference(existing.props, props) : undefined;
      if (difference !== undefined) {
        reportFinding(this, {
          layer: 'references', severity: 'error', field: `components.${props.name}`,
          message: `component "${props.name}" is asked for twice with different options (${difference}); it is installed once, with the first`,
          hint: 'ask for it once, with the options it needs, before the constructs that need it',
        });
      }
      if (existing.version !== versionOf(props) || sourceOf(existing.props) !== sourceOf(props)) {
        reportFinding(this, {
          layer: 'references', severity: 'error', field: `components.${props.name}`,
          message: `component "${props.name}" is asked for twice with different installs (${sourceOf(existing.props)}@${existing.version} and ${sourceOf(props)}@${versionOf(props)})`,
          hint: 'ask for it once, or with the same chart and version everywhere',
        });
      }
      return existing;
    }
    if (!isExactVersion(versionOf(props))) {
      reportFinding(this, {
        layer: 'policy', severity: 'error', field: `components.${props.name}.version`,
        message: `"${versionOf(props)}" is not an exact version`, hint: 'pin an exact chart version or Git tag, e.g. 1.2.3',
      });
    }
    const component = new PlatformComponent(this.installs, props);
    this.byName.set(props.name, component);
    if (props.storageTierOptions !== undefined) {
      resolveComponentTiers(this, ClusterChart.of(this), component);
    }
    return component;
  }

  /**
   * Asks for a component on behalf of a construct that needs it (required pod labels need Gatekeeper): when
   * the lab asked for it already, with options of its own (a namespace, sizes), that one stays and gains the
   * CRDs of `props`; otherwise `props` is required.
   */
  public requireFor(props: PlatformComponentProps): PlatformComponent {
    const existing = this.byName.get(props.name);
    if (existing === undefined) {
      this.requiredForNames.add(props.name);
      return this.require(props);
    }
    existing.addCrds(...missingCrds(existing.crds, props.crds ?? []));
    if (!this.requiredForNames.has(props.name)) {
      this.keptAsAskedNames.add(props.name);
    }
    return existing;
  }

  /**
   * Components that `requireFor` found asked for already and kept with their own options, by name: the
   * sizes the cluster's `componentResources` has for them do not apply.
   */
  public get keptAsAsked(): readonly string[] {
    return [...this.keptAsAskedNames];
  }

  /**
   * Declares what a chart release of the cluster installs (a `ChartRelease`'s `provides` and `crds`): the
   * cluster has it once the release is installed, as it has a component's.
   */
  public declareReleased(released: ReleasedDeclaration): void {
    this.releasedList.push(released);
  }

  /** Declares things the cluster has from outside the repository (a distribution's built-ins). */
  public declarePreinstalled(preinstalled: Preinstalled): void {
    this.preinstalledList.push(preinstalled);
  }

  /**
   * Puts `next` in the place of a declaration made before, for a distribution whose steps are made once
   * its cluster is built (`talos()` names the cluster's nodes); its steps keep their place in the README.
   */
  public replacePreinstalled(previous: Preinstalled, next: Preinstalled): void {
    const at = this.preinstalledList.indexOf(previous);
    if (at >= 0) {
      this.preinstalledList[at] = next;
    }
  }

  /** Whether a component of that name is installed. */
  public has(name: string): boolean {
    return this.byName.has(name);
  }

  /** The component of that name, if installed. */
  public get(name: string): PlatformComponent | undefined {
    return this.byName.get(name);
  }

  /**
   * Every component, dependencies first, then by name. Asked for by many steps of a synth: the order is kept
   * while no component was added and none was given a dependency since it was worked out.
   */
  public get components(): PlatformComponent[] {
    // Components only come and counts only grow: the same two sums mean nothing changed.
    const count = this.byName.size;
    let changes = 0;
    for (const component of this.byName.values()) {
      changes += component.dependencyChangeCount;
    }
    if (this.ordered?.count !== count || this.ordered.changes !== changes) {
      this.ordered = { count, changes, components: componentOrder(this.byName) };
    }
    return [...this.ordered.components];
  }

  /** What the cluster has from outside the repository. */
  public get preinstalled(): readonly Preinstalled[] {
    return this.preinstalledList;
  }

  /**
   * Adds a file the owner uses by hand before the GitOps engine runs (a CNI's Helm values), written to
   * `bootstrap/<name>` of the cluster folder. `render` runs when the files are written, after every
   * component has its final values. No kustomization lists it; name it other than `*.yaml`, which a
   * cluster folder holds for Kubernetes objects only (e.g. `cilium.values.yml`).
   */
  public addBootstrapFile(name: string, render: () => string): void {
    this.bootstrapFileRenderers.set(name, render);
  }

  /** The bootstrap files, by their path relative to the cluster folder (`bootstrap/<name>`). */
  public bootstrapFiles(): Map<string, string> {
    return new Map([...this.bootstrapFileRenderers].map(([name, render]) => [`${BOOTSTRAP_FOLDER}/${name}`, render()]));
  }

  /**
   * A scope in the `config` layer for objects that need a component's CRDs (an address pool, an issuer,
   * a Gateway), one per name; its objects are written to `config/<name>.yaml`.
   */
  public configScope(name: string): Construct {
    let scope = this.configScopes.get(name);
    if (!scope) {
      scope = new Construct(this.config, name);
      this.configScopes.set(name, scope);
    }
    return scope;
  }

  /**
   * A scope for objects whose kinds only exist once objects of the config layer have settled (the
   * ProviderConfig of a Crossplane Provider, whose CRD the Provider installs once healthy), one per name.
   * It is in the config layer, or in the apps layer under an engine that refuses a layer holding a kind
   * not installed yet (`refusesLayerWithUnknownKind` of its GitOps engine, Flux): there the layer would
   * wait for a kind that only its own objects bring, for ever. Objects go to `<layer>/<name>.yaml`.
   */
  public settledScope(name: string): Construct {
    const refuses = ClusterChart.of(this).gitops?.refusesLayerWithUnknownKind === true;
    if (!refuses) {
      return this.configScope(name);
    }
    let scope = this.settledScopes.get(name);
    if (!scope) {
      if (!this.settled) {
        this.settled = new Construct(this, 'settled');
        assignLayerPerChild(this.settled, 'apps');
      }
      scope = new Construct(this.settled, name);
      this.settledScopes.set(name, scope);
    }
    return scope;
  }

  /** The scope an engine renders the install of `component` into. */
  public installScope(component: PlatformComponent): Construct {
    return component;
  }

  /** The CRD groups every component, chart release and preinstalled declaration brings. */
  public get crds(): CrdGroup[] {
    return [
      ...this.components.flatMap((c) => c.crds),
      ...this.releasedList.flatMap((r) => r.crds ?? []),
      ...this.preinstalledList.flatMap((p) => p.crds ?? []),
    ];
  }

  /**
   * The CRD groups of requests refused for their options: none is installed, but the owner asked for them, and the
   * request's own findings say what to fix, so what needs its kinds (a ServiceMonitor under a refused monitoring
   * stack) is not reported again.
   */
  public get refusedCrds(): CrdGroup[] {
    return this.refusedList.flatMap((c) => c.crds);
  }

  /**
   * The namespaces requests refused for their options would run in: none is made, but the request's own findings say
   * what to fix, so what names them (a peer of an app's policy, an object there) is not reported again.
   */
  public get refusedNamespaces(): string[] {
    return [...new Set(this.refusedList.map((c) => c.namespace).filter((namespace) => namespace !== REFUSED_REQUEST_NAMESPACE))];
  }

  /**
   * Whether a component, chart release or preinstalled declaration provides the CRD of `group`/`kind`, or a request
   * refused for its options would ({@link refusedCrds}).
   */
  public providesKind(group: string, kind: string): boolean {
    return [...this.crds, ...this.refusedCrds].some((crd) => crd.group === group && crd.kinds.includes(kind));
  }

  /** Who provides a name of a category (StorageClass, RuntimeClass, …), or undefined when nobody does. */
  public provider(category: keyof ComponentProvides, name: string): string | undefined {
    const component = this.components.find((c) => (c.props.provides?.[category] ?? []).includes(name));
    if (component) {
      return `component ${component.name}`;
    }
    const release = this.releasedList.find((r) => (r.provides?.[category] ?? []).includes(name));
    if (release) {
      return `chart release ${release.release}`;
    }
    return this.preinstalledList.find((p) => (p.provides?.[category] ?? []).includes(name))?.source;
  }

  /** Every name of a category that a component, chart release or preinstalled declaration provides, sorted. */
  public provided(category: keyof ComponentProvides): string[] {
    return [...new Set([
      ...this.components.flatMap((c) => c.props.provides?.[category] ?? []),
      ...this.releasedList.flatMap((r) => r.provides?.[category] ?? []),
      ...this.preinstalledList.flatMap((p) => p.provides?.[category] ?? []),
    ])].sort();
  }

  /** Namespaces the components run in, and the ones declared preinstalled. */
  public get namespaces(): string[] {
    return [...new Set([
      ...this.components.map((c) => c.namespace),
      ...this.preinstalledList.flatMap((p) => p.namespaces ?? []),
    ])].sort();
  }

  /**
   * Namespaces that something outside the repository makes, each with what makes it: those declared
   * preinstalled (the distribution, an engine's bootstrap such as `flux-system`) and those a component's
   * upstream files create (`createsNamespace`). The repository emits no Namespace object for them: two
   * owners of one object take each other's labels away, and a prune could delete it.
   */
  public get namespacesMadeElsewhere(): Map<string, string> {
    const made = new Map<string, string>();
    for (const preinstalled of this.preinstalledList) {
      (preinstalled.namespaces ?? []).forEach((name) => made.has(name) || made.set(name, preinstalled.source));
    }
    for (const component of this.components) {
      // The install as given: what `install` adds (namespace labels, not waiting) changes neither field.
      const install = component.props.install;
      if (install.type === 'manifests' && install.createsNamespace && !made.has(component.namespace)) {
        made.set(component.namespace, `the upstream files of component ${component.name}`);
      }
    }
    return made;
  }

  /** Reports dependencies on components the cluster does not install. */
  public checkDependencies(): void {
    for (const component of this.components) {
      for (const dependency of component.dependsOn) {
        if (!this.byName.has(dependency)) {
          reportFinding(component, {
            layer: 'references', severity: 'error', field: 'dependsOn',
            message: `component "${component.name}" needs component "${dependency}", which the cluster does not install`,
            hint: `add the cluster choice that brings ${dependency}`,
          });
        }
      }
    }
  }
}

/** Components dependencies first, then by name (a cycle is broken where it is met). Pure. */
function componentOrder(byName: ReadonlyMap<string, PlatformComponent>): PlatformComponent[] {
  const ordered: PlatformComponent[] = [];
  const placed = new Set<PlatformComponent>();
  const visiting = new Set<string>();
  const visit = (component: PlatformComponent) => {
    if (placed.has(component) || visiting.has(component.name)) {
      return;
    }
    visiting.add(component.name);
    for (const dependency of [...component.dependsOn].sort()) {
      const needed = byName.get(dependency);
      if (needed) {
        visit(needed);
      }
    }
    ordered.push(component);
    placed.add(component);
  };
  [...byName.keys()].sort().forEach((name) => visit(byName.get(name)!));
  return ordered;
}

/** What every Kubernetes cluster has: its own namespaces. */
export const KUBERNETES_BUILT_INS: Preinstalled = {
  source: 'Kubernetes',
  namespaces: ['default', 'kube-node-lease', 'kube-public', 'kube-system'],
};

function versionOf(props: PlatformComponentProps): string {
  return props.install.type === 'helm' ? props.install.chart.version : props.install.tag;
}

function sourceOf(props: PlatformComponentProps): string {
  return props.install.type === 'helm' ? `${props.install.chart.repository}/${props.install.chart.chart}` : props.install.repository;
}

/**
 * Refuses what is not a component's props, such as a platform choice (`argoCd()`, `metalLb()`) where its
 * component was meant: nothing of it could be installed, and reading its install would fail.
 */
function rejectNonComponent(props: unknown): void {
  const given = props as Partial<PlatformComponentProps> | undefined;
  if (typeof props === 'object' && props !== null && typeof given!.name === 'string' && typeof given!.install === 'object' && given!.install !== null) {
    return;
  }
  const choice = typeof props === 'object' && props !== null && typeof given!.name === 'string' ? given!.name : undefined;
  throw new InputError(
    `cluster.platform.require() was given ${choice !== undefined ? `the platform choice "${choice}"` : describeValue(props)}, not the props of a component`,
    'platform.require()',
    choice !== undefined
      ? `a choice goes in its cluster prop (gitops, routes, loadBalancer, cni), one each; to install its component beside another choice, require the component's factory, e.g. cluster.platform.require(argoCdComponent())`
      : "pass what a component factory returns, e.g. cluster.platform.require(gatekeeper())",
  );
}
