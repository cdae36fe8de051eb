import type { Construct } from 'constructs';
import { App, AppVolume } from '../../constructs';
import { releases } from './releases';

/**
 * Uptime Kuma, the status page the VPS serves, at the version pinned for `stage`: sandbox runs the
 * version about to be promoted, cloud the one sandbox has proven.
 */
export function uptimeKuma(scope: Construct, stage: 'sandbox' | 'cloud'): App {
  return new App(scope, 'uptime-kuma', {
    image: `louislam/uptime-kuma:${releases.pin('uptime-kuma', stage)}`,
    // The image's entrypoint chowns /app/data as root; starting the server directly keeps it non-root.
    command: ['node', 'server/server.js'],
    env: { DATA_DIR: '/app/data/', UPTIME_KUMA_PORT: '3001' },
    ports: [{ name: 'http', port: 3001 }],
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'fast', size: '2Gi' }), mountPath: '/app/data' },
    },
    resources: { cpuRequest: '50m', memoryRequest: '128Mi', memoryLimit: '512Mi' },
    probes: { readiness: { httpPath: '/' }, startup: { tcp: true, failureThreshold: 30 } },
    route: { host: 'uptime' },
  });
}
