import type { SynthesizedCluster } from '../synth/collect';
import type { Finding } from './finding';
import { fields, list, objectFinding, text } from './manifest';
import { containersOf, podTemplates } from './pod-spec';

// A server and its clients that prove themselves to each other with one shared secret, each given it in a variable
// of its own pod: Woodpecker's server and agents (WOODPECKER_AGENT_SECRET). Read from two different Secrets (or
// keys), the values differ unless someone copied them by hand, and the agents are refused at every connection.

/** A pair of images that share a secret through a variable of each. */
interface SharedSecret {
  readonly server: RegExp;
  readonly client: RegExp;
  readonly variable: string;
  /** How messages name the two. */
  readonly serverName: string;
  readonly clientName: string;
  /** What the client gets when the secrets differ. */
  readonly refusal: string;
}

const SHARED_SECRETS: readonly SharedSecret[] = [{
  server: /^(?:(?:docker\.io|quay\.io)\/)?woodpeckerci\/woodpecker-server(?::|@|$)/,
  client: /^(?:(?:docker\.io|quay\.io)\/)?woodpeckerci\/woodpecker-agent(?::|@|$)/,
  variable: 'WOODPECKER_AGENT_SECRET', serverName: "Woodpecker's server", clientName: "Woodpecker's agent",
  refusal: 'the server refuses the agent at every connection ("rpc error: unauthenticated"), and no pipeline runs',
}];

/** Where a container reads a variable from: a Secret's key in its namespace, and the field of the variable. */
interface SecretRead {
  readonly secret: string;
  readonly field: string;
  readonly template: ReturnType<typeof podTemplates>[number];
}

/**
 * A client that reads the shared secret from another Secret or key than every server of the cluster does: an error
 * on the client's variable, whose hint names the server's Secret and key. A literal value is the plaintext check's;
 * a client with no server of the pair in its namespace (an agent of a server elsewhere) is left alone. Linear in the containers.
 */
export function checkSharedSecrets(cluster: SynthesizedCluster): Finding[] {
  const reads = new Map<SharedSecret, { servers: SecretRead[]; clients: SecretRead[] }>();
  for (const template of podTemplates(cluster.objects)) {
    for (const { container, path } of containersOf(template)) {
      const image = text(container.image) ?? '';
      for (const pair of SHARED_SECRETS) {
        const side = pair.server.test(image) ? 'servers' : pair.client.test(image) ? 'clients' : undefined;
        if (side === undefined) {
          continue;
        }
        const env = list(container.env);
        const at = env.findIndex((entry) => fields(entry).name === pair.variable);
        const ref = at < 0 ? undefined : fields(fields(fields(env[at]).valueFrom).secretKeyRef);
        if (ref === undefined || text(ref.name) === undefined) {
          continue;
        }
        const found = reads.get(pair) ?? { servers: [], clients: [] };
        reads.set(pair, found);
        found[side].push({ secret: `${template.namespace}/${text(ref.name)}:${text(ref.key) ?? ''}`, field: `${path}.env[${at}]`, template });
      }
    }
  }
  const findings: Finding[] = [];
  for (const [pair, { servers, clients }] of reads) {
    const secrets = new Set(servers.map((server) => server.secret));
    if (secrets.size === 0) {
      continue;
    }
    // A client of another namespace reads a Secret of its own, which may hold the same value: it is not judged.
    const serverNamespaces = new Set(servers.map((server) => server.template.namespace));
    for (const client of clients.filter((c) => serverNamespaces.has(c.template.namespace) && !secrets.has(c.secret))) {
      const server = servers.find((s) => s.template.namespace === client.template.namespace)!;
      const [namespace, nameAndKey] = server.secret.split('/');
      const [name, key] = nameAndKey.split(':');
      findings.push(objectFinding(client.template.object, {
        layer: 'references', severity: 'error', field: client.field,
        message: `${pair.clientName} reads ${pair.variable} from Secret ${client.secret.replace(':', ', key ')}, and ${pair.serverName} from ${servers.map((s) => s.secret.replace(':', ', key ')).join(' and ')}: two Secrets hold two values, so ${pair.refusal}`,
        hint: `read it from the server's Secret: ${pair.variable}: SecretReference.external('${namespace}', '${name}', '${key}')`,
      }));
    }
  }
  return findings;
}
