import type { SynthesizedObject } from '../synth/collect';
import { AddFinding, fields, list, text } from './manifest';
import { checkLabelSelector } from './selector-rules';

// What the Gateway API implementations refuse in a listener although the CRD takes it: a listener whose
// allowedRoutes.namespaces says `from: Selector` reads its namespace selector with LabelSelectorAsSelector, and
// one without a selector or with one that does not parse is marked Invalid (Envoy Gateway) or matches no
// namespace, so no route attaches through it. The CRD has no rule for either.

/** The operators of a label selector's expressions. */
const SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/** A Gateway's listeners: a `from: Selector` gives a namespace selector, and one the implementations can parse. */
export function checkGatewayListeners(object: SynthesizedObject, add: AddFinding): void {
  list(fields(object.manifest.spec).listeners).forEach((listener, i) => {
    const namespaces = fields(fields(listener.allowedRoutes).namespaces);
    if (text(namespaces.from) !== 'Selector') {
      return;
    }
    const path = `spec.listeners[${i}].allowedRoutes.namespaces.selector`;
    if (namespaces.selector === undefined || namespaces.selector === null) {
      add(path, `listener ${String(listener.name)} admits routes from: Selector but gives no selector, so the Gateway marks the listener invalid and attaches no route through it`,
        "select the namespaces, e.g. selector: { matchLabels: { 'kubernetes.io/metadata.name': 'web' } }, or use from: All or from: Same");
      return;
    }
    const unparsed = (field: string, message: string, hint: string) => add(field,
      `${message}: the Gateway cannot parse listener ${String(listener.name)}'s namespace selector, so no route attaches through the listener`, hint);
    checkLabelSelector(namespaces.selector, path, unparsed);
    // The CRD's selector, unlike a core object's, takes any operator.
    list(fields(namespaces.selector).matchExpressions).forEach((expression, e) => {
      if (!SELECTOR_OPERATORS.includes(expression.operator as string)) {
        unparsed(`${path}.matchExpressions[${e}].operator`, `operator ${JSON.stringify(expression.operator)} is none of ${SELECTOR_OPERATORS.join(', ')}`, `use one of ${SELECTOR_OPERATORS.join(', ')}`);
      }
    });
  });
}
