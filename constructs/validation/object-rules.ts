import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import type { Finding } from './finding';
import { fields, list, objectFinding, text } from './manifest';
import { LABEL_VALUE, nameProblem } from './dns-names';
import { podTemplates } from './pod-spec';
import { qualifiedNameProblem } from './syntax';

const layer = 'schema' as const;

/**
 * What the API server rejects in metadata and Services although the schema allows it: label and
 * annotation keys that are no qualified names, pod template label values that are no label values,
 * Service ports outside 1–65535, repeated, or unnamed where a Service has several.
 */
export function checkObjectRules(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  for (const object of cluster.objects) {
    const add = (field: string, message: string, hint: string) =>
      findings.push(objectFinding(object, { layer, severity: 'error', field, message, hint }));
    const metadata = fields(object.manifest.metadata);
    checkKeys(metadata.labels, 'metadata.labels', add);
    checkKeys(metadata.annotations, 'metadata.annotations', add);
    if (object.manifest.kind === 'Service') {
      checkServicePorts(object, add);
    }
  }
  for (const template of podTemplates(cluster.objects)) {
    const add = (field: string, message: string, hint: string) =>
      findings.push(objectFinding(template.object, { layer, severity: 'error', field, message, hint }));
    const metadataPath = template.specPath.replace(/\.spec$/, '.metadata').replace(/^spec$/, 'metadata');
    if (template.object.manifest.kind === 'Pod') {
      continue;
    }
    const labels = template.labels;
    const objectLabels = fields(fields(template.object.manifest.metadata).labels);
    for (const [key, value] of Object.entries(labels)) {
      // Object labels are checked by the names check already; a value the pods share with the object is reported once.
      const problem = objectLabels[key] === value ? undefined : nameProblem(value, LABEL_VALUE);
      if (problem) {
        add(`${metadataPath}.labels.${key}`, problem, "use at most 63 letters, digits, '-', '_' and '.', beginning and ending with a letter or digit");
      }
    }
    // Keys the object itself carries were checked with the object.
    const objectAnnotations = fields(fields(template.object.manifest.metadata).annotations);
    const shared = (key: string) => Object.prototype.hasOwnProperty.call(objectLabels, key) || Object.prototype.hasOwnProperty.call(objectAnnotations, key);
    for (const [key, map] of [['labels', template.labels], ['annotations', template.annotations]] as const) {
      checkKeys(map, `${metadataPath}.${key}`, add, shared);
    }
  }
  return findings;
}

type Add = (field: string, message: string, hint: string) => void;

function checkKeys(map: unknown, path: string, add: Add, skip?: (key: string) => boolean): void {
  for (const key of Object.keys(fields(map))) {
    if (skip?.(key)) {
      continue;
    }
    const problem = qualifiedNameProblem(key);
    if (problem) {
      add(`${path}.${key}`, problem, 'write keys as [prefix/]name: an optional lower-case DNS prefix and a name of letters, digits, - _ . (e.g. app.kubernetes.io/name)');
    }
  }
}

function checkServicePorts(object: SynthesizedObject, add: Add): void {
  const spec = fields(object.manifest.spec);
  const ports = list(spec.ports);
  const names = new Map<string, number>();
  const numbers = new Map<string, number>();
  ports.forEach((port, i) => {
    const field = `spec.ports[${i}]`;
    if (typeof port.port === 'number' && !(Number.isInteger(port.port) && port.port >= 1 && port.port <= 65535)) {
      add(`${field}.port`, `Service port ${port.port} is not within 1–65535`, 'use a port of 1–65535');
    }
    if (typeof port.targetPort === 'number' && !(Number.isInteger(port.targetPort) && port.targetPort >= 1 && port.targetPort <= 65535)) {
      add(`${field}.targetPort`, `target port ${port.targetPort} is not within 1–65535`, "use the container's port, 1–65535, or its name");
    }
    const name = text(port.name);
    if (ports.length > 1 && (name === undefined || name === '')) {
      add(`${field}.name`, 'a Service with several ports needs a name on each', 'name every port of the Service');
    }
    if (name !== undefined) {
      if (names.has(name)) {
        add(`${field}.name`, `port name "${name}" is used by spec.ports[${names.get(name)}] already`, 'give every port of the Service its own name');
      } else {
        names.set(name, i);
      }
    }
    const key = `${String(port.port)}/${text(port.protocol) ?? 'TCP'}`;
    if (numbers.has(key)) {
      add(`${field}.port`, `port ${key} is declared by spec.ports[${numbers.get(key)}] already`, 'expose each port and protocol once');
    } else {
      numbers.set(key, i);
    }
  });
}
