import { writesSecret } from './secret-values';

// A Traefik Middleware of a plugin (`spec.plugin.<plugin>`) hands its settings to the plugin by name, as a chart
// reads its values: CrowdSec's bouncer reads its LAPI key from `crowdsecLapiKey`, an OIDC plugin its client secret
// from `clientSecret`. Written out there, the key is committed in the clear; Traefik's CRD provider reads a value
// `urn:k8s:secret:<secret>:<key>` from that Secret of the Middleware's namespace instead, and most plugins take a
// file setting (`crowdsecLapiKeyFile`) for a Secret mounted into Traefik's pods.

/** A value Traefik reads from a Secret of the Middleware's namespace: `urn:k8s:secret:<secret>:<key>`. */
const SECRET_URN = /^urn:k8s:secret:[^:]+:[^:]+$/;

/** A setting of a plugin Middleware that writes a secret out. */
export interface PluginSettingSecret {
  /** Keys from the manifest's root to the setting (`spec`, `plugin`, `bouncer`, `crowdsecLapiKey`). */
  readonly parts: ReadonlyArray<string | number>;
  /** The setting's name, as the plugin reads it. */
  readonly name: string;
  /** The value written there. */
  readonly value: string;
}

/** The hint for such a setting, with the Middleware's plugin setting `name`. */
export function pluginSecretHint(name: string): string {
  return `keep the value in a SealedSecret, a SopsSecret or an ExternalSecret of the Middleware's namespace and write ${name}: 'urn:k8s:secret:<secret>:<key>', `
    + "which Traefik reads from that Secret; or mount the Secret into Traefik's pods and give the plugin's file setting its path";
}

/** Whether `manifest` is a Traefik Middleware (of `traefik.io` or the older `traefik.containo.us`). Pure. */
function isTraefikMiddleware(manifest: { readonly apiVersion?: unknown; readonly kind?: unknown }): boolean {
  return manifest.kind === 'Middleware' && typeof manifest.apiVersion === 'string' && /^traefik\.(?:io|containo\.us)\//.test(manifest.apiVersion);
}

/** The settings under `value` that write a secret out, by the name of the key that holds each. Pure. */
function secretsUnder(value: unknown, parts: Array<string | number>, name: string | undefined, found: PluginSettingSecret[]): void {
  if (typeof value === 'string') {
    if (name !== undefined && !SECRET_URN.test(value) && writesSecret(name, value)) {
      found.push({ parts: [...parts], name, value });
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => secretsUnder(item, [...parts, i], name, found));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      secretsUnder(item, [...parts, key], key, found);
    }
  }
}

/** Every setting of a Traefik plugin Middleware that writes a secret out; none for any other object. Pure. */
export function pluginSettingSecrets(manifest: { readonly apiVersion?: unknown; readonly kind?: unknown; readonly spec?: unknown }): PluginSettingSecret[] {
  const plugin = isTraefikMiddleware(manifest) && manifest.spec !== null && typeof manifest.spec === 'object'
    ? (manifest.spec as Record<string, unknown>).plugin : undefined;
  const found: PluginSettingSecret[] = [];
  if (plugin !== null && typeof plugin === 'object' && !Array.isArray(plugin)) {
    secretsUnder(plugin, ['spec', 'plugin'], undefined, found);
  }
  return found;
}
