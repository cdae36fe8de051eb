import { App, AppVolume, ClusterChart } from '../../constructs';
import type { AppProps } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, raw } from './lab';

// The mistakes beside the forms the eighth round of correct labs found refused: Pelican's Wings with its game servers'
// folders on a claim, or mounted where Pterodactyl's Wings keeps them; and vLLM started through a shell, as its
// Kubernetes guide starts it, told a share of the GPU's memory it refuses; an object of a hand-written CRD read by the
// scope that CRD gives its kind, a namespace where it is cluster-scoped and none where it is namespaced.

/** Pelican's Wings with `persistence` beside Docker's socket. */
const pelicanWings = (persistence: AppProps['persistence']) => guarded((cluster: ClusterChart) => new App(cluster, 'wings', {
  namespace: 'games', image: 'ghcr.io/pelican-dev/wings:v1.0.0-beta9', ports: [{ name: 'api', port: 8080 }, { name: 'sftp', port: 2022 }],
  exemptions: { runAsRoot: 'Wings manages the game servers through Docker', hostPath: "Docker's socket and the game servers' folders are the node's" },
  persistence: { docker: { volume: AppVolume.hostPath('/var/run/docker.sock', 'Socket'), mountPath: '/var/run/docker.sock' }, ...persistence },
}));

/** The hand-written CRD of kind Subnet, of `scope`, and the Subnet `w` of `metadata`. */
const subnet = (scope: 'Cluster' | 'Namespaced', metadata: Record<string, unknown>) => (cluster: ClusterChart) => {
  raw(cluster, 'crd', {
    apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'subnets.net.lab.example' },
    spec: {
      group: 'net.lab.example', scope, names: { plural: 'subnets', singular: 'subnet', kind: 'Subnet' },
      versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { cidr: { type: 'string', format: 'cidr' } } } } } } }],
    },
  });
  raw(cluster, 'w', { apiVersion: 'net.lab.example/v1', kind: 'Subnet', metadata: { name: 'lan', ...metadata }, spec: { cidr: '10.0.0.0/24' } });
};

export const CASES: BadInput[] = [
  // Pelican's Wings hands /var/lib/pelican/volumes to the node's Docker by its path, as Pterodactyl's hands its own.
  {
    name: "Pelican's Wings with its game servers' folder on a claim",
    build: pelicanWings({
      data: { volume: AppVolume.claim({ tier: 'fast', size: '100Gi' }), mountPath: '/var/lib/pelican' },
      tmp: { volume: AppVolume.hostPath('/tmp/pelican', 'DirectoryOrCreate'), mountPath: '/tmp/pelican' },
    }),
    layer: 'props', path: 'wings', field: 'persistence.data.volume', message: /binds the node's own \/var\/lib\/pelican\/volumes/, hint: /AppVolume\.hostPath\('\/var\/lib\/pelican'/,
  },
  {
    name: "Pelican's Wings given the folders of Pterodactyl's",
    build: pelicanWings({
      data: { volume: AppVolume.hostPath('/var/lib/pterodactyl', 'DirectoryOrCreate'), mountPath: '/var/lib/pterodactyl' },
      tmp: { volume: AppVolume.hostPath('/tmp/pterodactyl', 'DirectoryOrCreate'), mountPath: '/tmp/pterodactyl' },
    }),
    layer: 'props', path: 'wings', field: 'image', message: /\/var\/lib\/pelican\/volumes and \/tmp\/pelican/, hint: /mountPath: '\/tmp\/pelican'/,
  },
  // The shell's script is vLLM's command line: 90 meant as per cent stops vLLM at its start.
  {
    name: "vLLM started through a shell with 90 per cent of the GPU's memory written as 90",
    build: guarded((cluster: ClusterChart) => new App(cluster, 'vllm', {
      namespace: 'ai', image: 'vllm/vllm-openai:v0.7.3', ports: [{ name: 'http', port: 8000 }],
      command: ['/bin/sh', '-c'], args: ['vllm serve Qwen/Qwen2.5-3B-Instruct-AWQ --gpu-memory-utilization 90'],
      env: { HOME: '/models' }, resources: { memoryLimit: '16Gi' },
      probes: { readiness: { httpPath: '/health' }, startup: { httpPath: '/health', periodSeconds: 10, failureThreshold: 90 } },
      persistence: {
        shm: { volume: AppVolume.emptyDir({ memory: true, sizeLimit: '2Gi' }), mountPath: '/dev/shm' },
        models: { volume: AppVolume.claim({ tier: 'fast', size: '80Gi' }), mountPath: '/models' },
      },
    })),
    layer: 'props', path: 'vllm', field: 'args', message: /--gpu-memory-utilization is "90"/, hint: /0\.9/,
  },
  // The CRD written beside its objects says where they live, as the API server reads it.
  {
    name: 'an object of a cluster-scoped hand-written CRD given a namespace', build: subnet('Cluster', { namespace: 'web' }),
    layer: 'schema', path: 'w', field: 'metadata.namespace', message: /cluster-scoped/, hint: /drop metadata\.namespace/,
  },
  {
    name: 'an object of a namespaced hand-written CRD without a namespace', build: subnet('Namespaced', {}),
    layer: 'references', path: 'w', field: 'metadata.namespace', message: /has no namespace/,
  },
];
