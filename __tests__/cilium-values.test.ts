import { ciliumValues } from '../constructs/platform/components/cilium';

test("a values change pushed through Git restarts Cilium's pods: each part's template carries the checksum of the config it reads", () => {
  // The chart's default only rewrites cilium-config, which the running agents, operator and Envoy keep as they read it at start.
  const values = ciliumValues({ hubble: { relay: true, ui: true } }) as Record<string, any>;
  expect(values.rollOutCiliumPods).toBe(true);
  expect(values.operator.rollOutPods).toBe(true);
  expect(values.envoy.rollOutPods).toBe(true);
  expect(values.hubble.relay.rollOutPods).toBe(true);
  expect(values.hubble.ui.rollOutPods).toBe(true);
  // Parts that are off get no keys of their own.
  expect((ciliumValues({}) as Record<string, any>).hubble).toBeUndefined();
});
