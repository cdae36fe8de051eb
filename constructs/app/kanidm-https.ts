import type { PropProblem } from '../validation/known-props';
import { givenSettings } from './image-settings';
import type { PropContainerMounts } from './prop-containers';
import { KANIDM_IMAGE } from './redirect-urls';

// Kanidm serves its web interface and API over TLS alone, with the certificate it is given (`tls_chain`, `tls_key`):
// it takes TLS on every connection as mandatory, a load balancer's too. A route whose ingress speaks plain HTTP to
// that port gets no page at all (the TLS listener answers "client sent an HTTP request to an HTTPS server", or drops
// the connection), so the port is marked as one that serves HTTPS, which makes the ingress connect with TLS.

/** The port Kanidm's web server listens on unless its bind address moves it (`[::]:8443`). */
const KANIDM_HTTPS_PORT = 8443;

/** What the app's props hold beside its containers that this check reads: its ports and its route. */
interface KanidmAppProps {
  readonly ports?: unknown;
  readonly route?: unknown;
}

/** The port of a bind address (`[::]:8443`, `0.0.0.0:8443`), or undefined where none is written. Pure. */
function boundPort(address: unknown): number | undefined {
  const port = typeof address === 'string' ? /:(\d{1,5})\s*$/.exec(address)?.[1] : undefined;
  return port === undefined ? undefined : Number(port);
}

/**
 * The port of a routed Kanidm app (its main container of image `kanidm/server`) on which Kanidm serves HTTPS, its
 * bind address's (`KANIDM_BINDADDRESS`, 8443 unless set), declared without `appProtocol: 'https'`: the ingress would
 * speak plain HTTP to a port that answers TLS alone. On that port's `appProtocol`. Pure.
 */
export function kanidmHttpsProblems(props: KanidmAppProps | null | undefined, containers: readonly PropContainerMounts[]): PropProblem[] {
  const main = containers.find((entry) => entry.prefix === '')?.container;
  if (props === null || props === undefined || props.route === undefined || typeof main?.image !== 'string' || !KANIDM_IMAGE.test(main.image)) {
    return [];
  }
  const bound = givenSettings(main, { env: ['KANIDM_BINDADDRESS'] }).map(boundPort).find((port) => port !== undefined) ?? KANIDM_HTTPS_PORT;
  const ports = Array.isArray(props.ports) ? props.ports as Array<Record<string, unknown> | null> : [];
  const port = ports.find((entry) => entry?.port === bound && entry.protocol !== 'UDP');
  if (port === undefined || port === null || port.appProtocol === 'https') {
    return [];
  }
  const name = typeof port.name === 'string' ? port.name : String(bound);
  return [{
    field: `ports.${name}.appProtocol`,
    message: `Kanidm serves port ${bound} over TLS alone, with its own certificate, but the port is not marked as serving HTTPS: the route's ingress would speak plain HTTP to it and get no page back`,
    hint: `let the ingress connect with TLS: ports: [{ name: '${name}', port: ${bound}, appProtocol: 'https' }], with exemptions: { unverifiedBackendTls: '<reason>' }`,
  }];
}
