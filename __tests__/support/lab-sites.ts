import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import type { ClusterChartProps, Host, Site, SiteProps } from '../../constructs';
import { AppController, AppVolume, ClusterChart, flux, HomelabApp, host, k3s, localPathStorage, metalLb, SecretReference, site, traefik } from '../../constructs';

// The sites and pieces the rounds of correct labs build on: a one-node K3s site, a config file, a database.

/** Site `name` of `nodes` (domain `<name>.jdoe.dev`, pool `lb` of `<prefix>.200`–`.209`), with the NFS exports and machines outside `extra` names. */
export function labSite<N extends string = never, X extends string = never>(name: string, prefix: string, nodes: Host[], extra: Pick<SiteProps<'lb', never, N, X>, 'nfs' | 'externalHosts'> = {}): Site<'lb', never, N, X> {
  return site<'lb', never, N, X>(name, { domain: `${name}.jdoe.dev`, hosts: nodes, git: { url: `https://github.com/jdoe/${name}.git` }, pools: { lb: { first: `${prefix}.200`, last: `${prefix}.209` } }, ...extra });
}

/** Cluster `main` of `lab` on K3s, Traefik on MetalLB at the first address of pool `lb`, local-path as `fast` and Flux, unless `props` say otherwise. */
export function k3sCluster(scope: Construct, lab: Site<'lb', any, any, any>, props: Partial<ClusterChartProps> = {}): ClusterChart {
  return new ClusterChart(scope, 'main', {
    site: lab, hosts: [...lab.hosts], preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })],
    routes: traefik({ address: lab.pools.lb.at(lab.pools.lb.first) }), loadBalancer: metalLb({ pools: [lab.pools.lb] }),
    storage: { fast: localPathStorage() }, gitops: flux(), ...props,
  });
}

/** A one-node K3s site `name` (domain `<name>.jdoe.dev`, pool `lb` of `<prefix>.200`–`.209`) and its cluster `main`, Traefik on MetalLB, local-path and Flux unless `props` say otherwise. */
export function oneNodeLab(scope: Construct, name: string, prefix: string, props: Partial<ClusterChartProps> = {}, extra: Host[] = []): ClusterChart {
  const node = host(`${name}-1`, { arch: 'amd64', roles: ['control-plane', 'worker'], address: `${prefix}.11` });
  return k3sCluster(scope, labSite(name, prefix, [node, ...extra]), props);
}

/** ConfigMap `name` of `namespace` holding one file, `key`, for an app to mount. */
export function configFile(cluster: ClusterChart, namespace: string, name: string, key: string, text: string): void {
  new ApiObject(cluster, `${name}-config`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data: { [key]: text } });
}

/** PostgreSQL of the alpine image (user 70) in `namespace`, its user and database `user`, its password `password`. */
export function postgres(
  cluster: ClusterChart, namespace: string, user: string, password: SecretReference, initdbArgs?: string,
): HomelabApp {
  return new HomelabApp(cluster, 'postgres', {
    namespace, image: 'postgres:17.2-alpine', ports: [{ name: 'postgres', port: 5432 }], runAsUser: 70,
    controller: AppController.statefulSet(),
    env: {
      POSTGRES_USER: user, POSTGRES_DB: user, POSTGRES_PASSWORD: password, PGDATA: '/var/lib/postgresql/data/pgdata',
      ...(initdbArgs === undefined ? {} : { POSTGRES_INITDB_ARGS: initdbArgs }),
    },
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/var/lib/postgresql/data' },
      run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' },
    },
  });
}

/** PostgreSQL of the alpine image (user 70) as `id` in `namespace`, its user and database `user`, its password key `password` of Secret `<user>-db`. */
export function appDatabase(scope: Construct, id: string, namespace: string, user: string): HomelabApp {
  return new HomelabApp(scope, id, {
    namespace, image: 'postgres:17.2-alpine', ports: [{ name: 'postgres', port: 5432 }], runAsUser: 70, controller: AppController.statefulSet(),
    env: {
      POSTGRES_USER: user, POSTGRES_DB: user, POSTGRES_PASSWORD: SecretReference.external(namespace, `${user}-db`, 'password'), PGDATA: '/var/lib/postgresql/data/pgdata',
    },
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/var/lib/postgresql/data' },
      run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' },
    },
  });
}
