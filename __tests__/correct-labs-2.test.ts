import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import type { BodySize, ClusterChartProps, Host, Vlan } from '../constructs';
import { configFileAddresses } from '../constructs/validation/config-file-hosts';
import * as library from '../constructs';
import {
  acmeCloudflareDns01, acmeIssuer, AppController, cilium, ciliumLoadBalancer, cloudflareDns01, ClusterIssuer, ingressNginx, IngressTls, WildcardCertificate, AppVolume, ChartRelease, ClusterChart, CROSSPLANE_PROVIDERS,
  CrossplaneProviders, declareExternal, servesPorts, ExternalSecret, ciliumOnTalos, talos, flux, gatewayApi, gitLabCi, HomeAssistantVm, HomelabApp, host, k3s, k3sManifests, Knative,
  localPathStorage, metalLb, nfsStorage, RequiredPodLabels, SecretReference, ServiceRoute, site, tailscaleLoadBalancer, Tenant, traefik,
  vlan,
} from '../constructs';
import { admits, foldersOf, objectsOf, Peer, probesOffPorts, routesRefused, servicesOffPods, shownFindings } from './support/lab-output';

// More labs a user writes from the README alone, each of a shape the first round did not take, written the obvious
// way: each synthesizes with only the findings it deserves (each listed with why), every cluster folder builds with
// kustomize, every probe and Service reaches a port its pod declares, and every NetworkPolicy lets in the ingress on
// routed ports and the callers each app declares.

/**
 * Cluster `main` of a one-node K3s site `name` (domain `<name>.jdoe.dev`) with Traefik, local-path and Flux, for the labs
 * whose point is what runs on it; `node` is the site's one host, `props` replace the cluster's choices.
 */
function oneNodeCluster(scope: Construct, name: string, node: Host, props: Partial<ClusterChartProps> = {}, vlans?: Record<string, Vlan>): ClusterChart {
  const lab = site(name, { domain: `${name}.jdoe.dev`, hosts: [node], vlans, git: { url: `https://github.com/jdoe/${name}.git` } });
  return new ClusterChart(scope, 'main', {
    site: lab, hosts: [node], preinstalled: [k3s({ disable: ['traefik'] })], routes: traefik(), storage: { fast: localPathStorage() }, gitops: flux(), ...props,
  });
}

/** The uptime page every cluster of the three-cluster site runs: the sandbox first, then promoted to home. */
function statusPage(cluster: ClusterChart, monitored: string): HomelabApp {
  return new HomelabApp(cluster, 'uptime-kuma', {
    namespace: 'monitoring', image: 'louislam/uptime-kuma:1.23.16', ports: [{ name: 'http', port: 3001 }],
    command: ['node', 'server/server.js'], env: { UPTIME_KUMA_MONITORED: monitored },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/app/data' } },
    probes: { readiness: { httpPath: '/' } },
    route: { host: 'status' },
  });
}

/**
 * A site of three clusters: a home cluster that answers its LAN through AdGuard Home, a VPS that publishes the
 * public names in Cloudflare, and a sandbox where apps are tried before they are promoted home. Apps call each
 * other across clusters at the hosts their routes serve.
 */
function threeClusterSite(scope: Construct): void {
  const homeNode = host('home-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.70.10' });
  const sandboxNode = host('sandbox-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.70.20' });
  const vps = host('vps', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.0.0.2', publicAddress: '203.0.113.10' });
  const lab = site('fleet', {
    domain: 'fleet.jdoe.dev', hosts: [homeNode, sandboxNode, vps], git: { url: 'https://github.com/jdoe/fleet.git' },
    pools: {
      home: { first: '192.168.70.100', last: '192.168.70.109' }, dns: { first: '192.168.70.53', last: '192.168.70.53' },
      sandbox: { first: '192.168.70.110', last: '192.168.70.119' },
    },
  });
  const adguard = {
    url: 'http://adguard-home.adguard-home.svc.cluster.local:3000',
    username: SecretReference.external('external-dns', 'adguard', 'username'), password: SecretReference.external('external-dns', 'adguard', 'password'),
  };

  const home = new ClusterChart(scope, 'home', {
    site: lab, hosts: [homeNode],
    preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })],
    routes: traefik({ address: lab.pools.home.at('192.168.70.100') }),
    loadBalancer: metalLb({ pools: [lab.pools.home, lab.pools.dns] }),
    storage: { fast: localPathStorage() },
    gitops: flux(),
    dns: { publicTarget: vps, adguard },
  });
  new HomelabApp(home, 'adguard-home', {
    image: 'adguard/adguardhome:v0.107.57',
    ports: [{ name: 'http', port: 3000 }, { name: 'dns-tcp', port: 53 }, { name: 'dns-udp', port: 53, protocol: 'UDP' }],
    persistence: {
      conf: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/opt/adguardhome/conf' },
      work: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/opt/adguardhome/work' },
    },
    exemptions: { addCapabilities: { capabilities: ['NET_BIND_SERVICE'], reason: 'DNS is served on port 53' } },
    allowFrom: [{ namespace: 'external-dns' }],
    route: { host: 'adguard' },
    loadBalancer: { address: lab.pools.dns.at('192.168.70.53'), ports: ['dns-tcp', 'dns-udp'] },
  });
  statusPage(home, 'https://blog.fleet.jdoe.dev');
  new HomelabApp(home, 'paperless', {
    image: 'ghcr.io/paperless-ngx/paperless-ngx:2.14.7', ports: [{ name: 'http', port: 8000 }],
    env: { PAPERLESS_URL: 'https://paperless.fleet.jdoe.dev', PAPERLESS_REDIS: 'redis://redis:6379', PAPERLESS_EMAIL_HOST: 'mail.fleet.jdoe.dev' },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/usr/src/paperless/data' } },
    exemptions: {
      runAsRoot: 'the image starts as root and drops to USERMAP_UID', writableRootFilesystem: 's6-overlay writes /run',
      addCapabilities: { capabilities: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID', 'KILL'], reason: 'its entrypoint takes ownership of its folders and switches to USERMAP_UID' },
    },
    route: { host: 'paperless' },
  });
  new HomelabApp(home, 'redis', { namespace: 'paperless', image: 'redis:7.4.2', ports: [{ name: 'redis', port: 6379 }], allowFrom: [{ namespace: 'paperless', podLabels: { 'app.kubernetes.io/name': 'paperless' } }] });

  const cloud = new ClusterChart(scope, 'vps', {
    site: lab, hosts: [vps],
    preinstalled: [k3s({ disable: ['traefik'] })],
    routes: traefik({ certResolver: 'le', acme: { le: acmeCloudflareDns01({ apiToken: SecretReference.external('traefik', 'cloudflare', 'api-token') }) } }),
    storage: { fast: localPathStorage() },
    gitops: flux(),
    dns: { publicTarget: vps, cloudflare: { apiToken: SecretReference.external('external-dns', 'cloudflare', 'api-token') } },
  });
  new HomelabApp(cloud, 'blog', {
    image: 'ghost:5.109.2', ports: [{ name: 'http', port: 2368 }],
    env: { url: 'https://blog.fleet.jdoe.dev', database__client: 'sqlite3', database__connection__filename: '/var/lib/ghost/content/data/ghost.db' },
    persistence: { content: { volume: AppVolume.claim({ tier: 'fast', size: '2Gi' }), mountPath: '/var/lib/ghost/content' } },
    route: { host: 'blog' },
  });
  new HomelabApp(cloud, 'healthchecks', {
    image: 'healthchecks/healthchecks:v3.9', ports: [{ name: 'http', port: 8000 }],
    env: { SITE_ROOT: 'https://hc.fleet.jdoe.dev', DB: 'sqlite', DB_NAME: '/data/hc.sqlite', SECRET_KEY: SecretReference.external('healthchecks', 'healthchecks', 'secret-key'), ALLOWED_HOSTS: 'hc.fleet.jdoe.dev' },
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/data' } },
    route: { host: 'hc' },
  });

  const sandbox = new ClusterChart(scope, 'sandbox', {
    site: lab, hosts: [sandboxNode],
    preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })],
    routes: traefik({ address: lab.pools.sandbox.at('192.168.70.110') }),
    loadBalancer: metalLb({ pools: [lab.pools.sandbox] }),
    storage: { fast: localPathStorage() },
    gitops: flux(),
    domain: 'sandbox.fleet.jdoe.dev',
    // The home cluster's AdGuard Home, at its route: its load balancer serves the DNS ports alone.
    dns: { publicTarget: vps, adguard: { ...adguard, url: 'https://adguard.fleet.jdoe.dev' } },
  });
  statusPage(sandbox, 'https://hc.fleet.jdoe.dev');
}

/** A K3s server applied through its auto-deploy folder, with no GitOps engine: Traefik of K3s itself, a wiki and its database. */
function k3sFolderLab(scope: Construct): void {
  const pi = host('pi5', { arch: 'arm64', roles: ['control-plane', 'worker'], address: '192.168.80.10' });
  const lab = site('folder', { domain: 'pi.jdoe.dev', hosts: [pi] });

  class K3sFolderLab extends ClusterChart {
    constructor(scope: Construct) {
      super(scope, 'main', {
        site: lab, hosts: [pi],
        preinstalled: [k3s({ disable: ['traefik'] })],
        routes: traefik(),
        storage: { fast: localPathStorage() },
        gitops: k3sManifests(),
      });
      const db = new HomelabApp(this, 'postgres', {
        namespace: 'wiki', image: 'postgres:16.4-alpine', ports: [{ name: 'postgres', port: 5432 }], runAsUser: 70,
        controller: AppController.statefulSet(),
        env: { POSTGRES_USER: 'wiki', POSTGRES_DB: 'wiki', POSTGRES_PASSWORD: SecretReference.external('wiki', 'wiki-db', 'password'), PGDATA: '/var/lib/postgresql/data/pgdata' },
        persistence: {
          data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/var/lib/postgresql/data' },
          run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' },
        },
      });
      new HomelabApp(this, 'wiki', {
        image: 'ghcr.io/requarks/wiki:2.5.306', ports: [{ name: 'http', port: 3000 }],
        env: { DB_TYPE: 'postgres', DB_HOST: 'postgres', DB_PORT: '5432', DB_USER: 'wiki', DB_NAME: 'wiki', DB_PASS: SecretReference.external('wiki', 'wiki-db', 'password') },
        egress: [db],
        probes: { readiness: { httpPath: '/healthz' } },
        route: { host: 'wiki' },
      });
      new HomelabApp(this, 'cleanup', {
        namespace: 'wiki', image: 'postgres:16.4-alpine', runAsUser: 70,
        command: ['sh', '-c', 'psql -h postgres -U wiki -c "VACUUM ANALYZE"'],
        env: { PGPASSWORD: SecretReference.external('wiki', 'wiki-db', 'password') },
        controller: AppController.cronJob({ schedule: '0 4 * * 0', timeZone: 'Europe/Vienna' }),
        egress: [db],
      });
    }
  }
  new K3sFolderLab(scope);
}

/** A cluster delivered by GitLab CI with kubectl, its agent's CI access confined per group, Ingress through Traefik. */
function gitLabLab(scope: Construct): void {
  const a = host('node-a', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.30.0.11' });
  const b = host('node-b', { arch: 'amd64', roles: ['worker'], address: '10.30.0.12' });
  const lab = site('gitlab-lab', {
    domain: 'k8s.jdoe.dev', hosts: [a, b], git: { url: 'https://gitlab.com/jdoe/homelab.git' },
    pools: { lb: { first: '10.30.0.200', last: '10.30.0.210' } },
    nfs: { nas: { server: '10.30.0.5', path: '/export/k8s' } },
  });

  class GitLabLab extends ClusterChart {
    constructor(scope: Construct) {
      super(scope, 'main', {
        site: lab, hosts: [a, b],
        preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })],
        routes: traefik({ address: lab.pools.lb.at('10.30.0.200') }),
        loadBalancer: metalLb({ pools: [lab.pools.lb] }),
        storage: { fast: localPathStorage(), shared: nfsStorage(lab.nfs.nas) },
        gitops: gitLabCi({
          agent: {
            project: 'jdoe/homelab', name: 'homelab', kasAddress: 'wss://kas.gitlab.com',
            ciAccess: [{ group: 'jdoe', defaultNamespace: 'default' }, { group: 'jdoe/friends', defaultNamespace: 'friends', confined: true }],
          },
          kubernetesVersion: '1.33',
        }),
      });
      new HomelabApp(this, 'nextcloud', {
        image: 'nextcloud:30.0.6-apache', ports: [{ name: 'http', port: 80 }],
        env: { NEXTCLOUD_TRUSTED_DOMAINS: 'cloud.k8s.jdoe.dev', OVERWRITEPROTOCOL: 'https', SQLITE_DATABASE: 'nextcloud' },
        persistence: { html: { volume: AppVolume.claim({ tier: 'shared', size: '50Gi', accessMode: 'ReadWriteMany' }), mountPath: '/var/www/html' } },
        exemptions: { runAsRoot: 'Apache starts as root and drops to www-data', writableRootFilesystem: 'the entrypoint copies Nextcloud into /var/www/html and Apache writes /var/run/apache2', addCapabilities: { capabilities: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID', 'KILL', 'NET_BIND_SERVICE'], reason: 'Apache binds port 80 as root, the entrypoint owns /var/www/html, then Apache drops to www-data' } },
        route: { host: 'cloud', maxBodySize: '10Gi' },
      });
      new HomelabApp(this, 'minecraft', {
        namespace: 'friends', image: 'itzg/minecraft-server:2025.2.1-java21', ports: [{ name: 'game', port: 25565 }],
        env: { EULA: 'TRUE', MEMORY: '3G', TYPE: 'PAPER' },
        resources: { memoryRequest: '4Gi', memoryLimit: '4Gi' },
        persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/data' } },
        loadBalancer: { address: lab.pools.lb.at('10.30.0.201'), externalTrafficPolicy: 'Local' },
      });
    }
  }
  new GitLabLab(scope);
}

/** Knative Serving with scale to zero on Cilium's Gateway API: functions at their own hosts and one at a domain mapping. */
function knativeLab(scope: Construct): void {
  const n1 = host('kn-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.40.0.11' });
  const n2 = host('kn-2', { arch: 'amd64', roles: ['worker'], address: '10.40.0.12' });
  const lab = site('knative-lab', {
    domain: 'fn.jdoe.dev', hosts: [n1, n2], git: { url: 'https://github.com/jdoe/functions.git' },
    pools: { lb: { first: '10.40.0.200', last: '10.40.0.210' } },
  });

  class KnativeLab extends ClusterChart {
    constructor(scope: Construct) {
      super(scope, 'main', {
        site: lab, hosts: [n1, n2],
        preinstalled: [
          k3s({ disable: ['traefik', 'servicelb'] }),
          { source: 'istioctl install --set profile=minimal, with the Gateway API CRDs', crds: [{ group: 'gateway.networking.k8s.io', kinds: ['Gateway', 'HTTPRoute', 'GRPCRoute', 'ReferenceGrant'] }], provides: { gatewayClasses: ['istio'] } },
        ],
        loadBalancer: metalLb({ pools: [lab.pools.lb] }),
        routes: gatewayApi({ gatewayClassName: 'istio', address: lab.pools.lb.at('10.40.0.200') }),
        storage: { fast: localPathStorage() },
        gitops: flux(),
      });
      declareExternal(this, { secrets: [{ namespace: 'gateway', name: 'main-gateway-tls' }] });
      new Knative(this, 'knative', {
        eventing: false, domainNamespaces: ['functions'],
        gatewayServiceName: 'main-gateway-istio', localGateway: { namespace: 'gateway', gatewayName: 'knative-local', serviceName: 'knative-local-istio' },
      });
      new HomelabApp(this, 'hello', {
        namespace: 'functions', image: 'ghcr.io/knative/helloworld-go:v1.0.0', ports: [{ name: 'http', port: 8080 }],
        env: { TARGET: 'lab' },
        controller: AppController.knative({ maxScale: 3 }),
        route: { host: 'hello' },
      });
      new HomelabApp(this, 'thumbnails', {
        namespace: 'functions', image: 'ghcr.io/jdoe/thumbnails:0.4.1', ports: [{ name: 'http', port: 8080 }],
        controller: AppController.knative({ minScale: 0, maxScale: 5, containerConcurrency: 10, timeoutSeconds: 120 }),
        resources: { memoryRequest: '128Mi', memoryLimit: '256Mi' },
      });
      new HomelabApp(this, 'shortener', {
        namespace: 'functions', image: 'ghcr.io/jdoe/shortener:1.2.0', ports: [{ name: 'http', port: 8080 }],
        controller: AppController.knative({ maxScale: 2 }),
        route: { host: 'go.jdoe.dev' },
      });
    }
  }
  new KnativeLab(scope);
}

/** Gatekeeper's required labels and two tenants with quotas and network policies, their apps inside the quota. */
function tenantsLab(scope: Construct): void {
  const n1 = host('t-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.50.0.11' });
  const n2 = host('t-2', { arch: 'amd64', roles: ['worker'], address: '10.50.0.12' });
  const lab = site('tenants', {
    domain: 'shared.jdoe.dev', hosts: [n1, n2], git: { url: 'https://github.com/jdoe/shared.git' },
    pools: { lb: { first: '10.50.0.200', last: '10.50.0.210' } },
  });

  class TenantsLab extends ClusterChart {
    constructor(scope: Construct) {
      super(scope, 'main', {
        site: lab, hosts: [n1, n2],
        preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })],
        routes: traefik({ address: lab.pools.lb.at('10.50.0.200') }),
        loadBalancer: metalLb({ pools: [lab.pools.lb] }),
        storage: { fast: localPathStorage() },
        gitops: flux(),
      });
      new RequiredPodLabels(this, 'owners', { labels: ['owner'], namespaces: ['team-*'] });
      for (const team of ['alice', 'bob']) {
        new Tenant(this, `team-${team}`, {
          namespace: `team-${team}`, owner: team,
          quota: { requestsMemory: '2Gi', limitsMemory: '4Gi', pods: 10 },
        });
        const api = new HomelabApp(this, `${team}-api`, {
          namespace: `team-${team}`, image: 'ghcr.io/jdoe/api:2.0.1', ports: [{ name: 'http', port: 8080 }],
          labels: { owner: team }, resources: { memoryRequest: '128Mi', memoryLimit: '256Mi' },
        });
        new HomelabApp(this, `${team}-web`, {
          namespace: `team-${team}`, image: 'ghcr.io/jdoe/web:2.0.1', ports: [{ name: 'http', port: 3000 }],
          labels: { owner: team }, resources: { memoryRequest: '128Mi', memoryLimit: '256Mi' },
          env: { API_URL: `http://${team}-api:8080` },
          egress: [api],
          route: { host: team },
        });
      }
    }
  }
  new TenantsLab(scope);
}

/** Crossplane with the Kubernetes provider making namespaces, and the AWS S3 provider against MinIO. */
function crossplaneLab(scope: Construct): void {
  const cluster = oneNodeCluster(scope, 'crossplane', host('xp-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.60.0.11' }));
  const providers = new CrossplaneProviders(cluster, 'crossplane', [CROSSPLANE_PROVIDERS.kubernetes]);
  providers.grantClusterRole('provider-kubernetes', { clusterRole: 'cluster-admin', reason: 'makes the namespaces of new projects' });
  providers.addProviderConfig({ name: 'default', apiVersion: 'kubernetes.crossplane.io/v1alpha1', spec: { credentials: { source: 'InjectedIdentity' } } });
  for (const project of ['photos', 'notes']) {
    new ApiObject(cluster, `${project}-namespace`, {
      apiVersion: 'kubernetes.crossplane.io/v1alpha2', kind: 'Object', metadata: { name: `${project}-namespace` },
      spec: { forProvider: { manifest: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: project, labels: { project } } } } },
    });
  }
}

/** Apps on the tailnet through the Tailscale operator: no LAN load balancer, routes served on the tailnet alone. */
function tailnetLab(scope: Construct): void {
  const nuc = host('nuc', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.90.10' });
  const lab = site('tailnet', { domain: 'tail.jdoe.dev', hosts: [nuc], git: { url: 'https://github.com/jdoe/tailnet.git' } });

  class TailnetLab extends ClusterChart {
    constructor(scope: Construct) {
      super(scope, 'main', {
        site: lab, hosts: [nuc],
        preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })],
        routes: traefik(),
        loadBalancer: tailscaleLoadBalancer({
          tags: ['tag:k8s'],
          oauth: { clientId: SecretReference.external('tailscale', 'operator-oauth', 'client_id'), clientSecret: SecretReference.external('tailscale', 'operator-oauth', 'client_secret') },
        }),
        storage: { fast: localPathStorage() },
        gitops: flux(),
      });
      new HomelabApp(this, 'vaultwarden', {
        image: 'vaultwarden/server:1.33.2', ports: [{ name: 'http', port: 8080 }],
        env: { ROCKET_PORT: '8080', DOMAIN: 'https://vault.tail.jdoe.dev', SIGNUPS_ALLOWED: 'false' },
        persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '2Gi' }), mountPath: '/data' } },
        route: { host: 'vault' },
      });
      new HomelabApp(this, 'gitea-ssh', {
        namespace: 'git', image: 'gitea/gitea:1.23.4-rootless', ports: [{ name: 'http', port: 3000 }, { name: 'ssh', port: 2222 }],
        persistence: {
          data: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/var/lib/gitea' },
          config: { volume: AppVolume.claim({ tier: 'fast', size: '64Mi' }), mountPath: '/etc/gitea' },
        },
        route: { host: 'git', port: 3000 },
        loadBalancer: { hostname: 'git-ssh', ports: ['ssh'] },
      });
    }
  }
  new TailnetLab(scope);
}

/** Home Assistant OS on an existing zvol, bridged into the IoT VLAN through Multus, with Zigbee2MQTT and Mosquitto beside it. */
function homeAssistantLab(scope: Construct): void {
  const vlans = { lan: vlan('lan', { id: 1, cidr: '192.168.1.0/24', gateway: '192.168.1.1' }), iot: vlan('iot', { id: 30, cidr: '192.168.30.0/24', gateway: '192.168.30.1' }) };
  const server = host('server', {
    arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.20', zfsPools: { tank: { media: 'ssd' } }, bridges: { br30: { vlan: vlans.iot } },
  });
  const lab = site('smart-home', {
    domain: 'home.jdoe.dev', hosts: [server], git: { url: 'https://github.com/jdoe/smart-home.git' }, vlans,
    pools: { vips: { first: '192.168.1.240', last: '192.168.1.250' } },
  });

  class HomeAssistantLab extends ClusterChart {
    constructor(scope: Construct) {
      super(scope, 'main', {
        site: lab, hosts: [server],
        preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })],
        routes: traefik({ address: lab.pools.vips.at('192.168.1.240') }),
        loadBalancer: metalLb({ pools: [lab.pools.vips] }),
        storage: { fast: server.zfs.tank },
        gitops: flux(),
      });
      new HomeAssistantVm(this, 'home-assistant', {
        disk: server.zfs.tank.existingVolume('haos', { size: '64Gi' }),
        iot: { bridge: server.bridges.br30, address: '192.168.30.2' },
        route: { host: 'ha' },
      });
      new ApiObject(this, 'mosquitto-config', {
        apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'mosquitto', namespace: 'iot' },
        data: { 'mosquitto.conf': 'listener 1883\npersistence true\npersistence_location /mosquitto/data/\npassword_file /mosquitto/secret/passwd\n' },
      });
      declareExternal(this, { secrets: [{ namespace: 'iot', name: 'mosquitto-passwd' }] });
      const mosquitto = new HomelabApp(this, 'mosquitto', {
        namespace: 'iot', image: 'eclipse-mosquitto:2.0.20', ports: [{ name: 'mqtt', port: 1883 }],
        persistence: {
          data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/mosquitto/data' },
          config: { volume: AppVolume.configMap('mosquitto'), mounts: [{ mountPath: '/mosquitto/config/mosquitto.conf', subPath: 'mosquitto.conf' }] },
          secret: { volume: AppVolume.secret('mosquitto-passwd'), mountPath: '/mosquitto/secret' },
        },
        loadBalancer: { address: lab.pools.vips.at('192.168.1.241') },
      });
      new HomelabApp(this, 'zigbee2mqtt', {
        namespace: 'iot', image: 'koenkk/zigbee2mqtt:2.1.3', ports: [{ name: 'http', port: 8080 }],
        env: { ZIGBEE2MQTT_CONFIG_MQTT_SERVER: 'mqtt://mosquitto:1883', ZIGBEE2MQTT_CONFIG_SERIAL_PORT: 'tcp://192.168.30.40:6638', ZIGBEE2MQTT_CONFIG_FRONTEND_PORT: '8080' },
        egress: [mosquitto, { cidr: '192.168.30.40/32', ports: [{ port: 6638 }] }],
        persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/app/data' } },
        route: { host: 'zigbee' },
      });
    }
  }
  new HomeAssistantLab(scope);
}

/** CloudNativePG with its backups, VolSync copies of an app's claim, and Velero, each from a chart release that names its CRDs. */
function backupsLab(scope: Construct): void {
  const n1 = host('b-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.70.0.11' });
  const n2 = host('b-2', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.70.0.12' });
  const n3 = host('b-3', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.70.0.13' });
  const lab = site('backups', {
    domain: 'bk.jdoe.dev', hosts: [n1, n2, n3], git: { url: 'https://github.com/jdoe/backups.git' },
    pools: { lb: { first: '10.70.0.200', last: '10.70.0.210' } },
  });

  class BackupsLab extends ClusterChart {
    constructor(scope: Construct) {
      super(scope, 'main', {
        site: lab, hosts: [n1, n2, n3],
        preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })],
        routes: traefik({ address: lab.pools.lb.at('10.70.0.200') }),
        loadBalancer: metalLb({ pools: [lab.pools.lb] }),
        storage: { fast: localPathStorage() },
        gitops: flux(),
      });
      new ChartRelease(this, 'cloudnative-pg', {
        namespace: 'cnpg-system', network: servesPorts({ port: 9443, purpose: 'admission webhook' }, { port: 8080, purpose: 'metrics' }),
        chart: { repository: 'https://cloudnative-pg.github.io/charts', chart: 'cloudnative-pg', version: '0.23.2' },
        crds: [{ group: 'postgresql.cnpg.io', kinds: ['Cluster', 'ScheduledBackup', 'Backup', 'Pooler'] }],
      });
      new ChartRelease(this, 'volsync', {
        namespace: 'volsync-system', network: servesPorts({ port: 8443, purpose: 'metrics' }),
        chart: { repository: 'https://backube.github.io/helm-charts', chart: 'volsync', version: '0.12.0' },
        crds: [{ group: 'volsync.backube', kinds: ['ReplicationSource', 'ReplicationDestination'] }],
      });
      new ChartRelease(this, 'velero', {
        namespace: 'velero', network: servesPorts({ port: 8085, purpose: 'metrics' }),
        chart: { repository: 'https://vmware-tanzu.github.io/helm-charts', chart: 'velero', version: '8.3.0' },
        crds: [{ group: 'velero.io', kinds: ['Schedule', 'Backup', 'Restore', 'BackupStorageLocation'] }],
        values: { configuration: { backupStorageLocation: [{ name: 'default', provider: 'aws', bucket: 'velero', config: { region: 'minio', s3ForcePathStyle: 'true', s3Url: 'http://10.70.0.5:9000' } }] }, credentials: { existingSecret: 'velero-s3' } },
      });
      declareExternal(this, { secrets: [{ namespace: 'velero', name: 'velero-s3' }] });
      new ApiObject(this, 'immich-db', {
        apiVersion: 'postgresql.cnpg.io/v1', kind: 'Cluster', metadata: { name: 'immich-db', namespace: 'immich' },
        spec: {
          instances: 2, imageName: 'ghcr.io/tensorchord/cloudnative-vectorchord:16.9-0.4.3',
          storage: { size: '10Gi', storageClass: 'local-path' },
          bootstrap: { initdb: { database: 'immich', owner: 'immich' } },
          backup: {
            barmanObjectStore: {
              destinationPath: 's3://cnpg/immich', endpointURL: 'http://10.70.0.5:9000',
              s3Credentials: { accessKeyId: { name: 'cnpg-s3', key: 'ACCESS_KEY_ID' }, secretAccessKey: { name: 'cnpg-s3', key: 'SECRET_ACCESS_KEY' } },
            },
            retentionPolicy: '30d',
          },
        },
      });
      new ApiObject(this, 'immich-db-backup', {
        apiVersion: 'postgresql.cnpg.io/v1', kind: 'ScheduledBackup', metadata: { name: 'immich-db-daily', namespace: 'immich' },
        spec: { schedule: '0 0 3 * * *', cluster: { name: 'immich-db' }, backupOwnerReference: 'self' },
      });
      declareExternal(this, { secrets: [{ namespace: 'immich', name: 'cnpg-s3' }, { namespace: 'immich', name: 'immich-restic' }] });
      new HomelabApp(this, 'immich', {
        image: 'ghcr.io/immich-app/immich-server:v1.131.3', ports: [{ name: 'http', port: 2283 }],
        env: {
          DB_HOSTNAME: 'immich-db-rw', DB_DATABASE_NAME: 'immich', DB_USERNAME: 'immich',
          DB_PASSWORD: SecretReference.external('immich', 'immich-db-app', 'password'),
        },
        persistence: { library: { volume: AppVolume.claim({ tier: 'fast', size: '100Gi' }), mountPath: '/usr/src/app/upload' } },
        allowFrom: [],
        route: { host: 'photos', maxBodySize: '4Gi' },
      });
      new ApiObject(this, 'immich-library-backup', {
        apiVersion: 'volsync.backube/v1alpha1', kind: 'ReplicationSource', metadata: { name: 'immich-library', namespace: 'immich' },
        spec: {
          sourcePVC: 'immich-library', trigger: { schedule: '0 2 * * *' },
          restic: { repository: 'immich-restic', copyMethod: 'Direct', pruneIntervalDays: 14, retain: { daily: 7, weekly: 4 } },
        },
      });
      new ApiObject(this, 'nightly', {
        apiVersion: 'velero.io/v1', kind: 'Schedule', metadata: { name: 'nightly', namespace: 'velero' },
        spec: { schedule: '0 1 * * *', template: { includedNamespaces: ['immich'], ttl: '720h', snapshotVolumes: false, defaultVolumesToFsBackup: true } },
      });
    }
  }
  new BackupsLab(scope);
}

/** Apps behind an OpenID Connect login: Pocket ID as the issuer, oauth2-proxy in front of an admin UI, Authelia-style forward auth left out. */
function loginLab(scope: Construct): void {
  const n1 = host('auth-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.80.0.11' });
  const lab = site('login', { domain: 'id.jdoe.dev', hosts: [n1], git: { url: 'https://github.com/jdoe/login.git' }, pools: { lb: { first: '10.80.0.200', last: '10.80.0.205' } } });

  class LoginLab extends ClusterChart {
    constructor(scope: Construct) {
      super(scope, 'main', {
        site: lab, hosts: [n1],
        preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })],
        routes: traefik({ address: lab.pools.lb.at('10.80.0.200') }),
        loadBalancer: metalLb({ pools: [lab.pools.lb] }),
        storage: { fast: localPathStorage() },
        gitops: flux(),
      });
      new HomelabApp(this, 'pocket-id', {
        namespace: 'auth', image: 'ghcr.io/pocket-id/pocket-id:v1.3.1', ports: [{ name: 'http', port: 1411 }],
        env: { APP_URL: 'https://auth.id.jdoe.dev', TRUST_PROXY: 'true' },
        persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/app/data' } },
        route: { host: 'auth' },
      });
      new HomelabApp(this, 'prometheus', {
        namespace: 'monitoring', image: 'prom/prometheus:v3.2.1', ports: [{ name: 'http', port: 9090 }],
        persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/prometheus' } },
      });
      new ServiceRoute(this, 'prometheus-route', {
        host: 'prometheus', namespace: 'monitoring', serviceName: 'prometheus', port: 9090,
        login: {
          issuerUrl: 'https://auth.id.jdoe.dev', clientId: 'prometheus',
          clientSecret: SecretReference.external('monitoring', 'prometheus-oidc', 'client-secret'),
          cookieSecret: SecretReference.external('monitoring', 'prometheus-oidc', 'cookie-secret'),
          allowedGroups: ['admins'], namespace: 'monitoring',
          backendPods: { podLabels: { 'app.kubernetes.io/name': 'prometheus' }, port: 9090 },
        },
      });
      new HomelabApp(this, 'grafana', {
        namespace: 'monitoring', image: 'grafana/grafana:11.5.2', ports: [{ name: 'http', port: 3000 }],
        env: {
          GF_SERVER_ROOT_URL: 'https://grafana.id.jdoe.dev', GF_AUTH_GENERIC_OAUTH_ENABLED: 'true', GF_AUTH_GENERIC_OAUTH_NAME: 'Pocket ID',
          GF_AUTH_GENERIC_OAUTH_CLIENT_ID: 'grafana', GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET: SecretReference.external('monitoring', 'grafana-oidc', 'client-secret'),
          GF_AUTH_GENERIC_OAUTH_SCOPES: 'openid email profile groups',
          GF_AUTH_GENERIC_OAUTH_AUTH_URL: 'https://auth.id.jdoe.dev/authorize', GF_AUTH_GENERIC_OAUTH_TOKEN_URL: 'https://auth.id.jdoe.dev/api/oidc/token',
          GF_AUTH_GENERIC_OAUTH_API_URL: 'https://auth.id.jdoe.dev/api/oidc/userinfo',
        },
        persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/var/lib/grafana' } },
        egress: 'any',
        route: { host: 'grafana' },
      });
    }
  }
  new LoginLab(scope);
}

/**
 * Apps with config files, Secrets from External Secrets and routes of several rules (a redirect, a rewrite, headers),
 * basic auth and a body limit, on Traefik: plain JavaScript, run without a type checker.
 */
const ROUTES_LAB_JS = `
const { HomelabApp, AppVolume, ClusterChart, host, site, traefik, metalLb, localPathStorage, flux, ExternalSecret, VaultClusterSecretStore } = lib;
const node = host('web-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.90.0.11' });
const lab = site('routes', { domain: 'web.jdoe.dev', hosts: [node], git: { url: 'https://github.com/jdoe/routes.git' }, pools: { lb: { first: '10.90.0.200', last: '10.90.0.205' } } });

class RoutesLab extends ClusterChart {
  constructor(scope) {
    super(scope, 'main', {
      site: lab, hosts: [node],
      preinstalled: [lib.k3s({ disable: ['traefik', 'servicelb'] })],
      routes: traefik({ address: lab.pools.lb.at('10.90.0.200') }),
      loadBalancer: metalLb({ pools: [lab.pools.lb] }),
      storage: { fast: localPathStorage() },
      gitops: flux(),
    });
    new VaultClusterSecretStore(this, 'vault', { name: 'vault', server: 'https://vault.web.jdoe.dev:8200', role: 'external-secrets' });
    const auth = new ExternalSecret(this, 'docs-auth', { namespace: 'docs', store: { name: 'vault' }, data: { users: { remoteKey: 'web/docs', property: 'htpasswd' } } });
    const smtp = new ExternalSecret(this, 'shop-smtp', { namespace: 'shop', store: { name: 'vault' }, data: { password: { remoteKey: 'web/smtp', property: 'password' } } });
    new lib.ApiObject(this, 'nginx-conf', {
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'docs-nginx', namespace: 'docs' },
      data: { 'default.conf': 'server {\\n  listen 8080;\\n  root /usr/share/nginx/html;\\n}\\n' },
    });
    new HomelabApp(this, 'docs', {
      namespace: 'docs', image: 'nginxinc/nginx-unprivileged:1.27.4-alpine', ports: [{ name: 'http', port: 8080 }],
      persistence: { conf: { volume: AppVolume.configMap('docs-nginx'), mountPath: '/etc/nginx/conf.d' } },
      route: {
        host: 'docs', basicAuth: auth.key('users'),
        rules: [
          { path: '/old', redirect: { path: '/new', statusCode: 301 } },
          { path: '/v2', rewrite: { pathPrefix: '/' } },
          { path: '/', requestHeaders: { set: { 'X-Frame-Options': 'DENY' }, remove: ['X-Powered-By'] } },
        ],
      },
    });
    const api = new HomelabApp(this, 'shop-api', { namespace: 'shop', image: 'ghcr.io/jdoe/shop-api:3.1.0', ports: [{ name: 'http', port: 8080 }], env: { SMTP_PASSWORD: smtp.key('password') } });
    const web = new HomelabApp(this, 'shop', {
      namespace: 'shop', image: 'ghcr.io/jdoe/shop-web:3.1.0', ports: [{ name: 'http', port: 3000 }],
      route: {
        host: 'shop', maxBodySize: '20Mi',
        rules: [
          { path: '/api', backends: [{ service: 'shop-api', port: 8080 }], requestHeaders: { set: { 'X-Forwarded-Prefix': '/api' } } },
          { path: '/' },
        ],
      },
    });
    api.addAllowFrom(web);
  }
}
new RoutesLab(scope);
`;

/** {@link ROUTES_LAB_JS} run as the define function of a synth. */
function routesLabJs(scope: Construct): void {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  new Function('lib', 'scope', ROUTES_LAB_JS)({ ...library, ApiObject }, scope);
}

/** The file share every cluster of {@link routeFlavorsSite} runs, its route as the flavor can write it, beside its API and a download host and admin UI of their own routes. */
function fileShare(cluster: ClusterChart, route: { basicAuth?: SecretReference; maxBodySize: BodySize }, withRules = true): void {
  const api = new HomelabApp(cluster, 'files-api', { namespace: 'files', image: 'ghcr.io/jdoe/files-api:1.8.0', ports: [{ name: 'http', port: 8080 }] });
  const web = new HomelabApp(cluster, 'files', {
    namespace: 'files', image: 'ghcr.io/jdoe/files-web:1.8.0', ports: [{ name: 'http', port: 3000 }], replicas: 2,
    probes: { readiness: { httpPath: '/ready' } },
    route: {
      host: 'files', ...route,
      // ingress-nginx writes a redirect, a rewrite and header changes as annotations of the whole Ingress, which the README says it refuses on one rule of several.
      rules: !withRules ? undefined : [
        { path: '/download', redirect: { hostname: `dl.${cluster.domain}`, statusCode: 302 } },
        { path: '/v1/api', rewrite: { pathPrefix: '/api' }, backends: [{ service: 'files-api', port: 8080 }] },
        { path: '/api', backends: [{ service: 'files-api', port: 8080 }], requestHeaders: { set: { 'X-Forwarded-Prefix': '/api' }, remove: ['Cookie'] } },
        { path: '/', headers: [{ name: 'X-Canary', value: 'yes' }], backends: [{ weight: 90 }, { service: 'files-api', port: 8080, weight: 10 }] },
        { path: '/' },
      ],
    },
  });
  api.addAllowFrom(web);
  new HomelabApp(cluster, 'dl', {
    namespace: 'files', image: 'nginxinc/nginx-unprivileged:1.27.4-alpine', ports: [{ name: 'http', port: 8080 }],
    route: { host: 'dl', maxBodySize: route.maxBodySize },
  });
  new HomelabApp(cluster, 'files-admin', { namespace: 'files', image: 'ghcr.io/jdoe/files-admin:1.8.0', ports: [{ name: 'http', port: 9000 }] })
    .addRoute({ host: 'files-admin', maxBodySize: route.maxBodySize });
}

/**
 * One site whose three clusters each route through another flavor (Traefik, ingress-nginx, Cilium's Gateway API),
 * each cluster running the same file share with rules of every kind: basic auth and a body limit where the flavor
 * has them.
 */
function routeFlavorsSite(scope: Construct): void {
  const t = host('traefik-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.100.0.11' });
  const n = host('nginx-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.100.0.21' });
  const g = host('gateway-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.100.0.31' });
  const lab = site('flavors', {
    domain: 'flavors.jdoe.dev', hosts: [t, n, g], git: { url: 'https://github.com/jdoe/flavors.git' },
    pools: { t: { first: '10.100.0.200', last: '10.100.0.204' }, n: { first: '10.100.0.210', last: '10.100.0.214' }, g: { first: '10.100.0.220', last: '10.100.0.224' } },
  });

  const onTraefik = new ClusterChart(scope, 'traefik', {
    site: lab, hosts: [t], domain: 't.flavors.jdoe.dev',
    preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })],
    routes: traefik({ address: lab.pools.t.at('10.100.0.200') }),
    loadBalancer: metalLb({ pools: [lab.pools.t] }), storage: { fast: localPathStorage() }, gitops: flux(),
  });
  declareExternal(onTraefik, { secrets: [{ namespace: 'files', name: 'files-auth' }] });
  fileShare(onTraefik, { basicAuth: SecretReference.external('files', 'files-auth', 'users'), maxBodySize: '2Gi' });

  const onNginx = new ClusterChart(scope, 'nginx', {
    site: lab, hosts: [n], domain: 'n.flavors.jdoe.dev',
    preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })],
    routes: ingressNginx({ address: lab.pools.n.at('10.100.0.210'), tls: IngressTls.wildcard({ issuer: 'letsencrypt' }) }),
    loadBalancer: metalLb({ pools: [lab.pools.n] }), storage: { fast: localPathStorage() }, gitops: flux(),
  });
  new ClusterIssuer(onNginx, 'letsencrypt', {
    name: 'letsencrypt',
    issuer: acmeIssuer({
      server: 'https://acme-v02.api.letsencrypt.org/directory', email: 'certs@jdoe.dev',
      solvers: [cloudflareDns01({ apiToken: SecretReference.external('cert-manager', 'cloudflare', 'api-token') })],
    }),
  });
  declareExternal(onNginx, { secrets: [{ namespace: 'files', name: 'files-auth' }] });
  fileShare(onNginx, { basicAuth: SecretReference.external('files', 'files-auth', 'auth'), maxBodySize: '2Gi' }, false);

  const onGateway = new ClusterChart(scope, 'gateway', {
    site: lab, hosts: [g], domain: 'g.flavors.jdoe.dev',
    preinstalled: [k3s({ disable: ['traefik', 'servicelb'], extraServerFlags: ['--flannel-backend=none', '--disable-network-policy', '--disable-kube-proxy'] })],
    cni: cilium({ kubeProxyReplacement: true, k8sServiceHost: '10.100.0.31', gatewayApi: {} }), networkPolicy: 'cilium',
    routes: gatewayApi({ gatewayClassName: 'cilium', address: lab.pools.g.at('10.100.0.220') }),
    loadBalancer: ciliumLoadBalancer({ pools: [lab.pools.g], interfaces: ['enp1s0'] }), storage: { fast: localPathStorage() }, gitops: flux(),
  });
  new ClusterIssuer(onGateway, 'letsencrypt', {
    name: 'letsencrypt',
    issuer: acmeIssuer({
      server: 'https://acme-v02.api.letsencrypt.org/directory', email: 'certs@jdoe.dev',
      solvers: [cloudflareDns01({ apiToken: SecretReference.external('cert-manager', 'cloudflare', 'api-token') })],
    }),
  });
  new WildcardCertificate(onGateway, 'wildcard', { issuer: 'letsencrypt', namespace: 'gateway', secretName: 'main-gateway-tls', replicate: false });
  fileShare(onGateway, { maxBodySize: 'unlimited' });
}

/**
 * People log in through Authelia, an OpenID Connect provider with its configuration in a ConfigMap and its keys from
 * External Secrets: the API server takes its tokens, a tenant's group gets its namespace, the tenant runs a Knative
 * function inside its quota, and Grafana and Hubble UI (behind oauth2-proxy) log in through it.
 */
function identityLab(scope: Construct): void {
  const n1 = host('id-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.110.11' });
  const n2 = host('id-2', { arch: 'amd64', roles: ['worker'], address: '192.168.110.12' });
  const lab = site('identity', {
    domain: 'sso.jdoe.dev', hosts: [n1, n2], git: { url: 'https://github.com/jdoe/identity.git' },
    pools: { lb: { first: '192.168.110.200', last: '192.168.110.210' }, 'knative-local': { first: '192.168.110.220', last: '192.168.110.220' } },
  });

  class IdentityLab extends ClusterChart {
    constructor(scope: Construct) {
      super(scope, 'main', {
        site: lab, hosts: [n1, n2],
        preinstalled: [talos({
          bootstrapNode: n1, clusterEndpoint: '192.168.110.10', allowSchedulingOnControlPlanes: true,
          apiServerOidc: { issuerUrl: 'https://auth.sso.jdoe.dev', clientId: 'kubernetes', groupsClaim: 'groups' },
        })],
        cni: cilium({ ...ciliumOnTalos(), gatewayApi: {} }), networkPolicy: 'cilium',
        loadBalancer: ciliumLoadBalancer({ pools: [lab.pools.lb], interfaces: ['enp1s0'] }),
        routes: gatewayApi({ gatewayClassName: 'cilium', address: lab.pools.lb.at('192.168.110.200') }),
        storage: { fast: localPathStorage() },
        gitops: flux(),
      });
      declareExternal(this, { secrets: [{ namespace: 'gateway', name: 'main-gateway-tls' }], clusterSecretStores: ['bitwarden'] });
      const store = { name: 'bitwarden' };
      new ExternalSecret(this, 'authelia-keys', {
        namespace: 'auth', name: 'authelia-keys', store,
        data: {
          'jwt-secret': { remoteKey: 'authelia', property: 'jwt' }, 'session-secret': { remoteKey: 'authelia', property: 'session' },
          'storage-key': { remoteKey: 'authelia', property: 'storage' }, 'oidc-hmac': { remoteKey: 'authelia', property: 'hmac' },
          'oidc-key.pem': { remoteKey: 'authelia', property: 'issuer-key' },
        },
      });
      new ApiObject(this, 'authelia-config', {
        apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'authelia', namespace: 'auth' },
        data: {
          'configuration.yml': [
            'server:', '  address: tcp://0.0.0.0:9091', 'log:', '  level: info',
            'authentication_backend:', '  file:', '    path: /config/users.yml',
            'session:', '  cookies:', '    - domain: sso.jdoe.dev', '      authelia_url: https://auth.sso.jdoe.dev',
            'storage:', '  local:', '    path: /data/db.sqlite3',
            'notifier:', '  filesystem:', '    filename: /data/notification.txt',
            'access_control:', '  default_policy: one_factor',
            'identity_providers:', '  oidc:', '    clients:',
            '      - client_id: grafana', '        redirect_uris: [https://grafana.sso.jdoe.dev/login/generic_oauth]',
            '      - client_id: kubernetes', '        public: true', '        redirect_uris: [http://localhost:8000]',
            '',
          ].join('\n'),
          'users.yml': 'users:\n  jdoe:\n    displayname: J Doe\n    password: "$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo"\n    groups: [admins, team-alice]\n',
        },
      });
      new HomelabApp(this, 'authelia', {
        namespace: 'auth', image: 'ghcr.io/authelia/authelia:4.39.1', ports: [{ name: 'http', port: 9091 }],
        env: {
          AUTHELIA_IDENTITY_VALIDATION_RESET_PASSWORD_JWT_SECRET_FILE: '/secrets/jwt-secret', AUTHELIA_SESSION_SECRET_FILE: '/secrets/session-secret',
          AUTHELIA_STORAGE_ENCRYPTION_KEY_FILE: '/secrets/storage-key', AUTHELIA_IDENTITY_PROVIDERS_OIDC_HMAC_SECRET_FILE: '/secrets/oidc-hmac',
          X_AUTHELIA_CONFIG: '/config/configuration.yml',
        },
        persistence: {
          config: { volume: AppVolume.configMap('authelia'), mountPath: '/config' },
          secrets: { volume: AppVolume.secret('authelia-keys'), mountPath: '/secrets' },
          data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/data' },
        },
        probes: { readiness: { httpPath: '/api/health' }, liveness: { httpPath: '/api/health' } },
        route: { host: 'auth' },
      });
      new Knative(this, 'knative', { eventing: false, localGatewayAddress: lab.pools['knative-local'].at('192.168.110.220') });
      new Tenant(this, 'team-alice', {
        namespace: 'team-alice', owner: 'alice', oidcGroups: ['team-alice'],
        quota: { requestsMemory: '2Gi', limitsMemory: '4Gi', pods: 20 },
      });
      new HomelabApp(this, 'resize', {
        namespace: 'team-alice', image: 'ghcr.io/alice/resize:0.2.0', ports: [{ name: 'http', port: 8080 }], labels: { owner: 'alice' },
        resources: { memoryRequest: '64Mi', memoryLimit: '128Mi' },
        controller: AppController.knative({ maxScale: 4 }),
        route: { host: 'resize.team-alice.sso.jdoe.dev' },
      });
      new HomelabApp(this, 'grafana', {
        namespace: 'monitoring', image: 'grafana/grafana:11.5.2', ports: [{ name: 'http', port: 3000 }],
        env: {
          GF_SERVER_ROOT_URL: 'https://grafana.sso.jdoe.dev', GF_AUTH_GENERIC_OAUTH_ENABLED: 'true', GF_AUTH_GENERIC_OAUTH_CLIENT_ID: 'grafana',
          GF_AUTH_GENERIC_OAUTH_CLIENT_SECRET: SecretReference.external('monitoring', 'grafana-oidc', 'client-secret'),
          GF_AUTH_GENERIC_OAUTH_AUTH_URL: 'https://auth.sso.jdoe.dev/api/oidc/authorization',
          GF_AUTH_GENERIC_OAUTH_TOKEN_URL: 'https://auth.sso.jdoe.dev/api/oidc/token',
          GF_AUTH_GENERIC_OAUTH_API_URL: 'https://auth.sso.jdoe.dev/api/oidc/userinfo',
        },
        persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/var/lib/grafana' } },
        route: { host: 'grafana' },
      });
      new ServiceRoute(this, 'hubble', {
        host: 'hubble', namespace: 'kube-system', serviceName: 'hubble-ui', port: 80,
        login: {
          issuerUrl: 'https://auth.sso.jdoe.dev', clientId: 'hubble',
          clientSecret: SecretReference.external('auth', 'hubble-oidc', 'client-secret'), cookieSecret: SecretReference.external('auth', 'hubble-oidc', 'cookie-secret'),
          allowedGroups: ['admins'], namespace: 'auth',
          backendPods: { podLabels: { 'k8s-app': 'hubble-ui' }, port: 8081 },
        },
      });
    }
  }
  new IdentityLab(scope);
}

/** The wiki a sandbox tries first and home runs after: one definition, two clusters. */
function wiki(cluster: ClusterChart): HomelabApp {
  return new HomelabApp(cluster, 'bookstack', {
    image: 'lscr.io/linuxserver/bookstack:24.12.1', ports: [{ name: 'http', port: 80 }],
    env: { PUID: '1000', PGID: '1000', APP_URL: `https://wiki.${cluster.domain}`, DB_HOST: 'mariadb', DB_DATABASE: 'bookstack', DB_USERNAME: 'bookstack', DB_PASSWORD: SecretReference.external('bookstack', 'bookstack-db', 'password') },
    persistence: { config: { volume: AppVolume.claim({ tier: 'shared', size: '2Gi' }), mountPath: '/config' } },
    exemptions: { runAsRoot: 's6-overlay', writableRootFilesystem: 's6-overlay writes /run', addCapabilities: { capabilities: ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID', 'KILL', 'NET_BIND_SERVICE'], reason: 's6-overlay chowns /config and drops to PUID' } },
    route: { host: 'wiki' },
  });
}

/**
 * A wiki tried in a sandbox cluster and promoted home: one definition built into both clusters, their claims on one
 * NFS export in folders of each cluster's own (as the README's NFS claim folders ask).
 */
function promotionSite(scope: Construct): void {
  const a = host('pa', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.71.10' });
  const b = host('pb', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.71.20' });
  const lab = site('promo', { domain: 'promo.jdoe.dev', hosts: [a, b], git: { url: 'https://github.com/jdoe/promo.git' },
    pools: { a: { first: '192.168.71.100', last: '192.168.71.105' }, b: { first: '192.168.71.110', last: '192.168.71.115' } },
    nfs: { nas: { server: '192.168.71.5', path: '/volume1/k8s' } } });
  for (const [name, node, pool, address] of [['home', a, lab.pools.a, '192.168.71.100'], ['sandbox', b, lab.pools.b, '192.168.71.110']] as const) {
    const c = new ClusterChart(scope, name, {
      site: lab, hosts: [node], domain: name === 'home' ? 'promo.jdoe.dev' : 'sandbox.promo.jdoe.dev',
      preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })], routes: traefik({ address: pool.at(address) }), loadBalancer: metalLb({ pools: [pool] }),
      storage: { fast: localPathStorage(), shared: nfsStorage(lab.nfs.nas, { subDirectory: `${name}/\${pvc.metadata.namespace}/\${pvc.metadata.name}` }) }, gitops: flux(),
    });
    const app = wiki(c);
    const db = new HomelabApp(c, 'mariadb', {
      namespace: 'bookstack', image: 'mariadb:11.4.5', ports: [{ name: 'mysql', port: 3306 }], runAsUser: 999,
      controller: AppController.statefulSet(),
      env: { MARIADB_RANDOM_ROOT_PASSWORD: 'yes', MARIADB_DATABASE: 'bookstack', MARIADB_USER: 'bookstack', MARIADB_PASSWORD: SecretReference.external('bookstack', 'bookstack-db', 'password') },
      persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/var/lib/mysql' }, run: { volume: AppVolume.emptyDir(), mountPath: '/run/mysqld' } },
    });
    db.addAllowFrom(app);
  }
}

/** Restores written by hand: a VolSync ReplicationDestination beside its source, and a Velero Restore beside the namespace it came from. */
function restoresLab(scope: Construct): void {
  const c = oneNodeCluster(scope, 'restores', host('r1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.72.10' }));
  new ChartRelease(c, 'volsync', { namespace: 'volsync-system', chart: { repository: 'https://backube.github.io/helm-charts', chart: 'volsync', version: '0.12.0' }, network: servesPorts({ port: 8443, purpose: 'metrics' }), crds: [{ group: 'volsync.backube', kinds: ['ReplicationSource', 'ReplicationDestination'] }] });
  new ChartRelease(c, 'velero', { namespace: 'velero', chart: { repository: 'https://vmware-tanzu.github.io/helm-charts', chart: 'velero', version: '8.3.0' }, network: servesPorts({ port: 8085, purpose: 'metrics' }), crds: [{ group: 'velero.io', kinds: ['Schedule', 'Backup', 'Restore', 'BackupStorageLocation'] }] });
  declareExternal(c, { secrets: [{ namespace: 'notes', name: 'notes-restic' }] });
  new ApiObject(c, 'notes-restore', {
    apiVersion: 'volsync.backube/v1alpha1', kind: 'ReplicationDestination', metadata: { name: 'notes-data-dst', namespace: 'notes' },
    spec: { trigger: { manual: 'restore-once' }, restic: { repository: 'notes-restic', copyMethod: 'Direct', capacity: '2Gi', accessModes: ['ReadWriteOnce'], storageClassName: 'local-path' } },
  });
  new ApiObject(c, 'notes-backup', {
    apiVersion: 'volsync.backube/v1alpha1', kind: 'ReplicationSource', metadata: { name: 'notes-data', namespace: 'notes' },
    spec: { sourcePVC: 'notes-data', trigger: { schedule: '15 */6 * * *' }, restic: { repository: 'notes-restic', copyMethod: 'Direct', retain: { hourly: 6, daily: 7, within: '3d' } } },
  });
  new HomelabApp(c, 'notes', {
    image: 'ghcr.io/jdoe/notes:1.0.0', ports: [{ name: 'http', port: 8080 }],
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '2Gi' }), mountPath: '/data' } },
    route: { host: 'notes' },
  });
  new ApiObject(c, 'restore', {
    apiVersion: 'velero.io/v1', kind: 'Restore', metadata: { name: 'notes-2026-12-01', namespace: 'velero' },
    spec: { backupName: 'nightly-20261201010000', includedNamespaces: ['notes'], namespaceMapping: { notes: 'notes-restore' } },
  });
}

/** A Gatekeeper ConstraintTemplate written by hand in the config layer, its constraint in the apps layer, beside RequiredPodLabels. */
function gatekeeperLab(scope: Construct): void {
  const c = oneNodeCluster(scope, 'gk', host('g1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.73.10' }));
  new RequiredPodLabels(c, 'owners', { labels: ['owner'] });
  new ApiObject(c.platform.configScope('k8sallowedrepos'), 'template', {
    apiVersion: 'templates.gatekeeper.sh/v1', kind: 'ConstraintTemplate', metadata: { name: 'k8sallowedrepos' },
    spec: {
      crd: { spec: { names: { kind: 'K8sAllowedRepos' }, validation: { openAPIV3Schema: { type: 'object', properties: { repos: { type: 'array', items: { type: 'string' } } } } } } },
      targets: [{ target: 'admission.k8s.gatekeeper.sh', rego: 'package k8sallowedrepos\nviolation[{"msg": msg}] {\n  c := input.review.object.spec.containers[_]\n  not startswith(c.image, input.parameters.repos[_])\n  msg := sprintf("image %v not allowed", [c.image])\n}\n' }],
    },
  });
  new ApiObject(c, 'constraint', {
    apiVersion: 'constraints.gatekeeper.sh/v1beta1', kind: 'K8sAllowedRepos', metadata: { name: 'only-ghcr' },
    spec: { match: { kinds: [{ apiGroups: [''], kinds: ['Pod'] }], namespaces: ['apps'] }, parameters: { repos: ['ghcr.io/'] } },
  });
  new HomelabApp(c, 'app', { namespace: 'apps', image: 'ghcr.io/jdoe/app:1.0.0', ports: [{ name: 'http', port: 8080 }], labels: { owner: 'jdoe' }, route: { host: 'app' } });
}

/** An app on the IoT VLAN through a macvlan NetworkAttachmentDefinition written by hand on the host's VLAN interface. */
function multusLab(scope: Construct): void {
  const vlans = { lan: vlan('lan', { id: 1, cidr: '192.168.75.0/24', gateway: '192.168.75.1' }), iot: vlan('iot', { id: 40, cidr: '192.168.40.0/24', gateway: '192.168.40.1' }) };
  const n = host('m1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.75.10', vlanInterfaces: [{ vlan: vlans.iot, device: 'eth0.40' }] });
  const c = oneNodeCluster(scope, 'multus', n, {}, vlans);
  new ApiObject(c, 'iot-net', {
    apiVersion: 'k8s.cni.cncf.io/v1', kind: 'NetworkAttachmentDefinition', metadata: { name: 'iot', namespace: 'home' },
    spec: { config: JSON.stringify({ cniVersion: '0.3.1', type: 'macvlan', master: 'eth0.40', mode: 'bridge', ipam: { type: 'static', addresses: [{ address: '192.168.40.20/24', gateway: '192.168.40.1' }] } }) },
  });
  new HomelabApp(c, 'scrypted', {
    namespace: 'home', image: 'ghcr.io/koush/scrypted:v0.139.0-jammy-full', ports: [{ name: 'http', port: 11080 }],
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/server/volume' } },
    exemptions: { runAsRoot: 'the image runs as root', writableRootFilesystem: 'node writes its caches under /root' },
    route: { host: 'nvr' },
  });
}

/** Knative Eventing: a broker, a trigger to a Knative Service that scales to zero, a PingSource, on Istio's Gateway. */
function knativeEventingLab(scope: Construct): void {
  const n = host('k1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.76.10' });
  const lab = site('kev', { domain: 'kev.jdoe.dev', hosts: [n], git: { url: 'https://github.com/jdoe/kev.git' }, pools: { lb: { first: '192.168.76.200', last: '192.168.76.205' } } });
  const c = new ClusterChart(scope, 'main', {
    site: lab, hosts: [n],
    preinstalled: [k3s({ disable: ['traefik', 'servicelb'] }), { source: 'istioctl install', crds: [{ group: 'gateway.networking.k8s.io', kinds: ['Gateway', 'HTTPRoute', 'GRPCRoute', 'ReferenceGrant'] }], provides: { gatewayClasses: ['istio'] } }],
    loadBalancer: metalLb({ pools: [lab.pools.lb] }), routes: gatewayApi({ gatewayClassName: 'istio', address: lab.pools.lb.at('192.168.76.200') }),
    storage: { fast: localPathStorage() }, gitops: flux(),
  });
  declareExternal(c, { secrets: [{ namespace: 'gateway', name: 'main-gateway-tls' }] });
  new Knative(c, 'knative', { gatewayServiceName: 'main-gateway-istio', localGateway: { namespace: 'gateway', gatewayName: 'knative-local', serviceName: 'knative-local-istio' }, scaleToZeroAfter: '5m' });
  new HomelabApp(c, 'display', { namespace: 'events', image: 'gcr.io/knative-releases/knative.dev/eventing/cmd/event_display:v1.17.0', ports: [{ name: 'http', port: 8080 }], controller: AppController.knative({ maxScale: 2 }) });
  new ApiObject(c, 'broker', { apiVersion: 'eventing.knative.dev/v1', kind: 'Broker', metadata: { name: 'default', namespace: 'events' } });
  new ApiObject(c, 'trigger', {
    apiVersion: 'eventing.knative.dev/v1', kind: 'Trigger', metadata: { name: 'display', namespace: 'events' },
    spec: { broker: 'default', subscriber: { ref: { apiVersion: 'serving.knative.dev/v1', kind: 'Service', name: 'display' } } },
  });
  new ApiObject(c, 'ping', {
    apiVersion: 'sources.knative.dev/v1', kind: 'PingSource', metadata: { name: 'every-minute', namespace: 'events' },
    spec: { schedule: '*/1 * * * *', contentType: 'application/json', data: '{"message": "ping"}', sink: { ref: { apiVersion: 'eventing.knative.dev/v1', kind: 'Broker', name: 'default' } } },
  });
}

/** An app served on the tailnet by an Ingress of the Tailscale operator's class, written by hand. */
function tailnetIngressLab(scope: Construct): void {
  const c = oneNodeCluster(scope, 'tsi', host('t1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.77.10' }), {
    preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })],
    loadBalancer: tailscaleLoadBalancer({ oauth: { clientId: SecretReference.external('tailscale', 'operator-oauth', 'client_id'), clientSecret: SecretReference.external('tailscale', 'operator-oauth', 'client_secret') } }),
  });
  // The operator's proxy for the Ingress runs in its namespace, which the app's policy must let in.
  new HomelabApp(c, 'linkding', {
    image: 'sissbruecker/linkding:1.39.1', ports: [{ name: 'http', port: 9090 }], allowFrom: [{ namespace: 'tailscale' }],
    persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/etc/linkding/data' } },
  });
  new ApiObject(c, 'linkding-tailnet', {
    apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'linkding-tailnet', namespace: 'linkding' },
    spec: { ingressClassName: 'tailscale', defaultBackend: { service: { name: 'linkding', port: { number: 9090 } } }, tls: [{ hosts: ['linkding'] }] },
  });
}

/** Traefik's pods, the ingress of the labs that route through it. */
const TRAEFIK: Peer = { namespace: 'traefik', app: 'traefik' };

/** Each lab with its ingress, or, for a site of several clusters, the ingress of each cluster folder. */
const LABS: Array<[string, (scope: Construct) => void, Peer | Readonly<Record<string, Peer>>]> = [
  ['three-cluster site', threeClusterSite, { 'fleet/home': TRAEFIK, 'fleet/vps': TRAEFIK, 'fleet/sandbox': TRAEFIK }],
  ['K3s folder lab', k3sFolderLab, TRAEFIK],
  ['GitLab CI lab', gitLabLab, TRAEFIK],
  ['Knative lab', knativeLab, { namespace: 'gateway' }],
  ['tenants lab', tenantsLab, TRAEFIK],
  ['Crossplane lab', crossplaneLab, TRAEFIK],
  ['tailnet lab', tailnetLab, TRAEFIK],
  ['Home Assistant lab', homeAssistantLab, TRAEFIK],
  ['backups lab', backupsLab, TRAEFIK],
  ['login lab', loginLab, TRAEFIK],
  ['plain JavaScript routes lab', routesLabJs, TRAEFIK],
  ['route flavors site', routeFlavorsSite, { 'flavors/traefik': TRAEFIK, 'flavors/nginx': { namespace: 'ingress-nginx', app: 'ingress-nginx' }, 'flavors/gateway': 'cilium-ingress' }],
  ['identity lab', identityLab, 'cilium-ingress'],
  ['promotion site', promotionSite, { 'promo/home': TRAEFIK, 'promo/sandbox': TRAEFIK }],
  ['restores lab', restoresLab, TRAEFIK],
  ['Gatekeeper lab', gatekeeperLab, TRAEFIK],
  ['Multus lab', multusLab, TRAEFIK],
  ['Knative Eventing lab', knativeEventingLab, { namespace: 'gateway' }],
  ['tailnet Ingress lab', tailnetIngressLab, TRAEFIK],
];

/** The cluster folders a lab's ingress is given for, each with its ingress (one of no folder: the lab's only cluster). */
const clustersOf = (ingress: Peer | Readonly<Record<string, Peer>>): Array<[string | undefined, Peer]> =>
  typeof ingress === 'string' || 'namespace' in ingress ? [[undefined, ingress as Peer]] : Object.entries(ingress);

describe('more correct labs written from the README synthesize with no finding', () => {
  test.each(LABS)('the %s', (_name, define) => {
    expect(shownFindings(define)).toEqual([]);
  });
});

describe('the output of each of these labs would run', () => {
  test.each(LABS)('the %s: every layer builds with kustomize', (_name, define) => {
    expect(foldersOf(define).length).toBeGreaterThan(0);
  });

  test.each(LABS)('the %s: every probe and Service reaches a declared port', (_name, define, ingress) => {
    const found = clustersOf(ingress).flatMap(([cluster]) => {
      const objects = objectsOf(define, cluster);
      return [...probesOffPorts(objects), ...servicesOffPods(objects).filter((s) => !/VirtualMachine/.test(s))];
    });
    expect(found).toEqual([]);
  });

  test.each(LABS)("the %s: every routed app's policy admits the ingress on the routed port", (_name, define, ingress) => {
    expect(clustersOf(ingress).flatMap(([cluster, peer]) => routesRefused(objectsOf(define, cluster), peer))).toEqual([]);
  });
});

describe("each app's policy admits the callers the labs declare", () => {
  test('callers of the same namespace, of another namespace and of a tenant are let in; one not declared stays out', () => {
    expect({
      redis: admits(objectsOf(threeClusterSite, 'fleet/home'), 'paperless', 'redis', 6379, { namespace: 'paperless', app: 'paperless' }),
      externalDns: admits(objectsOf(threeClusterSite, 'fleet/home'), 'adguard-home', 'adguard-home', 3000, { namespace: 'external-dns' }),
      wiki: admits(objectsOf(k3sFolderLab), 'wiki', 'postgres', 5432, { namespace: 'wiki', app: 'wiki' }),
      cleanup: admits(objectsOf(k3sFolderLab), 'wiki', 'postgres', 5432, { namespace: 'wiki', app: 'cleanup' }),
      tenant: admits(objectsOf(tenantsLab), 'team-alice', 'alice-api', 8080, { namespace: 'team-alice', app: 'alice-web' }),
      mqtt: admits(objectsOf(homeAssistantLab), 'iot', 'mosquitto', 1883, { namespace: 'iot', app: 'zigbee2mqtt' }),
      shopApi: admits(objectsOf(routesLabJs), 'shop', 'shop-api', 8080, { namespace: 'shop', app: 'shop' }),
      filesApi: admits(objectsOf(routeFlavorsSite, 'flavors/nginx'), 'files', 'files-api', 8080, { namespace: 'files', app: 'files' }),
      tailnet: admits(objectsOf(tailnetIngressLab), 'linkding', 'linkding', 9090, { namespace: 'tailscale' }),
    }).toEqual({ redis: true, externalDns: true, wiki: true, cleanup: true, tenant: true, mqtt: true, shopApi: true, filesApi: true, tailnet: true });
    expect(admits(objectsOf(tenantsLab), 'team-alice', 'alice-api', 8080, { namespace: 'team-bob', app: 'bob-web' })).toBe(false);
  });
});

describe('what the labs write right, where it was refused', () => {
  test("an OpenID Connect provider's configuration listing its clients' callbacks on the user's own machine (kubelogin's http://localhost:8000) calls none of them", () => {
    const config = objectsOf(identityLab).find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'authelia') as { data: Record<string, string> } | undefined;
    expect(config?.data['configuration.yml']).toContain('redirect_uris: [http://localhost:8000]');
    expect(shownFindings(identityLab)).toEqual([]);
  });

  test("a config file's redirect URIs, written as a list under the key, are no calls; the URLs of the keys after it still are", () => {
    const file = ['clients:', '  - redirect_uris:', '      - http://localhost:8000', "      - 'http://127.0.0.1:8250/oidc/callback'", '    allowedOrigins: [http://localhost:5173]', '  - webhook: http://localhost:9000/hook', ''].join('\n');
    expect(configFileAddresses(file)).toEqual([{ setting: '', value: 'http://localhost:9000/hook' }]);
  });
});

