import { factValue, promotionChain } from '../../constructs';
import { uptimeKumaFacts } from '../../hosts/mobius';

/**
 * Progressive delivery sandbox → cloud → homelab by per-stage version pins. All three clusters follow
 * `main`; a version reaches a stage only when this table says so, after the stage before it ran it.
 * Promoting is a one-line change here, and synthesis fails when a stage would run something newer than
 * the stage before it.
 */
export const releases = promotionChain({
  stages: ['sandbox', 'cloud', 'homelab'],
  pins: {
    // Cloud's status page, tried on the sandbox first; the version both start from is a placeholder (see
    // uptime-kuma.ts), and promoting writes each stage's own version here.
    'uptime-kuma': { sandbox: factValue(uptimeKumaFacts.version), cloud: factValue(uptimeKumaFacts.version) },
  },
});
