import type { PropProblem } from '../validation/known-props';
import { propContainers, PropContainerMounts, PropContainersProps } from './prop-containers';

/** Mosquitto's official image, by repository, with or without `docker.io/library/`. */
export const MOSQUITTO_IMAGE = /^(docker\.io\/)?(library\/)?eclipse-mosquitto(?=[:@]|$)/;

/** Tags of Mosquitto 1, which listened on every address without a configuration. */
const MOSQUITTO_1_TAG = /:1(\.|-|$)/;

/** Where the image's `CMD` reads its configuration (`mosquitto -c /mosquitto/config/mosquitto.conf`), and the folders above it. */
const CONFIG_PATHS = ['/mosquitto/config/mosquitto.conf', '/mosquitto/config', '/mosquitto'];

/**
 * Containers of Mosquitto 2's official image given no configuration of their own: the image's
 * `mosquitto.conf` defines no listener, so Mosquitto starts in local only mode and listens on the pod's
 * loopback only: no other pod, nor its Service, reaches it. One error per container, on its `image`, whose
 * hint mounts a `mosquitto.conf` with a listener. A volume at the file or a folder above it, arguments that
 * give another configuration (`-c`), a replaced entrypoint (`command`) or a Mosquitto 1 tag is left alone.
 * `app` is the main container's name. Pure.
 */
export function mosquittoListenerProblems(props: PropContainersProps | null | undefined, app: string,
  containers: readonly PropContainerMounts[] = propContainers(props, app)): PropProblem[] {
  // Mount paths are read last, from the entry: they are worked out when first read.
  return containers.flatMap((entry) => {
    const { container, prefix } = entry;
    const image = container.image;
    if (typeof image !== 'string' || !MOSQUITTO_IMAGE.test(image) || MOSQUITTO_1_TAG.test(image.replace(/@.*$/, '')) || container.command !== undefined
      || (Array.isArray(container.args) && container.args.some((arg) => /^(-c|--config-file)$/.test(String(arg))))
      || CONFIG_PATHS.some((path) => entry.mountPaths.has(path))) {
      return [];
    }
    const only = prefix === '' ? '' : `, containers: ['${String(container.name)}']`;
    return [{
      field: `${prefix}image`,
      message: `image "${image}" runs Mosquitto 2 with the image's mosquitto.conf, which defines no listener: it starts in local only mode and listens on the pod's loopback only, where no other pod nor its Service reaches it`,
      hint: "mount a mosquitto.conf that defines a listener and how clients authenticate (listener 1883, then password_file …), e.g. from a ConfigMap: "
        + `persistence: { config: { volume: AppVolume.configMap('mosquitto'), mounts: [{ mountPath: '/mosquitto/config/mosquitto.conf', subPath: 'mosquitto.conf' }]${only} } }`,
    }];
  });
}
