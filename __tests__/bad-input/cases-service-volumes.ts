import { AppVolume, ClusterChart, Forgejo, Jellyfin, JellyfinMedia, Ollama } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// A service construct builds its App's volumes from props of its own (`media`, `modelStorage`, `storage`):
// a finding about such a volume names the prop the user wrote, not the `persistence` entry built from it.

const sharedMedia = (volume: AppVolume) => guarded((cluster: ClusterChart) => new Jellyfin(cluster, 'jellyfin', { media: JellyfinMedia.shared(volume) }));

export const CASES: BadInput[] = [
  {
    name: "Jellyfin's shared media claim on a tier that offers no ReadWriteMany",
    build: sharedMedia(AppVolume.claim({ tier: 'fast', size: '600Gi', accessMode: 'ReadWriteMany' })),
    layer: 'references', path: 'jellyfin', field: 'media.volume.claim.accessMode',
  },
  {
    name: "Jellyfin's shared media claim on a tier the cluster lacks",
    build: sharedMedia(AppVolume.claim({ tier: 'media', size: '600Gi' })),
    layer: 'references', path: 'jellyfin', field: 'media.volume.claim.tier',
  },
  {
    name: "a persistence entry of the user's own beside Jellyfin's volumes, on a tier the cluster lacks",
    build: guarded((cluster: ClusterChart) => new Jellyfin(cluster, 'jellyfin', {
      media: JellyfinMedia.shared(AppVolume.claim({ tier: 'local', size: '600Gi' })),
      persistence: { extra: { volume: AppVolume.claim({ tier: 'slow', size: '1Gi' }), mountPath: '/extra' } },
    })),
    layer: 'references', path: 'jellyfin', field: 'persistence.extra.volume.claim.tier',
  },
  {
    name: "Ollama's model storage on a tier the cluster lacks",
    build: guarded((cluster: ClusterChart) => new Ollama(cluster, 'ollama', { accelerator: 'cpu', modelStorage: AppVolume.claim({ tier: 'slow', size: '100Gi' }) })),
    layer: 'references', path: 'ollama', field: 'modelStorage.claim.tier',
  },
  {
    name: "Ollama's home storage written with a docker size",
    build: guarded((cluster: ClusterChart) => new Ollama(cluster, 'ollama', { accelerator: 'cpu', homeStorage: AppVolume.claim({ tier: 'fast', size: '10GB' }) })),
    layer: 'props', path: 'ollama', field: 'homeStorage.claim.size',
  },
  {
    name: "Forgejo's storage written with a docker size",
    build: guarded((cluster: ClusterChart) => new Forgejo(cluster, 'forgejo', { storage: AppVolume.claim({ tier: 'fast', size: '20GB' }) })),
    layer: 'props', path: 'forgejo', field: 'storage.claim.size',
  },
];
