import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { ChartRelease, ClusterChart, flux, HomelabApp, host, k3s, localPathStorage, metalLb, SealedSecret, ServiceRoute, servesPorts, site, traefik } from '../constructs';
import { sealedFor } from './bad-input/cases-new-user-49';
import { shownFindings } from './support/lab-output';

// The new user's Flux beyond the basics written right (see bad-input/cases-new-user-128.ts for its mistakes): a chart
// from an OCI registry as a ChartRelease and by hand (OCIRepository and chartRef, HelmRepository of type oci), a
// Kustomization of its own ordered after bootstrap's and waiting on a release, SOPS decryption with the age key, image
// automation at Flux's v1 API, Discord alerts and a Receiver of GitHub's push webhooks behind the cluster's route.

const node = host('nu128-node1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '192.168.128.10', cores: 8, memoryGigabytes: 32 });

/** A hand-written Flux object `id`, named `name` in `namespace`. */
const fluxObject = (c: ClusterChart, id: string, apiVersion: string, kind: string, name: string, namespace: string, spec: Record<string, unknown>) =>
  new ApiObject(c, id, { apiVersion, kind, metadata: { name, namespace }, spec });

function fluxLab(scope: Construct): void {
  const lab = site('nu128', { domain: 'home.jdoe.dev', hosts: [node], pools: { vips: { first: '192.168.128.100', last: '192.168.128.110' } }, git: { url: 'https://github.com/jdoe/homelab.git' } });
  const c = new ClusterChart(scope, 'main', {
    site: lab, hosts: [node],
    preinstalled: [k3s({ disable: ['traefik', 'servicelb'] }), {
      source: 'flux bootstrap --components-extra=image-reflector-controller,image-automation-controller',
      crds: [{ group: 'image.toolkit.fluxcd.io', kinds: ['ImageRepository', 'ImagePolicy', 'ImageUpdateAutomation'] }],
    }],
    routes: traefik({ address: lab.pools.vips.at('192.168.128.100') }), loadBalancer: metalLb({ pools: [lab.pools.vips] }),
    storage: { fast: localPathStorage() }, gitops: flux({ sopsSecretName: 'sops-age' }),
  });
  new ChartRelease(c, 'podinfo', {
    namespace: 'podinfo', chart: { repository: 'oci://ghcr.io/stefanprodan/charts', chart: 'podinfo', version: '6.7.1' },
    network: servesPorts({ port: 9898, purpose: 'podinfo for the lab' }),
  });
  // The same chart by hand, from an OCIRepository and from a HelmRepository of type oci, each release's namespace closed.
  for (const ns of ['whoami', 'podinfo2']) {
    c.namespaces.ensure(ns);
    new ApiObject(c, `${ns}-policy`, { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'default-deny', namespace: ns }, spec: { podSelector: {}, policyTypes: ['Ingress'] } });
  }
  fluxObject(c, 'whoami-source', 'source.toolkit.fluxcd.io/v1', 'OCIRepository', 'whoami', 'flux-system', {
    interval: '12h', url: 'oci://ghcr.io/traefik/helm/whoami', ref: { semver: '5.x' },
    layerSelector: { mediaType: 'application/vnd.cncf.helm.chart.content.v1.tar+gzip', operation: 'copy' },
  });
  fluxObject(c, 'whoami-release', 'helm.toolkit.fluxcd.io/v2', 'HelmRelease', 'whoami', 'whoami', { interval: '30m', chartRef: { kind: 'OCIRepository', name: 'whoami', namespace: 'flux-system' } });
  fluxObject(c, 'charts', 'source.toolkit.fluxcd.io/v1', 'HelmRepository', 'stefanprodan', 'flux-system', { type: 'oci', interval: '1h', url: 'oci://ghcr.io/stefanprodan/charts' });
  fluxObject(c, 'podinfo2-release', 'helm.toolkit.fluxcd.io/v2', 'HelmRelease', 'podinfo', 'podinfo2', {
    interval: '30m', chart: { spec: { chart: 'podinfo', version: '6.7.x', sourceRef: { kind: 'HelmRepository', name: 'stefanprodan', namespace: 'flux-system' } } },
    dependsOn: [{ name: 'whoami', namespace: 'whoami' }],
  });
  // A Kustomization of the owner's own, after bootstrap's, decrypting with the age key and waiting for a release.
  fluxObject(c, 'extra', 'kustomize.toolkit.fluxcd.io/v1', 'Kustomization', 'extra', 'flux-system', {
    interval: '10m', path: './extra', prune: true, timeout: '5m', sourceRef: { kind: 'GitRepository', name: 'flux-system' },
    dependsOn: [{ name: 'flux-system' }], decryption: { provider: 'sops', secretRef: { name: 'sops-age' } },
    healthChecks: [{ apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', name: 'whoami', namespace: 'whoami' }],
  });
  // Image automation of the blog, at Flux's v1 API.
  new HomelabApp(c, 'blog', { image: 'ghcr.io/jdoe/blog:1.2.0', ports: [{ name: 'http', port: 8080 }], route: { host: 'blog' } });
  fluxObject(c, 'blog-images', 'image.toolkit.fluxcd.io/v1', 'ImageRepository', 'blog', 'flux-system', { image: 'ghcr.io/jdoe/blog', interval: '5m' });
  fluxObject(c, 'blog-policy', 'image.toolkit.fluxcd.io/v1', 'ImagePolicy', 'blog', 'flux-system', { imageRepositoryRef: { name: 'blog' }, policy: { semver: { range: '>=1.0.0' } } });
  // Discord alerts and GitHub's push webhooks, each Secret sealed at the key notification-controller reads.
  new SealedSecret(c, 'discord', { namespace: 'flux-system', name: 'discord-webhook', encryptedData: { address: sealedFor('flux-system', 'discord-webhook', 'address') } });
  new SealedSecret(c, 'webhook-token', { namespace: 'flux-system', name: 'github-webhook', encryptedData: { token: sealedFor('flux-system', 'github-webhook', 'token') } });
  fluxObject(c, 'discord-provider', 'notification.toolkit.fluxcd.io/v1beta3', 'Provider', 'discord', 'flux-system', { type: 'discord', secretRef: { name: 'discord-webhook' } });
  fluxObject(c, 'discord-alert', 'notification.toolkit.fluxcd.io/v1beta3', 'Alert', 'discord', 'flux-system', {
    providerRef: { name: 'discord' }, eventSeverity: 'error', eventSources: [{ kind: 'Kustomization', name: 'flux-system' }, { kind: 'HelmRelease', name: '*', namespace: 'whoami' }],
  });
  fluxObject(c, 'github-receiver', 'notification.toolkit.fluxcd.io/v1', 'Receiver', 'github', 'flux-system', {
    type: 'github', events: ['ping', 'push'], secretRef: { name: 'github-webhook' },
    resources: [{ apiVersion: 'source.toolkit.fluxcd.io/v1', kind: 'GitRepository', name: 'flux-system' }, { kind: 'Kustomization', name: 'flux-system' }],
  });
  new ServiceRoute(c, 'flux-webhook', { host: 'flux-webhook', namespace: 'flux-system', serviceName: 'webhook-receiver', port: 80 });
}

test("the lab's Flux objects, written as Flux 2.9 serves them, meet no finding", () => {
  expect(shownFindings(fluxLab)).toEqual([]);
});
