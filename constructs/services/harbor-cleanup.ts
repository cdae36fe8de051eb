import type { OwnerAction } from '../synth/owner-action';

/**
 * The owner's step that keeps Harbor's image store from filling up. Harbor frees no space by itself: a tag
 * pushed over or left behind keeps its layers until a tag retention rule drops the old tags and garbage
 * collection deletes the blobs no manifest still names, and its chart sets neither. A CI that pushes a new
 * tag at every build fills the store within weeks, and then every push fails. Pure.
 */
export function harborCleanupStep(url: string): OwnerAction {
  return {
    kind: 'manual',
    action: `once Harbor runs, keep its image store from filling up: at ${url}, as its administrator, give each project that is pushed to `
      + '(library among them) a tag retention rule (the project\'s Policy, Tag Retention: for repositories matching **, retain the most recently pushed '
      + 'artifacts, as many as you want to roll back to, with tags matching **, untagged artifacts not kept) on a daily schedule, and schedule garbage '
      + 'collection weekly (Administration, Clean Up, Garbage Collection, with Allow garbage collection on untagged artifacts): Harbor deletes no old tag '
      + 'and frees no layer by itself, and a full store refuses every push. Keep the tags the cluster runs among those retained',
  };
}
