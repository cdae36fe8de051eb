import type { Namespaces } from './namespaces';
import type { Platform } from './platform';
import { leaveOwnerAction } from '../synth/owner-action';

/** The Pod Security label that raises what a namespace enforces; the other labels stay its maker's. */
const ENFORCE_LABEL = 'pod-security.kubernetes.io/enforce';

/**
 * Gives each namespace made outside the repository the Pod Security level that what runs in it needs,
 * since no Namespace object of the repository carries it. The namespace a component's upstream files make
 * gets it from the engine with the component (`namespaceLabels`: Flux patches it, K3s and GitLab CI run
 * `kubectl label`, under Argo CD it is an owner step); any other one (Kubernetes' own, an engine's bootstrap
 * namespace such as `flux-system`, one declared preinstalled) is labelled by its owner, so each one that
 * needs more than `restricted` gets an owner step. Without it the cluster's default level applies, which
 * on Talos enforces `baseline` and refuses the pods.
 */
export function leaveNamespaceLevelSteps(namespaces: Namespaces, platform: Platform): void {
  const labelledByFiles = new Set(platform.components
    .filter((c) => c.install.type === 'manifests' && c.install.createsNamespace)
    .map((c) => c.namespace));
  const madeElsewhere = platform.namespacesMadeElsewhere;
  for (const name of namespaces.leftOutNames.filter((n) => !labelledByFiles.has(n))) {
    const { level, reasons } = namespaces.levelOf(name);
    if (level === 'restricted') {
      continue; // every level allows what restricted allows
    }
    leaveOwnerAction(namespaces, {
      kind: 'bootstrap',
      action: `give namespace ${name}, made outside the repository (${madeElsewhere.get(name) ?? 'by its owner'}), Pod Security level ${level}, which its pods need (${reasons.join('; ')})`,
      command: `kubectl label namespace ${name} ${ENFORCE_LABEL}=${level} --overwrite`,
    });
  }
}
