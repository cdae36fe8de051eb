import type { Construct } from 'constructs';
import { defineMobius } from '../charts/mobius';
import { App, AppVolume, host, metalLb } from '../constructs';
import { hostServicePorts } from '../constructs/inventory/host-service-ports';
import { n5, vps } from '../hosts/mobius';
import { labSite, k3sCluster } from './support/lab-sites';
import { shownFindings } from './support/lab-output';
import { readCluster, sitesInMemory, aboutTheLab } from './support/synth';
import { recordConstructionError } from '../constructs/validation/construction-errors';

// The mobius site walked from a bare cluster: what N5 already runs when homelab's first sync starts MetalLB there.

describe("mobius homelab: MetalLB's speaker on N5, beside Dokploy's Docker in swarm mode", () => {
  const homelab = readCluster(defineMobius, 'mobius/homelab');
  const release = homelab.objects.find((o) => o.kind === 'HelmRelease' && o.metadata.name === 'metallb');

  test('N5 and the VPS list the swarm Dokploy runs them in, which holds 2377, 7946 and 4789', () => {
    for (const machine of [n5, vps]) {
      expect(machine.services).toContain('docker-swarm');
      expect(hostServicePorts(machine).map((p) => `${p.protocol}/${p.port}`)).toEqual(['TCP/2377', 'TCP/7946', 'UDP/7946', 'UDP/4789']);
    }
  });

  test("the speakers' memberlist binds a port the swarm leaves free, and the README says which", () => {
    const port = release.spec.values.speaker.memberlist.mlBindPort;
    expect(port).toBe(7947);
    expect(hostServicePorts(n5).some((p) => p.port === port)).toBe(false);
    expect(homelab.readme).toContain('its speakers find each other on port 7947 of their nodes (memberlist)');
    // The namespace's policy lists the port the speakers bind, for pod networks that govern the host network.
    const policy = homelab.objects.find((o) => o.kind === 'NetworkPolicy' && o.metadata.namespace === 'metallb-system');
    const ports = policy.spec.ingress.flatMap((rule: any) => rule.ports.map((p: any) => `${p.protocol}/${p.port}`));
    expect(ports).toEqual(expect.arrayContaining(['TCP/7947', 'UDP/7947']));
    expect(ports).not.toContain('TCP/7946');
  });

  test('mobius synthesizes without an error', () => {
    expect(aboutTheLab(sitesInMemory(defineMobius).findings).filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe("a host's own services hold their ports", () => {
  // A one-node K3s lab whose node runs Docker in swarm mode, MetalLB's memberlist on `memberlistPort`; with `pod`
  // an app on the host network on the swarm's 7946, with `socket` one that reads Docker's socket. A construction
  // error is recorded as the CLI records it.
  const swarmLab = (props: { memberlistPort?: number; pod?: boolean; socket?: boolean } = {}) => (scope: Construct) => {
    try {
      const node = host('swarm-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.9.0.11', services: ['docker-swarm'] });
      const lab = labSite('swarm', '10.9.0', [node]);
      const cluster = k3sCluster(scope, lab, { loadBalancer: metalLb({ pools: [lab.pools.lb], memberlistPort: props.memberlistPort }) });
      if (props.pod) {
        new App(cluster, 'gossip', { image: 'ghcr.io/jdoe/gossip:1.0.0', ports: [{ name: 'gossip', port: 7946 }], exemptions: { hostNetwork: 'answers on the node address' } });
      }
      if (props.socket) {
        new App(cluster, 'dozzle', {
          image: 'amir20/dozzle:v8.8.2', ports: [{ name: 'http', port: 8080 }],
          exemptions: { hostPath: "reads the logs of the swarm's services, still on the node's Docker" },
          persistence: { socket: { volume: AppVolume.hostPath('/var/run/docker.sock', 'Socket'), mountPath: '/var/run/docker.sock', readOnly: true } },
        });
      }
    } catch (error) {
      recordConstructionError(scope, error);
    }
  };

  test("MetalLB's memberlist on a swarm host is an error on the component, whose hint moves it", () => {
    const lab = swarmLab();
    expect(shownFindings(lab)).toEqual([
      'error main/platform/installs/metallb hostPorts[1]',
      'error main/platform/installs/metallb hostPorts[2]',
    ]);
    const finding = aboutTheLab(sitesInMemory(lab).findings)[0];
    expect(finding.message).toContain("Docker in swarm mode (services: ['docker-swarm'] of host swarm-1) holds that port");
    expect(finding.hint).toContain('metalLb({ memberlistPort })');
  });

  test('moved to a free port, the lab synthesizes clean', () => {
    expect(shownFindings(swarmLab({ memberlistPort: 7947 }))).toEqual([]);
  });

  test("a pod on the host network taking the swarm's port is an error on its port", () => {
    const lab = swarmLab({ memberlistPort: 7947, pod: true });
    expect(shownFindings(lab)).toEqual(['error main/gossip ports[0]']);
    expect(aboutTheLab(sitesInMemory(lab).findings)[0].message).toContain("host port TCP/7946 is held on swarm-1 by Docker in swarm mode (services: ['docker-swarm'] of host swarm-1)");
  });

  test("a host in swarm mode runs Docker: an app reading Docker's socket there is taken", () => {
    expect(shownFindings(swarmLab({ memberlistPort: 7947, socket: true }))).toEqual([]);
  });

  test("the speakers' own metrics port is no memberlist port", () => {
    expect(shownFindings(swarmLab({ memberlistPort: 7472 }))).toContain('error main loadBalancer.memberlistPort');
  });
});

describe("mobius homelab: Traefik's ACME store on a ZFS volume, which takes one mount at a time", () => {
  const homelab = readCluster(defineMobius, 'mobius/homelab');
  const values = homelab.objects.find((o) => o.kind === 'HelmRelease' && o.metadata.name === 'traefik').spec.values;

  test('its acme.json is on a claim of zfs-vms, which the ZFS driver refuses a second mount of', () => {
    expect(values.persistence).toMatchObject({ enabled: true, accessMode: 'ReadWriteOnce', storageClass: 'zfs-vms', path: '/data' });
    const storageClass = homelab.objects.find((o) => o.kind === 'StorageClass' && o.metadata.name === 'zfs-vms');
    expect(storageClass.provisioner).toBe('zfs.csi.openebs.io');
    expect(storageClass.parameters.shared).toBeUndefined();
  });

  test("a rollout stops the old pod before the new one mounts the claim, instead of the chart's surge, which would wait for good", () => {
    expect(values.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } });
  });
});
