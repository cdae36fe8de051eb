import { AppVolume, ClusterChart, Forgejo, Jellyfin, JellyfinMedia, Ollama, Osquery } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, lab } from './lab';

// What a user wrote to a service construct is what a finding names: a `persistence` entry under the name of
// a volume the service mounts itself would replace it; the hint names the service's own prop for it.

const claim = (size = '5Gi') => AppVolume.claim({ tier: 'fast', size });

export const CASES: BadInput[] = [
  {
    name: "Forgejo with a persistence entry named like its repository volume",
    build: guarded((c: ClusterChart) => new Forgejo(c, 'forgejo', { persistence: { data: { volume: claim(), mountPath: '/data' } } })),
    layer: 'props', path: 'forgejo', field: 'persistence.data', hint: /`storage`/,
  },
  {
    name: "Ollama with a persistence entry named like its model volume",
    build: guarded((c: ClusterChart) => new Ollama(c, 'ollama', { accelerator: 'cpu', persistence: { models: { volume: claim(), mountPath: '/models' } } })),
    layer: 'props', path: 'ollama', field: 'persistence.models', hint: /`modelStorage`/,
  },
  {
    name: "Jellyfin with a persistence entry named like its config volume",
    build: guarded((c: ClusterChart) => new Jellyfin(c, 'jellyfin', { media: JellyfinMedia.nfs(lab.nfs.share), persistence: { config: { volume: claim(), mountPath: '/config' } } })),
    layer: 'props', path: 'jellyfin', field: 'persistence.config', hint: /`config`/,
  },
  {
    name: "Jellyfin with a persistence entry named like its media library",
    build: guarded((c: ClusterChart) => new Jellyfin(c, 'jellyfin', { media: JellyfinMedia.nfs(lab.nfs.share), persistence: { media: { volume: AppVolume.hostPath('/tank/media'), mountPath: '/media' } } })),
    layer: 'props', path: 'jellyfin', field: 'persistence.media', hint: /JellyfinMedia/,
  },
  {
    name: "Osquery with a persistence entry named like its config volume",
    build: guarded((c: ClusterChart) => new Osquery(c, 'osquery', { persistence: { config: { volume: AppVolume.configMap('mine'), mountPath: '/etc/mine' } } })),
    layer: 'props', path: 'osquery', field: 'persistence.config', hint: /`schedule`/,
  },
];
