import { cleanedPath, pathTraversalProblem } from '../constructs/validation/path-traversal';
import { hostNamespaceSysctlProblem, sysctlPropProblems } from '../constructs/validation/sysctl-rules';

describe('paths the API server takes', () => {
  test.each(['/', '/api/', '/.well-known/acme-challenge', '/files/v1.2/', '/a..b', '/%2e'])('%s is accepted', (path) => {
    expect(pathTraversalProblem(path)).toBeUndefined();
  });
  test('a path with traversal is cleaned as a proxy cleans it', () => {
    expect(cleanedPath('/app/../admin')).toBe('/admin');
    expect(cleanedPath('/api//v1/./x')).toBe('/api/v1/x');
  });
});

describe('sysctls beside host namespaces', () => {
  test('a network sysctl is fine in the pod\'s own network namespace', () => {
    expect(hostNamespaceSysctlProblem('net.ipv4.ip_unprivileged_port_start', false, false)).toBeUndefined();
  });
  test('a sysctl of another namespace is fine on the host network', () => {
    expect(sysctlPropProblems({ 'kernel.shm_rmid_forced': '1' }, true, 'sysctls')).toEqual([]);
  });
});
