import type { PropProblem } from '../validation/known-props';
import type { PropContainerMounts } from './prop-containers';
import { hostWithExtras } from './teslamate-env';

// The SDR-Enthusiasts feeder images (piaware for FlightAware, flightradar24, planefinder, radarbox, adsbhub, …, and
// mikenye's before them) read the Beast stream of a readsb or dump1090 from BEASTHOST, a host name or address alone,
// and its port from BEASTPORT (30005 unless set). A compose habit of `ultrafeeder:30005`, or a URL, is looked up
// whole as a host name: the feeder never connects and sends the flight site nothing.

/** The feeder images of the SDR-Enthusiasts project and of mikenye's, on Docker Hub and GitHub's registry. */
const FEEDER_IMAGE = /^(?:(?:docker\.io|ghcr\.io)\/)?(?:sdr-enthusiasts|mikenye)\/[^:@]+(?=[:@]|$)/;

/** The port BEASTPORT defaults to: readsb's Beast output. */
const BEAST_PORT = '30005';

/** A feeder container whose BEASTHOST holds a scheme or a port: one problem on that variable. Pure. */
export function beastHostProblems({ container, prefix }: PropContainerMounts): PropProblem[] {
  const value = container.env !== null && typeof container.env === 'object' ? (container.env as Record<string, unknown>).BEASTHOST : undefined;
  const extras = typeof value === 'string' && typeof container.image === 'string' && FEEDER_IMAGE.test(container.image) ? hostWithExtras(value) : undefined;
  if (extras === undefined) {
    return [];
  }
  return [{
    field: `${prefix}env.BEASTHOST`,
    message: `BEASTHOST "${String(value)}" is a host name with ${extras.port === undefined ? 'a scheme' : 'a port'} in it: the feeder looks the whole text up as a host name, `
      + 'which resolves to nothing, so it never reads the Beast stream and feeds nothing',
    hint: `write the host alone and its port apart: BEASTHOST: '${extras.host}', BEASTPORT: '${extras.port ?? BEAST_PORT}'`,
  }];
}
