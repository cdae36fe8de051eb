import type { Construct } from 'constructs';
import { App as CdkApp } from 'cdk8s';
import { App, MediaContainers } from '../constructs';
import { goodContainer, goodDeployment, gpu1, guarded, labCluster, raw } from './bad-input/lab';
import { synthInMemory } from './support/synth';

function synth(build: (cluster: ReturnType<typeof labCluster>) => void) {
  const result = synthInMemory((scope: Construct) => build(labCluster(scope as CdkApp)));
  const manifests = result.clusters.flatMap((c) => c.objects.map((o) => o.manifest as any));
  return { errors: result.findings.filter((f) => f.severity === 'error'), manifests };
}

const HOST_PORT_REASON = { 'security.homelab.dev/host-network': 'serves on a port of its node' };

/** Whether a container binds a port of its node (`hostPort: 0` binds none). */
const bindsHostPort = (containers: Array<Record<string, unknown>>) =>
  containers.some((c) => ((c.ports ?? []) as Array<{ hostPort?: number }>).some((p) => (p.hostPort ?? 0) !== 0));

/**
 * Hand-written Deployments `name` in a namespace that admits host ports, each with `containers`; those that
 * bind a port of the node state why, and those that bind none declare no exemption they do not use.
 */
function hostPortWorkloads(cluster: ReturnType<typeof labCluster>, pods: Record<string, Array<Record<string, unknown>>>): void {
  cluster.namespaces.ensure('web', { podSecurity: 'privileged', reason: 'pods bind ports of their node' });
  for (const [name, containers] of Object.entries(pods)) {
    raw(cluster, name, goodDeployment(name, { containers }, {}, bindsHostPort(containers) ? HOST_PORT_REASON : undefined));
  }
}

describe('host ports', () => {
  test('hostPort 0 asks for no port of the node, so two workloads that write it do not clash', () => {
    const { errors } = synth((cluster) => hostPortWorkloads(cluster, {
      a: [goodContainer({ ports: [{ name: 'http', containerPort: 8080, hostPort: 0 }] })],
      b: [goodContainer({ ports: [{ name: 'http', containerPort: 8080, hostPort: 0 }] })],
    }));
    expect(errors).toEqual([]);
  });

  test('one host port on two distinct addresses of the node is taken twice without a clash', () => {
    const { errors } = synth((cluster) => hostPortWorkloads(cluster, {
      a: [goodContainer({ ports: [{ name: 'http', containerPort: 8080, hostPort: 8080, hostIP: '127.0.0.1' }] })],
      b: [goodContainer({ ports: [{ name: 'http', containerPort: 8080, hostPort: 8080, hostIP: '192.168.1.10' }] })],
    }));
    expect(errors).toEqual([]);
  });

  test('one host port on every address and on one address of the node clashes', () => {
    const { errors } = synth((cluster) => hostPortWorkloads(cluster, {
      a: [goodContainer({ ports: [{ name: 'http', containerPort: 8080, hostPort: 8080 }] })],
      b: [goodContainer({ ports: [{ name: 'http', containerPort: 8080, hostPort: 8080, hostIP: '127.0.0.1' }] })],
    }));
    expect(errors.map((e) => `${e.layer} ${e.constructPath} ${e.field}`)).toEqual(['inventory main/b spec.template.spec.containers[0].ports[0]']);
  });

  test('two containers of one pod on one host port are one error, on the second', () => {
    const { errors } = synth((cluster) => hostPortWorkloads(cluster, {
      web: [
        goodContainer({ ports: [{ name: 'http', containerPort: 8080, hostPort: 8080 }] }),
        goodContainer({ name: 'metrics', ports: [{ name: 'metrics', containerPort: 9100, hostPort: 8080 }], readinessProbe: { tcpSocket: { port: 9100 } } }),
      ],
    }));
    expect(errors.map((e) => e.field)).toEqual(['spec.template.spec.containers[1].ports[0].hostPort']);
  });

  test('on the host network a hostPort equal to the containerPort passes', () => {
    const { errors } = synth((cluster) => {
      cluster.namespaces.ensure('web', { podSecurity: 'privileged', reason: 'pods use the network of their node' });
      raw(cluster, 'w', goodDeployment('web', {
        hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet', containers: [goodContainer({ ports: [{ name: 'http', containerPort: 8080, hostPort: 8080 }] })],
      }, {}, HOST_PORT_REASON));
    });
    expect(errors).toEqual([]);
  });
});

describe('LimitRange limit-to-request ratios', () => {
  const ratioRange = (maxLimitRequestRatio: Record<string, string>, extra: Record<string, unknown> = {}) => ({
    apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'ratio', namespace: 'web' }, spec: { limits: [{ type: 'Container', maxLimitRequestRatio, ...extra }] },
  });

  test('an app whose limit is within the ratio passes, as does a ratio met exactly', () => {
    const { errors } = synth((cluster) => {
      raw(cluster, 'lr', ratioRange({ memory: '2', cpu: '4' }));
      new App(cluster, 'web', { namespace: 'web', image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], resources: { memoryRequest: '256Mi', memoryLimit: '512Mi', cpuRequest: '250m', cpuLimit: '1' } });
    });
    expect(errors).toEqual([]);
  });

  test('a ratio of 1 passes a container whose request equals its limit', () => {
    const { errors } = synth((cluster) => {
      raw(cluster, 'lr', ratioRange({ memory: '1' }));
      raw(cluster, 'w', goodDeployment('web', { containers: [goodContainer({ resources: { requests: { cpu: '50m', memory: '128Mi' }, limits: { memory: '128Mi' } } })] }));
    });
    expect(errors).toEqual([]);
  });

  test('a violation is one error, on the workload, naming the LimitRange', () => {
    const { errors } = synth((cluster) => {
      raw(cluster, 'lr', ratioRange({ memory: '2' }));
      new App(cluster, 'web', { namespace: 'web', image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }] });
    });
    expect(errors.map((e) => `${e.constructPath} ${e.field}`)).toEqual(['main/web resources.memoryLimit']);
    expect(errors[0].message).toContain('LimitRange web/ratio');
  });
});

describe('media container devices as compose writes them', () => {
  const settings = { puid: 1000, pgid: 1000, tz: 'Europe/Oslo', configDir: '/var/data', dataDir: '/mnt/storage', storageDir: '/mnt/storage' };
  const mediaWith = (devices: string[]) => synth((cluster) => new MediaContainers(cluster, 'media', {
    settings, containers: { z2m: { image: 'koenkk/zigbee2mqtt:1.42.0', host: gpu1, listenPort: 8080, configDir: '/app/data', devices } },
  }));
  const deviceVolumes = (manifests: any[]) => manifests.find((m) => m.kind === 'Deployment' && m.metadata.name === 'z2m').spec.template.spec.volumes
    .filter((v: any) => v.hostPath?.path.startsWith('/dev/')).map((v: any) => `${v.hostPath.path} ${v.hostPath.type}`);
  const deviceMounts = (manifests: any[]) => manifests.find((m) => m.kind === 'Deployment' && m.metadata.name === 'z2m').spec.template.spec.containers[0].volumeMounts
    .filter((m: any) => m.mountPath.startsWith('/dev/')).map((m: any) => m.mountPath);

  test("docker's default permissions rwm and a single path are taken as the plain form", () => {
    const { errors, manifests } = mediaWith(['/dev/ttyUSB0:/dev/ttyACM0:rwm', '/dev/ttyUSB1']);
    expect(errors).toEqual([]);
    expect(deviceVolumes(manifests)).toEqual(['/dev/ttyUSB0 CharDevice', '/dev/ttyUSB1 CharDevice']);
    expect(deviceMounts(manifests)).toEqual(['/dev/ttyACM0', '/dev/ttyUSB1']);
  });

  test('a folder of devices is mounted as a folder, which the kubelet checks', () => {
    const { errors, manifests } = mediaWith(['/dev/bus/usb:/dev/bus/usb']);
    expect(errors).toEqual([]);
    expect(deviceVolumes(manifests)).toEqual(['/dev/bus/usb Directory']);
  });
});

describe("an app's ports", () => {
  test('one number over TCP and UDP, and another number exposed as the same Service port over the other protocol, pass', () => {
    const { errors } = synth((cluster) => new App(cluster, 'dns', {
      namespace: 'web', image: 'nginxinc/nginx-unprivileged:1.27.0',
      ports: [{ name: 'dns-tcp', port: 5353, servicePort: 53 }, { name: 'dns-udp', port: 5353, protocol: 'UDP', servicePort: 53 }, { name: 'http', port: 8080 }],
    }));
    expect(errors).toEqual([]);
  });

  test('a port added after construction joins the Service; a repeat of one is one error, on the call', () => {
    const { errors, manifests } = synth((cluster) => {
      const app = new App(cluster, 'web', { namespace: 'web', image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }] });
      app.addPort({ name: 'metrics', port: 9090 });
      app.container.addPort({ name: 'admin', port: 9091 });
    });
    expect(errors).toEqual([]);
    expect(manifests.find((m) => m.kind === 'Service' && m.metadata.name === 'web').spec.ports.map((p: any) => p.name)).toEqual(['http', 'metrics', 'admin']);
    const repeated = synth(guarded((cluster) => new App(cluster, 'web', { namespace: 'web', image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }] }).addPort({ name: 'http', port: 9090 })));
    expect(repeated.errors.map((e) => `${e.layer} ${e.constructPath} ${e.field}`)).toEqual(['props main/web addPort.name']);
  });
});
