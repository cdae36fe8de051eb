import type { Construct } from 'constructs';
import {
  App, AppDevice, AppVolume, ClusterChart, ClusterChartProps, declareExternal, flux, gatewayApi, HomelabApp, host, RouteFlavor, RouteIntent,
  SecretReference, site, traefik,
} from '../constructs';
import { synthInMemory } from './support/synth';
import { GATEWAY_IMPLEMENTATION } from './support/preinstalled';

const node1 = host('node1', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.2.0.1' });
const lab = site('features', { domain: 'features.test', hosts: [node1], git: { url: 'https://git.example/features.git' } });
/** A lab whose one host has an Intel iGPU, for apps that mount its /dev/dri. */
const igpu = host('igpu', { arch: 'amd64', roles: ['control-plane', 'worker'], address: '10.3.0.1', gpus: [{ vendor: 'intel' }] });
const gpuLab = site('features-gpu', { domain: 'features.test', hosts: [igpu], git: { url: 'https://git.example/features.git' } });


function run(add: (chart: ClusterChart) => void, routes: RouteFlavor = traefik(), extra: Partial<ClusterChartProps> = {}) {
  const result = synthInMemory((scope: Construct) => {
    const chart = new ClusterChart(scope, 'main', {
      site: lab, hosts: [node1], routes, storage: { local: { storageClassName: 'local-path' } }, gitops: flux(),
      preinstalled: [GATEWAY_IMPLEMENTATION, { source: 'k3s', provides: { storageClasses: ['local-path'], loadBalancers: ['servicelb'] } }], ...extra,
    });
    declareExternal(chart, { secrets: [{ namespace: 'gateway', name: 'main-gateway-tls' }] });
    add(chart);
  });
  const manifests = result.clusters.flatMap((c) => c.objects.map((o) => o.manifest as any));
  return {
    result,
    manifests,
    errors: result.findings.filter((f) => f.severity === 'error'),
    find: (kind: string, name?: string) => manifests.find((m) => m.kind === kind && (name === undefined || m.metadata.name === name)),
    all: (kind: string) => manifests.filter((m) => m.kind === kind),
  };
}

const web = (chart: ClusterChart, props: Partial<ConstructorParameters<typeof HomelabApp>[2]> = {}) =>
  new HomelabApp(chart, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], ...props });

describe('naming', () => {
  test('App is the deprecated alias of HomelabApp', () => {
    expect(App).toBe(HomelabApp);
  });
});

describe('several containers', () => {
  const { find, errors } = run((chart) => web(chart, {
    persistence: { shared: { volume: AppVolume.emptyDir(), mountPath: '/shared', containers: ['web', 'exporter', 'seed'] } },
    initContainers: [{ name: 'seed', image: 'busybox:1.37.0', command: ['sh', '-c', 'echo ok > /shared/ok'] }],
    sidecars: [{
      name: 'exporter', image: 'nginx/nginx-prometheus-exporter:1.3.0', ports: [{ name: 'metrics', port: 9113 }],
      resources: { memoryLimit: '64Mi' }, exemptions: { writableRootFilesystem: 'the exporter writes a pid file' },
    }],
  }));
  const pod = find('Deployment', 'web').spec.template.spec;

  test('synthesize without errors', () => expect(errors).toEqual([]));

  test('init containers run first, sidecars are init containers that restart always', () => {
    expect(pod.initContainers.map((c: any) => [c.name, c.restartPolicy])).toEqual([['seed', undefined], ['exporter', 'Always']]);
    expect(pod.initContainers[0].readinessProbe).toBeUndefined();
    expect(pod.initContainers[1].readinessProbe.tcpSocket.port).toBe(9113);
    expect(pod.initContainers[1].resources.limits.memory).toBe('64Mi');
  });

  test('one volume is mounted by every container that names it', () => {
    for (const container of [...pod.containers, ...pod.initContainers]) {
      expect(container.volumeMounts).toContainEqual({ name: 'shared', mountPath: '/shared' });
    }
  });

  test("a sidecar's exemption is its own, recorded with its name", () => {
    expect(pod.initContainers[1].securityContext.readOnlyRootFilesystem).toBe(false);
    expect(pod.containers[0].securityContext.readOnlyRootFilesystem).toBe(true);
    expect(find('Deployment', 'web').metadata.annotations['security.homelab.dev/writable-root-filesystem']).toBe('exporter: the exporter writes a pid file');
  });

  test("sidecar ports join the app's Service", () => {
    expect(find('Service', 'web').spec.ports.map((p: any) => p.name)).toEqual(['http', 'metrics']);
  });
});

describe('changes after construction', () => {
  const { find, errors } = run((chart) => {
    const app = new HomelabApp(chart, 'late', { image: 'nginxinc/nginx-unprivileged:1.27.0' });
    app.addPort({ name: 'http', port: 8080 });
    app.addEnv('MODE', 'late');
    app.addVolume('cache', AppVolume.emptyDir({ sizeLimit: '1Gi' }), { mountPath: '/cache' });
    app.addContainer({ name: 'helper', image: 'busybox:1.37.0', mounts: [{ volume: 'cache', mountPath: '/cache', readOnly: true }] });
    app.container.addEnv('ALSO', 'yes');
    app.mount('cache', '/side-cache', { container: 'side' });
    app.addSidecar({ name: 'side', image: 'busybox:1.37.0', command: ['sleep', 'infinity'] });
    app.addRoute({ host: 'late' });
    expect(app.routeHostname).toBe('late.features.test');
    expect(app.service).toBeDefined();
  });

  test('are all rendered', () => {
    expect(errors).toEqual([]);
    const pod = find('Deployment', 'late').spec.template.spec;
    expect(pod.containers[0].env).toEqual([{ name: 'ALSO', value: 'yes' }, { name: 'MODE', value: 'late' }]);
    expect(pod.containers[1].volumeMounts).toContainEqual({ name: 'cache', mountPath: '/cache', readOnly: true });
    // mounted before the sidecar was added
    expect(pod.initContainers.find((c: { name: string }) => c.name === 'side').volumeMounts).toContainEqual({ name: 'cache', mountPath: '/side-cache' });
    expect(find('Service', 'late').spec.ports[0].port).toBe(8080);
    expect(find('IngressRoute', 'late').spec.routes[0].match).toBe('Host(`late.features.test`)');
    expect(find('NetworkPolicy', 'late').spec.ingress[0].ports).toEqual([{ port: 8080, protocol: 'TCP' }]);
  });
});

describe('network policies', () => {
  test('default-deny ingress, the ingress controller on routed ports, declared peers, DNS egress', () => {
    const { find, errors } = run((chart) => {
      const api = new HomelabApp(chart, 'api', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }] });
      chart.namespaces.ensure('monitoring');
      web(chart, { route: { host: 'web' }, allowFrom: [api, { namespace: 'monitoring' }] });
    });
    expect(errors).toEqual([]);
    const policy = find('NetworkPolicy', 'web').spec;
    expect(policy.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(policy.ingress[0]).toEqual({
      from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'traefik' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'traefik' } } }],
      ports: [{ port: 8080, protocol: 'TCP' }],
    });
    expect(policy.ingress[1].from).toEqual([
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'api' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'api' } } },
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } },
    ]);
    expect(policy.egress[0].ports).toEqual([{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }]);
    // An app without routes or peers admits nobody.
    expect(find('NetworkPolicy', 'api').spec.ingress).toEqual([]);
  });

  test("a Cilium cluster renders CiliumNetworkPolicy and admits Cilium's Gateway as the ingress entity", () => {
    const { find, errors, all } = run((chart) => { chart.namespaces.ensure('db'); web(chart, { route: { host: 'web' }, egress: [{ namespace: 'db' }] }); },
      gatewayApi({ gatewayClassName: 'cilium' }), { networkPolicy: 'cilium' });
    expect(errors).toEqual([]);
    expect(all('NetworkPolicy')).toEqual([]);
    const policy = find('CiliumNetworkPolicy', 'web');
    expect(policy.apiVersion).toBe('cilium.io/v2');
    expect(policy.spec.ingress).toEqual([{ fromEntities: ['ingress'], toPorts: [{ ports: [{ port: '8080', protocol: 'TCP' }] }] }]);
    expect(policy.spec.egress[1]).toEqual({ toEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'db' } }] });
  });

  test('a peer in a namespace the cluster never makes is an error on the prop that names it', () => {
    const { errors } = run((chart) => web(chart, { egress: [{ namespace: 'databse' }] }).addAllowFrom({ namespace: 'monitorng' }));
    expect(errors.map((e) => [e.constructPath, e.field])).toEqual([['main/web', 'egress[0].namespace'], ['main/web', 'addAllowFrom.namespace']]);
  });

  test("Cilium's Gateway under Kubernetes NetworkPolicies is a warning with a hint", () => {
    const { result } = run((chart) => web(chart, { route: { host: 'web' } }), gatewayApi({ gatewayClassName: 'cilium' }));
    expect(result.findings.find((f) => f.field === 'networkPolicy' && f.severity === 'warning')?.hint).toMatch(/networkPolicy: 'cilium'/);
  });

  test('opting out is an exemption with its reason', () => {
    const { all, find, result } = run((chart) => web(chart, { exemptions: { networkPolicy: 'a test of the opt-out' } }));
    expect(all('NetworkPolicy')).toEqual([]);
    expect(find('Deployment', 'web').spec.template.metadata.annotations['security.homelab.dev/no-network-policy']).toBe('a test of the opt-out');
    expect(result.findings.filter((f) => /no NetworkPolicy/.test(f.message))).toEqual([]);
  });
});

describe('reliability objects', () => {
  test('a PodDisruptionBudget from two replicas; a ServiceMonitor when prometheus-operator is there', () => {
    const { find, errors } = run((chart) => web(chart, {
      replicas: 2, ports: [{ name: 'http', port: 8080 }, { name: 'metrics', port: 9090 }], metrics: { port: 'metrics' },
    }), traefik(), {
      preinstalled: [
        { source: 'k3s', provides: { storageClasses: ['local-path'], loadBalancers: ['servicelb'] } },
        { source: 'kube-prometheus-stack', crds: [{ group: 'monitoring.coreos.com', kinds: ['ServiceMonitor', 'PodMonitor'] }] },
      ],
    });
    expect(errors).toEqual([]);
    expect(find('PodDisruptionBudget', 'web').spec.maxUnavailable).toBe(1);
    expect(find('ServiceMonitor', 'web').spec.endpoints).toEqual([{ port: 'metrics', path: '/metrics' }]);
    expect(find('NetworkPolicy', 'web').spec.ingress).toContainEqual({ from: [{ namespaceSelector: {} }], ports: [{ port: 9090, protocol: 'TCP' }] });
  });

  test('metrics without prometheus-operator is one error on the prop, naming the component; no budget for one replica', () => {
    const { find, errors } = run((chart) => web(chart, { image: 'ghcr.io/acme/exporter:1.0.0', ports: [{ name: 'metrics', port: 9090 }], metrics: { port: 'metrics' } }));
    expect(find('ServiceMonitor')).toBeUndefined();
    expect(find('PodDisruptionBudget')).toBeUndefined();
    expect(errors.map((f) => [f.constructPath, f.field])).toEqual([['main/web', 'metrics']]);
    expect(errors[0].hint).toMatch(/kubePrometheusStack/);
  });
});

describe('exposure and host access', () => {
  test('a NodePort in range, with its exemption, open to anyone in the policy', () => {
    const { find, errors } = run((chart) => web(chart, {
      ports: [{ name: 'http', port: 8080, nodePort: 30080 }], exemptions: { nodePort: 'Caddy on the host proxies to it' },
    }));
    expect(errors).toEqual([]);
    expect(find('Service', 'web-nodeport').spec).toMatchObject({ type: 'NodePort', ports: [{ nodePort: 30080, port: 8080 }] });
    expect(find('NetworkPolicy', 'web').spec.ingress).toContainEqual({ ports: [{ port: 8080, protocol: 'TCP' }] });
  });

  test('a node port outside the range is reported once, on the field the user wrote', () => {
    const { errors } = run((chart) => web(chart, {
      ports: [{ name: 'http', port: 8080, nodePort: 8080 }], exemptions: { nodePort: 'reached on the LAN' },
    }));
    expect(errors.map((e) => `${e.field}: ${e.message}`)).toEqual([
      'ports.http.nodePort: node port 8080 lies outside the node-port range 30000-32767 of cluster "main"',
    ]);
  });

  test('a headless Service', () => {
    expect(run((chart) => web(chart, { headless: true })).find('Service', 'web').spec.clusterIP).toBe('None');
  });

  test('hostNetwork with ClusterFirstWithHostNet, /dev/dri and a device-plugin resource', () => {
    const { find, errors } = run((chart) => web(chart, {
      devices: [AppDevice.dri('renderD128'), AppDevice.plugin('squat.ai/serial')],
      supplementalGroups: [303, 26],
      exemptions: { hostNetwork: 'DLNA discovery needs the LAN', hostPath: 'transcoding opens the GPU render node' },
    }), traefik(), { site: gpuLab, hosts: [igpu] });
    expect(errors).toEqual([]);
    const pod = find('Deployment', 'web').spec.template.spec;
    expect(pod).toMatchObject({ hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' });
    expect(pod.volumes).toContainEqual({ name: 'dev-dri-renderd128', hostPath: { path: '/dev/dri/renderD128', type: 'CharDevice' } });
    expect(pod.containers[0].volumeMounts).toContainEqual({ name: 'dev-dri-renderd128', mountPath: '/dev/dri/renderD128' });
    expect(pod.containers[0].resources.limits['squat.ai/serial']).toBe(1);
  });

  test("volumes owned by the group a root-started image writes as (fsGroup), apart from the app's own group", () => {
    const pod = (props: Parameters<typeof web>[1]) => run((chart) => web(chart, props)).find('Deployment', 'web').spec.template.spec;
    expect(pod({ runAsGroup: 2000 }).securityContext.fsGroup).toBe(2000);
    const root = pod({ fsGroup: 33, exemptions: { runAsRoot: 'the image installs as root, then serves as www-data' } });
    expect(root.securityContext).toMatchObject({ fsGroup: 33, runAsGroup: 0, runAsUser: 0 });
  });

  test('a host device without the hostPath exemption is an error', () => {
    const { errors } = run((chart) => web(chart, { devices: [AppDevice.dri()] }));
    expect(errors.map((e) => e.field)).toContain('devices[0]');
  });
});

const v2: RouteIntent = {
  host: 'shop',
  rules: [
    { path: '/api', backends: [{ service: 'web', port: 8080, weight: 90 }, { service: 'canary', port: 8080, weight: 10 }], requestHeaders: { set: { 'X-Env': 'lab' }, remove: ['X-Debug'] } },
    { path: '/old', pathType: 'Exact', redirect: { path: '/new', statusCode: 301 } },
    { path: '/v1', headers: [{ name: 'X-Tenant', value: 'a' }], rewrite: { pathPrefix: '/' } },
  ],
};
const withCanary = (route: RouteIntent) => (chart: ClusterChart) => {
  web(chart, { route, namespace: 'shop' });
  new HomelabApp(chart, 'canary', { image: 'nginxinc/nginx-unprivileged:1.27.1', namespace: 'shop', ports: [{ name: 'http', port: 8080 }] });
};

describe('route v2 under Gateway API', () => {
  const { find, errors } = run(withCanary(v2), gatewayApi({ gatewayClassName: 'envoy-gateway' }));
  const rules = find('HTTPRoute', 'web').spec.rules;

  test('synthesizes without errors', () => expect(errors).toEqual([]));

  test('weighted backends and a header modifier', () => {
    expect(rules[0].backendRefs).toEqual([{ name: 'web', port: 8080, weight: 90 }, { name: 'canary', port: 8080, weight: 10 }]);
    expect(rules[0].filters).toEqual([{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'X-Env', value: 'lab' }], remove: ['X-Debug'] } }]);
  });

  test('an exact-path redirect without backends', () => {
    expect(rules[1].matches).toEqual([{ path: { type: 'Exact', value: '/old' } }]);
    expect(rules[1].filters).toEqual([{ type: 'RequestRedirect', requestRedirect: { statusCode: 301, path: { type: 'ReplaceFullPath', replaceFullPath: '/new' } } }]);
    expect(rules[1].backendRefs).toBeUndefined();
  });

  test('a header match with a prefix rewrite', () => {
    expect(rules[2].matches[0].headers).toEqual([{ type: 'Exact', name: 'X-Tenant', value: 'a' }]);
    expect(rules[2].filters).toEqual([{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } } }]);
  });

  test('basic auth cannot be expressed: an error naming the flavor and the field', () => {
    const { errors: authErrors } = run(withCanary({ host: 'shop', basicAuth: SecretReference.external('shop', 'shop-auth', 'users') }), gatewayApi({ gatewayClassName: 'envoy-gateway' }));
    expect(authErrors).toContainEqual(expect.objectContaining({ field: 'route.basicAuth', message: expect.stringContaining('gateway-api') }));
  });
});

describe('route v2 under Traefik', () => {
  const { find, all, errors } = run(withCanary({ ...v2, basicAuth: SecretReference.external('shop', 'shop-auth', 'users') }));
  const routes = find('IngressRoute', 'web').spec.routes;
  const middleware = (name: string) => all('Middleware').find((m) => m.metadata.name === name)?.spec;

  test('synthesizes without errors', () => expect(errors).toEqual([]));

  test('matches, weights and middlewares per rule', () => {
    expect(routes.map((r: any) => r.match)).toEqual([
      'Host(`shop.features.test`) && PathPrefix(`/api`)',
      'Host(`shop.features.test`) && Path(`/old`)',
      'Host(`shop.features.test`) && PathPrefix(`/v1`) && Header(`X-Tenant`, `a`)',
    ]);
    expect(routes[0].services).toEqual([{ name: 'web', port: 8080, weight: 90 }, { name: 'canary', port: 8080, weight: 10 }]);
    expect(routes[0].middlewares).toEqual([{ name: 'web-auth' }, { name: 'web-headers-0' }]);
  });

  test('basic auth, headers, redirect and rewrite as Middlewares', () => {
    expect(middleware('web-auth')).toEqual({ basicAuth: { secret: 'shop-auth', removeHeader: true } });
    expect(middleware('web-headers-0')).toEqual({ headers: { customRequestHeaders: { 'X-Debug': '', 'X-Env': 'lab' } } });
    expect(middleware('web-redirect-1').redirectRegex).toMatchObject({ replacement: '${1}://${2}${3}/new', permanent: true });
    expect(middleware('web-rewrite-2')).toEqual({ replacePathRegex: { regex: '^/v1(/.*)?$', replacement: '$1' } });
  });

  test('adding a header beside one of the same name cannot be expressed: an error naming the flavor and the field', () => {
    const { errors: addErrors } = run(withCanary({ host: 'shop', rules: [{ requestHeaders: { add: { 'X-A': 'b' } } }] }));
    expect(addErrors).toContainEqual(expect.objectContaining({ field: 'route.rules[0].requestHeaders.add', message: expect.stringContaining('traefik') }));
  });
});

describe('settings home labs write pass as they are', () => {
  test('its own /tmp, a stable serial device path, sizes with decimal units', () => {
    const { find, errors } = run((chart) => {
      new HomelabApp(chart, 'zigbee2mqtt', {
        image: 'ghcr.io/koenkk/zigbee2mqtt:1.42.0', ports: [{ name: 'http', port: 8080 }],
        devices: [AppDevice.hostDevice('/dev/serial/by-id/usb-ITead_Sonoff_Zigbee_3.0_USB_Dongle_Plus_a8c1-if00-port0')],
        exemptions: { hostPath: 'Zigbee USB coordinator' }, placement: { host: node1 },
        resources: { memoryRequest: '1.5Gi', memoryLimit: '2G' },
        persistence: {
          scratch: { volume: AppVolume.emptyDir({ memory: true, sizeLimit: '256Mi' }), mountPath: '/tmp' },
          data: { volume: AppVolume.claim({ tier: 'local', size: '1Gi' }), mountPath: '/app/data' },
        },
      });
    });
    expect(errors).toEqual([]);
    const pod = find('Deployment', 'zigbee2mqtt').spec.template.spec;
    expect(pod.containers[0].volumeMounts.filter((m: { mountPath: string }) => m.mountPath === '/tmp')).toEqual([{ mountPath: '/tmp', name: 'scratch' }]);
    expect(pod.volumes.map((v: { name: string }) => v.name)).toEqual(expect.arrayContaining(['scratch', 'dev-sonoff-zigbee-3-0-usb-dongle-plus-a8c1-if00-port0-de81d6c9']));
    expect(pod.volumes.map((v: { name: string }) => v.name)).not.toContain('tmp');
  });
});
