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
    // Cloud's status page, tried on the sandbox first. Renovate bumps the sandbox's pin only, the stage of
    // the newest versions: cloud's stays the placeholder of the VPS's version (see uptime-kuma.ts) until a
    // promotion writes there the version the sandbox has run.
    'uptime-kuma': {
      // renovate: datasource=docker depName=louislam/uptime-kuma
      sandbox: '1.23.16',
      cloud: factValue(uptimeKumaFacts.version),
    },
  },
});
