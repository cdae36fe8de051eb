import { quoted } from './text-lists';

// A cluster's platform choices and an app's controller are objects their factories make (`routes:
// traefik()`, `controller: AppController.statefulSet()`); a values file, a CLI flag or another tool names
// them as text (`routes: 'traefik'`, `storage: { fast: 'longhorn' }`, app-template's `type: statefulset`).

/** Factory calls by the names other tools give each choice, and the call for a name of none of them. */
const CHOICES: Readonly<Record<string, { readonly named: ReadonlyArray<readonly [names: readonly string[], call: string]>; readonly otherwise: string }>> = {
  routes: {
    named: [
      [['traefik'], 'traefik()'],
      [['nginx', 'ingress-nginx', 'ingressnginx', 'ingress'], "ingressNginx({ tls: IngressTls.perRoute('<issuer>') })"],
      [['gateway', 'gateway-api', 'gatewayapi', 'cilium', 'envoy', 'istio'], "gatewayApi({ gatewayClassName: '<class>', … })"],
      [['none', 'no', 'off'], 'noRoutes()'],
    ],
    otherwise: "traefik(), gatewayApi({ … }), ingressNginx({ tls }) or noRoutes()",
  },
  gitops: {
    named: [
      [['flux', 'fluxcd', 'flux-cd', 'flux2'], 'flux()'],
      [['argo', 'argocd', 'argo-cd'], 'argoCd()'],
      [['gitlab', 'gitlab-ci', 'gitlabci', 'gitlab-agent'], 'gitLabCi({ agent })'],
      [['k3s', 'k3s-manifests', 'manifests'], 'k3sManifests()'],
    ],
    otherwise: 'flux(), argoCd(), gitLabCi({ agent }) or k3sManifests()',
  },
  controller: {
    named: [
      [['deployment', 'deploy'], 'AppController.deployment()'],
      [['statefulset', 'stateful-set', 'sts'], 'AppController.statefulSet()'],
      [['daemonset', 'daemon-set', 'ds'], 'AppController.daemonSet()'],
      [['job'], 'AppController.job()'],
      [['cronjob', 'cron-job', 'cron'], "AppController.cronJob({ schedule: '0 3 * * *' })"],
      [['knative', 'ksvc', 'serverless'], 'AppController.knative()'],
    ],
    otherwise: "AppController.deployment(), statefulSet(), daemonSet(), job(), cronJob({ schedule }) or knative()",
  },
  loadBalancer: {
    named: [
      [['metallb', 'metal-lb'], 'metalLb({ pools: [site.pools.<pool>] })'],
      [['tailscale'], 'tailscaleLoadBalancer()'],
      [['cilium', 'cilium-lb', 'cilium-l2'], 'ciliumLoadBalancer({ pools: [site.pools.<pool>] })'],
    ],
    otherwise: 'metalLb({ pools: [site.pools.<pool>] }), ciliumLoadBalancer({ pools }) or tailscaleLoadBalancer()',
  },
};

/** A storage tier named as text: the local-path provisioner, NFS, or a StorageClass the cluster has already. */
function storageCall(name: string): string {
  const key = name.trim().toLowerCase();
  if (['local-path', 'localpath', 'local', 'local-path-provisioner', 'hostpath'].includes(key)) {
    return 'localPathStorage()';
  }
  if (['nfs', 'nfs-csi', 'nfs-client', 'csi-driver-nfs'].includes(key)) {
    return 'nfsStorage(site.nfs.<export>)';
  }
  return `existingStorageClass(${quoted(name.trim())}) for a StorageClass the cluster has already, or a ZFS pool of a host (<host>.zfs.<pool>)`;
}

/**
 * How to write a choice at `path` (a cluster's `routes`, `gitops`, `loadBalancer`, `storage.<tier>`, an app's `controller`)
 * that was given `value`, its name as text; undefined for any other prop or value. Pure.
 */
export function choiceNameHint(value: unknown, path: string): string | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const tier = /^storage\.([^.]+)$/.exec(path);
  if (tier) {
    return `a storage tier is made by its factory: ${tier[1]}: ${storageCall(value)}`;
  }
  const choice = CHOICES[path];
  if (choice === undefined) {
    return undefined;
  }
  return `${path} is made by its factory: ${factoryCall(path, value)}`;
}

/** The factory call that makes choice `prop` (`routes`, `controller`, …) named `name`, or the calls of every one of its kinds. Pure. */
export function factoryCall(prop: string, name: string): string {
  return namedFactoryCall(prop, name) ?? CHOICES[prop]?.otherwise ?? '';
}

/**
 * The factory call that makes choice `prop` named `name` (`controller`, `knative` gives
 * `controller: AppController.knative()`); undefined when `prop` is no choice or no kind of it has that name. Pure.
 */
export function namedFactoryCall(prop: string, name: string): string | undefined {
  const key = name.trim().toLowerCase();
  const call = CHOICES[prop]?.named.find(([names]) => names.includes(key))?.[1];
  return call === undefined ? undefined : `${prop}: ${call}`;
}
