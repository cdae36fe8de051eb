import type { Construct } from 'constructs';
import { AppVolume, HomelabApp, host, rootInitExemption, SecretReference, declareExternal } from '../constructs';
import type { AppProps } from '../constructs';
import { navidromeScheduleProblem } from '../constructs/app/navidrome-scan-schedule';
import { shownFindings } from './support/lab-output';
import { k3sCluster, labSite, oneNodeLab } from './support/lab-sites';

// The reading and listening side of a media stack as the README tells it: Kavita and Komga for comics, Calibre-Web
// beside a Calibre library with its Calibre mod, Audiobookshelf, Navidrome behind a path of a shared host, and
// Lidarr and Readarr beside Prowlarr and qBittorrent. Written right, it synthesizes with no finding; the media
// stack's links left out of the apps' policies are each told.

const EXEMPTIONS = {
  runAsRoot: 'the linuxserver.io image starts s6-overlay as root and drops to PUID',
  writableRootFilesystem: 's6-overlay writes its service tree under /run',
  addCapabilities: rootInitExemption('supervisor', 's6-overlay chowns /config and drops to PUID'),
};

/**
 * The lab: an amd64 node and an arm64 one, the NAS's media share, and the apps. `wiring` declares the media stack's
 * links: `all` of them, `none`, or `namespace`: qBittorrent admits its namespace and the *arr apps list Prowlarr alone
 * in their egress.
 */
function readingLab(wiring: 'all' | 'none' | 'namespace'): (scope: Construct) => void {
  return (scope) => {
    const nodes = [
      host('shelf-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.181.0.11' }),
      host('shelf-2', { arch: 'arm64', roles: ['worker'], address: '10.181.0.12' }),
    ];
    const lab = labSite('shelf', '10.181.0', nodes, { nfs: { media: { server: '10.181.0.5', path: '/volume1/media' } } });
    const cluster = k3sCluster(scope, lab);
    declareExternal(cluster, { secrets: [{ namespace: 'media', name: 'arr-keys' }] });
    const share = (folder: string, mountPath: string, readOnly = false) => ({ volume: AppVolume.nfs(lab.nfs.media, folder), mountPath, readOnly });
    const claim = (mountPath: string, size = '1Gi') => ({ volume: AppVolume.claim({ tier: 'fast', size }), mountPath });
    const reader = (id: string, props: AppProps) => new HomelabApp(cluster, id, { runAsUser: 1000, fsGroup: 1000, ...props });
    reader('kavita', {
      namespace: 'reading', image: 'jvmilazz0/kavita:0.8.4', ports: [{ name: 'http', port: 5000 }],
      persistence: { config: claim('/kavita/config'), manga: share('manga', '/manga', true) }, route: { host: 'kavita' },
    });
    reader('komga', {
      namespace: 'reading', image: 'gotson/komga:1.14.1', ports: [{ name: 'http', port: 25600 }],
      env: { SERVER_SERVLET_CONTEXT_PATH: '/comics', JAVA_TOOL_OPTIONS: '-Xmx1g' }, resources: { memoryLimit: '1536Mi' },
      persistence: { config: claim('/config'), data: share('comics', '/data', true) }, route: { host: 'media', path: '/comics' },
    });
    new HomelabApp(cluster, 'calibre-web', {
      namespace: 'reading', image: 'lscr.io/linuxserver/calibre-web:0.6.24', ports: [{ name: 'http', port: 8083 }],
      env: { PUID: '1000', PGID: '1000', TZ: 'Europe/Oslo', DOCKER_MODS: 'linuxserver/mods:universal-calibre', OAUTHLIB_RELAX_TOKEN_SCOPE: '1' },
      persistence: { config: claim('/config'), books: share('books', '/books') },
      placement: { arch: 'amd64' }, exemptions: EXEMPTIONS, route: { host: 'calibre' },
    });
    reader('audiobookshelf', {
      namespace: 'listening', image: 'ghcr.io/advplyr/audiobookshelf:2.19.5', ports: [{ name: 'http', port: 13378 }],
      env: { PORT: '13378' },
      persistence: { config: claim('/config'), metadata: claim('/metadata', '10Gi'), audiobooks: share('audiobooks', '/audiobooks'), podcasts: share('podcasts', '/podcasts') },
      route: { host: 'abs' },
    });
    reader('navidrome', {
      namespace: 'listening', image: 'deluan/navidrome:0.55.2', ports: [{ name: 'http', port: 4533 }],
      env: { ND_MUSICFOLDER: '/music', ND_DATAFOLDER: '/data', ND_SCANNER_SCHEDULE: 'TZ=Europe/Oslo 0 3 * * *', ND_BASEURL: 'https://media.shelf.jdoe.dev/music/' },
      persistence: { music: share('music', '/music', true), data: claim('/data') }, route: { host: 'media', path: '/music' },
    });
    const data = AppVolume.nfs(lab.nfs.media, 'data');
    const qbittorrent = new HomelabApp(cluster, 'qbittorrent', {
      namespace: 'media', image: 'lscr.io/linuxserver/qbittorrent:5.0.3', ports: [{ name: 'http', port: 8080 }],
      env: { PUID: '1000', PGID: '1000', TZ: 'Europe/Oslo' },
      persistence: { config: claim('/config'), data: { volume: data, mountPath: '/data' } }, exemptions: EXEMPTIONS, route: { host: 'qbit' },
      ...(wiring === 'namespace' ? { allowFrom: [{ namespace: 'media' }] } : {}),
    });
    const prowlarr = new HomelabApp(cluster, 'prowlarr', {
      namespace: 'media', image: 'lscr.io/linuxserver/prowlarr:1.30.2', ports: [{ name: 'http', port: 9696 }],
      env: { PUID: '1000', PGID: '1000', TZ: 'Europe/Oslo' },
      persistence: { config: claim('/config') }, exemptions: EXEMPTIONS, route: { host: 'prowlarr' },
    });
    for (const [name, port, image] of [['lidarr', 8686, 'lscr.io/linuxserver/lidarr:2.9.6'], ['readarr', 8787, 'lscr.io/linuxserver/readarr:0.4.10-develop']] as const) {
      new HomelabApp(cluster, name, {
        namespace: 'media', image, ports: [{ name: 'http', port }],
        env: { PUID: '1000', PGID: '1000', TZ: 'Europe/Oslo', [`${name.toUpperCase()}__AUTH__APIKEY`]: SecretReference.external('media', 'arr-keys', name) },
        persistence: { config: claim('/config'), data: { volume: data, mountPath: '/data' } }, exemptions: EXEMPTIONS, route: { host: name },
        ...(wiring === 'all' ? { egress: [qbittorrent, prowlarr, { cidr: '0.0.0.0/0', ports: [{ port: 443 }] }], allowFrom: [prowlarr] } : {}),
        ...(wiring === 'namespace' ? { egress: [prowlarr], allowFrom: [prowlarr] } : {}),
      });
    }
  };
}

describe('the reading and listening side of a media stack', () => {
  it('synthesizes with no finding when written as the README tells it', () => {
    expect(shownFindings(readingLab('all'))).toEqual([]);
  });

  it("tells each of the media stack's links its apps' policies refuse", () => {
    // Unwired, every app's egress is open: Prowlarr's pushes into the *arr apps, and their calls of Prowlarr and
    // qBittorrent, meet the callee's own policy.
    expect(shownFindings(readingLab('none'))).toEqual([
      'warning main/lidarr allowFrom', 'warning main/readarr allowFrom', 'warning main/prowlarr allowFrom',
      'warning main/prowlarr allowFrom', 'warning main/qbittorrent allowFrom', 'warning main/qbittorrent allowFrom',
    ]);
  });

  it("tells a caller's listed egress that leaves out the download client its callee admits", () => {
    expect(shownFindings(readingLab('namespace'))).toEqual(['warning main/lidarr egress', 'warning main/readarr egress']);
  });
});

describe("Navidrome's music folder", () => {
  /** Navidrome with the music mounted at `mountPath` and `env`. */
  const navidrome = (mountPath: string, env: Record<string, string> = {}) => (scope: Construct) => {
    const cluster = oneNodeLab(scope, 'tunes', '10.182.0');
    new HomelabApp(cluster, 'navidrome', {
      namespace: 'listening', image: 'deluan/navidrome:0.55.2', runAsUser: 1000, fsGroup: 1000, ports: [{ name: 'http', port: 4533 }], env,
      persistence: { music: { volume: AppVolume.hostPath('/srv/music'), mountPath, readOnly: true }, data: { volume: AppVolume.claim({ tier: 'fast', size: '2Gi' }), mountPath: '/data' } },
      exemptions: { hostPath: 'the music lives on the node' }, route: { host: 'music' },
    });
  };

  it('takes the music mounted at the folder ND_MUSICFOLDER names, or at the default /music', () => {
    expect(shownFindings(navidrome('/music'))).toEqual([]);
    expect(shownFindings(navidrome('/media/music', { ND_MUSICFOLDER: '/media/music' }))).toEqual([]);
  });

  it('warns of music mounted elsewhere than the default /music, as a library may be added in its web interface', () => {
    expect(shownFindings(navidrome('/media/music'))).toEqual(['warning main/navidrome env']);
  });
});

describe("Calibre-Web's library", () => {
  it('warns of the library mounted read-only, where Calibre-Web writes metadata.db', () => {
    expect(shownFindings((scope) => {
      const cluster = oneNodeLab(scope, 'ebooks', '10.183.0');
      new HomelabApp(cluster, 'calibre-web', {
        namespace: 'reading', image: 'lscr.io/linuxserver/calibre-web:0.6.24', ports: [{ name: 'http', port: 8083 }],
        env: { PUID: '1000', PGID: '1000', TZ: 'Europe/Oslo' },
        persistence: {
          config: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/config' },
          books: { volume: AppVolume.hostPath('/srv/books'), mountPath: '/books', readOnly: true },
        },
        exemptions: { ...EXEMPTIONS, hostPath: 'the library lives on the node' }, route: { host: 'calibre' },
      });
    })).toEqual(['warning main/calibre-web persistence.books.readOnly']);
  });
});

describe("Navidrome's scan schedule", () => {
  it.each(['0', '', '1h', '90m', '@every 6h', '@daily', '0 3 * * *', '*/30 * * * *', 'TZ=Europe/Oslo 0 3 * * *', 'CRON_TZ=UTC @hourly'])('takes %j', (schedule) => {
    expect(navidromeScheduleProblem(schedule)).toBeUndefined();
  });

  it.each(['1d', '1 hour', '0 0 3 * * *', '@every 1d', '@nightly', '0 25 * * *'])('refuses %j', (schedule) => {
    expect(navidromeScheduleProblem(schedule)).toBeDefined();
  });
});
