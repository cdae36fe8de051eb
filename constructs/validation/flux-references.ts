import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import type { Finding } from './finding';
import { fields, list, namespaceOf, objectFinding, text } from './manifest';
import { checkDependencyCycles } from './flux-rules';
import { indexOf, ObjectIndex } from './object-index';

/** What `flux bootstrap` makes itself: the repository it was run for, which no output of synth holds. */
const BOOTSTRAP_SOURCE = 'GitRepository/flux-system/flux-system';

/** A reference of a Flux object to another object, and the field that holds it. */
export interface FluxReference {
  readonly field: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
}

const NONE: readonly FluxReference[] = [];

/** The sources and dependencies a HelmRelease or a Kustomization of Flux names; their namespace defaults to the referrer's. */
function fluxReferences(object: SynthesizedObject): readonly FluxReference[] {
  const kind = object.manifest.kind;
  if (kind !== 'HelmRelease' && kind !== 'Kustomization') {
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
  if (kind === 'HelmRelease' && apiVersion.startsWith('helm.toolkit.fluxcd.io/')) {
    return [
      ...ref('spec.chart.spec.sourceRef', fields(fields(spec.chart).spec).sourceRef),
      ...ref('spec.chartRef', spec.chartRef),
      ...dependencies('HelmRelease'),
    ];
  }
  if (kind === 'Kustomization' && apiVersion.startsWith('kustomize.toolkit.fluxcd.io/')) {
    return [...ref('spec.sourceRef', spec.sourceRef), ...dependencies('Kustomization')];
  }
  return NONE;
}

/**
 * A Flux HelmRelease's or Kustomization's source and dependencies are objects of the cluster: a name that
 * matches none leaves the release waiting for ever (`HelmRepository … not found`, a dependency never ready);
 * and no object depends on itself through its dependencies (see checkDependencyCycles).
 */
export function checkFluxReferences(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  let index: ObjectIndex | undefined;
  for (let n = 0, all = cluster.objects; n < all.length; n++) {
    const object = all[n];
    const references = fluxReferences(object);
    for (let r = 0; r < references.length; r++) {
      const reference = references[r];
      index ??= indexOf(cluster.objects);
      if (index.find(reference.kind, reference.namespace, reference.name) === undefined
        && `${reference.kind}/${reference.namespace}/${reference.name}` !== BOOTSTRAP_SOURCE) {
        findings.push(objectFinding(object, {
          layer: 'references', severity: 'error', field: reference.field,
          message: `${reference.kind} ${reference.namespace}/${reference.name} is not an object of cluster "${cluster.chart.clusterName}"`,
          hint: `name a ${reference.kind} the cluster has (a namespace left out is the ${object.manifest.kind}'s own), or add it`,
        }));
      }
    }
  }
  checkDependencyCycles(cluster, findings, fluxReferences);
  return findings;
}
