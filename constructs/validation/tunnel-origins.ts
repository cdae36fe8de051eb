import { load } from 'js-yaml';
import type { SynthesizedObject } from '../synth/collect';
import { programName } from './command-secrets';
import { containerConfigMaps } from './config-file-hosts';
import { fields, list, text } from './manifest';
import { clientOrigins, type TunnelClient, tunnelClientOf } from './tunnel-client-origins';
import type { ObjectIndex } from './object-index';
import type { ContainerRef, PodTemplate } from './pod-spec';

// A Cloudflare Tunnel's cloudflared proxies each public host name to an origin in the cluster: the Service
// its `--url` names, or the `service` of each rule of its config file's `ingress` (a ConfigMap mounted into
// it). Every request to the host goes there, so an origin the cluster does not serve answers 502 for all. frp's
// and rathole's clients do the same for each proxy or service of their config files (tunnel-client-origins.ts).

/** A Service a tunnel sends requests to: the text that names it, and where it is written. */
export interface TunnelOrigin {
  /** How messages name it: `cloudflared --url`, `cloudflared's ingress[0].service (ConfigMap cloudflared, key config.yaml)`. */
  readonly label: string;
  /** A name unique per origin of a pod, under which it is reported once. */
  readonly name: string;
  /** The origin URL as written. */
  readonly value: string;
  /** The field that holds it, in `object`. */
  readonly field: string;
  /** The object that holds it: the workload for `--url`, the ConfigMap for a config file. */
  readonly object: SynthesizedObject;
  /** The key of the file that holds the host alone, which a hint writes (frpc's `localIP`). @default - the value holds host and port */
  readonly hostKey?: string;
}

/** cloudflared's image, whose entrypoint is the program (its arguments start with `tunnel`). */
const CLOUDFLARED_IMAGE = /^(?:docker\.io\/)?cloudflare\/cloudflared(?:[:@]|$)/;

/** Whether the container runs cloudflared: by its image, or by the program of its command. */
function runsCloudflared(container: Record<string, unknown>): boolean {
  return CLOUDFLARED_IMAGE.test(text(container.image) ?? '') || (Array.isArray(container.command) && programName(container.command[0]) === 'cloudflared');
}

/**
 * The origins a container that runs cloudflared sends a tunnel's requests to: its `--url`, and the rules of
 * each config file of a ConfigMap mounted into it that has an `ingress` list. None for another container.
 */
export function tunnelOrigins(index: ObjectIndex, template: PodTemplate, ref: ContainerRef): TunnelOrigin[] {
  const container = ref.container;
  const client = tunnelClientOf(text(container.image), Array.isArray(container.command) ? programName(container.command[0]) : undefined);
  if (client !== undefined) {
    return clientConfigOrigins(client, index, template, ref);
  }
  if (!runsCloudflared(container)) {
    return [];
  }
  const command: unknown[] = Array.isArray(container.command) ? container.command : [];
  const words = [...command, ...(Array.isArray(container.args) ? container.args : [])];
  const fieldOf = (i: number) => (i < command.length ? `${ref.path}.command[${i}]` : `${ref.path}.args[${i - command.length}]`);
  const origins: TunnelOrigin[] = [];
  words.forEach((word, i) => {
    const joined = typeof word === 'string' && word.startsWith('--url=') ? word.slice('--url='.length) : undefined;
    const at = joined !== undefined ? i : word === '--url' && typeof words[i + 1] === 'string' ? i + 1 : undefined;
    if (at !== undefined) {
      origins.push({ label: 'cloudflared --url', name: '--url', value: joined ?? String(words[at]), field: fieldOf(at), object: template.object });
    }
  });
  for (const object of containerConfigMaps(index, template, ref)) {
    const configMap = text(fields(object.manifest.metadata).name);
    for (const [key, file] of Object.entries(fields(object.manifest.data))) {
      list(ingressOf(file)).forEach((rule, i) => {
        const service = text(rule.service);
        if (service !== undefined) {
          origins.push({
            label: `cloudflared's ingress[${i}].service (ConfigMap ${configMap}, key ${key})`, name: `${configMap}/${key}/${i}`, value: service, field: `data.${key}`, object,
          });
        }
      });
    }
  }
  return origins;
}

/** The origins the config files of a ConfigMap mounted into a frpc or rathole client name, each on its ConfigMap's key. */
function clientConfigOrigins(client: TunnelClient, index: ObjectIndex, template: PodTemplate, ref: ContainerRef): TunnelOrigin[] {
  return containerConfigMaps(index, template, ref).flatMap((object) => {
    const configMap = text(fields(object.manifest.metadata).name);
    return Object.entries(fields(object.manifest.data)).flatMap(([key, file]) => (typeof file !== 'string' ? [] : clientOrigins(client, file)).map((origin) => ({
      label: `${client}'s ${origin.setting} (ConfigMap ${configMap}, key ${key})`, name: `${configMap}/${key}/${origin.setting}`, value: origin.value, field: `data.${key}`, object, hostKey: origin.hostKey,
    })));
  });
}

/** The `ingress` list of a cloudflared config file, or undefined when the text is no such file. */
function ingressOf(file: unknown): unknown {
  if (typeof file !== 'string' || !/^ingress\s*:/m.test(file)) {
    return undefined;
  }
  try {
    return fields(load(file)).ingress;
  } catch {
    // A file that is no YAML is the ConfigMap rules' to judge.
    return undefined;
  }
}
