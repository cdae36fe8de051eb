import { headerValueFor } from '../constructs/platform/gateway-api';

test("Cilium's Envoy gets % doubled, so a header value is sent as written; other implementations get it as it is", () => {
  expect(headerValueFor('cilium', '%REQ_ID%')).toBe('%%REQ_ID%%');
  expect(headerValueFor('cilium', 'plain')).toBe('plain');
  expect(headerValueFor('envoy-gateway', '%REQ_ID%')).toBe('%REQ_ID%');
});
