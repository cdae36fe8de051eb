import { ClusterChart, openTelemetryClusterCollector, openTelemetryNodeCollector, VaultSecretProviderClass } from '../../constructs';
import type { VaultSecretProviderClassProps } from '../../constructs';
import type { BadInput } from './cases';
import { guarded } from './lab';

// A lab CA given to the clients of a lab's services that are not told about it otherwise (the Vault CSI
// provider, the OpenTelemetry collectors' OTLP exporter), as a new user wrote it: a file's path or a host
// name, a private key, or a CA for a plain-gRPC export. Each would leave the client trusting nothing for its
// server, failing every TLS handshake with a vague error once deployed, or put a key in Git.

const LAB_CA = '-----BEGIN CERTIFICATE-----\nMIIBlab\n-----END CERTIFICATE-----\n';
const KEY = '-----BEGIN PRIVATE KEY-----\nMIIEkey\n-----END PRIVATE KEY-----\n';
const spc = (props: Partial<VaultSecretProviderClassProps> | Record<string, unknown>) => (cluster: ClusterChart) => new VaultSecretProviderClass(cluster, 'spc', {
  namespace: 'web', vaultAddress: 'https://bao.lab.test:8200', roleName: 'web', objects: [{ objectName: 'api-key', secretPath: 'secret/data/web', secretKey: 'key' }], ...props,
} as VaultSecretProviderClassProps);
const nodeCollector = (exportTarget: Record<string, unknown>) => guarded((cluster: ClusterChart) => cluster.platform.require(openTelemetryNodeCollector({ export: { endpoint: 'otel.lab.test:4317', ...exportTarget } })));
const clusterCollector = (exportTarget: Record<string, unknown>) => guarded((cluster: ClusterChart) => cluster.platform.require(openTelemetryClusterCollector({ export: { endpoint: 'otel.lab.test:4317', ...exportTarget } })));

export const CASES: BadInput[] = [
  { name: "a SecretProviderClass caBundle that is a file's path, not the CA's PEM", build: guarded(spc({ caBundle: './lab-ca.pem' })), layer: 'props', path: 'spc', field: 'caBundle', hint: /step ca root/ },
  { name: 'a SecretProviderClass caBundle that holds the CA\'s private key', build: guarded(spc({ caBundle: `${LAB_CA}${KEY}` })), layer: 'props', path: 'spc', field: 'caBundle', hint: /certificate alone/ },
  { name: 'a SecretProviderClass caBundle given as a list of PEMs', build: guarded(spc({ caBundle: [LAB_CA] })), layer: 'props', path: 'spc', field: 'caBundle', hint: /give caBundle a string/ },
  {
    name: "the node collector's export.caBundle that is the CA's host name, not its PEM", build: nodeCollector({ caBundle: 'ca.lab.test' }),
    layer: 'props', path: 'platform', field: 'components.otel-node-collector.export.caBundle', hint: /PEM/,
  },
  {
    name: "the cluster collector's export.caBundle that is a private key", build: clusterCollector({ caBundle: KEY }),
    layer: 'props', path: 'platform', field: 'components.otel-cluster-collector.export.caBundle', hint: /certificate alone/,
  },
  {
    name: "a CA for the collectors' plain-gRPC export, which checks no certificate", build: nodeCollector({ insecure: true, caBundle: LAB_CA }),
    layer: 'props', path: 'platform', field: 'components.otel-node-collector.export.caBundle', hint: /leave insecure out/,
  },
];
