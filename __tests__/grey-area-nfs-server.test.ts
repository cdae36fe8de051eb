import { defineGreyArea } from '../charts/grey-area';
import { synthInMemory } from './support/synth';

// The design has limiting-factor serve the cluster's NFS export, but it runs Talos, which serves no NFS: the
// inventory names the server as an external machine behind the design's name.

test('grey-area: the NFS export is an external machine of the inventory, not a service of the Talos node limiting-factor', () => {
  const readme = synthInMemory(defineGreyArea).files.get('grey-area/main/README.md')!;
  expect(readme).not.toContain('serve nfs-server');
  expect(readme).toContain('| external host kubernetes-nfs address |');
  expect(readme).toContain('the machine outside the cluster that serves the NFS export, external host kubernetes-nfs (100.64.0.5)');
});
