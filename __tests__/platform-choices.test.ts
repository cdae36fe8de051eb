import { ApiObject, App as CdkApp } from 'cdk8s';
import {
  acmeCloudflareDns01, acmeHttp01, App, argoCd, BridgeNetwork, ClusterChart, flux, Forgejo, Harbor, host, ingressNginx, IngressTls, k3s, k3sManifests, metalLb,
  SealedSecret,
  SecretReference, site, synthesize, traefik, zfsStorageClassName,
} from '../constructs';
import type { ClusterChartProps, SynthesizedCluster } from '../constructs';
import { renderClusterFiles } from '../constructs/synth/render';
import { sitesInMemory } from './support/synth';

// The cluster's choices bring their components: routes, load balancer, DNS, GPUs, and the kinds in use.

const gateway = host('gw', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.1.0.1', publicAddress: '203.0.113.7' });
const inside = host('inside', {
  arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.1.0.2', gpus: [{ vendor: 'intel' }],
  bridges: { br0: {} }, zfsPools: { tank: { media: 'hdd' } },
});
const lab = site('choices', {
  domain: 'choices.test', hosts: [gateway, inside], pools: { vips: { first: '10.1.8.10', last: '10.1.8.20' } },
  git: { url: 'https://git.example/choices.git' },
});
const token = (namespace: string) => SecretReference.external(namespace, 'cloudflare', 'token');

function build(props: Partial<ClusterChartProps>, add: (cluster: ClusterChart) => void = () => undefined) {
  const app = new CdkApp();
  const cluster = new ClusterChart(app, 'main', {
    site: lab, hosts: [inside], routes: traefik({ nodePorts: true }), storage: { fast: inside.zfs.tank }, gitops: flux(), ...props,
  });
  add(cluster);
  const result = synthesize(app, { outdir: 'unused', write: false });
  const synthesized: SynthesizedCluster = result.clusters[0];
  const release = (name: string) => synthesized.objects.find((o) => o.manifest.kind === 'HelmRelease' && o.manifest.metadata.name === name)?.manifest as any;
  return { result, cluster: synthesized, release, errors: result.findings.filter((f) => f.severity === 'error') };
}

describe('traefik()', () => {
  test('its Service takes the inventory address through MetalLB; resolvers are defined and their store persisted', () => {
    const { release, errors } = build({
      routes: traefik({
        address: lab.pools.vips.at('10.1.8.10'),
        certResolver: 'le-dns',
        acme: { 'le-dns': acmeCloudflareDns01({ apiToken: token('traefik') }), 'le-http': acmeHttp01({ email: 'ops@choices.test' }) },
      }),
      loadBalancer: metalLb({ pools: [lab.pools.vips] }),
    });
    expect(errors).toEqual([]);
    const values = release('traefik').spec.values;
    expect(values.service).toEqual({ type: 'LoadBalancer', annotations: { 'metallb.io/address-pool': 'vips', 'metallb.io/loadBalancerIPs': '10.1.8.10' } });
    expect(values.certificatesResolvers).toEqual({
      'le-dns': { acme: { storage: '/data/acme.json', dnsChallenge: { provider: 'cloudflare' } } },
      'le-http': { acme: { email: 'ops@choices.test', storage: '/data/acme.json', httpChallenge: { entryPoint: 'web' } } },
    });
    expect(values.env).toEqual([{ name: 'CF_DNS_API_TOKEN', valueFrom: { secretKeyRef: { name: 'cloudflare', key: 'token' } } }]);
    expect(values.persistence).toMatchObject({ enabled: true, path: '/data', storageClass: 'zfs-tank' });
    expect(values.ports.ssh).toBeUndefined();
  });

  test('a token made by hand exists before the sync, so the release waits; a sealed one arrives with the apps layer, so it does not', () => {
    const handMade = build({ routes: traefik({ acme: { le: acmeCloudflareDns01({ apiToken: token('traefik') }) } }) });
    expect(handMade.release('traefik').spec.install.disableWait).toBeUndefined();
    const app = new CdkApp();
    const cluster = new ClusterChart(app, 'main', {
      site: lab, hosts: [inside], storage: { fast: inside.zfs.tank }, gitops: flux(),
      routes: traefik({ acme: { le: acmeCloudflareDns01({ apiToken: new SecretReference('traefik', 'cloudflare', 'token', 'sealed-secret') }) } }),
    });
    new SealedSecret(cluster, 'cloudflare', { namespace: 'traefik', encryptedData: { token: `Ag${'B'.repeat(720)}==` } });
    const objects = synthesize(app, { outdir: 'unused', write: false }).clusters[0].objects;
    const release = objects.find((o) => o.manifest.kind === 'HelmRelease' && o.manifest.metadata.name === 'traefik')!.manifest as any;
    expect(release.spec.install.disableWait).toBe(true);
    expect(release.spec.upgrade.disableWait).toBe(true);
  });

  test('hostPorts serves 80 and 443 from the node and takes no load-balancer address', () => {
    const { release, errors } = build({ routes: traefik({ hostPorts: true }) });
    expect(errors).toEqual([]);
    expect(release('traefik').spec.values.service).toEqual({ type: 'ClusterIP' });
    const withAddress = build({ routes: traefik({ hostPorts: true, address: lab.pools.vips.at('10.1.8.12') }), loadBalancer: metalLb({ pools: [lab.pools.vips] }) });
    expect(withAddress.errors).toContainEqual(expect.objectContaining({ field: 'routes.address' }));
  });

  test('nodePorts serves HTTP and HTTPS on the node-port range plus 80 and 443, and takes neither address nor hostPorts', () => {
    const { release, errors } = build({ routes: traefik({ nodePorts: true }) });
    expect(errors).toEqual([]);
    expect(release('traefik').spec.values.service).toEqual({ type: 'NodePort' });
    expect(release('traefik').spec.values.ports).toMatchObject({ web: { nodePort: 30080 }, websecure: { nodePort: 30443 } });
    const both = build({ routes: traefik({ nodePorts: true, hostPorts: true }) });
    expect(both.errors.map((e) => e.field)).toEqual(['routes.nodePorts']);
    const narrow = build({ routes: traefik({ nodePorts: true }), nodePortRange: { first: 32000, last: 32400 } });
    expect(narrow.errors.map((e) => e.message)).toEqual([
      'Traefik\'s node ports 32080 and 32443 do not fit the node-port range 32000-32400 of cluster "main"',
    ]);
  });

  test('a LoadBalancer Service nothing would give an address is refused; a distribution that serves them lets it pass', () => {
    const bare = build({ routes: traefik() });
    expect(bare.errors.map((e) => `${e.field}: ${e.message}`)).toEqual([
      'routes: nothing in cluster "main" gives Traefik\'s LoadBalancer Service an address: no loadBalancer choice, and nothing preinstalled provides one',
    ]);
    expect(build({ routes: traefik(), preinstalled: [k3s({ disable: ['traefik'] })] }).errors).toEqual([]);
    // k3s() switches servicelb off unless told otherwise.
    expect(build({ routes: traefik(), preinstalled: [k3s()] }).errors.map((e) => e.field)).toEqual(['routes']);
    expect(build({ routes: traefik(), preinstalled: [{ source: 'hosting', provides: { loadBalancers: ['cloud-lb'] } }] }).errors).toEqual([]);
  });

  test("an app's LoadBalancer and a hand-written one need something to serve them too", () => {
    const dns = (cluster: ClusterChart) => new App(cluster, 'dns', {
      image: 'adguard/adguardhome:v0.107.57', ports: [{ name: 'dns', port: 5353, protocol: 'UDP' }], loadBalancer: {},
      probes: { readiness: { command: ['nslookup', '-port=5353', 'localhost', '127.0.0.1'] } },
      exemptions: { addCapabilities: { capabilities: ['NET_BIND_SERVICE'], reason: 'its binary carries NET_BIND_SERVICE as a file capability' } },
    });
    const raw = (cluster: ClusterChart) => new ApiObject(cluster, 'raw', {
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'raw', namespace: 'dns' },
      spec: { type: 'LoadBalancer', selector: { 'app.kubernetes.io/name': 'dns' }, ports: [{ name: 'dns', port: 53, protocol: 'UDP', targetPort: 5353 }] },
    });
    const bare = build({}, (cluster) => { dns(cluster); raw(cluster); });
    expect(bare.errors.map((e) => `${e.constructPath} ${e.field}`)).toEqual(['main/raw spec.type', 'main/dns loadBalancer']);
    const servicelb = build({ preinstalled: [k3s({ disable: ['traefik'] })] }, (cluster) => { dns(cluster); raw(cluster); });
    expect(servicelb.errors).toEqual([]);
    const service = servicelb.cluster.objects.find((o) => o.manifest.metadata.name === 'dns-lb')!.manifest as any;
    expect(service.spec.type).toBe('LoadBalancer');
    expect(service.metadata.annotations).toBeUndefined();
  });

  test("ingress-nginx's LoadBalancer needs something to serve it, unless K3s runs it on the nodes' ports", () => {
    const nginx = () => ingressNginx({ tls: IngressTls.none() });
    expect(build({ routes: nginx() }).errors.map((e) => `${e.field}: ${e.message}`)).toEqual([
      'routes: nothing in cluster "main" gives ingress-nginx\'s LoadBalancer Service an address: no loadBalancer choice, and nothing preinstalled provides one',
    ]);
    const distribution = k3s();
    expect(build({ routes: nginx(), preinstalled: [distribution] }, (cluster) => distribution.configure(cluster)).errors).toEqual([]);
  });

  test("K3s' server shares the agents' token file and names the host they join at in its certificate", () => {
    expect(k3s().serverFlags).toEqual(['--disable=traefik', '--disable=servicelb', '--service-node-port-range=30000-32767']);
    expect(k3s({ serverUrl: 'https://storage.lab.ts.net:6443', tokenFile: '/run/secrets/k3s-token', extraServerFlags: ['--flannel-iface=tailscale0'] }).serverFlags)
      .toEqual([
        '--disable=traefik', '--disable=servicelb', '--service-node-port-range=30000-32767',
        '--token-file=/run/secrets/k3s-token', '--tls-san=storage.lab.ts.net', '--flannel-iface=tailscale0',
      ]);
  });

  test("the cluster README says where the ingress is reached: its address, its node's ports, or its node ports", () => {
    const readme = (routes: ReturnType<typeof traefik>, props: Partial<ClusterChartProps> = {}) => {
      const { result } = build({ routes, ...props });
      return renderClusterFiles(result.clusters[0]).get('choices/main/README.md')!.split('\n').find((l) => l.startsWith('Its ingress')) ?? '';
    };
    expect(readme(traefik({ nodePorts: true }))).toBe('Its ingress (traefik) is reached at node ports 30080 (HTTP) and 30443 (HTTPS) of every node.');
    expect(readme(traefik({ hostPorts: true }))).toBe('Its ingress (traefik) is reached at ports 80 and 443 of the node Traefik runs on.');
    expect(readme(traefik({ address: lab.pools.vips.at('10.1.8.12') }), { loadBalancer: metalLb({ pools: [lab.pools.vips] }) }))
      .toBe('Its ingress (traefik) is reached at 10.1.8.12, its load-balancer address.');
    expect(readme(traefik(), { preinstalled: [k3s({ disable: ['traefik'] })] }))
      .toBe('Its ingress (traefik) is reached at the address servicelb gives its LoadBalancer Service.');
  });

  test('an ssh entry point on 22 appears once an app renders a TCP route', () => {
    const { release, errors } = build({}, (cluster) => new Forgejo(cluster, 'forgejo', { route: { host: 'git' } }));
    expect(errors).toEqual([]);
    expect(release('traefik').spec.values.ports.ssh).toEqual({ port: 10022, exposedPort: 22, expose: { default: true }, protocol: 'TCP', nodePort: 30022 });
  });

  test('a Cloudflare token outside Traefik\'s namespace is reported', () => {
    const { errors } = build({ routes: traefik({ acme: { le: acmeCloudflareDns01({ apiToken: token('default') }) } }) });
    expect(errors.map((e) => e.field)).toContain('routes.acme');
  });
});

describe('flux()', () => {
  const intervals = (gitops: ReturnType<typeof flux>) => {
    const { cluster, errors } = build({ gitops });
    expect(errors).toEqual([]);
    const of = (kind: string, layer: boolean) => [...new Set(cluster.objects
      .filter((o) => o.manifest.kind === kind && o.manifest.metadata.name.startsWith('choices-main') === layer)
      .map((o) => (o.manifest.spec as any).interval))];
    return {
      source: of('GitRepository', true), layers: of('Kustomization', true),
      releases: [...of('HelmRelease', false), ...of('Kustomization', false)],
    };
  };

  test('by default the layers are re-applied as often as the repository is fetched, the releases every 30m', () => {
    expect(intervals(flux({ interval: '15m' }))).toEqual({ source: ['15m'], layers: ['15m'], releases: ['30m', '30m'] });
  });

  test('a layer whose apply failed is tried again after a minute, or after retryInterval', () => {
    const retries = (gitops: ReturnType<typeof flux>) => build({ gitops }).cluster.objects
      .filter((o) => o.manifest.kind === 'Kustomization' && o.manifest.metadata.name.startsWith('choices-main'))
      .map((o) => (o.manifest.spec as any).retryInterval);
    expect(new Set(retries(flux()))).toEqual(new Set(['1m']));
    expect(new Set(retries(flux({ retryInterval: '30s' })))).toEqual(new Set(['30s']));
  });

  test('reconcileInterval re-applies layers and releases more often than new commits are fetched', () => {
    expect(intervals(flux({ interval: '1h', reconcileInterval: '5m' }))).toEqual({ source: ['1h'], layers: ['5m'], releases: ['5m', '5m'] });
  });
});

describe('split-horizon DNS', () => {
  test('the cluster on the public target publishes to Cloudflare, pointing at the public address', () => {
    const { release, errors, cluster } = build({ hosts: [gateway], storage: {}, dns: { publicTarget: gateway, cloudflare: { apiToken: token('external-dns') } } });
    expect(errors).toEqual([]);
    expect(release('external-dns-cloudflare').spec.values).toMatchObject({ provider: { name: 'cloudflare' }, domainFilters: ['choices.test'] });
    expect(cluster.chart.dnsAnnotations()).toEqual({ 'external-dns.alpha.kubernetes.io/target': '203.0.113.7' });
  });

  test('another cluster writes AdGuard Home through the webhook sidecar, pointing at its own ingress', () => {
    const { release, errors, cluster } = build({
      routes: traefik({ address: lab.pools.vips.at('10.1.8.11') }),
      loadBalancer: metalLb({ pools: [lab.pools.vips] }),
      dns: {
        publicTarget: gateway,
        adguard: { url: 'http://10.1.0.53:3000', username: SecretReference.external('external-dns', 'adguard', 'user'), password: SecretReference.external('external-dns', 'adguard', 'password') },
      },
    });
    expect(errors).toEqual([]);
    const provider = release('external-dns-adguard').spec.values.provider;
    expect(provider.name).toBe('webhook');
    expect(provider.webhook.image.repository).toBe('ghcr.io/muhlba91/external-dns-provider-adguard');
    expect(provider.webhook.env).toContainEqual({ name: 'ADGUARD_URL', value: 'http://10.1.0.53:3000' });
    expect(cluster.chart.dnsAnnotations()).toEqual({ 'external-dns.alpha.kubernetes.io/target': '10.1.8.11' });
  });

  test('missing credentials are reported on the field', () => {
    expect(build({ dns: { publicTarget: gateway } }).errors.map((e) => e.field)).toContain('dns.adguard');
    expect(build({ hosts: [gateway], storage: {}, dns: { publicTarget: gateway } }).errors.map((e) => e.field)).toContain('dns.cloudflare');
  });
});

describe('kinds and hardware bring their components', () => {
  test('a bridge network brings Multus, a SealedSecret its controller, an Intel GPU its plugin', () => {
    const { cluster, errors } = build({}, (c) => {
      new BridgeNetwork(c, 'iot', { bridge: inside.bridges.br0, namespace: 'vms' });
      c.namespaces.ensure('vms');
      new SealedSecret(c, 'db', { namespace: 'web', encryptedData: { password: `Ag${'B'.repeat(720)}==` } });
    });
    expect(errors).toEqual([]);
    expect(cluster.chart.platform.components.map((c) => c.name).sort())
      .toEqual(['intel-gpu-plugin', 'multus', 'openebs-zfs', 'sealed-secrets', 'traefik']);
  });

  test('the Intel plugin shares each GPU among several containers, under each engine', () => {
    const { cluster, errors } = build({});
    expect(errors).toEqual([]);
    const kustomization = cluster.objects.find((o) => o.manifest.kind === 'Kustomization' && o.manifest.metadata.name === 'intel-gpu-plugin')!.manifest as any;
    expect(kustomization.spec.patches).toEqual([{
      patch: '[{"op":"add","path":"/spec/template/spec/containers/0/args","value":["-shared-dev-num=10"]},'
        + '{"op":"add","path":"/spec/template/spec/containers/0/resources","value":{"requests":{"cpu":"10m","memory":"32Mi"},"limits":{"memory":"128Mi"}}}]',
      target: { kind: 'DaemonSet', name: 'intel-gpu-plugin' },
    }]);
    const steps = build({ gitops: k3sManifests(), preinstalled: [k3s({ disable: ['traefik'] })] }).result.outcomes[0].figures.ownerActions;
    expect(steps.find((s) => s.action.startsWith('install intel-gpu-plugin'))?.command)
      .toContain(`&& kubectl -n intel-gpu-plugin patch daemonset intel-gpu-plugin --type=json -p '[{"op":"add"`);
  });

  test("Multus' daemon gets room beyond upstream's 50Mi, under each engine", () => {
    const withBridge = (c: ClusterChart) => {
      new BridgeNetwork(c, 'iot', { bridge: inside.bridges.br0, namespace: 'vms' });
      c.namespaces.ensure('vms');
    };
    const { cluster } = build({}, withBridge);
    const kustomization = cluster.objects.find((o) => o.manifest.kind === 'Kustomization' && o.manifest.metadata.name === 'multus')!.manifest as any;
    expect(kustomization.spec.patches).toEqual([{
      patch: '[{"op":"add","path":"/spec/template/spec/containers/0/resources","value":{"requests":{"cpu":"100m","memory":"128Mi"},"limits":{"memory":"512Mi"}}}]',
      target: { kind: 'DaemonSet', name: 'kube-multus-ds' },
    }]);
    const argo = build({ gitops: argoCd() }, withBridge).result.findings.find((f) => f.field === 'install.containerPatches' && f.message.includes('multus'));
    expect(argo?.message).toContain('DaemonSet/kube-multus-ds resources requests.cpu=100m requests.memory=128Mi limits.memory=512Mi');
  });

  test('a kind the cluster declares preinstalled brings nothing', () => {
    const { cluster } = build({ preinstalled: [{ source: 'distribution', crds: [{ group: 'bitnami.com', kinds: ['SealedSecret'] }] }] }, (c) => {
      new SealedSecret(c, 'db', { namespace: 'web', encryptedData: { password: `Ag${'B'.repeat(720)}==` } });
    });
    expect(cluster.chart.platform.has('sealed-secrets')).toBe(false);
  });

  test('Harbor is a HelmRelease under Flux, in the apps layer, with the IngressClass the platform provides', () => {
    const { cluster, errors } = build({}, (c) => new Harbor(c, 'harbor', {
      route: { host: 'registry' }, adminPassword: SecretReference.external('registry', 'harbor-admin', 'HARBOR_ADMIN_PASSWORD'),
      internalSecrets: SecretReference.external('registry', 'harbor-internal', 'secretKey'),
    }));
    expect(errors).toEqual([]);
    const objects = cluster.objects.filter((o) => o.file === 'harbor');
    expect(objects.map((o) => [o.manifest.kind, o.layer]).sort()).toEqual([['HelmRelease', 'apps'], ['HelmRepository', 'apps']]);
    expect((objects.find((o) => o.manifest.kind === 'HelmRelease')!.manifest as any).spec.values.expose.ingress.className).toBe('traefik');
  });
});

test('a choice can widen what a component installs, and validation follows', () => {
  const { errors, cluster } = build({}, (c) => {
    const traefikComponent = c.platform.get('traefik')!;
    traefikComponent.addValues({ experimental: { plugins: {} } });
    traefikComponent.addCrds({ group: 'hub.traefik.io', kinds: ['API'] });
  });
  expect(errors).toEqual([]);
  expect(cluster.chart.platform.providesKind('hub.traefik.io', 'API')).toBe(true);
  expect(cluster.chart.platform.get('traefik')!.values.experimental).toEqual({ plugins: {} });
});

describe('the sites carry their components', () => {
  const result = sitesInMemory();
  const components = (folder: string) => result.clusters.find((c) => c.folder === folder)!.chart.platform.components.map((c) => `${c.name}@${c.version}`).sort();

  test('mobius/homelab', () => {
    expect(components('mobius/homelab')).toEqual([
      'arc-controller@0.9.3', 'cdi@0.8.0', 'external-dns-adguard@1.18.0', 'kube-prometheus-stack@80.2.2', 'kubevirt@0.8.0', 'local-path-provisioner@v0.0.32', 'loki@6.29.0',
      'm1-runners@0.9.3', 'metallb@0.15.2', 'multus@v4.3.1', 'openebs-zfs@2.8.0', 'renovate@37.36.1', 'sealed-secrets@2.17.2', 'traefik@41.3.0',
      'trivy-operator@0.18.0', 'weave-gitops@4.0.36',
    ]);
  });

  test('mobius/cloud and mobius/sandbox', () => {
    expect(components('mobius/cloud')).toEqual(['external-dns-cloudflare@1.18.0', 'local-path-provisioner@v0.0.32', 'sealed-secrets@2.17.2', 'traefik@41.3.0']);
    // The sandbox's worker is a k0s container, where the ZFS driver cannot run: its volumes are local-path folders on a dataset.
    expect(components('mobius/sandbox')).toEqual(['local-path-provisioner@v0.0.32', 'sealed-secrets@2.17.2', 'traefik@41.3.0']);
  });

  test('grey-area/main', () => {
    expect(components('grey-area/main')).toEqual([
      // cert-manager signs the routes with the lab's CA; the replicator copies the certificate into the routes' namespaces.
      'argo-cd@8.1.3', 'cert-manager@v1.21.1', 'crossplane@1.20.0', 'csi-driver-nfs@v4.11.0', 'kube-prometheus-stack@80.2.2', 'local-path-provisioner@v0.0.32',
      'nvidia-device-plugin@0.17.2', 'secret-replicator@2.12.1', 'tailscale-operator@1.90.9', 'traefik@41.3.0',
    ]);
  });
});

test('a ZFS pool whose name no object may hold (upper case, a dataset) still names a valid StorageClass', () => {
  const box = host('box', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.9.9.1', zfsPools: { Tank: { media: 'hdd' }, 'tank/k8s': { media: 'ssd' } } });
  expect([zfsStorageClassName(box.zfs.Tank), zfsStorageClassName(box.zfs['tank/k8s'])]).toEqual(['zfs-tank', 'zfs-tank-k8s']);
});

describe("a platform component whose LoadBalancer Service gets its address from the config layer", () => {
  test('Traefik behind MetalLB is not waited for, as the pool that gives it its address comes with the config layer, after the platform layer is ready', () => {
    const pooled = build({ routes: traefik({ address: lab.pools.vips.at('10.1.8.10') }), loadBalancer: metalLb({ pools: [lab.pools.vips] }) });
    expect(pooled.errors).toEqual([]);
    expect(pooled.release('traefik').spec.install.disableWait).toBe(true);
    expect(pooled.release('traefik').spec.upgrade.disableWait).toBe(true);
    // Through node ports nothing waits for an address: the release is waited for.
    expect(build({}).release('traefik').spec.install.disableWait).toBeUndefined();
  });

  test("under Argo CD its Application is marked, and Argo CD's health check of Applications lets the waves after it go on while it progresses", () => {
    const { cluster, errors } = build({
      routes: traefik({ address: lab.pools.vips.at('10.1.8.10') }), loadBalancer: metalLb({ pools: [lab.pools.vips] }), gitops: argoCd(),
    });
    expect(errors).toEqual([]);
    const application = (name: string) => cluster.objects.find((o) => o.manifest.kind === 'Application' && o.manifest.metadata.name === name)?.manifest as any;
    expect(application('traefik').metadata.annotations['gitops.homelab.dev/not-waited-for']).toBe('true');
    expect(application('metallb').metadata.annotations['gitops.homelab.dev/not-waited-for']).toBeUndefined();
    const health: string = application('argo-cd').spec.source.helm.valuesObject.configs.cm['resource.customizations.health.argoproj.io_Application'];
    expect(health).toContain('["gitops.homelab.dev/not-waited-for"] == "true" then\n  hs.status = "Healthy"');
  });
});
