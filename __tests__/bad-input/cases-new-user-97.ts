import { App, AppVolume, ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// A new user runs no-code databases and dashboards from the README alone: NocoDB, Baserow's all-in-one image and
// Metabase, each beside its own PostgreSQL. Each mistake passed synthesis and then never started, or committed the
// database's password in the clear.

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
];
