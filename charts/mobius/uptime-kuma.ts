import type { Construct } from 'constructs';
import { App, AppVolume, leaveOwnerAction } from '../../constructs';
import { releases } from './releases';

/**
 * Uptime Kuma, the status page the VPS serves, at the version pinned for `stage`: sandbox runs the
 * version about to be promoted, cloud the one sandbox has proven.
 */
export function uptimeKuma(scope: Construct, stage: 'sandbox' | 'cloud'): App {
  const app = new App(scope, 'uptime-kuma', {
    image: `louislam/uptime-kuma:${releases.pin('uptime-kuma', stage)}`,
    // The image's entrypoint chowns /app/data as root; starting the server directly keeps it non-root.
    command: ['node', 'server/server.js'],
    env: { DATA_DIR: '/app/data/', UPTIME_KUMA_PORT: '3001' },
    ports: [{ name: 'http', port: 3001 }],
    // Size and resources are this chart's choice, the design gives none: kuma.db of a home lab's monitors
    // and their history stays well under 2Gi.
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'fast', size: '2Gi' }), mountPath: '/app/data' },
    },
    resources: { cpuRequest: '50m', memoryRequest: '128Mi', memoryLimit: '512Mi' },
    probes: { readiness: { httpPath: '/' }, startup: { tcp: true, failureThreshold: 30 } },
    route: { host: 'uptime' },
  });
  if (stage === 'cloud') {
    // The design's phase 2 migrates the VPS's existing Uptime Kuma, monitors and history with it.
    leaveOwnerAction(app, {
      kind: 'manual',
      action: "migrate the VPS's Uptime Kuma from Dokploy: stop its container and copy its data folder (/app/data, kuma.db with it) out; with Flux's apps layer suspended "
        + 'and the deployment scaled to 0, copy it into claim uptime-kuma/uptime-kuma-data (a helper pod that mounts the claim, kubectl cp), then resume the layer, which scales it back',
      command: 'docker stop "$DOKPLOY_UPTIME_KUMA" && docker cp "$DOKPLOY_UPTIME_KUMA":/app/data ./uptime-kuma-data && flux -n flux-system suspend kustomization mobius-cloud-apps '
        + '&& kubectl -n uptime-kuma scale deployment/uptime-kuma --replicas=0',
    });
  }
  return app;
}
