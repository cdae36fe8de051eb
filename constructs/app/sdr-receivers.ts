import type { PropProblem } from '../validation/known-props';
import { commandLineWords } from './command-line-words';
import { type PropContainer, propContainers, type PropContainersProps, propEnvValue } from './prop-containers';

// A software-defined radio receiver (readsb decoding ADS-B, rtl_433, AIS-catcher, OpenWebRX) opens its RTL-SDR
// dongle through libusb, which walks the USB device nodes under /dev/bus/usb: a container given none of them finds
// no dongle ("No supported devices found", "usb_open error"), and readsb, rtl_433 and AIS-catcher exit and restart
// for ever. The dongle is plugged into one machine, while /dev/bus/usb exists on every host, so the kubelet starts
// such a pod on whichever host the scheduler picks, where the receiver finds no dongle of its serial.

/** A receiver program, how its images are named and how it is told to read a source other than a dongle of its own. */
interface SdrReceiver {
  readonly program: string;
  /**
   * The dongle it opens as its settings name it (a serial, or an index librtlsdr counts from 0), or undefined where it
   * names it in a way not read here (from a Secret, in a configuration file).
   */
  readonly dongle: (env: unknown, words: readonly string[]) => string | undefined;
  /** Whether a container of `image` and `env` runs the program. */
  readonly runs: (image: string, env: unknown) => boolean;
  /**
   * Whether it reads no dongle of its own: a recording or a receiver of the network (rtl_tcp, SpyServer), or a
   * source its own configuration names, which is left to it (OpenWebRX configures its SDRs in its web settings).
   */
  readonly readsElsewhere: (env: unknown, words: readonly string[]) => boolean;
  /** How a dongle is named by its serial, for hints. */
  readonly bySerial: string;
}

/**
 * readsb's images of the SDR-Enthusiasts project (and their earlier home, mikenye's): ultrafeeder, which bundles
 * tar1090, and readsb-protobuf. They read a dongle only with `READSB_DEVICE_TYPE: rtlsdr`; without it they decode
 * what other receivers send them over the network.
 */
const READSB_IMAGE = /^(?:(?:docker\.io|ghcr\.io)\/)?(?:sdr-enthusiasts\/docker-(?:adsb-ultrafeeder|readsb-protobuf)|mikenye\/(?:readsb|readsb-protobuf))(?=[:@]|$)/;

/** rtl_433's image on Docker Hub and GitHub's registry. */
const RTL_433_IMAGE = /^(?:(?:docker\.io\/)?hertzg\/rtl_433|ghcr\.io\/hertzg\/rtl_433(?:_docker)?)(?=[:@]|$)/;

/** Whether a container (as rendered, or as an app's props give it) runs rtl_433's image. Pure. */
export function runsRtl433(container: { readonly image?: unknown }): boolean {
  return typeof container.image === 'string' && RTL_433_IMAGE.test(container.image);
}

/** AIS-catcher's own image. */
const AIS_CATCHER_IMAGE = /^ghcr\.io\/jvde-github\/ais-catcher(?=[:@]|$)/;

/** OpenWebRX's images: the original and OpenWebRX+. */
const OPENWEBRX_IMAGE = /^(?:(?:docker\.io)\/)?(?:jketterl\/openwebrx(?:-[a-z]+)?|slechev\/openwebrxplus(?:-[a-z]+)?)(?=[:@]|$)/;

/** Whether `words` give one of `flags` (`-r`), alone or with its value glued on (`-rfile.cu8`). */
const gives = (words: readonly string[], flags: readonly string[]): boolean => words.some((word) => flags.some((flag) => word.startsWith(flag)));

/** The dongle librtlsdr opens when none is named: the first it finds, index 0. */
const FIRST_DONGLE = '0';

/** The value of rtl_433's (and AIS-catcher's) `-d`, given apart or glued on (`-d rtl_tcp:…`, `-d:0`), or undefined. */
function deviceFlag(words: readonly string[]): string | undefined {
  const at = words.findIndex((word) => word.startsWith('-d'));
  return at < 0 ? undefined : words[at] === '-d' ? words[at + 1] : words[at].slice(2);
}

/** The dongle readsb opens by its READSB_RTLSDR_DEVICE (`named`): the first when unset, none read from a Secret. */
const readsbDongle = (named: unknown): string | undefined => (named === undefined ? FIRST_DONGLE : typeof named === 'string' ? named : undefined);

const RECEIVERS: readonly SdrReceiver[] = [
  {
    program: 'readsb',
    runs: (image, env) => READSB_IMAGE.test(image) && propEnvValue(env, 'READSB_DEVICE_TYPE') === 'rtlsdr',
    readsElsewhere: () => false,
    dongle: (env) => readsbDongle(propEnvValue(env, 'READSB_RTLSDR_DEVICE')),
    bySerial: "READSB_RTLSDR_DEVICE: '<serial>'",
  },
  {
    // `-r` reads a recording; `-d rtl_tcp:<host>` a dongle served by rtl_tcp elsewhere. A config file given with `-c`
    // and no `-d` names its source in its own `device` line (`device rtl_tcp:<host>:1234` as well as a serial),
    // which is left to it.
    program: 'rtl_433',
    runs: (image) => runsRtl433({ image }),
    readsElsewhere: (_env, words) => gives(words, ['-r']) || /^rtl_tcp/.test(deviceFlag(words) ?? '') || (gives(words, ['-c']) && deviceFlag(words) === undefined),
    // `-d :<serial>` names a serial, `-d <n>` an index.
    dongle: (_env, words) => (deviceFlag(words) ?? FIRST_DONGLE).replace(/^:/, ''),
    bySerial: "args: ['-d', ':<serial>', …]",
  },
  {
    // `-t` (rtl_tcp), `-y` (SpyServer), `-z` (ZMQ), `-r` and `-w` (recordings) read no dongle of the pod; `-C` and `-E`
    // read the input from a configuration file.
    program: 'AIS-catcher',
    runs: (image) => AIS_CATCHER_IMAGE.test(image),
    readsElsewhere: (_env, words) => gives(words, ['-t', '-y', '-z', '-r', '-w', '-C', '-E']),
    // `-d:<n>` names an index, `-d <serial>` a serial.
    dongle: (_env, words) => (deviceFlag(words) ?? FIRST_DONGLE).replace(/^:/, ''),
    bySerial: "args: ['-d', '<serial>', …]",
  },
  {
    program: 'OpenWebRX',
    runs: (image) => OPENWEBRX_IMAGE.test(image),
    readsElsewhere: () => true,
    dongle: () => undefined,
    bySerial: "the device's serial in OpenWebRX's SDR settings",
  },
];

/** The receiver a container runs, or undefined. Pure. */
function receiverOf(container: PropContainer): SdrReceiver | undefined {
  return typeof container.image === 'string' ? RECEIVERS.find((r) => r.runs(container.image as string, container.env)) : undefined;
}

/** Whether `path` is the USB device tree, or a bus of it, which libusb finds a dongle in. Pure. */
export function isUsbDeviceTree(path: string): boolean {
  return /^\/dev\/bus\/usb(\/\d{3})?\/?$/.test(path);
}

/**
 * Whether an app's props run an SDR receiver that opens a dongle of the pod's host: its USB device tree, mounted
 * from the host where the pod runs, is then the one the dongle must be plugged into. Pure.
 */
export function readsLocalDongle(props: PropContainersProps, app: string): boolean {
  return propContainers(props, app).some(({ container }) => receiverOf(container) !== undefined);
}

/**
 * The dongle the first receiver of an app's props that reads one of its own opens, as {@link SdrReceiver.dongle}
 * names it, or undefined. Pure.
 */
export function dongleOpened(props: PropContainersProps, app: string): string | undefined {
  for (const { container } of propContainers(props, app)) {
    const receiver = receiverOf(container);
    const words = commandLineWords(container);
    if (receiver !== undefined && !receiver.readsElsewhere(container.env, words)) {
      return receiver.dongle(container.env, words);
    }
  }
  return undefined;
}

/** How a message names a dongle named as {@link dongleOpened} gives it. Pure. */
export function dongleText(dongle: string): string {
  return dongle === FIRST_DONGLE ? 'the first RTL-SDR dongle (index 0, as it names none)' : `RTL-SDR dongle ${dongle}`;
}

/**
 * Containers of readsb (with `READSB_DEVICE_TYPE: rtlsdr`), rtl_433 or AIS-catcher that read a dongle of their
 * own and are given no USB device tree (`usbContainers`: the names of the containers `devices` gives
 * `/dev/bus/usb` or a bus of it, or a device plugin's resource), in an app that is not privileged: one problem on the
 * first one's `image`. Pure.
 */
export function sdrDongleProblems(props: PropContainersProps, app: string, usbContainers: readonly string[], privileged: boolean): PropProblem[] {
  if (privileged) {
    return [];
  }
  for (const { container, prefix } of propContainers(props, app)) {
    const receiver = receiverOf(container);
    if (receiver === undefined || usbContainers.includes(String(container.name)) || receiver.readsElsewhere(container.env, commandLineWords(container))) {
      continue;
    }
    return [{
      field: `${prefix}image`,
      message: `${prefix === '' ? 'the main container' : `container ${String(container.name)}`} runs ${receiver.program}, which opens its RTL-SDR dongle through the USB device nodes, `
        + 'and the container is given none: it finds no dongle, exits and restarts for ever',
      hint: "give it the host's USB devices and let it open them: devices: [AppDevice.hostDevice('/dev/bus/usb')], "
        + "exemptions: { hostPath: 'the RTL-SDR dongle', privileged: 'libusb opens the dongle' }, placement: { host: <the host the dongle is plugged into> }; "
        + `with several dongles, pick this one by its serial: ${receiver.bySerial}`,
    }];
  }
  return [];
}
