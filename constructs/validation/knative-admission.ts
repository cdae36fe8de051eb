import type { SynthesizedCluster } from '../synth/collect';
import type { Finding } from './finding';
import { type Fields, fields, list, objectFinding, text } from './manifest';
import { admittedPodTemplates } from './pod-spec';

/**
 * Ports Knative's queue-proxy listens on in every pod of a Knative Service: its webhook refuses a container
 * port among them, and a container listening there would collide with the proxy.
 */
export const KNATIVE_RESERVED_PORTS: ReadonlyMap<number, string> = new Map([
  [8008, "Knative's profiling port"], [8012, "the HTTP port of Knative's queue-proxy"], [8013, "the HTTP/2 port of Knative's queue-proxy"],
  [8022, "the admin port of Knative's queue-proxy"], [9090, "the autoscaling metrics port of Knative's queue-proxy"], [9091, "the metrics port of Knative's queue-proxy"],
]);

/** Variables Knative sets in a Knative Service's containers itself; `PORT` in the serving container only. */
const KNATIVE_RESERVED_ENV: ReadonlyMap<string, string> = new Map([
  ['PORT', 'Knative sets it to the container port of the serving container'],
  ['K_SERVICE', "Knative sets it to the Knative Service's name"],
  ['K_CONFIGURATION', "Knative sets it to the Configuration's name"],
  ['K_REVISION', "Knative sets it to the revision's name"],
]);

const UNDER_DEPLOYMENT = 'or run the app under a Deployment: AppController.deployment()';

/**
 * What Knative Serving's webhook refuses in the pod template of a Knative Service, whatever its feature flags
 * this library's `Knative` sets: the host's network, processes or IPC, kernel parameters, a hostPath volume, a
 * privileged container, a port its queue-proxy listens on and a variable it sets itself. The API server takes
 * each (the CRD leaves the pod template open), so nothing else would tell before the webhook refuses the object.
 */
export function checkKnativeAdmission(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  const templates = admittedPodTemplates(cluster.objects);
  for (let n = 0; n < templates.length; n++) {
    const template = templates[n];
    if (template.object.manifest.kind !== 'Service') {
      continue; // the other templates are workloads', which take all of these
    }
    const refuse = (field: string, message: string, hint: string) => findings.push(objectFinding(template.object, {
      layer: 'policy', severity: 'error', field: `${template.specPath}.${field}`,
      message: `${message} in a Knative Service's pod: Knative's webhook refuses it`, hint,
    }));
    const spec = template.spec;
    for (const [key, what] of [['hostNetwork', "the host's network"], ['hostPID', "the host's process namespace"], ['hostIPC', "the host's IPC namespace"]] as const) {
      if (spec[key] === true) {
        refuse(key, what, `a Knative Service's pods share their node with other revisions' pods and its queue-proxy, so leave the exemption out, ${UNDER_DEPLOYMENT}`);
      }
    }
    list(fields(spec.securityContext).sysctls).forEach((sysctl, i) => refuse(`securityContext.sysctls[${i}]`,
      `kernel parameters (sysctl ${text(sysctl.name) ?? ''})`, `leave the sysctl out, ${UNDER_DEPLOYMENT}`));
    list(spec.volumes).forEach((volume, i) => {
      if (volume.hostPath !== undefined) {
        const path = text(fields(volume.hostPath).path) ?? '';
        refuse(`volumes[${i}]`, `a hostPath volume (${path})`, path.startsWith('/dev/')
          ? `hand the device over through its device plugin (gpu: { vendor } for /dev/dri, AppDevice.plugin(…) for another), ${UNDER_DEPLOYMENT}`
          : `keep the data on a claim (AppVolume.claim) or in a ConfigMap, ${UNDER_DEPLOYMENT}`);
      }
    });
    const containers = list(spec.containers);
    // The serving container is the one with a port (the only one, if none has).
    const serving = containers.length === 1 ? 0 : containers.findIndex((c) => list(c.ports).length > 0);
    const containerFindings = (key: string, container: Fields, index: number, isServing: boolean) => {
      const at = `${key}[${index}]`;
      if (fields(container.securityContext).privileged === true) {
        refuse(`${at}.securityContext.privileged`, 'a privileged container', `leave exemptions.privileged out, ${UNDER_DEPLOYMENT}`);
      }
      list(container.ports).forEach((port, j) => {
        const number = port.containerPort;
        const use = typeof number === 'number' ? KNATIVE_RESERVED_PORTS.get(number) : undefined;
        if (use !== undefined) {
          refuse(`${at}.ports[${j}]`, `port ${number as number} (${use})`,
            `let the app listen on another port (8080 is Knative's default); the route and the Knative Service's own port stay as they are`);
        }
      });
      list(container.env).forEach((env, j) => {
        const name = text(env.name) ?? '';
        const why = KNATIVE_RESERVED_ENV.get(name);
        if (why !== undefined && (name !== 'PORT' || isServing)) {
          refuse(`${at}.env[${j}]`, `the variable ${name} (${why})`,
            name === 'PORT' ? 'drop it: the app reads the port of its `ports` entry in PORT' : `drop it: ${why}`);
        }
      });
    };
    containers.forEach((container, i) => containerFindings('containers', container, i, i === serving));
    list(spec.initContainers).forEach((container, i) => containerFindings('initContainers', container, i, false));
  }
  return findings;
}
