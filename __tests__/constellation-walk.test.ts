import type { Construct } from 'constructs';
import { Construct as Scope } from 'constructs';
import { Main } from '../charts/constellation/main';
import { synthInMemory } from './support/synth';

// A walk of the constellation site from a bare K3s cluster to running services: the owner's steps in
// order, then the first sync object by object, for what earlier re-reads of the design left out.

function synthConstellation(exposure: 'nodePort' | 'ingress') {
  const result = synthInMemory((scope: Construct) => new Main(new Scope(scope, 'constellation'), { exposure }));
  const files = new Map([...result.files].filter(([f]) => f.startsWith('constellation/main/')).map(([f, text]) => [f.slice('constellation/main/'.length), text]));
  return { result, files };
}

describe("constellation's ingress alternative: K3s serves ingress-nginx from the nodes without a warning the owner cannot act on", () => {
  const b = synthConstellation('ingress');

  test("the values K3s' adaptation gives ingress-nginx (a DaemonSet on hostPorts behind a ClusterIP Service) raise no warning", () => {
    const onIngressNginx = b.result.findings.filter((f) => f.severity !== 'error' && `${f.constructPath} ${f.message}`.includes('ingress-nginx'));
    expect(onIngressNginx.map((f) => f.message)).toEqual([]);
    const values = b.files.get('0-platform-ingress-nginx.yaml')!;
    expect(values).toContain('kind: DaemonSet');
    expect(values).toContain('type: ClusterIP');
  });
});
