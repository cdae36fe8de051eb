import { podAmount } from '../constructs/validation/pod-limit-ranges';

// How a pod's amount of a resource is summed for a Pod LimitRange: main containers and sidecars add up, a
// plain init container runs beside the sidecars started before it, and the pod needs the larger.

const MI = 2 ** 20;
const container = (path: string, memory: string | undefined, init = false, restartPolicy?: string) => ({
  ref: { container: restartPolicy ? { restartPolicy } : {}, path, init },
  admitted: { requests: {}, limits: memory === undefined ? {} : { memory } },
});

describe('podAmount', () => {
  test('main containers and sidecars add up', () => {
    const amount = podAmount([container('init[0]', '256Mi', true, 'Always'), container('main[0]', '512Mi')], 'limits', 'memory');
    expect(amount).toEqual({ value: 768 * MI, largest: 'main[0]' });
  });

  test('a plain init container that needs less than the running pod adds nothing', () => {
    const amount = podAmount([container('init[0]', '400Mi', true), container('main[0]', '512Mi')], 'limits', 'memory');
    expect(amount?.value).toBe(512 * MI);
  });

  test('a plain init container counts with the sidecars started before it', () => {
    const amount = podAmount([container('init[0]', '256Mi', true, 'Always'), container('init[1]', '1Gi', true), container('main[0]', '128Mi')], 'limits', 'memory');
    expect(amount).toEqual({ value: 1280 * MI, largest: 'init[1]' });
  });

  test('no container states the amount: undefined', () => {
    expect(podAmount([container('main[0]', undefined)], 'limits', 'memory')).toBeUndefined();
  });
});
