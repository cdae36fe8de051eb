import {
  acmeHttp01, acmeIssuer, ChartRelease, cloudflareDns01, ClusterIssuer, declareExternal, ExternalSecret, gitLabCi, HomeAssistantVm, HomelabApp, host, http01Ingress, k3s, LETSENCRYPT_PRODUCTION, SealedSecret, servesPorts, site,
  SecretReference, Tenant, traefik, vlan,
} from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { App as CdkApp } from 'cdk8s';
import type { BadInput } from './cases';
import { guarded, labApp, labCluster, raw } from './lab';

// First labs of someone who read the README and the TSDoc only, building props with JavaScript's own
// collections and names from other tools: labels, env or a route as a Map, a peer as a Set (each read as an
// empty object, and an empty peer admits every namespace), Helm values as a Map (merged as nothing), an S3
// secret key under the name AWS gives it (taken for the key's id, and committed in the clear), a chat
// webhook's URL under a name that says nothing of a secret, a Traefik TCP entry point named as a person names
// it (the chart names its ports after it, which the API server refuses), an ACME contact copied from an
// example (Let's Encrypt refuses the account), two tenants in one namespace, a Secret type without its
// `kubernetes.io/` (the API server takes it as a type of the user's own, and the kubelet pulls with none). Each is one error on the prop that
// wrote it, where before the output was written, or was refused object by object.

const web = { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }] };

/** A site whose one host has a bridge on an IoT VLAN, for a Home Assistant VM. */
const lan = vlan('lan', { id: 4, cidr: '192.168.4.0/24', gateway: '192.168.4.1', purpose: 'LAN' });
const iot = vlan('iot', { id: 64, cidr: '192.168.64.0/20', gateway: '192.168.64.1', purpose: 'IoT' });
const n5 = host('n5', {
  arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.4.5',
  zfsPools: { vms: { media: 'ssd' } }, bridges: { bridge64: { vlan: iot, uplink: 'eno1.64' } },
});
const home = site('home', { domain: 'home.example.com', hosts: [n5], git: { url: 'https://git.example.com/me/lab.git' }, vlans: { lan, iot } });

/** A one-host site of its own whose host has `facts` besides its architecture, roles and address. */
const nasWith = (facts: Record<string, unknown>) => (_c: ClusterChart, app: CdkApp) => {
  const nas = host('nas', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.20', ...facts });
  const storage = site('storage', { domain: 'storage.test', hosts: [nas], git: { url: 'https://git.example.com/me/lab.git' } });
  labCluster(app, 'nas', { site: storage, hosts: [nas], loadBalancer: undefined, storage: {}, routes: traefik({ nodePorts: true }) });
};

/** The Home Assistant VM `id` of cluster `vm` with `props` added. */
const homeAssistant = (props: Record<string, unknown>, id = 'home-assistant') => guarded((_c: ClusterChart, app: CdkApp) => {
  const cluster = labCluster(app, 'vm', { site: home, hosts: [n5], storage: { vm: n5.zfs.vms }, loadBalancer: undefined, routes: traefik({ nodePorts: true }) });
  new HomeAssistantVm(cluster, id, {
    disk: n5.zfs.vms.existingVolume('homeassistant', { size: '64Gi' }), iot: { bridge: n5.bridges.bridge64, address: '192.168.64.2' }, ...props,
  });
});

export const CASES: BadInput[] = [
  // A Map's entries are no keys of it: the labels, the variables and the route were dropped without a word.
  {
    name: 'labels as a Map', build: guarded(labApp('web', { ...web, labels: new Map([['tier', 'frontend']]) })),
    layer: 'props', path: 'web', field: 'labels', hint: /Object\.fromEntries/,
  },
  {
    name: 'env as a Map', build: guarded(labApp('web', { ...web, env: new Map([['TZ', 'Europe/Berlin']]) })),
    layer: 'props', path: 'web', field: 'env', hint: /Object\.fromEntries/,
  },
  {
    name: 'a route as a Map', build: guarded(labApp('web', { ...web, route: new Map([['host', 'www']]) })),
    layer: 'props', path: 'web', field: 'route',
  },
  {
    name: "a Home Assistant VM's labels as a Map", build: homeAssistant({ labels: new Map([['app', 'homeassistant']]) }),
    layer: 'props', path: 'home-assistant', field: 'labels', hint: /Object\.fromEntries/,
  },
  {
    name: "Traefik's TCP entry points as a Map",
    build: guarded((_c: ClusterChart, app: CdkApp) => labCluster(app, 'named', { routes: traefik({ tcpEntryPoints: new Map([['ssh', 22]]) as never }) })),
    layer: 'props', path: 'named', field: 'routes.tcpEntryPoints',
  },
  // A peer of no keys is every pod of every namespace: the app was opened to the whole cluster.
  {
    name: 'allowFrom a Set of namespaces', build: guarded(labApp('web', { ...web, allowFrom: [new Set(['monitoring'])] })),
    layer: 'props', path: 'web', field: 'allowFrom[0]',
  },
  {
    name: 'egress to a peer given as a Map', build: guarded(labApp('web', { ...web, egress: [new Map([['namespace', 'db']])] })),
    layer: 'props', path: 'web', field: 'egress[0]',
  },
  {
    name: 'addAllowFrom with a Set after construction',
    build: guarded((c: ClusterChart) => labApp('web', web)(c).addAllowFrom(new Set(['monitoring']) as never)),
    layer: 'props', path: 'web', field: 'addAllowFrom',
  },
  // Values merged from a Map were no values at all.
  {
    name: "a component's addValues given a Map",
    build: guarded((c: ClusterChart) => c.platform.get('traefik')!.addValues(new Map([['logs', { general: { level: 'DEBUG' } }]]) as never)),
    layer: 'props', path: 'traefik', field: 'values', hint: /plain object/,
  },
  // AWS names the secret half of a key pair with the words of its id: it was taken for the id.
  {
    name: 'AWS_SECRET_ACCESS_KEY written out in env',
    build: guarded(labApp('backup', { ...web, env: { AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE', AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY' } })),
    layer: 'props', path: 'backup', field: 'env.AWS_SECRET_ACCESS_KEY',
  },
  {
    name: "a chart's S3 secretAccessKey written out in its values",
    build: guarded((c: ClusterChart) => new ChartRelease(c, 'velero', {
      namespace: 'velero', chart: { repository: 'https://vmware-tanzu.github.io/helm-charts', chart: 'velero', version: '8.1.0' },
      values: { s3: { accessKey: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY' } }, network: servesPorts({ port: 8085, purpose: 'metrics' }),
    })),
    layer: 'policy', path: 'velero', field: 'values.s3.secretAccessKey',
  },
  // The chart names its container's and Service's port after the entry point: refused by the API server at install.
  {
    name: 'a Traefik TCP entry point name longer than a port name',
    build: guarded((_c: ClusterChart, app: CdkApp) => labCluster(app, 'named', { routes: traefik({ tcpEntryPoints: { 'forgejo-ssh-entry': 2222 } }) })),
    layer: 'props', path: 'named', field: 'routes.tcpEntryPoints.forgejo-ssh-entry', hint: /at most 15/,
  },
  {
    name: 'a Traefik TCP entry point named with capitals and an underscore',
    build: guarded((_c: ClusterChart, app: CdkApp) => labCluster(app, 'named', { routes: traefik({ tcpEntryPoints: { SSH_Git: 2222 } }) })),
    layer: 'props', path: 'named', field: 'routes.tcpEntryPoints.SSH_Git', hint: /ssh-git: 2222/,
  },
  // The path of a chat webhook's URL is its credential: the names it goes by say nothing of a secret.
  {
    name: 'a Discord webhook URL written out in env', build: guarded(labApp('web', { ...web, env: { DISCORD_WEBHOOK: 'https://discord.com/api/webhooks/123456/abcdefSECRETabcdef' } })),
    layer: 'props', path: 'web', field: 'env.DISCORD_WEBHOOK', hint: /SecretReference/,
  },
  {
    name: "a Slack webhook URL written out in a chart's values",
    build: guarded((c: ClusterChart) => new ChartRelease(c, 'alerts', {
      namespace: 'alerts', chart: { repository: 'https://prometheus-community.github.io/helm-charts', chart: 'alertmanager', version: '1.13.1' },
      values: { config: { global: { slack_api_url: 'https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXX' } } }, network: servesPorts({ port: 9093, purpose: 'http' }),
    })),
    layer: 'policy', path: 'alerts', field: 'values.config.global.slack_api_url',
  },
  {
    name: 'a Discord webhook URL in a hand-written ConfigMap',
    build: (c: ClusterChart) => raw(c, 'w', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'alerts', namespace: 'web' }, data: { 'apprise.yml': 'urls:\n  - https://discord.com/api/webhooks/123456/abcdefSECRETabcdef\n' } }),
    layer: 'policy', path: 'w', field: 'data.apprise.yml',
  },
  // Let's Encrypt refuses an account whose contact is at a documentation domain: no certificate is ever issued.
  {
    name: "a ClusterIssuer's ACME contact copied from an example",
    build: guarded((c: ClusterChart) => new ClusterIssuer(c, 'le', { name: 'letsencrypt', issuer: acmeIssuer({ server: LETSENCRYPT_PRODUCTION, email: 'you@example.com', solvers: [http01Ingress('traefik')] }) })),
    layer: 'props', path: 'le', field: 'issuer.email', hint: /mailbox/,
  },
  {
    name: "a Traefik ACME resolver's contact copied from an example",
    build: guarded((_c: ClusterChart, app: CdkApp) => labCluster(app, 'named', { routes: traefik({ certResolver: 'le', acme: { le: acmeHttp01({ email: 'admin@example.org' }) } }) })),
    layer: 'props', path: 'named', field: 'routes.acme.le.email',
  },
  // The second tenant's quota, limits and policy were each refused as a repeated object name.
  {
    name: 'two tenants in one namespace',
    build: guarded((c: ClusterChart) => {
      new Tenant(c, 'alice', { namespace: 'peers', owner: 'alice' });
      new Tenant(c, 'bob', { namespace: 'peers', owner: 'bob' });
    }),
    layer: 'props', path: 'bob', field: 'namespace', hint: /peers-bob/,
  },
  // Any other text is a type of the user's own to the API server: the kubelet pulled with no such Secret.
  {
    name: "an ExternalSecret's type without its kubernetes.io/",
    build: guarded((c: ClusterChart) => {
      declareExternal(c, { clusterSecretStores: ['vault'] });
      new ExternalSecret(c, 'registry', { namespace: 'web', store: { name: 'vault', kind: 'ClusterSecretStore' }, data: { '.dockerconfigjson': { remoteKey: 'registry' } }, type: 'dockerconfigjson' });
    }),
    layer: 'props', path: 'registry', field: 'type', hint: /kubernetes\.io\/dockerconfigjson/,
  },
  {
    name: "a SealedSecret's type as TLS alone",
    build: guarded((c: ClusterChart) => new SealedSecret(c, 'cert', { namespace: 'web', type: 'TLS', encryptedData: { 'tls.crt': `Ag${'B'.repeat(720)}==`, 'tls.key': `Ag${'C'.repeat(720)}==` } })),
    layer: 'props', path: 'cert', field: 'type', hint: /kubernetes\.io\/tls/,
  },
  {
    name: 'a hand-written Secret of type kubernetes.io/docker-config-json',
    build: (c: ClusterChart) => raw(c, 'w', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'registry', namespace: 'web' }, type: 'kubernetes.io/docker-config-json' }),
    layer: 'schema', path: 'w', field: 'type', hint: /kubernetes\.io\/dockerconfigjson/,
  },
  // The host had no pool and no bridge at all: a tier or VM naming one failed later, far from the mistake.
  {
    name: "a host's ZFS pools as a Map", build: nasWith({ zfsPools: new Map([['tank', { media: 'hdd' }]]) }),
    layer: 'inventory', path: 'inventory/host/nas', field: 'zfsPools', hint: /Object\.fromEntries/,
  },
  {
    name: "a host's bridges as a Map", build: nasWith({ bridges: new Map([['br0', { uplink: 'eno1' }]]) }),
    layer: 'inventory', path: 'inventory/host/nas', field: 'bridges',
  },
  // cert-manager picks a DNS-01 solver for names under its zones, compared as written: this one was never picked.
  {
    name: "a DNS-01 solver's zone written as a URL",
    build: guarded((c: ClusterChart) => new ClusterIssuer(c, 'le', {
      name: 'letsencrypt',
      issuer: acmeIssuer({
        server: LETSENCRYPT_PRODUCTION, email: 'ops@lab.test',
        solvers: [cloudflareDns01({ apiToken: SecretReference.external('cert-manager', 'cloudflare', 'api-token'), dnsZones: ['https://lab.test'] })],
      }),
    })),
    layer: 'props', path: 'le', field: 'issuer.solvers[0].dnsZones[0]', hint: /'lab\.test'/,
  },
  // The server's extra flags are written out into the start command of the cluster's README, which is committed.
  {
    name: "K3s' join token written out among the server's flags",
    build: guarded((_c: ClusterChart, app: CdkApp) => labCluster(app, 'edge', { preinstalled: [k3s({ extraServerFlags: ['--write-kubeconfig-mode=644', '--token=K10abcdef1234567890::server:abcdef'] })] })),
    layer: 'props', path: 'edge', field: 'preinstalled[0].extraServerFlags[1]', hint: /tokenFile/,
  },
  // A token whose prefix names its issuer is a secret under any name.
  {
    name: 'a GitHub token written out under a name that says nothing of a secret',
    build: guarded(labApp('web', { ...web, env: { GH_AUTH: 'ghp_abcdefghijklmnopqrstuvwxyz0123456789' } })),
    layer: 'props', path: 'web', field: 'env.GH_AUTH', hint: /SecretReference/,
  },
  // Props an async function returned: one error, not one more per prop the promise lacks.
  {
    name: "an App's props given as a promise", build: guarded((c: ClusterChart) => new HomelabApp(c, 'web', Promise.resolve(web) as never)),
    layer: 'props', path: 'web', field: 'App',
  },
  // The HelmRelease's schema takes values of any form: helm-controller could not read text as values.
  {
    name: "a chart's values given as the text of a JSON file",
    build: guarded((c: ClusterChart) => new ChartRelease(c, 'podinfo', {
      namespace: 'podinfo', chart: { repository: 'https://stefanprodan.github.io/podinfo', chart: 'podinfo', version: '6.7.1' },
      values: '{"replicaCount": 2}' as never, network: servesPorts({ port: 9898, purpose: 'web UI' }),
    })),
    layer: 'props', path: 'podinfo', field: 'values', hint: /yaml\.load|JSON\.parse/,
  },
  // The guest's network configuration picks each interface by its MAC: it could not tell the two apart.
  {
    name: "a Home Assistant VM's two interfaces given one MAC address",
    build: homeAssistant({ podMacAddress: '02:00:00:00:00:01', iot: { bridge: n5.bridges.bridge64, address: '192.168.64.2', macAddress: '02:00:00:00:00:01' } }),
    layer: 'props', path: 'home-assistant', field: 'podMacAddress',
  },
  // A confined group's jobs get edit on its namespace: in default, beside what everyone else runs there.
  {
    name: 'a GitLab group confined to the default namespace',
    build: guarded((_c: ClusterChart, app: CdkApp) => labCluster(app, 'ci', {
      gitops: gitLabCi({ agent: { project: 'infra/cluster', name: 'main', kasAddress: 'wss://kas.gitlab.com', ciAccess: [{ group: 'peers/alice', defaultNamespace: 'default', confined: true }] } }),
    })),
    layer: 'props', path: 'ci', field: 'gitops.agent.ciAccess[0].defaultNamespace', hint: /'alice'/,
  },
  // Every object of the VM carries its id: eight errors on rendered objects, none on the id.
  {
    name: "a Home Assistant VM's id longer than a Service name", build: homeAssistant({}, `home-assistant-${'x'.repeat(50)}`),
    layer: 'props', path: `home-assistant-${'x'.repeat(50)}`, field: 'id',
  },
];
