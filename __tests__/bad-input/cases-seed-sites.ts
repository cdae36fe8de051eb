import {
  App, argoCd, CrossplanePostgres, promotionChain, SecretReference, WeaveGitOps,
} from '../../constructs';
import type { BadInput } from './cases';
import { labCluster } from './lab';

const web = (version: string) => ({ image: `nginxinc/nginx-unprivileged:${version}`, ports: [{ name: 'http', port: 8080 }] });

/** Bad inputs of the constructs grey-area and mobius use: promotion, Crossplane databases, Flux and Argo CD extras. */
export const CASES: BadInput[] = [
  {
    name: 'a stage pins a version newer than the stage before it',
    build: (cluster) => {
      promotionChain({ stages: ['canary', 'main'], pins: { web: { canary: '1.27.0', main: '1.28.0' } } }).attach(cluster);
    },
    layer: 'policy', path: 'main', field: 'promotion.pins.web',
  },
  {
    name: 'a cluster runs a version newer than the stage before it',
    build: (cluster, app) => {
      const canary = labCluster(app, 'canary');
      new App(canary, 'web', web('1.27.0'));
      new App(cluster, 'web', web('1.28.0'));
      const chain = promotionChain({ stages: ['canary', 'main'], pins: {} });
      chain.attach(canary);
      chain.attach(cluster);
    },
    layer: 'policy', path: 'main', field: 'promotion.web',
  },
  {
    name: 'a cluster that is no stage of the promotion chain',
    build: (cluster) => promotionChain({ stages: ['sandbox', 'cloud'], pins: {} }).attach(cluster),
    layer: 'references', path: 'main', field: 'promotion',
  },
  {
    name: "a database claim whose password Secret is in another namespace",
    build: (cluster) => new CrossplanePostgres(cluster, 'postgres', { group: 'database.lab.test', storageTier: 'local' }).claim(cluster, 'app-db', {
      namespace: 'web', dbName: 'app', dbUser: 'app', password: SecretReference.external('other', 'app-db', 'password'),
    }),
    layer: 'references', path: 'app-db', field: 'password',
  },
  {
    name: 'a database composition on a storage tier the cluster lacks',
    build: (cluster) => new CrossplanePostgres(cluster, 'postgres', { group: 'database.lab.test', storageTier: 'nvme' }),
    layer: 'references', path: 'postgres', field: 'storageTier',
  },
  {
    name: "Weave GitOps' admin from a Secret the chart does not read",
    build: (cluster) => new WeaveGitOps(cluster, 'weave-gitops', {
      route: { host: 'gitops' }, adminPassword: SecretReference.external('flux-system', 'gitops-admin', 'password'),
    }),
    layer: 'references', path: 'weave-gitops', field: 'adminPassword',
  },
  {
    name: 'an Argo CD repository credential outside Argo CD\'s namespace',
    build: (_cluster, app) => labCluster(app, 'argo', {
      gitops: argoCd({ repositoryCredential: { sshPrivateKey: SecretReference.external('default', 'repo', 'sshPrivateKey') } }),
    }),
    layer: 'references', path: 'argo', field: 'gitops.repositoryCredential.sshPrivateKey',
  },
];
