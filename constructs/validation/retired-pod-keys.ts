import { AddFinding, fields, Fields, list, text } from './manifest';
import { metadataPathOf } from './pod-confinement';
import type { PodTemplate } from './pod-spec';

/** A key of a pod template that Kubernetes once read and no longer does, and what took its place. */
interface RetiredKey {
  /** What the cluster does with it now. */
  readonly now: string;
  /** What to write instead. */
  readonly instead: string;
}

const SECCOMP_INSTEAD = "securityContext.seccompProfile: { type: RuntimeDefault } on the pod (a profile file of the node is { type: Localhost, localhostProfile: 'profiles/<file>' })";

/**
 * Pod annotations of old posts that a Kubernetes 1.30 kubelet and scheduler no longer read: the API server
 * stores them and warns, and the pods run without what they asked for.
 */
const RETIRED_ANNOTATIONS: ReadonlyMap<string, RetiredKey> = new Map([
  ['seccomp.security.alpha.kubernetes.io/pod', { now: 'no kubelet reads it since Kubernetes 1.27, so the pod runs without the seccomp profile it names', instead: SECCOMP_INSTEAD }],
  ['scheduler.alpha.kubernetes.io/critical-pod', {
    now: 'no scheduler or kubelet reads it since Kubernetes 1.16, so the pod is neither scheduled first nor kept when the node runs short',
    instead: 'priorityClassName: system-cluster-critical in the pod spec (system-node-critical for a pod the node itself needs)',
  }],
  ['pod.beta.kubernetes.io/init-containers', { now: 'Kubernetes 1.8 stopped reading it, so its containers never run', instead: 'the containers as spec.initContainers of the pod' }],
  ['pod.alpha.kubernetes.io/init-containers', { now: 'Kubernetes 1.8 stopped reading it, so its containers never run', instead: 'the containers as spec.initContainers of the pod' }],
]);
/** The container-level form of the seccomp annotation, which ends in the container's name. */
const CONTAINER_SECCOMP_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

/** Taint keys that Kubernetes renamed: a toleration of the old key tolerates no taint any node has. */
const RENAMED_TAINTS: ReadonlyMap<string, string> = new Map([
  ['node-role.kubernetes.io/master', 'node-role.kubernetes.io/control-plane'],
  ['node.alpha.kubernetes.io/unreachable', 'node.kubernetes.io/unreachable'],
  ['node.alpha.kubernetes.io/notReady', 'node.kubernetes.io/not-ready'],
  ['node.alpha.kubernetes.io/ismaster', 'node-role.kubernetes.io/control-plane'],
]);

/**
 * Topology labels that no node of a current cluster carries: the kubelet stopped setting the beta zone and
 * region labels, so a spread or (anti-)affinity over them finds every node outside any domain.
 */
const RENAMED_TOPOLOGY_KEYS: ReadonlyMap<string, string> = new Map([
  ['failure-domain.beta.kubernetes.io/zone', 'topology.kubernetes.io/zone'],
  ['failure-domain.beta.kubernetes.io/region', 'topology.kubernetes.io/region'],
  ['beta.kubernetes.io/instance-type', 'node.kubernetes.io/instance-type'],
]);

const AFFINITY_KINDS = ['podAffinity', 'podAntiAffinity'] as const;

/**
 * Keys of a pod template from before Kubernetes renamed or dropped them, which a 1.30 cluster takes and then
 * ignores: annotations it no longer reads (seccomp's, critical-pod, init containers), tolerations of taints
 * under their old keys, and spreading or pod (anti-)affinity over topology labels no node carries. Each is a
 * setting the pods silently run without. Pure: reports through `add`.
 */
export function checkRetiredPodKeys(template: PodTemplate, add: AddFinding): void {
  const metadataPath = metadataPathOf(template.specPath);
  for (const key in template.annotations) {
    const retired = RETIRED_ANNOTATIONS.get(key)
      ?? (key.startsWith(CONTAINER_SECCOMP_PREFIX) ? { now: 'no kubelet reads it since Kubernetes 1.27, so the container runs without the seccomp profile it names', instead: `securityContext.seccompProfile: { type: RuntimeDefault } on container ${key.slice(CONTAINER_SECCOMP_PREFIX.length)}` } : undefined);
    if (retired !== undefined) {
      add(`${metadataPath}.annotations.${key}`, `the annotation ${key} is retired: ${retired.now}`, `drop the annotation and write ${retired.instead}`);
    }
  }
  const spec = template.spec;
  list(spec.tolerations).forEach((toleration, i) => {
    const key = text(toleration.key);
    const renamed = key === undefined ? undefined : RENAMED_TAINTS.get(key);
    if (renamed !== undefined) {
      add(`${template.specPath}.tolerations[${i}].key`, `tolerates taint ${key}, a key Kubernetes renamed to ${renamed}: no node has a taint of the old key, so the toleration tolerates nothing`,
        `write key: ${renamed}; on K3s a server node carries no such taint unless it was started with one, and an App reaches a host by placement: { host: ... }`);
    }
  });
  list(spec.topologySpreadConstraints).forEach((constraint, i) => topologyKey(constraint, `${template.specPath}.topologySpreadConstraints[${i}]`, add));
  const affinity = fields(spec.affinity);
  for (const kind of AFFINITY_KINDS) {
    const terms = fields(affinity[kind]);
    list(terms.requiredDuringSchedulingIgnoredDuringExecution).forEach((term, i) =>
      topologyKey(term, `${template.specPath}.affinity.${kind}.requiredDuringSchedulingIgnoredDuringExecution[${i}]`, add));
    list(terms.preferredDuringSchedulingIgnoredDuringExecution).forEach((weighted, i) =>
      topologyKey(fields(weighted.podAffinityTerm), `${template.specPath}.affinity.${kind}.preferredDuringSchedulingIgnoredDuringExecution[${i}].podAffinityTerm`, add));
  }
}

function topologyKey(term: Fields, at: string, add: AddFinding): void {
  const key = text(term.topologyKey);
  const renamed = key === undefined ? undefined : RENAMED_TOPOLOGY_KEYS.get(key);
  if (renamed !== undefined) {
    add(`${at}.topologyKey`, `topology key ${key} is a label the kubelet no longer sets: no node is in any of its domains, so a required term keeps the pods off every node and a preferred one or an anti-affinity is ignored`,
      `write topologyKey: ${renamed} where the nodes carry it; K3s sets no zone of its own, so to spread over machines write topologyKey: kubernetes.io/hostname`);
  }
}
