import { ApiObject } from 'cdk8s';
import { App, AppVolume, SecretReference } from '../../constructs';
import type { ClusterChart } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// One mistake, one error: a construct that refuses its props throws, and the chart's code after it never runs.
// What that code would have declared (an allow rule, a namespace, the app a route sends to) is missing, so the
// run reports the mistake alone, not the errors of the relations it cut off. `one-cause.test.ts` checks that
// each case below is reported with no other error.

/** A token of the shape Supabase and PostgREST hand out (header, payload and signature), written out in a value. */
export const LITERAL_JWT = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJyb2xlIjoic2VydmljZV9yb2xlIiwiaXNzIjoic3VwYWJhc2UifQ.'
  + 'Zx4mS3q0fFhV2nqk8c2Yk8rU3bT6pX1wLq7eRj9sN0A';

/**
 * Chart code that declares relations around `mistake`: before it, an app `wiki` that calls `store` by `DB_HOST`
 * and a ConfigMap in namespace `extra`; after it, the namespace, `store`'s allow rule for `wiki`, and the app
 * `api` that `shop`'s route sends `/api` to. The lab synthesizes without an error when `mistake` is none.
 */
export const codeAround = (mistake: (cluster: ClusterChart) => void) => (cluster: ClusterChart): void => {
  const store = new App(cluster, 'store', { image: 'ghcr.io/acme/store:1.0.0', ports: [{ name: 'pg', port: 5432 }] });
  const wiki = new App(cluster, 'wiki', {
    image: 'ghcr.io/requarks/wiki:2.5.300', ports: [{ name: 'http', port: 3000 }],
    env: { DB_TYPE: 'postgres', DB_HOST: 'store.store', DB_PORT: '5432', DB_PASS: SecretReference.external('wiki', 'wiki-db', 'password') },
  });
  new ApiObject(cluster, 'settings', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'extra' }, data: { mode: 'lab' } });
  new App(cluster, 'shop', {
    namespace: 'shop', image: 'ghcr.io/acme/shop:1.4.2', ports: [{ name: 'http', port: 3000 }],
    route: { host: 'shop', rules: [{ path: '/api', backends: [{ service: 'api', port: 8080 }] }, { path: '/' }] },
  });
  mistake(cluster);
  cluster.namespaces.ensure('extra');
  store.addAllowFrom(wiki);
  new App(cluster, 'api', { namespace: 'shop', image: 'ghcr.io/acme/api:1.4.2', ports: [{ name: 'http', port: 8080 }], allowFrom: [{ namespace: 'shop' }] });
};

/** {@link codeAround}, run as a definition is: what `mistake` throws is recorded as a finding. */
const aroundMistake = (mistake: (cluster: ClusterChart) => void) => guarded(codeAround(mistake));

/** The App `broken`, serving HTTP on 8080, with `props` added. */
export const broken = (props: Record<string, unknown>) => (cluster: ClusterChart) => {
  new App(cluster, 'broken', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], ...props });
};

export const CASES: BadInput[] = [
  {
    name: 'an App given a JWT written out in an env value, before the allow rule, the namespace and the app the code declares after it',
    build: aroundMistake(broken({ env: { API_TOKEN: LITERAL_JWT } })), layer: 'props', path: 'broken', field: 'env.API_TOKEN',
  },
  {
    name: 'an App given an env value that is a number, before the code that declares its neighbours',
    build: aroundMistake(broken({ env: { WORKERS: 4 } })), layer: 'props', path: 'broken', field: 'env.WORKERS',
  },
  {
    name: 'an App given a prop it does not know, before the code that declares its neighbours',
    build: aroundMistake(broken({ replica: 2 })), layer: 'props', path: 'broken', field: 'replica', hint: /replicas/,
  },
  {
    // Found as the App renders, once the whole chart was built: a failed synthesis reports it alone as well.
    name: 'a claim whose size is no size, among apps that call each other',
    build: aroundMistake(broken({ persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '10 GB' }), mountPath: '/data' } } })),
    layer: 'props', path: 'broken', field: 'persistence.data.volume.claim.size',
  },
];
