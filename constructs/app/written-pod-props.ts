import type { ApiObject } from 'cdk8s';
import type { k8s } from 'cdk8s-plus-30';
import type { IConstruct } from 'constructs';
import type { Manifest } from '../synth/collect';
import { noteWrittenProps, type WrittenField } from '../validation/written-props';
import type { ContainerPropNames } from './container';
import type { ResourcesProps } from './resources';

/** The app's containers and volumes as its props wrote them, beside the pod spec they rendered. */
export interface WrittenPod {
  /** How findings name the props of the containers, in the order of the pod's `containers`. */
  readonly containers: readonly ContainerPropNames[];
  /** How findings name the props of the containers, in the order of the pod's `initContainers`. */
  readonly initContainers: readonly ContainerPropNames[];
  /** The prop that wrote each pod volume, by name, e.g. `persistence.settings.volume` or `devices[0]`; none for a volume the app adds itself (`/tmp`). */
  readonly volumeProps: ReadonlyMap<string, string>;
  /** The names of the kernel parameters the app's `sysctls` prop sets. */
  readonly sysctls: readonly string[];
  /** The prop that chose the rollout strategy: `strategy`, or the controller's. */
  readonly strategyProp: string;
  /** The prop that wrote each pod spec field the app sets from one prop, e.g. `nodeSelector` from `placement`. */
  readonly podFieldProps: Readonly<Record<string, string>>;
  /** The prop that asked for each extended resource of the main containers' limits, e.g. `devices[0]` for `AppDevice.plugin('squat.ai/serial')`. */
  readonly resourceProps?: Readonly<Record<string, string>>;
  /** Whether findings may name `prop` of the app: a service construct built on an App has props of its own. */
  readonly namesProp: (prop: string) => boolean;
  /** `prop` as the props the app was built from name it (a media container's `listenPort` for `ports[0]`). @default - as the app names it */
  readonly inTermsOf?: (prop: string) => string;
}

/** A container's resources as rendered, and the amount of `ResourcesProps` of each. */
const RESOURCE_PROPS: ReadonlyArray<[string, keyof ResourcesProps]> = [
  ['limits.cpu', 'cpuLimit'], ['limits.memory', 'memoryLimit'], ['requests.cpu', 'cpuRequest'], ['requests.memory', 'memoryRequest'],
];

/** A container's probes as rendered, and the prop of each. */
const PROBE_PROPS: ReadonlyArray<[string, string]> = [
  ['readinessProbe', 'probes.readiness'], ['livenessProbe', 'probes.liveness'], ['startupProbe', 'probes.startup'],
];

/**
 * Notes the fields of `workload` that checks of the output may find wrong and that the app's props wrote,
 * so their findings name the app and the prop the user wrote (`resources.memoryLimit`, `ports[0]`,
 * `env.MODE`, `persistence.settings.volume`, `labels.owner`, `replicas`, `placement`, `serviceAccount`) instead of the rendered object:
 * a field below a noted one (`...containers[0].ports[0].containerPort`) is reported on the noted prop.
 * The fields are listed only for a workload a finding is about.
 */
export function noteWrittenPodProps(app: IConstruct, workload: ApiObject, written: WrittenPod): void {
  noteWrittenProps(app, workload, (manifest) => writtenPodFields(manifest, written));
}

/** The fields of a workload's manifest that the app's props wrote (see {@link noteWrittenPodProps}). */
function writtenPodFields(manifest: Manifest, written: WrittenPod): WrittenField[] {
  const fields: WrittenField[] = [];
  const kind = manifest.kind;
  const templatePath = kind === 'CronJob' ? 'spec.jobTemplate.spec.template' : 'spec.template';
  const template = templatePath.split('.').reduce<any>((value, key) => value?.[key], manifest);
  const spec: k8s.PodSpec = template?.spec ?? { containers: [] };
  const noteField = (field: string, prop: string, sameKeys?: boolean) => {
    if (written.namesProp(prop)) {
      fields.push({ field, prop: written.inTermsOf?.(prop) ?? prop, ...(sameKeys ? { sameKeys } : {}) });
    }
  };
  const note = (field: string, prop: string) => noteField(`${templatePath}.spec.${field}`, prop);
  noteField('metadata.namespace', 'namespace');
  noteField(`${templatePath}.metadata.labels`, 'labels', true);
  if (['Deployment', 'StatefulSet'].includes(kind)) {
    noteField('spec.replicas', 'replicas');
  }
  if (kind === 'Deployment') {
    noteField('spec.strategy', written.strategyProp);
  }
  if (kind === 'CronJob') {
    noteField('spec.concurrencyPolicy', 'controller.props.concurrencyPolicy');
  }
  if (kind === 'Job' || kind === 'CronJob') {
    noteField(kind === 'CronJob' ? 'spec.jobTemplate.spec.parallelism' : 'spec.parallelism', 'controller.props.parallelism');
  }
  const noteContainers = (key: string, rendered: readonly k8s.Container[] | undefined, containers: readonly ContainerPropNames[], resourceProps: Readonly<Record<string, string>> = {}) => {
    (rendered ?? []).forEach((container, i) => {
      const source = containers[i];
      if (source === undefined) {
        return;
      }
      const at = `${key}[${i}]`;
      note(`${at}.image`, source.propField('image'));
      for (const [probe, prop] of PROBE_PROPS) {
        note(`${at}.${probe}`, source.propField(prop));
      }
      note(`${at}.resources`, source.propField('resources'));
      if (container.securityContext?.privileged === true) {
        note(`${at}.securityContext.privileged`, source.propField('exemptions.privileged'));
      }
      for (const [field, prop] of RESOURCE_PROPS) {
        note(`${at}.resources.${field}`, source.resourceField(prop));
      }
      for (const [resource, prop] of Object.entries(resourceProps)) {
        if (container.resources?.limits?.[resource] !== undefined) {
          note(`${at}.resources.limits.${resource}`, prop);
        }
      }
      (container.ports ?? []).forEach((_port, j) => note(`${at}.ports[${j}]`, source.portField(j)));
      // A variable the container lacks is found on its list as a whole.
      note(`${at}.env`, source.propField('env'));
      (container.env ?? []).forEach((env, j) => note(`${at}.env[${j}]`, source.propField(`env.${env.name}`)));
      for (const key of ['command', 'args'] as const) {
        (container[key] ?? []).forEach((_word, j) => note(`${at}.${key}[${j}]`, source.propField(`${key}[${j}]`)));
      }
      (container.securityContext?.capabilities?.add ?? []).forEach((_capability, j) =>
        note(`${at}.securityContext.capabilities.add[${j}]`, source.propField(`exemptions.addCapabilities.capabilities[${j}]`)));
    });
  };
  for (const [field, prop] of Object.entries(written.podFieldProps)) {
    if ((spec as unknown as Record<string, unknown>)[field] !== undefined) {
      note(field, prop);
    }
  }
  // Rendered only where the app states the exemption; the manifest spells the fields as the API does.
  for (const [field, prop] of [['hostNetwork', 'exemptions.hostNetwork'], ['hostPID', 'exemptions.hostPid']] as const) {
    if ((spec as unknown as Record<string, unknown>)[field] === true) {
      note(field, prop);
    }
  }
  // The account the pods run as is the app's serviceAccount, or the namespace's default where it has none: a check
  // that finds the pods need another one names that prop.
  note('serviceAccountName', 'serviceAccount');
  noteContainers('containers', spec.containers, written.containers, written.resourceProps);
  noteContainers('initContainers', spec.initContainers, written.initContainers);
  (spec.volumes ?? []).forEach((volume, i) => {
    const prop = written.volumeProps.get(volume.name);
    if (prop !== undefined) {
      note(`volumes[${i}]`, prop);
    }
  });
  (spec.securityContext?.sysctls ?? []).forEach((sysctl, i) => {
    if (written.sysctls.includes(sysctl.name)) {
      note(`securityContext.sysctls[${i}]`, `sysctls.${sysctl.name}`);
    }
  });
  return fields;
}
