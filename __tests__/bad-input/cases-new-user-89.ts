import { App, AppVolume, ClusterChart, declareExternal, SecretReference } from '../../constructs';
import type { AppProps } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// A new user runs the household's projects, notes and whiteboards from the README alone: Vikunja, Planka, HedgeDoc,
// Excalidraw and its room server, Penpot, Trilium and Memos behind their routes. Each mistake passed synthesis and
// then left the app blank, loading forever, signing in elsewhere or stopping as it started.

/** A secret of the app's namespace, declared made by hand. */
const secret = (cluster: ClusterChart, namespace: string, name: string, key: string) => {
  declareExternal(cluster, { secrets: [{ namespace, name }] });
  return SecretReference.external(namespace, name, key);
};

/** HedgeDoc routed at `pad` (pad.lab.test), its database from a Secret; `env` adds to its settings. */
const hedgedoc = (env: Record<string, string>) => guarded((cluster: ClusterChart) => new App(cluster, 'hedgedoc', {
  image: 'quay.io/hedgedoc/hedgedoc:1.10.3', ports: [{ name: 'http', port: 3000 }], route: { host: 'pad' },
  env: { CMD_DB_URL: secret(cluster, 'hedgedoc', 'hedgedoc', 'db-url'), ...env },
  persistence: { uploads: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/hedgedoc/public/uploads' } },
}));

/** Vikunja routed at `tasks`, told it is reached at `url`. */
const vikunja = (url: string) => guarded((cluster: ClusterChart) => new App(cluster, 'vikunja', {
  image: 'vikunja/vikunja:0.24.6', ports: [{ name: 'http', port: 3456 }], route: { host: 'tasks' },
  env: { VIKUNJA_SERVICE_PUBLICURL: url, VIKUNJA_SERVICE_JWTSECRET: secret(cluster, 'vikunja', 'vikunja', 'jwt-secret') },
  persistence: { files: { volume: AppVolume.claim({ tier: 'fast', size: '10Gi' }), mountPath: '/app/vikunja/files' } },
}));

/** `image` on 8080 routed at `id`, with `props`. */
const routed = (id: string, image: string, props: Partial<AppProps> = {}) => guarded((cluster: ClusterChart) => new App(cluster, id, {
  image, ports: [{ name: 'http', port: 8080 }], route: { host: id }, ...props,
}));

export const CASES: BadInput[] = [
  {
    name: "Vikunja's public URL copied from the old server's compose file", build: vikunja('https://vikunja.home.example/'),
    layer: 'props', path: 'vikunja', field: 'env.VIKUNJA_SERVICE_PUBLICURL', hint: /VIKUNJA_SERVICE_PUBLICURL: 'https:\/\/tasks\.lab\.test\/'/,
  },
  {
    name: "HedgeDoc's CMD_DOMAIN written as a URL", build: hedgedoc({ CMD_DOMAIN: 'https://pad.lab.test', CMD_PROTOCOL_USESSL: 'true' }),
    layer: 'props', path: 'hedgedoc', field: 'env.CMD_DOMAIN', hint: /CMD_DOMAIN: 'pad\.lab\.test'/,
  },
  {
    name: 'HedgeDoc behind an https route without CMD_PROTOCOL_USESSL', build: hedgedoc({ CMD_DOMAIN: 'pad.lab.test', CMD_URL_ADDPORT: 'false' }),
    layer: 'props', path: 'hedgedoc', field: 'env.CMD_PROTOCOL_USESSL', hint: /CMD_PROTOCOL_USESSL: 'true'/,
  },
  {
    name: 'Trilium run as its non-root user, as every other app', build: routed('trilium', 'triliumnext/notes:v0.92.6', {
      persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/home/node/trilium-data' } },
    }),
    layer: 'props', path: 'trilium', field: 'image', hint: /runAsRoot/,
  },
  {
    name: "Penpot's frontend run on the read-only root, as every other app", build: routed('penpot', 'penpotapp/frontend:2.6.2', { env: { PENPOT_FLAGS: 'enable-login-with-password' } }),
    layer: 'props', path: 'penpot', field: 'image', hint: /runAsUser: 1001, exemptions: \{ writableRootFilesystem: /,
  },
];
