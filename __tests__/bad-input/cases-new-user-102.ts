import { App, AppController, AppVolume, ClusterChart, SecretReference } from '../../constructs';
import type { AppProps } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// A new user runs the household's passwords and the lab's secrets from the README alone: Vaultwarden, Passbolt,
// Infisical and OpenBao on integrated raft storage. Each mistake passed synthesis and then left the app unreachable
// at its route, its links pointing elsewhere, or its servers restarted or never ready.

/** An App `id` of namespace `id` behind a route of host `id`, with `props` added. */
const routed = (id: string, props: Partial<AppProps> & { image: string }) => guarded((cluster: ClusterChart) => new App(cluster, id, {
  namespace: id, ports: [{ name: 'http', port: 8080 }], route: { host: id }, ...props,
} as AppProps));
/** OpenBao on three replicas of a StatefulSet, probed as `probes` says. */
const openbao = (probes: AppProps['probes']) => routed('openbao', {
  image: 'openbao/openbao:2.1.0', replicas: 3, controller: AppController.statefulSet(), probes,
  ports: [{ name: 'http', port: 8200 }, { name: 'cluster', port: 8201 }], command: ['bao', 'server', '-config=/openbao/config/config.hcl'],
});

/** App `id` of `image` told by `variable` that it is reached at `url`, which its route's host is not; a Secret read beside it. */
const publicUrlCase = (name: string, id: string, image: string, readiness: string, variable: string, url: string): BadInput => ({
  name,
  build: routed(id, { image, probes: { readiness: { httpPath: readiness } }, env: { [variable]: url, DB_PASSWORD: SecretReference.external(id, id, 'db-password') } }),
  layer: 'props', path: id, field: `env.${variable}`, hint: new RegExp(`${variable}: 'https?://${id}\\.lab\\.test'`),
});

export const CASES: BadInput[] = [
  publicUrlCase("Passbolt told it is reached at the compose file's passbolt.local", 'passbolt', 'passbolt/passbolt:4.10.1-1-ce-non-root', '/healthcheck/status.json', 'APP_FULL_BASE_URL', 'https://passbolt.local'),
  {
    name: "Passbolt's image of the compose file, whose nginx listens on 80, declared on 8080 as the non-root one listens",
    build: routed('passbolt', { image: 'passbolt/passbolt:4.10.1-1-ce', probes: { readiness: { httpPath: '/healthcheck/status.json' } }, env: { APP_FULL_BASE_URL: 'https://passbolt.lab.test' } }),
    layer: 'props', path: 'passbolt', field: 'ports[0].port', hint: /-ce-non-root/,
  },
  publicUrlCase("Infisical's SITE_URL left at the compose file's http://localhost:8080", 'infisical', 'infisical/infisical:v0.93.1-postgres', '/api/status', 'SITE_URL', 'http://localhost:8080'),
  {
    name: 'OpenBao on three replicas made ready by the bare health endpoint, which a standby answers 429',
    build: openbao({ readiness: { httpPath: '/v1/sys/health' }, liveness: { httpPath: '/v1/sys/health?standbyok=true&sealedcode=204&uninitcode=204' } }),
    layer: 'props', path: 'openbao', field: 'probes.readiness.httpPath', hint: /standbyok=true/, message: /standby answers 429/,
  },
  {
    name: "Vaultwarden's old websocket port 3012 declared on a release that has no websocket server",
    build: routed('vaultwarden', {
      image: 'vaultwarden/server:1.34.3', probes: { readiness: { httpPath: '/alive' } },
      ports: [{ name: 'http', port: 8080 }, { name: 'websocket', port: 3012 }],
      env: { ROCKET_PORT: '8080', WEBSOCKET_ENABLED: 'true', DOMAIN: 'https://vaultwarden.lab.test' },
      persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/data' } },
    }),
    layer: 'props', path: 'vaultwarden', field: 'ports[1].port', hint: /leave port 3012 out/,
  },
];
