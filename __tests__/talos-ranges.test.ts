import { vlan } from '../constructs';
import { talosClusterRanges, talosRangeVlanProblems } from '../constructs/platform/talos-subnets';

test("Talos' default pod range is the one in force until podSubnets gives another", () => {
  expect(talosClusterRanges().map((r) => r.cidr)).toEqual(['10.244.0.0/16', '10.96.0.0/12']);
  expect(talosClusterRanges(['10.50.0.0/16']).map((r) => r.cidr)).toEqual(['10.50.0.0/16', '10.96.0.0/12']);
  // A block that is no CIDR block has its own error; the check goes on with what it can read.
  expect(talosClusterRanges(['nope']).map((r) => r.cidr)).toEqual(['10.244.0.0/16', '10.96.0.0/12']);
});

test('a VLAN on 10.244.0.0/16 is fine once podSubnets moves the pods elsewhere, and one on the given range is not', () => {
  const cams = vlan('talos-ranges-cams', { id: 40, cidr: '10.244.40.0/24' });
  expect(talosRangeVlanProblems([cams]).map((p) => p.hint)).toEqual([expect.stringContaining('podSubnets')]);
  expect(talosRangeVlanProblems([cams], ['10.50.0.0/16'])).toEqual([]);
  expect(talosRangeVlanProblems([cams], ['10.244.0.0/17'])).toHaveLength(1);
});
