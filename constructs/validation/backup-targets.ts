import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import { closestName } from './closest-name';
import type { Finding } from './finding';
import { fields, namespaceOf, objectFinding, text } from './manifest';
import { indexOf } from './object-index';

const layer = 'references' as const;

/**
 * An operator's resource that names the database it acts on: the kinds that name one, the field that holds its name
 * (and its namespace, where the reference may give one), the database's kind, and what comes of a name found nowhere.
 */
interface DatabaseReference {
  readonly group: string;
  readonly operator: string;
  readonly kinds: Readonly<Record<string, string>>;
  readonly field: string;
  /** The key of the reference that may name another namespace. @default - none: the resource's own namespace alone */
  readonly namespaceKey?: string;
  readonly target: string;
  /**
   * Whether a name is judged where the output holds no database of the operator at all (CloudNativePG's Clusters are
   * the output's to make; a MariaDB may come from a chart the output does not show).
   * @default false
   */
  readonly judgedWithoutTargets?: boolean;
}

const DATABASE_REFERENCES: readonly DatabaseReference[] = [
  {
    group: 'postgresql.cnpg.io', operator: 'CloudNativePG', field: 'cluster', target: 'Cluster', judgedWithoutTargets: true,
    kinds: {
      ScheduledBackup: 'nothing is backed up', Backup: 'nothing is backed up',
      Pooler: 'its PgBouncer pods have no server to send to, and every client connecting through it fails',
    },
  },
  {
    group: 'k8s.mariadb.com', operator: 'the MariaDB operator', field: 'mariaDbRef', namespaceKey: 'namespace', target: 'MariaDB',
    kinds: {
      Database: 'the database is never made', User: 'the user is never made', Grant: 'nothing is granted', Backup: 'nothing is backed up',
      Restore: 'nothing is restored', SqlJob: 'the job never runs', Connection: 'its Secret is never written', MaxScale: 'it proxies no server',
    },
  },
];

/**
 * An operator's resource that names its database (a CloudNativePG ScheduledBackup, Backup or Pooler its Cluster, a
 * MariaDB operator's Database, User, Grant or Backup its MariaDB) by a name no such database of the namespace it looks
 * in has: one misspelt, or of another namespace, is never acted on (the operator reports it on the object alone).
 * Each kind is indexed once per cluster.
 */
export function checkBackupTargets(cluster: SynthesizedCluster): Finding[] {
  const index = indexOf(cluster.objects);
  return DATABASE_REFERENCES.flatMap((reference) => referenceFindings(index, reference));
}

function referenceFindings(index: ReturnType<typeof indexOf>, reference: DatabaseReference): Finding[] {
  const ofOperator = (o: { manifest: { apiVersion: string } }) => String(o.manifest.apiVersion).startsWith(`${reference.group}/`);
  const referring = index.of(...Object.keys(reference.kinds)).filter(ofOperator);
  const targets = index.of(reference.target).filter(ofOperator);
  if (referring.length === 0 || (targets.length === 0 && reference.judgedWithoutTargets !== true)) {
    return [];
  }
  const byNamespace = new Map<string, string[]>();
  for (const target of targets) {
    byNamespace.set(namespaceOf(target), [...byNamespace.get(namespaceOf(target)) ?? [], String(target.manifest.metadata.name)]);
  }
  const findings: Finding[] = [];
  for (const object of referring) {
    const ref = fields(fields(object.manifest.spec)[reference.field]);
    const name = text(ref.name);
    const namespace = (reference.namespaceKey === undefined ? undefined : text(ref[reference.namespaceKey])) ?? namespaceOf(object);
    const here = byNamespace.get(namespace) ?? [];
    const target = name === undefined ? undefined : index.find(reference.target, namespace, name);
    if (object.manifest.kind === 'Pooler' && target !== undefined && ofOperator(target)) {
      findings.push(...readOnlyPoolerProblems(object, target));
    }
    if (name === undefined || here.includes(name)) {
      continue;
    }
    const meant = closestName(name, here);
    const elsewhere = [...byNamespace.entries()].find(([, names]) => names.includes(name))?.[0];
    findings.push(objectFinding(object, {
      layer, severity: 'error', field: `spec.${reference.field}.name`,
      message: `no ${reference.operator} ${reference.target} "${name}" in namespace "${namespace}", the only one the operator looks in, so ${reference.kinds[String(object.manifest.kind)]}`,
      hint: meant !== undefined ? `did you mean ${reference.field}: { name: '${meant}' }?`
        : elsewhere !== undefined ? (reference.namespaceKey === undefined ? `put the ${String(object.manifest.kind)} in namespace ${elsewhere}, beside the ${reference.target}`
          : `name its namespace: ${reference.field}: { name: '${name}', ${reference.namespaceKey}: '${elsewhere}' }`)
          : `name a ${reference.target} of namespace ${namespace}${here.length > 0 ? ` (it has ${here.join(', ')})` : ''}`,
    }));
  }
  return findings;
}

/**
 * A Pooler of type `ro` sends to the Cluster's `-ro` Service, which selects its replicas alone: on a Cluster of one
 * instance it selects none, and every connection through the pooler fails.
 */
function readOnlyPoolerProblems(pooler: SynthesizedObject, target: SynthesizedObject): Finding[] {
  const instances = fields(target.manifest.spec).instances;
  if (text(fields(pooler.manifest.spec).type) !== 'ro' || instances !== 1) {
    return [];
  }
  const name = text(fields(target.manifest.metadata).name);
  return [objectFinding(pooler, {
    layer, severity: 'error', field: 'spec.type',
    message: `a Pooler of type ro sends to Service ${name}-ro, which selects the replicas of Cluster ${name} alone, and a Cluster of one instance has none: every connection through it fails`,
    hint: `make it type: rw, which reaches the primary, or give Cluster ${name} instances: 2 or more`,
  })];
}
