import { AppVolume, ClusterChart, Forgejo, Jellyfin, JellyfinMedia, Ollama } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, lab } from './lab';

// A newcomer writing a lab from the README's service constructs: each mistake is one finding on the prop
// the service takes (`storage`, `preferredHost`, `version`), not on the App's props built from it.

export const CASES: BadInput[] = [
  {
    name: "Forgejo's storage claim with a number for its size",
    build: guarded((cluster: ClusterChart) => new Forgejo(cluster, 'forgejo', { storage: AppVolume.claim({ tier: 'fast', size: 20 as any }) })),
    layer: 'props', path: 'forgejo', field: 'storage.claim.size',
  },
  {
    name: "Forgejo's storage claim with kubectl's short access mode",
    build: guarded((cluster: ClusterChart) => new Forgejo(cluster, 'forgejo', { storage: AppVolume.claim({ tier: 'fast', size: '20Gi', accessMode: 'RWO' as any }) })),
    layer: 'props', path: 'forgejo', field: 'storage.claim.accessMode', hint: /ReadWriteOnce/,
  },
  {
    name: "Ollama's model storage claim with a number for its size",
    build: guarded((cluster: ClusterChart) => new Ollama(cluster, 'ollama', { accelerator: 'cpu', modelStorage: AppVolume.claim({ tier: 'fast', size: 100 as any }) })),
    layer: 'props', path: 'ollama', field: 'modelStorage.claim.size',
  },
  {
    name: "Ollama's preferredHost written as the host's name",
    build: guarded((cluster: ClusterChart) => new Ollama(cluster, 'ollama', { accelerator: 'cpu', preferredHost: 'gpu1' as any })),
    layer: 'props', path: 'ollama', field: 'preferredHost',
  },
  {
    name: "Jellyfin's config claim with a number for its size",
    build: guarded((cluster: ClusterChart) => new Jellyfin(cluster, 'jellyfin', { media: JellyfinMedia.nfs(lab.nfs.share), config: AppVolume.claim({ tier: 'fast', size: 20 as any }) })),
    layer: 'props', path: 'jellyfin', field: 'config.claim.size',
  },
  {
    name: "Jellyfin's shared media claim with a number for its size",
    build: guarded((cluster: ClusterChart) => new Jellyfin(cluster, 'jellyfin', { media: JellyfinMedia.shared(AppVolume.claim({ tier: 'fast', size: 600 as any, accessMode: 'ReadWriteMany' })) })),
    layer: 'props', path: 'jellyfin', field: 'media.volume.claim.size',
  },
];
