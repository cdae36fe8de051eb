import type { SynthesizedObject } from '../synth/collect';
import { checkResourceAmounts } from './container-rules';
import { DNS1123_LABEL, nameProblem } from './dns-names';
import { AddFinding, fields, text } from './manifest';
import { checkSelectorMap } from './selector-rules';

/**
 * What the API server refuses in a RuntimeClass (ValidateRuntimeClass) although the schema allows it: a
 * handler that is no DNS label (it names the runtime handler in the node's containerd or CRI-O
 * configuration), an overhead of a resource no container could have or below zero, and a node selector
 * whose keys or values are no label keys or values.
 */
export function checkRuntimeClass(object: SynthesizedObject, add: AddFinding): void {
  const handler = text(object.manifest.handler);
  const problem = handler === undefined ? undefined : nameProblem(handler, DNS1123_LABEL);
  if (problem !== undefined) {
    add('handler', `handler ${problem}`, "name the runtime handler as the node's container runtime configures it, in lower-case letters, digits and '-', e.g. runsc or kata");
  }
  checkResourceAmounts(fields(fields(object.manifest.overhead).podFixed), 'overhead.podFixed', 'an overhead', add);
  const nodeSelector = fields(object.manifest.scheduling).nodeSelector;
  if (nodeSelector !== undefined) {
    checkSelectorMap(nodeSelector, 'scheduling.nodeSelector', add);
  }
}
