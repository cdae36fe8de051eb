// Ports an image serves over TCP and over UDP at one number, each protocol carrying something else: declared for one
// protocol alone, the app's Service and load balancer forward nothing of the other, and the server cannot be used.

/** A port an image serves on both protocols, and what each carries. */
export interface DualProtocolPort {
  /** The image, by repository, with or without a registry. */
  readonly image: RegExp;
  /** The port, as the image listens on it. */
  readonly port: number;
  /** What runs there, as messages name it. */
  readonly server: string;
  /** What its UDP carries. */
  readonly udp: string;
  /** What its TCP carries. */
  readonly tcp: string;
}

const DUAL_PROTOCOL_PORTS: readonly DualProtocolPort[] = [
  // Since 1.0 Satisfactory's server takes the game over UDP and its HTTPS API over TCP on 7777 (SERVERGAMEPORT): the
  // game client's Server Manager claims, configures and joins the server through the API. The 15000 and 15777 of older
  // guides are no longer read.
  {
    image: /^(?:docker\.io\/)?wolveix\/satisfactory-server(?=[:@]|$)/, port: 7777, server: "Satisfactory's dedicated server",
    udp: 'the game', tcp: 'its HTTPS API, through which the Server Manager claims the server and players join it',
  },
];

/** The use an image of `image` makes of both protocols on `port`, or undefined. Pure. */
export function dualProtocolUse(image: unknown, port: number): DualProtocolPort | undefined {
  return typeof image === 'string' ? DUAL_PROTOCOL_PORTS.find((known) => known.port === port && known.image.test(image)) : undefined;
}
