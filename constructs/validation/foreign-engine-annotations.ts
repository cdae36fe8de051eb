import type { SynthesizedCluster } from '../synth/collect';
import type { Finding } from './finding';
import { fields, objectFinding } from './manifest';

/** Argo CD's annotations that order or hold back what it applies, and what they asked Argo CD for. */
const ARGO_CD_ORDERING: ReadonlyArray<readonly [annotation: string, meaning: string]> = [
  ['argocd.argoproj.io/sync-wave', 'to apply it in a wave before or after the others'],
  ['argocd.argoproj.io/hook', 'to run it only around a sync, as a hook'],
];

/**
 * Argo CD's sync waves and hooks on the objects of a cluster whose engine is not Argo CD (a Flux repository's
 * objects kept from an Argo CD one): no other engine reads them, so a hook Job runs at every apply as an
 * ordinary Job, and the order the waves gave is lost without a word.
 */
export function checkForeignEngineAnnotations(cluster: SynthesizedCluster): Finding[] {
  const engine = cluster.chart.gitops?.name;
  if (engine === 'argo-cd') {
    return [];
  }
  const findings: Finding[] = [];
  for (let n = 0, all = cluster.objects; n < all.length; n++) {
    const object = all[n];
    const annotations = fields(fields(object.manifest.metadata).annotations);
    for (let a = 0; a < ARGO_CD_ORDERING.length; a++) {
      const annotation = ARGO_CD_ORDERING[a][0];
      if (annotations[annotation] !== undefined) {
        const meaning = ARGO_CD_ORDERING[a][1];
        findings.push(objectFinding(object, {
          layer: 'references', severity: 'error', field: `metadata.annotations.${annotation}`,
          message: `annotation ${annotation} asks Argo CD ${meaning}, but cluster "${cluster.chart.clusterName}" is applied by ${engine ?? 'no GitOps engine'}, which ignores it`,
          hint: engine === 'flux'
            ? 'drop the annotation; what must exist first goes into an earlier layer (the platform or config layer), or a HelmRelease or Kustomization waits for another with dependsOn'
            : 'drop the annotation; what must exist first goes into an earlier layer (the platform or config layer)',
        }));
      }
    }
  }
  return findings;
}
