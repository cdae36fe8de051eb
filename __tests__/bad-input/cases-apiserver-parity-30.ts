import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { ruledWidget } from './cases-apiserver-parity-25';
import { besideWeb, refusedAtW } from './lab';

// What a strict server-side dry-run refuses beyond the rounds before. A metav1.MicroTime field (a Lease's
// renewTime and acquireTime, an Event's eventTime), which the swagger calls a date-time but the API server
// decodes with Go's layout RFC3339Micro: exactly six digits of fraction, so a time without them, or with
// milliseconds, does not decode ("cannot parse ... as .000000"). And a CRD rule that ends in an error on the
// object, which the API server reports "evaluating rule" and refuses the object for: int() of a string that is
// no decimal number, a division by a field of 0, an index past a list's end, quantity() of text that is no
// quantity, format() given a value its verb does not take, a sum beyond 64 bits.

const MICRO = /six digits of microseconds/;
const SIX_DIGITS = /six digits after the seconds/;
/** A Lease `w` in namespace web whose spec is `spec`. */
export const leaseWith = (spec: Record<string, unknown>) => besideWeb({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'w', namespace: 'web' }, spec });

const TEXT = { type: 'string' };
const EVALUATED = /cannot be evaluated on this object.*refuses an object a rule of its CRD errors on/;
/** A case of the Widget `w`, whose field `x` the API server refuses as its CRD's rule errors on it. */
const erring = (name: string, build: (c: ClusterChart) => void, hint: RegExp, message: RegExp): BadInput => ({ ...refusedAtW(name, build, 'spec.x', hint), message });
/** A Widget field of a numerator `n` and a divisor `d`. */
export const RATIO = { type: 'object', properties: { n: { type: 'integer' }, d: { type: 'integer' } } };

export const CASES: BadInput[] = [
  { ...refusedAtW('a Lease renewed at a time without microseconds', leaseWith({ holderIdentity: 'web-0', renewTime: '2024-05-01T10:00:00Z' }), 'spec.renewTime', SIX_DIGITS), message: MICRO },
  { ...refusedAtW('a Lease acquired at a time in milliseconds', leaseWith({ holderIdentity: 'web-0', acquireTime: '2024-05-01T10:00:00.123Z' }), 'spec.acquireTime', SIX_DIGITS), message: MICRO },
  {
    ...refusedAtW('an Event at a time without microseconds', besideWeb({
      apiVersion: 'events.k8s.io/v1', kind: 'Event', metadata: { name: 'w', namespace: 'web' }, eventTime: '2024-05-01T10:00:00Z',
      reportingController: 'lab.example/backup', reportingInstance: 'backup-1', action: 'Backup', reason: 'Done', type: 'Normal',
      regarding: { apiVersion: 'v1', kind: 'Pod', namespace: 'web', name: 'web-0' },
    }), 'eventTime', SIX_DIGITS), message: MICRO,
  },
  erring('a Widget whose CRD rule reads a word as an int', ruledWidget(TEXT, 'int(self) <= 10', 'ten'), /decimal digits/, /Cannot convert ten.*refuses an object/),
  erring('a Widget whose CRD rule divides by a field of 0', ruledWidget(RATIO, 'self.n % self.d == 0', { n: 4, d: 0 }), /other than 0/, /modulus by zero/),
  erring('a Widget whose CRD rule reads past the end of its list', ruledWidget({ type: 'array', items: TEXT }, "self[1] != ''", ['a']), /size\(self\.items\) > 2/, /index 1 out of bounds/),
  erring('a Widget whose CRD rule reads text that is no quantity', ruledWidget(TEXT, "quantity(self).isLessThan(quantity('10Gi'))", '10 GB'), /isQuantity\(self\.size\)/, EVALUATED),
  erring('a Widget whose CRD rule formats a text field with %d', ruledWidget({ type: 'object', properties: { name: TEXT } }, "'%d-0'.format([self.name]) != ''", { name: 'web' }), /%d an int/, /invalid integer value/),
  erring('a Widget whose CRD rule sums past 64 bits', ruledWidget({ type: 'integer' }, 'self + 9223372036854775807 > 0', 1), /64 bits/, /overflow/),
];
