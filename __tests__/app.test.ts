import type { Construct } from 'constructs';
import {
  App, AppController, AppVolume, ClusterChart, ClusterChartProps, flux, gatewayApi, host, metalLb, RouteFlavor, site, tailscaleLoadBalancer, traefik,
} from '../constructs';
import { appNameProblem } from '../constructs/app/app-name';
import { recordConstructionError } from '../constructs/validation/construction-errors';
import { synthInMemory } from './support/synth';

const gpuNode = host('gpu-node', { arch: 'amd64', address: '10.0.0.10', gpus: [{ vendor: 'nvidia' }], zfsPools: { fast: { media: 'nvme' } } });
const plainNode = host('plain-node', { arch: 'amd64', address: '10.0.0.11' });
const lab = site('lab', {
  domain: 'lab.example', hosts: [gpuNode, plainNode], pools: { vips: { first: '10.0.8.10', last: '10.0.8.20' } },
  git: { url: 'https://git.example/lab.git' },
});

function cluster(routes: RouteFlavor, addApps: (chart: ClusterChart) => void, extra: Partial<ClusterChartProps> = {}) {
  return (scope: Construct) => {
    const chart = new ClusterChart(scope, 'main', {
      site: lab, hosts: [gpuNode, plainNode], routes, storage: { fast: gpuNode.zfs.fast },
      loadBalancer: metalLb({ pools: [lab.pools.vips] }), gitops: flux(), ...extra,
    });
    addApps(chart);
  };
}

function objects(define: (scope: Construct) => void) {
  const result = synthInMemory(define);
  return { result, manifests: result.clusters.flatMap((c) => c.objects.map((o) => o.manifest as any)) };
}

const find = (manifests: any[], kind: string, name?: string) =>
  manifests.find((m) => m.kind === kind && (name === undefined || m.metadata.name === name));

describe('App secure defaults', () => {
  const { manifests, result } = objects(cluster(traefik(), (chart) => new App(chart, 'whoami', {
    image: 'traefik/whoami:v1.10.3', args: ['--port', '8080'], ports: [{ name: 'http', port: 8080 }],
  })));
  const deployment = find(manifests, 'Deployment', 'whoami');
  const pod = deployment.spec.template.spec;
  const container = pod.containers[0];

  test('synthesizes without errors', () => {
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  test('runs non-root with every capability dropped, RuntimeDefault seccomp and a read-only root', () => {
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } });
    expect(container.securityContext).toMatchObject({
      allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(pod.automountServiceAccountToken).toBe(false);
  });

  test('replaces the cdk8s-plus defaults deliberately', () => {
    expect(container.imagePullPolicy).toBe('IfNotPresent');
    expect(container.resources).toEqual({ requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '512Mi' } });
    expect(container.startupProbe).toBeUndefined();
    expect(container.readinessProbe.tcpSocket.port).toBe(8080);
    expect(container.livenessProbe.failureThreshold).toBe(6);
  });

  test('selects pods by name only', () => {
    expect(deployment.spec.selector.matchLabels).toEqual({ 'app.kubernetes.io/name': 'whoami' });
    expect(deployment.spec.template.metadata.labels).toEqual({ 'app.kubernetes.io/name': 'whoami' });
    expect(find(manifests, 'Service', 'whoami').spec.selector).toEqual({ 'app.kubernetes.io/name': 'whoami' });
  });

  test('declares its namespace with the restricted Pod Security level', () => {
    expect(find(manifests, 'Namespace', 'whoami').metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
  });
});

describe('route intent under each flavor', () => {
  const addApp = (chart: ClusterChart) => new App(chart, 'jellyfin', {
    image: 'jellyfin/jellyfin:10.10.3', ports: [{ name: 'http', port: 8096 }], route: { host: 'media', path: '/jf' },
  });

  test('Traefik renders an IngressRoute with entry points and TLS', () => {
    const { manifests } = objects(cluster(traefik({ certResolver: 'le' }), addApp));
    const route = find(manifests, 'IngressRoute', 'jellyfin');
    expect(route.apiVersion).toBe('traefik.io/v1alpha1');
    expect(route.spec).toEqual({
      entryPoints: ['websecure'],
      routes: [{ kind: 'Rule', match: 'Host(`media.lab.example`) && PathPrefix(`/jf`)', services: [{ name: 'jellyfin', port: 8096 }] }],
      tls: { certResolver: 'le' },
    });
    expect(find(manifests, 'HTTPRoute')).toBeUndefined();
  });

  test('Gateway API renders an HTTPRoute attached to the shared Gateway', () => {
    const { manifests } = objects(cluster(gatewayApi({ gatewayClassName: 'cilium', address: lab.pools.vips.at('10.0.8.10') }), addApp));
    const route = find(manifests, 'HTTPRoute', 'jellyfin');
    expect(route.spec.parentRefs).toEqual([{ name: 'main-gateway', namespace: 'gateway', sectionName: 'https' }]);
    expect(route.spec.hostnames).toEqual(['media.lab.example']);
    expect(route.spec.rules[0].backendRefs).toEqual([{ name: 'jellyfin', port: 8096 }]);
    const gateway = find(manifests, 'Gateway', 'main-gateway');
    expect(gateway.spec.addresses).toEqual([{ type: 'IPAddress', value: '10.0.8.10' }]);
    expect(gateway.spec.listeners.map((l: any) => l.name)).toEqual(['http', 'https']);
    expect(find(manifests, 'IngressRoute')).toBeUndefined();
  });
});

describe('intent derived from the inventory', () => {
  test('a GPU request places on GPU hosts and sets the runtime class and limit', () => {
    const { manifests, result } = objects(cluster(traefik(), (chart) => new App(chart, 'ollama', {
      image: 'ollama/ollama:0.5.7', ports: [{ name: 'http', port: 11434 }], gpu: { vendor: 'nvidia' },
    })));
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const pod = find(manifests, 'Deployment').spec.template.spec;
    expect(pod.runtimeClassName).toBe('nvidia');
    expect(pod.containers[0].resources.limits['nvidia.com/gpu']).toBe(1);
    expect(pod.containers[0].resources.requests['nvidia.com/gpu']).toBeUndefined();
    expect(pod.nodeSelector).toEqual({ 'kubernetes.io/hostname': 'gpu-node' });
  });

  test('a GPU vendor no host has is reported with the construct path and field', () => {
    const { result } = objects(cluster(traefik(), (chart) => new App(chart, 'rocm', {
      image: 'ollama/ollama:0.5.7-rocm', gpu: { vendor: 'amd' },
    })));
    expect(result.findings).toContainEqual(expect.objectContaining({
      layer: 'inventory', severity: 'error', constructPath: 'main/rocm', field: 'gpu',
    }));
  });

  test('a storage tier becomes a claim on its StorageClass and forces Recreate', () => {
    const { manifests } = objects(cluster(traefik(), (chart) => new App(chart, 'db', {
      image: 'postgres:16.6', persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '20Gi' }), mountPath: '/var/lib/postgresql/data' }, run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' } },
    })));
    expect(find(manifests, 'PersistentVolumeClaim', 'db-data').spec).toMatchObject({
      storageClassName: 'zfs-fast', resources: { requests: { storage: '20Gi' } }, accessModes: ['ReadWriteOnce'],
    });
    expect(find(manifests, 'Deployment').spec.strategy).toEqual({ type: 'Recreate' });
  });

  test.each(['deployment', 'statefulSet'] as const)('an unknown tier is reported once, naming the tiers that exist (%s)', (kind) => {
    const { result } = objects(cluster(traefik(), (chart) => new App(chart, 'db', {
      image: 'postgres:16.6', env: { PGDATA: '/var/lib/postgresql/data/pgdata' },
      persistence: { data: { volume: AppVolume.claim({ tier: 'slow', size: '1Gi' }), mountPath: '/var/lib/postgresql/data' }, run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' } },
      ...(kind === 'statefulSet' ? { controller: AppController.statefulSet() } : {}),
    })));
    // Only the tier: the volume it could not make is not reported again through the mounts.
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([
      expect.objectContaining({ field: 'persistence.data.volume.claim.tier', hint: 'use one of: fast' }),
    ]);
  });

  test('a LoadBalancer takes its fixed address from the pool', () => {
    const { manifests } = objects(cluster(traefik(), (chart) => new App(chart, 'dns', {
      image: 'adguard/adguardhome:v0.107.57', ports: [{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'http', port: 3000 }],
      exemptions: { addCapabilities: { capabilities: ['NET_BIND_SERVICE'], reason: 'port 53' } },
      loadBalancer: { address: lab.pools.vips.at('10.0.8.15'), ports: ['dns'] },
    })));
    const lb = find(manifests, 'Service', 'dns-lb');
    expect(lb.spec.type).toBe('LoadBalancer');
    expect(lb.metadata.annotations['metallb.io/loadBalancerIPs']).toBe('10.0.8.15');
    expect(lb.spec.ports).toEqual([{ name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 }]);
  });

  test('MetalLB refuses a LoadBalancer without an inventory address', () => {
    const { result } = objects(cluster(traefik(), (chart) => new App(chart, 'dns', {
      image: 'adguard/adguardhome:v0.107.57', ports: [{ name: 'dns', port: 53, protocol: 'UDP' }],
      exemptions: { addCapabilities: { capabilities: ['NET_BIND_SERVICE'], reason: 'port 53' } },
      loadBalancer: { ports: ['dns'] },
    })));
    expect(result.findings).toContainEqual(expect.objectContaining({ layer: 'inventory', constructPath: 'main/dns', field: 'loadBalancer.address' }));
  });

  test('the Tailscale flavor makes the LoadBalancer a named tailnet machine', () => {
    const { manifests, result } = objects(cluster(traefik(), (chart) => new App(chart, 'git', {
      image: 'codeberg.org/forgejo/forgejo:11.0.6-rootless', ports: [{ name: 'ssh', port: 2222, servicePort: 22 }],
      loadBalancer: { hostname: 'git-ssh' },
    }), { loadBalancer: tailscaleLoadBalancer({ tags: ['tag:k8s', 'tag:git'] }) }));
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const lb = find(manifests, 'Service', 'git-lb');
    expect(lb.spec).toMatchObject({ type: 'LoadBalancer', loadBalancerClass: 'tailscale', ports: [{ name: 'ssh', port: 22, targetPort: 2222, protocol: 'TCP' }] });
    expect(lb.metadata.annotations).toEqual({ 'tailscale.com/hostname': 'git-ssh', 'tailscale.com/tags': 'tag:k8s,tag:git' });
  });

  test('an exemption is annotated and widens the namespace just enough', () => {
    const { manifests } = objects(cluster(traefik(), (chart) => new App(chart, 'legacy', {
      image: 'linuxserver/calibre-web:0.6.24',
      exemptions: { runAsRoot: 's6-overlay starts as root and drops to PUID', writableRootFilesystem: 'writes under /run' },
    })));
    const deployment = find(manifests, 'Deployment', 'legacy');
    expect(deployment.metadata.annotations['security.homelab.dev/run-as-root']).toBe('s6-overlay starts as root and drops to PUID');
    expect(deployment.spec.template.spec.securityContext.runAsNonRoot).toBe(false);
    const ns = find(manifests, 'Namespace', 'legacy');
    expect(ns.metadata.labels['pod-security.kubernetes.io/enforce']).toBe('baseline');
    // The namespace lists what widens its level; a writable root is allowed at every level.
    expect(ns.metadata.annotations['security.homelab.dev/pod-security-reasons']).toBe('legacy: s6-overlay starts as root and drops to PUID');
    expect(deployment.metadata.annotations['security.homelab.dev/writable-root-filesystem']).toBe('writes under /run');
  });
});

describe('images that follow a moving tag', () => {
  const run = (props: Partial<ConstructorParameters<typeof App>[2]>) => {
    const { result, manifests } = objects(cluster(traefik(), (chart) => {
      try {
        new App(chart, 'web', { image: 'nginxinc/nginx-unprivileged:latest', ...props });
      } catch (error) {
        recordConstructionError(chart, error); // a refused App is reported on its props, and not rendered
      }
    }));
    const container = find(manifests, 'Deployment', 'web')?.spec.template.spec.containers[0];
    return { container, errors: result.findings.filter((f) => f.severity === 'error').map((f) => `${f.field}: ${f.message} (${f.hint})`) };
  };

  test('are refused, with the exemption named in the hint', () => {
    expect(run({}).errors).toEqual([
      "image: image \"nginxinc/nginx-unprivileged:latest\" uses the moving tag \"latest\", which the registry points at each new build (pin a version tag (e.g. :1.2.3) or a digest (@sha256:...), or state why it follows the moving tag: `exemptions: { floatingImage: '…' }`)",
    ]);
    expect(run({ image: 'nginxinc/nginx-unprivileged' }).errors[0]).toContain('has no tag, so it floats on latest');
  });

  test('pass with the floatingImage exemption, annotated, and are pulled at every start unless told otherwise', () => {
    const exempt = run({ exemptions: { floatingImage: 'follows upstream' } });
    expect(exempt.errors).toEqual([]);
    expect(exempt.container.imagePullPolicy).toBe('Always');
    const told = run({ exemptions: { floatingImage: 'follows upstream' }, imagePullPolicy: 'IfNotPresent' });
    expect(told.container.imagePullPolicy).toBe('IfNotPresent');
    expect(run({ image: 'nginxinc/nginx-unprivileged:1.27.3' }).container.imagePullPolicy).toBe('IfNotPresent');
  });
});

describe("the app's id", () => {
  test('names a Service only when the app has ports or runs as a Knative Service', () => {
    expect(appNameProblem('1worker', {})).toBeUndefined();
    expect(appNameProblem('1worker', { ports: [{ name: 'http', port: 8080 }] })).toMatch(/not an RFC 1035 label/);
    expect(appNameProblem('1fn', { controller: AppController.knative() })).toMatch(/Service/);
    expect(appNameProblem('my_app', {})).toMatch(/not an RFC 1123 label/);
  });

  test('of a CronJob leaves room for the suffix of its Jobs', () => {
    const cronJob = { controller: AppController.cronJob({ schedule: '@daily' }) };
    expect(appNameProblem('b'.repeat(52), cronJob)).toBeUndefined();
    expect(appNameProblem('b'.repeat(53), cronJob)).toMatch(/at most 52/);
    expect(appNameProblem('b'.repeat(53), {})).toBeUndefined();
  });

  test('that no object could carry stops the app with one finding', () => {
    const { result } = objects(cluster(traefik(), (chart) => {
      try {
        new App(chart, 'Web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }] });
      } catch {
        // the finding is on the app
      }
    }));
    const errors = result.findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => [f.layer, f.constructPath, f.field])).toEqual([['props', 'main/Web', 'id']]);
  });
});
