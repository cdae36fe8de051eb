import * as os from 'os';
import * as path from 'path';
import { App as CdkApp } from 'cdk8s';
import { ClusterChart, metalLb, SecretReference, synthesize } from '../constructs';
import { CHART_DEFAULT_RESOURCES_ANNOTATION, hasResourcesFact, resourceRequirements, withResourceValues } from '../constructs/platform/component-resources';
import { METALLB_SIZE } from '../constructs/platform/components/metallb';
import { csiDriverNfs } from '../constructs/platform/components/csi-driver-nfs';
import { OPENEBS_ZFS_CONTROLLER_SIZE, OPENEBS_ZFS_NODE_SIZE } from '../constructs/platform/components/openebs-zfs';
import { TAILSCALE_NAMESPACE, TAILSCALE_PROXY_CLASS, TAILSCALE_PROXY_SIZE, tailscaleOperatorComponent } from '../constructs/platform/components/tailscale-operator';
import { tailscaleLoadBalancer } from '../constructs/platform/tailscale';
import { defineSites } from '../charts';
import { lab, labCluster } from './bad-input/lab';

const unused = path.join(os.tmpdir(), 'unused');

/** The clusters of the real sites, built but not written. */
function siteClusters(): ClusterChart[] {
  const app = new CdkApp();
  defineSites(app);
  synthesize(app, { outdir: unused, write: false });
  return app.node.findAll().filter((c): c is ClusterChart => c instanceof ClusterChart);
}

/** The manifest of kind `kind` named `name` that the one cluster of `app` installs. */
function objectOf(app: CdkApp, kind: string, name: string): Record<string, any> | undefined {
  const result = synthesize(app, { outdir: unused, write: false });
  return result.clusters[0].objects.map((o) => o.manifest as Record<string, any>).find((m) => m.kind === kind && m.metadata?.name === name);
}

describe('every platform component of the sites states its resources', () => {
  const components = siteClusters().flatMap((cluster) => cluster.platform.components.map((c) => [`${cluster.node.path}: ${c.name}`, c.props] as const));

  test.each(components)('%s', (_name, props) => {
    expect(props.resources).toBeDefined();
    const { setAt = [], chartDefault } = props.resources!;
    // Only a component without containers (CRDs alone) states neither.
    expect(setAt.length > 0 || chartDefault !== undefined || props.install.type === 'manifests').toBe(true);
    for (const at of setAt.filter((a) => a.startsWith('values.'))) {
      const values = props.install.type === 'helm' ? props.install.values : {};
      const requirements = at.slice('values.'.length).split('.').reduce<any>((v, k) => v?.[k], values);
      expect(requirements).toEqual({ requests: { cpu: expect.any(String), memory: expect.any(String) }, limits: { memory: expect.any(String) } });
    }
  });
});

describe('component sizes', () => {
  test('a raised request lifts the default limit, a lowered limit caps the default request', () => {
    expect(resourceRequirements(METALLB_SIZE, { memoryRequest: '512Mi' })).toEqual({ requests: { cpu: '10m', memory: '512Mi' }, limits: { memory: '512Mi' } });
    expect(resourceRequirements(METALLB_SIZE, { memoryLimit: '16Mi' })).toEqual({ requests: { cpu: '10m', memory: '16Mi' }, limits: { memory: '16Mi' } });
    expect(resourceRequirements(METALLB_SIZE, { cpuLimit: '5m' })).toEqual({ requests: { cpu: '5m', memory: '32Mi' }, limits: { memory: '128Mi', cpu: '5m' } });
  });

  test('the values around the resources keys are kept', () => {
    const values = withResourceValues({ speaker: { frr: { enabled: false } } }, ['controller.resources', 'speaker.resources'], METALLB_SIZE);
    expect(values).toEqual({
      controller: { resources: resourceRequirements(METALLB_SIZE) },
      speaker: { frr: { enabled: false }, resources: resourceRequirements(METALLB_SIZE) },
    });
  });

  test("a user's sizes for MetalLB reach the controller and the speakers", () => {
    const app = new CdkApp();
    labCluster(app, 'main', { loadBalancer: metalLb({ pools: [lab.pools.vips, lab.pools.dns], resources: { cpuRequest: '20m', memoryLimit: '256Mi' } }) });
    const release = objectOf(app, 'HelmRelease', 'metallb')!;
    const sized = { requests: { cpu: '20m', memory: '32Mi' }, limits: { memory: '256Mi' } };
    expect(release.spec.values.controller.resources).toEqual(sized);
    expect(release.spec.values.speaker.resources).toEqual(sized);
    expect(release.metadata.annotations?.[CHART_DEFAULT_RESOURCES_ANNOTATION]).toBeUndefined();
  });

  test('a chart that sizes its containers itself carries the reason on its install', () => {
    const app = new CdkApp();
    labCluster(app, 'main').platform.require(csiDriverNfs());
    const release = objectOf(app, 'HelmRelease', 'csi-driver-nfs')!;
    expect(release.metadata.annotations[CHART_DEFAULT_RESOURCES_ANNOTATION]).toMatch(/chart csi-driver-nfs v4\.11\.0 gives each .*\(controller\.resources, node\.resources\)/);
  });

  test('the ZFS driver is sized through its controller and node keys', () => {
    const app = new CdkApp();
    labCluster(app, 'main');
    const release = objectOf(app, 'HelmRelease', 'openebs-zfs')!;
    expect(release.spec.values.zfsController.resources).toEqual(resourceRequirements(OPENEBS_ZFS_CONTROLLER_SIZE));
    expect(release.spec.values.zfsNode.resources).toEqual(resourceRequirements(OPENEBS_ZFS_NODE_SIZE));
    expect(release.metadata.annotations?.[CHART_DEFAULT_RESOURCES_ANNOTATION]).toBeUndefined();
  });
});

describe('the resources fact of a component', () => {
  test.each([
    [{ setAt: ['values.resources'] }, true],
    [{ setAt: [] }, true],
    [{ chartDefault: 'the chart sizes its pods' }, true],
    [{ setAt: ['values.controller.resources'], chartDefault: 'its hooks keep the chart\'s' }, true],
    [undefined, false],
    [{}, false],
    [{ chartDefault: '  ' }, false],
    [{ setAt: 'values.resources' }, false],
    [{ setAt: [''] }, false],
  ])('%j stated: %s', (resources, stated) => {
    expect(hasResourcesFact(resources as any)).toBe(stated);
  });
});

test("the Tailscale operator's proxies are sized by the ProxyClass it gives every proxy", () => {
  const app = new CdkApp();
  labCluster(app, 'main', { loadBalancer: tailscaleLoadBalancer() });
  const release = objectOf(app, 'HelmRelease', 'tailscale-operator')!;
  expect(release.spec.values.proxyConfig.defaultProxyClass).toBe(TAILSCALE_PROXY_CLASS);
  expect(release.metadata.annotations?.[CHART_DEFAULT_RESOURCES_ANNOTATION]).toBeUndefined();
  const proxyClass = objectOf(app, 'ProxyClass', TAILSCALE_PROXY_CLASS)!;
  expect(proxyClass.spec.statefulSet.pod.tailscaleContainer.resources).toEqual(resourceRequirements(TAILSCALE_PROXY_SIZE));
});

test('the Tailscale operator required without its load balancer names no ProxyClass nothing applies', () => {
  const app = new CdkApp();
  const cluster = labCluster(app, 'main');
  cluster.platform.require(tailscaleOperatorComponent({
    clientId: SecretReference.external(TAILSCALE_NAMESPACE, 'operator-oauth', 'client_id'),
    clientSecret: SecretReference.external(TAILSCALE_NAMESPACE, 'operator-oauth', 'client_secret'),
  }));
  const release = objectOf(app, 'HelmRelease', 'tailscale-operator')!;
  expect(release.spec.values.proxyConfig).toBeUndefined();
  expect(release.metadata.annotations?.[CHART_DEFAULT_RESOURCES_ANNOTATION]).toMatch(/proxy pods/);
  expect(objectOf(app, 'ProxyClass', TAILSCALE_PROXY_CLASS)).toBeUndefined();
});
