import type { Construct } from 'constructs';
import { App, AppVolume, leaveFirstVisitorStep, leaveOwnerAction, Placeholder } from '../../constructs';
import { uptimeKumaFacts as kuma } from '../../hosts/mobius';
import { placeholderValue } from './stand-in';
import { releases } from './releases';
import { APP_USER, claimCopy, claimCopyCommands } from './claim-copy';
import { DOKPLOY_STOP_WHY, dokployStopCommand } from './dokploy';

/**
 * Uptime Kuma, the status page the VPS serves, at the version pinned for `stage`: sandbox runs the
 * version about to be promoted, cloud the one sandbox has proven.
 */
export function uptimeKuma(scope: Construct, stage: 'sandbox' | 'cloud'): App {
  // The design gives no version, size or resources: each is a placeholder the README lists.
  const stand = (fact: Placeholder<string>) => placeholderValue(scope, fact);
  // Cloud runs the placeholder's version; the sandbox its own pin, which Renovate keeps current.
  if (stage === 'cloud') {
    stand(kuma.version);
  }
  const app = new App(scope, 'uptime-kuma', {
    image: `louislam/uptime-kuma:${releases.pin('uptime-kuma', stage)}`,
    // The image's entrypoint chowns /app/data as root; starting the server directly keeps it non-root.
    command: ['node', 'server/server.js'],
    env: { DATA_DIR: '/app/data/', UPTIME_KUMA_PORT: '3001' },
    ports: [{ name: 'http', port: 3001 }],
    runAsUser: APP_USER, runAsGroup: APP_USER,
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'fast', size: stand(kuma.dataSize) }), mountPath: '/app/data' },
    },
    resources: { cpuRequest: stand(kuma.cpuRequest), memoryRequest: stand(kuma.memoryRequest), memoryLimit: stand(kuma.memoryLimit) },
    probes: { readiness: { httpPath: '/' }, startup: { tcp: true, failureThreshold: 30 } },
    route: { host: 'uptime' },
  });
  // Uptime Kuma starts without a user and lets whoever opens it first make the administrator (its setup page),
  // who may then probe any address the VPS reaches (homelab's networks too, through Twingate). The owner makes
  // it first, through a port forward, before the route's public name and certificate exist.
  leaveFirstVisitorStep(app, {
    label: 'Uptime Kuma', task: 'create its administrator', claims: 'creates the administrator on its setup page',
    then: stage === 'cloud'
      ? "the migration of the VPS's Uptime Kuma below replaces that account with the ones of the kuma.db it brings"
      : undefined,
  });
  if (stage === 'cloud') {
    // The design's phase 2 migrates the VPS's existing Uptime Kuma, monitors and history with it.
    leaveOwnerAction(app, {
      kind: 'manual',
      action: `migrate the VPS's Uptime Kuma from Dokploy: stop its container for good (${DOKPLOY_STOP_WHY}) and copy its data folder (/app/data, kuma.db with it) out; with Flux's apps layer suspended `
        + `and the deployment scaled to 0, copy it into ${claimCopy('uptime-kuma', 'uptime-kuma-data', 'kuma.db')}, then resume the layer, which scales it back`,
      command: [
        `${dokployStopCommand('DOKPLOY_UPTIME_KUMA')} && docker cp "$DOKPLOY_UPTIME_KUMA":/app/data ./uptime-kuma-data`,
        ...claimCopyCommands({
          namespace: 'uptime-kuma', app: 'uptime-kuma', claim: 'uptime-kuma-data', source: './uptime-kuma-data', appsLayer: 'mobius-cloud-apps', sqliteDatabase: 'kuma.db',
        }),
      ].join('\n'),
    });
  }
  return app;
}
