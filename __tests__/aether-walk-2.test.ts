import { App as CdkApp } from 'cdk8s';
import { parse } from 'yaml';
import { cilium, gatewayApi, synthesize } from '../constructs';
import { FRONT_PROXY_HOPS } from '../constructs/platform/gateway-front-proxy';
import { defineAether } from '../charts/aether';
import { lab, labCluster } from './bad-input/lab';
import { synthInMemory } from './support/synth';

// aether walked from a bare cluster once more, past the earlier re-reads: what reaches the apps behind Caddy.

describe("aether: the apps behind Caddy see the client's https, which Caddy forwards and Cilium's Gateway keeps", () => {
  // Caddy terminates TLS and proxies *.apps.home.shdr.ch in plain HTTP to main-gateway, adding
  // X-Forwarded-Proto: https. Cilium's Envoy runs with use_remote_address and, by default, no trusted hop:
  // it then overwrites X-Forwarded-Proto with its own connection's scheme, http. GitLab's sign-in form,
  // posted from https://gitlab.apps.home.shdr.ch, is then refused as cross-origin (422).
  const files = synthInMemory(defineAether).files;

  test.each(['helm', 'bootstrap'])("the %s values of Cilium trust the one proxy in front of the Gateway", (folder) => {
    const values = parse(files.get(`aether/main/${folder}/cilium.values.yml`)!);
    expect(values.gatewayAPI).toEqual({ enabled: true, enableAlpn: true, enableAppProtocol: true, xffNumTrustedHops: 1 });
  });
});

describe('a Cilium Gateway trusts the proxy in front of it only when it serves plain HTTP to one', () => {
  /** `gatewayAPI` of the Cilium values of a lab cluster whose Gateway serves plain HTTP or not. */
  const gatewayValues = (servePlainHttp: boolean) => {
    const app = new CdkApp();
    const cluster = labCluster(app, 'main', {
      cni: cilium({ gatewayApi: {} }),
      routes: gatewayApi({ gatewayClassName: 'cilium', address: lab.pools.vips.at('10.0.8.10'), servePlainHttp }),
    });
    synthesize(app, { outdir: 'unused', write: false });
    return (cluster.platform.get('cilium')!.values as any).gatewayAPI;
  };

  test('served plain HTTP by a TLS-terminating proxy: one trusted hop', () => {
    expect(FRONT_PROXY_HOPS).toBe(1);
    expect(gatewayValues(true).xffNumTrustedHops).toBe(1);
  });

  test("reached by clients directly: Cilium's default, no trusted hop, so no client writes the headers the apps read", () => {
    expect(gatewayValues(false).xffNumTrustedHops).toBeUndefined();
  });
});
