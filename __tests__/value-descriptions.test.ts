import { describeValue } from '../constructs/inventory/problems';

// A message names an object of the library by its class. Bundled with esbuild, as the README runs a lab, a
// class that refers to itself is emitted as `var SecretReference = class _SecretReference { … }`, so the
// class's own name carries a leading '_' the user never wrote.

test('a class renamed by the bundler is named as the user imports it', () => {
  // eslint-disable-next-line @typescript-eslint/naming-convention
  class _SecretReference {
    public readonly name = 'operator-oauth';
  }
  expect(describeValue(new _SecretReference())).toBe('a SecretReference ("operator-oauth")');
});

test('a class of the user keeps its name', () => {
  class Oauth {}
  expect(describeValue(new Oauth())).toBe('a Oauth');
});
