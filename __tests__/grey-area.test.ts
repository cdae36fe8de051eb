import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { congenitalOptimist, greyArea, limitingFactor } from '../hosts/grey-area';
import { manifestsOf, synthInMemory } from './support/synth';

const result = synthInMemory();
const manifests = manifestsOf(result, 'grey-area/main');
const find = (kind: string, name: string) => manifests.find((m) => m.kind === kind && m.metadata.name === name);

describe('grey-area (seed 000)', () => {
  test('synthesizes without errors', () => {
    expect(result.findings.filter((f) => f.severity === 'error' && f.constructPath.startsWith('grey-area/'))).toEqual([]);
  });

  test('Ollama asks for the NVIDIA GPU and is pinned by affinity to grey-area alone', () => {
    const pod = find('Deployment', 'ollama').spec.template.spec;
    expect(pod.runtimeClassName).toBe('nvidia');
    expect(pod.containers[0].resources.limits['nvidia.com/gpu']).toBe(1);
    const expr = pod.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0];
    expect(expr.key).toBe('kubernetes.io/hostname');
    expect([greyArea, congenitalOptimist, limitingFactor].map((h) => expr.values.includes(h.nodeName))).toEqual([true, false, false]);
  });

  test('Jellyfin runs one replica with Recreate', () => {
    const deployment = find('Deployment', 'jellyfin');
    expect(deployment.spec.replicas).toBe(1);
    expect(deployment.spec.strategy.type).toBe('Recreate');
  });

  test("Forgejo's SSH is reachable on port 22 through a tailnet LoadBalancer", () => {
    const lb = find('Service', 'forgejo-lb');
    expect(lb.spec).toMatchObject({ type: 'LoadBalancer', loadBalancerClass: 'tailscale' });
    expect(lb.spec.ports).toEqual([{ name: 'ssh', port: 22, targetPort: 2222, protocol: 'TCP' }]);
    expect(lb.metadata.annotations['tailscale.com/hostname']).toBe('forgejo-ssh');
    const env = Object.fromEntries(find('Deployment', 'forgejo').spec.template.spec.containers[0].env.map((e: any) => [e.name, e.value]));
    expect(env).toMatchObject({ FORGEJO__server__SSH_DOMAIN: 'forgejo-ssh.grey-area.tailnet', FORGEJO__server__SSH_PORT: '22' });
    expect(find('IngressRouteTCP', 'forgejo-ssh')).toBeUndefined();
  });

  test('Harbor is pinned to limiting-factor by nodeSelector and tolerates its taint', () => {
    const values = find('Application', 'harbor').spec.source.helm.valuesObject;
    expect(values.expose.ingress.className).toBe('traefik');
    for (const component of [values.core, values.registry, values.database.internal]) {
      expect(component.nodeSelector).toEqual({ 'kubernetes.io/hostname': 'limiting-factor' });
      expect(component.tolerations).toEqual([{ key: 'dedicated', operator: 'Equal', value: 'registry', effect: 'NoSchedule' }]);
    }
  });

  test('NFS volumes come from limiting-factor', () => {
    const nfs = manifests.filter((m) => m.kind === 'Deployment')
      .flatMap((d) => d.spec.template.spec.volumes.filter((v: any) => v.nfs).map((v: any) => v.nfs.server));
    expect(nfs.length).toBeGreaterThan(0);
    expect(new Set(nfs)).toEqual(new Set(['nfs.limiting-factor.tailnet']));
  });

  test('Traefik routes on tailnet host names', () => {
    const hosts = manifests.filter((m) => m.kind === 'IngressRoute').map((m) => m.spec.routes[0].match).sort();
    expect(hosts).toEqual(['calibre', 'forgejo', 'jellyfin', 'nextcloud', 'ollama'].map((h) => `Host(\`${h}.grey-area.tailnet\`)`));
  });

  test('a root Argo CD Application syncs dist/grey-area/main, whose layer Applications sync platform, config, apps in waves', () => {
    const application = find('Application', 'grey-area-main');
    expect(application.spec.source.path).toBe('dist/grey-area/main');
    expect(application.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
    const layers = ['platform', 'config', 'apps'].map((layer) => find('Application', `grey-area-main-${layer}`));
    expect(layers.map((a) => a.spec.source.path)).toEqual(['dist/grey-area/main/platform', 'dist/grey-area/main/config', 'dist/grey-area/main/apps']);
    expect(layers.map((a) => a.metadata.annotations['argocd.argoproj.io/sync-wave'])).toEqual(['0', '1', '2']);
    expect(layers.map((a) => a.spec.syncPolicy.syncOptions.includes('SkipDryRunOnMissingResource=true'))).toEqual([false, true, true]);
  });

  test('the platform holds what the choices need: Traefik, Tailscale operator, NVIDIA plugin, local-path, NFS CSI, Argo CD', () => {
    const components = result.clusters.find((c) => c.folder === 'grey-area/main')!.chart.platform.components.map((c) => c.name).sort();
    expect(components).toEqual(['argo-cd', 'csi-driver-nfs', 'local-path-provisioner', 'nvidia-device-plugin', 'tailscale-operator', 'traefik']);
    expect(find('RuntimeClass', 'nvidia')).toMatchObject({ handler: 'nvidia' });
    expect(find('StorageClass', 'nfs-csi')).toMatchObject({ provisioner: 'nfs.csi.k8s.io', parameters: { server: 'nfs.limiting-factor.tailnet', share: '/export/kubernetes' } });
  });

  const hasKubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status === 0;
  (hasKubectl ? test : test.skip)('kubectl kustomize builds the folder', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'grey-area-'));
    try {
      for (const [file, content] of result.files) {
        if (file.startsWith('grey-area/main/')) {
          fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
          fs.writeFileSync(path.join(dir, file), content);
        }
      }
      const count = (folder: string) => execFileSync('kubectl', ['kustomize', path.join(dir, folder)], { encoding: 'utf8' })
        .split('\n').filter((l) => l.startsWith('kind: ')).length;
      const total = ['', '/platform', '/config', '/apps'].reduce((sum, layer) => sum + count(`grey-area/main${layer}`), 0);
      expect(total).toBe(manifests.length);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
