import { App, AppController, ClusterChart, flux, HomeAssistantVm, host, localPathStorage, site, traefik, vlan } from '../constructs';
import { missingProbesReason } from '../constructs/app/probe-exemption';
import { synthInMemory } from './support/synth';

// Workloads that go without a readiness or liveness probe say why in an annotation; a VM gets a memory
// limit and the probes KubeVirt can run on it.

const vlans = { lan: vlan('lan', { id: 1, cidr: '192.168.1.0/24', gateway: '192.168.1.1' }), iot: vlan('iot', { id: 64, cidr: '192.168.64.0/24', gateway: '192.168.64.1' }) };
const node = host('ex-node', {
  arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.1.10',
  zfsPools: { vms: { media: 'ssd', sizeTerabytes: 1 } },
  bridges: { br64: { vlan: vlans.iot, uplink: 'eno1.64' } },
});
const lab = site('ex', { domain: 'ex.test', hosts: [node], vlans, git: { url: 'https://git.ex.test/lab.git' } });
const synthLab = (build: (chart: ClusterChart) => void) => synthInMemory((app) => {
  build(new ClusterChart(app, 'main', { site: lab, hosts: [node], routes: traefik({ nodePorts: true }), storage: { fast: localPathStorage(), vm: node.zfs.vms }, gitops: flux() }));
});
const objects = (result: ReturnType<typeof synthInMemory>) => result.clusters.flatMap((c) => c.objects.map((o) => o.manifest as any));
const errors = (result: ReturnType<typeof synthInMemory>) => result.findings.filter((f) => f.severity === 'error');
const KEY = 'security.homelab.dev/missing-probes';

describe('missing probes', () => {
  test('the reason names the probes, and the container when the pod has several', () => {
    expect(missingProbesReason([{ container: 'a', missing: ['readiness', 'liveness'], switchedOff: false }], undefined, false))
      .toBe('no readiness or liveness probe: no port to probe');
    expect(missingProbesReason([{ container: 'a', missing: [], switchedOff: false }, { container: 'b', missing: ['liveness'], switchedOff: true }], 'why', true))
      .toBe('b: no liveness probe: why');
    expect(missingProbesReason([{ container: 'a', missing: [], switchedOff: false }], undefined, false)).toBeUndefined();
  });

  test('an app without ports is recorded as having no port to probe, on the workload and its pods', () => {
    const result = synthLab((chart) => new App(chart, 'agent', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web' }));
    expect(errors(result)).toEqual([]);
    const deployment = objects(result).find((m) => m.kind === 'Deployment');
    expect(deployment.metadata.annotations[KEY]).toBe('no readiness or liveness probe: no port to probe');
    expect(deployment.spec.template.metadata.annotations[KEY]).toBe('no readiness or liveness probe: no port to probe');
  });

  test('a probe switched off with its reason is recorded with it; an app with its probes carries no annotation', () => {
    const result = synthLab((chart) => {
      new App(chart, 'quiet', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }], probes: { liveness: false }, exemptions: { probes: 'restarts itself' } });
      new App(chart, 'plain', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }] });
    });
    expect(errors(result)).toEqual([]);
    const deployments = objects(result).filter((m) => m.kind === 'Deployment');
    expect(deployments.find((d) => d.metadata.name === 'quiet').spec.template.metadata.annotations[KEY]).toBe('no liveness probe: restarts itself');
    expect(deployments.find((d) => d.metadata.name === 'plain').spec.template.metadata.annotations?.[KEY]).toBeUndefined();
  });

  test('a Job records no missing probes', () => {
    const result = synthLab((chart) => new App(chart, 'once', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', controller: AppController.job() }));
    const job = objects(result).find((m) => m.kind === 'Job');
    expect(job.spec.template.metadata.annotations?.[KEY]).toBeUndefined();
  });
});

describe('the Home Assistant VM', () => {
  const vmOf = (guestAgent?: boolean) => {
    const result = synthLab((chart) => new HomeAssistantVm(chart, 'homeassistant', {
      disk: node.zfs.vms.existingVolume('homeassistant', { size: '64Gi' }), iot: { bridge: node.bridges.br64, address: '192.168.64.2' }, memory: '3Gi', guestAgent,
    }));
    return objects(result).find((m) => m.kind === 'VirtualMachine');
  };

  test('is limited to its guest memory and is ready once its web UI answers', () => {
    const spec = vmOf().spec.template.spec;
    expect(spec.domain.resources).toEqual({ limits: { memory: '3Gi' }, requests: { memory: '3Gi' } });
    expect(spec.readinessProbe.tcpSocket).toEqual({ port: 8123 });
  });

  test('says why it has no liveness probe without the guest agent, and pings the agent with it', () => {
    const without = vmOf();
    expect(without.spec.template.spec.livenessProbe).toBeUndefined();
    expect(without.spec.template.metadata.annotations[KEY]).toMatch(/^no liveness probe: no guest agent/);
    const withAgent = vmOf(true);
    expect(withAgent.spec.template.spec.livenessProbe.guestAgentPing).toEqual({});
    expect(withAgent.spec.template.metadata.annotations?.[KEY]).toBeUndefined();
  });
});
