import { App, type ClusterChart, gatewayApi } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, lab, labCluster } from './lab';

// The wrong forms beside the correct labs of correct-labs-3.test.ts: an object store's URL names a bucket, but a
// URL of another scheme still names the host it calls; and a TCP port cannot ride Cilium's Gateway.

/** An SFTP server `sftp` of namespace `backup` on 2022, and a Litestream app replicating to `replica`. */
const replicatingTo = (replica: string) => guarded((c: ClusterChart) => {
  new App(c, 'sftp', { namespace: 'backup', image: 'atmoz/sftp:alpine-3.7', ports: [{ name: 'sftp', port: 2022 }] });
  new App(c, 'notes', {
    namespace: 'backup', image: 'ghcr.io/jdoe/notes:4.2.1', ports: [{ name: 'http', port: 8080 }],
    env: { LITESTREAM_REPLICA_URL: replica },
  });
});

/** An etcd member given `args`. */
const etcdWith = (args: string[]) => guarded((c: ClusterChart) => {
  new App(c, 'etcd', { namespace: 'kv', image: 'quay.io/coreos/etcd:v3.5.18', ports: [{ name: 'client', port: 2379 }], command: ['/usr/local/bin/etcd'], args });
});

export const CASES: BadInput[] = [
  {
    name: "a cluster's join token written out beside etcd's initial cluster token, which names the cluster alone",
    build: etcdWith(['--initial-cluster-token=lab', '--cluster-token=K10f4c5a0b1c2d3e4f5a6b7c8d9e0f1a2b3']), layer: 'props', path: 'etcd', field: 'args[1]',
  },
  {
    name: "an auth token written out where etcd's flag of that name takes the kind of token",
    build: etcdWith(['--auth-token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJyb290In0.c2lnbmF0dXJl']), layer: 'props', path: 'etcd', field: 'args[0]',
  },
  {
    name: "an SFTP replica URL on a port the server's Service does not serve",
    build: replicatingTo('sftp://backup@sftp:22/notes.db'), layer: 'references', path: 'notes', field: 'env.LITESTREAM_REPLICA_URL',
  },
  {
    name: "a TCP route on Cilium's Gateway, which implements no TCPRoute",
    build: guarded((_c, app) => {
      const cluster = labCluster(app, 'gw', { routes: gatewayApi({ gatewayClassName: 'cilium', address: lab.pools.vips.at('10.0.8.10') }) });
      new App(cluster, 'gitea', { image: 'ghcr.io/jdoe/git-server:2.1.0', ports: [{ name: 'http', port: 3000 }, { name: 'ssh', port: 2222 }] })
        .addTcpRoute({ listenerName: 'ssh', port: 2222 });
    }),
    layer: 'references', path: 'gitea', field: 'addTcpRoute(ssh)', hint: /loadBalancer/,
  },
];
