import { App as CdkApp, Chart } from 'cdk8s';
import { ClusterChart } from '../constructs';
import { labCluster } from './bad-input/lab';

// cdk8s' Chart answers instanceof for every chart (Chart.isChart), and subclasses inherit that answer.
describe('instanceof ClusterChart', () => {
  test('is false for a plain chart, and ClusterChart.of does not stop at one', () => {
    const app = new CdkApp();
    const plain = new Chart(app, 'plain');
    expect(plain instanceof ClusterChart).toBe(false);
    expect(() => ClusterChart.of(plain)).toThrow('plain is not inside a cluster');
  });

  test('is true for a cluster chart, false for a subclass it is not of, and of finds it above a plain chart', () => {
    const app = new CdkApp();
    const cluster = labCluster(app);
    class Main extends ClusterChart {}
    expect(cluster instanceof ClusterChart).toBe(true);
    expect(cluster instanceof Main).toBe(false);
    expect(ClusterChart.of(new Chart(cluster, 'extra'))).toBe(cluster);
  });
});
