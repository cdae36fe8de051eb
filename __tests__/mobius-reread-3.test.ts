import { defineMobius } from '../charts/mobius';
import { traefikMatchers } from '../constructs/validation/traefik-rule-syntax';
import { routeHostnames } from '../constructs/synth/readme';
import { manifestsOf, synthInMemory } from './support/synth';

// A third reading of the mobius design against the synthesized output: what the VPS lets the internet reach,
// what each pod needs to start, and what the first sync waits for.

const result = synthInMemory(defineMobius);
const readme = (cluster: string) => result.files.get(`mobius/${cluster}/README.md`)!;
const manifests = (cluster: string) => manifestsOf(result, `mobius/${cluster}`);
const find = (cluster: string, kind: string, name: string) => {
  const found = manifests(cluster).find((m) => m.kind === kind && m.metadata.name === name);
  if (!found) {
    throw new Error(`no ${kind} ${name} in mobius/${cluster}`);
  }
  return found;
};
/** The host names of a cluster's IngressRoutes that the route serves (not the ones it leaves out). */
const servedHosts = (cluster: string) => manifests(cluster).filter((m) => m.kind === 'IngressRoute').flatMap((m) => routeHostnames(m));

describe("mobius: the VPS's catch-all does not carry homelab's private names to the internet", () => {
  const catchAll = () => find('cloud', 'IngressRoute', 'homelab-traefik').spec.routes[0].match as string;
  const PUBLIC = ['home.jax-lab.dev', 'id.jax-lab.dev'];

  test("every homelab route that is not public is left out of the catch-all's rule by name", () => {
    const privateHosts = servedHosts('homelab').filter((h) => !PUBLIC.includes(h));
    expect(privateHosts).toEqual(expect.arrayContaining(['adguard.jax-lab.dev', 'gitops.jax-lab.dev', 'grafana.jax-lab.dev', 'kubevirt.jax-lab.dev']));
    const negated = traefikMatchers(catchAll()).filter((m) => m.name === 'Host' && m.negated).flatMap((m) => m.args);
    expect(negated.sort()).toEqual([...privateHosts].sort());
    // external-dns' Traefik source reads every Host(), negated too: with no target on the route it publishes none of them.
    const annotations = find('cloud', 'IngressRoute', 'homelab-traefik').metadata.annotations ?? {};
    expect(Object.keys(annotations).filter((key) => key.startsWith('external-dns.alpha.kubernetes.io/'))).toEqual([]);
    // Still the design's catch-all: every other name under the domain, at the lowest priority.
    expect(catchAll().startsWith('HostRegexp(`^.+\\.jax-lab\\.dev$`) && !Host(')).toBe(true);
  });

  test("the public names homelab serves stay proxied, certified and published at the VPS", () => {
    const route = find('cloud', 'IngressRoute', 'homelab-traefik');
    expect(route.spec.tls.domains.map((d: { main: string }) => d.main)).toEqual(PUBLIC);
    for (const host of PUBLIC) {
      expect(catchAll()).not.toContain(host);
    }
  });

  test("cloud's README says why, and does not draw the private names as routes of the catch-all", () => {
    expect(readme('cloud')).toContain("**The catch-all leaves homelab's private names out.**");
    expect(readme('cloud')).toContain("anyone may send a private name's Host header to the VPS's address");
    expect(readme('cloud')).not.toMatch(/route_adguard_jax_lab_dev|route_gitops_jax_lab_dev/);
    // The check of public names from outside lists no private one.
    expect(readme('cloud')).not.toContain('https://gitops.jax-lab.dev');
  });

  test('a negated Host, alone or in a negated group, is no host a route serves', () => {
    expect(traefikMatchers('HostRegexp(`^.+$`) && !Host(`a.x`) && ! ( Host(`b.x`) || !Host(`c.x`) ) && Host(`d.x`)')
      .map((m) => `${m.name}:${m.args[0]}:${m.negated === true}`))
      .toEqual(['HostRegexp:^.+$:false', 'Host:a.x:true', 'Host:b.x:true', 'Host:c.x:false', 'Host:d.x:false']);
    expect(routeHostnames({ apiVersion: 'traefik.io/v1alpha1', kind: 'IngressRoute', metadata: { name: 'r' },
      spec: { routes: [{ match: 'Host(`a.x`) && !Host(`b.x`)' }] } })).toEqual(['a.x']);
  });
});

describe("mobius: the Home Assistant VM's IoT address reaches a guest that runs no cloud-init", () => {
  test("the VM's cloudinit disk carries 192.168.64.2/20, and the README sets it in Home Assistant OS, which ignores that disk", () => {
    const vm = find('homelab', 'VirtualMachine', 'homeassistant');
    const cloudInit = vm.spec.template.spec.volumes.find((v: { name: string }) => v.name === 'cloudinit').cloudInitNoCloud.networkData as string;
    expect(cloudInit).toContain('- 192.168.64.2/20');
    const line = readme('homelab').split('\n').find((l) => l.includes("the static address of the IoT interface is written on the VM's cloudinit disk"));
    expect(line).toBeDefined();
    expect(line).toContain('(192.168.64.2/20, gateway 192.168.64.1, DNS 192.168.4.53, the interface with MAC 02:00:c0:a8:40:02)');
    expect(line).toContain('Home Assistant OS runs none');
    expect(line).toContain('ha network update "$IOT_INTERFACE" --ipv4-method static --ipv4-address 192.168.64.2/20 --ipv4-gateway 192.168.64.1 --ipv4-nameserver 192.168.4.53');
    // The same MAC as the VM's IoT interface, which the owner finds the interface by.
    const iot = vm.spec.template.spec.domain.devices.interfaces.find((i: { name: string }) => i.name === 'iot-vlan');
    expect(line).toContain(iot.macAddress);
  });
});
