import { defineMobius } from '../charts/mobius';
import { manifestsOf, synthInMemory } from './support/synth';

// mobius, workload by workload: what each needs at run time against what the site renders.

const result = synthInMemory(defineMobius);
const homelab = manifestsOf(result, 'mobius/homelab');
const release = (name: string) => homelab.find((m) => m.kind === 'HelmRelease' && m.metadata.name === name);

describe('mobius at run time', () => {
  test("homelab's monitoring scrapes no control-plane part k0smotron runs outside the cluster", () => {
    // The controller manager, the scheduler and etcd of homelab are pods of N5's management cluster: the
    // chart's Services for them would select nothing in homelab, and the absent targets would fire
    // KubeControllerManagerDown and KubeSchedulerDown to the alert receiver for good.
    const values = release('kube-prometheus-stack').spec.values;
    expect(values.kubeControllerManager).toEqual({ enabled: false });
    expect(values.kubeScheduler).toEqual({ enabled: false });
    expect(values.kubeEtcd).toEqual({ enabled: false });
  });

  test("every cluster's Traefik nests its entry points' redirection and TLS under http, as its chart requires", () => {
    for (const cluster of ['homelab', 'cloud', 'sandbox']) {
      const traefik = manifestsOf(result, `mobius/${cluster}`).find((m) => m.kind === 'HelmRelease' && m.metadata.name === 'traefik');
      const ports = traefik.spec.values.ports;
      expect({ cluster, web: ports.web.http?.redirections?.entryPoint?.to, websecure: ports.websecure.http?.tls?.enabled })
        .toEqual({ cluster, web: 'websecure', websecure: true });
      expect({ cluster, flat: [ports.web.redirections, ports.websecure.tls] }).toEqual({ cluster, flat: [undefined, undefined] });
    }
  });
});
