import { ApiObject, App as CdkApp } from 'cdk8s';
import * as homelab from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { gpu1, guarded, labApp, labCluster, podWithContainer, raw } from './lab';

// Problems earlier rounds reported and left alone, as a user of the README meets them.

/** An Argo CD Application `extra` of cluster `edge`, a cluster of its own site `scp-lab`, whose repository is `gitUrl`. */
const argoApplication = (gitUrl: string, spec: Record<string, unknown>) => guarded((_c: ClusterChart, app: CdkApp) => {
  const node = homelab.host('scp-node', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.9.6.1' });
  const own = homelab.site('scp-lab', { domain: 'scp-lab.test', hosts: [node], git: { url: gitUrl } });
  const cluster = labCluster(app, 'edge', {
    site: own, hosts: [node], loadBalancer: undefined, storage: {},
    gitops: homelab.argoCd({ repositoryCredential: { sshPrivateKey: homelab.SecretReference.external('argocd', 'repo-ssh', 'sshPrivateKey') } }),
  } as any);
  cluster.namespaces.ensure('web');
  new ApiObject(cluster, 'extra', {
    apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'extra', namespace: 'argocd' },
    spec: { project: 'default', destination: { server: 'https://kubernetes.default.svc', namespace: 'web' }, ...spec },
  });
});

// Argo CD finds the cluster an Application deploys to by its server as registered, and knows the cluster it runs
// in only as https://kubernetes.default.svc: the same address with :443 is no cluster of it. And it reads the scp
// form of a Git URL (git@host:org/repo.git) as the ssh:// URL it stands for: an Application of the site's
// repository written in the other form applies the cluster's own folder all the same.
export const CASES: BadInput[] = [
  {
    name: 'an Argo CD Application whose destination is the in-cluster server with :443',
    build: argoApplication('https://git.scp-lab.test/lab.git', {
      source: { repoURL: 'https://git.scp-lab.test/other.git', path: 'apps', targetRevision: 'main' },
      destination: { server: 'https://kubernetes.default.svc:443', namespace: 'web' },
    }),
    layer: 'schema', path: 'extra', field: 'spec.destination.server', hint: /server: https:\/\/kubernetes\.default\.svc \(or name: in-cluster\)/,
  },
  {
    name: "an Argo CD Application of the cluster's own folder, the site's scp Git URL written as ssh://",
    build: argoApplication('git@git.scp-lab.test:me/lab.git', {
      source: { repoURL: 'ssh://git@git.scp-lab.test/me/lab.git', path: 'dist/scp-lab/edge', targetRevision: 'main' },
    }),
    layer: 'references', path: 'extra', field: 'spec.source.path', message: /folder of cluster "edge"/,
  },
  {
    name: "an Argo CD Application of a cluster's layer, the site's ssh:// Git URL written in scp form",
    build: argoApplication('ssh://git@git.scp-lab.test/me/lab.git', {
      source: { repoURL: 'git@git.scp-lab.test:me/lab', path: 'dist/scp-lab/edge/apps', targetRevision: 'main' },
    }),
    layer: 'references', path: 'extra', field: 'spec.source.path', message: /a layer of the folder of cluster "edge"/,
  },
];

/** A ConfigMap or Secret `web-env` in namespace `web` with `keys`, and the good Deployment `web` reading it with `envFrom` entry `entry`. */
const envFromObject = (kind: 'ConfigMap' | 'Secret', keys: readonly string[], entry: Record<string, unknown>) => (cluster: ClusterChart) => {
  const data = Object.fromEntries(keys.map((key) => [key, 'x']));
  if (kind === 'ConfigMap') {
    raw(cluster, 'env', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web-env', namespace: 'web' }, data });
  } else {
    cluster.namespaces.ensure('web');
    new homelab.SealedSecret(cluster, 'env', { namespace: 'web', name: 'web-env', encryptedData: Object.fromEntries(keys.map((key) => [key, `Ag${'B'.repeat(720)}==`])) });
  }
  raw(cluster, 'workload', podWithContainer({ envFrom: [entry] }));
};

// envFrom reads every key of the object as a variable, and the kubelet skips a key that is no variable name (one
// that starts with a digit): the pod starts without it, and an event nobody reads says so. A key with a dot is a
// name the API server takes (Spring's spring.profiles.active), and a prefix that starts with a letter makes the
// key a name.
CASES.push(
  {
    name: 'envFrom of a ConfigMap whose key starts with a digit',
    build: envFromObject('ConfigMap', ['2FA_ISSUER', 'LOG_LEVEL', 'spring.profiles.active'], { configMapRef: { name: 'web-env' } }),
    layer: 'references', path: 'workload', field: 'spec.template.spec.containers[0].envFrom[0].configMapRef', message: /"2FA_ISSUER", which starts with a digit/,
  },
  {
    name: 'envFrom of an optional ConfigMap whose key starts with a digit',
    build: envFromObject('ConfigMap', ['1PASSWORD_URL'], { configMapRef: { name: 'web-env', optional: true } }),
    layer: 'references', path: 'workload', field: 'spec.template.spec.containers[0].envFrom[0].configMapRef', hint: /prefix: 'APP_'/,
  },
  {
    name: 'envFrom of a SealedSecret whose key starts with a digit',
    build: envFromObject('Secret', ['2FA_SECRET'], { secretRef: { name: 'web-env' } }),
    layer: 'references', path: 'workload', field: 'spec.template.spec.containers[0].envFrom[0].secretRef', hint: /secretKeyRef: \{ name: 'web-env', key: '2FA_SECRET' \}/,
  },
);

// An app on the host's network is selected by no NetworkPolicy: the addresses its egress lists are written into
// a policy that limits nothing. One error on the entry; the apps it lists still admit it in their own policies.
CASES.push({
  name: "an address in the egress of an app on the host's network",
  build: labApp('hass', {
    image: 'ghcr.io/home-operations/home-assistant:2024.12.5', ports: [{ name: 'http', port: 8123 }],
    exemptions: { hostNetwork: 'mDNS discovery of the devices on the LAN' }, egress: [{ cidr: '10.0.0.50/32', ports: [{ port: 1883 }] }],
  }),
  layer: 'props', path: 'hass', field: 'egress[0].cidr', hint: /drop the address entries of egress/,
});

// hostPlacement() places a platform component's pods; its result fits an App's placement by type (it has
// `hosts`), and its nodeSelector and tolerations were two errors for one mistake.
CASES.push({
  name: "an App's placement given as hostPlacement()",
  build: guarded(labApp('web', { placement: homelab.hostPlacement(gpu1) })),
  layer: 'props', path: 'web', field: 'placement', hint: /placement: \{ host: gpu1 \}/,
});
