import { App, ClusterChart, SecretReference } from '../../constructs';
import type { AppProps } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// A new user streams games from the GPU node and keeps a retro collection, from the README alone: Sunshine or Wolf
// serving Moonlight clients, and RomM with its database. Each mistake passed synthesis and then streamed nothing,
// showed no web UI, or left RomM restarting.

/** Sunshine's ports as its docs list them for Moonlight; `stream` are the three the stream takes. */
const sunshinePorts = (stream: Record<string, unknown>) => [
  { name: 'https', port: 47984 }, { name: 'http', port: 47989 }, { name: 'web', port: 47990 }, { name: 'rtsp', port: 48010 },
  { name: 'video', port: 47998, ...stream }, { name: 'control', port: 47999, ...stream }, { name: 'audio', port: 48000, ...stream },
];
/** Sunshine on the pod network behind the cluster's load balancer; `props` add to it. */
const sunshine = (stream: Record<string, unknown>, props: Record<string, unknown> = {}) => guarded((cluster: ClusterChart) => new App(cluster, 'sunshine', {
  image: 'lizardbyte/sunshine:v2025.122.141614', ports: sunshinePorts(stream), loadBalancer: {}, ...props,
} as AppProps));
/** The settings RomM reads for its database and sessions, each from a Secret the owner makes. */
const ROMM_ENV = {
  DB_HOST: 'romm-db', DB_NAME: 'romm', DB_USER: 'romm', DB_PASSWD: SecretReference.external('romm', 'romm-db', 'password'),
  ROMM_AUTH_SECRET_KEY: SecretReference.external('romm', 'romm-auth', 'secret-key'),
};
/** RomM in namespace `romm` with `env` as given. */
const romm = (env: Record<string, unknown>) => guarded((cluster: ClusterChart) => new App(cluster, 'romm', {
  namespace: 'romm', image: 'rommapp/romm:3.10.2', ports: [{ name: 'http', port: 8080 }], env,
} as AppProps));
const without = (name: keyof typeof ROMM_ENV) => Object.fromEntries(Object.entries(ROMM_ENV).filter(([key]) => key !== name));

export const CASES: BadInput[] = [
  { name: "Sunshine's Moonlight stream ports declared without their protocol", build: sunshine({}), layer: 'props', path: 'sunshine', field: 'ports[4].protocol', hint: /protocol: 'UDP'/ },
  {
    name: "Wolf's video and audio ports declared without their protocol",
    build: guarded((cluster: ClusterChart) => new App(cluster, 'wolf', {
      image: 'ghcr.io/games-on-whales/wolf:stable', ports: [{ name: 'https', port: 47984 }, { name: 'http', port: 47989 }, { name: 'rtsp', port: 48010 }, { name: 'control', port: 47999, protocol: 'UDP' }, { name: 'video', port: 48100 }, { name: 'audio', port: 48200 }],
      exemptions: { floatingImage: 'Games on Whales publish Wolf under its stable tag' },
    })),
    layer: 'props', path: 'wolf', field: 'ports[4].protocol', message: /Wolf's video stream/,
  },
  { name: "a route to Sunshine's web UI, which answers HTTPS alone", build: sunshine({ protocol: 'UDP' }, { route: { host: 'sunshine', port: 47990 } }), layer: 'references', path: 'sunshine', field: 'ports.web.appProtocol', hint: /appProtocol: 'https'/ },
  { name: 'RomM without ROMM_AUTH_SECRET_KEY', build: romm(without('ROMM_AUTH_SECRET_KEY')), layer: 'props', path: 'romm', field: 'env', message: /ROMM_AUTH_SECRET_KEY/ },
  { name: "RomM given its database's password as DB_PASSWORD", build: romm({ ...without('DB_PASSWD'), DB_PASSWORD: ROMM_ENV.DB_PASSWD }), layer: 'props', path: 'romm', field: 'env.DB_PASSWORD', hint: /DB_PASSWD/ },
  { name: 'RomM without DB_HOST, which defaults to the pod itself', build: romm(without('DB_HOST')), layer: 'props', path: 'romm', field: 'env', message: /no DB_HOST/ },
];
