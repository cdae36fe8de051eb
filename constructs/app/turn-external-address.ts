import type { PropProblem } from '../validation/known-props';
import { TURN_RELAY_IMAGE } from './turn-relay-image';

// A TURN relay tells each peer the address to send its media to: coturn behind the router's NAT hands out its LAN
// address unless --external-ip maps it to the public one. coturn's image detects that address in its default
// arguments (`--external-ip=$(detect-external-ip)`), which arguments of the app's own replace.

/** A host as the check reads it: its name, its LAN address and the public address the router forwards from. */
interface NattedHost {
  readonly name: string;
  readonly address: string;
  readonly publicAddress?: string;
}

/** What the check reads of an app: its image, command line, env and volumes. */
export interface TurnRelayProps {
  readonly image?: unknown;
  readonly command?: unknown;
  readonly args?: unknown;
  readonly env?: unknown;
  readonly persistence?: unknown;
}

/** Words of coturn's command line that give the external address, or a config file that may: `--external-ip`, `-X`, `-c`. */
const EXTERNAL_ADDRESS_WORD = /^(--external-ip|-X|-c|--conf)(=|$)/;

/** Where an entry of an app's persistence is mounted, as the check reads it. */
interface PersistenceMounts {
  readonly mountPath?: unknown;
  readonly mounts?: ReadonlyArray<{ readonly mountPath?: unknown } | null>;
}

/** Where coturn reads its config file from unless told (`--sysconfdir=/etc/coturn`), which may give the address. */
const CONFIG_FOLDER = /^\/etc\/(coturn(\/|$)|turnserver\.conf$)/;

/**
 * coturn on the host's network of `hosts` (the hosts its pods may run on, undefined off the host's network), one of
 * which the router reaches at another public address, whose command line replaces the image's default arguments
 * and gives no external address (nor a config file, `DETECT_EXTERNAL_IP` or a volume over its config folder that may):
 * a warning on `args` (or `command`), as peers outside the home would be handed relay addresses of the LAN. A relay
 * meant for the LAN alone is a choice, hence a warning. Pure.
 */
export function turnExternalAddressNotes(props: TurnRelayProps | null | undefined, hosts: readonly NattedHost[] | undefined): PropProblem[] {
  const natted = (hosts ?? []).filter((h) => h.publicAddress !== undefined && h.publicAddress !== h.address);
  if (props === null || typeof props !== 'object' || typeof props.image !== 'string' || !TURN_RELAY_IMAGE.test(props.image) || natted.length === 0) {
    return [];
  }
  const words = [props.command, props.args].flatMap((w) => (Array.isArray(w) ? w : []));
  const env = props.env !== null && typeof props.env === 'object' ? props.env as Record<string, unknown> : {};
  const persistence = props.persistence !== null && typeof props.persistence === 'object' ? Object.values(props.persistence as Record<string, PersistenceMounts | null>) : [];
  // A volume mounted at its path, or through its list of mounts (a ConfigMap's turnserver.conf by subPath).
  const mountPaths = persistence.flatMap((p) => [p?.mountPath, ...(Array.isArray(p?.mounts) ? p!.mounts.map((m) => m?.mountPath) : [])]);
  if ((!Array.isArray(props.command) && !Array.isArray(props.args)) || words.some((w) => typeof w === 'string' && EXTERNAL_ADDRESS_WORD.test(w))
    || env.DETECT_EXTERNAL_IP !== undefined || mountPaths.some((path) => typeof path === 'string' && CONFIG_FOLDER.test(path))) {
    return [];
  }
  const field = Array.isArray(props.args) ? 'args' : 'command';
  const one = natted.length === 1 ? natted[0] : undefined;
  return [{
    field,
    message: `coturn runs on the host's network of ${natted.map((h) => `${h.name}, which the router reaches at ${h.publicAddress!}`).join(', and of ')}, and its ${field} replace the image's default `
      + "arguments, which detect that address, with none: coturn would hand every peer relay addresses of the LAN, which nobody outside the home reaches, so calls relayed for them stay silent",
    hint: one !== undefined
      ? `add '--external-ip=${one.publicAddress!}/${one.address}' to ${field} (the public address, then the host's own), or '--external-ip=$(detect-external-ip)', as the image does`
      : `add '--external-ip=$(detect-external-ip)' to ${field}, as the image does, or pin the app to one host and give its '--external-ip=<public address>/<host address>'`,
  }];
}
