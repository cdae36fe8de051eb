import type { SynthesizedObject } from '../synth/collect';
import { AddFinding, fields, text } from './manifest';

// What Gatekeeper's webhook refuses in a ConstraintTemplate although its CRD schema allows it: the
// constraint framework's ValidateConstraintTemplateBasic (constraint/pkg/client), which the webhook calls
// before it compiles the template's Rego.

/**
 * A ConstraintTemplate names the kind of its constraints (`spec.crd.spec.names.kind`), and its own name is
 * that kind in lower case, as Gatekeeper makes the constraints' CRD from it.
 */
export function checkConstraintTemplate(object: SynthesizedObject, add: AddFinding): void {
  const name = text(fields(object.manifest.metadata).name) ?? '';
  const kind = text(fields(fields(fields(fields(object.manifest.spec).crd).spec).names).kind) ?? '';
  if (kind === '') {
    add('spec.crd.spec.names.kind', 'the ConstraintTemplate names no kind for its constraints, so Gatekeeper\'s webhook refuses it',
      `name the kind in CamelCase, the template's name being that kind in lower case, e.g. kind: K8sRequiredLabels for ${JSON.stringify(name || 'k8srequiredlabels')}`);
  } else if (name.toLowerCase() !== kind.toLowerCase()) {
    add('metadata.name', `the ConstraintTemplate's name ${JSON.stringify(name)} is not its constraints' kind ${kind} in lower case, so Gatekeeper's webhook refuses it`,
      `name the template ${JSON.stringify(kind.toLowerCase())}, or set spec.crd.spec.names.kind to the kind it is named after`);
  }
}
