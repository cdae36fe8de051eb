import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import type { Finding } from './finding';
import { fields, list, namespaceOf, objectFinding, stringMap, text } from './manifest';
import { indexOf } from './object-index';
import { containersOf, containerTexts, podTemplates, podTemplatesSelectedBy } from './pod-spec';

// A `mongodb+srv://` URL names a host whose DNS SRV records list the replica set's members: the driver asks for
// `_mongodb._tcp.<host>`, which Kubernetes serves for a Service port named `mongodb` alone, takes members only
// within the host's parent domain, takes no port, and turns TLS on unless the URL says `tls=false`. A URL of a
// Service of the cluster that misses one of these passes synthesis, and the app never connects.

const layer = 'references' as const;

/** A `mongodb+srv://` URL in text: its host, the port written after it, and its query. */
const SRV_URL = /mongodb\+srv:\/\/(?:[^@/\s]*@)?([a-z0-9.-]+?)\.?(?::(\d+))?(?:\/([^\s]*))?(?=\s|$|["'])/gi;

/** The official MongoDB image and Bitnami's. */
const MONGO_IMAGE = /^((docker\.io\/)?(library\/)?mongo|(docker\.io\/)?bitnami\/mongodb)(?=[:@]|$)/;

/** Whether the pods behind a Service run a MongoDB image told no TLS setting on their command line nor a configuration file. */
function servesWithoutTls(cluster: SynthesizedCluster, service: SynthesizedObject, namespace: string): boolean {
  const selector = stringMap(fields(service.manifest.spec).selector);
  const pods = Object.keys(selector).length === 0 ? [] : podTemplatesSelectedBy(cluster.objects, namespace, selector);
  return pods.length > 0 && pods.every((pod) => containersOf(pod).filter((ref) => !ref.init).some((ref) => {
    const image = text(ref.container.image) ?? '';
    const words = [...list(ref.container.command), ...list(ref.container.args)].map(String);
    return MONGO_IMAGE.test(image) && !image.includes('bitnami') && !words.some((word) => /^--(tls|ssl|config$|config=)|^-f$/.test(word));
  }));
}

/** The problem of one `mongodb+srv://` URL of a Service of the cluster, or undefined. */
function srvProblem(cluster: SynthesizedCluster, index: ReturnType<typeof indexOf>, match: RegExpMatchArray, callerNamespace: string): { message: string; hint: string } | undefined {
  const [written, host, port, rest] = match;
  const labels = host.toLowerCase().split('.');
  const namespace = labels[1] ?? callerNamespace;
  const service = labels.length <= 2 || labels[2] === 'svc' ? index.find('Service', namespace, labels[0]) : undefined;
  if (service === undefined) {
    return undefined;
  }
  const full = `${labels[0]}.${namespace}.svc.cluster.local`;
  if (labels.length <= 3) {
    return {
      message: `${written} names Service ${labels[0]}.${namespace} by a short name: the driver takes only members within the host's parent domain, and the SRV records name each member in full, under ${full}, so it refuses them all`,
      hint: `write the Service's full name: mongodb+srv://${full}/${rest ?? ''}`,
    };
  }
  if (port !== undefined) {
    return { message: `${written} gives a port, which a mongodb+srv URL may not: the driver refuses the URL, as the SRV records give each member's port`, hint: `drop :${port}` };
  }
  const ports = list(fields(service.manifest.spec).ports);
  if (!ports.some((p) => text(p.name) === 'mongodb' && (text(p.protocol) ?? 'TCP') === 'TCP')) {
    return {
      message: `${written}: the driver looks up the SRV records _mongodb._tcp.${full}, which Kubernetes makes only for a Service port named mongodb, and Service ${labels[0]} names its ports ${ports.map((p) => text(p.name) ?? '(none)').join(', ')}`,
      hint: "name the Service's port mongodb (an App's ports: [{ name: 'mongodb', port: 27017 }])",
    };
  }
  if (!/(^|[?&])(tls|ssl)=false(&|$)/i.test(rest ?? '') && servesWithoutTls(cluster, service, namespace)) {
    return {
      message: `${written} turns TLS on, as mongodb+srv does unless told tls=false, while the MongoDB behind Service ${labels[0]} is told no TLS setting: every connection fails in its handshake`,
      hint: `add tls=false to the URL's options (mongodb+srv://${full}/${(rest ?? '').includes('?') ? `${rest}&tls=false` : `${rest ?? ''}?tls=false`})`,
    };
  }
  return undefined;
}

/** Each `mongodb+srv://` URL a container is told that names a Service of the cluster its driver cannot use: one error on the field. */
export function checkMongoSrvUrls(cluster: SynthesizedCluster): Finding[] {
  const index = indexOf(cluster.objects);
  const findings: Finding[] = [];
  for (const template of podTemplates(cluster.objects)) {
    for (const ref of containersOf(template)) {
      for (const { value, field } of containerTexts(ref)) {
        const problem = value.includes('mongodb+srv://') ? [...value.matchAll(SRV_URL)].map((m) => srvProblem(cluster, index, m, namespaceOf(template.object) ?? template.namespace)).find((p) => p !== undefined) : undefined;
        if (problem !== undefined) {
          findings.push(objectFinding(template.object, { layer, severity: 'error', field, ...problem }));
        }
      }
    }
  }
  return findings;
}
