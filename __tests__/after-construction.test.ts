import { App as CdkApp } from 'cdk8s';
import * as os from 'os';
import * as path from 'path';
import { App, AppController, synthesize } from '../constructs';
import type { AppProps, ClusterChart } from '../constructs';
import { lab, labCluster } from './bad-input/lab';

/** The findings and the objects, in a stable order, of the lab cluster that `build` fills. */
function yamlOf(build: (c: ClusterChart) => void) {
  const app = new CdkApp();
  const c = labCluster(app);
  c.namespaces.ensure('web');
  build(c);
  const r = synthesize(app, { outdir: path.join(os.tmpdir(), 'unused'), write: false });
  return { findings: r.findings.map((f) => `${f.severity} ${f.constructPath} ${f.field}: ${f.message}`), objects: r.clusters.flatMap((cl) => cl.objects.map((o) => o.manifest)).sort((x, y) => (JSON.stringify([x.kind, x.metadata]) < JSON.stringify([y.kind, y.metadata]) ? -1 : 1)) };
}
const base = { namespace: 'web', image: 'nginxinc/nginx-unprivileged:1.27.0' } as AppProps;

// A change made after construction renders the same objects as the same thing given in props.

const pairs: Array<[string, (c: ClusterChart) => void, (c: ClusterChart) => void]> = [
  ['lb', (c) => { new App(c, 'web', { ...base, ports: [{ name: 'dns', port: 53, protocol: 'UDP' }], loadBalancer: { address: lab.pools.vips.at('10.0.8.12') } }); },
    (c) => { new App(c, 'web', { ...base, ports: [{ name: 'dns', port: 53, protocol: 'UDP' }] }).addLoadBalancer({ address: lab.pools.vips.at('10.0.8.12') }); }],
  ['lb then port', (c) => { new App(c, 'web', { ...base, ports: [{ name: 'dns', port: 53, protocol: 'UDP' }], loadBalancer: { address: lab.pools.vips.at('10.0.8.12') } }); },
    (c) => { new App(c, 'web', { ...base }).addLoadBalancer({ address: lab.pools.vips.at('10.0.8.12') }).addPort({ name: 'dns', port: 53, protocol: 'UDP' }); }],
  ['knative', (c) => { new App(c, 'web', { ...base, controller: AppController.knative(), ports: [{ name: 'http', port: 8080 }] }); },
    (c) => { new App(c, 'web', { ...base, controller: AppController.knative() }).addPort({ name: 'http', port: 8080 }); }],
  ['gpu sidecar', (c) => { new App(c, 'web', { ...base, gpu: { vendor: 'nvidia' }, ports: [{ name: 'http', port: 8080 }], sidecars: [{ name: 's', image: 'busybox:1.36' }] }); },
    (c) => { new App(c, 'web', { ...base, gpu: { vendor: 'nvidia' }, ports: [{ name: 'http', port: 8080 }] }).addSidecar({ name: 's', image: 'busybox:1.36' }); }],
  ['init', (c) => { new App(c, 'web', { ...base, ports: [{ name: 'http', port: 8080 }], initContainers: [{ name: 'i', image: 'busybox:1.36', env: { X: '1' } }] }); },
    (c) => { new App(c, 'web', { ...base, ports: [{ name: 'http', port: 8080 }] }).addInitContainer({ name: 'i', image: 'busybox:1.36', env: { X: '1' } }); }],
  ['daemonset port', (c) => { new App(c, 'web', { ...base, controller: AppController.daemonSet(), ports: [{ name: 'http', port: 8080 }] }); },
    (c) => { new App(c, 'web', { ...base, controller: AppController.daemonSet() }).addPort({ name: 'http', port: 8080 }); }],
  ['job port', (c) => { new App(c, 'web', { ...base, controller: AppController.job(), ports: [{ name: 'http', port: 8080 }] }); },
    (c) => { new App(c, 'web', { ...base, controller: AppController.job() }).addPort({ name: 'http', port: 8080 }); }],
  ['env override', (c) => { new App(c, 'web', { ...base, ports: [{ name: 'http', port: 8080 }], env: { A: '2' } }); },
    (c) => { new App(c, 'web', { ...base, ports: [{ name: 'http', port: 8080 }], env: { A: '1' } }).addEnv('A', '2'); }],
  ['lb ports named', (c) => { new App(c, 'web', { ...base, ports: [{ name: 'http', port: 8080 }, { name: 'dns', port: 53, protocol: 'UDP' }], loadBalancer: { address: lab.pools.vips.at('10.0.8.12'), ports: ['dns'] } }); },
    (c) => { new App(c, 'web', { ...base, ports: [{ name: 'http', port: 8080 }] }).addLoadBalancer({ address: lab.pools.vips.at('10.0.8.12'), ports: ['dns'] }).addPort({ name: 'dns', port: 53, protocol: 'UDP' }); }],
  ['pdb after replicas, metrics', (c) => { new App(c, 'web', { ...base, replicas: 3, ports: [{ name: 'http', port: 8080 }, { name: 'metrics', port: 9100 }], metrics: { port: 'metrics' } }); },
    (c) => { const a = new App(c, 'web', { ...base, replicas: 3, metrics: { port: 'metrics' } }); a.addPort({ name: 'http', port: 8080 }); a.container.addPort({ name: 'metrics', port: 9100 }); }],
  ['probes', (c) => { new App(c, 'web', { ...base, ports: [{ name: 'http', port: 8080 }], containers: [{ name: 'two', image: 'busybox:1.36', ports: [{ name: 'b', port: 81 }] }] }); },
    (c) => { const a = new App(c, 'web', { ...base }); a.addContainer({ name: 'two', image: 'busybox:1.36' }).addPort({ name: 'b', port: 81 }); a.addPort({ name: 'http', port: 8080 }); }],
];
test.each(pairs)('%s: after construction as in props', (_n, a, b) => {
  expect(yamlOf(b)).toEqual(yamlOf(a));
});
