import type { SynthesizedObject } from '../synth/collect';
import { checkResourceAmounts } from './container-rules';
import { DNS1123_LABEL, nameProblem } from './dns-names';
import { AddFinding, fields, list, text } from './manifest';
import { checkTolerations } from './pod-rules';
import { checkSelectorMap } from './selector-rules';

/**
 * What the API server refuses in a RuntimeClass (ValidateRuntimeClass) although the schema allows it: a
 * handler that is no DNS label (it names the runtime handler in the node's containerd or CRI-O
 * configuration), an overhead of a resource no container could have or below zero, a node selector
 * whose keys or values are no label keys or values, and tolerations a pod could not have (see
 * `checkTolerations`) or that are listed twice.
 */
export function checkRuntimeClass(object: SynthesizedObject, add: AddFinding): void {
  const handler = text(object.manifest.handler);
  const problem = handler === undefined ? undefined : nameProblem(handler, DNS1123_LABEL);
  if (problem !== undefined) {
    add('handler', `handler ${problem}`, "name the runtime handler as the node's container runtime configures it, in lower-case letters, digits and '-', e.g. runsc or kata");
  }
  checkResourceAmounts(fields(fields(object.manifest.overhead).podFixed), 'overhead.podFixed', 'an overhead', add);
  const scheduling = fields(object.manifest.scheduling);
  if (scheduling.nodeSelector !== undefined) {
    checkSelectorMap(scheduling.nodeSelector, 'scheduling.nodeSelector', add);
  }
  checkTolerations(scheduling.tolerations, 'scheduling.tolerations', add);
  const seen = new Map<string, number>();
  list(scheduling.tolerations).forEach((toleration, i) => {
    // The API server tells tolerations apart by these four; tolerationSeconds does not make one new.
    const identity = JSON.stringify([toleration.key ?? '', toleration.operator ?? '', toleration.value ?? '', toleration.effect ?? '']);
    const first = seen.get(identity);
    if (first !== undefined) {
      add(`scheduling.tolerations[${i}]`, `repeats scheduling.tolerations[${first}] (same key, operator, value and effect)`, 'list each toleration once');
    } else {
      seen.set(identity, i);
    }
  });
}
