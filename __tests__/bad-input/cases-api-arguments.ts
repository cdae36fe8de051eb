import { App, bootstrapSecretStep, k3s, leaveFirstVisitorStep, leaveOwnerAction, storageClassNameOf, tailscaleOperatorComponent } from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labCluster } from './lab';

// The library's functions given what a JavaScript caller (or `!` on a lookup that found nothing) hands them: each
// read a field of the argument it had not checked, and the finding was a failure of code rather than the argument.

const web = (c: ClusterChart) => new App(c, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }] });

export const CASES: BadInput[] = [
  {
    name: "storageClassNameOf given the tier of a name the cluster's storage lacks",
    build: guarded((c: ClusterChart) => storageClassNameOf(c.tier('fats')!)),
    layer: 'props', path: 'main', field: 'tier', message: /storageClassNameOf\(\) was given undefined, not a storage tier/, hint: /cluster\.tier\('fast'\)/,
  },
  {
    name: 'tailscaleOperatorComponent given an OAuth client without its client ID',
    build: guarded((c: ClusterChart) => c.platform.require(tailscaleOperatorComponent({ clientSecret: { secretName: 'operator-oauth', key: 'client_secret' } } as never))),
    layer: 'props', path: 'main', field: 'oauth.clientId', hint: /clientId: sealedSecret\.key\('client_id'\)/,
  },
  {
    name: 'bootstrapSecretStep given no Secret, for a step by hand',
    build: guarded((c: ClusterChart) => leaveOwnerAction(c, { kind: 'bootstrap', ...bootstrapSecretStep(undefined as never) })),
    layer: 'props', path: 'main', field: 'secret', hint: /keys: \['password'\]/,
  },
  {
    name: 'bootstrapSecretStep given a Secret without its keys',
    build: guarded((c: ClusterChart) => leaveOwnerAction(c, { kind: 'bootstrap', ...bootstrapSecretStep({ namespace: 'media', name: 'app' } as never) })),
    layer: 'props', path: 'main', field: 'secret', message: /without its list of keys/,
  },
  {
    name: 'leaveFirstVisitorStep given no props',
    build: guarded((c: ClusterChart) => leaveFirstVisitorStep(web(c), undefined as never)),
    layer: 'props', path: 'main', field: 'props', hint: /label: 'Jellyfin'/,
  },
  {
    name: 'leaveFirstVisitorStep given props without what the first visitor claims',
    build: guarded((c: ClusterChart) => leaveFirstVisitorStep(web(c), { label: 'Jellyfin', task: 'finish its startup wizard' } as never)),
    layer: 'props', path: 'web', field: 'claims',
  },
  {
    name: 'leaveFirstVisitorStep given the cluster in place of the app',
    build: guarded((c: ClusterChart) => leaveFirstVisitorStep(c as never, { label: 'Jellyfin', task: 'finish its startup wizard', claims: 'makes the administrator' })),
    layer: 'props', path: 'main', field: 'app', message: /not an App/,
  },
  {
    name: 'k3s given null for its options',
    build: guarded((_c: ClusterChart, root) => labCluster(root, 'edge', { storage: {}, preinstalled: [k3s(null as never)] })),
    layer: 'props', path: 'edge', field: /preinstalled/,
  },
];
