import type { BadInput } from './cases';
import { guarded, labApp } from './lab';

// Probes that name the host they ask for, as a server answering only its own names needs.

export const CASES: BadInput[] = [
  {
    name: 'a probe with a Host header and no HTTP path',
    build: guarded(labApp('web', { probes: { readiness: { tcp: true, httpHost: 'web.lab.test' } } })),
    layer: 'props', path: 'web', field: 'probes.readiness.httpHost', hint: /leave httpHost out/,
  },
];
