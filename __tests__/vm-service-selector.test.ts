import { ApiObject } from 'cdk8s';
import { HomeAssistantVm } from '../constructs';
import { synthInMemory } from './support/synth';
import { vmLab } from './support/vm-lab';

// KubeVirt labels every virt-launcher pod with `kubevirt.io: virt-launcher` and `vm.kubevirt.io/name`, the
// name of the VM's instance (the VM's own): a Service written by hand may select a VM by either.

function selectorErrors(selector: Record<string, string>): string[] {
  return synthInMemory((scope) => {
    const { box, cluster } = vmLab(scope);
    const vm = new HomeAssistantVm(cluster, 'home-assistant', {
      disk: box.zfs.vms.existingVolume('homeassistant', { size: '64Gi' }), iot: { bridge: box.bridges.br64, address: '192.168.64.2' },
    });
    new ApiObject(cluster, 'ssh', {
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'home-assistant-ssh', namespace: vm.namespace },
      spec: { selector, ports: [{ name: 'ssh', port: 22, targetPort: 22 }] },
    });
  }).findings.filter((f) => f.severity === 'error' && f.name === 'home-assistant-ssh').map((f) => `${f.field}: ${f.message}`);
}

test("a Service selecting a VM by the VM name label KubeVirt gives its virt-launcher pod selects it", () => {
  expect(selectorErrors({ 'vm.kubevirt.io/name': 'home-assistant' })).toEqual([]);
});

test('a Service selecting the launcher pods of another VM name selects nothing', () => {
  expect(selectorErrors({ 'vm.kubevirt.io/name': 'home-assistant-2' })).toEqual([expect.stringMatching(/^spec\.selector: selects no pod template/)]);
});
