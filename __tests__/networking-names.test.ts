import { intendedRouteHost, isAddressHost } from '../constructs/app/route-host';
import { tailnetNameProblem } from '../constructs/validation/tailnet-names';

const full = (label: string) => (label.includes('.') ? label : `${label}.lab.test`);

describe('route hosts as written', () => {
  test('a host copied from the browser or a router gives the name it meant', () => {
    expect(intendedRouteHost('Grafana', full)).toBe('grafana');
    expect(intendedRouteHost('https://grafana.lab.test/login', full)).toBe('grafana.lab.test');
    expect(intendedRouteHost('grafana.lab.test.', full)).toBe('grafana.lab.test');
    expect(intendedRouteHost('my_app:8080', full)).toBe('my-app');
  });

  test('a host that is fine or hopeless gives none', () => {
    expect(intendedRouteHost('grafana', full)).toBeUndefined();
    expect(intendedRouteHost('bücher', full)).toBeUndefined();
  });

  test('addresses of either family are no host names; names with digits are', () => {
    expect(isAddressHost('192.168.1.50')).toBe(true);
    expect(isAddressHost('[fd00::1]')).toBe(true);
    expect(isAddressHost('1password')).toBe(false);
    expect(isAddressHost('k8s.lab.test')).toBe(false);
  });
});

describe('tailnet machine names', () => {
  test('one label of letters of either case, digits and dashes is taken', () => {
    expect(tailnetNameProblem('Web-1')).toBeUndefined();
    expect(tailnetNameProblem('traefik')).toBeUndefined();
    expect(tailnetNameProblem('a'.repeat(63))).toBeUndefined();
  });
});
