import { fields, Fields, list, namespaceOf, text } from './manifest';
import type { ObjectIndex } from './object-index';

/**
 * The spec of the claim `name` of `namespace` as the output makes it: a PersistentVolumeClaim's, or the claim template
 * of the StatefulSet whose controller makes a claim of that name for one of its pods (`<template>-<StatefulSet>-<ordinal>`,
 * an ordinal below its `replicas`), since an object that names a StatefulSet's claim (a VolumeSnapshot of its data)
 * gets the class and size its template gives. Undefined when the output makes no such claim. Pure.
 */
export function claimSpecNamed(index: ObjectIndex, namespace: string, name: string): Fields | undefined {
  const claim = index.find('PersistentVolumeClaim', namespace, name);
  if (claim !== undefined) {
    return fields(claim.manifest.spec);
  }
  for (const statefulSet of index.of('StatefulSet').filter((o) => namespaceOf(o) === namespace)) {
    const spec = fields(statefulSet.manifest.spec);
    const replicas = typeof spec.replicas === 'number' ? spec.replicas : 1;
    const template = list(spec.volumeClaimTemplates).find((t) => {
      const prefix = `${text(fields(t.metadata).name) ?? ''}-${text(statefulSet.manifest.metadata.name) ?? ''}-`;
      const ordinal = name.startsWith(prefix) ? name.slice(prefix.length) : '';
      return /^(0|[1-9][0-9]*)$/.test(ordinal) && Number(ordinal) < replicas;
    });
    if (template !== undefined) {
      return fields(template.spec);
    }
  }
  return undefined;
}
