import { App, AppVolume, ClusterChart, SecretReference, declareExternal } from '../../constructs';
import type { AppProps } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// A new user runs no-code databases and dashboards from the README alone: NocoDB, Baserow's all-in-one image and
// Metabase, each beside its own PostgreSQL. Each mistake passed synthesis and then never started, or committed the
// database's password in the clear.

/** Metabase on its PostgreSQL application database, its sign-in given by `signIn`. */
const metabase = (signIn: NonNullable<AppProps['env']>) => guarded((cluster: ClusterChart) => {
  declareExternal(cluster, { secrets: [{ namespace: 'metabase', name: 'metabase-db' }] });
  new App(cluster, 'metabase', {
    namespace: 'metabase', image: 'metabase/metabase:v0.51.4', ports: [{ name: 'http', port: 3000 }],
    env: { MB_DB_TYPE: 'postgres', MB_DB_HOST: 'metabase-db', MB_DB_PORT: '5432', MB_DB_DBNAME: 'metabase', ...signIn },
  });
});
const password = SecretReference.external('metabase', 'metabase-db', 'password');

export const CASES: BadInput[] = [
  {
    name: "Baserow's all-in-one image run as the default non-root user, whose entrypoint chowns its data folders",
    build: guarded((cluster: ClusterChart) => new App(cluster, 'baserow', {
      image: 'baserow/baserow:1.29.2', ports: [{ name: 'http', port: 80 }], env: { BASEROW_PUBLIC_URL: 'https://baserow.lab.test' },
      persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/baserow/data' } },
    })),
    layer: 'props', path: 'baserow', field: 'image', hint: /runAsRoot: .*rootInitExemption\('supervisor'.*writableRootFilesystem/,
  },
  {
    name: "NocoDB's NC_DB with the database password written in its p= parameter",
    build: guarded((cluster: ClusterChart) => new App(cluster, 'nocodb', {
      image: 'nocodb/nocodb:0.258.0', ports: [{ name: 'http', port: 8080 }], env: { NC_DB: 'pg://nocodb-db:5432?u=nocodb&p=Tr0ub4dor&d=nocodb' },
    })),
    layer: 'props', path: 'nocodb', field: 'env.NC_DB', message: /p= of its URL/,
  },
  {
    name: "Metabase given its database password as MB_DB_PASSWORD, which it never reads, for MB_DB_PASS",
    build: metabase({ MB_DB_USER: 'metabase', MB_DB_PASSWORD: password }),
    layer: 'props', path: 'metabase', field: 'env.MB_DB_PASSWORD', hint: /MB_DB_PASS: /,
  },
  {
    name: "Metabase given its database user as MB_DB_USERNAME, which it never reads, for MB_DB_USER",
    build: metabase({ MB_DB_USERNAME: 'metabase', MB_DB_PASS: password }),
    layer: 'props', path: 'metabase', field: 'env.MB_DB_USERNAME', hint: /MB_DB_USER: /,
  },
];
