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

/** MariaDB (user 999) as `id` in `namespace`, its database `database` and user `user`, its password key `password` of Secret `id`. */
export function mariaDatabase(scope: Construct, id: string, namespace: string, database: string, user: string): HomelabApp {
  return new HomelabApp(scope, id, {
    namespace, image: 'mariadb:11.4.5', runAsUser: 999, controller: AppController.statefulSet(), ports: [{ name: 'mysql', port: 3306 }],
    env: { MARIADB_DATABASE: database, MARIADB_USER: user, MARIADB_PASSWORD: SecretReference.external(namespace, id, 'password'), MARIADB_RANDOM_ROOT_PASSWORD: 'yes' },
    persistence: {
      data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/var/lib/mysql' },
      run: { volume: AppVolume.emptyDir(), mountPath: '/run/mysqld' },
    },
  });
}

/**
 * CRD `<plural>.ops.jdoe.dev` of namespaced kind `kind`, served and stored as v1, whose `spec` has the schema `spec`
 * (with its rules); its plural, singular and list kind follow from `kind` (`BackupPlan`: backupplans).
 */
export function opsCrd(cluster: ClusterChart, kind: string, spec: Record<string, unknown>): void {
  const singular = kind.toLowerCase();
  new ApiObject(cluster, `${singular}-crd`, {
    apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: `${singular}s.ops.jdoe.dev` },
    spec: {
      group: 'ops.jdoe.dev', scope: 'Namespaced', names: { kind, plural: `${singular}s`, singular, listKind: `${kind}List` },
      versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec } } } }],
    },
  });
}

/** MongoDB of `image` (user 999) in `namespace` as a one-member replica set `rs0`, as Rocket.Chat needs it, on a claim. */
export function mongoReplicaSet(cluster: ClusterChart, namespace: string, image: string): HomelabApp {
  return new HomelabApp(cluster, 'mongodb', {
    namespace, image, runAsUser: 999, controller: AppController.statefulSet(), ports: [{ name: 'mongodb', port: 27017 }],
    args: ['--replSet', 'rs0', '--bind_ip_all'], persistence: { data: { volume: AppVolume.claim({ tier: 'fast', size: '5Gi' }), mountPath: '/data/db' } },
  });
}

/** What {@link hardenedWorkload} runs: one container of `image` serving HTTP on `port` as `user`, a scratch folder at `scratch`. */
export interface HardenedWorkloadProps {
  readonly kind: 'Deployment' | 'StatefulSet';
  readonly namespace: string;
  readonly image: string;
  readonly port: number;
  readonly user: number;
  /** The folder it writes, on an emptyDir. */
  readonly scratch: string;
  /** The annotations of its pod template. */
  readonly annotations: Record<string, string>;
}

/**
 * A hand-written workload `name` of two replicas (a StatefulSet's under a Service of its name) whose pod passes the
 * restricted Pod Security Standard with resources and probes, as a user writes one outside an App.
 */
export function hardenedWorkload(cluster: ClusterChart, name: string, props: HardenedWorkloadProps): ApiObject {
  const labels = { 'app.kubernetes.io/name': name };
  return new ApiObject(cluster, name, {
    apiVersion: 'apps/v1', kind: props.kind, metadata: { name, namespace: props.namespace },
    spec: {
      replicas: 2, selector: { matchLabels: labels }, ...(props.kind === 'StatefulSet' ? { serviceName: name } : {}),
      template: {
        metadata: { labels, annotations: props.annotations },
        spec: {
          securityContext: { runAsNonRoot: true, runAsUser: props.user, seccompProfile: { type: 'RuntimeDefault' } }, automountServiceAccountToken: false,
          containers: [{
            name, image: props.image, ports: [{ name: 'http', containerPort: props.port }],
            securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
            resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '128Mi' } },
            readinessProbe: { httpGet: { path: '/', port: 'http' } }, livenessProbe: { httpGet: { path: '/', port: 'http' } },
            volumeMounts: [{ name: 'scratch', mountPath: props.scratch }],
          }],
          volumes: [{ name: 'scratch', emptyDir: {} }],
        },
      },
    },
  });
}

/** A NetworkPolicy that lets nothing into the pods of `namespace`, as a namespace of hand-written workloads holds one. */
export function denyIngress(cluster: ClusterChart, namespace: string): void {
  new ApiObject(cluster, `${namespace}-policy`, {
    apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'default-deny-ingress', namespace },
    spec: { podSelector: {}, policyTypes: ['Ingress'] },
  });
}

/** kubectl's image, as the labs' jobs run it. */
export const KUBECTL = 'bitnami/kubectl:1.31.4';

/** A hardened pod spec of one kubectl container running `command` as user 1001, with `pod` and `container` added. */
export function kubectlPod(command: string[], pod: Record<string, unknown> = {}, container: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    restartPolicy: 'Never', securityContext: { runAsNonRoot: true, runAsUser: 1001, runAsGroup: 1001, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [{
      name: 'kubectl', image: KUBECTL, command,
      securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
      resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '128Mi' } }, ...container,
    }],
    ...pod,
  };
}
