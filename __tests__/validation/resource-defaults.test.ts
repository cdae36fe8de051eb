import { requestWithin } from '../../constructs/app/resources';

test("default requests stay within the limit the user gave (App's and Ollama's)", () => {
  expect(requestWithin('8Gi', '4Gi')).toBe('4Gi');
  expect(requestWithin('128Mi', '64Mi')).toBe('64Mi');
  expect(requestWithin('128Mi', '1Gi')).toBe('128Mi');
  expect(requestWithin('50m', undefined)).toBe('50m');
});
