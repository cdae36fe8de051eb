import { App as CdkApp } from 'cdk8s';
import { ClusterChart, Forgejo, ForgejoDatabase, host, Jellyfin, JellyfinMedia, JellyfinTranscoding, localPathStorage, Ollama, site, traefik } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labCluster } from './lab';

/** A cluster of a site of its own whose one host has no GPU. */
const node = host('plain-node', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.9.0.5' });
const plain = site('plain', { domain: 'plain.test', hosts: [node], nfs: { media: { server: 'nas.plain.test', path: '/export' } }, git: { url: 'https://git.example/lab.git' } });
function gpuless(app: CdkApp): ClusterChart {
  return labCluster(app, 'edge', { site: plain, hosts: [node], routes: traefik({ nodePorts: true }), loadBalancer: undefined, storage: { fast: localPathStorage() } });
}

// A newcomer's small lab of the README's ready-made services: each mistake is refused on the prop the user
// wrote, with a hint that fits the lab (its GPU's vendor, the Secret a prop needs).

export const CASES: BadInput[] = [
  {
    name: "Forgejo's external PostgreSQL without a password Secret",
    build: guarded((cluster: ClusterChart) => new Forgejo(cluster, 'forgejo', { database: ForgejoDatabase.postgres({ host: 'postgres.databases.svc.cluster.local' } as any) })),
    layer: 'props', path: 'forgejo', field: 'database.postgres.password', hint: /SecretReference\.external\('forgejo'/,
  },
  {
    name: "Jellyfin's Intel transcoding in a cluster without a GPU",
    build: guarded((_c: ClusterChart, app: CdkApp) => new Jellyfin(gpuless(app), 'jellyfin', { media: JellyfinMedia.nfs(plain.nfs.media), hardwareTranscoding: JellyfinTranscoding.intelQsv() })),
    layer: 'inventory', path: 'edge/jellyfin', field: 'hardwareTranscoding', hint: /gpus: \[\{ vendor: 'intel' \}\]/,
  },
  {
    name: "Ollama on AMD's GPU in a cluster without a GPU",
    build: guarded((_c: ClusterChart, app: CdkApp) => new Ollama(gpuless(app), 'ollama', { accelerator: 'amd' })),
    layer: 'inventory', path: 'edge/ollama', field: /gpu|accelerator/, hint: /gpus: \[\{ vendor: 'amd' \}\]/,
  },
];
