import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import type { Finding } from './finding';
import { externalIndexOf } from './external';
import { checkDependencyCycles } from './flux-rules';
import { fields, keyOf, list, namespaceOf, objectFinding, text } from './manifest';
import { indexOf, ObjectIndex } from './object-index';
import { secretProducers } from './secret-producers';
import { kindsWithoutCrd } from './provided';
import { sopsDecryptionSecret } from '../secrets/sops-decryption';
import { Flux } from '../platform/flux';

/**
 * What `flux bootstrap` makes itself, which no output of synth holds: the repository it was run for and the
 * Kustomization that syncs it (another Kustomization may depend on it, a Receiver or Alert name it).
 */
const BOOTSTRAP_OBJECTS: ReadonlySet<string> = new Set(['GitRepository/flux-system/flux-system', 'Kustomization/flux-system/flux-system']);

/** Whether `object` is one of the two sync objects `flux bootstrap` makes (its gotk-sync.yaml): a GitRepository or Kustomization flux-system/flux-system. Pure. */
function isBootstrapSyncObject(object: SynthesizedObject): boolean {
  const { apiVersion, kind } = object.manifest;
  return ((kind === 'GitRepository' && apiVersion.startsWith('source.toolkit.fluxcd.io/')) || (kind === 'Kustomization' && apiVersion.startsWith('kustomize.toolkit.fluxcd.io/')))
    && text(fields(object.manifest.metadata).name) === 'flux-system' && namespaceOf(object) === 'flux-system';
}

/** A reference of a Flux object to another object, and the field that holds it. */
export interface FluxReference {
  readonly field: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

const NONE: readonly FluxReference[] = [];

/** The kinds a HelmRelease's `valuesFrom` and a Kustomization's `substituteFrom` read. */
const VALUE_SOURCES = new Set(['ConfigMap', 'Secret']);

/** The kinds of source-controller that fetch with the credentials of a Secret of their namespace (`spec.secretRef`). */
const SOURCE_KINDS: ReadonlySet<string> = new Set(['GitRepository', 'HelmRepository', 'OCIRepository', 'Bucket']);

/**
 * The ConfigMaps and Secrets that exist without being objects of the output, as `kind/namespace/name`:
 * Secrets a SealedSecret, SopsSecret or ExternalSecret makes, those declared external, and the age key
 * Secret a step of Flux's bootstrap makes (`flux({ sopsSecretName })`).
 */
function madeOrDeclared(cluster: SynthesizedCluster, index: ObjectIndex): ReadonlySet<string> {
  const external = externalIndexOf(cluster);
  const ageKey = sopsDecryptionSecret(cluster.chart.gitops);
  const gitCredential = cluster.chart.gitops instanceof Flux ? cluster.chart.gitops.secretNameFor(cluster.chart) : undefined;
  return new Set([
    ...(ageKey === undefined ? [] : [`Secret/${keyOf('flux-system', ageKey)}`]),
    // flux bootstrap makes the credential of the repository it is run for, in Flux's own namespace.
    ...(gitCredential === undefined ? [] : [`Secret/${keyOf((cluster.chart.gitops as Flux).namespace, gitCredential)}`]),
    ...secretProducers(index).map((producer) => `Secret/${keyOf(producer.namespace, producer.name)}`),
    ...[...external.secrets].map((key) => `Secret/${key}`),
    ...[...external.configMaps].map((key) => `ConfigMap/${key}`),
  ]);
}

/** Whether `apiVersion` is of one of Flux's own API groups (`*.toolkit.fluxcd.io`). Pure. */
function isFluxApiVersion(apiVersion: unknown): boolean {
  return typeof apiVersion === 'string' && /^[a-z]+\.toolkit\.fluxcd\.io\//.test(apiVersion);
}

/**
 * A Kustomization's health check on a kind no CRD of the cluster defines: kustomize-controller waits for the
 * object until the timeout and marks the Kustomization failed at every reconcile, and a Kustomization that
 * depends on it never starts. When the cluster holds an object of that kind, the provided-crds check names it.
 */
function healthCheckKindFindings(cluster: SynthesizedCluster, object: SynthesizedObject, index: () => ObjectIndex, withoutCrd: () => (apiVersion: string, kind: string) => boolean): Finding[] {
  if (object.manifest.kind !== 'Kustomization' || !object.manifest.apiVersion.startsWith('kustomize.toolkit.fluxcd.io/')) {
    return [];
  }
  return list(fields(object.manifest.spec).healthChecks).flatMap((check, i) => {
    const apiVersion = text(fields(check).apiVersion);
    const kind = text(fields(check).kind);
    if (apiVersion === undefined || kind === undefined || !withoutCrd()(apiVersion, kind) || index().of(kind).some((o) => o.manifest.apiVersion === apiVersion)) {
      return [];
    }
    return [objectFinding(object, {
      layer: 'references', severity: 'error', field: `spec.healthChecks[${i}]`,
      message: `the health check waits for a ${kind} of ${apiVersion}, a kind no CRD of cluster "${cluster.chart.clusterName}" defines: the Kustomization would fail at every reconcile once its timeout passes`,
      hint: `drop the health check, or install what brings ${kind} (a platform component, or declare it preinstalled with crds: [{ group: '${apiVersion.split('/')[0]}', kinds: ['${kind}'] }])`,
    })];
  });
}

/**
 * The kinds a Receiver's `resources` or an Alert's `eventSources` name that the output holds when the cluster has
 * them: a Kustomization may be the root one the owner commits for bootstrap, and a HelmChart is made by
 * helm-controller, neither in the output.
 */
const RECEIVER_TARGETS = new Set(['GitRepository', 'OCIRepository', 'HelmRepository', 'Bucket', 'HelmRelease', 'ImageRepository', 'ImagePolicy', 'ImageUpdateAutomation']);

/**
 * The sources and dependencies a HelmRelease or a Kustomization of Flux names, the objects Flux's image automation
 * names (an ImageRepository's Secret, an ImagePolicy's ImageRepository, an ImageUpdateAutomation's source), and
 * the objects a Receiver reconciles on a webhook by name; their namespace defaults to the referrer's.
 */
function fluxReferences(object: SynthesizedObject): readonly FluxReference[] {
  const kind = object.manifest.kind;
  if (kind !== 'HelmRelease' && kind !== 'Kustomization' && kind !== 'ImagePolicy' && kind !== 'ImageRepository' && kind !== 'ImageUpdateAutomation' && kind !== 'Receiver'
    && kind !== 'Alert' && !SOURCE_KINDS.has(kind)) {
    return NONE;
  }
  const apiVersion = object.manifest.apiVersion;
  const spec = fields(object.manifest.spec);
  const namespace = namespaceOf(object);
  const ref = (field: string, value: unknown, defaultKind?: string): FluxReference[] => {
    const reference = fields(value);
    const name = text(reference.name);
    const referredKind = text(reference.kind) ?? defaultKind;
    return name === undefined || referredKind === undefined ? [] : [{ field, kind: referredKind, namespace: text(reference.namespace) ?? namespace, name }];
  };
  const dependencies = (dependencyKind: string) => list(spec.dependsOn).flatMap((dependency, i) => ref(`spec.dependsOn[${i}]`, dependency, dependencyKind));
  // A ConfigMap or Secret read for values or substitutions is always of the referrer's own namespace; one
  // marked optional may be missing.
  const valueSources = (field: string, sources: unknown) => list(sources).flatMap((source, i) => fields(source).optional === true ? []
    : ref(`${field}[${i}]`, { kind: fields(source).kind, name: fields(source).name }));
  if (kind === 'HelmRelease' && apiVersion.startsWith('helm.toolkit.fluxcd.io/')) {
    return [
      ...ref('spec.chart.spec.sourceRef', fields(fields(spec.chart).spec).sourceRef),
      ...ref('spec.chartRef', spec.chartRef),
      ...dependencies('HelmRelease'),
      ...valueSources('spec.valuesFrom', spec.valuesFrom),
    ];
  }
  if (kind === 'Kustomization' && apiVersion.startsWith('kustomize.toolkit.fluxcd.io/')) {
    return [
      ...ref('spec.sourceRef', spec.sourceRef), ...dependencies('Kustomization'), ...valueSources('spec.postBuild.substituteFrom', fields(spec.postBuild).substituteFrom),
      // A health check on a Flux object (a release, a source) is on an object the cluster's output holds; others may be a chart's.
      ...list(spec.healthChecks).flatMap((check, i) => (isFluxApiVersion(fields(check).apiVersion) ? ref(`spec.healthChecks[${i}]`, check) : [])),
      ...ref('spec.decryption.secretRef', { kind: 'Secret', name: fields(fields(spec.decryption).secretRef).name }),
    ];
  }
  if (SOURCE_KINDS.has(kind) && apiVersion.startsWith('source.toolkit.fluxcd.io/')) {
    // The credentials a source fetches with: source-controller fails every fetch while the Secret is missing.
    return ref('spec.secretRef', { kind: 'Secret', name: fields(spec.secretRef).name });
  }
  if (apiVersion.startsWith('image.toolkit.fluxcd.io/')) {
    // The registry credentials an ImageRepository scans with, the repository a policy picks from, the Git source an automation writes to.
    return kind === 'ImageRepository' ? ref('spec.secretRef', { kind: 'Secret', name: fields(spec.secretRef).name })
      : kind === 'ImagePolicy' ? ref('spec.imageRepositoryRef', spec.imageRepositoryRef, 'ImageRepository')
        : ref('spec.sourceRef', spec.sourceRef);
  }
  // `*` (with matchLabels) names every object of the kind; a name that matches none fails each webhook a
  // Receiver gets, and an Alert whose source or Provider is missing never sends anything.
  const named = (field: string, targets: unknown) => list(targets).flatMap((target, i) => (RECEIVER_TARGETS.has(text(fields(target).kind) ?? '') && text(fields(target).name) !== '*'
    ? ref(`${field}[${i}]`, target) : []));
  if (kind === 'Receiver' && apiVersion.startsWith('notification.toolkit.fluxcd.io/')) {
    return named('spec.resources', spec.resources);
  }
  if (kind === 'Alert' && apiVersion.startsWith('notification.toolkit.fluxcd.io/')) {
    return [...ref('spec.providerRef', { kind: 'Provider', name: fields(spec.providerRef).name }), ...named('spec.eventSources', spec.eventSources)];
  }
  return NONE;
}

/** How to give `object` the object `reference` names, which the cluster lacks. Pure. */
function missingReferenceHint(object: SynthesizedObject, reference: FluxReference): string {
  if (reference.field === 'spec.decryption.secretRef') {
    return `set gitops: flux({ sopsSecretName: '${reference.name}' }), whose bootstrap step makes that Secret from the age key file and whose Kustomizations decrypt with it`;
  }
  if (reference.field === 'spec.secretRef' && SOURCE_KINDS.has(object.manifest.kind)) {
    return `make the credentials Secret ${reference.name} in namespace ${reference.namespace} (a SealedSecret, SopsSecret or ExternalSecret of the keys the ${object.manifest.kind} reads, `
      + `such as username and password, or identity and known_hosts for an ssh:// URL), or declareExternal(scope, { secrets: [{ namespace: '${reference.namespace}', name: '${reference.name}' }] }) when it is made by hand`;
  }
  if (reference.field === 'spec.secretRef') {
    return `make the registry's credentials Secret ${reference.name} in namespace ${reference.namespace}, of type kubernetes.io/dockerconfigjson (a SealedSecret or SopsSecret of what kubectl create secret docker-registry --dry-run=client -o yaml prints), `
      + `or declareExternal(scope, { secrets: [{ namespace: '${reference.namespace}', name: '${reference.name}' }] }) when it is made by hand`;
  }
  if (reference.field.startsWith('spec.healthChecks[')) {
    return `name a ${reference.kind} the cluster has (a namespace left out is the Kustomization's own), or drop the health check: the Kustomization would fail at every reconcile once its timeout passes`;
  }
  if (reference.field.startsWith('spec.resources[') && reference.kind === 'GitRepository') {
    return `name the repository flux bootstrap makes, { kind: 'GitRepository', name: 'flux-system', namespace: 'flux-system' }, or another GitRepository the cluster has: a push webhook naming none is refused and nothing is fetched sooner`;
  }
  if (!VALUE_SOURCES.has(reference.kind)) {
    return `name a ${reference.kind} the cluster has (a namespace left out is the ${object.manifest.kind}'s own), or add it`;
  }
  const secret = reference.kind === 'Secret';
  return `make ${reference.kind} ${reference.name} in namespace ${reference.namespace} (a ${secret ? 'SealedSecret, SopsSecret or ExternalSecret' : 'ConfigMap'} of the repository), `
    + `declareExternal(scope, { ${secret ? 'secrets' : 'configMaps'}: [{ namespace: '${reference.namespace}', name: '${reference.name}' }] }) when it is made by hand, or mark the entry optional: true`;
}

/**
 * A Flux HelmRelease's or Kustomization's source and dependencies are objects of the cluster: a name that
 * matches none leaves the release waiting for ever (`HelmRepository … not found`, a dependency never ready);
 * and no object depends on itself through its dependencies (see checkDependencyCycles).
 */
export function checkFluxReferences(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  let index: ObjectIndex | undefined;
  let made: ReadonlySet<string> | undefined;
  let withoutCrd: ((apiVersion: string, kind: string) => boolean) | undefined;
  for (let n = 0, all = cluster.objects; n < all.length; n++) {
    const object = all[n];
    if (isBootstrapSyncObject(object)) {
      findings.push(objectFinding(object, {
        layer: 'references', severity: 'error', field: 'metadata.name',
        message: `${object.manifest.kind} flux-system/flux-system is what flux bootstrap makes and keeps for the repository it was run for; one from Git would be its second owner, and it points Flux at another repository or path`,
        hint: 'drop this object (a gotk-sync.yaml of the repository this lab replaces): the cluster\'s own is written by the bootstrap step its README lists',
      }));
    }
    findings.push(...healthCheckKindFindings(cluster, object, () => (index ??= indexOf(cluster.objects)), () => (withoutCrd ??= kindsWithoutCrd(cluster))));
    const references = fluxReferences(object);
    for (let r = 0; r < references.length; r++) {
      const reference = references[r];
      index ??= indexOf(cluster.objects);
      made ??= madeOrDeclared(cluster, index);
      if (index.find(reference.kind, reference.namespace, reference.name) === undefined
        && !BOOTSTRAP_OBJECTS.has(`${reference.kind}/${reference.namespace}/${reference.name}`)
        && !made.has(`${reference.kind}/${keyOf(reference.namespace, reference.name)}`)) {
        findings.push(objectFinding(object, {
          layer: 'references', severity: 'error', field: reference.field,
          message: `${reference.kind} ${reference.namespace}/${reference.name} is not an object of cluster "${cluster.chart.clusterName}"`,
          hint: missingReferenceHint(object, reference),
        }));
      }
    }
  }
  checkDependencyCycles(cluster, findings, fluxReferences);
  return findings;
}
