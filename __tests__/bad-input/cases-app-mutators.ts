import type { ClusterChart } from '../../constructs';
import { AppVolume } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labApp } from './lab';

// An app built step by step, as cdk8s-plus builds a pod: props first, then its mutators (`addInitContainer`,
// `addSidecar`, `addVolume`, `mount`). Each mistake is one error on the call or prop that made it, never on
// the rendered object the user did not write.

const INIT = { name: 'migrate', image: 'busybox:1.36.1' };
const EXPORTER = { name: 'exporter', image: 'nginx/nginx-prometheus-exporter:1.3.0' };
const withData = { persistence: { data: { volume: AppVolume.emptyDir(), mountPath: '/data' } } };

export const CASES: BadInput[] = [
  // Ports of a plain init container join no Service: nothing listens on them once the app runs.
  {
    name: 'init container prop with ports', build: guarded(labApp('web', { initContainers: [{ ...INIT, ports: [{ name: 'metrics', port: 9100 }] }] })),
    layer: 'props', path: 'web', field: 'initContainers[0].ports', hint: /sidecar/,
  },
  {
    name: 'addInitContainer with ports', build: guarded((c: ClusterChart) => labApp('web')(c).addInitContainer({ ...INIT, ports: [{ name: 'metrics', port: 9100 }] })),
    layer: 'props', path: 'web', field: 'addInitContainer.ports', hint: /addSidecar/,
  },
  {
    name: "addPort on an init container's handle", build: guarded((c: ClusterChart) => labApp('web')(c).addInitContainer(INIT).addPort({ name: 'metrics', port: 9100 })),
    layer: 'props', path: 'web', field: 'containers.migrate.addPort', hint: /sidecar/,
  },
];

CASES.push(
  // Mounts made by calls: each checked on the call, as persistence's are on their props.
  {
    name: 'mount of a path persistence mounts already', build: guarded((c: ClusterChart) => labApp('web', withData)(c).mount('data', '/data/')),
    layer: 'props', path: 'web', field: 'mount(data).mountPath', hint: /another path/,
  },
  {
    name: 'addVolume mounted where persistence mounts another volume', build: guarded((c: ClusterChart) => labApp('web', withData)(c).addVolume('cache', AppVolume.emptyDir(), { mountPath: '/data' })),
    layer: 'props', path: 'web', field: 'addVolume(cache).mountPath', hint: /another path/,
  },
  {
    name: "mount into a sidecar added later, on a path the sidecar's persistence mounts", build: guarded((c: ClusterChart) => {
      const web = labApp('web', { persistence: { data: { volume: AppVolume.emptyDir(), mountPath: '/data', containers: ['web', 'exporter'] } } })(c);
      web.addVolume('cache', AppVolume.emptyDir());
      web.mount('cache', '/data', { container: 'exporter' });
      web.addSidecar(EXPORTER);
    }),
    layer: 'props', path: 'web', field: 'mount(cache).mountPath', hint: /another path/,
  },
  {
    name: "mount with a subPath that climbs out of the volume", build: guarded((c: ClusterChart) => labApp('web', withData)(c).mount('data', '/etc/app', { subPath: '../etc' })),
    layer: 'props', path: 'web', field: 'mount(data).subPath',
  },
  {
    name: 'addVolume with an absolute subPath', build: guarded((c: ClusterChart) => labApp('web')(c).addVolume('conf', AppVolume.emptyDir(), { mountPath: '/conf', subPath: '/app.conf' })),
    layer: 'props', path: 'web', field: 'addVolume(conf).subPath', hint: /'app\.conf'/,
  },
  {
    name: "persistence mount whose subPath climbs out of the volume", build: guarded(labApp('web', { persistence: { data: { volume: AppVolume.emptyDir(), mounts: [{ mountPath: '/x', subPath: '../up' }] } } })),
    layer: 'props', path: 'web', field: 'persistence.data.mounts[0].subPath',
  },
  {
    name: 'mount on the container root', build: guarded((c: ClusterChart) => labApp('web', withData)(c).mount('data', '/')),
    layer: 'props', path: 'web', field: 'mount(data).mountPath', hint: /directory/,
  },
);

CASES.push(
  // A GPU request larger than any host's: on the prop, not on the Deployment's limit rendered from it.
  {
    name: 'more GPUs than any host of the cluster has', build: guarded(labApp('web', { gpu: { vendor: 'nvidia', count: 4 } })),
    layer: 'inventory', path: 'web', field: 'gpu.count', hint: /at most 1/,
  },
);

CASES.push(
  // A list of port names given the ports themselves: the hint gives the name, not the object as text.
  {
    name: 'addLoadBalancer given a port object where its name is meant', build: guarded((c: ClusterChart) => labApp('web')(c).addLoadBalancer({ ports: [{ name: 'http', port: 8080 }] } as any)),
    layer: 'props', path: 'web', field: 'addLoadBalancer.ports[0]', hint: /name alone, as text: 'http'/,
  },
  {
    name: 'mount, then addVolume mounting the same volume at the same path', build: guarded((c: ClusterChart) => {
      const web = labApp('web')(c);
      web.mount('cache', '/cache');
      web.addVolume('cache', AppVolume.emptyDir(), { mountPath: '/cache' });
    }),
    layer: 'props', path: 'web', field: 'addVolume(cache).mountPath', hint: /mount each path once/,
  },
);

CASES.push(
  // A container's own `mounts`: each path checked on the prop or call that gave it, as persistence's are.
  {
    name: "a sidecar prop's mount at a relative path", build: guarded(labApp('web', { ...withData, sidecars: [{ ...EXPORTER, mounts: [{ volume: 'data', mountPath: 'data' }] }] })),
    layer: 'props', path: 'web', field: 'sidecars[0].mounts[0].mountPath', hint: /\/data/,
  },
  {
    name: "addSidecar with a mount whose subPath climbs out", build: guarded((c: ClusterChart) => labApp('web', withData)(c).addSidecar({ ...EXPORTER, mounts: [{ volume: 'data', mountPath: '/data', subPath: '../..' }] })),
    layer: 'props', path: 'web', field: 'addSidecar.mounts[0].subPath',
  },
);
