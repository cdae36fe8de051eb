import type { PropProblem } from '../validation/known-props';
import { type NamedPropContainer, type PropContainerMounts, propEnvValue } from './prop-containers';
import type { LoadBalancerProps } from './props';

// wg-easy changed how it is set up at its release 15. Up to 14 it reads its public host and web password from
// the environment and stops ("WG_HOST Environment Variable Not Set!") without the host, which it writes into
// every client's configuration. From 15 its setup runs in the web UI (or from INIT_* variables), and it refuses
// to start when it finds 14's PASSWORD or PASSWORD_HASH, which a guide written for 14 still sets. Its web UI
// (15) expects HTTPS: its session cookie is marked Secure unless INSECURE is true, so a browser that reaches
// it over plain HTTP drops the cookie and no login holds.

/** wg-easy's images: its own on GitHub's registry and the author's former one on Docker Hub (releases up to 7). */
export const WG_EASY_IMAGE = /^(?:docker\.io\/|ghcr\.io\/)?(?:wg-easy\/wg-easy|weejewel\/wg-easy)(?:[:@]|$)/;

/** The release line of a wg-easy image by its tag: its major number, 15 for `latest` or no tag, unknown for a digest. Pure. */
function releaseLine(image: string): number | undefined {
  if (image.includes('@')) {
    return undefined;
  }
  if (/^(?:docker\.io\/)?weejewel\//.test(image)) {
    return 7;
  }
  const tag = /:([^:/]+)$/.exec(image)?.[1];
  if (tag === undefined || tag === 'latest') {
    return 15;
  }
  const major = /^v?(\d+)(?:[.-]|$)/.exec(tag)?.[1];
  return major === undefined ? undefined : Number(major);
}

/**
 * wg-easy containers set up as another release line expects: from 15 on, `PASSWORD` or `PASSWORD_HASH` set
 * (it stops as it starts); up to 14, no `WG_HOST` (it stops as it starts). One problem, on the first. Pure.
 */
export function wgEasyProblems(containers: readonly NamedPropContainer[]): PropProblem[] {
  for (const container of containers) {
    const image = typeof container.image === 'string' ? container.image : '';
    const line = WG_EASY_IMAGE.test(image) ? releaseLine(image) : undefined;
    if (line === undefined) {
      continue;
    }
    const given = (name: string) => propEnvValue(container.env, name) !== undefined;
    const old = ['PASSWORD', 'PASSWORD_HASH'].find(given);
    if (line >= 15 && old !== undefined) {
      return [{
        field: `${container.field}env.${old}`,
        message: `${image} is wg-easy ${line === 15 && !/:\d/.test(image) ? '15 or later' : `${line}`}, which refuses to start when ${old} is set ("invalid Configuration"): its admin account is made in the web UI's setup, and ${old} belongs to release 14`,
        hint: `drop ${old}; create the admin in the setup page, or set it up unattended with INIT_ENABLED: 'true', INIT_USERNAME and INIT_PASSWORD (from a Secret), INIT_HOST and INIT_PORT; or pin ghcr.io/wg-easy/wg-easy:14 for a guide written for 14`,
      }];
    }
    // The host goes into every client's `Endpoint = <host>:<port>` as written: a scheme or a port makes it no host.
    const hostVariable = ['WG_HOST', 'INIT_HOST'].find((name) => typeof propEnvValue(container.env, name) === 'string');
    const host = hostVariable === undefined ? undefined : String(propEnvValue(container.env, hostVariable)).trim();
    const bare = host === undefined ? undefined : /^(?:[a-z][a-z0-9+.-]*:\/\/)?(\[[^\]]+\]|[^/:]+)(?::\d+)?\/?$/i.exec(host);
    if (host !== undefined && bare !== null && bare !== undefined && bare[1] !== host) {
      return [{
        field: `${container.field}env.${hostVariable}`,
        message: `${hostVariable} is "${host}", written with ${/:\/\//.test(host) ? 'a scheme' : 'a port'}: wg-easy writes it into every client's configuration as the host of Endpoint = <host>:<port>, where it is no host, and no client connects`,
        hint: `write the public name or address alone: ${hostVariable}: '${bare[1]}' (the port is ${line >= 15 ? 'INIT_PORT' : 'WG_PORT'}, 51820 unless set)`,
      }];
    }
    if (line <= 14 && !given('WG_HOST')) {
      return [{
        field: `${container.field}env`,
        message: `${image} is wg-easy ${line}, which writes the server's public host into every client's configuration and stops as it starts without it ("WG_HOST Environment Variable Not Set!")`,
        hint: "set WG_HOST to the public name or address the clients reach the load balancer's WireGuard port at, e.g. env: { WG_HOST: 'vpn.example.com' }",
      }];
    }
  }
  return [];
}

/** What the web UI check reads of an app's props. */
export interface WgEasyUiProps {
  readonly image?: unknown;
  readonly env?: unknown;
  readonly ports?: unknown;
  readonly loadBalancer?: LoadBalancerProps;
}

/**
 * wg-easy 15's web UI (its `PORT`, 51821 unless set) exposed on the app's load balancer, plain HTTP, without
 * `INSECURE: 'true'`: its Secure session cookie is dropped by the browser, so the admin cannot log in. One
 * problem on `loadBalancer.ports` (or `loadBalancer` when it exposes every port). Pure.
 */
export function wgEasyPlainUiProblems(props: WgEasyUiProps): PropProblem[] {
  const image = typeof props.image === 'string' ? props.image : '';
  const line = WG_EASY_IMAGE.test(image) ? releaseLine(image) : undefined;
  if (line === undefined || line < 15 || props.loadBalancer === undefined || String(propEnvValue(props.env, 'INSECURE')).trim() === 'true') {
    return [];
  }
  const uiPort = Number(propEnvValue(props.env, 'PORT') ?? 51821);
  const ports = (Array.isArray(props.ports) ? props.ports : []) as Array<{ name?: unknown; port?: unknown }>;
  const ui = ports.find((p) => p?.port === uiPort);
  const exposed = props.loadBalancer.ports;
  if (ui === undefined || (Array.isArray(exposed) && !exposed.includes(String(ui.name)))) {
    return [];
  }
  return [{
    field: Array.isArray(exposed) ? 'loadBalancer.ports' : 'loadBalancer',
    message: `the load balancer serves wg-easy's web UI (port ${uiPort}) over plain HTTP, and wg-easy ${line} marks its session cookie Secure unless INSECURE is 'true': `
      + 'the browser drops the cookie over HTTP, so no login holds',
    hint: `expose only the WireGuard port on the load balancer (loadBalancer: { …, ports: ['${String(ports.find((p) => p?.port !== uiPort)?.name ?? 'wireguard')}'] }) and serve the UI through a route with TLS (route: { host: 'vpn-admin' }); `
      + "or set INSECURE: 'true' for a UI reached only from a trusted network",
  }];
}

/**
 * wg-easy containers that may not administer the network: it makes the WireGuard interface and its iptables rules as
 * it starts, which takes NET_ADMIN, a capability every container's dropped capabilities take away, and stops when the
 * kernel refuses it ("RTNETLINK answers: Operation not permitted"). A privileged container holds it. One problem per
 * such container, on its `exemptions.addCapabilities`. Pure.
 */
export function wgEasyCapabilityProblems(containers: readonly PropContainerMounts[]): PropProblem[] {
  return containers.flatMap(({ container, prefix }): PropProblem[] => {
    const exemptions = container.exemptions ?? {};
    const added = Array.isArray(exemptions.addCapabilities?.capabilities) ? exemptions.addCapabilities!.capabilities : [];
    const holds = exemptions.privileged !== undefined || added.some((c) => typeof c === 'string' && c.toUpperCase().replace(/^CAP_/, '') === 'NET_ADMIN');
    if (typeof container.image !== 'string' || !WG_EASY_IMAGE.test(container.image) || holds) {
      return [];
    }
    const others = added.filter((c): c is string => typeof c === 'string').map((c) => `'${c}'`);
    return [{
      field: `${prefix}exemptions.addCapabilities`,
      message: `${container.image} is wg-easy, which makes its WireGuard interface and iptables rules as it starts: that takes NET_ADMIN, which the container's dropped capabilities take away, so it stops ("RTNETLINK answers: Operation not permitted")`,
      hint: `add it: exemptions: { addCapabilities: { capabilities: [${["'NET_ADMIN'", ...others].join(', ')}], reason: 'makes the WireGuard interface and its iptables rules' } }`,
    }];
  });
}
