import { AppVolume, ClusterChart, HomelabApp, ServiceRoute } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// The sixth round of correct labs lets an app be told it is reached at the host of a ServiceRoute to its own
// Service (n8n's webhooks on a host of their own). A host a ServiceRoute sends to another Service is still not
// the app's: its URLs there reach the other app, or nothing.

/** n8n routed at `n8n`, told its webhooks are at `hooks`, whose ServiceRoute sends to `service`. */
const n8nWithHooksAt = (service: string) => guarded((cluster: ClusterChart) => {
  new HomelabApp(cluster, 'n8n', {
    namespace: 'automation', image: 'n8nio/n8n:1.81.4', ports: [{ name: 'http', port: 5678 }],
    env: { N8N_HOST: 'n8n.lab.test', N8N_PROTOCOL: 'https', WEBHOOK_URL: 'https://hooks.lab.test/' },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/home/node/.n8n' } },
    route: { host: 'n8n' },
  });
  new ServiceRoute(cluster, 'hooks', { name: 'hooks', host: 'hooks', path: '/webhook', namespace: 'automation', serviceName: service, port: 5678 });
});

export const CASES: BadInput[] = [
  {
    name: "n8n told its webhooks are on a host whose ServiceRoute sends to another Service",
    build: n8nWithHooksAt('n8n-old'), layer: 'props', path: 'n8n', field: 'env.WEBHOOK_URL', message: /hooks\.lab\.test, which no route of this app serves/,
  },
];
