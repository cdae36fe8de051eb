import { vlan } from '../constructs';

// Facts of a VLAN in the form another tool writes them: one error each, on the field, with the form to write.

test("a purpose that is not text is an error on purpose, which the README's Networks table shows", () => {
  expect(vlan('lan', { id: 1, cidr: '192.168.1.0/24', purpose: 42 as any }).problems).toEqual([
    { field: 'purpose', message: 'purpose 42 is not text', hint: "say in words what the VLAN carries, e.g. purpose: 'IoT devices'" },
  ]);
});

test('a VLAN id written as text is one error whose hint writes the number', () => {
  expect(vlan('lan', { id: '10' as any, cidr: '192.168.10.0/24' }).problems).toEqual([
    { field: 'id', message: 'VLAN id "10" is text, not a number', hint: 'write it as a number: id: 10' },
  ]);
});
