import type { Construct } from 'constructs';
import { FRIGATE_IMAGE } from '../app/root-started-images';
import { plainHttpToTlsPort } from '../app/tls-only-ports';
import type { SynthesizedCluster } from '../synth/collect';
import { NOTE_TYPE_PREFIX } from '../synth/note-types';
import { imageConfigFiles } from './config-file-hosts';
import type { Finding } from './finding';
import { fields, text } from './manifest';
import { yamlMapping } from './yaml-mapping';

// From 0.14 on, Frigate serves its login port (8971) over TLS, with a certificate it signs itself, unless its
// config.yml says `tls: { enabled: false }`. A route that speaks plain HTTP to that port is refused on every request.
// The app knows its route and port; whether TLS is on is in the config file, a ConfigMap the pods mount, which only
// the synthesized cluster holds: the app notes the route, and this check reads the file. A config kept on a claim
// (edited in Frigate's UI) is not in the output, and is left alone.

const FRIGATE_PLAIN_ROUTE_NOTE = `${NOTE_TYPE_PREFIX}frigate-plain-route`;

/** A route of a Frigate app that speaks plain HTTP to its login port. */
interface FrigatePlainRoute {
  /** The container port, Frigate's login port. */
  readonly port: number;
  /** The name of the app's port the route sends to. */
  readonly portName: string;
}

/** Notes that a route of the Frigate app `scope` speaks plain HTTP to its login port, for {@link checkFrigateTlsRoutes}. */
export function noteFrigatePlainRoute(scope: Construct, route: FrigatePlainRoute): void {
  scope.node.addMetadata(FRIGATE_PLAIN_ROUTE_NOTE, route);
}

/** Frigate's own config file, as it reads it from `/config`. */
const FRIGATE_CONFIG_KEY = /^config\.ya?ml$/;

/** Whether a Frigate config text turns TLS off (`tls: { enabled: false }`); a text YAML cannot read is taken as doing so. Pure. */
export function frigateTlsOff(file: string): boolean {
  const config = yamlMapping(file);
  return config === undefined || fields(config.tls).enabled === false;
}

/**
 * A plain HTTP route to Frigate's login port, noted by the app, whose config file in a ConfigMap the pods mount leaves
 * TLS on: one error on the app's port, as the route would be refused on every request.
 */
export function checkFrigateTlsRoutes(cluster: SynthesizedCluster): Finding[] {
  const notes = cluster.notes.filter((note) => note.type === FRIGATE_PLAIN_ROUTE_NOTE);
  if (notes.length === 0) {
    return [];
  }
  const configs = imageConfigFiles(cluster, FRIGATE_IMAGE).filter((config) => FRIGATE_CONFIG_KEY.test(config.key));
  // Several routes (or rules) to the one port are one mistake.
  const told = new Set<string>();
  return notes.flatMap((note) => {
    const { port, portName } = note.data as FrigatePlainRoute;
    if (told.has(`${note.constructPath}\n${portName}`) || told.add(`${note.constructPath}\n${portName}`) === undefined) {
      return [];
    }
    const config = configs.find((c) => c.template.object.constructPath.startsWith(`${note.constructPath}/`));
    if (config === undefined || frigateTlsOff(config.file)) {
      return [];
    }
    const configMap = text(fields(config.configMap.manifest.metadata).name) ?? '';
    return [{
      constructPath: note.constructPath, layer: 'references', severity: 'error', field: `ports.${portName}.appProtocol`,
      message: `${plainHttpToTlsPort(port, { app: 'Frigate' }, 'a route')}; Frigate's config (ConfigMap ${configMap}'s ${config.key}) leaves TLS on, as Frigate does from 0.14`,
      hint: "set appProtocol: 'https' on the port, with exemptions: { unverifiedBackendTls: 'Frigate signs its own certificate' }; "
        + "or turn TLS off in Frigate's config, tls: { enabled: false }, as the route's ingress gives the browser HTTPS",
    }];
  });
}
