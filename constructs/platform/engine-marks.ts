// The annotations by which GitOps engines keep an object they would prune, or replace one they cannot
// patch. The engines set them (`keepWhenRemoved`, `replaceWhenChanged`); checks of the output read them here.

/** Flux's kustomize-controller leaves an object so annotated (`disabled`) in the cluster when it prunes. */
export const FLUX_PRUNE_ANNOTATION = 'kustomize.toolkit.fluxcd.io/prune';

/** Flux's kustomize-controller deletes and re-creates an object so annotated (`enabled`) that it cannot patch. */
export const FLUX_FORCE_ANNOTATION = 'kustomize.toolkit.fluxcd.io/force';

/** Argo CD's wave of one object within its Application's sync: lower waves are applied, and healthy, first. */
export const SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';

/** Argo CD's sync options of one object, comma-separated (`Prune=false` keeps it when it is pruned). */
export const ARGO_SYNC_OPTIONS_ANNOTATION = 'argocd.argoproj.io/sync-options';

/**
 * K3s' deploy controller applies each file of its manifests folder as one wrangler desired set, owned by
 * the file's `Addon`: an object that leaves a file it still applies is deleted, unless the live object
 * carries this label with `"false"` (wrangler `pkg/apply`: `LabelPrune` in desiredset_apply.go, read by
 * `shouldPrune` in desiredset_process.go; K3s `pkg/deploy/controller.go`, `deploy`, which applies with
 * `WithOwner(addon)`). A label, not an annotation.
 */
export const K3S_PRUNE_LABEL = 'objectset.rio.cattle.io/prune';

/** The metadata of an object, as far as the engines' marks are read from it. */
export interface MarkedMetadata {
  /** @default - none */
  readonly annotations?: Readonly<Record<string, unknown>> | null;
  /** @default - none */
  readonly labels?: Readonly<Record<string, unknown>> | null;
}

/** Whether an object with `metadata` is left in the cluster by its engine when it leaves the output. Pure. */
export function keptWhenRemoved(metadata: MarkedMetadata | null | undefined): boolean {
  const annotations = metadata?.annotations ?? {};
  return annotations[FLUX_PRUNE_ANNOTATION] === 'disabled'
    || String(annotations[ARGO_SYNC_OPTIONS_ANNOTATION] ?? '').split(',').includes('Prune=false')
    || metadata?.labels?.[K3S_PRUNE_LABEL] === 'false';
}

/** Whether an object with `annotations` is made anew by its engine when a change cannot be patched. Pure. */
export function replacedWhenChanged(annotations: Readonly<Record<string, unknown>>): boolean {
  return annotations[FLUX_FORCE_ANNOTATION] === 'enabled';
}
