import * as homelab from '../../constructs';
import type { BadInput } from './cases';
import { guarded, lab } from './lab';

// Ollama's home as one folder of a volume that holds other apps' data too.

export const CASES: BadInput[] = [
  {
    name: 'an Ollama home folder without a home volume',
    build: guarded((c) => new homelab.Ollama(c, 'ollama', { homeSubPath: 'ollama' })),
    layer: 'props', path: 'ollama', field: 'homeSubPath', hint: /give homeStorage too/,
  },
  {
    name: 'an Ollama home folder written as an absolute path',
    build: guarded((c) => new homelab.Ollama(c, 'ollama', { homeStorage: homelab.AppVolume.nfs(lab.nfs.share), homeSubPath: '/ollama' })),
    layer: 'props', path: 'ollama', field: 'homeSubPath', hint: /inside the volume/,
  },
];
