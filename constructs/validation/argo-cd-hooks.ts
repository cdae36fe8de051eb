import type { SynthesizedCluster, SynthesizedObject } from '../synth/collect';
import { SYNC_WAVE_ANNOTATION } from '../platform/engine-marks';
import { LAYERS } from '../platform/component';
import type { Finding } from './finding';
import { fields, keyOf, list, objectFinding, stringMap, text } from './manifest';
import { indexOf } from './object-index';
import { podTemplates, type PodTemplate } from './pod-spec';
import { secretProducers } from './secret-producers';

// Argo CD's hooks and sync waves on the objects of a cluster it applies, read as its sync engine reads them
// (gitops-engine: hook.Types, syncwaves.Wave): a value it cannot read changes nothing it says so about.

const layer = 'references' as const;
const HOOK = 'argocd.argoproj.io/hook';
const SYNC_WAVE = SYNC_WAVE_ANNOTATION;

/** The hook types Argo CD reads, spelt as it compares them (letter case counts). */
const HOOK_TYPES: readonly string[] = ['PreSync', 'Sync', 'PostSync', 'SyncFail', 'Skip', 'PreDelete', 'PostDelete'];

/** A sync wave Argo CD reads (Go's strconv.Atoi): a sign at most, then digits. */
const WHOLE_NUMBER = /^[+-]?\d{1,18}$/;

/** The field of an annotation, as the other checks name it. */
const annotationField = (annotation: string) => `metadata.annotations["${annotation}"]`;

/**
 * A hook type Argo CD does not know (`presync`, `pre-sync`, `PreInstall`): the object still counts as a hook, as
 * the annotation is there, so it is left out of the sync, but it runs in no phase: never applied, without a word.
 * A sync wave that is no whole number (`first`, `1.5`, ` 2`) is read as wave 0.
 */
function annotationFindings(object: SynthesizedObject): Finding[] {
  const annotations = stringMap(fields(object.manifest.metadata).annotations);
  const findings: Finding[] = [];
  const hook = annotations[HOOK];
  if (hook !== undefined) {
    const unknown = hook.split(',').map((type) => type.trim()).filter((type) => !HOOK_TYPES.includes(type));
    if (unknown.length > 0) {
      const meant = (type: string) => HOOK_TYPES.find((known) => known.toLowerCase() === type.replace(/[-_\s]/g, '').toLowerCase());
      findings.push(objectFinding(object, {
        layer, severity: 'error', field: annotationField(HOOK),
        message: `hook type ${unknown.map((type) => JSON.stringify(type)).join(', ')} is none Argo CD knows (it compares them letter case and all): `
          + 'the object still counts as a hook, so Argo CD leaves it out of the sync, and it runs in no phase, so it is never applied',
        hint: `write ${HOOK}: '${hook.split(',').map((type) => meant(type.trim()) ?? type.trim()).join(',')}', each one of ${HOOK_TYPES.join(', ')}`,
      }));
    }
  }
  const wave = annotations[SYNC_WAVE];
  if (wave !== undefined && !WHOLE_NUMBER.test(wave)) {
    const whole = Number.isFinite(Number(wave)) && wave.trim() !== '' ? String(Math.trunc(Number(wave))) : '-1';
    findings.push(objectFinding(object, {
      layer, severity: 'error', field: annotationField(SYNC_WAVE),
      message: `sync wave "${wave}" is no whole number, which Argo CD reads as wave 0 without a word, so the object is applied with the others rather than before or after them`,
      hint: `write the wave as a whole number in quotes, e.g. ${SYNC_WAVE}: '${whole}' (lower waves first, negative ones before the default 0)`,
    }));
  }
  return findings;
}

/** Whether Argo CD runs the object as a PreSync hook: before it applies anything else of its Application's sync. */
function isPreSyncHook(object: SynthesizedObject): boolean {
  const hook = stringMap(fields(object.manifest.metadata).annotations)[HOOK];
  return hook !== undefined && hook.split(',').some((type) => type.trim() === 'PreSync');
}

/** What a pod needs to exist before it starts: its ServiceAccount, Secrets, ConfigMaps and claims, by field. Pure. */
function podNeeds(pod: PodTemplate): Array<{ readonly kind: 'Secret' | 'ConfigMap' | 'ServiceAccount' | 'PersistentVolumeClaim'; readonly name: string; readonly field: string }> {
  const at = pod.specPath;
  const needs: Array<{ kind: 'Secret' | 'ConfigMap' | 'ServiceAccount' | 'PersistentVolumeClaim'; name: string; field: string }> = [];
  const add = (kind: typeof needs[number]['kind'], name: unknown, field: string, optional: unknown = false) => {
    if (typeof name === 'string' && name !== '' && optional !== true) {
      needs.push({ kind, name, field });
    }
  };
  add('ServiceAccount', pod.spec.serviceAccountName, `${at}.serviceAccountName`);
  list(pod.spec.volumes).forEach((volume, v) => {
    const secret = fields(volume.secret);
    const configMap = fields(volume.configMap);
    add('Secret', secret.secretName, `${at}.volumes[${v}].secret.secretName`, secret.optional);
    add('ConfigMap', configMap.name, `${at}.volumes[${v}].configMap.name`, configMap.optional);
    add('PersistentVolumeClaim', fields(volume.persistentVolumeClaim).claimName, `${at}.volumes[${v}].persistentVolumeClaim.claimName`);
  });
  for (const key of ['initContainers', 'containers'] as const) {
    list(pod.spec[key]).forEach((container, c) => {
      const path = `${at}.${key}[${c}]`;
      list(container.envFrom).forEach((from, f) => {
        add('Secret', fields(from.secretRef).name, `${path}.envFrom[${f}].secretRef.name`, fields(from.secretRef).optional);
        add('ConfigMap', fields(from.configMapRef).name, `${path}.envFrom[${f}].configMapRef.name`, fields(from.configMapRef).optional);
      });
      list(container.env).forEach((variable, e) => {
        const from = fields(variable.valueFrom);
        add('Secret', fields(from.secretKeyRef).name, `${path}.env[${e}].valueFrom.secretKeyRef.name`, fields(from.secretKeyRef).optional);
        add('ConfigMap', fields(from.configMapKeyRef).name, `${path}.env[${e}].valueFrom.configMapKeyRef.name`, fields(from.configMapKeyRef).optional);
      });
    });
  }
  return needs;
}

/** An object's sync wave within its Application, as Argo CD reads it (0 unless a whole number is written). */
function syncWave(object: SynthesizedObject): number {
  const wave = stringMap(fields(object.manifest.metadata).annotations)[SYNC_WAVE];
  return wave !== undefined && WHOLE_NUMBER.test(wave) ? Number(wave) : 0;
}

/** The order of a layer's Application among the engine's waves; the cluster folder's own objects come first. */
const waveOf = (object: SynthesizedObject) => (object.layer === 'sync' ? -1 : LAYERS.indexOf(object.layer ?? 'apps'));

/**
 * A PreSync hook's pod that needs an object its own Application applies as an ordinary resource: Argo CD runs
 * PreSync hooks before it applies anything else of the sync, so on the first sync the object does not exist yet,
 * the pod never starts (a Secret or ConfigMap: CreateContainerConfigError; a ServiceAccount: the Job makes no
 * pod) and the sync waits on the hook for good. An object of an earlier layer (an earlier Application's wave)
 * or itself a PreSync hook of the same or a lower wave exists in time (a later wave waits for the hook to finish).
 */
function preSyncFindings(cluster: SynthesizedCluster): Finding[] {
  const hooks = podTemplates(cluster.objects).filter((pod) => isPreSyncHook(pod.object));
  if (hooks.length === 0) {
    return [];
  }
  const index = indexOf(cluster.objects);
  const secrets = new Map<string, SynthesizedObject>();
  for (const producer of secretProducers(index)) {
    secrets.set(keyOf(producer.namespace, producer.name), producer.object);
  }
  const findings: Finding[] = [];
  for (const pod of hooks) {
    for (const need of podNeeds(pod)) {
      const maker = need.kind === 'Secret' ? secrets.get(keyOf(pod.namespace, need.name)) : index.find(need.kind, pod.namespace, need.name);
      if (maker === undefined || maker === pod.object || waveOf(maker) < waveOf(pod.object) || (isPreSyncHook(maker) && syncWave(maker) <= syncWave(pod.object))) {
        continue;
      }
      const madeBy = maker.manifest.kind === need.kind ? '' : ` (made from ${maker.manifest.kind} ${text(maker.manifest.metadata.name) ?? ''})`;
      findings.push(objectFinding(pod.object, {
        layer, severity: 'error', field: need.field,
        message: `the PreSync hook's pod needs ${need.kind} ${pod.namespace}/${need.name}${madeBy}, which the same Application applies only after its PreSync hooks: `
          + 'on the first sync it does not exist yet, so the pod never starts and the sync waits on the hook for good',
        hint: `make ${maker.manifest.kind} ${text(maker.manifest.metadata.name) ?? need.name} a PreSync hook too, at a lower wave `
          + `(annotations { '${HOOK}': 'PreSync', '${SYNC_WAVE}': '-1', 'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation' }), `
          + "or make it in the config layer, whose Application syncs first (in the scope cluster.platform.configScope('<name>'))",
      }));
    }
  }
  return findings;
}

/** Argo CD's hook and sync-wave annotations, and PreSync hooks that need what their own sync applies; under Argo CD only. */
export function checkArgoCdHooks(cluster: SynthesizedCluster): Finding[] {
  if (cluster.chart.gitops?.name !== 'argo-cd') {
    return [];
  }
  const findings: Finding[] = [];
  for (let n = 0, all = cluster.objects; n < all.length; n++) {
    const annotations = fields(all[n].manifest.metadata).annotations;
    if (annotations !== undefined && (fields(annotations)[HOOK] !== undefined || fields(annotations)[SYNC_WAVE] !== undefined)) {
      findings.push(...annotationFindings(all[n]));
    }
  }
  return [...findings, ...preSyncFindings(cluster)];
}
