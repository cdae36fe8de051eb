import { ApiObject } from 'cdk8s';
import { CrossplaneProviders } from '../../constructs';
import type { BadInput } from './cases';

// Objects a bare cluster's engine could never apply in the order the output gives, continued.
export const CASES: BadInput[] = [
  {
    // A package of the lab's own declares its kinds on CrossplaneProviders; Flux's dry run of the config
    // layer refuses its ProviderConfig until the Provider beside it is healthy, so neither is applied.
    name: "ProviderConfig of a custom package's declared kinds in the config layer of its Provider under Flux",
    build: (c) => {
      new CrossplaneProviders(c, 'xp', [{
        name: 'provider-proxmox', package: 'ghcr.io/lab/provider-proxmox:v0.3.0',
        crds: [{ group: 'proxmox.lab.example', kinds: ['ProviderConfig', 'VirtualMachine'], scope: 'Cluster' }],
      }]);
      new ApiObject(c.platform.configScope('provider-config'), 'pc', {
        apiVersion: 'proxmox.lab.example/v1beta1', kind: 'ProviderConfig', metadata: { name: 'default' }, spec: { credentials: { source: 'None' } },
      });
    },
    layer: 'references', path: 'platform/config/provider-config/pc', field: 'kind',
  },
];
