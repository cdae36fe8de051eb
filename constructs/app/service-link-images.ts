/**
 * Images that take environment variables under a prefix of their own for settings. Kubernetes gives every pod the
 * Docker-link variables of each Service of its namespace (`<NAME>_SERVICE_HOST`, `<NAME>_PORT=tcp://<address>:<port>`,
 * `<NAME>_PORT_<port>_TCP_ADDR`…), and a Service named after the app, as its own Service is, puts them under that
 * prefix: such a pod runs without them (`enableServiceLinks: false`), which no app needs beside cluster DNS.
 */
const SERVICE_LINK_READERS: readonly RegExp[] = [
  // Stash reads STASH_PORT as its port, over its config file: `tcp://<address>:9999` makes it listen on port 0,
  // where no probe, Service or proxy reaches it.
  /^(docker\.io\/)?stashapp\/stash(?=[:@]|$)/,
  // Authelia takes every AUTHELIA_ variable for a setting of its configuration and reports each it does not know;
  // its Kubernetes documentation asks for the links to be off.
  /^((docker\.io|ghcr\.io)\/)?authelia\/authelia(?=[:@]|$)/,
  // Immich's server and machine learning read IMMICH_PORT as their port: a Service named `immich` hands every pod of
  // its namespace `IMMICH_PORT=tcp://<address>:2283`, which the server's settings refuse as no whole number at its
  // start, and on which the machine learning's server cannot bind.
  /^ghcr\.io\/immich-app\/immich-(server|machine-learning)(?=[:@]|$)/,
];

/** Whether a pod running these images must run without the Service links (`enableServiceLinks: false`). Pure. */
export function withoutServiceLinks(images: readonly string[]): boolean {
  return images.some((image) => SERVICE_LINK_READERS.some((reader) => reader.test(image)));
}
