import * as homelab from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labCluster } from './lab';

// The age key file of Flux's sops-age owner step: it is copied into a kubectl command as written.

/** A cluster `edge` of the lab reconciled by Flux with `options`; the finding is expected on the gitops prop. */
const fluxCluster = (name: string, options: Record<string, unknown>, hint: RegExp): BadInput => ({
  name, hint,
  build: guarded((_c, root) => labCluster(root, 'edge', { hosts: [], storage: {}, gitops: homelab.flux(options as any) } as any)),
  layer: 'props', path: 'edge', field: 'gitops.sopsKeyFile',
});

export const CASES: BadInput[] = [
  fluxCluster('Flux SOPS key file without the Secret it makes', { sopsKeyFile: './age.key' }, /set sopsSecretName/),
  fluxCluster('Flux SOPS key file with a blank in its path', { sopsSecretName: 'sops-age', sopsKeyFile: './my age.key' }, /without blanks/),
];
