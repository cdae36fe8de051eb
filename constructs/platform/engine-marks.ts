// The annotations by which GitOps engines keep an object they would prune, or replace one they cannot
// patch. The engines set them (`keepWhenRemoved`, `replaceWhenChanged`); checks of the output read them here.

/** Flux's kustomize-controller leaves an object so annotated (`disabled`) in the cluster when it prunes. */
export const FLUX_PRUNE_ANNOTATION = 'kustomize.toolkit.fluxcd.io/prune';

/** Flux's kustomize-controller deletes and re-creates an object so annotated (`enabled`) that it cannot patch. */
export const FLUX_FORCE_ANNOTATION = 'kustomize.toolkit.fluxcd.io/force';

/** Argo CD's sync options of one object, comma-separated (`Prune=false` keeps it when it is pruned). */
export const ARGO_SYNC_OPTIONS_ANNOTATION = 'argocd.argoproj.io/sync-options';

/** Whether an object with `annotations` is left in the cluster by its engine when it leaves the output. Pure. */
export function keptWhenRemoved(annotations: Readonly<Record<string, unknown>>): boolean {
  return annotations[FLUX_PRUNE_ANNOTATION] === 'disabled'
    || String(annotations[ARGO_SYNC_OPTIONS_ANNOTATION] ?? '').split(',').includes('Prune=false');
}

/** Whether an object with `annotations` is made anew by its engine when a change cannot be patched. Pure. */
export function replacedWhenChanged(annotations: Readonly<Record<string, unknown>>): boolean {
  return annotations[FLUX_FORCE_ANNOTATION] === 'enabled';
}
