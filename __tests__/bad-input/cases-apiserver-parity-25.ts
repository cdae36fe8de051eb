import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { widgetOf } from './cases-apiserver-parity-24';
import { besideWeb, goodDeployment, refusedAtW as at } from './lab';

// What a strict server-side dry-run refuses beyond the rounds before: custom resources that break a rule of
// their CRD calling a function of the Kubernetes CEL libraries every 1.30 API server gives CRD rules (the lists
// library's isSorted, sum, min, max and indexOf, the regex library's find and findAll, and the sets extension).
// Such a rule was skipped, so the custom resource passed synthesis and the API server refused it; so was a
// rule on a string of format date-time, date, duration or byte, or on a whole number of type number, which the
// API server hands to CEL as a timestamp, a duration, bytes or a double. And pod
// templates of annotations the API server reads itself (ValidatePodSpecificAnnotations): a pod deletion cost
// that is no 32-bit whole number, and the mirror-pod annotation of a pod bound to no node.

/** A cluster with the Widget CRD whose spec field `x` is of `schema` and must keep `rule`, and a Widget `w` of `x`. */
export const ruledWidget = (schema: Record<string, unknown>, rule: string, x: unknown): (c: ClusterChart) => void =>
  widgetOf({ ...schema, 'x-kubernetes-validations': [{ rule, message: `x must keep ${rule}` }] }, { x });

/** The Deployment `w` beside the good one, its pods annotated with `annotations`; `pod` adds to their spec. */
export const annotatedPods = (annotations: Record<string, string>, pod: Record<string, unknown> = {}) => besideWeb(goodDeployment('w', pod, {}, annotations));
const COST = 'controller.kubernetes.io/pod-deletion-cost';
const ANNOTATIONS = 'spec.template.metadata.annotations';

const DATE_TIME = { type: 'string', format: 'date-time' };
/** A Widget CRD whose spec field `x` holds a window from `start` to `end` of format date-time, the start first. */
export const windowWidget = (x: Record<string, unknown>) => ruledWidget({ type: 'object', properties: { start: DATE_TIME, end: DATE_TIME } }, 'self.start < self.end', x);
const NUMBERS = { type: 'array', items: { type: 'integer' } };
const WORDS = { type: 'array', items: { type: 'string' } };
const TEXT = { type: 'string' };

export const CASES: BadInput[] = [
  at('a Widget list out of the order its CRD rule keeps with isSorted', ruledWidget(NUMBERS, 'self.isSorted()', [3, 1, 2]), 'spec.x', /schema that CustomResourceDefinition widgets\.lab\.example gives Widget/),
  at('Widget shares whose sum is above what its CRD rule allows', ruledWidget(NUMBERS, 'self.sum() <= 100', [60, 50]), 'spec.x'),
  at('a Widget list whose smallest item is below what its CRD rule allows', ruledWidget(NUMBERS, 'self.min() >= 1', [2, 0]), 'spec.x'),
  at('a Widget list whose largest item is above what its CRD rule allows', ruledWidget(NUMBERS, 'self.max() <= 10', [2, 11]), 'spec.x'),
  at('a Widget list whose first item is not the one its CRD rule requires with indexOf', ruledWidget(WORDS, "self.indexOf('primary') == 0", ['backup', 'primary']), 'spec.x'),
  at('a Widget list that repeats an item its CRD rule allows once with lastIndexOf', ruledWidget(WORDS, "self.indexOf('primary') == self.lastIndexOf('primary')", ['primary', 'backup', 'primary']), 'spec.x'),
  at('a Widget text holding what its CRD rule refuses with find', ruledWidget(TEXT, "self.find('[A-Z]') == ''", 'backup-Nightly'), 'spec.x'),
  at('a Widget text of more numbers than its CRD rule allows with findAll', ruledWidget(TEXT, "size(self.findAll('[0-9]+')) <= 1", 'v1.2.3'), 'spec.x'),
  at('a Widget list missing an item its CRD rule requires with sets.contains', ruledWidget(WORDS, "sets.contains(self, ['read'])", ['write']), 'spec.x'),
  at('a Widget list sharing an item with what its CRD rule forbids with sets.intersects', ruledWidget(WORDS, "!sets.intersects(self, ['admin', 'root'])", ['read', 'root']), 'spec.x'),
  at('a Widget expiry after the latest its CRD rule allows, a date-time read as a timestamp', ruledWidget(DATE_TIME, "self < timestamp('2030-01-01T00:00:00Z')", '2031-06-01T00:00:00Z'), 'spec.x'),
  at('a Widget window that ends before it starts, its date-times compared as timestamps', windowWidget({ start: '2024-03-01T00:00:00Z', end: '2024-02-01T00:00:00Z' }), 'spec.x'),
  at('a Widget date before the first its CRD rule allows', ruledWidget({ type: 'string', format: 'date' }, "self >= timestamp('2024-01-01T00:00:00Z')", '2023-12-31'), 'spec.x'),
  at('a Widget timeout longer than its CRD rule allows, a duration read as one', ruledWidget({ type: 'string', format: 'duration' }, "self <= duration('1h')", '90m'), 'spec.x'),
  at('a Widget key of more bytes than its CRD rule allows, base64 read as bytes', ruledWidget({ type: 'string', format: 'byte' }, 'size(self) <= 4', 'YWJjZGVm'), 'spec.x'),
  at('a Widget ratio of a whole number that its CRD rule divides as a double', ruledWidget({ type: 'number' }, 'self / 2.0 <= 1.0', 3), 'spec.x'),
  at('a pod deletion cost written as a word', annotatedPods({ [COST]: 'low' }), `${ANNOTATIONS}.${COST}`, /e\.g\. "-100"/),
  at('a pod deletion cost beyond 32 bits', annotatedPods({ [COST]: '5000000000' }), `${ANNOTATIONS}.${COST}`),
  at('a pod deletion cost with a plus sign', annotatedPods({ [COST]: '+10' }), `${ANNOTATIONS}.${COST}`),
  at('a pod deletion cost with a leading zero', annotatedPods({ [COST]: '010' }), `${ANNOTATIONS}.${COST}`),
  at('a mirror-pod annotation on pods bound to no node', annotatedPods({ 'kubernetes.io/config.mirror': '8c6a7f5e' }), `${ANNOTATIONS}.kubernetes.io/config.mirror`, /drop the annotation/),
  at('a Widget list other than the set its CRD rule requires with sets.equivalent', ruledWidget(WORDS, "sets.equivalent(self, ['read', 'write'])", ['read']), 'spec.x'),
];
