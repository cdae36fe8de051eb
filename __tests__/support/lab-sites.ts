import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import type { ClusterChartProps, Host } from '../../constructs';
import { AppController, AppVolume, ClusterChart, flux, HomelabApp, host, k3s, localPathStorage, metalLb, SecretReference, site, traefik } from '../../constructs';

// The sites and pieces the rounds of correct labs build on: a one-node K3s site, a config file, a database.

/** A one-node K3s site `name` (domain `<name>.jdoe.dev`, pool `lb` of `<prefix>.200`–`.209`) and its cluster `main`, Traefik on MetalLB, local-path and Flux unless `props` say otherwise. */
export function oneNodeLab(scope: Construct, name: string, prefix: string, props: Partial<ClusterChartProps> = {}, extra: Host[] = []): ClusterChart {
  const node = host(`${name}-1`, { arch: 'amd64', roles: ['control-plane', 'worker'], address: `${prefix}.11` });
  const lab = site(name, {
    domain: `${name}.jdoe.dev`, hosts: [node, ...extra], git: { url: `https://github.com/jdoe/${name}.git` },
    pools: { lb: { first: `${prefix}.200`, last: `${prefix}.209` } },
  });
  return new ClusterChart(scope, 'main', {
    site: lab, hosts: [node, ...extra],
    preinstalled: [k3s({ disable: ['traefik', 'servicelb'] })],
    routes: traefik({ address: lab.pools.lb.at(`${prefix}.200`) }),
    loadBalancer: metalLb({ pools: [lab.pools.lb] }),
    storage: { fast: localPathStorage() },
    gitops: flux(),
    ...props,
  });
}

/** ConfigMap `name` of `namespace` holding one file, `key`, for an app to mount. */
export function configFile(cluster: ClusterChart, namespace: string, name: string, key: string, text: string): void {
  new ApiObject(cluster, `${name}-config`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data: { [key]: text } });
}

/** PostgreSQL of the alpine image (user 70) in `namespace`, its user and database `user`, its password `password`. */
export function postgres(cluster: ClusterChart, namespace: string, user: string, password: SecretReference): HomelabApp {
  return new HomelabApp(cluster, 'postgres', {
    namespace, image: 'postgres:17.2-alpine', ports: [{ name: 'postgres', port: 5432 }], runAsUser: 70,
    controller: AppController.statefulSet(),
    env: { POSTGRES_USER: user, POSTGRES_DB: user, POSTGRES_PASSWORD: password, PGDATA: '/var/lib/postgresql/data/pgdata' },
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/var/lib/postgresql/data' },
      run: { volume: AppVolume.emptyDir(), mountPath: '/var/run/postgresql' },
    },
  });
}
