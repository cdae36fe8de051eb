import type { ClusterChart } from '../../constructs';
import { Jellyfin, JellyfinMedia, JellyfinTranscoding } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, lab } from './lab';

// Intel Quick Sync's render group is the host's group id, as `getent group render` prints it.
export const CASES: BadInput[] = [
  {
    name: "Jellyfin's Intel Quick Sync given a render group that is no group id",
    build: guarded((cluster: ClusterChart) => new Jellyfin(cluster, 'jellyfin', {
      media: JellyfinMedia.nfs(lab.nfs.share), hardwareTranscoding: JellyfinTranscoding.intelQsv({ renderGroup: -104 }),
    })),
    layer: 'props', path: 'jellyfin', field: 'hardwareTranscoding.renderGroup',
  },
];
