import { load } from 'js-yaml';
import type { SynthesizedCluster } from '../synth/collect';
import { imageTag } from '../app/image-tag';
import { commandLine, flagsOf } from './command-flags';
import type { Finding } from './finding';
import { fields, list, objectFinding, text } from './manifest';
import { indexOf } from './object-index';
import { podTemplates } from './pod-spec';

// The descheduler, run by hand as a CronJob, a Job or a Deployment, reads its policy from the file
// `--policy-config-file` names, a key of a ConfigMap mounted there. It decodes the policy by its apiVersion at its
// start and stops at one it does not know: every run then fails, and no pod is ever evicted.

/** The descheduler's image, as registry.k8s.io (and k8s.gcr.io, before) serve it. */
const DESCHEDULER_IMAGE = /^(?:(?:registry\.k8s\.io|k8s\.gcr\.io)\/)?descheduler\/descheduler(?::|@|$)/;

/** The policy versions a descheduler of minor release `minor` decodes: v0.27 added v1alpha2, v0.31 removed v1alpha1. Pure. */
function policyVersionsOf(minor: number | undefined): readonly string[] {
  if (minor !== undefined && minor < 27) {
    return ['descheduler/v1alpha1'];
  }
  return minor !== undefined && minor < 31 ? ['descheduler/v1alpha1', 'descheduler/v1alpha2'] : ['descheduler/v1alpha2'];
}

/**
 * The descheduler's policies it cannot decode: a ConfigMap key read as `--policy-config-file` whose apiVersion the
 * image's release does not read (`descheduler/v1alpha1` from v0.31 on, which removed it), or whose kind is not
 * `DeschedulerPolicy`. Reported on the ConfigMap's key, where the policy is written.
 */
export function checkDeschedulerPolicies(cluster: SynthesizedCluster): Finding[] {
  const findings: Finding[] = [];
  for (const template of podTemplates(cluster.objects)) {
    list(template.spec.containers).forEach((container, i) => {
      const image = text(container.image) ?? '';
      const file = DESCHEDULER_IMAGE.test(image) ? flagsOf(commandLine(container, `${template.specPath}.containers[${i}]`)).get('policy-config-file')?.at(-1)?.value : undefined;
      const mount = file === undefined ? undefined : list(container.volumeMounts).find((m) => file.startsWith(`${(text(m.mountPath) ?? '').replace(/\/+$/, '')}/`));
      const volume = mount && list(template.spec.volumes).find((v) => v.name === mount.name);
      const configMap = volume && fields(volume.configMap);
      const name = configMap && text(configMap.name);
      if (file === undefined || mount === undefined || name === undefined) {
        return;
      }
      const path = file.slice((text(mount.mountPath) ?? '').replace(/\/+$/, '').length + 1);
      const key = text(list(configMap!.items).find((item) => item.path === path)?.key) ?? path;
      const object = indexOf(cluster.objects).find('ConfigMap', template.namespace, name);
      const policy = object && text(fields(object.manifest.data)[key]);
      if (object === undefined || policy === undefined) {
        return; // a ConfigMap or key the output lacks is the references layer's
      }
      let parsed: Record<string, unknown>;
      try {
        parsed = fields(load(policy));
      } catch {
        return; // a key that is no YAML is judged as a config file
      }
      const tag = imageTag(image);
      const minor = tag === undefined ? undefined : /^:v?0\.(\d+)\./.exec(tag)?.[1];
      const versions = policyVersionsOf(minor === undefined ? undefined : Number(minor));
      const apiVersion = text(parsed.apiVersion) ?? '';
      if (!versions.includes(apiVersion) || parsed.kind !== 'DeschedulerPolicy') {
        findings.push(objectFinding(object, {
          layer: 'references', severity: 'error', field: `data.${key}`,
          message: `the descheduler of ${template.object.manifest.kind} ${template.namespace}/${text(fields(template.object.manifest.metadata).name) ?? ''} reads this policy, `
            + `of ${apiVersion === '' ? 'no apiVersion' : `apiVersion "${apiVersion}"`} and kind "${text(parsed.kind) ?? ''}", and ${image} decodes a DeschedulerPolicy of ${versions.join(' or ')} alone: it stops at its start, and no pod is evicted`,
          hint: versions.includes('descheduler/v1alpha2')
            ? 'write the policy as apiVersion: descheduler/v1alpha2, kind: DeschedulerPolicy, its strategies as plugins of a profile (profiles: [{ name, pluginConfig, plugins }], as the descheduler\'s README shows)'
            : `write the policy as apiVersion: ${versions[0]}, kind: DeschedulerPolicy`,
        }));
      }
    });
  }
  return findings;
}
