import { App, AppVolume, caIssuer, ClusterChart, ClusterIssuer, Ollama, SecretReference, WildcardCertificate } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, labCluster } from './lab';

// Loose ends around certificates, service props and component sizes: one mistake reported once, on the
// prop the user wrote, with the hint for what they meant.

/** The lab's CA issuer, whose key pair is made outside the repository. */
const labCa = (cluster: ClusterChart) => new ClusterIssuer(cluster, 'lab-ca', {
  name: 'lab-ca', issuer: caIssuer({ keyPair: SecretReference.external('cert-manager', 'lab-ca', 'tls.key') }),
});
/** An app in its own namespace `id`, routed at `<id>.lab.test`. */
const routed = (cluster: ClusterChart, id: string) => new App(cluster, id, { image: 'nginx:1.27.0', ports: [{ name: 'http', port: 8080 }], route: { host: id } });
/** Ollama on the CPU with `persistence` as a user wrote it. */
const ollama = (persistence: Record<string, unknown>) => guarded((cluster: ClusterChart) => new Ollama(cluster, 'ollama', { accelerator: 'cpu', persistence } as any));
const volume = AppVolume.claim({ tier: 'local', size: '20Gi' });
/** A cluster `edge` with `componentResources`; the finding is on `componentResources.<key>`. */
const sized = (name: string, key: string, hint: RegExp): BadInput => ({
  name, hint,
  build: guarded((_c, root) => labCluster(root, 'edge', { componentResources: { [key]: { cpuRequest: '10m' } } } as any)),
  layer: 'props', path: 'edge', field: `componentResources.${key}`,
});

export const CASES: BadInput[] = [
  // Before: one error for each namespace that reads the Secret, three for three routed apps.
  {
    name: 'a wildcard certificate with replicate: false that routes in several namespaces read',
    build: (cluster) => {
      labCa(cluster);
      new WildcardCertificate(cluster, 'wild', { issuer: 'lab-ca', replicate: false });
      ['whoami', 'web', 'kuma'].forEach((id) => routed(cluster, id));
    },
    layer: 'references', path: 'wild', field: 'replicate', hint: /drop replicate: false, so that kubernetes-replicator copies the Secret into "kuma", "web", "whoami"/,
  },
  {
    name: 'a wildcard certificate with replicate: false that one route in another namespace reads',
    build: (cluster) => {
      labCa(cluster);
      new WildcardCertificate(cluster, 'wild', { issuer: 'lab-ca', replicate: false });
      routed(cluster, 'web');
    },
    layer: 'references', path: 'wild', field: 'replicate', hint: /namespace: 'web'/,
  },
  // Before: the docker habit `-v ollama:/root/.ollama` synthesized a volume nothing reads.
  { name: "Ollama's data kept at the image's home /root/.ollama", build: ollama({ ollama: { volume, mountPath: '/root/.ollama' } }), layer: 'props', path: 'ollama', field: 'persistence.ollama.mountPath', hint: /homeStorage/ },
  {
    name: "Ollama's data kept at the image's home through mounts",
    build: ollama({ ollama: { volume, mounts: [{ mountPath: '/root/.ollama/' }] } }), layer: 'props', path: 'ollama', field: 'persistence.ollama.mounts[0].mountPath', hint: /homeStorage/,
  },
  // Before: the hint pointed at modelStorage only, for a volume meant as Ollama's home.
  { name: "Ollama's home given as a persistence entry", build: ollama({ home: { volume, mountPath: '/ollama' } }), layer: 'props', path: 'ollama', field: 'persistence.home.mountPath', hint: /set homeStorage/ },
  // Before: the hint listed every component the cluster sizes.
  sized('componentResources of the Tailscale operator written short', 'tailscale', /did you mean "tailscaleOperator"\?/),
  sized('componentResources of the Vault provider written short', 'vault', /did you mean "vaultCsiProvider"\?/),
  sized('componentResources of MetalLB, which its factory sizes', 'metallb', /metalLb\(\{ pools, resources/),
  sized('componentResources of Traefik, which its factory sizes', 'traefik', /traefik\(\{ resources/),
];
