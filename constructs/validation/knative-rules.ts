import * as path from 'path';
import type { SynthesizedObject } from '../synth/collect';
import { DNS1035_LABEL, nameProblem } from './dns-names';
import { goDurationMilliseconds } from './go-duration';
import { AddFinding, fields, Fields, list, stringMap, text } from './manifest';

// What Knative Serving's webhook refuses in a Service or Configuration although its CRD schema allows it
// (pkg/apis/serving: ValidatePodSpec and the field masks, the revision template's name, timeout and
// concurrency, and the autoscaling annotations). A strict server-side dry-run calls the webhook once
// Knative runs, so these are refused as the API server's own rules are.

/** Environment variables Knative sets in the serving container itself; a sidecar or init container may set PORT. */
const RESERVED_ENV = ['PORT', 'K_SERVICE', 'K_CONFIGURATION', 'K_REVISION'];
/** The ports of the queue-proxy Knative runs beside every container, which no container may take. */
const RESERVED_PORTS: Readonly<Record<number, string>> = {
  8012: 'HTTP/1 port', 8013: 'h2c port', 8022: 'admin port', 9090: 'autoscaling metrics port', 9091: 'user metrics port', 8008: 'profiling port',
};
/** The names a serving port may have: they tell the queue-proxy which protocol it speaks. */
const PORT_NAMES: readonly string[] = ['', 'h2c', 'http1'];
/** Mount paths Knative keeps for itself. */
const RESERVED_PATHS: readonly string[] = ['/', '/dev', '/dev/log'];
/** Volumes Knative mounts only read-only. */
const READ_ONLY_SOURCES = ['secret', 'configMap', 'projected'] as const;
/**
 * Pod spec fields Knative takes only with a feature flag of `config-features` turned on; its CRD schema lists
 * them (and refuses any other field itself), its webhook refuses them while their flag is off.
 */
const FEATURE_FIELDS: Readonly<Record<string, string>> = {
  affinity: 'kubernetes.podspec-affinity', hostAliases: 'kubernetes.podspec-hostaliases', nodeSelector: 'kubernetes.podspec-nodeselector',
  runtimeClassName: 'kubernetes.podspec-runtimeclassname', tolerations: 'kubernetes.podspec-tolerations', priorityClassName: 'kubernetes.podspec-priorityclassname',
  schedulerName: 'kubernetes.podspec-schedulername', topologySpreadConstraints: 'kubernetes.podspec-topologyspreadconstraints',
  dnsPolicy: 'kubernetes.podspec-dnspolicy', dnsConfig: 'kubernetes.podspec-dnsconfig', initContainers: 'kubernetes.podspec-init-containers',
  hostNetwork: 'kubernetes.podspec-hostnetwork', hostPID: 'kubernetes.podspec-hostpid', hostIPC: 'kubernetes.podspec-hostipc',
  shareProcessNamespace: 'kubernetes.podspec-shareprocessnamespace',
};
/** Volume sources of Knative's CRD schema that its webhook takes only with a feature flag on. */
const FEATURE_VOLUMES: Readonly<Record<string, string>> = {
  emptyDir: 'kubernetes.podspec-emptydir', persistentVolumeClaim: 'kubernetes.podspec-persistent-volume-claim',
  hostPath: 'kubernetes.podspec-volumes-hostpath', csi: 'kubernetes.podspec-volumes-csi',
};
const PVC_WRITE = 'kubernetes.podspec-persistent-volume-write';
/** The flags Knative ships turned on; every other one is off until `config-features` turns it on. */
const FEATURES_ON_BY_DEFAULT: ReadonlySet<string> = new Set(['kubernetes.podspec-emptydir']);
/** Knative's longest request timeout (max-revision-timeout-seconds) and largest container concurrency, as it ships. */
const DEFAULT_MAX_TIMEOUT_SECONDS = 600;
const MAX_CONTAINER_CONCURRENCY = 1000;
const AUTOSCALING = 'autoscaling.knative.dev/';
/** The autoscaler classes Knative ships, and the metrics each scales on (the KPA's fixed, the HPA's any but empty). */
const KPA = 'kpa.autoscaling.knative.dev';
const HPA = 'hpa.autoscaling.knative.dev';
const KPA_METRICS: readonly string[] = ['concurrency', 'rps'];
/** The bounds of the autoscaler's stable window (WindowMin, WindowMax). */
const WINDOW_MS = { min: 6_000, max: 3_600_000 };

/** What the cluster's Knative turns on: the features of its `config-features` and its longest request timeout. */
export interface KnativeSettings {
  /** Feature flags on: set to `enabled` or `allowed`, or on by default and not turned off. */
  readonly features: ReadonlySet<string>;
  /** Seconds a request may take at most. */
  readonly maxTimeoutSeconds: number;
}

/** The settings of the cluster's KnativeServing object among `objects`, or Knative's defaults. */
export function knativeSettings(objects: readonly SynthesizedObject[]): KnativeSettings {
  const serving = objects.find((o) => o.manifest.kind === 'KnativeServing' && String(o.manifest.apiVersion).startsWith('operator.knative.dev/'));
  const config = fields(fields(serving?.manifest.spec).config);
  const set = stringMap(config.features);
  const features = [...new Set([...FEATURES_ON_BY_DEFAULT, ...Object.keys(set)])].filter((k) => set[k] === undefined || set[k] === 'enabled' || set[k] === 'allowed');
  const timeout = Number(stringMap(config.defaults)['max-revision-timeout-seconds']);
  return { features: new Set(features), maxTimeoutSeconds: Number.isInteger(timeout) && timeout > 0 ? timeout : DEFAULT_MAX_TIMEOUT_SECONDS };
}

/**
 * A Knative Service or Configuration: no autoscaling annotation on its own metadata, and a revision template
 * of a name prefixed by its own, autoscaling annotations Knative reads, a timeout and concurrency within
 * bounds, and a pod spec Knative takes.
 */
export function checkKnativeWorkload(object: SynthesizedObject, settings: KnativeSettings, add: AddFinding): void {
  const metadata = fields(object.manifest.metadata);
  for (const key of Object.keys(stringMap(metadata.annotations))) {
    if (key.startsWith(AUTOSCALING)) {
      add(`metadata.annotations.${key}`, `Knative reads autoscaling annotations on the revision template only, and refuses them on the ${String(object.manifest.kind)} itself`,
        `move ${key} to spec.template.metadata.annotations`);
    }
  }
  const template = fields(fields(object.manifest.spec).template);
  const templateMetadata = fields(template.metadata);
  checkRevisionName(text(metadata.name), text(templateMetadata.name), add);
  checkAutoscaling(stringMap(templateMetadata.annotations), add);
  const spec = fields(template.spec);
  checkRequestBounds(spec, settings, add);
  checkPodFields(spec, settings, add);
  checkVolumes(spec, settings, add);
  checkContainers(spec, add);
}

/** A revision named by hand starts with its Service's name and a dash, and is an RFC 1035 label (validateRevisionName). */
function checkRevisionName(owner: string | undefined, name: string | undefined, add: AddFinding): void {
  if (name === undefined || owner === undefined) {
    return;
  }
  const problem = nameProblem(name, DNS1035_LABEL);
  if (!name.startsWith(`${owner}-`)) {
    add('spec.template.metadata.name', `revision name "${name}" does not start with "${owner}-"; Knative names each revision after its Service`,
      `name it ${owner}-<version>, e.g. '${owner}-v2', or leave the name out for Knative to number revisions`);
  } else if (problem !== undefined) {
    add('spec.template.metadata.name', `revision name "${name}": ${problem}`, `use lower-case letters, digits and '-', e.g. '${owner}-v2'`);
  }
}

/** A whole number of at least 0 written as Go's ParseInt reads it, or undefined. */
function wholeCount(value: string | undefined): number | undefined {
  return value !== undefined && /^[+-]?\d+$/.test(value) && Number(value) >= 0 && Number(value) <= 2_147_483_647 ? Number(value) : undefined;
}

/** The autoscaling annotations of a revision template (autoscaling.ValidateAnnotations). */
function checkAutoscaling(annotations: Record<string, string>, add: AddFinding): void {
  const field = (key: string) => `spec.template.metadata.annotations.${key}`;
  const keyOf = (...names: string[]) => names.map((n) => `${AUTOSCALING}${n}`).find((k) => annotations[k] !== undefined);
  const scale: Record<string, number | undefined> = {};
  for (const [name, legacy] of [['min-scale', 'minScale'], ['max-scale', 'maxScale']] as const) {
    const key = keyOf(name, legacy);
    if (key === undefined) {
      continue;
    }
    scale[name] = wholeCount(annotations[key]);
    if (scale[name] === undefined) {
      add(field(key), `${key} "${annotations[key]}" is not a whole number of pods`, `give a count, e.g. '${name === 'min-scale' ? 0 : 3}'`);
    }
  }
  const [min, max] = [scale['min-scale'] ?? 0, scale['max-scale'] ?? 0];
  if (max !== 0 && max < min) {
    add(field(keyOf('max-scale', 'maxScale')!), `max-scale ${max} is below min-scale ${min}`, 'keep min-scale at or below max-scale');
  }
  const classKey = keyOf('class');
  const autoscaler = classKey === undefined ? KPA : annotations[classKey];
  if (classKey !== undefined && autoscaler.endsWith('.knative.dev') && autoscaler !== KPA && autoscaler !== HPA) {
    add(field(classKey), `autoscaler class "${autoscaler}" is none Knative has`, `use ${KPA} (Knative's own, the default) or ${HPA}`);
  }
  const metricKey = keyOf('metric');
  const metric = metricKey === undefined ? undefined : annotations[metricKey];
  if (metric !== undefined && ((autoscaler === KPA && !KPA_METRICS.includes(metric)) || (autoscaler === HPA && metric === ''))) {
    add(field(metricKey!), `the ${autoscaler === KPA ? 'Knative' : 'HPA'} autoscaler does not scale on metric "${metric}"`,
      autoscaler === KPA ? `use concurrency or rps, or set ${AUTOSCALING}class: ${HPA} to scale on cpu or memory` : 'name the metric the HPA scales on: cpu or memory');
  }
  const initialKey = keyOf('initial-scale', 'initialScale');
  if (initialKey !== undefined && wholeCount(annotations[initialKey]) !== undefined && Number(annotations[initialKey]) === 0) {
    add(field(initialKey), `${initialKey} "0" starts the revision with no pod, which Knative allows only with allow-zero-initial-scale turned on`,
      `leave it out (one pod) or give at least 1; min-scale: '0' already lets the revision scale to zero when idle`);
  } else if (initialKey !== undefined && wholeCount(annotations[initialKey]) === undefined) {
    add(field(initialKey), `${initialKey} "${annotations[initialKey]}" is not a whole number of pods`, 'give a count of at least 1');
  }
  const utilizationKey = keyOf('target-utilization-percentage');
  const utilization = utilizationKey === undefined ? undefined : Number(annotations[utilizationKey]);
  if (utilization !== undefined && !(utilization >= 1 && utilization <= 100)) {
    add(field(utilizationKey!), `${utilizationKey} "${annotations[utilizationKey!]}" is not a percentage of 1–100`, "give a percentage without its sign, e.g. '70'");
  }
  const windowKey = keyOf('window');
  if (windowKey !== undefined) {
    const window = goDurationMilliseconds(annotations[windowKey]);
    if (window === undefined || window < WINDOW_MS.min || window > WINDOW_MS.max || window % 1000 !== 0) {
      add(field(windowKey), `${windowKey} "${annotations[windowKey]}" is no whole number of seconds within 6s–1h`, "give a Go duration within 6s–1h, e.g. '60s'");
    }
  }
}

/** The request timeout and container concurrency within Knative's bounds (validateTimeoutSeconds, ValidateContainerConcurrency). */
function checkRequestBounds(spec: Fields, settings: KnativeSettings, add: AddFinding): void {
  const timeout = spec.timeoutSeconds;
  if (typeof timeout === 'number' && (timeout < 0 || timeout > settings.maxTimeoutSeconds)) {
    add('spec.template.spec.timeoutSeconds', `timeoutSeconds ${timeout} is outside 0–${settings.maxTimeoutSeconds} (Knative's max-revision-timeout-seconds)`,
      `give at most ${settings.maxTimeoutSeconds} seconds; a longer task runs better as a Job`);
  }
  const concurrency = spec.containerConcurrency;
  if (typeof concurrency === 'number' && (concurrency < 0 || concurrency > MAX_CONTAINER_CONCURRENCY)) {
    add('spec.template.spec.containerConcurrency', `containerConcurrency ${concurrency} is outside 0–${MAX_CONTAINER_CONCURRENCY}`,
      '0 lets a pod take as many requests as it accepts');
  }
}

/**
 * Pod spec fields outside Knative's field mask (PodSpecMask): those a feature flag of `config-features`
 * allows while it is off, and a service account token asked for (only `false` is taken).
 */
function checkPodFields(spec: Fields, settings: KnativeSettings, add: AddFinding): void {
  const hostNetworkRefused = spec.hostNetwork === true && !settings.features.has(FEATURE_FIELDS.hostNetwork);
  for (const [key, feature] of Object.entries(FEATURE_FIELDS)) {
    // The DNS policy of a pod on the host's network follows from it: one mistake, one finding.
    if (key === 'dnsPolicy' && hostNetworkRefused) {
      continue;
    }
    if (spec[key] !== undefined && spec[key] !== false && !settings.features.has(feature)) {
      add(`spec.template.spec.${key}`, `Knative takes a pod's ${key} only with its feature ${feature} turned on, and this cluster's Knative leaves it off`,
        `turn ${feature} on in Knative's config-features (the KnativeServing's spec.config.features), or run the workload as a Deployment, whose pods may set ${key}`);
    }
  }
  // Knative's pod security context mask drops kernel parameters whatever its flags.
  list(fields(spec.securityContext).sysctls).forEach((sysctl, i) => {
    add(`spec.template.spec.securityContext.sysctls[${i}]`, `Knative takes no kernel parameters (sysctl ${text(sysctl.name) ?? ''}) in a pod, whatever its feature flags`,
      'leave the sysctl out, or run the workload as a Deployment (AppController.deployment()), whose pods may set it');
  });
  if (spec.automountServiceAccountToken === true) {
    add('spec.template.spec.automountServiceAccountToken', 'Knative takes automountServiceAccountToken only as false, and mounts the token by default',
      'leave automountServiceAccountToken out: the pods get the token of their service account anyway');
  }
}

/** Volumes whose source needs a feature flag, with it on, and claims writable only where that is on too (validateVolume). */
function checkVolumes(spec: Fields, settings: KnativeSettings, add: AddFinding): void {
  list(spec.volumes).forEach((volume, i) => {
    const field = `spec.template.spec.volumes[${i}]`;
    // A source its CRD schema lacks (nfs, hostPath's neighbours) is refused by the schema already.
    for (const source of Object.keys(volume).filter((key) => FEATURE_VOLUMES[key] !== undefined)) {
      const feature = FEATURE_VOLUMES[source];
      if (!settings.features.has(feature)) {
        const device = source === 'hostPath' && (text(fields(volume.hostPath).path) ?? '').startsWith('/dev/');
        add(`${field}.${source}`, `Knative takes a ${source} volume only with its feature ${feature} turned on, and this cluster's Knative leaves it off`,
          device
            ? `hand the device over through its device plugin (gpu: { vendor } for /dev/dri, AppDevice.plugin(…) for another), or run the workload as a Deployment (AppController.deployment())`
            : `turn ${feature} on in Knative's config-features (the KnativeServing's spec.config.features), or run the workload as a Deployment`);
      } else if (source === 'persistentVolumeClaim' && fields(volume[source]).readOnly !== true && !settings.features.has(PVC_WRITE)) {
        add(`${field}.${source}.readOnly`, `Knative mounts a claim writable only with its feature ${PVC_WRITE} turned on, and this cluster's Knative leaves it off`,
          `set readOnly: true, or turn ${PVC_WRITE} on in Knative's config-features`);
      }
    }
  });
}

/** The containers of the pod: names, environment, ports, probes and mounts (ValidateContainer, validateContainersPorts). */
function checkContainers(spec: Fields, add: AddFinding): void {
  const containers = list(spec.containers);
  const serving = containers.length === 1 ? 0 : containers.findIndex((c) => list(c.ports).length > 0);
  const servingPort = serving < 0 ? undefined : list(containers[serving].ports)[0];
  const portName = text(servingPort?.name) || 'http';
  const volumes = new Map(list(spec.volumes).map((v) => [text(v.name), v]));
  const groups = [['containers', containers], ['initContainers', list(spec.initContainers)]] as const;
  for (const [group, members] of groups) {
    members.forEach((container, i) => {
      const field = `spec.template.spec.${group}[${i}]`;
      // Knative's container security context mask has no `privileged`.
      if (fields(container.securityContext).privileged === true) {
        add(`${field}.securityContext.privileged`, 'Knative runs no privileged container, whatever its feature flags',
          'leave exemptions.privileged out, or run the workload as a Deployment (AppController.deployment())');
      }
      if (container.name === 'queue-proxy') {
        add(`${field}.name`, 'queue-proxy is the name of the sidecar Knative adds to every pod', 'give the container another name');
      }
      const reserved = group === 'containers' && i === serving ? RESERVED_ENV : RESERVED_ENV.filter((n) => n !== 'PORT');
      list(container.env).forEach((env, e) => {
        if (typeof env.name === 'string' && reserved.includes(env.name)) {
          add(`${field}.env[${e}].name`, `${env.name} is set by Knative in the container ${env.name === 'PORT' ? '(the port requests arrive at)' : '(the name of what runs it)'}`,
            env.name === 'PORT' ? 'drop PORT: Knative sets it to the container port; read it in the app' : `drop ${env.name}, or read what Knative sets it to`);
        }
      });
      list(container.ports).forEach((port, p) => checkPort(port, `${field}.ports[${p}]`, group === 'containers' && i === serving && p === 0, add));
      if (group === 'containers' && i === serving) {
        for (const probe of ['livenessProbe', 'readinessProbe'] as const) {
          checkProbePort(fields(container[probe]), `${field}.${probe}`, portName, add);
        }
      }
      checkMounts(list(container.volumeMounts), volumes, `${field}.volumeMounts`, add);
    });
  }
}

/** A container port: none of the queue-proxy's, and the serving port named for its protocol or not at all. */
function checkPort(port: Fields, field: string, servingPort: boolean, add: AddFinding): void {
  const number = port.containerPort;
  if (typeof number === 'number' && RESERVED_PORTS[number] !== undefined) {
    add(`${field}.containerPort`, `port ${number} is the ${RESERVED_PORTS[number]} of Knative's queue-proxy, which runs in the same pod`,
      'have the app listen on another port, e.g. 8080');
  }
  const name = text(port.name) ?? '';
  if (servingPort && !PORT_NAMES.includes(name)) {
    add(`${field}.name`, `Knative takes a port named h2c, http1 or nothing, which tells its proxy the protocol; "${name}" is none`,
      "leave the name out for HTTP/1, or name it 'h2c' for HTTP/2 without TLS (gRPC)");
  }
}

/** A probe's port given by name names the serving port (validateProbe): Knative probes through it. */
function checkProbePort(probe: Fields, field: string, portName: string, add: AddFinding): void {
  for (const handler of ['httpGet', 'tcpSocket'] as const) {
    const port = fields(probe[handler]).port;
    if (typeof port === 'string' && port !== portName) {
      add(`${field}.${handler}.port`, `the probe's port "${port}" is not the container's port, named "${portName}" to Knative`,
        'give the port by number, or leave it out: Knative probes the container port');
    }
  }
}

/** Mounts (validateVolumeMounts): none at Knative's own paths, and Secrets, ConfigMaps and projected volumes read-only. */
function checkMounts(mounts: readonly Fields[], volumes: ReadonlyMap<string | undefined, Fields>, field: string, add: AddFinding): void {
  mounts.forEach((mount, m) => {
    const mountPath = text(mount.mountPath);
    // Go's path.Clean: no trailing slash, no `.` or `..` left.
    const cleaned = mountPath === undefined || mountPath === '' ? undefined : path.posix.normalize(mountPath).replace(/(.)\/$/, '$1');
    if (cleaned !== undefined && RESERVED_PATHS.includes(cleaned)) {
      add(`${field}[${m}].mountPath`, `Knative keeps ${cleaned} for itself and mounts nothing there`, 'mount the volume at a folder of its own, e.g. /data');
    }
    const volume = volumes.get(text(mount.name));
    const source = volume === undefined ? undefined : READ_ONLY_SOURCES.find((s) => volume[s] !== undefined);
    if (source !== undefined && mount.readOnly !== true) {
      add(`${field}[${m}].readOnly`, `Knative mounts a ${source} volume read-only only, and this mount of "${String(mount.name)}" is not`, 'set readOnly: true on the mount');
    } else if (volume !== undefined && fields(volume.persistentVolumeClaim).readOnly === true && mount.readOnly !== true) {
      add(`${field}[${m}].readOnly`, `volume "${String(mount.name)}" is a read-only claim, and this mount of it is not`, 'set readOnly: true on the mount');
    }
  });
}
