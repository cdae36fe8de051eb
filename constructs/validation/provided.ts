import { operatorDatabaseStorageClasses } from './operator-database-tiers';
import type { ComponentProvides } from '../platform/component';
import { CROSSPLANE_PROVIDERS, crossplaneProviderEntry, providerPackageCrds } from '../platform/crossplane-providers';
import { GATEKEEPER_CONSTRAINTS_GROUP } from '../platform/components/gatekeeper';
import type { ClusterChart } from '../platform/cluster-chart';
import type { OutputLayer } from '../platform/layout';
import { loadBalancersServed, unservedLoadBalancer } from '../platform/load-balancer';
import { ciliumPoliciesWithoutCilium } from '../platform/network-policy';
import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import type { NamedCheck } from './check';
import { externalIndexOf } from './external';
import type { Finding } from './finding';
import { fields, Fields, list, namespaceOf, objectFinding, stringMap, text } from './manifest';
import { indexOf } from './object-index';
import { admittedPodTemplates, podTemplates } from './pod-spec';
import { renderedFor } from './rendered-for';
import { closestName } from './closest-name';
import { chartValueReferences } from './chart-claims';
import { storageClassNameOf } from '../platform/storage';
import { DNS1123_SUBDOMAIN, nameProblem } from './dns-names';
import { generatedKindSchemas } from './schema/generated-kinds';
import { KUBERNETES_GROUPS } from './schema/served-kinds';
import { SYSTEM_PRIORITY_CLASSES } from './kind-rules';
import { volsyncMovers } from './volsync-movers';
import { platformReading } from './platform-reading';

const layer = 'references' as const;

/** The kind the cluster's `networkPolicy: 'cilium'` writes, as `<group>/<kind>`. */
const CILIUM_POLICY = 'cilium.io/CiliumNetworkPolicy';

/** The cluster choice that brings a group's CRDs, for hints. */
const GROUP_HINTS: Readonly<Record<string, string>> = {
  'traefik.io': 'routes: traefik()',
  'metallb.io': 'loadBalancer: metalLb({ pools })',
  'kubevirt.io': 'a KubeVirt VirtualMachine in the cluster (brings KubeVirt)',
  'cdi.kubevirt.io': 'a KubeVirt VirtualMachine in the cluster (brings CDI)',
  'k8s.cni.cncf.io': 'a NetworkAttachmentDefinition in the cluster (brings Multus)',
  'bitnami.com': 'a SealedSecret in the cluster (brings the controller)',
  'tailscale.com': 'loadBalancer: tailscaleLoadBalancer()',
  'zfs.openebs.io': 'a storage tier on a ZFS pool (brings OpenEBS ZFS LocalPV)',
  'argoproj.io': 'gitops: argoCd()',
  'source.toolkit.fluxcd.io': 'gitops: flux()',
  'kustomize.toolkit.fluxcd.io': 'gitops: flux()',
  'helm.toolkit.fluxcd.io': 'gitops: flux()',
  'templates.gatekeeper.sh': 'cluster.platform.require(gatekeeper())',
  'apiextensions.crossplane.io': 'cluster.platform.require(crossplane())',
  'serving.knative.dev': "new Knative(cluster, 'knative')",
  'cilium.io': 'cni: cilium({ … }), whose chart installs the cilium.io CRDs',
  'eventing.knative.dev': "new Knative(cluster, 'knative')",
  'pkg.crossplane.io': 'cluster.platform.require(crossplane())',
  'snapshot.storage.k8s.io': 'zfsSnapshotClass(cluster) for volumes of a ZFS pool tier (turns on the snapshot CRDs and controller of its chart); for another driver, '
    + "preinstalled: [{ source: 'snapshot-controller', crds: [{ group: 'snapshot.storage.k8s.io', kinds: ['VolumeSnapshot', 'VolumeSnapshotClass', 'VolumeSnapshotContent'] }] }]",
  'gateway.networking.k8s.io': "cni: cilium({ gatewayApi: {} }), whose Gateway API installs these CRDs; or, for an implementation "
    + "installed by hand, preinstalled: [{ source: '…', crds: [{ group: 'gateway.networking.k8s.io', kinds: ['Gateway', 'HTTPRoute'] }] }]",
};

/** An operator's API group that a later release of it renamed, which no current release serves. */
interface RetiredGroup {
  /** Whose group it was, and the release that stopped serving it. */
  readonly retired: string;
  /** The apiVersion that replaced it, and what else changed in the objects' shape with it. */
  readonly instead: string;
}

/** Operators' old API groups that posts of 2018 to 2022 still write. */
const RETIRED_GROUPS: ReadonlyMap<string, RetiredGroup> = new Map([
  ['traefik.containo.us', {
    retired: "Traefik 2's group, which Traefik 3 no longer serves",
    instead: 'write apiVersion: traefik.io/v1alpha1 (the kinds keep their names and most fields; Traefik 3 renamed a Middleware\'s ipWhiteList to ipAllowList and dropped headers.sslRedirect, which a redirectScheme Middleware does; routes: traefik() installs these CRDs)',
  }],
  ['helm.fluxcd.io', {
    retired: "Flux v1's Helm operator group, which Flux v2 does not serve",
    instead: 'write apiVersion: helm.toolkit.fluxcd.io/v2, where spec.chart { repository, name, version } became spec.chart.spec { chart, version, sourceRef: { kind: HelmRepository, name } } beside a HelmRepository (source.toolkit.fluxcd.io/v1) of the repository\'s URL, and spec.interval is required; or let a ChartRelease write both',
  }],
  ['flux.weave.works', {
    retired: "Flux v1's first HelmRelease group, which Flux v2 does not serve",
    instead: 'write apiVersion: helm.toolkit.fluxcd.io/v2, where spec.chart { repository, name, version } became spec.chart.spec { chart, version, sourceRef: { kind: HelmRepository, name } } beside a HelmRepository (source.toolkit.fluxcd.io/v1), and spec.interval is required; or let a ChartRelease write both',
  }],
  ['certmanager.k8s.io', {
    retired: "cert-manager's group before 0.11, which cert-manager 1.x does not serve",
    instead: 'write apiVersion: cert-manager.io/v1, where an ACME issuer\'s http01 and dns01 moved into spec.acme.solvers and a Certificate lost spec.acme; the library\'s ClusterIssuer with acmeIssuer({ … }) writes it, and an Ingress asks with the annotation cert-manager.io/cluster-issuer',
  }],
]);

/** The API group of an apiVersion (`''` for the core group). */
function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** What makes a name available in a cluster: a component, a preinstalled declaration, or an object of the cluster. */
function providerHint(category: string, example: string): string {
  const known = KNOWN_PROVIDERS[`${category}/${example}`];
  if (known !== undefined) {
    return known;
  }
  // A ClusterIssuer is most often one the user meant to define, with the library's construct.
  const own = category === 'clusterIssuers' ? `define it with new ClusterIssuer(this, '${example}', { name: '${example}', issuer: acmeIssuer({ ... }) }), or ` : '';
  return `${own}provide it with a platform component or a ChartRelease of its chart that declares provides.${category}, an object of the cluster, `
    + `or cluster.platform.declarePreinstalled({ source: '…', provides: { ${category}: ['${example}'] } })`;
}

/** The hint for StorageClass `name`, which nothing provides: the StorageClass of the tier of that name, where the name is a tier's. */
function storageClassHint(cluster: ClusterChart, name: string): string {
  const tier = cluster.tier(name);
  return tier === undefined ? providerHint('storageClasses', name)
    : `"${name}" is a storage tier of the cluster, whose StorageClass is "${storageClassNameOf(tier)}": name that (storageClassNameOf(cluster.tier('${name}')!) gives it)`;
}

/** What provides a name the library knows, by `<category>/<name>`: the choice that brings it. */
const KNOWN_PROVIDERS: Readonly<Record<string, string>> = {
  'gatewayClasses/cilium': "turn on Cilium's Gateway API, which makes the GatewayClass cilium: cni: cilium({ gatewayApi: {} })",
};

/** Order in which a cluster's layers are applied. */
const LAYER_RANK: Readonly<Record<OutputLayer, number>> = { sync: 0, platform: 1, config: 2, apps: 3 };

/**
 * The objects of the cluster that define kinds for a controller to make CRDs of (CompositeResourceDefinitions,
 * ConstraintTemplates), by `<group>/<kind>` of the kind they define. With `providers`, Crossplane Providers
 * too, whose CRDs exist once the package is healthy: those the cluster's CrossplaneProviders declared for
 * the package, or the library's package of that reference.
 */
function kindDefinitions(objects: readonly SynthesizedObject[], providers: ClusterChart | undefined): Map<string, SynthesizedObject> {
  const definitions = new Map<string, SynthesizedObject>();
  const define = (key: string, object: SynthesizedObject) => {
    if (!definitions.has(key)) {
      definitions.set(key, object);
    }
  };
  for (const object of objects) {
    if (object.manifest.kind === 'CompositeResourceDefinition' || object.manifest.kind === 'ConstraintTemplate') {
      for (const generated of generatedKindSchemas([object.manifest]).values()) {
        define(`${generated.group}/${generated.kind}`, object);
      }
    } else if (providers && object.manifest.kind === 'Provider' && groupOf(text(object.manifest.apiVersion) ?? '') === 'pkg.crossplane.io') {
      for (const crd of providerPackageCrds(providers, text(fields(object.manifest.spec).package) ?? '')) {
        crd.kinds.forEach((kind) => define(`${crd.group}/${kind}`, object));
      }
    }
  }
  return definitions;
}

/** What gives a cluster's custom kinds their CRDs. */
interface CrdSources {
  /** The objects of the cluster whose controller makes a kind, by `<group>/<kind>` of it. */
  readonly definitions: Map<string, SynthesizedObject>;
  /** Whether a component, a preinstalled declaration or a CRD of the cluster installs `<group>/<kind>`. */
  readonly installs: (group: string, kind: string) => boolean;
}

function crdSources(cluster: SynthesizedCluster): CrdSources {
  const platform = platformReading(cluster);
  const ownCrds = new Set(indexOf(cluster.objects).of('CustomResourceDefinition').map((crd) => {
    const spec = fields(crd.manifest.spec);
    return `${text(spec.group) ?? ''}/${text(fields(spec.names).kind) ?? ''}`;
  }));
  // An engine that refuses a layer holding an unknown kind (Flux) never applies a Provider beside its ProviderConfig.
  const definitions = kindDefinitions(cluster.objects, cluster.chart.gitops?.refusesLayerWithUnknownKind === true ? cluster.chart : undefined);
  const seen = new Map<string, boolean>();
  const installs = (group: string, kind: string): boolean => {
    const key = `${group}/${kind}`;
    let provided = seen.get(key);
    if (provided === undefined) {
      // The policies of `networkPolicy: 'cilium'` without Cilium: one error, on that choice (network-policy.ts).
      provided = platform.providesKind(group, kind) || ownCrds.has(key) || (key === CILIUM_POLICY && ciliumPoliciesWithoutCilium(cluster.chart));
      seen.set(key, provided);
    }
    return provided;
  };
  return { definitions, installs };
}

/**
 * Whether nothing gives a custom kind of the cluster its CRD: `provided-crds` reports each object of it, so
 * other layers (a schema it has none of) say nothing more about it.
 */
export function kindsWithoutCrd(cluster: SynthesizedCluster): (apiVersion: string, kind: string) => boolean {
  let sources: CrdSources | undefined;
  return (apiVersion, kind) => {
    const group = groupOf(apiVersion);
    if (KUBERNETES_GROUPS.has(group)) {
      return false;
    }
    sources ??= crdSources(cluster);
    return !sources.definitions.has(`${group}/${kind}`) && !sources.installs(group, kind);
  };
}

/**
 * The finding of a CRD object (one a repository of manifests kept beside its charts) of a kind that a
 * platform component of the cluster installs, or that is declared preinstalled: two owners of one
 * definition, whose versions and schemas fight at every sync and whose prune deletes every object of it.
 */
function secondInstallOf(cluster: SynthesizedCluster, object: SynthesizedObject): Finding[] {
  const spec = fields(object.manifest.spec);
  const group = text(spec.group) ?? '';
  const kind = text(fields(spec.names).kind) ?? '';
  const declares = (crds: readonly { group: string; kinds: readonly string[] }[] | undefined) => (crds ?? []).some((crd) => crd.group === group && crd.kinds.includes(kind));
  const platform = cluster.chart.platform;
  if (platform.components.some((c) => object.constructPath.startsWith(`${c.node.path}/`))) {
    return []; // a component's own definition
  }
  const component = platform.components.find((c) => declares(c.props.crds));
  const preinstalled = component === undefined ? platform.preinstalled.find((p) => declares(p.crds)) : undefined;
  const owner = component !== undefined ? `platform component ${component.name}` : preinstalled !== undefined ? `${preinstalled.source} (declared preinstalled)` : undefined;
  return owner === undefined ? [] : [objectFinding(object, {
    layer, severity: 'error', field: 'spec.names.kind',
    message: `CustomResourceDefinition ${text(object.manifest.metadata?.name) ?? ''} defines ${kind} of group ${group}, which ${owner} installs already: two owners of one definition would replace each other's versions at every sync`,
    hint: `drop this CRD: ${kind} exists once ${owner.replace(/ \(declared preinstalled\)$/, '')} has installed it, and objects of it can be written as they are`,
  })];
}

/**
 * The CRD behind every custom resource is installed by a component, declared preinstalled, or an object of
 * the cluster: a CRD, or a CompositeResourceDefinition or ConstraintTemplate whose controller makes it. A
 * kind made that way exists only once its definition was applied and seen to, so an object of it must be
 * applied in a later layer: engines apply a layer as a whole, and refuse it all for a kind they do not know.
 * So is a kind a Crossplane Provider installs, under an engine that refuses a layer for an unknown kind.
 */
export function checkCustomResourceDefinitions(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  // The props that objects were rendered from; read at the first kind without a CRD.
  let sources: ReturnType<typeof renderedFor> | undefined;
  let crds: CrdSources | undefined;
  // A group a choice of the cluster installs is one choice not made: one error, on the first object of the groups
  // it installs (Flux's source and kustomize groups are one gitops: flux()), counting the others (every route of an
  // app would otherwise repeat it).
  const choiceMissing = new Map<string, { finding: Finding; group: string; more: string[]; otherGroups: boolean }>();
  for (let n = 0, all = cluster.objects; n < all.length; n++) {
    const object = all[n];
    const group = groupOf(text(object.manifest.apiVersion) ?? '');
    const kind = text(object.manifest.kind) ?? '';
    if (KUBERNETES_GROUPS.has(group)) {
      if (kind === 'CustomResourceDefinition') {
        findings.push(...secondInstallOf(cluster, object));
      }
      continue;
    }
    const key = `${group}/${kind}`;
    crds ??= crdSources(cluster);
    const definitions = crds.definitions;
    const definition = definitions.get(key);
    if (definition !== undefined) {
      const definedIn = definition.layer ?? 'apps';
      const appliedIn = object.layer ?? 'apps';
      if (LAYER_RANK[appliedIn] <= LAYER_RANK[definedIn]) {
        findings.push(objectFinding(object, {
          layer, severity: 'error', field: 'kind',
          message: `${kind} is made from ${definition.manifest.kind} ${text(definition.manifest.metadata?.name) ?? ''} in the ${definedIn} layer, `
            + `so it does not exist yet when the ${appliedIn} layer is applied`,
          // An object of the apps layer, the last, can go no later: its definition goes earlier, where the README puts objects that need CRDs.
          hint: appliedIn === 'apps'
            ? `make its ${text(definition.manifest.kind) ?? 'definition'} in the config layer, which is applied before apps: `
              + `new ApiObject(cluster.platform.configScope('${text(definition.manifest.metadata?.name) ?? kind.toLowerCase()}'), …)`
            : `apply it in a layer after ${definedIn}: create it under the cluster chart (the apps layer), or its definition in an earlier layer`,
        }));
      }
      continue;
    }
    const retiredGroup = RETIRED_GROUPS.get(group);
    if (retiredGroup !== undefined && !crds.installs(group, kind)) {
      findings.push(objectFinding(object, {
        layer, severity: 'error', field: 'apiVersion',
        message: `${kind} of group ${group} is ${retiredGroup.retired}: no CRD of it exists in cluster "${cluster.chart.clusterName}"`,
        hint: retiredGroup.instead,
      }));
      continue;
    }
    if (!crds.installs(group, kind)) {
      // A kind of a group the cluster defines kinds of (a constraint, a claim) is most often one misspelt.
      const defined = [...definitions.keys()].filter((other) => groupOf(other) === group).map((other) => other.slice(group.length + 1));
      const meant = closestName(kind, defined);
      // A kind declared with another case (`constraintKinds: ['k8srequiredlabels']`): the CRD is there, under that spelling.
      const otherCase = meant === undefined
        ? platformReading(cluster).crds.filter((crd) => crd.group === group).flatMap((crd) => crd.kinds).find((k) => k !== kind && k.toLowerCase() === kind.toLowerCase())
        : undefined;
      const provider = crossplaneProviderEntry(group, kind);
      // An object a construct rendered from one of its props (addProviderConfig) is reported on that prop.
      const source = (sources ??= renderedFor(cluster)).get(object.constructPath);
      const target = (finding: Omit<Finding, 'constructPath'>): Finding => (source === undefined ? objectFinding(object, finding) : { ...finding, constructPath: source.at, field: source.field });
      const byChoice = meant === undefined && provider === undefined && GROUP_HINTS[group] !== undefined;
      const earlier = byChoice ? choiceMissing.get(GROUP_HINTS[group]) : undefined;
      if (earlier !== undefined) {
        earlier.more.push(`${kind} ${source?.at ?? object.constructPath}`);
        earlier.otherGroups ||= group !== earlier.group;
        continue;
      }
      const finding = target({
        layer, severity: 'error', field: meant === undefined ? 'apiVersion' : 'kind',
        message: `kind ${kind} of group ${group} has no CRD in cluster "${cluster.chart.clusterName}": no component or chart release installs it and none is declared preinstalled`,
        hint: otherCase !== undefined
          ? `the cluster declares the kind as ${otherCase} (a component's options or a preinstalled declaration, such as crossplane({ providerCrds }) or gatekeeper({ constraintKinds })); `
            + `a kind's case counts: declare it as ${kind}, as the CRD names it`
          : meant !== undefined
          ? `did you mean ${meant}? ${definitions.get(`${group}/${meant}`)!.manifest.kind} ${text(definitions.get(`${group}/${meant}`)!.manifest.metadata?.name) ?? ''} makes that kind`
          : provider !== undefined
            ? `add the Crossplane Provider that installs it, ${CROSSPLANE_PROVIDERS[provider].name}, to the cluster's providers: `
              + `new CrossplaneProviders(scope, id, [CROSSPLANE_PROVIDERS.${provider}, …])`
          : group === GATEKEEPER_CONSTRAINTS_GROUP
            ? `write the ConstraintTemplate that makes it (metadata.name: '${kind.toLowerCase()}', spec.crd.spec.names.kind: '${kind}') in the config layer, `
              + `new ApiObject(cluster.platform.configScope('policies'), …); for one made outside the repository, gatekeeper({ constraintKinds: ['${kind}'] })`
          : GROUP_HINTS[group]
            ? `add the choice that installs it: ${GROUP_HINTS[group]}`
            : `install it with a platform component, or a ChartRelease of its chart, that names it (crds: [{ group: '${group}', kinds: ['${kind}'] }]), or declare it preinstalled`,
      });
      findings.push(finding);
      if (byChoice) {
        choiceMissing.set(GROUP_HINTS[group], { finding, group, more: [], otherGroups: false });
      }
    }
  }
  return choiceMissing.size === 0 ? findings : findings.map((finding) => {
    const grouped = [...choiceMissing.values()].find((entry) => entry.finding === finding && entry.more.length > 0);
    return grouped === undefined ? finding
      : { ...finding, message: `${finding.message}; nor ${grouped.more.length === 1 ? 'has 1 more object' : `have ${grouped.more.length} more objects`} of ${grouped.otherGroups ? 'the groups that choice installs' : 'the group'} (${grouped.more.slice(0, 3).join(', ')}${grouped.more.length > 3 ? ', …' : ''})` };
  });
}

/** A reference from an object to a cluster-wide name of one category. */
interface NameReference {
  readonly object: SynthesizedObject;
  readonly field: string;
  readonly name: string;
}

/** A reference from an option of a platform component to a cluster-wide name, reported on the construct at `at`. */
interface OptionReference {
  readonly at: string;
  readonly field: string;
  readonly name: string;
}

/**
 * Names of a category that the cluster has: its own objects of `kind`, what components and preinstalled
 * declarations provide, and (for StorageClasses) what was declared external.
 */
function available(cluster: SynthesizedCluster, kind: string, category: keyof ComponentProvides, extra: Iterable<string> = []): Set<string> {
  return new Set([
    ...indexOf(cluster.objects).of(kind).map((o) => text(o.manifest.metadata?.name) ?? ''),
    ...cluster.chart.platform.provided(category),
    ...extra,
  ]);
}

/** The GatewayClasses the cluster has: a Gateway of another class is served by no implementation. */
export function gatewayClassesOf(cluster: SynthesizedCluster): Set<string> {
  return available(cluster, 'GatewayClass', 'gatewayClasses');
}

function missing(cluster: SynthesizedCluster, refs: ReadonlyArray<NameReference | OptionReference>, have: Set<string>, what: string, category: string): Finding[] {
  const names = [...have];
  return refs.filter((ref) => !have.has(ref.name)).map((ref) => {
    // A near miss of a name the cluster has is a typo: provided under it, the misspelt one would be a second.
    const meant = closestName(ref.name, names);
    const finding = {
      layer, severity: 'error' as const, field: ref.field,
      message: `${what} "${ref.name}" is provided by nothing in cluster "${cluster.chart.clusterName}"`
        + (have.size > 0 ? ` (it has: ${names.sort().join(', ')})` : ''),
      hint: category === 'storageClasses' && cluster.chart.tier(ref.name) !== undefined ? storageClassHint(cluster.chart, ref.name)
        : meant !== undefined ? `did you mean "${meant}"? ${what} "${meant}" is provided in the cluster`
          : category === 'storageClasses' ? storageClassHint(cluster.chart, ref.name) : providerHint(category, ref.name),
    };
    return 'object' in ref ? objectFinding(ref.object, finding) : { ...finding, constructPath: ref.at };
  });
}

/**
 * StorageClasses that claims, claim templates, PersistentVolumes and DataVolumes name are provided, and
 * those that platform components' options name (Loki's `storageClass`), whose charts make the claims.
 */
export function checkProvidedStorageClasses(cluster: SynthesizedCluster): Finding[] {
  const platform = cluster.chart.platform;
  const refs: Array<NameReference | OptionReference> = [
    ...platform.components.flatMap((component) => Object.entries(component.props.storageClassOptions ?? {})
      .map(([option, name]) => ({ at: platform.node.path, field: `components.${component.name}.${option}`, name }))),
    ...chartValueReferences(cluster, 'StorageClass').map(({ constructPath, field, name }) => ({ at: constructPath, field, name })),
  ];
  const add = (object: SynthesizedObject, field: string, value: unknown) => {
    const name = text(value);
    if (name) {
      refs.push({ object, field, name });
    }
  };
  const objects = cluster.objects;
  for (let i = 0; i < objects.length; i++) {
    const object = objects[i];
    const spec = fields(object.manifest.spec);
    switch (object.manifest.kind) {
      case 'PersistentVolumeClaim':
      case 'PersistentVolume':
        add(object, 'spec.storageClassName', spec.storageClassName);
        break;
      case 'StatefulSet':
        list(spec.volumeClaimTemplates).forEach((t, i) => add(object, `spec.volumeClaimTemplates[${i}].spec.storageClassName`, fields(t.spec).storageClassName));
        break;
      case 'DataVolume':
        add(object, 'spec.pvc.storageClassName', fields(spec.pvc).storageClassName);
        add(object, 'spec.storage.storageClassName', fields(spec.storage).storageClassName);
        break;
      case 'VirtualMachine':
        list(spec.dataVolumeTemplates).forEach((t, i) => {
          const dv = fields(t.spec);
          add(object, `spec.dataVolumeTemplates[${i}].spec.pvc.storageClassName`, fields(dv.pvc).storageClassName);
          add(object, `spec.dataVolumeTemplates[${i}].spec.storage.storageClassName`, fields(dv.storage).storageClassName);
        });
        break;
      default:
        // VolSync's copies of a volume: the snapshot or clone it takes, and the restic or kopia cache.
        for (const { path, mover } of volsyncMovers(object)) {
          add(object, `${path}.storageClassName`, mover.storageClassName);
          add(object, `${path}.cacheStorageClassName`, mover.cacheStorageClassName);
        }
        // A database operator's resource (a CloudNativePG Cluster) claims its volumes on the class it names.
        operatorDatabaseStorageClasses(object).forEach(({ field, name }) => add(object, field, name));
        break;
    }
  }
  if (refs.length === 0) {
    return [];
  }
  return missing(cluster, refs, available(cluster, 'StorageClass', 'storageClasses', externalIndexOf(cluster).storageClasses), 'StorageClass', 'storageClasses');
}

/** RuntimeClasses that pod templates name are provided. */
export function checkProvidedRuntimeClasses(cluster: SynthesizedCluster): Finding[] {
  // A Knative Service's revisions run in the RuntimeClass of its template (a GPU app's `nvidia`) like any workload's pods.
  const refs = admittedPodTemplates(cluster.objects).flatMap((t) => {
    const name = text(t.spec.runtimeClassName);
    // A name no class can have is refused by the API server, and reported as such rather than looked for.
    return name && nameProblem(name, DNS1123_SUBDOMAIN) === undefined ? [{ object: t.object, field: `${t.specPath}.runtimeClassName`, name }] : [];
  });
  return refs.length === 0 ? [] : missing(cluster, refs, available(cluster, 'RuntimeClass', 'runtimeClasses'), 'RuntimeClass', 'runtimeClasses');
}

/**
 * PriorityClasses that pod templates name are Kubernetes' own, objects of the cluster, or provided: the
 * Priority admission plugin refuses a pod that names any other, so its controller never makes one.
 */
export function checkProvidedPriorityClasses(cluster: SynthesizedCluster): Finding[] {
  const refs = podTemplates(cluster.objects).flatMap((t) => {
    const name = text(t.spec.priorityClassName);
    // A name no class can have is refused by the API server, and reported as such rather than looked for.
    return name && nameProblem(name, DNS1123_SUBDOMAIN) === undefined ? [{ object: t.object, field: `${t.specPath}.priorityClassName`, name }] : [];
  });
  return refs.length === 0 ? [] : missing(cluster, refs, available(cluster, 'PriorityClass', 'priorityClasses', Object.keys(SYSTEM_PRIORITY_CLASSES)), 'PriorityClass', 'priorityClasses');
}

/** IngressClasses that Ingresses and cert-manager HTTP-01 solvers name, and GatewayClasses that Gateways name, are provided. */
export function checkProvidedRouteClasses(cluster: SynthesizedCluster): Finding[] {
  const ingress: Array<NameReference | OptionReference> = [];
  const sources = renderedFor(cluster);
  const gateway: NameReference[] = [];
  let hasGatewayKind: boolean | undefined;
  const gatewayKind = () => (hasGatewayKind ??= crdSources(cluster).definitions.has('gateway.networking.k8s.io/Gateway') || crdSources(cluster).installs('gateway.networking.k8s.io', 'Gateway'));
  for (let n = 0, all = cluster.objects; n < all.length; n++) {
    const object = all[n];
    const spec = fields(object.manifest.spec);
    const group = groupOf(text(object.manifest.apiVersion) ?? '');
    if (object.manifest.kind === 'Ingress' && text(spec.ingressClassName)) {
      ingress.push({ object, field: 'spec.ingressClassName', name: text(spec.ingressClassName)! });
    }
    const annotated = stringMap(fields(object.manifest.metadata).annotations)['kubernetes.io/ingress.class'];
    if (object.manifest.kind === 'Ingress' && annotated) {
      ingress.push({ object, field: 'metadata.annotations["kubernetes.io/ingress.class"]', name: annotated });
    }
    if ((object.manifest.kind === 'ClusterIssuer' || object.manifest.kind === 'Issuer') && group === 'cert-manager.io') {
      // An HTTP-01 solver answers through an Ingress of its class: a class no controller serves leaves the
      // challenge unanswered, and the certificate is never issued.
      // A ClusterIssuer construct's solvers are reported on its `issuer` prop, where the user gave them.
      const source = sources.get(object.constructPath);
      list(fields(spec.acme).solvers).forEach((solver, i) => {
        const name = text(fields(fields(solver.http01).ingress).ingressClassName);
        if (name && source !== undefined) {
          ingress.push({ at: source.at, field: `${source.field}.solvers[${i}]`, name });
        } else if (name) {
          ingress.push({ object, field: `spec.acme.solvers[${i}].http01.ingress.ingressClassName`, name });
        }
      });
    }
    // A Gateway whose kind the cluster lacks is reported for that (checkCustomResourceDefinitions): the class is the same missing implementation.
    if (object.manifest.kind === 'Gateway' && group === 'gateway.networking.k8s.io' && text(spec.gatewayClassName) && gatewayKind()) {
      gateway.push({ object, field: 'spec.gatewayClassName', name: text(spec.gatewayClassName)! });
    }
  }
  return [
    ...(ingress.length === 0 ? [] : missing(cluster, ingress, available(cluster, 'IngressClass', 'ingressClasses'), 'IngressClass', 'ingressClasses')),
    ...(gateway.length === 0 ? [] : missing(cluster, gateway, gatewayClassesOf(cluster), 'GatewayClass', 'gatewayClasses')),
  ];
}

const CLUSTER_ISSUER_ANNOTATION = 'cert-manager.io/cluster-issuer';
const ISSUER_ANNOTATION = 'cert-manager.io/issuer';

/**
 * cert-manager issuers that Certificates (`spec.issuerRef`) and annotated Ingresses and Gateways name
 * are provided: a ClusterIssuer of the cluster or a component's, an Issuer in the object's namespace.
 */
export function checkProvidedIssuers(cluster: SynthesizedCluster): Finding[] {
  const index = indexOf(cluster.objects);
  const clusterIssuers = available(cluster, 'ClusterIssuer', 'clusterIssuers');
  const findings: Finding[] = [];
  // The flavor's issuer is written once, on the cluster, and every route's annotation names it: one error, there.
  const flavorIssuer = cluster.chart.routes.routeIssuer;
  const sources = renderedFor(cluster);
  let flavorIssuerNamed = false;
  // The ClusterIssuers something names; one of a ClusterIssuer construct that nothing names issues nothing.
  const namedIssuers = new Set<string>(flavorIssuer ? [flavorIssuer.name] : []);
  const check = (object: SynthesizedObject, field: string, kind: string, name: string) => {
    if (kind === 'ClusterIssuer') {
      namedIssuers.add(name);
      findings.push(...missing(cluster, [{ object, field, name }], clusterIssuers, 'cert-manager ClusterIssuer', 'clusterIssuers'));
    } else if (kind === 'Issuer' && !index.find('Issuer', namespaceOf(object), name)) {
      // A ClusterIssuer of that name is the one meant: cert-manager looks for an Issuer alone, and issues nothing.
      const meant = clusterIssuers.has(name);
      findings.push(objectFinding(object, {
        layer, severity: 'error', field,
        message: `cert-manager Issuer "${name}" does not exist in namespace "${namespaceOf(object)}"${meant ? `; "${name}" is a ClusterIssuer, which cert-manager looks for only when it is named as one` : ''}`,
        hint: !meant ? 'declare the Issuer in the same namespace, or name a ClusterIssuer'
          : field.startsWith('metadata.annotations') ? `annotate it as a ClusterIssuer: ${CLUSTER_ISSUER_ANNOTATION}: ${name}, in place of ${ISSUER_ANNOTATION}`
            : `name it as a ClusterIssuer: issuerRef: { name: '${name}', kind: 'ClusterIssuer' }`,
      }));
    }
  };
  for (let n = 0, all = cluster.objects; n < all.length; n++) {
    const object = all[n];
    const spec: Fields = fields(object.manifest.spec);
    if (object.manifest.kind === 'Certificate' && groupOf(text(object.manifest.apiVersion) ?? '') === 'cert-manager.io') {
      const ref = fields(spec.issuerRef);
      const name = text(ref.name);
      const kind = text(ref.kind) ?? 'Issuer';
      const source = sources.get(object.constructPath);
      if (kind === 'ClusterIssuer' && name !== undefined && name === flavorIssuer?.name) {
        flavorIssuerNamed = true;
      } else if (name && kind === 'ClusterIssuer' && source) {
        namedIssuers.add(name);
        // A certificate construct's issuer is reported on the construct's prop that names it.
        findings.push(...missing(cluster, [{ at: source.at, field: source.field, name }], clusterIssuers, 'cert-manager ClusterIssuer', 'clusterIssuers'));
      } else if (name && (text(ref.group) ?? 'cert-manager.io') === 'cert-manager.io') {
        check(object, 'spec.issuerRef.name', kind, name);
      }
    }
    const annotations = stringMap(fields(object.manifest.metadata).annotations);
    const annotatedIssuer = annotations[CLUSTER_ISSUER_ANNOTATION];
    if (annotatedIssuer && annotatedIssuer === flavorIssuer?.name) {
      flavorIssuerNamed = true;
    } else if (annotatedIssuer) {
      check(object, `metadata.annotations["${CLUSTER_ISSUER_ANNOTATION}"]`, 'ClusterIssuer', annotatedIssuer);
    }
    if (annotations[ISSUER_ANNOTATION]) {
      check(object, `metadata.annotations["${ISSUER_ANNOTATION}"]`, 'Issuer', annotations[ISSUER_ANNOTATION]);
    }
  }
  if (flavorIssuer && flavorIssuerNamed) {
    findings.unshift(...missing(cluster, [{ at: cluster.chart.node.path, field: flavorIssuer.field, name: flavorIssuer.name }], clusterIssuers, 'cert-manager ClusterIssuer', 'clusterIssuers'));
  }
  return [...findings, ...unnamedIssuerFindings(cluster, namedIssuers, sources)];
}

/**
 * ClusterIssuers of ClusterIssuer constructs in a cluster where no Certificate, annotation or route flavor names any
 * issuer, nor any value of another object (a chart's values that annotate its own Ingress): cert-manager issues nothing, and
 * the routes they were meant for are served with another certificate (under `traefik()`, its resolver's or its
 * self-signed default). A warning on the construct, whose hint says how routes get certificates. The objects are
 * read whole only when such an issuer is found.
 */
function unnamedIssuerFindings(cluster: SynthesizedCluster, named: ReadonlySet<string>, sources: ReturnType<typeof renderedFor>): Finding[] {
  const issuers = cluster.objects.filter((object) => object.manifest.kind === 'ClusterIssuer' && groupOf(text(object.manifest.apiVersion) ?? '') === 'cert-manager.io');
  // An issuer kept beside one in use (Let's Encrypt's staging beside production) is the owner's choice.
  if (issuers.some((issuer) => named.has(issuer.manifest.metadata.name))) {
    return [];
  }
  const unnamed = issuers.filter((issuer) => sources.has(issuer.constructPath));
  if (unnamed.length === 0) {
    return [];
  }
  const values = cluster.objects.filter((object) => object.manifest.kind !== 'ClusterIssuer').map((object) => JSON.stringify(object.manifest)).join('\n');
  const traefikRoutes = cluster.objects.some((object) => object.manifest.kind === 'IngressRoute');
  if (issuers.some((issuer) => values.includes(`"${issuer.manifest.metadata.name}"`))) {
    return [];
  }
  return unnamed.map((issuer) => {
    const name = issuer.manifest.metadata.name;
    return {
      layer, severity: 'warning' as const, constructPath: sources.get(issuer.constructPath)!.at, field: 'name',
      message: `ClusterIssuer ${name} is named by no Certificate, annotated Ingress or Gateway, nor any value of cluster "${cluster.chart.clusterName}", so cert-manager issues nothing from it`
        + (traefikRoutes ? ": the IngressRoutes are served with Traefik's own certificate, not one of this issuer's" : ''),
      hint: traefikRoutes
        ? `under traefik(), routes get Let's Encrypt certificates from Traefik's resolver: traefik({ certResolver: '${name}', acme: { ${name}: acmeHttp01({ email }) } }); or from this issuer through new WildcardCertificate(this, 'wildcard', { domain, issuer: '${name}' }) with a DNS-01 solver; or drop the issuer`
        : `name it where certificates are made (a WildcardCertificate's issuer, the route flavor's tls issuer), or drop it`,
    };
  });
}

const TRAEFIK_RESOLVER_ANNOTATION = 'traefik.ingress.kubernetes.io/router.tls.certresolver';

/** Traefik certificate resolvers that IngressRoutes and annotated Ingresses name are defined by Traefik's install. */
export function checkProvidedCertResolvers(cluster: SynthesizedCluster): Finding[] {
  const refs: NameReference[] = [];
  for (let n = 0, all = cluster.objects; n < all.length; n++) {
    const object = all[n];
    const kind = object.manifest.kind;
    if ((kind === 'IngressRoute' || kind === 'IngressRouteTCP') && groupOf(text(object.manifest.apiVersion) ?? '') === 'traefik.io') {
      const resolver = text(fields(fields(object.manifest.spec).tls).certResolver);
      if (resolver) {
        refs.push({ object, field: 'spec.tls.certResolver', name: resolver });
      }
    }
    const annotated = stringMap(fields(object.manifest.metadata).annotations)[TRAEFIK_RESOLVER_ANNOTATION];
    if (annotated) {
      refs.push({ object, field: `metadata.annotations["${TRAEFIK_RESOLVER_ANNOTATION}"]`, name: annotated });
    }
  }
  if (refs.length === 0) {
    return [];
  }
  const have = new Set(cluster.chart.platform.provided('certResolvers'));
  const missing = refs.filter((ref) => !have.has(ref.name));
  const problem = (name: string) => ({
    layer, severity: 'error' as const,
    message: `Traefik certificate resolver "${name}" is defined by nothing in cluster "${cluster.chart.clusterName}"`
      + (have.size > 0 ? ` (it has: ${[...have].sort().join(', ')})` : ''),
    hint: `define it on the route flavor: traefik({ acme: { '${name}': acmeHttp01() } }) or acmeCloudflareDns01({ apiToken })`,
  });
  // The flavor's resolver is written once, on the cluster, and every route names it: one error, there.
  const flavorResolver = cluster.chart.routes.certResolver;
  const fromFlavor = missing.some((ref) => ref.name === flavorResolver);
  return [
    ...(fromFlavor ? [{ ...problem(flavorResolver!), constructPath: cluster.chart.node.path, field: 'routes.certResolver' }] : []),
    ...missing.filter((ref) => ref.name !== flavorResolver).map((ref) => objectFinding(ref.object, { ...problem(ref.name), field: ref.field })),
  ];
}

/** The namespaces a cluster has: its Namespace objects, its components' and built-in ones, and those declared external. */
export function providedNamespacesOf(cluster: SynthesizedCluster): ReadonlySet<string> {
  return new Set([
    ...indexOf(cluster.objects).of('Namespace').map((o) => text(o.manifest.metadata?.name) ?? ''),
    ...platformReading(cluster).namespaces,
    ...externalIndexOf(cluster).namespaces,
  ]);
}

/**
 * The field of a GitOps object whose namespace the engine makes itself as it syncs the object: an Argo CD
 * Application's destination with the sync option `CreateNamespace=true`, a Flux HelmRelease's target with
 * `install.createNamespace: true`. Pure.
 */
function engineCreatedNamespace(manifest: Fields): 'destination' | 'targetNamespace' | undefined {
  const group = groupOf(text(manifest.apiVersion) ?? '');
  const spec = fields(manifest.spec);
  if (manifest.kind === 'Application' && group === 'argoproj.io'
    && [fields(spec.syncPolicy).syncOptions].flat().some((option) => typeof option === 'string' && option.replace(/\s/g, '') === 'CreateNamespace=true')) {
    return 'destination';
  }
  if (manifest.kind === 'HelmRelease' && group === 'helm.toolkit.fluxcd.io' && fields(spec.install).createNamespace === true) {
    return 'targetNamespace';
  }
  return undefined;
}

/**
 * Namespaces that GitOps objects install into (an Argo CD Application's destination, a Flux
 * Kustomization's target, a source in another namespace) exist: declared, a component's, or built in.
 * `metadata.namespace` itself is the `namespaces` reference check's.
 */
export function checkProvidedNamespaces(cluster: SynthesizedCluster): Finding[] {
  const have = providedNamespacesOf(cluster);
  const findings: Finding[] = [];
  const check = (object: SynthesizedObject, field: string, namespace: string | undefined): void => {
    if (namespace && !have.has(namespace)) {
      findings.push(objectFinding(object, {
        layer, severity: 'error', field,
        message: `namespace "${namespace}" is provided by nothing in cluster "${cluster.chart.clusterName}"`,
        hint: 'declare it with cluster.namespaces.ensure(), install the component that runs there, or declare it preinstalled',
      }));
    }
  };
  // Every object is read: one call per field rather than a list of (field, namespace) pairs per object.
  for (let n = 0, all = cluster.objects; n < all.length; n++) {
    const object = all[n];
    const spec = fields(object.manifest.spec);
    const creates = engineCreatedNamespace(object.manifest);
    if (creates !== 'destination') {
      check(object, 'spec.destination.namespace', text(fields(spec.destination).namespace));
    }
    if (creates !== 'targetNamespace') {
      check(object, 'spec.targetNamespace', text(spec.targetNamespace));
    }
    check(object, 'spec.sourceRef.namespace', text(fields(spec.sourceRef).namespace));
    check(object, 'spec.chart.spec.sourceRef.namespace', text(fields(fields(fields(spec.chart).spec).sourceRef).namespace));
    check(object, 'spec.chartRef.namespace', text(fields(spec.chartRef).namespace));
  }
  findings.push(...veleroNamespaceFindings(cluster, have));
  return findings;
}

/** Velero's resources that select the namespaces a backup holds, with the path of their backup spec. */
const VELERO_BACKUP_SPECS: Readonly<Record<string, string>> = { Schedule: 'spec.template', Backup: 'spec' };

/**
 * Velero's Schedules, Backups and Restores: each in a namespace Velero runs in (`velero`, one its preinstalled declaration
 * names, or one of the cluster's BackupStorageLocations), the only one its server reads them in, and each namespace they include, unless a
 * pattern, one of the cluster's (`have`): a misspelt one is backed up as an empty namespace, without a word. A Restore
 * restores a namespace the cluster still has only under another name (`namespaceMapping`) or with the resources it
 * names: Velero skips every object that exists (a claim's data with its claim), and the repository keeps that namespace.
 */
function veleroNamespaceFindings(cluster: SynthesizedCluster, have: ReadonlySet<string>): Finding[] {
  const index = indexOf(cluster.objects);
  const velero = index.of(...Object.keys(VELERO_BACKUP_SPECS), 'Restore').filter((o) => String(o.manifest.apiVersion).startsWith('velero.io/'));
  if (velero.length === 0) {
    return [];
  }
  // Where Velero runs: its default namespace, a namespace the preinstalled Velero (the one that brings its CRDs) declares, and those of its storage locations.
  const installs = cluster.chart.platform.preinstalled.filter((p) => (p.crds ?? []).some((crd) => crd.group === 'velero.io'));
  const served = new Set(['velero', ...installs.flatMap((p) => p.namespaces ?? []), ...index.of('BackupStorageLocation').map((o) => namespaceOf(o))]);
  const findings: Finding[] = [];
  for (const object of velero) {
    const namespace = namespaceOf(object);
    if (!served.has(namespace)) {
      findings.push(objectFinding(object, {
        layer, severity: 'error', field: 'metadata.namespace',
        message: `Velero reads ${String(object.manifest.kind)}s only in the namespace it runs in (${[...served].sort().join(', ')}), so this one in namespace "${namespace}" never runs`,
        hint: `put it in Velero's namespace, metadata.namespace: 'velero', and name what it ${object.manifest.kind === 'Restore' ? 'restores' : 'backs up'} with includedNamespaces: ['${namespace}']`,
      }));
    }
    if (object.manifest.kind === 'Restore') {
      findings.push(...restoreOverNamespaceFindings(object, have));
      continue;
    }
    const path = VELERO_BACKUP_SPECS[String(object.manifest.kind)];
    const names = fields(path.split('.').reduce<unknown>((at, step) => fields(at)[step], object.manifest)).includedNamespaces;
    (Array.isArray(names) ? names : []).forEach((name, i) => {
      if (typeof name === 'string' && !/[*?[]/.test(name) && !have.has(name)) {
        const meant = closestName(name, [...have]);
        findings.push(objectFinding(object, {
          layer, severity: 'error', field: `${path}.includedNamespaces[${i}]`,
          message: `namespace "${name}" is not one of cluster "${cluster.chart.clusterName}", so Velero backs up nothing of it, without a word`,
          hint: meant !== undefined ? `did you mean includedNamespaces: ['${meant}']?` : `name a namespace of the cluster (${[...have].sort().slice(0, 8).join(', ')}, …)`,
        }));
      }
    });
  }
  return findings;
}

/** A Velero Restore's included namespaces that the cluster has (`have`), restored in place: see {@link veleroNamespaceFindings}. */
function restoreOverNamespaceFindings(restore: SynthesizedObject, have: ReadonlySet<string>): Finding[] {
  const spec = fields(restore.manifest.spec);
  if (Array.isArray(spec.includedResources) && spec.includedResources.length > 0) {
    return [];
  }
  const mapping = fields(spec.namespaceMapping);
  const names = Array.isArray(spec.includedNamespaces) ? spec.includedNamespaces : [];
  return names.flatMap((name, i) => (typeof name !== 'string' || !have.has(name) || mapping[name] !== undefined ? [] : [objectFinding(restore, {
    layer, severity: 'error', field: `spec.includedNamespaces[${i}]`,
    message: `namespace "${name}" is one the repository keeps in cluster, so the Restore finds its objects there and skips them (a claim's data with its claim): it restores nothing of what it was written for`,
    hint: `restore it beside the namespace and copy back what you need, namespaceMapping: { '${name}': '${name}-restore' }, or name what is missing with includedResources`,
  })]));
}

/**
 * Every LoadBalancer Service is served: the cluster has a load-balancer choice, something preinstalled
 * serves such Services (K3s' servicelb), or the Service names an implementation (`loadBalancerClass`).
 * Otherwise it never gets an address, and a layer or release that waits for it never becomes ready.
 */
export function checkLoadBalancerServices(cluster: SynthesizedCluster): Finding[] {
  if (loadBalancersServed(cluster.chart)) {
    return [];
  }
  const findings: Finding[] = [];
  for (const object of indexOf(cluster.objects).of('Service')) {
    const spec = fields(object.manifest.spec);
    if (spec.type === 'LoadBalancer' && text(spec.loadBalancerClass) === undefined) {
      findings.push(objectFinding(object, {
        layer, severity: 'error', field: 'spec.type',
        ...unservedLoadBalancer(cluster.chart, 'a LoadBalancer Service', 'make it a NodePort Service'),
      }));
    }
  }
  return findings;
}

/**
 * The "provided by" checks: everything an object relies on that the cluster must have (CRDs, classes,
 * issuers, resolvers, namespaces) comes from one of its components, its own objects, or a typed
 * preinstalled declaration.
 */
export const PROVIDED_CHECKS: readonly NamedCheck[] = [
  { name: 'provided-crds', layer, check: checkCustomResourceDefinitions },
  { name: 'provided-storage-classes', layer, check: checkProvidedStorageClasses },
  { name: 'provided-runtime-classes', layer, check: checkProvidedRuntimeClasses },
  { name: 'provided-priority-classes', layer, check: checkProvidedPriorityClasses },
  { name: 'provided-route-classes', layer, check: checkProvidedRouteClasses },
  { name: 'provided-issuers', layer, check: checkProvidedIssuers },
  { name: 'provided-cert-resolvers', layer, check: checkProvidedCertResolvers },
  { name: 'provided-namespaces', layer, check: checkProvidedNamespaces },
  { name: 'provided-load-balancers', layer, check: checkLoadBalancerServices },
];
