import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { load, loadAll } from 'js-yaml';
import { elitedesk, elitedesk1, elitedesk2, nfsServer } from '../hosts/elitedesk';
import { DEFAULT_RESOURCES } from '../constructs/app/resources';
import { manifestsOf, REPO_ROOT, sitesInMemory } from './support/synth';
import { parseSopsDotenv } from '../constructs/secrets/sops-dotenv';
import { kustomizeBuild } from './support/kustomize';
import { resourceRequirements } from '../constructs/platform/component-resources';
import { CILIUM_AGENT_SIZE, CILIUM_ENVOY_SIZE, CILIUM_SIZE } from '../constructs/platform/components/cilium';

const result = sitesInMemory();
const manifests = manifestsOf(result, 'elitedesk/main');
const find = (kind: string, name: string, namespace?: string) => manifests.find((m) => m.kind === kind && m.metadata.name === name
  && (namespace === undefined || m.metadata.namespace === namespace));
const files = new Map([...result.files.entries()].filter(([file]) => file.startsWith('elitedesk/main/')));
const release = (name: string) => find('HelmRelease', name);

describe('elitedesk', () => {
  test('synthesizes without errors', () => {
    expect(result.findings.filter((f) => f.severity === 'error' && f.constructPath.startsWith('elitedesk/'))).toEqual([]);
  });

  test('Cilium is installed by hand first: the Gateway API CRDs from upstream, then the chart with the values Flux keeps', () => {
    const readme = files.get('elitedesk/main/README.md')!;
    const step = readme.split('\n').find((line) => line.includes('install Cilium'))!;
    const crds = 'kubectl apply -f https://raw.githubusercontent.com/kubernetes-sigs/gateway-api/v1.2.0/config/crd/standard/gateway.networking.k8s.io_gatewayclasses.yaml';
    const helm = 'helm install cilium cilium --repo https://helm.cilium.io --version 1.17.5 -n kube-system -f dist/elitedesk/main/bootstrap/cilium.values.yml';
    expect(step).toContain(crds);
    expect(step.indexOf(crds)).toBeLessThan(step.indexOf(helm));
    expect(step).toContain('experimental/gateway.networking.k8s.io_tlsroutes.yaml');
    expect(load(files.get('elitedesk/main/bootstrap/cilium.values.yml')!)).toEqual(release('cilium').spec.values);
    // Before the engine's own steps: no pod runs without the CNI.
    expect(readme.indexOf('| bootstrap | install Cilium')).toBeGreaterThan(0);
    expect(readme.indexOf('| bootstrap | install Cilium')).toBeLessThan(readme.indexOf('| bootstrap | flux bootstrap'));
  });

  test('inventory: two EliteDesk G2 nodes, the first control plane at 10.0.0.11, and the NFS server outside the cluster', () => {
    expect(elitedesk1).toMatchObject({ address: '10.0.0.11', cpuModel: 'Intel Core i7-6700', memoryGigabytes: 8, disks: [{ media: 'hdd', sizeGigabytes: 512 }] });
    expect(elitedesk1.roles).toContain('control-plane');
    expect(elitedesk2).toMatchObject({ cpuModel: 'Intel Core i7-6700', memoryGigabytes: 8, disks: [{ media: 'ssd', sizeGigabytes: 128 }] });
    expect(nfsServer).toMatchObject({ os: 'Debian', hardware: { model: 'HP 280 G1 MT', cpuModel: 'Intel Core i3-4160', memoryGigabytes: 12 } });
    expect(elitedesk.hosts).not.toContain(nfsServer);
    const readme = files.get('elitedesk/main/README.md')!;
    expect(readme).toContain('10.0.0.11<br/>HP EliteDesk G2 · Intel Core i7-6700 · 8 cores · 8 GB · 512 GB HDD');
    expect(readme).toContain('HP EliteDesk G2 · Intel Core i7-6700 · 8 cores · 8 GB · 128 GB SSD');
    expect(readme).toContain('talosctl bootstrap --nodes 10.0.0.11');
    // The NFS server is outside the cluster, and the README says what it is.
    expect(readme).toContain('## Machines outside the cluster');
    expect(readme).toContain('| nfs | 10.0.0.20 (placeholder) |  | nfs 2049 | Debian · HP 280 G1 MT · Intel Core i3-4160 · 4 cores · 12 GB · 1000 GB SSD |');
    // Day 0 before Day 1: Terraform's configs, then Talos' bootstrap.
    expect(readme.indexOf('terraform output -raw talosconfig')).toBeGreaterThan(0);
    expect(readme.indexOf('terraform output -raw talosconfig')).toBeLessThan(readme.indexOf('talosctl bootstrap --nodes 10.0.0.11'));
  });

  test('Cilium carries the Talos values: IPAM, kube-proxy replacement, capabilities, cgroup, KubePrism, Gateway API', () => {
    const cilium = release('cilium');
    expect(cilium.metadata.namespace).toBe('kube-system');
    expect(cilium.spec.values).toEqual({
      ipam: { mode: 'kubernetes' },
      kubeProxyReplacement: true,
      // A values change restarts the parts that read it.
      rollOutCiliumPods: true,
      // The NetworkPolicies' address blocks of the nodes take effect.
      policyCIDRMatchMode: ['nodes'],
      operator: { replicas: 1, rollOutPods: true, resources: resourceRequirements(CILIUM_SIZE) },
      securityContext: {
        capabilities: {
          ciliumAgent: ['CHOWN', 'KILL', 'NET_ADMIN', 'NET_RAW', 'IPC_LOCK', 'SYS_ADMIN', 'SYS_RESOURCE', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID'],
          cleanCiliumState: ['NET_ADMIN', 'SYS_ADMIN', 'SYS_RESOURCE'],
        },
      },
      cgroup: { autoMount: { enabled: false }, hostRoot: '/sys/fs/cgroup' },
      k8sServiceHost: 'localhost',
      k8sServicePort: 7445,
      gatewayAPI: { enabled: true, enableAlpn: true, enableAppProtocol: true },
      // Sized at the chart's keys (the agent, its init containers, Envoy, the operator).
      resources: resourceRequirements(CILIUM_AGENT_SIZE),
      initResources: resourceRequirements(CILIUM_SIZE),
      envoy: { rollOutPods: true, resources: resourceRequirements(CILIUM_ENVOY_SIZE) },
    });
    expect(find('HelmRepository', 'cilium').spec.url).toBe('https://helm.cilium.io');
  });

  test('Gateway API CRDs v1.2.0, standard plus the experimental TLSRoute, as upstream manifests', () => {
    const source = find('GitRepository', 'gateway-api-crds');
    expect(source.spec).toMatchObject({ url: 'https://github.com/kubernetes-sigs/gateway-api', ref: { tag: 'v1.2.0' } });
    const included = source.spec.ignore.split('\n').filter((l: string) => l.startsWith('!') && l.endsWith('.yaml')).map((l: string) => l.slice(1));
    expect(included).toEqual([
      '/config/crd/standard/gateway.networking.k8s.io_gatewayclasses.yaml',
      '/config/crd/standard/gateway.networking.k8s.io_gateways.yaml',
      '/config/crd/standard/gateway.networking.k8s.io_httproutes.yaml',
      '/config/crd/standard/gateway.networking.k8s.io_grpcroutes.yaml',
      '/config/crd/standard/gateway.networking.k8s.io_referencegrants.yaml',
      '/config/crd/experimental/gateway.networking.k8s.io_tlsroutes.yaml',
    ]);
  });

  test('the platform comes up in the seed\'s order: Gateway CRDs, Cilium, MetalLB, cert-manager, ingress-nginx, NFS CSI', () => {
    const dependsOn = (name: string) => (release(name)?.spec.dependsOn ?? []).map((d: any) => d.name);
    // Helm releases wait for the release before them; Cilium's Kustomization waits for the CRDs'.
    expect(dependsOn('ingress-nginx')).toEqual(expect.arrayContaining(['cert-manager']));
    expect(dependsOn('secret-replicator')).toEqual(['cert-manager']);
    expect(dependsOn('csi-driver-nfs')).toEqual(['ingress-nginx']);
    const kustomizations = manifests.filter((m) => m.kind === 'Kustomization' && m.metadata.name.startsWith('elitedesk-main-'));
    expect(kustomizations.map((k) => [k.metadata.name, (k.spec.dependsOn ?? []).map((d: any) => d.name)])).toEqual([
      ['elitedesk-main-platform', []],
      ['elitedesk-main-config', ['elitedesk-main-platform']],
      ['elitedesk-main-apps', ['elitedesk-main-config']],
    ]);
    // Issuers and the certificate need cert-manager's CRDs: config layer.
    expect(files.get('elitedesk/main/config/cert-manager.yaml')).toContain('kind: ClusterIssuer');
    expect(files.get('elitedesk/main/platform/cilium/release.yaml')).toContain('kind: HelmRelease');
    expect(files.get('elitedesk/main/platform/cilium.yaml')).toContain('dependsOn:\n    - name: gateway-api-crds');
  });

  test('Flux clones the SSH repository with the deploy key bootstrap made, and bootstrap lives outside dist/', () => {
    expect(find('GitRepository', 'elitedesk-main').spec.secretRef).toEqual({ name: 'flux-system' });
    const readme = files.get('elitedesk/main/README.md') ?? '';
    expect(readme).toContain('flux bootstrap github --owner=elitedesk-lab --repository=home-server --branch=main --path=flux-system/elitedesk/main --personal --private=true --version=v2.9.0 (deploy key in Secret flux-system/flux-system); it installs Flux v2.9.0');
    const root = load(fs.readFileSync(path.join(REPO_ROOT, 'flux-system', 'elitedesk', 'main', 'dist.yaml'), 'utf8')) as any;
    expect(root.spec).toMatchObject({ path: './dist/elitedesk/main', sourceRef: { kind: 'GitRepository', name: 'flux-system' } });
  });

  test('the owner steps: workloads on the control plane, and the SOPS files encrypted to the owner\'s own key', () => {
    const readme = files.get('elitedesk/main/README.md') ?? '';
    expect(readme).toContain('{"cluster":{"allowSchedulingOnControlPlanes":true}}');
    expect(readme).toMatch(/encrypt your own values into the files under charts\/elitedesk\/secrets/);
  });

  test('what the design leaves out is a placeholder or the library\'s default: node roles, releases, sizes', () => {
    const readme = files.get('elitedesk/main/README.md') ?? '';
    const placeholders = readme.split('\n').filter((line) => line.startsWith('| placeholder | '));
    for (const fact of [
      'what the first EliteDesk node runs (control plane and workloads, or control plane only)',
      'role of the second EliteDesk node (worker or control-plane)',
      'Jellyfin release (tag of jellyfin/jellyfin)',
      'image of podinfo',
      'ACME contact e-mail',
      'issuer of the wildcard certificate (letsencrypt-production or letsencrypt-staging)',
      "Jellyfin's host name under the domain",
      "podinfo's host name under the domain",
    ]) {
      expect(placeholders.filter((line) => line.startsWith(`| placeholder | ${fact}: `))).toHaveLength(1);
    }
    // ingress-nginx takes the pool's first address, whatever range the owner writes.
    expect(release('ingress-nginx').spec.values.controller.service.annotations['metallb.io/loadBalancerIPs']).toBe(elitedesk.pools.lb.first);
    // The Talos patch follows the first node's roles: one decision.
    expect(elitedesk1.roles).toEqual(['control-plane', 'worker']);
    expect(elitedesk2.roles).toEqual(['worker']);
    // The design sizes neither podinfo nor newt: the library's documented default.
    for (const [name, namespace] of [['podinfo', 'podinfo'], ['newt', 'newt']]) {
      expect(find('Deployment', name, namespace).spec.template.spec.containers[0].resources).toEqual({
        requests: { cpu: DEFAULT_RESOURCES.cpuRequest, memory: DEFAULT_RESOURCES.memoryRequest },
        limits: { memory: DEFAULT_RESOURCES.memoryLimit },
      });
    }
  });

  test('the README maps the design\'s bootstrap/ and cluster/ folders and its SOPS files onto the Flux layers', () => {
    const readme = files.get('elitedesk/main/README.md') ?? '';
    const line = readme.split('\n').find((l) => l.startsWith('- **Repository layout.**'))!;
    expect(line).toContain('its `bootstrap/` then `cluster/` are the Flux layers `platform/` (the add-ons), then `config/`');
    expect(line).toContain('Kustomizations `elitedesk-main-platform`, `elitedesk-main-config` and `elitedesk-main-apps`, each waiting for the one before');
    expect(line).toContain('The SOPS files keep their names under `charts/elitedesk/secrets/` instead of `cluster/`');
    for (const file of ['letsencrypt-wildcard-cert/cloudflare-api-token-service.env', 'newt/newt-secret.env']) {
      expect(line).toContain(`\`charts/elitedesk/secrets/${file}\``);
      expect(fs.existsSync(path.join(REPO_ROOT, 'charts', 'elitedesk', 'secrets', file))).toBe(true);
    }
  });

  test('the README names the UPS, where Jellyfin\'s shared tree is on the export, and when its library scans run', () => {
    const readme = files.get('elitedesk/main/README.md') ?? '';
    expect(readme).toContain('the Eaton 5E UPS powers the nodes and the NFS server; nothing watches it yet (planned: a NUT exporter and graceful shutdown)');
    // The StorageClass' subDir <namespace>/<claim>, resolved for Jellyfin's claim.
    expect(find('PersistentVolumeClaim', 'jellyfin-data', 'media')).toBeDefined();
    expect(readme).toContain("make Jellyfin's shared tree 10.0.0.20:/srv/nfs/kubernetes/media/jellyfin-data on the NFS server, the folder its claim is provisioned in: the media library goes into its media/ folder");
    expect(readme).toContain("back up the config/ folder of Jellyfin's shared tree");
    expect(readme).toContain("schedule Jellyfin's library scan off-peak");
    // The names podinfo checks resolve outside the cluster, to the ingress address.
    expect(readme).toContain('| manual | point *.homelab.example.com at 10.0.0.200, ingress-nginx\'s load-balancer address, in the DNS your clients ask, unless your Terraform makes that record');
  });

  test('the sops-age Secret is made from the key file the seed names, ./age.key', () => {
    const readme = files.get('elitedesk/main/README.md') ?? '';
    expect(readme).toContain('kubectl -n flux-system create secret generic sops-age --from-file=age.agekey=./age.key');
  });

  test('every Flux Kustomization of the cluster decrypts SOPS with the sops-age Secret', () => {
    const layers = manifests.filter((m) => m.kind === 'Kustomization' && m.metadata.name.startsWith('elitedesk-main-'));
    expect(layers).toHaveLength(3);
    for (const layer of layers) {
      expect(layer.spec.decryption).toEqual({ provider: 'sops', secretRef: { name: 'sops-age' } });
    }
    expect(manifests.some((m) => m.kind === 'Secret' && m.metadata.name === 'sops-age')).toBe(false);
  });

  test('ClusterIssuers letsencrypt-staging and letsencrypt-production solve DNS-01 through Cloudflare', () => {
    for (const [name, server] of [
      ['letsencrypt-staging', 'https://acme-staging-v02.api.letsencrypt.org/directory'],
      ['letsencrypt-production', 'https://acme-v02.api.letsencrypt.org/directory'],
    ]) {
      const issuer = find('ClusterIssuer', name);
      expect(issuer.spec.acme.server).toBe(server);
      expect(issuer.spec.acme.solvers).toEqual([{
        selector: { dnsZones: [elitedesk.domain] },
        dns01: { cloudflare: { apiTokenSecretRef: { name: 'cloudflare-api-token', key: 'api-token' } } },
      }]);
    }
    expect(release('cert-manager').spec.values.crds).toEqual({ enabled: true, keep: true });
    expect(find('HelmRepository', 'cert-manager').spec.url).toBe('https://charts.jetstack.io');
  });

  test('a wildcard Certificate for *.<domain> and <domain> in cert-manager, copied into the app namespaces', () => {
    const certificate = manifests.find((m) => m.kind === 'Certificate');
    expect(certificate.metadata.namespace).toBe('cert-manager');
    expect(certificate.spec.dnsNames).toEqual([`*.${elitedesk.domain}`, elitedesk.domain]);
    expect(certificate.spec.issuerRef).toEqual({ group: 'cert-manager.io', kind: 'ClusterIssuer', name: 'letsencrypt-production' });
    expect(certificate.spec.secretTemplate.annotations['replicator.v1.mittwald.de/replicate-to']).toBe('media,podinfo');
    const replicator = release('secret-replicator');
    expect(replicator.metadata.namespace).toBe('secret-replicator');
    expect(replicator.spec.chart.spec.chart).toBe('kubernetes-replicator');
  });

  test('ingress-nginx: HelmRelease in ingress-nginx, LoadBalancer address from the pool', () => {
    const nginx = release('ingress-nginx');
    expect(nginx.metadata.namespace).toBe('ingress-nginx');
    expect(nginx.spec.values.controller.service).toMatchObject({
      type: 'LoadBalancer',
      annotations: { 'metallb.io/address-pool': 'lb', 'metallb.io/loadBalancerIPs': '10.0.0.200' },
    });
    expect(nginx.spec.values.controller.ingressClassResource.name).toBe('nginx');
    // MetalLB's pool is a config object: waiting for the Service's address would hold the platform layer.
    expect([nginx.spec.install.disableWait, nginx.spec.upgrade.disableWait]).toEqual([true, true]);
    expect(release('cert-manager').spec.install.disableWait).toBeUndefined();
  });

  test('podinfo is served by ingress-nginx with TLS from the wildcard certificate', () => {
    const ingress = find('Ingress', 'podinfo', 'podinfo');
    expect(ingress.spec).toEqual({
      ingressClassName: 'nginx',
      tls: [{ hosts: [`podinfo.${elitedesk.domain}`], secretName: `wildcard-${elitedesk.domain.replace(/\./g, '-')}-tls` }],
      rules: [{
        host: `podinfo.${elitedesk.domain}`,
        http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'podinfo', port: { number: 9898 } } } }] },
      }],
    });
    expect(ingress.metadata.annotations).toEqual({ 'nginx.ingress.kubernetes.io/ssl-redirect': 'true' });
  });

  test('MetalLB hands out the inventory pool in layer 2', () => {
    expect(find('IPAddressPool', 'lb').spec.addresses).toEqual([elitedesk.pools.lb.range]);
    expect(find('L2Advertisement', 'layer2').spec.ipAddressPools).toEqual(['lb']);
  });

  test("MetalLB's speakers announce from the control-plane node too, which Talos labels to be left out of load balancing", () => {
    expect(release('metallb').spec.values.speaker).toMatchObject({ frr: { enabled: false }, ignoreExcludeLB: true });
  });

  test('NFS CSI in kube-system with a StorageClass on nfs.csi.k8s.io pointing at the export, a folder per claim', () => {
    expect(release('csi-driver-nfs').metadata.namespace).toBe('kube-system');
    const storageClass = find('StorageClass', 'nfs-csi');
    expect(storageClass.provisioner).toBe('nfs.csi.k8s.io');
    // A rebuilt cluster finds Jellyfin's data again in media/jellyfin-data rather than a new pvc-<uid> folder.
    expect(storageClass.parameters).toEqual({ server: nfsServer.address, share: elitedesk.nfs.media.path, subDir: '${pvc.metadata.namespace}/${pvc.metadata.name}' });
  });

  test('Jellyfin in media: one replica, Recreate, one 600Gi RWX claim with config, cache and media as sub-paths', () => {
    const deployment = find('Deployment', 'jellyfin', 'media');
    expect(deployment.spec.replicas).toBe(1);
    expect(deployment.spec.strategy.type).toBe('Recreate');
    const claim = find('PersistentVolumeClaim', 'jellyfin-data', 'media');
    expect(claim.spec).toMatchObject({ accessModes: ['ReadWriteMany'], storageClassName: 'nfs-csi', resources: { requests: { storage: '600Gi' } } });
    const pod = deployment.spec.template.spec;
    const volume = pod.volumes.find((v: any) => v.persistentVolumeClaim?.claimName === claim.metadata.name);
    const mounts = pod.containers[0].volumeMounts.filter((m: any) => m.name === volume.name).map((m: any) => [m.mountPath, m.subPath]);
    expect(mounts).toEqual([['/config', 'config'], ['/cache', 'cache'], ['/media', 'media']]);
    // Transcodes stay under /cache on the claim, off the nodes' small disks.
    expect(pod.volumes.some((v: any) => v.emptyDir !== undefined && v.name === 'transcodes')).toBe(false);
  });

  test('newt in namespace newt reads its credentials from the SOPS-encrypted Secret', () => {
    const container = find('Deployment', 'newt', 'newt').spec.template.spec.containers[0];
    const fromSecret = container.env.filter((e: any) => e.valueFrom?.secretKeyRef).map((e: any) => [e.name, e.valueFrom.secretKeyRef.name]);
    expect(fromSecret).toEqual([['NEWT_ID', 'newt-credentials'], ['NEWT_SECRET', 'newt-credentials'], ['PANGOLIN_ENDPOINT', 'newt-credentials']]);
    expect(find('Secret', 'newt-credentials', 'newt').sops.mac).toMatch(/^ENC\[AES256_GCM,/);
  });
});

describe('SOPS', () => {
  const sopsConfig = load(fs.readFileSync(path.join(REPO_ROOT, '.sops.yaml'), 'utf8')) as any;
  const ruleFor = (file: string) => sopsConfig.creation_rules.find((r: any) => new RegExp(r.path_regex).test(file));
  const rule = ruleFor('charts/elitedesk/secrets/x.env');
  const encryptedFiles = fs.readdirSync(path.join(REPO_ROOT, 'charts/elitedesk/secrets'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.env')).map((f) => `charts/elitedesk/secrets/${f}`);

  test('.sops.yaml encrypts every value of a dotenv file for an age recipient, and data and stringData of a Secret manifest', () => {
    // An encrypted_regex names keys a dotenv file has not: sops would encrypt nothing.
    expect(rule.encrypted_regex).toBeUndefined();
    expect(rule.age).toMatch(/^age1[0-9a-z]{58}$/);
    expect(ruleFor('charts/elitedesk/secrets/x.yaml').encrypted_regex).toBe('^(data|stringData)$');
    expect(ruleFor('charts/elitedesk/secrets/x.yaml').age).toBe(rule.age);
  });

  test('the encrypted files are copied to dist/ unchanged: same ciphertext, same MAC', () => {
    expect(encryptedFiles).toHaveLength(2);
    const copies = [...files.entries()].filter(([file]) => file.endsWith('.sops.env')).map(([, text]) => text);
    expect(copies.sort()).toEqual(encryptedFiles.map((file) => fs.readFileSync(path.join(REPO_ROOT, file), 'utf8')).sort());
  });

  test('every value of every Secret, in the repository and in dist/, is ciphertext for the repository recipient', () => {
    const dotenvs = [
      ...encryptedFiles.map((file) => fs.readFileSync(path.join(REPO_ROOT, file), 'utf8')),
      ...[...files.entries()].filter(([file]) => file.endsWith('.env')).map(([, text]) => text),
    ].map(parseSopsDotenv);
    expect(dotenvs.length).toBeGreaterThanOrEqual(4);
    for (const dotenv of dotenvs) {
      expect(dotenv.entries.length).toBeGreaterThan(0);
      for (const { value } of dotenv.entries) {
        expect(value).toMatch(/^ENC\[AES256_GCM,data:[A-Za-z0-9+/=]*,iv:[A-Za-z0-9+/=]{44},tag:[A-Za-z0-9+/=]{24},type:str\]$/);
      }
      const sops = dotenv.metadata as any;
      expect(sops.age.map((a: any) => a.recipient)).toEqual([rule.age]);
      expect(sops.age[0].enc).toMatch(/^-----BEGIN AGE ENCRYPTED FILE-----\n[\s\S]+-----END AGE ENCRYPTED FILE-----\n$/);
      expect(sops.mac).toMatch(/^ENC\[AES256_GCM,/);
    }
    // No Secret of dist/ is a manifest: each is generated from its encrypted file.
    const manifests = [...files.entries()].filter(([file]) => file.endsWith('.yaml')).flatMap(([, text]) => loadAll(text) as any[]);
    expect(manifests.filter((m) => m?.kind === 'Secret')).toEqual([]);
  });

  const git = spawnSync('git', ['ls-files'], { cwd: REPO_ROOT, encoding: 'utf8' });
  (git.status === 0 ? test : test.skip)('no age private key anywhere in Git', () => {
    const tracked = git.stdout.split('\n').filter((f) => f && fs.existsSync(path.join(REPO_ROOT, f)) && fs.statSync(path.join(REPO_ROOT, f)).isFile());
    const offenders = tracked.filter((f) => fs.readFileSync(path.join(REPO_ROOT, f), 'latin1').includes(`AGE-SECRET-KEY-${'1'}`));
    expect(offenders).toEqual([]);
  });
});

const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
(kubectl.status === 0 ? describe : describe.skip)('kubectl kustomize, layer by layer', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'elitedesk-kustomize-'));
  for (const [file, content] of files) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  // Cilium's release has a folder of its own, which its Kustomization applies.
  for (const layer of ['platform', 'config', 'apps', 'platform/cilium']) {
    test(layer, () => {
      const out = kustomizeBuild(path.join(dir, 'elitedesk/main', layer));
      const built = (loadAll(out) as any[]).filter(Boolean);
      const written = [...files.entries()]
        .filter(([f]) => f.startsWith(`elitedesk/main/${layer}/`) && !f.slice(`elitedesk/main/${layer}/`.length).includes('/') && f.endsWith('.yaml') && !f.endsWith('kustomization.yaml'))
        .flatMap(([, text]) => (loadAll(text) as any[]).filter(Boolean));
      const generators = (load(files.get(`elitedesk/main/${layer}/kustomization.yaml`)!) as any).secretGenerator ?? [];
      expect(built.length).toBe(written.length + generators.length);
      // A Secret generated from an encrypted file, before Flux decrypts it: its keys are valid Secret keys,
      // and it has no sops field, so an API server takes it as written.
      for (const secret of built.filter((m) => m.kind === 'Secret')) {
        expect(secret.sops).toBeUndefined();
        for (const key of Object.keys(secret.data ?? {})) {
          expect(key).toMatch(/^[-._a-zA-Z0-9]{1,253}$/);
        }
      }
    });
  }
});
