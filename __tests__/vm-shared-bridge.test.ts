import type { Construct } from 'constructs';
import { BridgeNetwork, HomeAssistantVm } from '../constructs';
import { manifestsOf, synthInMemory } from './support/synth';
import { vmLab } from './support/vm-lab';

// VMs on one host bridge in one namespace share its NetworkAttachmentDefinition, which is one object there:
// a second VM of a lab (a test instance beside the real one) is no repeated object.

function twoVms(scope: Construct, secondNamespace?: string) {
  const { box, cluster } = vmLab(scope);
  new HomeAssistantVm(cluster, 'home-assistant', {
    disk: box.zfs.vms.existingVolume('homeassistant', { size: '64Gi' }), iot: { bridge: box.bridges.br64, address: '192.168.64.2' }, memory: '2Gi',
  });
  new HomeAssistantVm(cluster, 'home-assistant-test', {
    namespace: secondNamespace, disk: box.zfs.vms.existingVolume('homeassistant-test', { size: '64Gi' }), iot: { bridge: box.bridges.br64, address: '192.168.64.3' }, memory: '2Gi',
  });
}

const attachments = (secondNamespace?: string) => {
  const result = synthInMemory((scope) => twoVms(scope, secondNamespace));
  expect(result.findings.filter((f) => f.severity === 'error').map((f) => `${f.constructPath} ${f.field}: ${f.message}`)).toEqual([]);
  return manifestsOf(result, 'home/main').filter((m) => m.kind === 'NetworkAttachmentDefinition').map((m) => `${m.metadata.namespace}/${m.metadata.name}`);
};

describe('VMs on one bridge', () => {
  test('in one namespace share its attachment', () => {
    expect(attachments()).toEqual(['vms/iot-vlan-bridge']);
  });

  test('in two namespaces get one each', () => {
    expect(attachments('vms-test').sort()).toEqual(['vms-test/iot-vlan-bridge', 'vms/iot-vlan-bridge']);
  });

  test("the chart's own attachment made first, which the VM uses", () => {
    const result = synthInMemory((scope) => {
      const { box, cluster } = vmLab(scope);
      new BridgeNetwork(cluster, 'iot', { bridge: box.bridges.br64, namespace: 'vms' });
      new HomeAssistantVm(cluster, 'home-assistant', { disk: box.zfs.vms.existingVolume('homeassistant', { size: '64Gi' }), iot: { bridge: box.bridges.br64, address: '192.168.64.2' }, memory: '2Gi' });
    });
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(manifestsOf(result, 'home/main').filter((m) => m.kind === 'NetworkAttachmentDefinition')).toHaveLength(1);
  });

  test("the chart's own attachment made after a VM's is one error on it", () => {
    const result = synthInMemory((scope) => {
      const { box, cluster } = vmLab(scope);
      new HomeAssistantVm(cluster, 'home-assistant', { disk: box.zfs.vms.existingVolume('homeassistant', { size: '64Gi' }), iot: { bridge: box.bridges.br64, address: '192.168.64.2' }, memory: '2Gi' });
      new BridgeNetwork(cluster, 'iot', { bridge: box.bridges.br64, namespace: 'vms' });
    });
    expect(result.findings.filter((f) => f.severity === 'error').map((f) => `${f.constructPath} ${f.field}: ${f.hint}`))
      .toEqual([expect.stringMatching(/^main\/iot bridge: leave this one out/)]);
  });
});
