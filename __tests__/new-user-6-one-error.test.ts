import { App as CdkApp } from 'cdk8s';
import { App, ClusterChart, HomeAssistantVm, HomeAssistantVmProps, host, HostProps, metalLb, SealedSecret, SecretReference, site, vlan } from '../constructs';
import { guarded, labCluster, prepopulatedOutdir, synthFindings } from './bad-input/lab';

// One mistake of a first lab, one error, on the prop the user wrote.

/** The errors after `build`, as `[layer] path field: message`. */
function errorsOf(build: (app: CdkApp) => void): string[] {
  const app = new CdkApp();
  guarded(build)(app);
  return synthFindings(app, prepopulatedOutdir()).findings.filter((f) => f.severity === 'error')
    .map((f) => `[${f.layer}] ${f.constructPath} ${f.field}: ${f.message}`);
}

const web = (cluster: ClusterChart, props: Record<string, unknown>) =>
  new App(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'web', ports: [{ name: 'http', port: 8080 }], ...props } as any);

describe('a Secret or ConfigMap an env var reads by a name no object can have', () => {
  test('a ConfigMap: one error on the variable, not a schema error and its absence besides', () => {
    const errors = errorsOf((app) => { web(labCluster(app), { env: { MODE: { configMapName: 'Web_Conf', key: 'mode' } } }); });
    expect(errors).toEqual([expect.stringMatching(/^\[props\] main\/web env\.MODE: env MODE reads ConfigMap "Web_Conf", which no ConfigMap can be named/)]);
  });

  test('a Secret: one error on the variable', () => {
    const errors = errorsOf((app) => { web(labCluster(app), { env: { PW: SecretReference.external('web', 'DB_Secret', 'password') } }); });
    expect(errors).toEqual([expect.stringMatching(/^\[props\] main\/web env\.PW: env PW reads Secret "DB_Secret", which no Secret can be named/)]);
  });
});

describe("a bridge's VLAN written as its number", () => {
  test("is one error on the bridge, not one more on the VM that uses the bridge", () => {
    const errors = errorsOf((app) => {
      const lan = vlan('nu6-lan', { id: 10, cidr: '192.168.30.0/24', gateway: '192.168.30.1' });
      const iot = vlan('nu6-iot', { id: 20, cidr: '192.168.31.0/24', gateway: '192.168.31.1' });
      const node = host('nu6-node', {
        arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.30.5', zfsPools: { vms: { media: 'ssd' } }, bridges: { br20: { vlan: 20 } },
      } as unknown as HostProps);
      const written = site('nu6', {
        domain: 'nu6.test', hosts: [node], vlans: { lan, iot }, pools: { vips: { first: '192.168.30.240', last: '192.168.30.250' } },
        git: { url: 'https://git.example/lab.git' },
      });
      const edge = labCluster(app, 'edge', { site: written, hosts: [node], storage: { vms: (node.zfs as any).vms }, loadBalancer: metalLb({ pools: [written.pools.vips] }) });
      new HomeAssistantVm(edge, 'home-assistant', {
        disk: (node.zfs as any).vms.existingVolume('ha', { size: '64Gi' }), iot: { bridge: (node.bridges as any).br20, address: '192.168.31.2' },
      } as HomeAssistantVmProps);
    });
    expect(errors).toEqual([expect.stringMatching(/^\[inventory\] inventory\/host\/nu6-node\/bridges\/br20 vlan: vlan 20 is not a VLAN of the inventory/)]);
  });
});

describe('an env value written as an object that holds a construct', () => {
  test('is described by its keys and the construct\'s class, not as "object"', () => {
    const errors = errorsOf((app) => {
      const cluster = labCluster(app);
      const secret = new SealedSecret(cluster, 'db', { namespace: 'web', encryptedData: { password: `Ag${'B'.repeat(720)}==` } });
      // A name that says secret (PASSWORD, PW) has its value hidden in messages: this one does not.
      web(cluster, { env: { DB_LOGIN: { secret, key: 'password' } } });
    });
    expect(errors).toEqual([expect.stringContaining('env DB_LOGIN is { secret: a SealedSecret, key: "password" }, not a string')]);
  });
});
