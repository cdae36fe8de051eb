import { Construct } from 'constructs';
import { acmeHttp01, App, AppVolume, ClusterChart, flux, localPathStorage, SecretReference, traefik } from '../../constructs';
import { mobius, vps } from '../../hosts/mobius';

/** The cloud cluster: the VPS worker, public-facing services (seed 004). */
export class Cloud extends ClusterChart {
  constructor(scope: Construct) {
    super(scope, 'cloud', {
      site: mobius,
      hosts: [vps],
      // The VPS answers on its public address, so HTTP-01 works here.
      routes: traefik({ certResolver: 'letsencrypt-http', acme: { 'letsencrypt-http': acmeHttp01() } }),
      storage: { fast: localPathStorage() },
      gitops: flux({ interval: '10m' }),
      // The public half of the split horizon: records in Cloudflare.
      dns: { publicTarget: vps, cloudflare: { apiToken: SecretReference.external('external-dns', 'cloudflare-api-token', 'api-token') } },
    });

    new App(this, 'uptime-kuma', {
      image: 'louislam/uptime-kuma:1.23.16',
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
}
