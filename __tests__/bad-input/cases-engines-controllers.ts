import * as homelab from '../../constructs';
import type { BadInput } from './cases';
import { guarded, lab, labApp, labCluster } from './lab';

// GitOps engine options a user wrote that the engine would misuse or ignore, and workload controllers
// whose pods could never run as asked: each is named on the option or prop the user wrote.

/** A cluster `edge` of the lab whose props are the lab's with `props`; the finding is expected on `field`. */
const cluster = (name: string, props: Record<string, unknown>, field: string, extra: Partial<BadInput> = {}): BadInput => ({
  name, build: guarded((_c, root) => labCluster(root, 'edge', { hosts: [], storage: {}, ...props } as any)), layer: 'props', path: 'edge', field, ...extra,
});

/** An app `db` of `replicas` pods under `controller` that mounts existing claim `x` (declared made elsewhere) at /data. */
const sharingExistingClaim = (controller: homelab.AppController, replicas: number) => (c: homelab.ClusterChart) => {
  homelab.declareExternal(c, { claims: [{ namespace: 'web', name: 'x' }] });
  labApp('db', { namespace: 'web', replicas, controller, persistence: { data: { volume: homelab.AppVolume.existingClaim('x'), mountPath: '/data' } } })(c);
};

const tailscale = () => homelab.tailscaleLoadBalancer({
  oauth: {
    clientId: homelab.SecretReference.external('tailscale', 'operator-oauth', 'client_id'),
    clientSecret: homelab.SecretReference.external('tailscale', 'operator-oauth', 'client_secret'),
  },
});

const agent = { project: 'infra/agent', name: 'agent', kasAddress: 'wss://git.lab.test/-/kubernetes-agent/' };

export const CASES: BadInput[] = [
  cluster('Argo CD sync account that is its built-in admin', { gitops: homelab.argoCd({ syncAccount: 'admin' }) }, 'gitops.syncAccount'),
  { name: 'two Deployment replicas share an existing ReadWriteOnce claim', build: sharingExistingClaim(homelab.AppController.deployment(), 2), layer: 'policy', path: 'db', field: 'replicas' },
  { name: 'two StatefulSet replicas share an existing ReadWriteOnce claim', build: sharingExistingClaim(homelab.AppController.statefulSet(), 2), layer: 'policy', path: 'db', field: 'replicas' },
  {
    name: 'a CronJob on the 30th of February', build: guarded(labApp('backup', { ports: [], controller: homelab.AppController.cronJob({ schedule: '0 3 30 2 *' }) })),
    layer: 'props', path: 'backup', field: 'controller.props.schedule',
  },
  {
    name: 'Traefik address under a Tailscale load balancer, which gives a tailnet address instead',
    build: (_c, app) => labCluster(app, 'edge', { routes: homelab.traefik({ address: lab.pools.vips.at('10.0.8.10') }), loadBalancer: tailscale() }),
    layer: 'references', path: 'edge', field: 'routes.address',
  },
  {
    name: 'app load-balancer address under a Tailscale load balancer',
    build: (_c, app) => labApp('web1', { namespace: 'web', loadBalancer: { address: lab.pools.vips.at('10.0.8.11') } })(labCluster(app, 'edge', { loadBalancer: tailscale() })),
    layer: 'inventory', path: 'web1', field: 'loadBalancer.address',
  },
  cluster('Flux github options for a site whose Git is not on github.com', { gitops: homelab.flux({ github: { personal: false } }) }, 'gitops.github', { layer: 'references' }),
  cluster('GitLab CI access group given as a URL', {
    gitops: homelab.gitLabCi({ agent: { ...agent, ciAccess: [{ group: 'https://gitlab.com/peers/alice', defaultNamespace: 'web' }] } }),
  }, 'gitops.agent.ciAccess[0].group', { hint: /'peers\/alice'/ }),
  cluster("GitLab agent's kasCaCert that is a file's path, not the CA's PEM", {
    gitops: homelab.gitLabCi({ agent: { ...agent, kasCaCert: './lab-ca.pem' } }),
  }, 'gitops.agent.kasCaCert'),
  {
    name: 'Flux moved into the namespace of an app', build: (_c, app) => labApp('web1', { namespace: 'web' })(labCluster(app, 'edge', { gitops: homelab.flux({ namespace: 'web' }) })),
    layer: 'policy', path: 'edge', field: 'gitops.namespace',
  },
  {
    name: 'GitLab agent moved into the namespace of an app',
    build: (_c, app) => labApp('web1', { namespace: 'web' })(labCluster(app, 'edge', { gitops: homelab.gitLabCi({ agent: { ...agent, namespace: 'web' } }) })),
    layer: 'policy', path: 'edge', field: 'gitops.agent.namespace',
  },
  cluster('GitLab CI confined group in a namespace nothing declares', {
    gitops: homelab.gitLabCi({ agent: { ...agent, ciAccess: [{ group: 'peers/alice', defaultNamespace: 'alice', confined: true }] } }),
  }, 'gitops.agent.ciAccess[0].defaultNamespace', { layer: 'references' }),
];
