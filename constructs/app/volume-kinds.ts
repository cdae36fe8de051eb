import { describeValue } from '../inventory/problems';

/** Each kind of `AppVolume`, the fields its source is rendered from, and the factory that makes it, for hints. */
const VOLUME_KINDS: Readonly<Record<string, { readonly fields: readonly string[]; readonly factory: string }>> = {
  claim: { fields: ['claim'], factory: "AppVolume.claim({ tier: 'fast', size: '10Gi' })" },
  existingClaim: { fields: ['claimName'], factory: "AppVolume.existingClaim('data')" },
  nfs: { fields: ['export', 'path'], factory: 'AppVolume.nfs(site.nfs.<export>)' },
  hostPath: { fields: ['path'], factory: "AppVolume.hostPath('/srv/media')" },
  emptyDir: { fields: ['emptyDir'], factory: 'AppVolume.emptyDir()' },
  configMap: { fields: ['configMapName'], factory: "AppVolume.configMap('config')" },
  secret: { fields: ['secretName'], factory: "AppVolume.secret('credentials')" },
  secretsStore: { fields: ['secretProviderClass'], factory: "AppVolume.secretsStore('app-secrets')" },
};

/**
 * The problem of a volume written by hand (JavaScript, or JSON read from a file) whose `type` is no kind of
 * `AppVolume`, or that lacks a field its kind is rendered from (`{ type: 'emptyDir' }` without its `emptyDir`):
 * the volume would be dropped, or its rendering would read past what is there. Pure.
 */
export function volumeKindProblem(given: unknown, field: string): { field: string; message: string; hint: string } | undefined {
  if (typeof given !== 'object' || given === null) {
    return undefined; // The prop's shape check answers a volume of another type.
  }
  const volume = given as Readonly<Record<string, unknown>>;
  const type = volume.type;
  const kind = typeof type === 'string' && Object.prototype.hasOwnProperty.call(VOLUME_KINDS, type) ? VOLUME_KINDS[type] : undefined;
  if (kind === undefined) {
    return {
      field: `${field}.type`,
      message: `a volume of type ${describeValue(type)} is no kind of volume an app mounts (${Object.keys(VOLUME_KINDS).join(', ')})`,
      hint: `make the volume with its factory, e.g. ${VOLUME_KINDS.claim.factory} or ${VOLUME_KINDS.emptyDir.factory}`,
    };
  }
  // null there is answered by the prop's shape check ("is null, not an object").
  const missing = kind.fields.filter((name) => volume[name] === undefined);
  return missing.length === 0 ? undefined : {
    field: `${field}.${missing[0]}`,
    message: `the ${type} volume has no ${missing.join(' and no ')}, which its source is made from`,
    hint: `make the volume with its factory, e.g. ${kind.factory}`,
  };
}
