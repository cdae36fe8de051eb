import type { Construct } from 'constructs';
import { AppVolume, declareExternal, host, HomelabApp, rootInitExemption, SecretReference } from '../constructs';
import type { AppProps } from '../constructs';
import { shownFindings } from './support/lab-output';
import { appDatabase as postgres, k3sCluster, labSite } from './support/lab-sites';
import { guarded } from './bad-input/lab';

// The household's projects, notes and whiteboards as the README tells them: Vikunja, Planka and HedgeDoc each with
// its PostgreSQL, Excalidraw and its room server, Penpot's frontend, backend and exporter with PostgreSQL and Valkey,
// Trilium and Memos, each linked to what it calls and routed. Written right, it synthesizes with no finding.

const secret = (namespace: string, name: string, key: string) => SecretReference.external(namespace, name, key);

/** What a test adds to the props of one app of the lab, by the app. */
type Parts = Partial<Record<'vikunja' | 'planka' | 'hedgedoc' | 'excalidraw' | 'room' | 'penpotFrontend' | 'penpotBackend' | 'trilium' | 'memos', Partial<AppProps>>>;

/** The lab on one node with an NFS share; `parts` add to its apps' props. */
function notesLab(parts: Parts = {}): (scope: Construct) => void {
  return (scope) => {
    const node = host('desk-1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.187.0.11' });
    const lab = labSite('desk', '10.187.0', [node], { nfs: { nas: { server: '10.187.0.5', path: '/export/desk', capacity: '1Ti' } } });
    const cluster = k3sCluster(scope, lab);
    const vikunjaDb = postgres(cluster, 'vikunja-db', 'vikunja', 'vikunja');
    new HomelabApp(cluster, 'vikunja', {
      image: 'vikunja/vikunja:0.24.6', ports: [{ name: 'http', port: 3456 }],
      env: {
        VIKUNJA_DATABASE_TYPE: 'postgres', VIKUNJA_DATABASE_HOST: 'vikunja-db', VIKUNJA_DATABASE_DATABASE: 'vikunja', VIKUNJA_DATABASE_USER: 'vikunja',
        VIKUNJA_DATABASE_PASSWORD: secret('vikunja', 'vikunja-db', 'password'),
        VIKUNJA_SERVICE_PUBLICURL: 'https://tasks.desk.jdoe.dev/', VIKUNJA_SERVICE_JWTSECRET: secret('vikunja', 'vikunja', 'jwt-secret'),
      },
      persistence: { files: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/app/vikunja/files' } },
      egress: [vikunjaDb], route: { host: 'tasks' },
      ...parts.vikunja,
    });
    const plankaDb = postgres(cluster, 'planka-db', 'planka', 'planka');
    new HomelabApp(cluster, 'planka', {
      image: 'ghcr.io/plankanban/planka:1.26.2', ports: [{ name: 'http', port: 1337 }],
      env: { BASE_URL: 'https://boards.desk.jdoe.dev', DATABASE_URL: secret('planka', 'planka-db', 'url'), SECRET_KEY: secret('planka', 'planka', 'secret-key'), TRUST_PROXY: '1' },
      persistence: {
        avatars: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/app/public/user-avatars' },
        backgrounds: { volume: AppVolume.claim({ tier: 'fast', size: '1Gi' }), mountPath: '/app/public/project-background-images' },
        attachments: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/app/private/attachments' },
      },
      egress: [plankaDb], route: { host: 'boards' },
      ...parts.planka,
    });
    const hedgedocDb = postgres(cluster, 'hedgedoc-db', 'hedgedoc', 'hedgedoc');
    new HomelabApp(cluster, 'hedgedoc', {
      image: 'quay.io/hedgedoc/hedgedoc:1.10.3', ports: [{ name: 'http', port: 3000 }],
      env: {
        CMD_DB_URL: secret('hedgedoc', 'hedgedoc-db', 'url'), CMD_DOMAIN: 'pad.desk.jdoe.dev', CMD_PROTOCOL_USESSL: 'true', CMD_URL_ADDPORT: 'false',
        CMD_SESSION_SECRET: secret('hedgedoc', 'hedgedoc', 'session-secret'),
      },
      persistence: { uploads: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/hedgedoc/public/uploads' } },
      egress: [hedgedocDb], route: { host: 'pad' },
      ...parts.hedgedoc,
    });
    new HomelabApp(cluster, 'excalidraw', {
      image: 'excalidraw/excalidraw:latest', ports: [{ name: 'http', port: 80 }],
      // nginx as the image runs it: on port 80, its temporary folders and pid file on volumes of their own.
      sysctls: { 'net.ipv4.ip_unprivileged_port_start': '80' },
      persistence: { cache: { volume: AppVolume.emptyDir(), mountPath: '/var/cache/nginx' }, run: { volume: AppVolume.emptyDir(), mountPath: '/var/run' } },
      exemptions: { floatingImage: 'Excalidraw publishes no release tags' },
      route: { host: 'draw' },
      ...parts.excalidraw,
    });
    new HomelabApp(cluster, 'excalidraw-room', {
      namespace: 'excalidraw', image: 'excalidraw/excalidraw-room:sha-49bf529', ports: [{ name: 'http', port: 8080, servicePort: 80 }], env: { PORT: '8080' },
      route: { host: 'draw-room' },
      ...parts.room,
    });
    const penpotDb = postgres(cluster, 'penpot-db', 'penpot', 'penpot');
    const valkey = new HomelabApp(cluster, 'penpot-valkey', {
      namespace: 'penpot', image: 'valkey/valkey:8.1.1', ports: [{ name: 'redis', port: 6379 }],
      persistence: { data: { volume: AppVolume.emptyDir(), mountPath: '/data' } },
    });
    // The backend writes the assets, and the frontend's nginx serves them from the same folder.
    const assets = { volume: AppVolume.nfs(lab.nfs.nas, 'penpot-assets'), mountPath: '/opt/data/assets' };
    const exporter = new HomelabApp(cluster, 'penpot-exporter', {
      namespace: 'penpot', image: 'penpotapp/exporter:2.6.2', ports: [{ name: 'http', port: 6061 }],
      env: { PENPOT_PUBLIC_URI: 'http://penpot-frontend:8080', PENPOT_REDIS_URI: 'redis://penpot-valkey/0' },
      egress: [valkey],
    });
    const backend = new HomelabApp(cluster, 'penpot-backend', {
      namespace: 'penpot', image: 'penpotapp/backend:2.6.2', ports: [{ name: 'http', port: 6060 }],
      env: {
        PENPOT_FLAGS: 'disable-email-verification enable-smtp enable-prepl-server disable-secure-session-cookies',
        PENPOT_PUBLIC_URI: 'https://design.desk.jdoe.dev', PENPOT_SECRET_KEY: secret('penpot', 'penpot', 'secret-key'),
        PENPOT_DATABASE_URI: 'postgresql://penpot-db/penpot', PENPOT_DATABASE_USERNAME: 'penpot', PENPOT_DATABASE_PASSWORD: secret('penpot', 'penpot-db', 'password'),
        PENPOT_REDIS_URI: 'redis://penpot-valkey/0', PENPOT_ASSETS_STORAGE_BACKEND: 'assets-fs', PENPOT_STORAGE_ASSETS_FS_DIRECTORY: '/opt/data/assets',
      },
      persistence: { assets },
      egress: [penpotDb, valkey, exporter],
      ...parts.penpotBackend,
    });
    const frontend = new HomelabApp(cluster, 'penpot-frontend', {
      namespace: 'penpot', image: 'penpotapp/frontend:2.6.2', ports: [{ name: 'http', port: 8080 }], runAsUser: 1001,
      env: { PENPOT_FLAGS: 'enable-login-with-password' },
      exemptions: { writableRootFilesystem: 'its entrypoint renders nginx.conf from a template in /tmp and writes PENPOT_FLAGS into config.js' },
      persistence: { assets },
      egress: [backend, exporter], route: { host: 'design' },
      ...parts.penpotFrontend,
    });
    // The exporter renders a board by opening it in the frontend, as its compose file does at http://penpot-frontend:8080.
    frontend.addAllowFrom(exporter);
    new HomelabApp(cluster, 'trilium', {
      image: 'triliumnext/notes:v0.92.6', ports: [{ name: 'http', port: 8080 }],
      env: { TRILIUM_DATA_DIR: '/home/node/trilium-data' },
      persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/home/node/trilium-data' } },
      exemptions: { runAsRoot: 'its start script gives its data to the node user and runs the server as it with su', addCapabilities: rootInitExemption('exec', 'switches to node with su') },
      route: { host: 'notes' },
      ...parts.trilium,
    });
    new HomelabApp(cluster, 'memos', {
      image: 'neosmemo/memos:0.24.0', ports: [{ name: 'http', port: 5230 }],
      persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '2Gi' }), mountPath: '/var/opt/memos' } },
      route: { host: 'memos' },
      ...parts.memos,
    });
    declareExternal(cluster, {
      secrets: [['vikunja', 'vikunja-db'], ['vikunja', 'vikunja'], ['planka', 'planka-db'], ['planka', 'planka'], ['hedgedoc', 'hedgedoc-db'], ['hedgedoc', 'hedgedoc'], ['penpot', 'penpot-db'], ['penpot', 'penpot']]
        .map(([namespace, name]) => ({ namespace, name })),
    });
  };
}

describe('projects, notes and whiteboards', () => {
  test('written as the README tells it, the lab synthesizes with no finding', () => {
    expect(shownFindings(notesLab())).toEqual([]);
  });

  test("Planka's BASE_URL on another host than its route is an error", () => {
    const env = { BASE_URL: 'https://planka.old.example', DATABASE_URL: secret('planka', 'planka-db', 'url'), SECRET_KEY: secret('planka', 'planka', 'secret-key') };
    expect(shownFindings(guarded(notesLab({ planka: { env } })))).toContain('error main/planka env.BASE_URL');
  });
});

describe("HedgeDoc's URL behind its route", () => {
  const db = secret('hedgedoc', 'hedgedoc-db', 'url');
  /** The lab, HedgeDoc's settings of its URL being `env`. */
  const told = (env: Record<string, string>) => shownFindings(guarded(notesLab({ hedgedoc: { env: { CMD_DB_URL: db, ...env } } })));

  test('no CMD_DOMAIN (relative URLs), and the booleans written as HedgeDoc also reads them: no finding', () => {
    expect(told({})).toEqual([]);
    expect(told({ CMD_DOMAIN: 'pad.desk.jdoe.dev', CMD_PROTOCOL_USESSL: '1' })).toEqual([]);
    expect(told({ CMD_DOMAIN: 'PAD.desk.jdoe.dev', CMD_PROTOCOL_USESSL: 'True', CMD_URL_ADDPORT: 'no' })).toEqual([]);
  });

  test('another host, or its port added to the URL, is an error on its setting', () => {
    expect(told({ CMD_DOMAIN: 'hedgedoc.desk.jdoe.dev', CMD_PROTOCOL_USESSL: 'true' })).toEqual(['error main/hedgedoc env.CMD_DOMAIN']);
    expect(told({ CMD_DOMAIN: 'pad.desk.jdoe.dev', CMD_PROTOCOL_USESSL: 'true', CMD_URL_ADDPORT: 'true' })).toEqual(['error main/hedgedoc env.CMD_URL_ADDPORT']);
  });

  test('a domain written with a port is an error, and so is plain http behind https', () => {
    expect(told({ CMD_DOMAIN: 'pad.desk.jdoe.dev:3000' })).toEqual(['error main/hedgedoc env.CMD_DOMAIN', 'error main/hedgedoc env.CMD_PROTOCOL_USESSL']);
  });
});

describe("Excalidraw's collaboration server", () => {
  test("given to Excalidraw's image in its env, which the build never reads, is a warning on the setting", () => {
    const excalidraw = { env: { VITE_APP_WS_SERVER_URL: 'https://draw-room.desk.jdoe.dev' } };
    expect(shownFindings(notesLab({ excalidraw }))).toEqual(['warning main/excalidraw env.VITE_APP_WS_SERVER_URL']);
  });
});

describe("images that start as root or write their root as they start", () => {
  test("Trilium's -rootless tag run as its user is left alone", () => {
    const data = { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/home/node/trilium-data' } };
    expect(shownFindings(notesLab({ trilium: { image: 'triliumnext/trilium:v0.95.0-rootless', persistence: data, exemptions: {} } }))).toEqual([]);
  });

  test("Excalidraw's nginx with nothing where it writes as it starts is an error on its image", () => {
    expect(shownFindings(guarded(notesLab({ excalidraw: { persistence: {} } })))).toEqual(['error main/excalidraw image']);
  });

  test("Penpot's frontend on a writable root as another user than its own is an error on runAsUser", () => {
    const penpotFrontend: Partial<AppProps> = { runAsUser: 1000 };
    expect(shownFindings(guarded(notesLab({ penpotFrontend })))).toContain('error main/penpot-frontend runAsUser');
  });

  test("Excalidraw's nginx run as root with a writable root needs no volumes", () => {
    const excalidraw: Partial<AppProps> = {
      persistence: {}, sysctls: undefined,
      exemptions: { floatingImage: 'Excalidraw publishes no release tags', runAsRoot: 'nginx as its image runs it', writableRootFilesystem: 'nginx writes its cache and pid file', addCapabilities: rootInitExemption('supervisor', 'nginx runs its workers as nginx', ['NET_BIND_SERVICE']) },
    };
    expect(shownFindings(notesLab({ excalidraw }))).toEqual([]);
  });
});
