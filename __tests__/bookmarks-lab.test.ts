import type { Construct } from 'constructs';
import { AppVolume, declareExternal, HomelabApp, rootInitExemption, SecretReference } from '../constructs';
import type { AppProps } from '../constructs';
import { shownFindings } from './support/lab-output';
import { appDatabase as postgres, oneNodeLab } from './support/lab-sites';
import { guarded } from './bad-input/lab';

// Bookmarks, read-later and web archiving as the README tells them: Linkwarden and its PostgreSQL, Karakeep with
// Meilisearch and a headless Chrome, Wallabag, Miniflux and its PostgreSQL, ArchiveBox, changedetection.io with a
// Playwright browser beside it, each linked to what it calls and routed. Written right, it synthesizes with no finding.

const secret = (namespace: string, name: string, key: string) => SecretReference.external(namespace, name, key);

/** The lab; `miniflux` adds to Miniflux's props. */
function bookmarksLab(miniflux: Partial<AppProps> = {}): (scope: Construct) => void {
  return (scope) => {
    const cluster = oneNodeLab(scope, 'keep', '10.184.0');
    const linkwardenDb = postgres(cluster, 'linkwarden-db', 'linkwarden', 'linkwarden');
    new HomelabApp(cluster, 'linkwarden', {
      image: 'ghcr.io/linkwarden/linkwarden:v2.9.3', ports: [{ name: 'http', port: 3000 }],
      env: { DATABASE_URL: secret('linkwarden', 'linkwarden-db', 'url'), NEXTAUTH_SECRET: secret('linkwarden', 'linkwarden', 'nextauth-secret'), NEXTAUTH_URL: 'https://links.keep.jdoe.dev/api/v1/auth' },
      persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/data/data' } },
      resources: { memoryRequest: '512Mi', memoryLimit: '2Gi' },
      egress: [linkwardenDb], route: { host: 'links' },
    });
    const meilisearch = new HomelabApp(cluster, 'meilisearch', {
      namespace: 'karakeep', image: 'getmeili/meilisearch:v1.13.3', ports: [{ name: 'http', port: 7700 }],
      env: { MEILI_NO_ANALYTICS: 'true', MEILI_MASTER_KEY: secret('karakeep', 'karakeep', 'meili-master-key') },
      persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/meili_data' } },
    });
    // Tagged by Chromium's major version alone, as Karakeep's compose file pins it.
    const chrome = new HomelabApp(cluster, 'chrome', {
      namespace: 'karakeep', image: 'gcr.io/zenika-hub/alpine-chrome:124', ports: [{ name: 'cdp', port: 9222 }],
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--remote-debugging-address=0.0.0.0', '--remote-debugging-port=9222', '--hide-scrollbars'],
    });
    new HomelabApp(cluster, 'karakeep', {
      image: 'ghcr.io/karakeep-app/karakeep:0.24.1', ports: [{ name: 'http', port: 3000 }],
      env: {
        MEILI_ADDR: 'http://meilisearch:7700', BROWSER_WEB_URL: 'http://chrome:9222', DATA_DIR: '/data', NEXTAUTH_URL: 'https://karakeep.keep.jdoe.dev',
        MEILI_MASTER_KEY: secret('karakeep', 'karakeep', 'meili-master-key'), NEXTAUTH_SECRET: secret('karakeep', 'karakeep', 'nextauth-secret'),
      },
      persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/data' } },
      exemptions: { runAsRoot: 'its init (s6-overlay) takes /run as root, as the image is built', writableRootFilesystem: 's6-overlay writes its service tree under /run' },
      egress: [meilisearch, chrome, { cidr: '0.0.0.0/0' }], route: { host: 'karakeep' },
    });
    new HomelabApp(cluster, 'wallabag', {
      image: 'wallabag/wallabag:2.6.10', ports: [{ name: 'http', port: 80 }],
      env: { SYMFONY__ENV__DOMAIN_NAME: 'https://wallabag.keep.jdoe.dev', SYMFONY__ENV__DATABASE_DRIVER: 'pdo_sqlite' },
      persistence: {
        data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/var/www/wallabag/data' },
        images: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/var/www/wallabag/web/assets/images' },
      },
      exemptions: {
        runAsRoot: 'its entrypoint writes its settings, then nginx and PHP-FPM start as root and serve as nobody',
        addCapabilities: rootInitExemption('supervisor', 'nginx and PHP-FPM switch their workers to nobody', ['NET_BIND_SERVICE']),
        writableRootFilesystem: 'its entrypoint writes parameters.yml into the application',
      },
      route: { host: 'wallabag' },
    });
    const minifluxDb = postgres(cluster, 'miniflux-db', 'miniflux', 'miniflux');
    new HomelabApp(cluster, 'miniflux', {
      image: 'miniflux/miniflux:2.2.6', ports: [{ name: 'http', port: 8080 }],
      env: {
        DATABASE_URL: secret('miniflux', 'miniflux-db', 'url'), RUN_MIGRATIONS: '1', CREATE_ADMIN: '1',
        ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: secret('miniflux', 'miniflux-admin', 'password'), BASE_URL: 'https://rss.keep.jdoe.dev',
      },
      egress: [minifluxDb, { cidr: '0.0.0.0/0' }], route: { host: 'rss' },
      ...miniflux,
    });
    new HomelabApp(cluster, 'archivebox', {
      image: 'archivebox/archivebox:0.7.3', ports: [{ name: 'http', port: 8000 }],
      env: { ALLOWED_HOSTS: '*', PUBLIC_INDEX: 'False', ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: secret('archivebox', 'archivebox', 'admin-password') },
      persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '50Gi' }), mountPath: '/data' } },
      exemptions: {
        runAsRoot: 'its entrypoint starts as root, then runs ArchiveBox as PUID:PGID',
        addCapabilities: rootInitExemption('exec', 'gives /data to PUID:PGID and switches to them with gosu'),
        writableRootFilesystem: 'its entrypoint changes the ids of its user in /etc/passwd and makes a folder under /browsers',
      },
      route: { host: 'archive' },
    });
    const browser = new HomelabApp(cluster, 'playwright-chrome', {
      namespace: 'changedetection', image: 'dgtlmoon/sockpuppetbrowser:latest', ports: [{ name: 'ws', port: 3000 }],
      exemptions: { floatingImage: "follows the browser changedetection.io's compose file names" },
    });
    new HomelabApp(cluster, 'changedetection', {
      image: 'ghcr.io/dgtlmoon/changedetection.io:0.47.06', ports: [{ name: 'http', port: 5000 }],
      env: { PLAYWRIGHT_DRIVER_URL: 'ws://playwright-chrome:3000', BASE_URL: 'https://watch.keep.jdoe.dev' },
      persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '2Gi' }), mountPath: '/datastore' } },
      egress: [browser, { cidr: '0.0.0.0/0' }], route: { host: 'watch' },
    });
    declareExternal(cluster, {
      secrets: [['linkwarden', 'linkwarden-db'], ['linkwarden', 'linkwarden'], ['karakeep', 'karakeep'], ['miniflux', 'miniflux-db'], ['miniflux', 'miniflux-admin'], ['archivebox', 'archivebox']]
        .map(([namespace, name]) => ({ namespace, name })),
    });
  };
}

describe('bookmarks, read-later and web archiving', () => {
  test('written as the README tells it, the lab synthesizes with no finding (alpine-chrome:124 is a release, not a line)', () => {
    expect(shownFindings(bookmarksLab())).toEqual([]);
  });

  test('Miniflux not told to run its migrations is warned; an init container running them is enough', () => {
    const env = { DATABASE_URL: secret('miniflux', 'miniflux-db', 'url'), BASE_URL: 'https://rss.keep.jdoe.dev' };
    expect(shownFindings(bookmarksLab({ env }))).toEqual(['warning main/miniflux env']);
    expect(shownFindings(bookmarksLab({ env, initContainers: [{ name: 'migrate', image: 'miniflux/miniflux:2.2.6', args: ['-migrate'], env }] }))).toEqual([]);
  });
});

describe("Linkwarden's NEXTAUTH_URL", () => {
  /** Linkwarden alone, routed at `links`, told `url`. */
  const linkwarden = (url: string) => (scope: Construct) => {
    const cluster = oneNodeLab(scope, 'links', '10.185.0');
    new HomelabApp(cluster, 'linkwarden', {
      image: 'ghcr.io/linkwarden/linkwarden:v2.9.3', ports: [{ name: 'http', port: 3000 }], route: { host: 'links' },
      env: { DATABASE_URL: secret('linkwarden', 'linkwarden', 'database-url'), NEXTAUTH_SECRET: secret('linkwarden', 'linkwarden', 'nextauth-secret'), NEXTAUTH_URL: url },
      persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/data/data' } },
    });
    declareExternal(cluster, { secrets: [{ namespace: 'linkwarden', name: 'linkwarden' }] });
  };

  test('on the path of its sign-in, with or without a last slash, on either scheme: no finding', () => {
    expect(shownFindings(linkwarden('https://links.links.jdoe.dev/api/v1/auth'))).toEqual([]);
    expect(shownFindings(linkwarden('https://links.links.jdoe.dev/api/v1/auth/'))).toEqual([]);
    expect(shownFindings(linkwarden('http://links.links.jdoe.dev/api/v1/auth'))).toEqual([]);
  });

  test("the route's host alone, as Karakeep and other NextAuth apps take it, is an error", () => {
    expect(shownFindings(guarded(linkwarden('https://links.links.jdoe.dev')))).toEqual(['error main/linkwarden env.NEXTAUTH_URL']);
  });
});

describe("Karakeep's s6-overlay", () => {
  /** Karakeep alone, with `exemptions`. */
  const karakeep = (exemptions: AppProps['exemptions']) => guarded((scope: Construct) => {
    const cluster = oneNodeLab(scope, 'kara', '10.186.0');
    new HomelabApp(cluster, 'karakeep', {
      image: 'ghcr.io/karakeep-app/karakeep:0.24.1', ports: [{ name: 'http', port: 3000 }], route: { host: 'karakeep' },
      env: { DATA_DIR: '/data', NEXTAUTH_URL: 'https://karakeep.kara.jdoe.dev', NEXTAUTH_SECRET: secret('karakeep', 'karakeep', 'nextauth-secret') },
      persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/data' } },
      exemptions,
    });
    declareExternal(cluster, { secrets: [{ namespace: 'karakeep', name: 'karakeep' }] });
  });

  test('left to the non-root default on the read-only root, as its compose file reads, it is an error on its image', () => {
    expect(shownFindings(karakeep(undefined))).toEqual(['error main/karakeep image']);
  });

  test('as root with a writable root, as Docker runs it, no finding', () => {
    expect(shownFindings(karakeep({ runAsRoot: 's6-overlay takes /run as root', writableRootFilesystem: 's6-overlay writes its service tree under /run' }))).toEqual([]);
  });
});

describe("wallabag's entrypoint", () => {
  /** wallabag alone on SQLite, with `exemptions`. */
  const wallabag = (exemptions: AppProps['exemptions']) => guarded((scope: Construct) => {
    const cluster = oneNodeLab(scope, 'wb', '10.187.0');
    new HomelabApp(cluster, 'wallabag', {
      image: 'wallabag/wallabag:2.6.10', ports: [{ name: 'http', port: 80 }], route: { host: 'wallabag' },
      env: { SYMFONY__ENV__DOMAIN_NAME: 'https://wallabag.wb.jdoe.dev' },
      persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/var/www/wallabag/data' } },
      exemptions,
    });
  });

  test('left to the non-root default, it is an error on its image whose hint starts it as root', () => {
    expect(shownFindings(wallabag(undefined))).toEqual(['error main/wallabag image']);
  });

  test('as root without the capabilities its su, chown and supervisor need, a warning on runAsRoot', () => {
    expect(shownFindings(wallabag({ runAsRoot: 'nginx and PHP-FPM start as root', writableRootFilesystem: 'its entrypoint writes parameters.yml' })))
      .toEqual(['warning main/wallabag exemptions.runAsRoot']);
  });
});
