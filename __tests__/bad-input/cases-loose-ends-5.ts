import { App, AppVolume, caIssuer, ClusterChart, ClusterIssuer, Forgejo, Harbor, Jellyfin, JellyfinMedia, Ollama, SecretReference, WildcardCertificate } from '../../constructs';
import type { BadInput } from './cases';
import { guarded, lab, labCluster } from './lab';

// Loose ends around certificates, service props and component sizes: one mistake reported once, on the
// prop the user wrote, with the hint for what they meant.

/** The lab's CA issuer, whose key pair is made outside the repository. */
const labCa = (cluster: ClusterChart) => new ClusterIssuer(cluster, 'lab-ca', {
  name: 'lab-ca', issuer: caIssuer({ keyPair: SecretReference.external('cert-manager', 'lab-ca', 'tls.key') }),
});
/** An app in its own namespace `id`, routed at `<id>.lab.test`. */
const routed = (cluster: ClusterChart, id: string) => new App(cluster, id, { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], route: { host: id } });
/** Ollama on the CPU with `persistence` as a user wrote it. */
const ollama = (persistence: Record<string, unknown>) => guarded((cluster: ClusterChart) => new Ollama(cluster, 'ollama', { accelerator: 'cpu', persistence } as any));
const volume = AppVolume.claim({ tier: 'local', size: '20Gi' });
/** A wildcard certificate of the lab's CA with `props` as a user wrote them, covering the routed app `web`. */
const certificate = (props: Record<string, unknown>) => guarded((cluster: ClusterChart) => {
  labCa(cluster);
  new WildcardCertificate(cluster, 'wild', { issuer: 'lab-ca', ...props } as any);
  routed(cluster, 'web');
});
/** Jellyfin on the lab's NFS share with `props` as a user wrote them. */
const jellyfin = (props: Record<string, unknown>) => guarded((cluster: ClusterChart) => new Jellyfin(cluster, 'jf', { media: JellyfinMedia.nfs(lab.nfs.share), ...props } as any));
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
  // Before: the certificate's props were not checked; a Secret name with an underscore gave an error on
  // each route that read it, on a field none of them wrote, and replicate: 'false' copied the Secret.
  { name: 'a wildcard certificate whose Secret name has an underscore', build: certificate({ secretName: 'Wild_Cert' }), layer: 'props', path: 'wild', field: 'secretName' },
  { name: 'a wildcard certificate in a namespace written with capitals', build: certificate({ namespace: 'Cert-Manager' }), layer: 'props', path: 'wild', field: 'namespace' },
  { name: "a wildcard certificate's replicate written as text", build: certificate({ replicate: 'false' }), layer: 'props', path: 'wild', field: 'replicate' },
  // Before: two errors on the rendered Certificates (name and Secret), none on the props.
  {
    name: 'two wildcard certificates for the same domain',
    build: guarded((cluster: ClusterChart) => {
      labCa(cluster);
      new WildcardCertificate(cluster, 'a', { issuer: 'lab-ca' });
      new WildcardCertificate(cluster, 'b', { issuer: 'lab-ca' });
    }),
    layer: 'props', path: 'b', field: 'domain', hint: /own secretName/,
  },
  // Before: the hint gave the rules of an object name for the ClusterIssuer construct, and listed the props for cert-manager's dnsNames.
  {
    name: 'a wildcard certificate given the ClusterIssuer construct as its issuer',
    build: guarded((cluster: ClusterChart) => new WildcardCertificate(cluster, 'wild', { issuer: labCa(cluster) as any })),
    layer: 'props', path: 'wild', field: 'issuer', hint: /issuer: 'lab-ca'/,
  },
  { name: "a wildcard certificate given cert-manager's dnsNames", build: certificate({ dnsNames: ['web.lab.test'] }), layer: 'props', path: 'wild', field: 'dnsNames', hint: /perHostNames: true/ },
  // Before: a version that makes a moving tag was reported on the App's `image`, which the user never wrote.
  { name: "Jellyfin's version latest without a floatingImage exemption", build: jellyfin({ version: 'latest' }), layer: 'props', path: 'jf', field: 'version', hint: /floatingImage/ },
  { name: "Forgejo's version latest, which makes latest-rootless", build: guarded((cluster: ClusterChart) => new Forgejo(cluster, 'git', { version: 'latest' })), layer: 'props', path: 'git', field: 'version', hint: /pin a release/ },
  { name: "Ollama's version latest", build: guarded((cluster: ClusterChart) => new Ollama(cluster, 'ollama', { accelerator: 'cpu', version: 'latest' })), layer: 'props', path: 'ollama', field: 'version', hint: /pin a release/ },
  // Before: "did you mean chartVersion?", which would take Harbor's 2.x release as a chart release.
  {
    name: "Harbor's release given as version",
    build: guarded((cluster: ClusterChart) => new Harbor(cluster, 'harbor', {
      version: '2.11.0', route: { host: 'registry' }, adminPassword: SecretReference.external('registry', 'harbor-admin', 'HARBOR_ADMIN_PASSWORD'),
      internalSecrets: SecretReference.external('registry', 'harbor-internal', 'secretKey'),
    } as any)),
    layer: 'props', path: 'harbor', field: 'version', hint: /release of the harbor chart/,
  },
  // Before: the hint listed the route's props, for a certificate the cluster picks.
  { name: "an App route's certificate named by hand", build: guarded((cluster: ClusterChart) => new App(cluster, 'web', { image: 'nginxinc/nginx-unprivileged:1.27.0', ports: [{ name: 'http', port: 8080 }], route: { host: 'web', certificate: 'wild' } } as any)), layer: 'props', path: 'web', field: 'route.certificate', hint: /WildcardCertificate covering the host/ },
  // Before: the hint quoted the number as JavaScript read it (10.1), a release the user did not write.
  { name: "Jellyfin's version written as the number 10.10", build: jellyfin({ version: 10.10 }), layer: 'props', path: 'jf', field: 'version', hint: /10\.10 reads 10\.1/ },
];
