import type { Finding } from '../validation/finding';
import type { EnvValue } from './env';
import { ANUJDATAR_CUPS_IMAGE, CUPS_AIRPRINT_RELAY_IMAGE } from './cups-images';
import { imageRows } from './image-rows';

// Some home-automation servers do their work on the LAN's own link: they find devices by mDNS or SSDP and talk to
// them at addresses only that link reaches. The pod network forwards no multicast and gives the pod no address on
// the LAN, so on it they start, answer Home Assistant, and never reach a device. Their own docs run them with the
// host's network (`network_mode: host`).

/** An image whose work needs the host's network, and what it does there. */
interface HostNetworkImage {
  readonly image: RegExp;
  readonly app: string;
  /** What it does on the LAN, for the message. */
  readonly needs: string;
  /** What fails on the pod network, for the message. */
  readonly fails: string;
  /** The exemption's reason the hint writes. */
  readonly reason: string;
  /**
   * Env switches under which it does without the LAN's link, and what each does instead; the finding is a warning
   * then, as the setup may be deliberate. @default - none: an error
   */
  readonly withoutLink?: ReadonlyArray<{ readonly name: string; readonly does: string }>;
  /**
   * The word of its command line that starts the server this is about, where the image runs other tools when told
   * (ESPHome's `compile` or `run` of one device); a command line without it runs one of those. @default - every command line runs the server
   */
  readonly serverWord?: string;
  /**
   * What it still does on the pod network, where its docs do not ask for the host's (a print server whose clients
   * may add its printers by address); the finding is a warning then, as the setup may be deliberate.
   * @default - nothing: an error
   */
  readonly stillDoes?: string;
}

const HOST_NETWORK_IMAGES: readonly HostNetworkImage[] = [
  {
    image: /^ghcr\.io\/home-assistant-libs\/python-matter-server(?=[:@]|$)/, app: "Home Assistant's Matter Server",
    needs: 'finds Matter devices by mDNS and talks to them over IPv6 on the LAN\'s own link',
    fails: 'commissions no device and reaches none', reason: 'Matter devices are reached over IPv6 on the LAN and found by mDNS',
  },
  {
    image: /^ghcr\.io\/music-assistant\/server(?=[:@]|$)/, app: 'Music Assistant',
    needs: 'finds its players (Chromecast, AirPlay, Sonos, DLNA) by mDNS and SSDP and has them fetch each stream from its own address',
    fails: 'finds no player, and a player told the pod\'s address cannot fetch a stream', reason: 'players are found by mDNS and SSDP and fetch streams from it',
  },
  {
    // The image's own docs: Homebridge needs the host's network (`--net=host`) for HomeKit to find and pair it.
    image: /^(ghcr\.io\/|(docker\.io\/)?)(homebridge|oznu)\/homebridge(?=[:@]|$)/, app: 'Homebridge',
    needs: 'advertises its HomeKit bridge by mDNS (Bonjour), which the Home app finds it by and pairs with',
    fails: 'is never found by the Home app, and no accessory of it can be added', reason: 'HomeKit finds and pairs the bridge by mDNS on the LAN',
  },
  {
    image: /^(ghcr\.io\/|(docker\.io\/)?)esphome\/esphome(?=[:@]|$)/, app: "ESPHome's dashboard",
    needs: 'tells which devices are online from their mDNS announcements',
    fails: 'shows every device offline', reason: 'device status comes from mDNS announcements',
    withoutLink: [
      { name: 'ESPHOME_DASHBOARD_USE_PING', does: 'pings each device by its name instead' },
      { name: 'ESPHOME_DASHBOARD_USE_MQTT', does: 'reads each device\'s status from the MQTT broker instead' },
    ],
    // The image's default command line is `dashboard /config`; told `compile` or `run` of a device's YAML, it builds firmware and exits.
    serverWord: 'dashboard',
  },
  {
    // Its docs: it must run on the host's network, for the multicast AirPrint needs.
    image: CUPS_AIRPRINT_RELAY_IMAGE, app: "chuckcharlie's AirPrint relay",
    needs: 'announces each shared printer by mDNS (Avahi), which iPhones, iPads and Macs find AirPrint printers by',
    fails: 'announces no printer to the LAN, and no Apple device lists one', reason: 'AirPrint printers are announced by mDNS on the LAN',
  },
  {
    image: ANUJDATAR_CUPS_IMAGE, app: "anujdatar's CUPS image",
    needs: 'announces each shared printer by mDNS with its avahi-daemon, which AirPrint clients and Linux desktops find printers by',
    fails: 'announces no printer to the LAN', reason: 'AirPrint printers are announced by mDNS on the LAN',
    stillDoes: 'clients that add a printer by its address (ipp://<address>:631/printers/<name>) still print',
  },
  {
    // Its manual: clients on the LAN find the server by UDP broadcast to port 35623, which reaches no pod behind a load balancer.
    image: /^((docker\.io\/)?uroni\/urbackup-server)(?=[:@]|$)/, app: 'UrBackup',
    needs: "finds the LAN's computers by UDP broadcast (clients answer on 35623)",
    fails: 'finds no client on the LAN', reason: 'clients on the LAN are found by UDP broadcast',
    stillDoes: 'clients set up as Internet clients with its address and port 55415 still back up',
  },
];

/**
 * Whether ESPHome reads an env switch as on: as its `get_bool_env` does, any text but `''`, `0` and `false`, in
 * any case. Pure.
 */
function switchedOn(value: EnvValue | undefined): boolean {
  return typeof value === 'string' && !['', '0', 'false'].includes(value.trim().toLowerCase());
}

/** What the host-network check reads of an app's props. */
export interface HostNetworkImageProps {
  readonly image?: unknown;
  readonly command?: unknown;
  readonly args?: unknown;
  readonly env?: Readonly<Record<string, EnvValue>>;
  readonly exemptions?: { readonly hostNetwork?: unknown };
}

/**
 * The finding of an app of an image in {@link HOST_NETWORK_IMAGES} off the host's network, on
 * `exemptions.hostNetwork`: an error, or a warning for an image that can do without the LAN's link under an env
 * switch (which, once on, leaves it alone) or whose work partly goes on without it. Undefined for any other app, and for a command line that runs another
 * tool of the image than its server. Pure.
 */
export function hostNetworkImageFinding(props: HostNetworkImageProps): Omit<Finding, 'constructPath'> | undefined {
  const { image, env = {} } = props;
  const known = typeof image === 'string' ? imageRows(HOST_NETWORK_IMAGES, image)[0] : undefined;
  if (known === undefined || props.exemptions?.hostNetwork !== undefined) {
    return undefined;
  }
  const words = [props.command, props.args].flatMap((part) => (Array.isArray(part) ? part : []));
  if (known.serverWord !== undefined && words.length > 0 && !words.includes(known.serverWord)) {
    return undefined;
  }
  const { withoutLink, stillDoes } = known;
  if (withoutLink?.some((setting) => switchedOn(env[setting.name])) === true) {
    return undefined;
  }
  return {
    layer: 'props', severity: withoutLink === undefined && stillDoes === undefined ? 'error' : 'warning', field: 'exemptions.hostNetwork',
    message: `${known.app} ${known.needs}; on the pod network, which forwards no multicast and has no address on the LAN, it ${known.fails}`
      + (stillDoes === undefined ? '' : ` (${stillDoes})`),
    hint: `run it on the host's network, as its docs do: exemptions: { hostNetwork: '${known.reason}' }`
      + (withoutLink === undefined ? '' : `; or set ${withoutLink.map((setting) => `env: { ${setting.name}: 'true' }, which ${setting.does}`).join('; or ')}`),
  };
}
