import * as homelab from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labCluster } from './lab';

// GitOps engines' options that look valid and break the step they end up in.

export const CASES: BadInput[] = [
  {
    // The step is `kubectl … --from-file=age.agekey=~/…`: the shell expands no `~` there.
    name: 'Flux SOPS key file from the home folder as ~',
    hint: /"\$HOME\/\.config\/sops\/age\/keys\.txt"/,
    build: guarded((_c, root) => labCluster(root, 'edge', {
      hosts: [], storage: {}, gitops: homelab.flux({ sopsSecretName: 'sops-age', sopsKeyFile: '~/.config/sops/age/keys.txt' }),
    } as any)),
    layer: 'props', path: 'edge', field: 'gitops.sopsKeyFile',
  },
];
