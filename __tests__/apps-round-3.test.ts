import type { App as CdkApp } from 'cdk8s';
import { App, AppController, AppVolume, ClusterChart, declareExternal, gatewayApi, Knative, StaticNfsVolume } from '../constructs';
import type { AppProps } from '../constructs';
import { lab, labCluster } from './bad-input/lab';
import { GATEWAY_IMPLEMENTATION } from './support/preinstalled';
import { synthInMemory } from './support/synth';

// What a new user writes right for a Knative app synthesizes without an error: the mounts Knative takes
// read-only only are rendered so, and calls of its Service on port 80 pass.

/** A lab with Knative on the Gateway API, where `build` adds apps; the errors and the manifests it makes. */
function knativeLab(build: (cluster: ClusterChart) => void) {
  const result = synthInMemory((scope) => {
    const cluster = labCluster(scope as CdkApp, 'main', {
      routes: gatewayApi({ gatewayClassName: 'cilium', address: lab.pools.vips.at('10.0.8.10') }), preinstalled: [GATEWAY_IMPLEMENTATION],
    });
    declareExternal(cluster, { secrets: [{ namespace: 'gateway', name: 'main-gateway-tls' }] });
    new Knative(cluster, 'knative', { eventing: false });
    build(cluster);
  });
  const manifests = result.clusters.flatMap((c) => c.objects.map((o) => o.manifest as Record<string, any>));
  return { manifests, errors: result.findings.filter((f) => f.severity === 'error').map((f) => `${f.constructPath} ${f.field}: ${f.message}`) };
}

const FN: AppProps = { image: 'ghcr.io/knative/helloworld-go:1.15.0', ports: [{ name: 'http', port: 8080 }], controller: AppController.knative() };
const knativeService = (manifests: Record<string, any>[]) => manifests.find((o) => o.kind === 'Service' && String(o.apiVersion).startsWith('serving.knative.dev/'))!;

test.each([
  ['a ConfigMap', () => AppVolume.configMap('fn-settings')],
  ['a Secret', () => AppVolume.secret('fn-credentials')],
])('a Knative app mounting %s without saying read-only mounts it read-only, as Knative takes it', (_what, volume) => {
  const { manifests, errors } = knativeLab((c) => {
    declareExternal(c, { configMaps: [{ namespace: 'fn', name: 'fn-settings' }], secrets: [{ namespace: 'fn', name: 'fn-credentials' }] });
    new App(c, 'fn', { ...FN, persistence: { settings: { volume: volume(), mountPath: '/etc/fn' } } });
  });
  expect(errors).toEqual([]);
  const mounts = knativeService(manifests).spec.template.spec.containers[0].volumeMounts;
  expect(mounts).toContainEqual({ name: 'settings', mountPath: '/etc/fn', readOnly: true });
});

test("a Deployment's mounts keep what the props say", () => {
  const { manifests, errors } = knativeLab((c) => {
    declareExternal(c, { configMaps: [{ namespace: 'web', name: 'web-settings' }] });
    new App(c, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], persistence: { settings: { volume: AppVolume.configMap('web-settings'), mountPath: '/etc/web' } } });
  });
  expect(errors).toEqual([]);
  const deployment = manifests.find((o) => o.kind === 'Deployment' && o.metadata.name === 'web')!;
  expect(deployment.spec.template.spec.containers[0].volumeMounts).toContainEqual({ name: 'settings', mountPath: '/etc/web' });
});

test('a Knative app mounting a StaticNfsVolume of its namespace, and an app calling it over http on port 80, pass', () => {
  const { errors } = knativeLab((c) => {
    const media = new StaticNfsVolume(c, 'media', { export: lab.nfs.share, capacity: '500Gi', claim: { name: 'media', namespace: 'fn', size: '100Gi' } });
    new App(c, 'fn', { ...FN, persistence: { media: { volume: media.volume, mountPath: '/media', readOnly: true } } });
    new App(c, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], env: { FN_URL: 'http://fn.fn.svc.cluster.local', FN_SHORT: 'http://fn.fn' } });
  });
  expect(errors).toEqual([]);
});

test('a Knative app calling another over http, and a Deployment it lists in its egress, passes', () => {
  const { errors } = knativeLab((c) => {
    new App(c, 'fn', FN);
    const web = new App(c, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }] });
    new App(c, 'caller', { ...FN, env: { FN_URL: 'http://fn.fn', WEB_URL: 'http://web.web:8080' }, egress: [web] });
  });
  expect(errors).toEqual([]);
});

test("a StaticNfsVolume's claim in a namespace a Deployment runs in, or a Knative app, is no error", () => {
  const { errors } = knativeLab((c) => {
    new StaticNfsVolume(c, 'library', { export: lab.nfs.share, capacity: '500Gi', claim: { name: 'library', namespace: 'media', size: '100Gi' } });
    new App(c, 'jellyfin', { image: 'nginxinc/nginx-unprivileged:1.27.0', namespace: 'media', ports: [{ name: 'http', port: 8080 }] });
    const shared = new StaticNfsVolume(c, 'shared', { export: lab.nfs.share, capacity: '500Gi', claim: { name: 'shared', namespace: 'fn', size: '100Gi' } });
    new App(c, 'fn', { ...FN, persistence: { shared: { volume: shared.volume, mountPath: '/shared', readOnly: true } } });
  });
  expect(errors).toEqual([]);
});
