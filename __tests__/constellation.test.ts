import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Construct } from 'constructs';
import { Construct as Scope } from 'constructs';
import { Main } from '../charts/constellation/main';
import { REPO_ROOT, synthInMemory } from './support/synth';
import { SEEDS_DIR, seedsMissing, testWhen } from './support/shared';

function synthConstellation(exposure: 'nodePort' | 'ingress') {
  const result = synthInMemory((scope: Construct) => new Main(new Scope(scope, 'constellation'), { exposure }));
  const cluster = result.clusters.find((c) => c.folder === 'constellation/main')!;
  const manifests = cluster.objects.map((o) => o.manifest as any);
  const files = new Map([...result.files].filter(([f]) => f.startsWith('constellation/main/')).map(([f, text]) => [f.slice('constellation/main/'.length), text]));
  const find = (kind: string, name: string) => manifests.find((m) => m.kind === kind && m.metadata.name === name);
  return { result, cluster, manifests, files, find, errors: result.findings.filter((f) => f.severity === 'error') };
}

const SEED_PORTS: Record<string, number> = { plex: 32400, jellyfin: 8096, sonarr: 8989, radarr: 7878, authelia: 9091, ghost: 2368, yarr: 7070 };
const STORAGE = ['plex', 'jellyfin', 'sonarr', 'radarr', 'bazarr', 'overseerr', 'stash'];
const CLOUD = ['authelia', 'ghost', 'yarr', 'lldap', 'keycloak'];

describe('constellation, option A (default): node ports behind Caddy', () => {
  const a = synthConstellation('nodePort');

  test('no errors', () => expect(a.errors).toEqual([]));

  test("lldap serves LDAP (3890) inside the cluster to Authelia and Keycloak; Keycloak can write its group-root folders", () => {
    expect(a.find('Service', 'lldap').spec.ports.map((p: any) => [p.name, p.port])).toEqual([['http', 17170], ['ldap', 3890]]);
    const policy = a.find('NetworkPolicy', 'lldap').spec.ingress.find((rule: any) => rule.from);
    expect(policy.from.map((f: any) => f.podSelector.matchLabels['app.kubernetes.io/name'])).toEqual(['authelia', 'keycloak']);
    expect(policy.ports).toContainEqual({ port: 3890, protocol: 'TCP' });
    expect(a.find('Service', 'lldap-nodeport').spec.ports.map((p: any) => p.port)).toEqual([17170]);
    expect(a.find('Deployment', 'keycloak').spec.template.spec.securityContext.supplementalGroups).toEqual([0]);
  });

  test('every service of the seed on its host, one replica, namespace media, app=<name>', () => {
    for (const [names, node] of [[STORAGE, 'storage'], [CLOUD, 'cloud']] as const) {
      for (const name of names) {
        const deployment = a.find('Deployment', name);
        expect({ name, node: deployment.spec.template.spec.nodeSelector['kubernetes.io/hostname'] }).toEqual({ name, node });
        expect(deployment.spec.replicas).toBe(1);
        expect(deployment.metadata.namespace).toBe('media');
        expect(deployment.metadata.labels.app).toBe(name);
      }
    }
  });

  test('NodePort Services with port = targetPort = listenPort; the seed\'s ports kept as node ports', () => {
    // Plex runs on the host network: it is reached on its own port of its node, with no node port.
    expect(a.find('Service', 'plex-nodeport')).toBeUndefined();
    for (const [name, port] of Object.entries(SEED_PORTS).filter(([n]) => n !== 'plex')) {
      const service = a.find('Service', `${name}-nodeport`);
      expect(service.spec.type).toBe('NodePort');
      expect(service.spec.ports[0]).toMatchObject({ port, targetPort: port });
    }
    for (const name of ['sonarr', 'radarr', 'ghost', 'yarr']) {
      expect(a.find('Service', `${name}-nodeport`).spec.ports[0].nodePort).toBe(SEED_PORTS[name]);
    }
    expect(a.manifests.filter((m) => m.kind === 'Ingress')).toEqual([]);
  });

  test('plex: hostNetwork, the iGPU through the Intel device plugin, media volumes, VERSION=latest as env', () => {
    const pod = a.find('Deployment', 'plex').spec.template.spec;
    expect(pod.hostNetwork).toBe(true);
    expect(pod.dnsPolicy).toBe('ClusterFirstWithHostNet');
    expect(pod.containers[0].env).toContainEqual({ name: 'VERSION', value: 'latest' });
    expect(pod.containers[0].image).not.toMatch(/:latest$/);
    expect(pod.volumes.map((v: any) => v.hostPath?.path)).toEqual(expect.arrayContaining(['/mnt/storage/media', '/mnt/storage/files', '/var/data/plex']));
    expect(a.find('Deployment', 'stash').spec.template.spec.hostNetwork).toBe(true);
    // A hostPath of /dev/dri shows the device nodes, but only a device plugin (or privilege) lets a pod open them.
    for (const name of ['plex', 'jellyfin']) {
      const spec = a.find('Deployment', name).spec.template.spec;
      expect(spec.volumes.some((v: any) => v.hostPath?.path === '/dev/dri')).toBe(false);
      expect(spec.containers[0].resources.limits['gpu.intel.com/i915']).toBe(1);
    }
    expect(a.files.get('README.md')).toContain('install intel-gpu-plugin v0.32.0 from its upstream manifests once');
  });

  test('K3s auto-deploy: flat files that sort by layer, no HelmChart without charts', () => {
    const names = [...a.files.keys()].filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml');
    expect(names.every((f) => /^\d-(platform|config|apps)-[a-z0-9-]+\.yaml$/.test(f))).toBe(true);
    expect(names[0]).toBe('0-platform-namespaces.yaml');
    expect(names.filter((f) => f.startsWith('2-apps-'))).toHaveLength(12);
  });

  test('the README lists the Caddy targets, the node-port range and the settings to confirm', () => {
    const readme = a.files.get('README.md')!;
    expect(readme).toContain('   sonarr.arsfeld.one {\n   \treverse_proxy 192.168.1.5:8989\n   }');
    expect(readme).toContain('   blog.arsfeld.one {\n   \treverse_proxy 192.168.1.6:2368\n   }');
    expect(readme).toContain('auth.arsfeld.one');
    expect(readme).toContain('storage.bat-boa.ts.net:32400');
    expect(readme).toContain('cloud.bat-boa.ts.net:7070');
    expect(readme).toContain('--service-node-port-range=2000-32767');
    expect(readme).toContain('--disable=servicelb');
    // The seed's other server flags, and cloud joining as the agent over the tailnet with its agenix token,
    // both through NixOS' services.k3s.
    expect(readme).toContain('       "--disable-cloud-controller"\n       "--write-kubeconfig-mode=644"\n');
    expect(readme).toContain('join cloud (192.168.1.6) to the cluster as a K3s agent');
    expect(readme).toContain('     role = "agent";\n     serverAddr = "https://storage.bat-boa.ts.net:6443";\n     tokenFile = config.age.secrets.k3s-token.path;');
    for (const value of ['5000', 'America/Toronto', '/var/data', '/mnt/storage']) {
      expect(readme).toContain(`(now \`${value}\`)`);
    }
  });

  test('the README keeps what the node-port design relies on outside the cluster', () => {
    const readme = a.files.get('README.md')!;
    // DNS magic and Caddy on both hosts, with the sites that are not containers.
    expect(readme).toContain('*.arsfeld.one → 192.168.1.5 (home DNS) and *.arsfeld.one → storage.bat-boa.ts.net (tailnet DNS)');
    expect(readme).toContain('Caddy on port 443 of storage (192.168.1.5) and cloud (192.168.1.6)');
    expect(readme).toContain('   files.arsfeld.one {\n   \tfile_server browse\n   \troot /mnt/storage/files\n   }');
    expect(readme).toContain('\treverse_proxy /v1/* backend1.internal:8080\n   \treverse_proxy /v2/* backend2.internal:9090');
    expect(readme).toContain('/var/www on cloud');
    // The name the design's Caddy gives Ghost, kept beside Ghost's url.
    expect(readme).toContain('   ghost.arsfeld.one {\n   \tredir https://blog.arsfeld.one{uri} permanent\n   }');
    // The later phases: a service mesh without a product, Netdata, backups.
    expect(readme).toMatch(/\| placeholder \| service mesh: .* \(now `none`\)/);
    expect(readme).toContain('integrate the existing Netdata with the cluster');
    expect(readme).toContain('so those backup paths stay as they are');
    expect(readme).toMatch(/\| placeholder \| host of stash: the design names none [^|]* \(now `storage`\) \|/);
  });

  test("the README gives the design's new justfile recipes k8s-status and k8s-rollout", () => {
    const readme = a.files.get('README.md')!;
    expect(readme).toContain("add the design's recipes `just k8s-status` and `just k8s-rollout plex` to your justfile");
    const kubectl = 'kubectl --kubeconfig ~/.kube/constellation-main.yaml';
    expect(readme).toContain(`   k8s-status:\n   \t${kubectl} get pods -A\n\n   k8s-rollout name:\n   \t${kubectl} -n media rollout restart deployment/{{name}}`);
  });

  test('the inventory declares no machine outside the cluster, so the README lists none', () => {
    expect(a.files.get('README.md')).not.toContain('## Machines outside the cluster');
  });

  test('resources the seed does not give (it sizes Plex only) are placeholders on their app, rendered as their stand-ins', () => {
    const readme = a.files.get('README.md')!;
    const stand = { jellyfin: [['CPU request', '500m'], ['memory request', '1Gi'], ['memory limit', '4Gi']], keycloak: [['CPU request', '250m'], ['memory request', '768Mi'], ['memory limit', '1536Mi']] };
    for (const [app, amounts] of Object.entries(stand)) {
      for (const [what, value] of amounts) {
        expect(readme).toMatch(new RegExp(`\\| placeholder \\| ${what} of ${app}: the design sizes Plex only: .* \\(now \`${value}\`\\) \\|  \\| constellation/main/media/${app} \\|`));
      }
      const resources = a.find('Deployment', app).spec.template.spec.containers[0].resources;
      expect({ app, cpu: resources.requests.cpu, memory: resources.requests.memory, limit: resources.limits.memory })
        .toEqual({ app, cpu: amounts[0][1], memory: amounts[1][1], limit: amounts[2][1] });
    }
  });

  test('the README stops the Podman containers the pods replace, and only those', () => {
    const readme = a.files.get('README.md')!;
    const stop = '   # cloud/configuration.nix\n   media.containers.authelia.enable = lib.mkForce false;\n   media.containers.ghost.enable = lib.mkForce false;';
    expect(readme).toContain('| manual | stop the Podman containers of the 12 services this cluster runs before K3s starts their pods');
    expect(readme).toContain(stop);
    expect(synthConstellation('ingress').files.get('README.md')).toContain(stop);
  });

  test('plex is checked on /identity, which Plex serves without a token, not on /health', () => {
    const probe = a.find('Deployment', 'plex').spec.template.spec.containers[0].readinessProbe;
    expect(probe).toMatchObject({ exec: { command: ['curl', '-f', 'http://localhost:32400/identity'] }, periodSeconds: 30, failureThreshold: 3 });
  });

  test('every concrete fact of the seed is in the output', () => {
    const text = [...a.files.values()].join('\n');
    const facts = [
      '192.168.1.5', '192.168.1.6', 'storage.bat-boa.ts.net', 'cloud.bat-boa.ts.net', 'arsfeld.one', 'amd64', 'arm64',
      'namespace: media', 'app: plex', 'hostNetwork: true', 'ClusterFirstWithHostNet', '/dev/dri', 'value: latest',
      'containerPort: 32400', 'containerPort: 8096', 'nodePort: 8989', 'nodePort: 7878', 'nodePort: 2368', 'nodePort: 7070', 'containerPort: 9091',
      'path: /mnt/storage/media', 'mountPath: /media', 'readOnly: true', 'path: /mnt/storage/files', 'mountPath: /files',
      'name: PUID', 'name: PGID', 'name: TZ', 'America/Toronto', "cpu: '4'", 'memory: 8Gi', "cpu: '2'", 'memory: 4Gi',
      'http://localhost:32400/identity', 'periodSeconds: 30', 'failureThreshold: 3', 'type: NodePort', '--disable=traefik', '--disable=servicelb',
      'auth.arsfeld.one', 'blog.arsfeld.one', 'kubernetes.io/hostname: storage', 'kubernetes.io/hostname: cloud',
    ];
    for (const fact of facts) {
      expect({ fact, found: text.includes(fact) }).toEqual({ fact, found: true });
    }
  });

  test('the committed dist/constellation/main equals this synth', () => {
    for (const [file, text] of a.files) {
      expect({ file, same: fs.readFileSync(path.join(REPO_ROOT, 'dist/constellation/main', file), 'utf8') === text }).toEqual({ file, same: true });
    }
  });
});

describe('constellation, option B: ingress-nginx and cert-manager through K3s HelmCharts', () => {
  const b = synthConstellation('ingress');

  test('no errors', () => expect(b.errors).toEqual([]));

  test("the README's choices against the design speak of one ingress-nginx on both nodes, not of node ports behind Caddy", () => {
    const readme = b.files.get('README.md')!;
    expect(readme).toContain('**One ingress-nginx on both nodes, not one per host with a cross-host proxy.**');
    expect(readme).not.toContain('**Node ports behind Caddy, not the ingress alternative.**');
    expect(readme).not.toContain('**Two Services per container');
  });

  test('ClusterIssuer cloudflare (DNS-01) and a wildcard *.arsfeld.one certificate into arsfeld-one-tls', () => {
    const issuer = b.find('ClusterIssuer', 'cloudflare');
    expect(issuer.spec.acme.solvers[0].dns01.cloudflare.apiTokenSecretRef).toEqual({ name: 'cloudflare-api-token', key: 'api-token' });
    const certificate = b.find('Certificate', 'arsfeld-one-tls');
    expect(certificate.spec).toMatchObject({ secretName: 'arsfeld-one-tls', issuerRef: { kind: 'ClusterIssuer', name: 'cloudflare' } });
    expect(certificate.spec.dnsNames).toContain('*.arsfeld.one');
  });

  test('Ingresses: ssl-redirect, pathType Prefix, the wildcard Secret; auth and blog host names', () => {
    const ingresses = b.manifests.filter((m) => m.kind === 'Ingress');
    // One per container, and files and api, which ingress-nginx sends to Caddy on storage.
    expect(ingresses).toHaveLength(14);
    for (const ingress of ingresses) {
      expect(ingress.metadata.annotations['nginx.ingress.kubernetes.io/ssl-redirect']).toBe('true');
      expect(ingress.spec.rules[0].http.paths[0].pathType).toBe('Prefix');
      expect(ingress.spec.tls[0].secretName).toBe('arsfeld-one-tls');
    }
    expect(b.find('Ingress', 'authelia').spec.rules[0].host).toBe('auth.arsfeld.one');
    expect(b.find('Ingress', 'ghost').spec.rules[0].host).toBe('blog.arsfeld.one');
    expect(b.find('Service', 'sonarr').spec.type).toBe('ClusterIP');
    expect(b.manifests.filter((m) => m.kind === 'Service' && m.spec.type === 'NodePort')).toEqual([]);
  });

  test("Jellyfin's Ingress lets through the 20 MiB its reverse-proxy guide gives for uploaded images; the others keep nginx's own", () => {
    const sizes = b.manifests.filter((m) => m.kind === 'Ingress')
      .filter((m) => m.metadata.annotations['nginx.ingress.kubernetes.io/proxy-body-size'] !== undefined)
      .map((m) => [m.metadata.name, m.metadata.annotations['nginx.ingress.kubernetes.io/proxy-body-size']]);
    expect(sizes).toEqual([['jellyfin', '20m']]);
  });

  test('charts are K3s HelmChart objects; ingress-nginx binds hostPorts since servicelb is off', () => {
    const charts = b.manifests.filter((m) => m.kind === 'HelmChart');
    expect(charts.map((c) => c.apiVersion)).toEqual(charts.map(() => 'helm.cattle.io/v1'));
    const nginx = b.find('HelmChart', 'ingress-nginx');
    expect(nginx.metadata.namespace).toBe('kube-system');
    expect(nginx.spec).toMatchObject({ repo: 'https://kubernetes.github.io/ingress-nginx', chart: 'ingress-nginx', targetNamespace: 'ingress-nginx' });
    expect(nginx.spec.valuesContent).toContain('kind: DaemonSet');
    expect(nginx.spec.valuesContent).toMatch(/hostPort:\n\s+enabled: true/);
    expect(nginx.spec.valuesContent).toContain('type: ClusterIP');
    expect(nginx.spec.valuesContent).toContain('externalTrafficPolicy: null');
    expect(b.find('HelmChart', 'cert-manager')).toBeDefined();
    expect(b.find('Namespace', 'ingress-nginx').metadata.labels['pod-security.kubernetes.io/enforce']).toBe('privileged');
  });

  test('the README keeps the DNS records, Caddy\'s sites that are not containers and the later phases', () => {
    const readme = b.files.get('README.md')!;
    // The design's "DNS magic fully preserved": the same records, now answered by ingress-nginx.
    expect(readme).toContain('keep the DNS records *.arsfeld.one → 192.168.1.5 (home DNS) and *.arsfeld.one → storage.bat-boa.ts.net (tailnet DNS)');
    // "Still preserve some Caddy functionality for non-container services", off the ports ingress-nginx binds.
    expect(readme).toContain('move Caddy on storage and cloud off ports 80 and 443, which ingress-nginx binds on both nodes');
    expect(readme).toContain('   http://files.arsfeld.one:8880 {\n   \tfile_server browse\n   \troot /mnt/storage/files\n   }');
    expect(readme).not.toContain('reverse_proxy 192.168.1.5:8989');
    expect(readme).toMatch(/\| placeholder \| service mesh: .* \(now `none`\)/);
    expect(readme).toContain('integrate the existing Netdata with the cluster');
    expect(readme).toContain('so those backup paths stay as they are');
  });

  test('files sort platform → config → apps, so K3s applies CRDs before the objects that need them', () => {
    const names = [...b.files.keys()].filter((f) => /^\d-/.test(f));
    expect(names).toEqual([...names].sort());
    const layerOf = (kind: string) => names.find((f) => (b.files.get(f) ?? '').includes(`kind: ${kind}\n`))!.split('-')[1];
    expect(layerOf('HelmChart')).toBe('platform');
    expect(layerOf('ClusterIssuer')).toBe('config');
    expect(layerOf('Certificate')).toBe('apps');
    expect(layerOf('Ingress')).toBe('apps');
  });
});

const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });
(kubectl.status === 0 ? describe : describe.skip)('kubectl kustomize', () => {
  test.each(['nodePort', 'ingress'] as const)('builds the %s variant', (exposure) => {
    const { files, cluster } = synthConstellation(exposure);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'constellation-'));
    try {
      for (const [file, text] of files) {
        fs.writeFileSync(path.join(dir, file), text);
      }
      const out = execFileSync('kubectl', ['kustomize', dir], { encoding: 'utf8' });
      expect(out.split('\n').filter((l) => l.startsWith('kind: ')).length).toBe(cluster.objects.length);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

testWhen(seedsMissing())('the media table is shorter than the seed\'s media.containers block for the same services', () => {
  const seed = fs.readdirSync(SEEDS_DIR).find((f) => f.startsWith('001_'));
  const table = fs.readFileSync(path.join(REPO_ROOT, 'charts/constellation/media.ts'), 'utf8').split('\n');
  const entryLines = (name: string) => {
    const start = table.findIndex((l) => l.startsWith(`  ${name}: {`));
    const end = table.findIndex((l, i) => i >= start && (l.endsWith('},') && (i === start || l === '  },')));
    return end - start + 1;
  };
  const ours = ['plex', 'jellyfin', 'sonarr'].reduce((n, name) => n + entryLines(name), 0);
  if (seed) {
    const text = fs.readFileSync(path.join(REPO_ROOT, '..', 'shared', 'seeds', seed), 'utf8').split('\n');
    const start = text.findIndex((l) => l.startsWith('media.containers = {'));
    const end = text.findIndex((l, i) => i > start && l === '};');
    expect(ours).toBeLessThan(end - start + 1);
  }
  // plex (5 lines, with the seed's resources and health check), jellyfin (4, with its resources), sonarr (1).
  expect(ours).toBe(10);
});
