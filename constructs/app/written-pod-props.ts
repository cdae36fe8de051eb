import type { ApiObject } from 'cdk8s';
import type { k8s } from 'cdk8s-plus-30';
import type { IConstruct } from 'constructs';
import { noteWrittenProp } from '../validation/written-props';
import type { AppContainer } from './container';

/** The app's containers and volumes as its props wrote them, beside the pod spec they rendered. */
export interface WrittenPod {
  /** The containers in the order of the pod's `containers`. */
  readonly containers: readonly AppContainer[];
  /** The containers in the order of the pod's `initContainers`. */
  readonly initContainers: readonly AppContainer[];
  /** The prop that wrote the pod volume `name`, e.g. `persistence.settings.volume`. */
  readonly volumeProp: (name: string) => string;
}

/**
 * Notes the fields of the pod of `workload` that checks of the output may find wrong and that the app's
 * props wrote, so their findings name the app and the prop (`probes.readiness`, `env.MODE`,
 * `persistence.settings.volume`) instead of the rendered object: a missing readiness probe, and the
 * ConfigMaps and Secrets the pod reads.
 */
export function noteWrittenPodProps(app: IConstruct, workload: ApiObject, spec: k8s.PodSpec, written: WrittenPod): void {
  const specPath = workload.kind === 'CronJob' ? 'spec.jobTemplate.spec.template.spec' : 'spec.template.spec';
  const note = (field: string, prop: string) => noteWrittenProp(app, workload, `${specPath}.${field}`, prop);
  const noteContainers = (key: string, rendered: readonly k8s.Container[] | undefined, containers: readonly AppContainer[]) => {
    (rendered ?? []).forEach((container, i) => {
      const source = containers[i];
      if (source === undefined) {
        return;
      }
      if (container.readinessProbe === undefined) {
        note(`${key}[${i}].readinessProbe`, source.propField('probes.readiness'));
      }
      (container.env ?? []).forEach((env, j) => {
        for (const from of ['configMapKeyRef', 'secretKeyRef'] as const) {
          if (env.valueFrom?.[from] !== undefined) {
            note(`${key}[${i}].env[${j}].valueFrom.${from}`, source.propField(`env.${env.name}`));
          }
        }
      });
    });
  };
  noteContainers('containers', spec.containers, written.containers);
  noteContainers('initContainers', spec.initContainers, written.initContainers);
  (spec.volumes ?? []).forEach((volume, i) => {
    if (volume.configMap !== undefined) {
      note(`volumes[${i}].configMap.name`, written.volumeProp(volume.name));
    }
    if (volume.secret !== undefined) {
      note(`volumes[${i}].secret.secretName`, written.volumeProp(volume.name));
    }
  });
}
