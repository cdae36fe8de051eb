import { fields, labelSelectorMatches, list, text } from './manifest';
import type { PodTemplate } from './pod-spec';

// A pod with a required pod affinity on `kubernetes.io/hostname` to another workload's pods starts only on a node
// where one of them runs: a backup CronJob that follows its app so lands beside it, where a ReadWriteOnce volume the
// app holds mounts in both pods, whichever node the app is on.

const HOSTNAME_LABEL = 'kubernetes.io/hostname';

/**
 * Whether `follower`'s pods must run on the node of a pod of `leader`: a required pod affinity term of `follower` on
 * `kubernetes.io/hostname` whose label selector picks `leader`'s pods, in `leader`'s namespace (the follower's own
 * unless the term lists namespaces; a namespace selector is not read). Pure.
 */
export function followsToHost(follower: PodTemplate, leader: PodTemplate): boolean {
  const terms = list(fields(fields(follower.spec.affinity).podAffinity).requiredDuringSchedulingIgnoredDuringExecution);
  return terms.some((term) => {
    const namespaces = Array.isArray(term.namespaces) && term.namespaces.length > 0 ? term.namespaces.map(String) : [follower.namespace];
    return text(term.topologyKey) === HOSTNAME_LABEL && term.namespaceSelector === undefined && term.labelSelector !== undefined
      && namespaces.includes(leader.namespace) && labelSelectorMatches(fields(term.labelSelector), leader.labels);
  });
}
