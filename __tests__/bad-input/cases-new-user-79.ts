import { App, AppVolume, ClusterChart, rootInitExemption } from '../../constructs';
import type { AppProps } from '../../constructs';
import type { BadInput } from './cases';
import { arm1, guarded, lab } from './lab';

// A new user adds the reading and listening side of the media stack from the README alone: Kavita and Komga for
// comics, Calibre-Web beside a Calibre library with the optional Calibre mod, Navidrome behind a shared host's path.
// Each mistake passed synthesis and then crashed at start, answered 404 behind its route, showed an empty library or
// converted no book.

/** An App `id` of `image` on the NAS's share, its pods as user 1000; `props` add to it. */
const reader = (id: string, image: string, port: number, props: Partial<AppProps>) => guarded((cluster: ClusterChart) => new App(cluster, id, {
  namespace: 'reading', image, runAsUser: 1000, fsGroup: 1000, ports: [{ name: 'http', port }], ...props,
} as AppProps));
/** Navidrome reading the music folder of the share, its database on a claim, with `env` and a route of its own unless given. */
const navidrome = (env: Record<string, string>, route: AppProps['route'] = { host: 'music' }) => reader('navidrome', 'deluan/navidrome:0.55.2', 4533, {
  env: { ND_MUSICFOLDER: '/music', ND_DATAFOLDER: '/data', ...env },
  persistence: {
    music: { volume: AppVolume.nfs(lab.nfs.share, 'music'), mountPath: '/music', readOnly: true },
    data: { volume: AppVolume.claim({ tier: 'fast', size: '2Gi' }), mountPath: '/data' },
  },
  route,
});
/** The comics folder of the share, read-only at `mountPath`. */
const comics = (mountPath: string) => ({ volume: AppVolume.nfs(lab.nfs.share, 'comics'), mountPath, readOnly: true });

export const CASES: BadInput[] = [
  {
    name: "Navidrome's scan schedule written as a day, which Go's durations have no unit for",
    build: navidrome({ ND_SCANSCHEDULE: '1d' }),
    layer: 'props', path: 'navidrome', field: 'env.ND_SCANSCHEDULE', hint: /ND_SCANSCHEDULE: '24h'/,
  },
  {
    name: "Navidrome told to read its library from another guide's folder than the one the music is mounted at",
    build: navidrome({ ND_MUSICFOLDER: '/media/music' }),
    layer: 'props', path: 'navidrome', field: 'env.ND_MUSICFOLDER', hint: /ND_MUSICFOLDER: '\/music'/,
  },
  {
    name: "Navidrome's data folder moved to linuxserver.io's /config, where nothing is mounted",
    build: navidrome({ ND_DATAFOLDER: '/config' }),
    layer: 'props', path: 'navidrome', field: 'env.ND_DATAFOLDER', hint: /mountPath: '\/config'/,
  },
  {
    name: "Navidrome behind a shared host's path with its base URL set to another path",
    build: navidrome({ ND_BASEURL: '/music' }, { host: 'media', path: '/navidrome' }),
    layer: 'props', path: 'navidrome', field: 'env.ND_BASEURL', hint: /ND_BASEURL: '\/navidrome'/,
  },
  {
    name: "Komga behind a shared host's path with its context path set to another path",
    build: reader('komga', 'gotson/komga:1.14.1', 25600, {
      env: { SERVER_SERVLET_CONTEXT_PATH: '/komga' },
      persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '2Gi' }), mountPath: '/config' }, data: comics('/data') },
      route: { host: 'media', path: '/comics' },
    }),
    layer: 'props', path: 'komga', field: 'env.SERVER_SERVLET_CONTEXT_PATH', hint: /SERVER_SERVLET_CONTEXT_PATH: '\/comics'/,
  },
  {
    name: 'Komga given its comics folder but no volume for its database in /config',
    build: reader('komga', 'gotson/komga:1.14.1', 25600, { persistence: { data: comics('/data') }, route: { host: 'komga' } }),
    layer: 'props', path: 'komga', field: 'image', hint: /mountPath: '\/config'/,
  },
  {
    name: "Kavita's own image given its config volume at linuxserver.io's /config",
    build: reader('kavita', 'jvmilazz0/kavita:0.8.4', 5000, {
      persistence: { config: { volume: AppVolume.claim({ tier: 'fast', size: '2Gi' }), mountPath: '/config' }, manga: comics('/manga') },
      route: { host: 'kavita' },
    }),
    layer: 'props', path: 'kavita', field: 'image', hint: /mountPath: '\/kavita\/config'/,
  },
  {
    name: "Calibre-Web's universal Calibre mod on the arm64 host, where its x86-64 binaries cannot run",
    build: guarded((cluster: ClusterChart) => new App(cluster, 'calibre-web', {
      namespace: 'reading', image: 'lscr.io/linuxserver/calibre-web:0.6.24', ports: [{ name: 'http', port: 8083 }],
      env: { PUID: '1000', PGID: '1000', TZ: 'Europe/Oslo', DOCKER_MODS: 'linuxserver/mods:universal-calibre' },
      persistence: {
        config: { volume: AppVolume.claim({ tier: 'local', size: '1Gi' }), mountPath: '/config' },
        books: { volume: AppVolume.nfs(lab.nfs.share, 'books'), mountPath: '/books' },
      },
      placement: { host: arm1 },
      exemptions: {
        runAsRoot: 'the linuxserver.io image starts s6-overlay as root and drops to PUID',
        writableRootFilesystem: 's6-overlay writes its service tree under /run',
        addCapabilities: rootInitExemption('supervisor', 's6-overlay chowns /config and drops to PUID'),
      },
      route: { host: 'calibre' },
    })),
    layer: 'inventory', path: 'calibre-web', field: 'env.DOCKER_MODS', hint: /arch: 'amd64'/,
  },
];
