import type { PropProblem } from '../validation/known-props';
import { ZIGBEE2MQTT_IMAGE } from './household-app-images';
import { TUBEARCHIVIST_IMAGE } from './tubearchivist-env';

// Some images read a server's address as a connection URL and cannot do without its scheme. TubeArchivist reaches
// Elasticsearch at ES_URL and Redis at REDIS_CON, whose documentation asks for "protocol and port"
// (`http://archivist-es:9200`, `redis://archivist-redis:6379`): written as a bare `host:port`, as the older REDIS_HOST
// was, its startup check of the connection fails and the container exits. Zigbee2MQTT hands
// ZIGBEE2MQTT_CONFIG_MQTT_SERVER (`mqtt.server` of its configuration) to MQTT.js, which takes `mqtt://` or `mqtts://`
// alone: `mosquitto:1883` has no protocol it knows, the connection fails and Zigbee2MQTT exits
// ("MQTT failed to connect, exiting..."). Either way the pod restarts forever.

/** A connection URL an image reads, with the scheme and port the hint writes where the value has none. */
interface ConnectionUrl {
  readonly image: RegExp;
  readonly app: string;
  readonly name: string;
  /** The server the URL reaches, as messages name it. */
  readonly server: string;
  readonly scheme: string;
  readonly port: number;
  /** What the app does with a URL without a scheme. */
  readonly fails: string;
}

const TUBEARCHIVIST_FAILS = 'its startup check of the connection fails and the container exits';
const CONNECTION_URLS: readonly ConnectionUrl[] = [
  { image: TUBEARCHIVIST_IMAGE, app: 'TubeArchivist', name: 'ES_URL', server: 'Elasticsearch', scheme: 'http', port: 9200, fails: TUBEARCHIVIST_FAILS },
  { image: TUBEARCHIVIST_IMAGE, app: 'TubeArchivist', name: 'REDIS_CON', server: 'Redis', scheme: 'redis', port: 6379, fails: TUBEARCHIVIST_FAILS },
  {
    image: ZIGBEE2MQTT_IMAGE, app: 'Zigbee2MQTT', name: 'ZIGBEE2MQTT_CONFIG_MQTT_SERVER', server: 'the MQTT broker', scheme: 'mqtt', port: 1883,
    fails: 'MQTT.js knows no protocol in it (it takes mqtt:// or mqtts://), the connection fails and Zigbee2MQTT exits ("MQTT failed to connect, exiting...")',
  },
];

/**
 * A container whose image reads a connection URL ({@link CONNECTION_URLS}) written without a scheme
 * (`archivist-es:9200`, `mosquitto.iot:1883`): one problem on each such variable, whose hint writes the URL with its
 * scheme and a port. A value from a Secret is left alone. Pure.
 */
export function unschemedConnectionUrlProblems(container: { readonly image?: unknown; readonly env?: unknown }): PropProblem[] {
  const image = container.image;
  const env = container.env !== null && typeof container.env === 'object' ? container.env as Record<string, unknown> : {};
  return typeof image !== 'string' ? [] : CONNECTION_URLS.filter((row) => row.image.test(image)).flatMap(({ app, name, server, scheme, port, fails }) => {
    const url = env[name];
    if (typeof url !== 'string' || url.trim() === '' || /^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
      return [];
    }
    const withPort = /:\d+(\/|$)/.test(url) ? url : `${url.replace(/\/$/, '')}:${port}`;
    return [{
      field: `env.${name}`,
      message: `${name} "${url}" names no scheme: ${app} reads it as the URL of ${server}, so ${fails}`,
      hint: `write the URL with its scheme and port: ${name}: '${scheme}://${withPort}'`,
    }];
  });
}
