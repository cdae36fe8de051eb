import { App as CdkApp } from 'cdk8s';
import { metalLb, SealedSecret, traefik } from '../constructs';
import type { ClusterChart, ClusterChartProps } from '../constructs';
import { guarded, lab, labCluster, prepopulatedOutdir, synthFindings } from './bad-input/lab';

// A newcomer's mistake on the platform is one error, where it was made: not one more where the choice the
// mistake left empty is read.

/** The errors of the lab's cluster built with `props`, and `more` added to it, as `[layer] path field`. */
function errorsOf(props: Partial<ClusterChartProps>, more: (cluster: ClusterChart) => void = () => undefined): string[] {
  const app = new CdkApp();
  guarded((scope: CdkApp) => more(labCluster(scope, 'main', props)))(app);
  return synthFindings(app, prepopulatedOutdir()).findings.filter((f) => f.severity === 'error').map((f) => `[${f.layer}] ${f.constructPath} ${f.field}`);
}

test('MetalLB given no pool, under an ingress address of a pool, is one error on its pools', () => {
  expect(errorsOf({ loadBalancer: metalLb({ pools: [] }), routes: traefik({ address: lab.pools.vips.at('10.0.8.10') }) })).toEqual(['[props] main loadBalancer.pools']);
});

test("MetalLB given its IPAddressPool's addresses is one error on them, not one more for its missing pools", () => {
  expect(errorsOf({ loadBalancer: metalLb({ addresses: ['10.0.8.10-10.0.8.20'] } as any) })).toEqual(['[props] main loadBalancer.addresses']);
});

test('a SealedSecret given stringData is one error on it, not one more for its missing encryptedData', () => {
  expect(errorsOf({}, (c) => new SealedSecret(c, 'db', { namespace: 'web', stringData: { password: 'hunter2' } } as any))).toEqual(['[props] main/db stringData']);
});
