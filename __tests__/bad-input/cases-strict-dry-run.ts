import type { BadInput } from './cases';
import { besideWeb as w, goodDeployment, refusedAtW as at } from './lab';

// Pod specs that a strict server-side dry-run passes although the pod they make never runs: the API
// server stores the value, the kubelet refuses it when it sets the pod up. Reported on the field written.

const POD = 'spec.template.spec';
const withCache = (emptyDir: Record<string, unknown>) => w(goodDeployment('api', { volumes: [{ name: 'cache', emptyDir }] }));

export const CASES: BadInput[] = [
  at('an emptyDir on a storage medium the kubelet does not know', withCache({ medium: 'Disk' }), `${POD}.volumes[0].emptyDir.medium`, /Memory/),
  at('an emptyDir on huge pages of no page size', withCache({ medium: 'HugePages-big' }), `${POD}.volumes[0].emptyDir.medium`),
];
